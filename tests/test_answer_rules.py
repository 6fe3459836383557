"""What a questionnaire may claim: not_applicable only where it can be true,
`verified` only as a real check date, multiple choice option by option."""
import json

from hypothesis import given, settings, strategies as st

from lexgap.load.problems import InputError
from lexgap.judge.questionnaire import load_questionnaire_text
from lexgap.load.ruleset_loader import load_ruleset

RULESET = load_ruleset()
HEAD = "format: 1\ncountry: KEN\nas_of: 2020-01-01\nprepared_by: {name: T}\n"
UNIVERSAL = sorted(q.id for q in RULESET.questions.values() if not q.not_applicable_when and q.relevant is None)
DECLARED = sorted(q.id for q in RULESET.questions.values() if q.not_applicable_when)


def test_not_applicable_is_refused_for_a_universal_standard(cli, tmp_path):
    p = tmp_path / "na.yaml"
    p.write_text(HEAD + "answers:\n  demand.buying_offence: not_applicable\n"
                 "  online.grooming_offence: 'yes'\n  online.grooming_without_meeting: not_applicable\n", encoding="utf-8")
    r = cli("validate", p)
    assert r.code == 1
    lines = r.err.strip().splitlines()
    assert f"{p}:6:26: 'not_applicable' is not a possible answer to demand.buying_offence: the standard applies " \
           "to every State; answer 'unknown' if it is not established, or 'no' if the law lacks it" in lines
    assert any(line.startswith(f"{p}:8:36: 'not_applicable' is not a possible answer to online.grooming_without_meeting: "
                               "it is asked because of your other answers") for line in lines), lines


def test_an_error_never_lists_not_applicable_where_it_would_be_refused(cli, tmp_path):
    """L9: the values an error names as expected are those the question can take."""
    p = tmp_path / "na.yaml"
    p.write_text(HEAD + "answers:\n  ages.mistake_of_age_defence: sometimes\n", encoding="utf-8")
    r = cli("validate", p)
    assert r.code == 1
    assert "expected one of: no_defence, objective, mixed, subjective, unknown\n" in r.err + "\n", r.err


def test_not_applicable_is_accepted_where_declared_or_skipped(cli, tmp_path):
    p = tmp_path / "ok.yaml"
    p.write_text(HEAD + "answers:\n  ratification.lanzarote: not_applicable\n"
                 "  online.grooming_offence: 'no'\n  online.grooming_without_meeting: not_applicable\n", encoding="utf-8")
    assert cli("validate", p).code == 0


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(UNIVERSAL))
def test_no_universal_question_accepts_not_applicable(qid):
    text = json.dumps({"format": 1, "country": "KEN", "as_of": "2020-01-01", "prepared_by": {"name": "T"},
                       "answers": {qid: "not_applicable"}})
    try:
        load_questionnaire_text(text, "q.json")
    except InputError as exc:
        assert any("'not_applicable' is not a possible answer" in p.message for p in exc.problems)
    else:
        raise AssertionError(f"{qid} accepted not_applicable")


def test_every_declared_question_says_when_not_applicable_is_true():
    assert DECLARED and all(len(RULESET.questions[q].not_applicable_when) > 20 for q in DECLARED)


def test_verified_before_the_cited_source_was_published_is_refused(cli, tmp_path):
    p = tmp_path / "v.yaml"
    p.write_text(HEAD + "sources:\n  - {id: ecpat2016, title: ECPAT report, kind: secondary, date: 2016-05-01}\n"
                 "answers:\n  ages.child_definition:\n    value: 18\n"
                 "    citations: [{instrument: ECPAT 2016, source: ecpat2016}]\n    verified: 2015-10-01\n",
                 encoding="utf-8")
    r = cli("validate", p)
    assert r.code == 1
    assert f"{p}:11:15: verified 2015-10-01 is before source 'ecpat2016' was published (2016-05-01)" in r.err


def test_a_multiple_choice_mapping_names_only_real_options(cli, tmp_path):
    p = tmp_path / "m.yaml"
    p.write_text(HEAD + "answers:\n  demand.intermediaries:\n    value: {procuring: 'yes', pimpin: 'no'}\n", encoding="utf-8")
    r = cli("validate", p)
    assert r.code == 1 and f"{p}:7:" in r.err and "pimpin" in r.err and "did you mean 'pimping'" in r.err
    assert "unknown option 'pimpin'" in r.err
