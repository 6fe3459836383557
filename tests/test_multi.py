import pytest
"""compare, diff, reconcile and batch on hand-made questionnaires with known answers."""
import csv
import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path


HEAD = """\
format: 1
country: {country}
as_of: {as_of}
prepared_by: {{name: Test}}
sources:
  - {{id: src, title: {source}, kind: {kind}}}
answers:
"""


def questionnaire(write, name, answers: dict, country="KEN", as_of="2015-10-01",
                  source="State party report", kind="state_report"):
    lines = [HEAD.format(country=country, as_of=as_of, source=source, kind=kind)]
    for qid, (value, article) in answers.items():
        lines.append(f"  {qid}:\n    value: {json.dumps(value)}\n"
                     f"    citations: [{{instrument: Penal Code, article: \"{article}\", source: src}}]\n")
    return write(name, "".join(lines))


OLD = {"ages.has_consent_age": ("yes", "s. 1"), "ages.consent_age": (12, "s. 2"),
       "material.possession": ("no", "s. 3"), "online.grooming_offence": ("yes", "s. 4")}
NEW = {"ages.has_consent_age": ("yes", "s. 1"), "ages.consent_age": (16, "Act 11648 s. 1"),
       "material.possession": ("yes", "Act 11930 s. 4"), "online.grooming_offence": ("no", "s. 4 repealed")}


def test_diff_shows_closed_and_opened_gaps_with_both_citations(cli, write):
    old = questionnaire(write, "old.yaml", OLD)
    new = questionnaire(write, "new.yaml", NEW, as_of="2024-01-01")
    r = cli("diff", old, new, "--format", "json")
    assert r.code == 0, r.err
    d = r.json()
    assert {c["rule"] for c in d["closed"]} == {"AGE-05", "MAT-05"}
    assert {c["rule"] for c in d["opened"]} == {"ONL-01", "ONL-02", "ONL-03"}  # repeal: its follow-ups fall with it
    changed = {a["question"]: a for a in d["answers_changed"]}
    assert set(changed) == {"ages.consent_age", "material.possession", "online.grooming_offence"}
    assert changed["ages.consent_age"]["old"]["value"] == 12
    assert changed["ages.consent_age"]["new"]["citations"][0]["article"] == "Act 11648 s. 1"
    assert changed["ages.consent_age"]["old"]["citations"][0]["article"] == "s. 2"
    assert d["score_delta"] == round(d["new"]["score"] - d["old"]["score"], 1)
    text = cli("diff", old, new).out
    assert "Gaps closed: 2 · gaps opened: 3" in text
    assert "was: 12  [Penal Code s. 2]" in text and "now: 16  [Penal Code Act 11648 s. 1]" in text


def test_diff_refuses_two_countries_unless_forced(cli, write):
    a = questionnaire(write, "a.yaml", OLD)
    b = questionnaire(write, "b.yaml", NEW, country="UGA")
    r = cli("diff", a, b)
    assert r.code == 1
    assert "describes Kenya (KEN)" in r.err and "Uganda (UGA)" in r.err and "--force" in r.err
    r = cli("diff", a, b, "--force", "--format", "json")
    assert r.code == 0 and r.json()["forced"] is True


def test_reconcile_lists_disagreements_and_issues(cli, write):
    state = questionnaire(write, "state.yaml", OLD, source="State party report CRC/C/OPSC/KEN/1")
    ngo = questionnaire(write, "ngo.yaml", {**OLD, "material.possession": ("partly", "Sexual Offences Act s. 16")},
                        source="NGO alternative report", kind="ngo_report")
    r = cli("reconcile", state, ngo, "--format", "json")
    assert r.code == 0, r.err
    rec = r.json()
    assert [d["question"] for d in rec["disagreements"]] == ["material.possession"]
    d = rec["disagreements"][0]
    assert d["a"]["citations"][0]["article"] == "s. 3" and d["b"]["citations"][0]["article"] == "Sexual Offences Act s. 16"
    assert "MAT-05" in d["rules"]
    assert rec["findings"] == [{"rule": "MAT-05", "title": "Mere possession is an offence", "area": "material",
                                "severity": "critical", "a": "gap", "b": "partial"}]
    assert rec["agreed"] == 3
    assert rec["list_of_issues"][0].startswith("Please clarify whether mere possession of child sexual abuse material "
                                               "is an offence")
    assert "State party report CRC/C/OPSC/KEN/1 answers “no” (citing Penal Code s. 3)" in rec["list_of_issues"][0]
    text = cli("reconcile", state, ngo).out
    assert "List of issues:" in text and "1. Please clarify" in text


def test_reconcile_refuses_different_dates(cli, write):
    a = questionnaire(write, "a.yaml", OLD)
    b = questionnaire(write, "b.yaml", OLD, as_of="2016-01-01")
    r = cli("reconcile", a, b)
    assert r.code == 1 and "dates differ (2015-10-01 / 2016-01-01)" in r.err


