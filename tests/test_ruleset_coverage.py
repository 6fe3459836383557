"""The ruleset covers every standard the engine issue lists (part 5), each with sources,
and profiles and waves behave as documented."""
import pytest

from lexgap.word.assess import assess
from lexgap.judge.questionnaire import load_questionnaire_text
from lexgap.load.ruleset_loader import load_ruleset

RULESET = load_ruleset()

REQUIRED = {
    "child = under 18 for exploitation offences": "AGE-01",
    "protection age 18 for prostitution, no lower cut-off (Nicaragua)": "AGE-02",
    "protection age 18 for abuse material": "AGE-03",
    "consent of the child irrelevant": "AGE-04",
    "minimum age of sexual consent not too low (Philippines)": "AGE-05",
    "close-in-age exemption": "AGE-06",
    "no escape by claiming ignorance of age": "AGE-07",
    "minimum age of marriage 18 without exceptions (SDG 5.3)": "AGE-08",
    "buying or attempting to buy sex with a child": "DEM-01",
    "whatever the adult-prostitution regime": "DEM-02",
    "intermediaries criminalised": "DEM-03",
    "knowingly attending performances": "DEM-05",
    "child victims never punished": "DEM-06",
    "specific abuse material legislation": "MAT-01",
    "legal definition of abuse material": "MAT-02",
    "production": "MAT-03",
    "distribution and offering": "MAT-04",
    "mere possession": "MAT-05",
    "knowingly obtaining access / viewing": "MAT-06",
    "virtual and computer-generated material": "MAT-07",
    "live-streamed abuse": "MAT-08",
    "self-generated images not prosecuted (sexting)": "MAT-09",
    "grooming": "ONL-01",
    "grooming without a physical meeting": "ONL-02",
    "sexual extortion": "ONL-04",
    "service providers report": "ONL-05",
    "service providers remove": "ONL-06",
    "boys protected (Bangladesh, Pakistan)": "GEN-01",
    "female offenders covered": "GEN-03",
    "third wave: sexual abuse": "APP-01",
    "third wave: prostitution": "APP-02",
    "third wave: abuse material": "MAT-01",
    "extraterritorial jurisdiction over nationals": "JUR-01",
    "and residents": "JUR-02",
    "without double criminality": "JUR-03",
    "extradition": "JUR-05",
    "offender registration": "OFF-01",
    "travel notification": "OFF-02",
    "travel restrictions": "OFF-03",
    "disqualification from work with children": "OFF-04",
    "background checks": "OFF-05",
    "treatment for potential offenders outside prisons": "OFF-06",
    "diversion for children who offend": "OFF-08",
    "child trafficking without proof of means": "PRO-01",
    "immigration powers to refuse entry": "PRO-03",
    "trafficked children protected regardless of status": "PRO-04",
    "mandatory reporting": "PRO-05",
    "child-friendly justice": "PRO-06",
    "UNCRC": "RAT-01", "OPSC": "RAT-02", "Palermo Protocol": "RAT-03", "ILO C182": "RAT-04",
    "third Optional Protocol (communications)": "RAT-05",
    "Lanzarote (Council of Europe)": "RAT-08", "Budapest (Council of Europe)": "RAT-09",
    "ACRWC (African Union)": "RAT-11", "SAARC convention": "RAT-13",
}


@pytest.mark.parametrize("topic, rule_id", REQUIRED.items())
def test_required_standard_is_a_rule_with_sources(topic, rule_id):
    rule = RULESET.rules[rule_id]
    assert rule.sources.report and rule.sources.instruments
    assert all(i.article for i in rule.sources.instruments)
    kinds = {t.expect for t in rule.tests}
    assert {"met", "gap"} <= kinds


def test_every_rule_has_sources_tags_and_examples():
    for rule in RULESET.rules.values():
        assert rule.sources.report, rule.id
        assert rule.sources.instruments, rule.id
        assert rule.tags.demand_level, rule.id
        assert {"met", "gap"} <= {t.expect for t in rule.tests}, rule.id


def _assess(country: str, answers: str = "", profile: str | None = None):
    text = f"format: 1\ncountry: {country}\nas_of: 2020-01-01\nprepared_by: {{name: T}}\n"
    if answers:
        text += "answers:\n" + answers
    return assess(load_questionnaire_text(text, "q.yaml"), profile)


def test_regional_instruments_are_never_a_gap_outside_their_region():
    ken = _assess("KEN", "  ratification.lanzarote: not_signed\n")
    status = {f.rule: f.status for f in ken.findings}
    assert ken.profile.id == "african-union" and ken.profile.chosen_by == "country"
    assert status["RAT-08"] == "not_applicable" and status["RAT-13"] == "not_applicable"
    assert status["RAT-11"] == "unknown"
    swe = _assess("SWE", "  ratification.lanzarote: ratified\n")
    assert swe.profile.id == "council-of-europe"
    assert {f.rule: f.status for f in swe.findings}["RAT-08"] == "met"


def test_regional_profile_changes_a_parameter():
    answers = '  ages.has_consent_age: "yes"\n  ages.consent_age: 15\n'
    base = _assess("SWE", answers, profile="base")
    coe = _assess("SWE", answers)
    assert {f.rule: f.status for f in base.findings}["AGE-05"] == "partial"
    assert {f.rule: f.status for f in coe.findings}["AGE-05"] == "met"
    assert coe.profile.parameters["min_age_sexual_consent"] == 15
    assert coe.profile.chain == ["base", "council-of-europe"]


def test_waves_are_derived_per_family_and_overall_is_the_highest_reached():
    r = _assess("IND", "  approach.abuse_law: child_specific\n  approach.material_law: aggravating\n")
    families = {f.id: f.wave for f in r.waves.families}
    assert families["sexual-abuse"] == 3 and families["abuse-material"] == 2
    assert families["prostitution"] is None
    assert r.waves.overall == 3 and r.waves.complete is False
    assert r.waves.lagging == ["abuse-material"]
    assert r.waves.label == "third wave; abuse material still second wave; prostitution, solicitation and trafficking unknown"


def test_prostitution_regime_is_reported_not_scored():
    r = _assess("SWE", "  context.prostitution_regime: neo_abolitionist\n")
    assert [c.question for c in r.context][0] == "context.prostitution_regime"
    assert r.context[0].label.startswith("Neo-abolitionist")
    assert all(f.area != "context" for f in r.findings)
    assert all(a.id != "context" for a in r.areas)
