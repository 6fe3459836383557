"""`judge/` decides, `word/` words (issue 21 item 5): the judge leaves the printed labels empty, and
word.assess fills every one of them; no label wording is left in judge/."""
from pathlib import Path

from lexgap.judge.assess import judge_questionnaire
from lexgap.judge.questionnaire import load_questionnaire
from lexgap.word.assess import assess

ROOT = Path(__file__).resolve().parent.parent
PHL = ROOT / "questionnaires" / "examples" / "PHL-2015.yaml"


def test_the_judge_leaves_labels_to_word():
    loaded = load_questionnaire(PHL)
    judged = judge_questionnaire(loaded, memo={})
    assert judged.waves.label is None and {f.label for f in judged.waves.families} == {None}
    assert {f.authority.label for f in judged.findings} == {None}
    assert {a.label for a in judged.answers} == {None}
    worded = assess(loaded, memo={})
    assert worded.waves.label.startswith(("first wave", "second wave", "third wave", "not addressed"))
    assert all(f.label for f in worded.waves.families)
    assert all(f.authority.label and f.authority.label.endswith(".") for f in worded.findings)
    assert all(a.label for a in worded.answers)
    # the same decisions either way: only words were added
    assert [(f.rule, f.status) for f in judged.findings] == [(f.rule, f.status) for f in worded.findings]


def test_a_bound_treaty_is_named_as_binding_the_state():
    worded = assess(load_questionnaire(PHL), memo={})
    treaty = [f for f in worded.findings if f.authority.kind == "treaty"]
    assert treaty and all(f.authority.label.startswith("Required by ") for f in treaty)
    assert any("(binds the State)" in f.authority.label for f in treaty)


def test_no_label_words_in_judge():
    judge = ROOT / "engine" / "judge"
    for words in ("Required by", "first wave", "Policy choice", "(binds the State)", '"unanswered": "not answered"'):
        assert [p.name for p in judge.glob("*.py") if words in p.read_text(encoding="utf-8")] == [], words


def test_every_reason_has_its_words_and_the_summary_quotes_its_steps():
    from lexgap.vocabulary import REASONS
    from lexgap.word.reasons import REASON_WORDS, VERDICTS, line, verdict
    assert set(REASON_WORDS) == set(VERDICTS) == set(REASONS)
    for words in (verdict, lambda r: line(r, [], [])):
        try:
            words("no_such_reason")
        except ValueError as exc:
            assert "no words for the reason 'no_such_reason'" in str(exc)
        else:
            raise AssertionError("an unknown reason was worded")
    try:
        verdict("no_such_reason")
    except ValueError as exc:
        assert "no words for the reason 'no_such_reason'" in str(exc)
    else:
        raise AssertionError("an unknown reason was worded")
    worded = assess(load_questionnaire(PHL), memo={})
    age05 = next(f for f in worded.findings if f.rule == "AGE-05")
    assert age05.explanation.reason == "falls_short"
    assert age05.explanation.summary == "Falls short."
    assert [s.question for s in age05.explanation.steps if s.quoted] == ["ages.consent_age"]
    assert {f.explanation.reason for f in worded.findings} <= set(REASONS)
    age01 = next(f for f in worded.findings if f.rule == "AGE-01")
    assert (age01.explanation.summary, age01.why) == (
        "Met.", "Met: ages.child_definition is 18 (standard: ≥ 18, parameter child_age)")


def test_the_json_words_each_reason_once():
    """The summary is the verdict; the reason is `why`: no reason text stands in both (where the verdict
    is the whole reason, "Not part of profile 'base'.", the two are that one sentence)."""
    worded = assess(load_questionnaire(PHL), memo={})
    for f in worded.findings:
        head = f.explanation.summary.rstrip(".")
        assert f.why and (f.why != f.explanation.summary or f.explanation.reason in (
            "not_in_profile", "all_not_applicable")), f.rule
        assert not any(s.text in f.explanation.summary for s in f.explanation.steps), f.rule
        assert len(f.explanation.summary) < 80 and ":" not in head.replace("the law lacks", "").split(":", 1)[-1], f.rule


def test_the_judge_words_no_summary():
    judged = judge_questionnaire(load_questionnaire(PHL), memo={})
    assert {f.explanation.summary for f in judged.findings} == {None}
    text = (ROOT / "engine" / "judge" / "assess.py").read_text(encoding="utf-8")
    for words in ("Falls short", "Met: ", "Undecided", "Cannot tell whether it applies", "Not part of profile"):
        assert words not in text, words
