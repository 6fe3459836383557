"""A rule that newly falls short is an opened gap, whether it newly applies or is newly known."""
import json


def questionnaire(write, name, answers: dict, as_of="2015-10-01"):
    body = (f"format: 1\ncountry: KEN\nas_of: {as_of}\nprepared_by: {{name: Test}}\nanswers:\n"
            + "".join(f"  {q}: {json.dumps(v)}\n" for q, v in answers.items()))
    return write(name, body)


def kinds(d):
    return {c["rule"]: (c["old"], c["new"], c["kind"]) for c in d["changes"]}


def test_rule_that_now_applies_and_falls_short_is_opened(cli, write):
    # party to neither treaty in 2015: the reservation rule cannot apply
    old = questionnaire(write, "old.yaml", {"ratification.limiting_reservation": "not_applicable",
                                            "ratification.uncrc": "signed_only", "ratification.opsc": "not_signed"})
    # a party since, with a reservation that limits protection
    new = questionnaire(write, "new.yaml", {"ratification.limiting_reservation": "yes", "ratification.uncrc": "ratified",
                                            "ratification.opsc": "not_signed"}, as_of="2024-01-01")
    r = cli("diff", old, new, "--format", "json")
    assert r.code == 0, r.err
    d = r.json()
    assert kinds(d)["RAT-07"] == ("not_applicable", "gap", "opened")
    assert "RAT-07" in {c["rule"] for c in d["opened"]}
    assert all(c["kind"] == "opened" for c in d["opened"])

    text = cli("diff", old, new).out.replace("\n      ", " ")  # a change wrapped at 100 columns, as one line
    opened = text.split("Gaps opened:\n")[1].split("\n\n")[0].splitlines()
    assert any(line.startswith("  RAT-07  not_applicable → gap  ") and line.endswith("(now applies)")
               for line in opened), opened
    assert f"gaps opened: {len(d['opened'])}" in text


def test_rule_now_known_to_fall_short_is_opened(cli, write):
    old = questionnaire(write, "old.yaml", {"demand.legal_persons": "unknown"})
    new = questionnaire(write, "new.yaml", {"demand.legal_persons": "no", "demand.victim_status": "yes"},
                        as_of="2024-01-01")
    d = cli("diff", old, new, "--format", "json").json()
    assert kinds(d)["DEM-09"] == ("unknown", "gap", "opened")
    # unknown -> met is news, not a gap closed
    assert kinds(d)["DEM-07"] == ("unknown", "met", "now_known")
    assert "DEM-07" not in {c["rule"] for c in d["closed"]}
    assert {c["rule"] for c in d["opened"]} == {"DEM-09"}
    text = cli("diff", old, new).out.replace("\n      ", " ")
    assert any(line.startswith("  DEM-09  unknown → gap  ") and line.endswith("(now known)") for line in text.splitlines())
    assert "Other status changes:\n  DEM-07  unknown → met  " in text


def test_unknown_to_partial_is_opened(cli, write):
    old = questionnaire(write, "old.yaml", {"demand.buying_offence": "unknown"})
    new = questionnaire(write, "new.yaml", {"demand.buying_offence": "partly"}, as_of="2024-01-01")
    d = cli("diff", old, new, "--format", "json").json()
    assert kinds(d)["DEM-01"] == ("unknown", "partial", "opened")
    assert "DEM-01" in [c["rule"] for c in d["opened"]]


def test_regressions_stay_opened_and_met_to_partial_stays_worsened(cli, write):
    old = questionnaire(write, "old.yaml", {"demand.buying_offence": "yes", "demand.legal_persons": "yes"})
    new = questionnaire(write, "new.yaml", {"demand.buying_offence": "partly", "demand.legal_persons": "no"},
                        as_of="2024-01-01")
    d = cli("diff", old, new, "--format", "json").json()
    assert kinds(d)["DEM-09"] == ("met", "gap", "opened")
    assert kinds(d)["DEM-01"] == ("met", "partial", "worsened")
    assert "DEM-09" in [c["rule"] for c in d["opened"]] and "DEM-01" not in [c["rule"] for c in d["opened"]]
