"""What binds the State decides what applies (issue 17, item 4; review H3, H8): judge.binding, the JSON contract
(`instruments[].bound/why`, `findings[].sources.instruments[].relation/bound`), and the rules that rest on a treaty."""
import dataclasses
import json
from pathlib import Path

import pytest

from conftest import breadth

from lexgap.judge.assess import judge_questionnaire
from lexgap.judge.binding import binding, bindings, bound_of, rests_on
from lexgap.judge.questionnaire import load_questionnaire
from lexgap.load.ruleset_loader import load_ruleset

SWE = "questionnaires/examples/SWE-2015.yaml"
XFR = "questionnaires/examples/XFR-freedonia-2025.yaml"


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


def test_binding_follows_the_ratification_answer_only(ruleset):
    lanz = ruleset.instruments["lanzarote"]
    assert binding(lanz, {"ratification.lanzarote": "ratified"}).bound == "yes"
    signed = binding(lanz, {"ratification.lanzarote": "signed_only"})
    assert signed.bound == "no"
    assert signed.why.startswith("ratification.lanzarote is 'signed_only'") and "signature alone" in signed.why
    assert binding(lanz, {"ratification.lanzarote": "not_applicable"}).bound == "no"
    assert binding(lanz, {"ratification.lanzarote": "unknown"}).bound == "unknown"
    missing = binding(lanz, {})
    assert missing.bound == "unknown" and "not answered" in missing.why
    assert binding(ruleset.instruments["crc-committee"], {}).bound == "no"
    assert binding(ruleset.instruments["eu-directive-2011-93"], {}).bound == "unknown"


def test_bindings_cover_the_catalogue_and_ignore_membership(ruleset):
    table = bindings(ruleset, {"ratification.budapest": "ratified"}, profile="council-of-europe")
    assert set(table) == set(ruleset.instruments)
    assert table["budapest"].bound == "yes" and table["lanzarote"].bound == "unknown"
    assert bound_of(["lanzarote", "budapest"], table) == "yes"
    assert bound_of(["lanzarote"], table) == "unknown"


def test_catalogue_has_dates_and_the_missing_treaties(ruleset):
    """L7: UNTOC is catalogued, and CEDAW and ICCPR have ratification questions; every entry is dated."""
    for iid in ("untoc", "cedaw", "iccpr"):
        inst = ruleset.instruments[iid]
        assert inst.ratification in ruleset.questions
    assert all(i.adopted.year >= 1966 for i in ruleset.instruments.values())
    assert str(ruleset.instruments["opsc"].adopted) == "2000-05-25"


def _assess(cli, path):
    r = cli("assess", path, "--format", "json")
    assert r.code == 0, r.err
    return r.json()


def _status(d, rule):
    return next(f for f in d["findings"] if f["rule"] == rule)


