"""Issue 17 item 12: `--param name=value` for the declared policy parameters only, shown in every
output as a deviation from the ruleset's default."""
from pathlib import Path

import pytest

from conftest import breadth

ROOT = Path(__file__).resolve().parents[1]
PHL = str(ROOT / "questionnaires/examples/PHL-2022.yaml")
SWE = str(ROOT / "questionnaires/examples/SWE-2015.yaml")


def test_a_policy_parameter_changes_the_verdict_and_says_so(cli):
    base = cli("assess", SWE, "--format", "json").json()
    what_if = cli("assess", SWE, "--format", "json", "--param", "min_age_sexual_consent=18").json()
    status = lambda d: {f["rule"]: f["status"] for f in d["findings"]}["AGE-05"]  # noqa: E731
    assert status(base) == "met" and status(what_if) == "partial"  # Sweden's 15 against 18
    assert base["deviations"] == []
    (dev,) = what_if["deviations"]
    assert (dev["parameter"], dev["value"], dev["default"]) == ("min_age_sexual_consent", 18, 15)
    assert what_if["profile"]["parameters"]["min_age_sexual_consent"] == 18
    assert "what if: min_age_sexual_consent = 18 (profile council-of-europe applies 15)" in what_if["band"]["headline"]
    text = " ".join(cli("assess", SWE, "--param", "min_age_sexual_consent=18").out.split())
    assert "[what if: min_age_sexual_consent = 18 (profile council-of-europe applies 15)]" in text
    html = cli("assess", SWE, "--format", "html", "--param", "min_age_sexual_consent=18").out
    assert "Not the ruleset&#39;s assessment" in html or "Not the ruleset's assessment" in html


def test_the_default_value_is_no_deviation(cli):
    d = cli("assess", PHL, "--format", "json", "--param", "min_age_sexual_consent=16").json()
    assert d["deviations"] == [] and "what if" not in d["band"]["headline"]


@pytest.mark.parametrize("param, words", [
    ("child_age=16", "child_age: it is set by the report or a binding treaty"),
    ("no_such=1", "no_such: no such parameter"),
    ("min_age_marriage=eighteen", "give a whole number (the default is 18)"),
    ("min_age_marriage", "write NAME=VALUE"),
])
def test_anything_but_a_policy_parameter_is_refused(cli, param, words):
    r = cli("assess", PHL, "--param", param)
    assert r.code == 2 and words in r.err and "the policy parameters: grooming_protection_age" in r.err


@pytest.mark.parametrize("params, words", [
    (["min_age_sexual_consent=0"], "min_age_sexual_consent=0: outside 10-21, the values the rules were written for"),
    (["max_close_in_age_gap=99"], "max_close_in_age_gap=99: outside 0-10"),
    (["min_age_sexual_consent=12"],
     "min_age_sexual_consent_floor (14) may not exceed min_age_sexual_consent (12): set "
     "min_age_sexual_consent_floor to 12 or less as well"),
    (["min_age_marriage_exception=19"], "min_age_marriage_exception (19) may not exceed min_age_marriage (18)"),
])
def test_a_threshold_outside_what_the_rules_were_written_for_is_refused(cli, params, words):
    """Review 11, F6: `min_age_sexual_consent=0` made the consent standard vanish, and a threshold under its own
    floor made AGE-06 not applicable; both are usage errors naming the bound."""
    r = cli("assess", PHL, *[a for p in params for a in ("--param", p)])
    assert r.code == 2 and words in r.err, r.err


def test_a_lower_threshold_with_its_floor_is_a_what_if(cli):
    d = cli("assess", PHL, "--format", "json", "--param", "min_age_sexual_consent=12",
            "--param", "min_age_sexual_consent_floor=12").json()
    assert {x["parameter"] for x in d["deviations"]} == {"min_age_sexual_consent", "min_age_sexual_consent_floor"}


@pytest.mark.parametrize("document", breadth(["brief", "co", "loi", "report"], ids=["brief", "co", "loi", "report"],
                                              fast=("co",)))
def test_every_word_document_of_a_what_if_says_it_is_not_the_assessment(cli, tmp_path, document):
    """Review 11, F6: the Word documents are the ones sent on; a what-if draft says so under its title."""
    import docx
    out = tmp_path / f"{document}.docx"
    r = cli("assess", PHL, "--param", "max_close_in_age_gap=2", "--format", "docx", "--document", document, "-o", out)
    assert r.code == 0, r.err
    texts = [p.text for p in docx.Document(out).paragraphs]
    assert any(t.startswith("[Not the assessment: what if: max_close_in_age_gap = 2") for t in texts[:12]), texts[:12]
    plain = tmp_path / f"plain-{document}.docx"
    assert cli("assess", PHL, "--format", "docx", "--document", document, "-o", plain).code == 0
    assert not any("Not the assessment" in p.text for p in docx.Document(plain).paragraphs)


def test_a_profile_outside_a_parameters_range_is_refused_at_its_line(ruleset_copy, cli):
    path = ruleset_copy / "profiles" / "council-of-europe.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  min_age_sexual_consent: 15", "  min_age_sexual_consent: 9"), encoding="utf-8")
    line = next(n for n, x in enumerate(text.splitlines(), 1) if "min_age_sexual_consent: 15" in x)
    r = cli("rules", "list")
    assert r.code == 1
    assert any(x.startswith(f"{path}:{line}:") and "profile council-of-europe sets min_age_sexual_consent = 9: "
               "outside 10-21" in x for x in r.err.splitlines()), r.err


