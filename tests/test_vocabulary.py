"""Statuses, operators and question types are spelled once, in engine/vocabulary.py, and imported."""
import re
import typing
from pathlib import Path

from lexgap import vocabulary as v
from lexgap.models.conditions import OPERATORS
from lexgap.models.ruleset import Question, Rule

ENGINE = Path(__file__).resolve().parent.parent / "engine"
SOURCES = {p: p.read_text(encoding="utf-8") for p in ENGINE.rglob("*.py") if p.name != "vocabulary.py"}


def test_statuses_are_not_switched_on_as_literals():
    switch = re.compile(r"status\s*(==|!=)\s*\"|status\s+(not\s+)?in\s+\(\"")
    hits = [f"{p.relative_to(ENGINE)}:{i}" for p, text in SOURCES.items()
            for i, line in enumerate(text.splitlines(), 1) if switch.search(line)]
    assert hits == []


def test_one_table_of_status_words_and_marks():
    for word in ('"Partly met"', "\u25d0", '"PARTIAL"', "The law meets part"):
        assert [p.name for p, text in SOURCES.items() if word in text] == [], word
    assert v.LETTER_LEGEND == "M met · P partly met · G gap · ? unknown · - not applicable"
    assert [s.value for s in v.DECIDED] == ["met", "partial", "gap"]
    assert all(s == s.value for s in v.Status)  # str enum: the JSON keeps its strings


def test_the_models_take_their_words_from_the_vocabulary():
    assert typing.get_args(Rule.model_fields["tests"].annotation.__args__[0].model_fields["expect"].annotation) \
        == v.STATUS_NAMES
    assert typing.get_args(Question.model_fields["type"].annotation) == v.QUESTION_TYPES
    assert OPERATORS == v.OPERATORS and set(v.OPERATOR_SYMBOL) == set(v.OPERATOR_PLAIN) == set(OPERATORS)