def _copy(write, src, name, changes: dict, **top):
    import yaml
    doc = yaml.safe_load(open(src, encoding="utf-8"))
    doc.update(top)
    for q, v in changes.items():
        a = doc["answers"].get(q)
        if isinstance(a, dict):
            a["value"] = v
        else:
            doc["answers"][q] = {"value": v}
    return write(name, yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


def test_member_that_only_signed_lanzarote_is_not_assessed_on_it(cli, write):
    """H8, SWE-2015 probe: a Council of Europe member that only signed is not "required by Lanzarote"."""
    path = _copy(write, SWE, "h8.yaml", {"ratification.lanzarote": "signed_only", "jurisdiction.nationals_abroad": "yes",
                                         "jurisdiction.no_double_criminality": "no",
                                         "jurisdiction.no_complaint_required": "no", "online.data_preservation": "no"})
    d = _assess(cli, path)
    assert d["profile"]["id"] == "council-of-europe"
    for rule in ("JUR-03", "JUR-04", "ONL-07"):
        f = _status(d, rule)
        assert f["status"] == "not_applicable", (rule, f["explanation"]["summary"])
        assert "does not bind the State" in f["explanation"]["summary"]
    lanz = next(i for i in d["instruments"] if i["id"] == "lanzarote")
    assert lanz["bound"] == "no" and "'signed_only'" in lanz["why"]


def test_non_member_party_to_lanzarote_is_assessed_on_it(cli, write):
    """H8, TUN probe: a non-member that acceded is assessed on the Lanzarote-only standards."""
    path = _copy(write, XFR, "tun.yaml", {"jurisdiction.no_double_criminality": "no", "ratification.lanzarote": "ratified",
                                          "ratification.acrwc": "ratified", "ratification.au_cyber_convention": "ratified"},
                 country="TUN", profile="african-union")
    d = _assess(cli, path)
    f = _status(d, "JUR-03")
    assert f["status"] == "gap"
    assert f["authority"]["label"].startswith("Required by Lanzarote Convention art. 25(4) (binds the State)")


@pytest.mark.parametrize("value", ["unknown", None])
def test_unknown_ratification_makes_a_treaty_rule_unknown(cli, write, value):
    """Unknown ratification never pays: the rule is unknown, never met or gap, and says what to answer."""
    path = _copy(write, XFR, "u.yaml", {"ratification.lanzarote": value or "ratified",
                                        "jurisdiction.no_double_criminality": "yes"})
    if value is None:
        import yaml
        doc = yaml.safe_load(open(path, encoding="utf-8"))
        del doc["answers"]["ratification.lanzarote"]
        path = write("u2.yaml", yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    d = _assess(cli, path)
    f = _status(d, "JUR-03")
    assert f["status"] == "unknown"
    assert f["missing"] == ["ratification.lanzarote"]


def test_sources_carry_relation_and_bound(cli):
    d = _assess(cli, XFR)
    f = _status(d, "MAT-05")
    by_id = {s["id"]: s for s in f["sources"]["instruments"]}
    assert by_id["opsc"]["relation"] == "goes_beyond" and by_id["opsc"]["bound"] == "yes"
    assert by_id["lanzarote"]["relation"] == "requires"
    assert by_id["opsc"]["adopted"] == "2000-05-25"
    for inst in d["instruments"]:
        assert inst["why"], inst
    cited = {s["id"] for f in d["findings"] for s in f["sources"]["instruments"]}
    bound = {i["id"]: i["bound"] for i in d["instruments"]}
    assert cited == set(bound)
    assert all(s["bound"] == bound[s["id"]] for f in d["findings"] for s in f["sources"]["instruments"])
    json.dumps(d)


EXAMPLES = sorted(Path("questionnaires/examples").glob("*.yaml"))


def _with(loaded, qid, value):
    """The loaded questionnaire with one answer replaced (None: left out)."""
    answers = dict(loaded.questionnaire.answers)
    if value is None:
        answers.pop(qid, None)
    else:
        answers[qid] = value
    return dataclasses.replace(loaded, questionnaire=loaded.questionnaire.model_copy(update={"answers": answers}))


@pytest.mark.parametrize("path", breadth(EXAMPLES, ids=[p.stem for p in EXAMPLES], fast=("PHL-2015",)))
def test_unknown_ratification_never_pays(path):
    """For every example and every treaty some rule rests on alone: with the ratification answer unknown (or
    missing), the floor is never above, and the ceiling never below, what any real answer gives; and each rule
    resting only on that treaty is unknown, never met or gap."""
    loaded = load_questionnaire(path)
    ruleset = loaded.ruleset
    treaties = sorted({i for r in ruleset.rules.values() for i in rests_on(r)})
    assert {"opsc", "lanzarote", "budapest"} <= set(treaties)
    for iid in treaties:
        qid = ruleset.instruments[iid].ratification
        options = [o.value for o in ruleset.questions[qid].options]
        real = [judge_questionnaire(_with(loaded, qid, v), memo={}) for v in options]
        for hidden in ("unknown", None):
            a = judge_questionnaire(_with(loaded, qid, hidden), memo={})
            for b, v in zip(real, options):
                if a.band.floor is not None and b.band.floor is not None:
                    assert a.band.floor <= b.band.floor + 1e-9, (path.stem, iid, hidden, v)
                if a.band.ceiling is not None and b.band.ceiling is not None:
                    assert a.band.ceiling >= b.band.ceiling - 1e-9, (path.stem, iid, hidden, v)
            only = [r.id for r in ruleset.rules.values() if rests_on(r) == [iid]]
            status = {f.rule: f.status for f in a.findings}
            assert all(status[rid] == "unknown" for rid in only), (path.stem, iid, hidden,
                                                                  {rid: status[rid] for rid in only})


def test_a_ratification_question_feeds_the_rules_that_rest_on_its_treaty(ruleset, cli, write):
    """The todo list ranks the Lanzarote status by the rules it decides, not as mere context."""
    from lexgap.judge import guidance
    assert {"JUR-02", "JUR-03", "JUR-04"} <= {r.id for r in guidance.feeds(ruleset, "ratification.lanzarote")}
    assert "DEM-11" in {r.id for r in guidance.feeds(ruleset, "ratification.opsc")}
    p = write("ken.yaml", "format: 1\ncountry: KEN\nas_of: 2020-01-01\nprepared_by: {name: T}\n"
                          "answers:\n  ages.child_definition: 18\n")
    line = next(l for l in cli("validate", "--todo", p).out.splitlines() if "ratification.lanzarote " in l)
    assert line.split()[0] == "medium" and "JUR-03" in line


def test_a_not_applicable_treaty_is_said_only_to_be_unjoined_never_unjoinable(cli, tmp_path):
    """Review 11, F3: the Budapest Convention is open to non-members, so `not_applicable` (not a member, not
    joined) never becomes "cannot join as a non-member" in a finding's reason."""
    import yaml
    from conftest import EXAMPLES as FOLDER
    doc = yaml.safe_load((FOLDER / "PHL-2015.yaml").read_text(encoding="utf-8"))
    doc["answers"]["ratification.budapest"] = "not_applicable"
    path = tmp_path / "PHL-budapest-na.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data = cli("assess", path, "--format", "json").json()
    whys = " ".join(f["why"] for f in data["findings"] if "budapest" in json.dumps(f).lower())
    assert "cannot join" not in json.dumps(data)
    assert "it is not a member of the organisation that made the treaty and has not joined it" in whys, whys