def test_compare_and_diff_name_the_deviation(cli, tmp_path):
    c = cli("compare", PHL, SWE, "--format", "json", "--param", "max_close_in_age_gap=2").json()
    assert any("max_close_in_age_gap = 2" in d for d in c["deviations"])
    out = " ".join(cli("compare", PHL, SWE, "--param", "max_close_in_age_gap=2").out.split())
    assert "WHAT IF (not the ruleset's assessment): what if: max_close_in_age_gap = 2" in out
    csv = cli("compare", PHL, SWE, "--format", "csv", "--param", "max_close_in_age_gap=2").out
    assert "deviation,what_if,what if: max_close_in_age_gap = 2" in csv
    old = str(ROOT / "questionnaires/examples/PHL-2015.yaml")
    d = " ".join(cli("diff", old, PHL, "--param", "min_age_sexual_consent=18").out.split())
    assert "what if: min_age_sexual_consent = 18" in d


def test_reconcile_takes_the_parameter_and_names_it(cli, tmp_path):
    other = tmp_path / "PHL-2022-copy.yaml"
    other.write_text(Path(PHL).read_text(encoding="utf-8"), encoding="utf-8")
    r = cli("reconcile", PHL, str(other), "--format", "json", "--param", "min_age_sexual_consent=18").json()
    assert r["deviations"] == ["what if: min_age_sexual_consent = 18 (profile base applies 16)"]
    assert cli("reconcile", PHL, str(other), "--format", "json").json()["deviations"] == []
    text = " ".join(cli("reconcile", PHL, str(other), "--param", "min_age_sexual_consent=18").out.split())
    assert "WHAT IF (not the ruleset's assessment): what if: min_age_sexual_consent = 18" in text
    html = cli("reconcile", PHL, str(other), "--format", "html", "--param", "min_age_sexual_consent=18").out
    assert "min_age_sexual_consent = 18" in html
    bad = cli("reconcile", PHL, str(other), "--param", "child_age=16")
    assert bad.code == 2 and "child_age: it is set by the report or a binding treaty" in bad.err


@pytest.mark.slow  # a batch run three times over; compare, diff and reconcile take the parameter in test-fast
def test_batch_takes_the_parameter_renders_again_and_refuses_a_fixed_threshold(cli, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("PHL-2015.yaml", "SWE-2015.yaml"):
        (src / name).write_text((ROOT / "questionnaires/examples" / name).read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    r = cli("batch", str(src), "-o", str(out), "--format", "json", "--jobs", "1", "--param", "min_age_sexual_consent=18")
    assert r.code == 0, r.err
    import json
    swe = json.loads((out / "SWE-2015.json").read_text(encoding="utf-8"))
    assert [d["value"] for d in swe["deviations"]] == [18]
    assert any("min_age_sexual_consent = 18" in d for d in json.loads((out / "compare.json").read_text())["deviations"])
    again = cli("batch", str(src), "-o", str(out), "--format", "json", "--jobs", "1")  # without it: not "unchanged"
    assert again.code == 0 and "2 assessed, 0 unchanged" in again.err
    assert json.loads((out / "SWE-2015.json").read_text(encoding="utf-8"))["deviations"] == []
    bad = cli("batch", str(src), "-o", str(tmp_path / "o2"), "--param", "child_age=16")
    assert bad.code == 2 and "child_age: it is set by the report or a binding treaty" in bad.err
    assert not (tmp_path / "o2").exists() or not any((tmp_path / "o2").iterdir())


def test_a_what_if_is_named_in_the_diff_and_the_batch_index_and_never_gated(cli, tmp_path):
    """Review 13, N3: the diff's HTML and the batch index showed what-if scores without a word, and
    --fail-under passed or failed a State on a threshold the ruleset does not use."""
    old = str(ROOT / "questionnaires/examples/PHL-2015.yaml")
    d = cli("diff", old, PHL, "--param", "max_close_in_age_gap=2", "--format", "json").json()
    assert d["deviations"] == ["what if: max_close_in_age_gap = 2 (profile base applies 3)"]
    html = cli("diff", old, PHL, "--param", "max_close_in_age_gap=2", "--format", "html").out
    assert "<strong>What if</strong> (not the ruleset's assessment): what if: max_close_in_age_gap = 2" in html
    assert cli("diff", old, PHL, "--format", "json").json()["deviations"] == []
    src = tmp_path / "in"
    src.mkdir()
    (src / "PHL.yaml").write_text(Path(PHL).read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("batch", str(src), "-o", str(tmp_path / "out"), "--format", "json", "--jobs", "1",
               "--param", "max_close_in_age_gap=2").code == 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<strong>What if</strong> (not the ruleset's assessment): what if: max_close_in_age_gap = 2" in index
    gated = cli("assess", PHL, "--param", "max_close_in_age_gap=2", "--fail-under", "10", "--format", "json")
    assert gated.code == 2 and "--fail-under gates the assessment, not a what-if" in gated.err and gated.out == ""


def test_a_floor_is_checked_against_the_threshold_the_profile_applies(cli):
    """Review 13, N4: the Council of Europe's profile applies an age of consent of 15; a floor of 16 passed
    the check against the ruleset's default (16) and made AGE-06 not applicable for Sweden."""
    swe = str(ROOT / "questionnaires/examples/SWE-2015.yaml")
    r = cli("assess", swe, "--param", "min_age_sexual_consent_floor=16", "--format", "json")
    assert r.code == 2 and "--param under profile council-of-europe: min_age_sexual_consent_floor (16) may not " \
        "exceed min_age_sexual_consent (15)" in r.err, r.err
    assert cli("assess", PHL, "--param", "min_age_sexual_consent_floor=16", "--format", "json").code == 0  # base: 16
