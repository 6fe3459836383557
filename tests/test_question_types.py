"""Question types are one table (engine/vocabulary.QUESTION_TYPE), read by every stage.

The recipe "add a question type" of docs/architecture.md is followed here: one entry is added to the
table (monkeypatched), and the schema, the synthetic answers, the workbook's number rule and reader,
the guidance, the YAML template, the ruleset checks and the evaluation must all know it. A stage that
still switched on type names would fall through for the new type and fail its assertion here.
"""
import random
import re
from pathlib import Path

import jsonschema
import pytest
from pydantic import TypeAdapter

from lexgap import vocabulary as v
from lexgap.judge.evaluate import compare
from lexgap.judge.guidance import answer_words
from lexgap.load.problems import ProblemList
from lexgap.load.questionnaire_schema import value_schema
from lexgap.load.ruleset_loader import _check_condition, allowed_values
from lexgap.load.sheet_read import answer_value
from lexgap.load.synthetic import _value
from lexgap.models.conditions import Condition
from lexgap.models.ruleset import Option, Question
from lexgap.render.sheet_write import _number_validation, choices
from lexgap.render.template import _type_hint
from lexgap.word.wording import fact

ENGINE = Path(__file__).resolve().parent.parent / "engine"
YEAR = v.QuestionType("year", words="a year{range}", hint="a year (four digits{range})", samples=(1990, 2004),
                      numeric=True, default_range=(1800, 2100))


def _question(qtype: str, **extra) -> Question:
    """A question of any type, built without the model's check (whose Literal was fixed at import)."""
    fields = dict(id="test.q", type=qtype, text="Since when?", fact=None, help=None, options=None, min=None,
                  max=None, relevant=None, not_applicable_when=None)
    return Question.model_construct(**(fields | extra))


@pytest.fixture
def year(monkeypatch):
    monkeypatch.setitem(v.QUESTION_TYPE, "year", YEAR)
    return _question("year")


def test_recipe_add_a_question_type_is_one_entry(year):
    """Every stage reads the new entry; none falls back on a default (text, a drop-down, "text")."""
    assert value_schema(year)["anyOf"][0] == {"type": "integer", "minimum": 1800, "maximum": 2100}
    assert {_value(year, random.Random(s)) for s in range(20)} <= {1990, 2004}
    assert choices(year) is None  # typed, not picked from a list
    formula = _number_validation(year, "C2").formula1
    assert "C2>=1800" in formula and "C2<=2100" in formula and '"none"' not in formula
    assert v.question_type("year").cell == "number" and answer_value(1995, "year", year) == 1995
    assert answer_words(year) == "a year from 1800 to 2100"
    assert _type_hint(year) == "a year (four digits from 1800 to 2100)"
    assert allowed_values(year) is None
    problems = ProblemList()
    questions = {"test.q": year}
    for cond in ({"q": "test.q", "gte": 1990}, {"q": "test.q", "contains": "x"}, {"q": "test.q", "eq": "soon"}):
        _check_condition(TypeAdapter(Condition).validate_python(cond), questions, {}, ("f", 1, 1), "met", problems)
    assert sorted(p.message for p in problems.errors) == [
        "met: 'contains' needs a many_of question, test.q is year",
        "met: test.q is numeric, 'soon' is not a number",
        "met: test.q is numeric, 'x' is not a number"]
    assert compare(1995, "gte", 1990) is True
    q = _question("year", fact={"value": "the law dates from {value}"})
    from lexgap.models.assessment import AnswerOut
    said = fact(q, AnswerOut.model_construct(state="answered", value=1995, type="year"), {})
    assert said is not None and said[1] == "the law dates from 1995"  # the `value` sentence, as for numbers


def test_a_type_without_an_entry_is_an_error_not_a_default():
    q = _question("year")
    with pytest.raises(v.UnknownQuestionType, match="unknown question type 'year'; known: yes_no, "):
        answer_words(q)
    for step in (value_schema, _type_hint, choices, allowed_values, lambda q: _value(q, random.Random(0))):
        with pytest.raises(v.UnknownQuestionType):
            step(q)


@pytest.mark.parametrize("name", v.QUESTION_TYPES)
def test_every_entry_is_complete(name):
    """Each type's synthetic answer validates against its schema, its guidance and hint are its own
    (not the words of free text), and its shape is one of fixed answers, options, number or text."""
    t = v.question_type(name)
    options = [Option(value="a", label="A"), Option(value="b", label="B")] if t.options else None
    q = _question(name, options=options)
    schema = value_schema(q)
    for seed in range(10):
        jsonschema.validate(_value(q, random.Random(seed)), schema)
    for special in v.SPECIAL_ANSWERS:
        jsonschema.validate(special, schema)
    assert sum(map(bool, (t.answers, t.options, t.numeric))) == (0 if t.open else 1)
    if not t.open:
        assert answer_words(q) != "text" and _type_hint(q) != "text"
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate("free words", schema)
    if t.takes_none:
        assert t.numeric
        jsonschema.validate(v.NO_AGE_ANSWER, schema)
        assert "none" in answer_words(q) and '"none"' in _number_validation(q, "C2").formula1


def test_age_guidance_gives_the_range_it_accepts_and_none():
    q = _question("age")
    assert answer_words(q) == "an age in whole years from 1 to 25, or none if the law has no such offence or age"
    assert value_schema(q)["anyOf"][0] == {"type": "integer", "minimum": v.MIN_AGE, "maximum": 25}


def test_no_stage_switches_on_a_type_name():
    """The stages look a question's type up in the table. read/draft.py is a reading heuristic (which
    words in a statute give an age), not a dispatch over types, and stays."""
    switch = re.compile(r"""\.type\s*(==|!=)\s*["']|qtype\s*(==|!=)\s*["']|type\s+(not\s+)?in\s+\(["']""")
    hits = [f"{p.relative_to(ENGINE)}:{i}" for p in ENGINE.rglob("*.py") if p.name != "vocabulary.py"
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if switch.search(line)]
    assert hits == ["read/draft.py:83", "read/draft.py:85"]
