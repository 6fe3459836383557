"""Three-valued evaluation of rule conditions over a questionnaire's answers.

True / False / None (unknown). An unanswered, ``unknown`` or ``not_applicable``
answer makes a comparison unknown; ``all`` is false if any part is false,
``any`` is true if any part is true (Kleene logic), so a rule is decided
whenever the known answers suffice. Every comparison made is recorded in a
trace so that each finding can say which answers and thresholds decided it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Optional

from ..models.conditions import (
    All, Any_, Condition, IsAnswered, Not, ParamRef, comparison_parts,
)
from ..models.questionnaire import Answer
from ..vocabulary import NO_AGE_ANSWER

if TYPE_CHECKING:
    from ..load.ruleset import Ruleset

UNKNOWN = "unknown"
NOT_APPLICABLE = "not_applicable"
Truth = Optional[bool]


@dataclass(frozen=True)
class Step:
    """One comparison: the answer, the test and what came of it (lexgap.word.steps words it)."""
    question: str
    op: str
    expected: Any
    param: Optional[str]
    actual: Any  # the value, or "unknown", "not_applicable", "unanswered"
    outcome: Truth


@dataclass
class Facts:
    """What the evaluator may read: answers, relevance and parameters."""
    answers: Mapping[str, Answer]
    params: Mapping[str, Any]
    irrelevant: frozenset[str] = frozenset()

    def value(self, qid: str) -> Any:
        if qid in self.irrelevant:
            return NOT_APPLICABLE
        ans = self.answers.get(qid)
        return "unanswered" if ans is None else ans.value


@dataclass
class Evaluation:
    truth: Truth
    steps: list[Step] = field(default_factory=list)


def evaluate(cond: Condition, facts: Facts) -> Evaluation:
    steps: list[Step] = []
    truth = _eval(cond, facts, steps)
    return Evaluation(truth, steps)


def _eval(cond: Condition, facts: Facts, steps: list[Step]) -> Truth:
    if isinstance(cond, All):
        results = [_eval(c, facts, steps) for c in cond.all]
        if any(r is False for r in results):
            return False
        return None if any(r is None for r in results) else True
    if isinstance(cond, Any_):
        results = [_eval(c, facts, steps) for c in cond.any]
        if any(r is True for r in results):
            return True
        return None if any(r is None for r in results) else False
    if isinstance(cond, Not):
        inner = _eval(cond.not_, facts, steps)
        return None if inner is None else not inner
    if isinstance(cond, IsAnswered):
        actual = facts.value(cond.is_answered)
        outcome = actual not in (UNKNOWN, NOT_APPLICABLE, "unanswered")
        steps.append(Step(cond.is_answered, "is_answered", None, None, actual, outcome))
        return outcome
    qid, op, operand = comparison_parts(cond)
    param = operand.param if isinstance(operand, ParamRef) else None
    expected = facts.params[param] if param else operand
    actual = facts.value(qid)
    if actual in (UNKNOWN, NOT_APPLICABLE, "unanswered"):
        outcome: Truth = None
    else:
        outcome = compare(actual, op, expected)
    steps.append(Step(qid, op, expected, param, actual, outcome))
    return outcome


def compare(actual: Any, op: str, expected: Any) -> Truth:
    if actual == NO_AGE_ANSWER and op in ("lt", "lte", "gt", "gte"):
        # no such offence, no such age: below every age, so it never meets an age threshold
        return op in ("lt", "lte")
    if isinstance(actual, dict):
        # option by option: an option left out or marked unknown is not established
        if op == "contains":
            return {"yes": True, "no": False}.get(actual.get(expected, "unknown"))
        return None
    try:
        if op == "eq":
            return actual == expected
        if op == "ne":
            return actual != expected
        if op == "lt":
            return actual < expected
        if op == "lte":
            return actual <= expected
        if op == "gt":
            return actual > expected
        if op == "gte":
            return actual >= expected
        if op == "in":
            return actual in expected
        if op == "contains":
            return expected in actual
    except TypeError:
        return None
    raise ValueError(op)


def irrelevant_questions(ruleset: "Ruleset", answers: Mapping[str, Answer]) -> frozenset[str]:
    """Questions whose `relevant` condition is false given the other answers.

    Questions are visited in ruleset order, so a question that depends on a
    skipped question is itself skipped when its condition turns false.
    """
    skipped: set[str] = set()
    for q in ruleset.questions.values():
        if q.relevant is None:
            continue
        facts = Facts(answers, {}, frozenset(skipped))
        if evaluate(q.relevant, facts).truth is False:
            skipped.add(q.id)
    return frozenset(skipped)
