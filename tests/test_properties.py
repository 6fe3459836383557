"""Property tests for the loader and the scoring."""
import json

import pytest

from hypothesis import HealthCheck, given, settings, strategies as st

from lexgap.word.assess import assess
from lexgap.load.problems import InputError
from lexgap.judge.questionnaire import load_questionnaire_text
from lexgap.load.ruleset_loader import load_ruleset
from lexgap.load.synthetic import synthetic_questionnaire
from lexgap.load.yamlsource import parse_yaml

pytestmark = pytest.mark.slow  # hypothesis searches over hundreds of questionnaires

RULESET = load_ruleset()
QIDS = sorted(RULESET.questions)
HEADER = {"format": 1, "country": "KEN", "as_of": "2020-01-01", "prepared_by": {"name": "T"},
          "sources": [{"id": "statutes", "title": "Statutes"}]}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_either_loads_or_gives_positioned_problems(text):
    try:
        load_questionnaire_text(text, "fuzz.yaml")
    except InputError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.path == "fuzz.yaml" and p.line >= 1 and p.col >= 1 and p.message
            assert "\n" not in p.message


PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))
yaml_scalars = st.one_of(st.integers(-5, 200), st.sampled_from(["yes", "no", "partly", "unknown", "x", ""]),
                         st.booleans(), st.none())


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(QIDS + ["ages.nope", "zzz"]), yaml_scalars, max_size=8))
def test_arbitrary_answers_never_crash(answers):
    text = json.dumps({**HEADER, "answers": answers})
    try:
        loaded = load_questionnaire_text(text, "q.json")
    except InputError as exc:
        assert all(p.line >= 1 for p in exc.problems)
        return
    result = assess(loaded)
    assert result.score is None or 0 <= result.score <= 100
    assert result.coverage is None or 0 <= result.coverage <= 100


def _assess(answers: dict):
    return assess(load_questionnaire_text(json.dumps({**HEADER, "answers": answers}), "q.json"))


full_answers = st.integers(0, 10_000).map(lambda seed: synthetic_questionnaire(RULESET, seed)["answers"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(full_answers, st.data())
def test_answering_one_more_question_never_lowers_coverage(answers, data):
    qid = data.draw(st.sampled_from(QIDS))
    hidden = {k: v for k, v in answers.items() if k != qid}
    before = _assess({k: v for k, v in hidden.items()})
    after = _assess({**hidden, qid: answers[qid]})
    assert (after.coverage or 0) >= (before.coverage or 0)


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.one_of(st.integers(), st.text(PRINTABLE, max_size=5), st.booleans(), st.none()),
                    lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(st.text(PRINTABLE, min_size=1, max_size=4), c, max_size=3)),
                    max_leaves=15))
def test_positions_cover_every_pointer(value):
    """Every value the YAML holds has a position, so errors always point somewhere real."""
    from lexgap.load.yamlsource import pointer_of
    from position_index import positions
    text = json.dumps({"root": value}, ensure_ascii=False)
    doc = parse_yaml(text, "p.yaml")
    indexed = positions(parse_yaml(text, "p.yaml"))  # the full index; `doc` walks each path instead

    def walk(node, parts):
        pointer = pointer_of(parts)
        line, col = doc.where(pointer)
        assert 1 <= line <= text.count("\n") + 1 and col >= 1
        assert (line, col) == indexed[pointer]
        if parts:
            assert doc.key_where(pointer) == indexed.get(pointer + "#key", indexed[pointer])
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, parts + [k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, parts + [i])
    walk(doc.data, [])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(QIDS + ["ages.nope"]),
                       st.one_of(yaml_scalars, st.lists(st.sampled_from(["a", "yes", 3]), max_size=3),
                                 st.fixed_dictionaries({"value": yaml_scalars},
                                                       optional={"notes": st.one_of(st.text(max_size=3), st.integers()),
                                                                 "verified": st.sampled_from(["2020-01-01", "2020-13-01", 5])})),
                       max_size=6),
       st.sampled_from(["2020-01-01", "2020-02-30", "20200101", 7]))
def test_fast_and_full_schema_validators_agree(answers, as_of):
    """The Rust fast path only decides validity; it must agree with jsonschema."""
    from lexgap.load.questionnaire_schema import questionnaire_schema
    from lexgap.load.validation import is_valid, validator
    schema = questionnaire_schema(RULESET)
    data = {**HEADER, "as_of": as_of, "answers": answers}
    full = not any(True for _ in validator(schema).iter_errors(data))
    assert is_valid(schema, data) == full


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(full_answers, min_size=2, max_size=4), st.sampled_from(["base", "council-of-europe", "saarc"]))
def test_memoised_findings_equal_fresh_ones(batch, profile):
    """Findings are memoised per answer pattern (lexgap.judge.assess.judge): assessing
    questionnaires after others, in any order, gives what a cold assessment gives."""
    loaded = [load_questionnaire_text(json.dumps({**HEADER, "answers": a}), f"q{i}.json")
              for i, a in enumerate(batch)]
    warm = [assess(q, profile).model_dump() for q in loaded]
    cold = [assess(q, profile, memo={}).model_dump() for q in reversed(loaded)]
    assert warm == cold[::-1]
