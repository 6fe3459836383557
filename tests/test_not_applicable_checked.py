"""Issue 17 item 3 (review H7): `not_applicable_when` is checked against the questionnaire.

A State party to the Convention and the Protocol cannot mark the reservation question not
applicable; a Council of Europe member cannot mark a Council of Europe treaty not applicable.
"""
import copy
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from lexgap.load.problems import InputError
from lexgap.load.ruleset_loader import allowed_values, load_ruleset
from lexgap.load.synthetic import synthetic_questionnaire

from conftest import assess_data, breadth, dotted, judge_data, with_answers, write_yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "questionnaires/examples"
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))
RULESET = load_ruleset("demand-sec")
CHECKED = [q for q in RULESET.questions.values() if q.not_applicable_when]


def _set(path: Path, out: Path, **answers) -> Path:
    return write_yaml(out, with_answers(yaml.safe_load(path.read_text(encoding="utf-8")), dotted(answers)))


def _line(path: Path, qid: str) -> int:
    return next(i for i, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if x.startswith(f"  {qid}:"))


def test_every_declared_condition_is_data():
    assert CHECKED and all(q.not_applicable_check is not None for q in CHECKED)


def test_a_party_to_both_treaties_cannot_call_the_reservation_question_not_applicable(cli, tmp_path):
    p = _set(EXAMPLES / "XFR-freedonia-2025.yaml", tmp_path / "r.yaml",
             ratification__limiting_reservation="not_applicable")
    r = cli("validate", str(p))
    assert r.code == 1
    msg = next(x for x in r.err.splitlines() if "ratification.limiting_reservation" in x)
    assert msg.startswith(f"{p}:{_line(p, 'ratification.limiting_reservation') + 1}:")
    assert "neither signed nor ratified the UNCRC or the OPSC" in msg and "the other answers say otherwise" in msg
    assert f"ratification.uncrc is ratified (line {_line(p, 'ratification.uncrc') + 1})" in msg
    assert "answer yes / no, or 'unknown'" in msg
    assert cli("assess", str(p)).code == 1


def test_a_council_of_europe_member_cannot_call_budapest_not_applicable(cli, tmp_path):
    swe = _set(EXAMPLES / "SWE-2015.yaml", tmp_path / "swe.yaml", ratification__budapest="not_applicable")
    r = cli("validate", str(swe))
    assert r.code == 1 and "SWE is a member" in r.err and "ratified / signed_only / not_signed" in r.err
    # Freedonia is fictional: its membership is the profile it asks for
    xfr = _set(EXAMPLES / "XFR-freedonia-2025.yaml", tmp_path / "xfr.yaml", ratification__budapest="not_applicable")
    r = cli("validate", str(xfr))
    assert r.code == 1 and "asks for the council-of-europe profile" in r.err


def test_a_non_member_may_still_call_a_regional_treaty_not_applicable(cli, tmp_path):
    p = _set(EXAMPLES / "PHL-2015.yaml", tmp_path / "phl.yaml", ratification__lanzarote="not_applicable",
             ratification__acrwc="not_applicable")
    assert cli("validate", str(p)).code == 0


def test_unknown_ratification_leaves_the_condition_unproven(cli, tmp_path):
    p = _set(EXAMPLES / "PHL-2015.yaml", tmp_path / "u.yaml", ratification__uncrc="unknown",
             ratification__opsc="not_signed", ratification__limiting_reservation="not_applicable")
    r = cli("validate", str(p))
    assert r.code == 1 and "the other answers do not show it: ratification.uncrc is unknown" in r.err
    ok = _set(p, tmp_path / "ok.yaml", ratification__uncrc="not_signed")
    assert cli("validate", str(ok)).code == 0


def test_a_universal_one_of_question_is_not_told_to_answer_no(cli, tmp_path):
    """Review L9: 'no' is not an option of ages.mistake_of_age_defence."""
    p = _set(EXAMPLES / "XFR-freedonia-2025.yaml", tmp_path / "m.yaml", ages__mistake_of_age_defence="not_applicable")
    r = cli("validate", str(p))
    assert r.code == 1 and "'no' if the law lacks it" not in r.err
    assert "no_defence / objective / mixed / subjective" in r.err


# ---- the property: not_applicable never scores above a real answer -------------------------

_run = assess_data


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.sampled_from(CHECKED), st.sampled_from(["KEN", "PHL", "SWE", "IND", "XEX", "BRA"]),
       st.sampled_from([None, "base", "council-of-europe", "african-union", "saarc"]))
def test_not_applicable_never_scores_above_a_real_answer(seed, question, country, profile):
    doc = synthetic_questionnaire(RULESET, seed, country=country)
    if profile:
        doc["profile"] = profile
    na = copy.deepcopy(doc)
    na["answers"][question.id]["value"] = "not_applicable"
    try:
        with_na = _run(na)
    except InputError:
        assume(False)
    for value in allowed_values(question):
        if value == "ratified":
            continue  # becoming a Party adds the standards the treaty binds it to: not the same test
        real = copy.deepcopy(doc)
        real["answers"][question.id]["value"] = value
        try:
            r = _run(real)
        except InputError:  # not a possible answer here (it contradicts another: ruleset `consistency`)
            continue
        for view in ("floor", "decided", "ceiling"):
            a, b = getattr(with_na.band, view), getattr(r.band, view)
            assert a is None or b is None or a <= b + 1e-9, (question.id, value, view, a, b)


@pytest.mark.parametrize("path", breadth(ALL_EXAMPLES, ids=[p.stem for p in ALL_EXAMPLES], fast=("XFR-freedonia-2025",)))
def test_not_applicable_never_scores_above_a_real_answer_on_the_examples(path):
    judged: dict = {}

    def _run(doc):
        """Scores only: the judged assessment, not worded (same band, a third of the time); once per distinct
        questionnaire (a real answer equal to the example's own gives the example again, a sixth of the runs)."""
        key = json.dumps(doc, sort_keys=True, default=str)
        if key not in judged:
            try:
                judged[key] = judge_data(doc)
            except InputError as exc:
                judged[key] = exc
        if isinstance(judged[key], InputError):
            raise judged[key]
        return judged[key]
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    compared = 0
    for question in CHECKED:
        na = copy.deepcopy(doc)
        na["answers"][question.id] = "not_applicable"
        try:
            with_na = _run(na)
        except InputError:
            continue
        for value in allowed_values(question):
            if value == "ratified":
                continue  # becoming a Party adds the standards the treaty binds it to: not the same test
            real = copy.deepcopy(doc)
            real["answers"][question.id] = value
            try:
                r = _run(real)
            except InputError:  # contradicts another answer: not a possible answer here
                continue
            for view in ("floor", "decided", "ceiling"):
                a, b = getattr(with_na.band, view), getattr(r.band, view)
                assert a is None or b is None or a <= b + 1e-9, (path.name, question.id, value, view)
            compared += 1
    assert compared, f"no question of {path.name} could be answered both ways"
