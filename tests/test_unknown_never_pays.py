"""Issue 17, items 1 and 2: unknown never pays, and no offence is never better than a weak one.

The legal review (legal-fidelity-2.md, H1, H2, M11) measured both inversions; each reproduction is a
regression test here, beside the property tests that generalise them.
"""
import itertools
import re
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import assess_data, breadth, judge_data, with_answers
from lexgap.across.compare import compare
from lexgap.judge.assess import decide
from lexgap.judge.evaluate import Facts, irrelevant_questions
from lexgap.load.problems import InputError
from lexgap.load.ruleset_loader import load_ruleset
from lexgap.load.synthetic import synthetic_questionnaire
from lexgap.models.conditions import comparison_parts, comparisons_in
from lexgap.models.questionnaire import Answer
from lexgap.vocabulary import RANK, Status

ROOT = Path(__file__).resolve().parents[1]
RULESET = load_ruleset("demand-sec")
EXAMPLES = ROOT / "questionnaires/examples"
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))
FREEDONIA = yaml.safe_load((EXAMPLES / "XFR-freedonia-2025.yaml").read_text(encoding="utf-8"))
# the review's H2 list: every question read by a Freedonia rule that is a gap or partly met
HIDE = ("demand.sale_of_children ages.marriage_age ages.marriage_exceptions ages.marriage_exception_age demand.intermediaries "
        "demand.attending_performances demand.child_non_punishment demand.demand_measures material.access_viewing "
        "material.virtual material.live_streaming material.self_generated_protection online.grooming_offence "
        "online.grooming_without_meeting online.grooming_protection_age online.sexual_extortion "
        "online.isp_client_verification online.isp_newsgroup_refusal approach.trafficking_law "
        "jurisdiction.residents_abroad jurisdiction.nationals_abroad jurisdiction.no_double_criminality "
        "offenders.travel_restrictions offenders.background_checks offenders.prevention_services "
        "offenders.international_certificate offenders.convicted_treatment offenders.tailored_treatment "
        "protection.trafficking_no_means protection.trafficking_all_under_18 "
        "protection.victims_regardless_of_status protection.child_friendly_justice "
        "protection.child_travel_documents ratification.opic ratification.opsc_domestic_effect "
        "ratification.budapest").split()


_run = assess_data
_with = with_answers


# ---- H2: the headline and the rank --------------------------------------------------------

def test_hiding_the_weak_answers_ranks_lower_not_first(cli, tmp_path):
    hidden = tmp_path / "hidden.yaml"
    hidden.write_text(yaml.safe_dump(_with(FREEDONIA, dict.fromkeys(HIDE, "unknown")), sort_keys=False),
                      encoding="utf-8")
    files = [EXAMPLES / "XFR-freedonia-2025.yaml", hidden, EXAMPLES / "SWE-2015.yaml", EXAMPLES / "PHL-2015.yaml"]
    r = cli("compare", *map(str, files), "--format", "json")
    assert r.code == 0
    cols = {c["file"]: c for c in r.json()["columns"]}
    real, fake = cols[str(files[0])], cols[str(hidden)]
    assert fake["band"]["floor"] < real["band"]["floor"]
    assert fake["rank"] > real["rank"]
    # the headline is the band; no number stands alone
    head = fake["band"]["headline"]
    assert head.startswith(f"{fake['band']['floor']:.1f}–{fake['band']['ceiling']:.1f}/100")
    assert "100.0/100" not in head.split("–")[0]
    text = " ".join(cli("compare", *map(str, files)).out.split())
    assert f"score {fake['band']['floor']:.1f}–{fake['band']['ceiling']:.1f} ·" in text


def test_the_text_report_prints_the_band_not_the_decided_score(cli, tmp_path):
    hidden = tmp_path / "hidden.yaml"
    hidden.write_text(yaml.safe_dump(_with(FREEDONIA, dict.fromkeys(HIDE, "unknown")), sort_keys=False),
                      encoding="utf-8")
    data = cli("assess", str(hidden), "--format", "json").json()
    b = data["band"]
    assert b["decided"] == 100.0  # the review's measure: unknown alone would pay this
    out = cli("assess", str(hidden)).out
    score_line = next(line for line in out.splitlines() if line.startswith("Score:"))
    assert score_line.startswith(f"Score: {b['floor']:.1f}–{b['ceiling']:.1f}/100")
    assert "(coverage" in " ".join(out.split()) and "by weight)" in " ".join(out.split())


def test_coverage_is_weighted_by_rule_weight():
    """Hiding one critical rule costs more coverage than hiding one low rule."""
    crit = _run(_with(FREEDONIA, {"ages.child_definition": "unknown"}))  # AGE-01, critical
    low = _run(_with(FREEDONIA, {"ages.close_in_age_gap": "unknown"}))   # AGE-06, low
    assert crit.band.coverage < low.band.coverage
    assert crit.band.coverage_rules == low.band.coverage_rules