@pytest.mark.slow
def test_compare_csv_and_xlsx_hold_the_json_numbers(cli, write, tmp_path):
    from openpyxl import load_workbook
    a = questionnaire(write, "a.yaml", OLD)
    b = questionnaire(write, "b.yaml", NEW, country="UGA", as_of="2024-01-01")
    data = cli("compare", a, b, "--format", "json").json()
    assert [c["key"] for c in data["columns"]] == ["KEN 2015", "UGA 2024"]
    mat = next(r for r in data["rules"] if r["rule"] == "MAT-05")
    assert mat["statuses"] == {"KEN 2015": "gap", "UGA 2024": "met"}
    assert mat["summary"] == "1 of 2 countries meets this standard"
    rows = list(csv.reader(io.StringIO(cli("compare", a, b, "--format", "csv").out)))
    header = rows[0]
    by_id = {(r[0], r[1]): dict(zip(header, r)) for r in rows[1:]}
    assert by_id[("rule", "MAT-05")]["KEN 2015"] == "gap" and by_id[("rule", "MAT-05")]["met"] == "1"
    assert float(by_id[("score_floor", "overall")]["UGA 2024"]) == data["columns"][1]["score"]
    # a column with little decided is never given one score, but is ranked by the floor it proves (review 11, F2)
    cov = data["columns"][1]["coverage"]
    assert by_id[("score", "overall")]["UGA 2024"] == f"insufficient ({cov:.0f}%)"
    assert data["columns"][1]["rank"] is not None
    assert by_id[("rank", "overall")]["UGA 2024"] == str(data["columns"][1]["rank"])
    assert by_id[("profile", "overall")]["UGA 2024"] == data["columns"][1]["profile"]
    ages = next(x for x in data["areas"] if x["id"] == "ages")
    assert by_id[("area_score", "ages")]["KEN 2015"] in ("not assessed", f"insufficient ({ages['bands']['KEN 2015']['coverage']:.0f}%)") \
        or float(by_id[("area_score", "ages")]["KEN 2015"]) == ages["bands"]["KEN 2015"]["decided"]
    out = tmp_path / "c.xlsx"
    assert cli("compare", a, b, "--format", "xlsx", "-o", out).code == 0
    wb = load_workbook(out)
    countries = list(wb["Countries"].iter_rows(values_only=True))
    assert countries[0][5] == "Score band (proven–possible)" and countries[0][8] == "Score with unknown as gap"
    assert countries[1][8] == data["columns"][0]["score"] and countries[2][7] == data["columns"][1]["coverage"]
    assert countries[2][5] == f"insufficient ({cov:.0f}%)" and countries[2][6] == data["columns"][1]["rank"]
    rules = {row[0]: row for row in wb["Rules"].iter_rows(values_only=True)}
    assert rules["MAT-05"][4:6] == ("Gap", "Met")


def test_compare_html_is_sortable_and_escaped(cli, write):
    a = questionnaire(write, "a.yaml", OLD, source="<script>alert(1)</script>")
    html = cli("compare", a, "--format", "html").out
    assert "<script>alert(1)</script>" not in html
    assert "table.sortable" in html


def _batch_folder(write, with_broken=True):
    questionnaire(write, "in/ken.yaml", OLD)
    questionnaire(write, "in/uga.yaml", NEW, country="UGA")
    if with_broken:
        write("in/broken.yaml", "format: 1\ncountry: KEN\ncountry: UGA\n")


@pytest.mark.slow
def test_batch_reports_broken_file_and_continues(cli, write, tmp_path):
    (tmp_path / "in").mkdir()
    _batch_folder(write)
    out = tmp_path / "out"
    r = cli("batch", tmp_path / "in", "-o", out, "--format", "html", "--jobs", "1")
    assert r.code == 1
    assert f"{tmp_path / 'in' / 'broken.yaml'}:3:1: duplicate key 'country'" in r.err
    assert "2 assessed, 0 unchanged (skipped), 1 failed" in r.err
    for name in ("ken.html", "ken.json", "uga.html", "uga.json", "index.html", "compare.html", "compare.csv"):
        assert (out / name).is_file(), name
    index = (out / "index.html").read_text()
    assert "Kenya (KEN)" in index and "broken.yaml" in index and 'href="./ken.html"' in index
    # a re-run skips unchanged questionnaires; --force renders again
    r = cli("batch", tmp_path / "in", "-o", out, "--format", "html", "--jobs", "1")
    assert "0 assessed, 2 unchanged (skipped), 1 failed" in r.err
    (tmp_path / "in" / "uga.yaml").write_text((tmp_path / "in" / "uga.yaml").read_text().replace("2015-10-01", "2016-10-01"))
    r = cli("batch", tmp_path / "in", "-o", out, "--format", "html", "--jobs", "1")
    assert "1 assessed, 1 unchanged (skipped), 1 failed" in r.err
    r = cli("batch", tmp_path / "in", "-o", out, "--format", "html", "--force")
    assert "2 assessed, 0 unchanged (skipped), 1 failed" in r.err


