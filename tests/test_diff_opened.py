"""A rule that newly falls short is an opened gap, whether it newly applies or is newly known."""
import json


def questionnaire(write, name, answers: dict, as_of="2015-10-01"):
    body = (f"format: 1\ncountry: KEN\nas_of: {as_of}\nprepared_by: {{name: Test}}\nanswers:\n"
            + "".join(f"  {q}: {json.dumps(v)}\n" for q, v in answers.items()))
    return write(name, body)


def kinds(d):
    return {c["rule"]: (c["old"], c["new"], c["kind"]) for c in d["changes"]}


def test_rule_that_now_applies_and_falls_short_is_opened(cli, write):
    # no jurisdiction abroad: the double-criminality and complaint rules cannot apply
    old = questionnaire(write, "old.yaml", {"jurisdiction.nationals_abroad": "no"})
    # jurisdiction abroad, but only with double criminality for some offences and on complaint
    new = questionnaire(write, "new.yaml", {"jurisdiction.nationals_abroad": "yes",
                                            "jurisdiction.no_double_criminality": "partly",
                                            "jurisdiction.no_complaint_required": "no"}, as_of="2024-01-01")
    r = cli("diff", old, new, "--format", "json")
    assert r.code == 0, r.err
    d = r.json()
    assert kinds(d)["JUR-03"] == ("not_applicable", "partial", "opened")
    assert kinds(d)["JUR-04"] == ("not_applicable", "gap", "opened")
    assert {"JUR-03", "JUR-04"} <= {c["rule"] for c in d["opened"]}
    assert all(c["kind"] == "opened" for c in d["opened"])

    text = cli("diff", old, new).out
    opened = text.split("Gaps opened:\n")[1].split("\n\n")[0].splitlines()
    assert "  JUR-03  not_applicable → partial  No double criminality requirement  (now applies)" in opened
    assert any(line.startswith("  JUR-04  not_applicable → gap  ") and line.endswith("(now applies)")
               for line in opened)
    assert f"gaps opened: {len(d['opened'])}" in text


def test_rule_now_known_to_fall_short_is_opened(cli, write):
    old = questionnaire(write, "old.yaml", {"jurisdiction.nationals_abroad": "yes"})
    new = questionnaire(write, "new.yaml", {"jurisdiction.nationals_abroad": "yes",
                                            "jurisdiction.residents_abroad": "yes",
                                            "jurisdiction.no_double_criminality": "no",
                                            "jurisdiction.no_complaint_required": "no"}, as_of="2024-01-01")
    d = cli("diff", old, new, "--format", "json").json()
    assert kinds(d)["JUR-03"] == ("unknown", "gap", "opened")
    assert kinds(d)["JUR-04"] == ("unknown", "gap", "opened")
    # unknown -> met is news, not a gap closed
    assert kinds(d)["JUR-02"] == ("unknown", "met", "now_known")
    assert "JUR-02" not in {c["rule"] for c in d["closed"]}
    assert {c["rule"] for c in d["opened"]} == {"JUR-03", "JUR-04"}
    text = cli("diff", old, new).out
    assert "  JUR-03  unknown → gap  No double criminality requirement  (now known)" in text
    assert "Other status changes:\n  JUR-02  unknown → met  " in text


def test_unknown_to_partial_is_opened(cli, write):
    old = questionnaire(write, "old.yaml", {"jurisdiction.nationals_abroad": "yes"})
    new = questionnaire(write, "new.yaml", {"jurisdiction.nationals_abroad": "yes",
                                            "jurisdiction.no_double_criminality": "partly"}, as_of="2024-01-01")
    d = cli("diff", old, new, "--format", "json").json()
    assert kinds(d)["JUR-03"] == ("unknown", "partial", "opened")
    assert [c["rule"] for c in d["opened"]] == ["JUR-03"]


def test_regressions_stay_opened_and_met_to_partial_stays_worsened(cli, write):
    old = questionnaire(write, "old.yaml", {"jurisdiction.nationals_abroad": "yes",
                                            "jurisdiction.no_double_criminality": "yes",
                                            "jurisdiction.no_complaint_required": "yes"})
    new = questionnaire(write, "new.yaml", {"jurisdiction.nationals_abroad": "yes",
                                            "jurisdiction.no_double_criminality": "partly",
                                            "jurisdiction.no_complaint_required": "no"}, as_of="2024-01-01")
    d = cli("diff", old, new, "--format", "json").json()
    assert kinds(d)["JUR-04"] == ("met", "gap", "opened")
    assert kinds(d)["JUR-03"] == ("met", "partial", "worsened")
    assert [c["rule"] for c in d["opened"]] == ["JUR-04"]
    assert "(now" not in cli("diff", old, new).out