# ---- the property: unknown never pays -----------------------------------------------------

ANSWERABLE = [q.id for q in RULESET.questions.values() if q.type != "text"]


def _rank_of(before, after):
    ranks = {c.file: c.rank for c in compare([before, after]).columns}
    return ranks


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.sampled_from([0.0, 0.1, 0.3]),
       st.lists(st.sampled_from(ANSWERABLE), min_size=1, max_size=4, unique=True),
       st.sampled_from(["base", "council-of-europe", "african-union", "saarc"]))
def test_setting_answers_to_unknown_never_pays(seed, unknown_share, hide, profile):
    doc = synthetic_questionnaire(RULESET, seed, unknown_share=unknown_share)
    before = _run(doc, profile)
    after = _run(_with(doc, dict.fromkeys(hide, "unknown")), profile)
    _assert_never_pays(before, after, hide)


@pytest.mark.parametrize("path", breadth(ALL_EXAMPLES, ids=[p.stem for p in ALL_EXAMPLES], fast=("PHL-2015",)))
def test_setting_answers_to_unknown_never_pays_on_the_examples(path):
    """The same guarantee, quickly, on every example questionnaire and a spread of questions."""
    _run = judge_data  # statuses, scores, bands and ranks only: the judged assessment, not worded (wording
    # changes none of them, at a third of the time)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    before = _run(doc)
    answered = [q for q in doc["answers"] if q in RULESET.questions and RULESET.questions[q].type != "text"]
    for hide in (answered[::7], answered[3::11], answered[:1]):
        try:
            after = _run(_with(doc, dict.fromkeys(hide, "unknown")))
        except InputError:  # a `not_applicable` that only the hidden answer made possible
            continue
        _assert_never_pays(before, after, hide)


def _assert_never_pays(before, after, hide):
    why = (before.country.code, hide)
    fb, fa = before.band.floor, after.band.floor
    assert fb is None or fa is None or fa <= fb + 1e-9, ("floor rose", fb, fa, *why)
    for b, a in zip(before.findings, after.findings):
        if b.status == Status.GAP:  # a gap stays a gap or becomes unknown (the floor counts it as one)
            assert a.status in (Status.GAP, Status.UNKNOWN), (b.rule, a.status, *why)
        if b.status in RANK and a.status in RANK:
            assert RANK[a.status] <= RANK[b.status], (b.rule, b.status, a.status, *why)
    for b, a in zip(before.areas, after.areas):
        assert b.score is None or a.score is None or a.score <= b.score + 1e-9, (b.id, *why)
    # the rank between the two: the one with fewer answers never ranks above the other
    cols = compare([before, after]).columns
    if before.band.assessed and before.band.floor is not None:  # ranked, whatever its coverage (review 11, F2)
        assert cols[0].rank is not None and (cols[1].rank is None or cols[1].rank >= cols[0].rank), why


# ---- H1, M11: no offence is never better than a weak offence ------------------------------

PHL_2022 = yaml.safe_load((EXAMPLES / "PHL-2022.yaml").read_text(encoding="utf-8"))


def test_no_prostitution_offence_is_a_gap_like_nicaragua_never_better():
    none = _run(_with(PHL_2022, {"ages.prostitution_protection_age": "none", "approach.prostitution_law": "general",
                                 "ages.prostitution_lower_cutoff": "no"}))
    nicaragua = _run(_with(PHL_2022, {"ages.prostitution_protection_age": 14,
                                      "ages.prostitution_lower_cutoff": "yes"}))
    status = lambda r: {f.rule: f.status for f in r.findings}["AGE-02"]  # noqa: E731
    assert status(none) == status(nicaragua) == "gap"
    for view in ("floor", "decided", "ceiling"):
        assert getattr(none.band, view) <= getattr(nicaragua.band, view)
    assert none.counts.gap >= nicaragua.counts.gap


def test_no_text_says_under_none_or_zero_years():
    doc = _with(PHL_2022, {"ages.material_protection_age": "none", "ages.marriage_age": "none",
                           "ages.marriage_exceptions": "no", "ages.prostitution_protection_age": "none",
                           "material.specific_law": "no", "approach.material_law": "general",
                           "approach.prostitution_law": "general"})
    data = _run(doc).model_dump_json()
    for bad in (r"under none", r"none years", r"\b0 years", r"under 0\b", r"age of none"):
        assert not re.search(bad, data), bad
    concerns = {f.rule: f.status for f in _run(doc).findings}
    assert concerns["AGE-03"] == concerns["AGE-08"] == "gap"


