"""A rule that newly falls short is an opened gap, whether it newly applies or is newly known."""
import json
from pathlib import Path


def questionnaire(write, name, answers: dict, as_of="2015-10-01"):
    body = (f"format: 1\ncountry: KEN\nas_of: {as_of}\nprepared_by: {{name: Test}}\nanswers:\n"
            + "".join(f"  {q}: {json.dumps(v)}\n" for q, v in answers.items()))
    return write(name, body)


def kinds(d):
    return {c["rule"]: (c["old"], c["new"], c["kind"]) for c in d["changes"]}


def test_rule_that_now_applies_and_falls_short_is_opened(cli, write):
    # party to neither treaty in 2015: the reservation rule cannot apply
    old = questionnaire(write, "old.yaml", {"ratification.limiting_reservation": "not_applicable",
                                            "ratification.uncrc": "not_signed", "ratification.opsc": "not_signed"})
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
    # DEM-09 rests on the OPSC alone: it is decided only for a Party
    old = questionnaire(write, "old.yaml", {"ratification.opsc": "ratified", "demand.legal_persons": "unknown"})
    new = questionnaire(write, "new.yaml", {"ratification.opsc": "ratified", "demand.legal_persons": "no",
                                            "demand.victim_status": "yes"}, as_of="2024-01-01")
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
    old = questionnaire(write, "old.yaml", {"ratification.opsc": "ratified", "demand.buying_offence": "yes",
                                            "demand.legal_persons": "yes"})
    new = questionnaire(write, "new.yaml", {"ratification.opsc": "ratified", "demand.buying_offence": "partly",
                                            "demand.legal_persons": "no"}, as_of="2024-01-01")
    d = cli("diff", old, new, "--format", "json").json()
    assert kinds(d)["DEM-09"] == ("met", "gap", "opened")
    assert kinds(d)["DEM-01"] == ("met", "partial", "worsened")
    assert "DEM-09" in [c["rule"] for c in d["opened"]] and "DEM-01" not in [c["rule"] for c in d["opened"]]


# ---- issue 17 item 9: diffs separate research from law (review M9, L5) ----

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires/examples"


def test_fewer_answers_is_a_coverage_change_not_a_regression(cli, tmp_path):
    import yaml
    doc = yaml.safe_load((EXAMPLES / "PHL-2022.yaml").read_text(encoding="utf-8"))
    dropped = ["ages.child_definition", "demand.buying_offence", "material.possession"]
    for qid in dropped:
        doc["answers"].pop(qid)
    later = tmp_path / "PHL-2022-less.yaml"
    later.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    d = cli("diff", str(EXAMPLES / "PHL-2022.yaml"), str(later), "--format", "json").json()
    assert d["no_longer_answered"] and all(c["kind"] == "no_longer_known" for c in d["changes"]
                                           if c["rule"] in d["no_longer_answered"])
    assert d["opened"] == [] and d["regressions"] == []
    # the law is credited with what the answers prove (review 11, F5): the drop, counted as gaps, with the
    # range up to the law unchanged; never "research, not a change in the law", which nobody can know
    assert d["floor_delta_law"] == d["score_delta"] < 0 and d["floor_delta_research"] == 0.0
    assert d["floor_delta_law_max"] >= 0.0
    text = " ".join(cli("diff", str(EXAMPLES / "PHL-2022.yaml"), str(later)).out.split())
    assert (f"the law's share {d['floor_delta_law']:+.1f} to {d['floor_delta_law_max']:+.1f}: "
            f"{len(d['no_longer_answered'])} standard(s) no longer answered, whether the law changed there is not "
            "known") in text
    assert "No longer answered (whether the law changed is not known; counted as a gap):" in text
    assert "regressions: 0" in text


def test_only_a_gap_closes_and_a_reform_clause_now_applies(cli, write):
    """L5: partial -> met is an improvement, not a gap closed. M9: raising the consent age with a
    close-in-age clause makes AGE-06 apply, partly met: not a gap opened."""
    old = questionnaire(write, "old.yaml", {"ages.has_consent_age": "yes", "ages.consent_age": 12,
                                            "ages.consent_irrelevant": "partly"})
    new = questionnaire(write, "new.yaml", {"ages.has_consent_age": "yes", "ages.consent_age": 16,
                                            "ages.close_in_age_exemption": "yes", "ages.close_in_age_gap": 5,
                                            "ages.consent_irrelevant": "yes"}, as_of="2024-01-01")
    d = cli("diff", old, new, "--format", "json").json()
    k = kinds(d)
    assert k["AGE-05"] == ("gap", "met", "closed")
    assert k["AGE-04"] == ("partial", "met", "improved")
    assert k["AGE-06"] == ("not_applicable", "partial", "now_applies")
    assert {c["rule"] for c in d["closed"]} == {"AGE-05"} and d["opened"] == []