@pytest.mark.slow  # a pool of worker processes; batch in one process is in test-fast
def test_batch_all_good_exits_0_in_parallel(cli, write, tmp_path):
    (tmp_path / "in").mkdir()
    _batch_folder(write, with_broken=False)
    r = cli("batch", tmp_path / "in", "-o", tmp_path / "out", "--format", "json", "--jobs", "2")
    assert r.code == 0, r.err
    assert json.loads((tmp_path / "out" / "compare.json").read_text())["columns"][0]["code"] == "KEN"


@pytest.mark.pdf
def test_interrupted_batch_leaves_only_complete_files(tmp_path):
    from pypdf import PdfReader
    from lexgap.load.ruleset_loader import load_ruleset
    from lexgap.load.synthetic import synthetic_questionnaire
    src = tmp_path / "in"
    src.mkdir()
    ruleset = load_ruleset()
    for i in range(24):  # far more work than happens between the first report and the signal
        (src / f"q{i:02d}.yaml").write_text(json.dumps(synthetic_questionnaire(ruleset, i)))
    out = tmp_path / "out"
    # SIGINT back to its default in the child: a shell without job control starts background commands
    # (a CI script run with `&`) with SIGINT ignored, and Python then never raises KeyboardInterrupt.
    proc = subprocess.Popen([sys.executable, "-m", "lexgap", "batch", str(src), "-o", str(out), "--format", "pdf",
                             "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 120
    while time.time() < deadline and not list(out.glob("q*.pdf")) and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before the first report appeared"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert not list(out.glob(".*.part")), "temporary files left behind"
    pdfs = list(out.glob("q*.pdf"))
    assert 0 < len(pdfs) < 24
    for pdf in pdfs:
        assert len(PdfReader(pdf).pages) > 1
    for js in out.glob("q*.json"):
        json.loads(js.read_text())
        assert (out / (js.stem + ".pdf")).exists(), "json is written last: its report must be complete"


@pytest.mark.slow
def test_compare_ranks_every_assessed_column_by_its_floor_and_shows_profiles(cli):
    examples = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "questionnaires" / "examples").glob("*.yaml"))
    data = cli("compare", *examples, "--format", "json").json()
    cols = {c["key"]: c for c in data["columns"]}
    assert any(not c["band"]["sufficient"] for c in cols.values())  # BGD, NIC: ranked all the same (review 11, F2)
    for c in cols.values():
        assert c["rank"] is not None, c["key"]
    ranked = sorted((c for c in cols.values() if c["rank"]), key=lambda c: c["rank"])
    assert [c["rank"] for c in ranked] == list(range(1, len(ranked) + 1))
    assert all((a["band"]["floor"], a["band"]["coverage"]) >= (b["band"]["floor"], b["band"]["coverage"])
               for a, b in zip(ranked, ranked[1:]))  # by the proven floor, then coverage
    text = cli("compare", *examples).out
    assert "insufficient (" in text and "saarc" in text and "council-of-europe" in text


def test_compare_words_each_standard_by_who_meets_it_and_who_is_unknown(cli, write, tmp_path):
    """Review 12, item 13: '1 of 1 country meet', and '0 of 2 countries meet' for a standard neither
    questionnaire decides, which read as two failures. Text, HTML (and so PDF) and XLSX say the same."""
    from openpyxl import load_workbook

    from lexgap.models.assessment import Counts
    from lexgap.models.comparison import rule_summary
    assert rule_summary(Counts(met=1)) == "1 of 1 country meets this standard"
    assert rule_summary(Counts(gap=2, not_applicable=1)) == "0 of 2 countries meet this standard"
    assert rule_summary(Counts(not_applicable=2)) == "applies to none of these countries"
    a = questionnaire(write, "a.yaml", OLD)
    b = questionnaire(write, "b.yaml", {**OLD, "material.possession": ("yes", "s. 3")}, country="UGA")
    met_one = "MAT-05: 1 of 2 countries meets this standard"
    neither = "0 of 2 countries meet this standard (2 unknown)"
    text = " ".join(cli("compare", a, b).out.split())
    assert met_one.split(": ")[1] in text and neither in text
    html = cli("compare", a, b, "--format", "html").out
    assert f"<td>{met_one.split(': ')[1]}</td>" in html and f"<td>{neither}</td>" in html
    assert cli("compare", a, b, "-o", tmp_path / "c.xlsx").code == 0
    ws = load_workbook(tmp_path / "c.xlsx")["Rules"]
    summaries = {row[0].value: row[-1].value for row in ws.iter_rows(min_row=2)}
    assert summaries["MAT-05"] == met_one.split(": ")[1]
    assert neither in summaries.values()