def test_age_zero_is_refused_with_the_new_spelling(cli, tmp_path):
    p = tmp_path / "zero.yaml"
    p.write_text("format: 1\ncountry: KEN\nas_of: 2020-01-01\nprepared_by: {name: T}\nanswers:\n"
                 "  ages.material_protection_age: 0\n", encoding="utf-8")
    r = cli("validate", str(p))
    assert r.code == 1
    assert f"{p}:6:" in r.err and "none" in r.err and "lexgap migrate" in r.err


# ---- multi-answer monotonicity, per rule ---------------------------------------------------

def _status(rule, answers: dict, params: dict) -> str:
    ans = {q: Answer(value=v) for q, v in answers.items()}
    return decide(rule, None, Facts(ans, params, irrelevant_questions(RULESET, ans))).status


def _ladders(rule):
    """Per question of the rule: its values in the gap, partial and met examples, weakest first."""
    order = {"gap": 0, "partial": 1, "met": 2}
    ladder: dict[str, list] = {}
    best: dict[tuple[str, str], int] = {}
    for t in (t for t in rule.tests if t.expect in order and not t.params):
        for q, v in t.answers.items():
            if v not in ladder.setdefault(q, []):
                ladder[q].append(v)
            best[q, json.dumps(v)] = max(best.get((q, json.dumps(v)), 0), order[t.expect])
    for q, values in ladder.items():  # a value of a met example above one only seen in gap examples
        inherent = {"no": 0, "partly": 1, "yes": 2} if RULESET.questions[q].type == "yes_no_partly" else {}
        ladder[q] = sorted(values, key=lambda v: (inherent.get(json.dumps(v).strip('"'), 0), best[q, json.dumps(v)]))
    for q, values in ladder.items():  # ages and numbers: by value, `none` (no such offence) lowest
        if RULESET.questions[q].type in ("age", "integer") and all(v == "none" or isinstance(v, int) for v in values):
            downward = any(cq == q and op in ("lt", "lte")
                           for cq, op, _ in map(comparison_parts, comparisons_in(rule.met)))
            ladder[q] = sorted(values, key=lambda v: float("-inf") if v == "none" else (-v if downward else v))
    return ladder


RULES_WITH_LADDERS = [r for r in RULESET.rules.values()
                      if any(t.expect == "gap" for t in r.tests) and any(t.expect == "met" for t in r.tests)]


@pytest.mark.parametrize("rule", RULES_WITH_LADDERS, ids=lambda r: r.id)
def test_every_combination_between_gap_and_met_is_monotone(rule):
    """For each rule, every combination of its questions' values taken from its gap, partial and
    met examples: moving any one answer up its ladder (toward the met example's value) never lowers
    the rule's status. The review's H1 was a two-answer move outside the one-answer property test."""
    params = {n: p.default for n, p in RULESET.manifest.parameters.items()}
    ladder = _ladders(rule)
    qids = sorted(ladder)
    if len(qids) > 6:
        pytest.skip("too many questions for an exhaustive product")
    for combo in itertools.product(*(range(len(ladder[q])) for q in qids)):
        base = {q: ladder[q][i] for q, i in zip(qids, combo)}
        s0 = _status(rule, base, params)
        for j, q in enumerate(qids):
            if combo[j] + 1 >= len(ladder[q]):
                continue
            up = dict(base, **{q: ladder[q][combo[j] + 1]})
            s1 = _status(rule, up, params)
            if s0 in RANK and s1 in RANK:
                assert RANK[s1] >= RANK[s0], (rule.id, base, q, up[q], s0, s1)


def test_the_ceiling_credits_no_more_than_the_answers_allow():
    """A general marriage age of 16 with exceptions of unknown age can never be met (met needs 18): the
    rule is unknown, at most partly met, and the ceiling counts it as partly met, so learning that there
    are no exceptions (partly met) cannot lower the ceiling."""
    base = {"ages.marriage_age": 16, "ages.marriage_exceptions": "yes", "ages.marriage_exception_age": "unknown"}
    open_ = _run(_with(FREEDONIA, base))
    age08 = {f.rule: f for f in open_.findings}["AGE-08"]
    assert (age08.status, age08.at_most, age08.at_least) == ("unknown", "partial", None)
    learned = _run(_with(FREEDONIA, {**base, "ages.marriage_exceptions": "no"}))
    assert {f.rule: f.status for f in learned.findings}["AGE-08"] == "partial"
    assert learned.band.ceiling == open_.band.ceiling


def test_withholding_one_answer_never_takes_a_state_out_of_the_ranking(cli, write):
    """Review 11, F2: India's OPSC ratification turned `unknown` drops its coverage under the minimum; it
    stays ranked, by its floor, and no higher than the truthful file."""
    doc = yaml.safe_load((EXAMPLES / "IND-2015.yaml").read_text(encoding="utf-8"))
    hidden = write("IND-hidden.yaml", yaml.safe_dump(_with(doc, {"ratification.opsc": "unknown"}), sort_keys=False))
    files = [EXAMPLES / "IND-2015.yaml", hidden, EXAMPLES / "PHL-2015.yaml", EXAMPLES / "SWE-2015.yaml"]
    r = cli("compare", *map(str, files), "--format", "json")
    assert r.code == 0, r.err
    cols = {c["file"]: c for c in r.json()["columns"]}
    real, fake = cols[str(files[0])], cols[str(hidden)]
    assert not fake["band"]["sufficient"] and real["band"]["sufficient"]
    assert fake["rank"] is not None and fake["rank"] > real["rank"]


def test_withholding_the_weak_answers_is_told_to_the_editor_and_the_reader(cli, tmp_path):
    """Review 11, F1: with its 35 weak answers hidden, Freedonia's draft raised no concern and its summary read
    "meets 43 of the 43". The summary counts every standard that applies, and the editor is told that a
    missing concern is no finding (the note travels with the drafts: text, HTML, Word comment)."""
    hidden = tmp_path / "hidden.yaml"
    hidden.write_text(yaml.safe_dump(_with(FREEDONIA, dict.fromkeys(HIDE, "unknown")), sort_keys=False),
                      encoding="utf-8")
    data = cli("assess", hidden, "--format", "json").json()
    counts = data["counts"]
    applicable = sum(counts[k] for k in ("met", "partial", "gap", "unknown"))
    assert counts["unknown"] >= len(HIDE) // 2
    scope = data["committee"]["scope"]
    assert (f"The answers leave {counts['unknown']} of the {applicable} applicable standards undecided. The draft "
            "raises no concern on them, so a missing concern is not a finding that the law meets a standard") in scope
    page = re.sub(r"<[^>]+>", " ", cli("assess", hidden, "--format", "html").out)
    assert f"the answers show the law meeting {counts['met']} of the {applicable} standards that apply" in \
        " ".join(page.split())


def test_a_file_emptied_of_its_answers_is_ranked_last_not_left_out(cli, write):
    """Review 13, N6: Nicaragua, ranked last, withheld its answers, became "not assessed" and had no rank."""
    doc = yaml.safe_load((EXAMPLES / "NIC-2015.yaml").read_text(encoding="utf-8"))
    empty = write("NIC-empty.yaml", yaml.safe_dump({**doc, "answers": {}}, sort_keys=False))
    r = cli("compare", str(empty), str(EXAMPLES / "NIC-2015.yaml"), str(EXAMPLES / "PHL-2015.yaml"), "--format", "json")
    assert r.code == 0, r.err
    cols = {c["file"]: c for c in r.json()["columns"]}
    assert not cols[str(empty)]["band"]["assessed"] and cols[str(empty)]["rank"] == 3


def test_compare_takes_each_questionnaire_once(cli, tmp_path):
    """Review 13, N8: a file given twice pushed every other column down a rank and was counted twice."""
    phl = str(EXAMPLES / "PHL-2015.yaml")
    twice = cli("compare", phl, phl, str(EXAMPLES / "SWE-2015.yaml"))
    assert twice.code == 2 and f"{phl} is given twice" in twice.err
    copy = tmp_path / "copy.yaml"
    copy.write_bytes((EXAMPLES / "PHL-2015.yaml").read_bytes())
    r = cli("compare", phl, str(copy))
    assert r.code == 2 and "are the same questionnaire (the same bytes)" in r.err


def test_an_area_without_a_band_still_shows_the_floor_its_answers_prove(cli, tmp_path):
    """Review 11, F8: one answer withheld turned India's weakest area, 53.1-87.5, into a bare "insufficient"
    in the comparison's area table; the cell now carries the proven floor (text and HTML)."""
    doc = yaml.safe_load((EXAMPLES / "IND-2015.yaml").read_text(encoding="utf-8"))
    hidden = tmp_path / "IND-hidden.yaml"
    hidden.write_text(yaml.safe_dump(_with(doc, {"demand.buying_offence": "unknown"}), sort_keys=False),
                      encoding="utf-8")
    pair = (hidden, EXAMPLES / "SWE-2015.yaml")
    data = cli("compare", *pair, "--format", "json").json()
    demand = next(a for a in data["areas"] if a["id"] == "demand")["bands"]["IND 2015"]
    assert not demand["sufficient"]
    cell = f"insufficient ({demand['coverage']:.0f}%), ≥{demand['floor']:.1f}"
    assert cell in cli("compare", *pair).out
    assert cell in cli("compare", *pair, "--format", "html").out
