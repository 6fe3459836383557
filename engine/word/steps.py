"""A comparison of the trace in words (issue 21 item 5: judge/ decides, word/ words).

lexgap.judge.evaluate records each comparison as data (question, operator, expected value, parameter,
actual value, outcome); this module gives it the one line the JSON's `steps[].text` and the reasons
quote, e.g. "ages.consent_age is 12 (standard: at least 16, parameter min_age_sexual_consent)"."""
from __future__ import annotations

from typing import Any

from ..models.base import replaced
from ..models.conditions import OPERATOR_WORDS


def show(value: Any) -> str:
    """An answer's value as the trace prints it: a many_of answer option by option, a list in brackets."""
    if isinstance(value, dict):  # a multiple-choice answer given option by option
        parts = [", ".join(o for o, st in value.items() if st == "yes") or "none established"]
        absent = [o for o, st in value.items() if st == "no"]
        unsure = [o for o, st in value.items() if st == "unknown"]
        if absent:
            parts.append("not: " + ", ".join(absent))
        if unsure:
            parts.append("not established: " + ", ".join(unsure))
        return "[" + "; ".join(parts) + "]"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]" if value else "none"
    return str(value)


def step_text(step) -> str:
    """One comparison (a judge Step or a published Step) as a line: what the answer is, what the
    standard needs, and the policy parameter it reads, if any."""
    if step.op == "is_answered":
        return f"{step.question} is {'answered' if step.outcome else 'not answered'}"
    needed = show(step.expected) if step.op == "eq" else f"{OPERATOR_WORDS[step.op]} {show(step.expected)}"
    if step.param:
        needed += f", parameter {step.param}"
    return f"{step.question} is {show(step.actual)} (standard: {needed})"


def worded_steps(steps: list) -> list:
    """Published steps with their text filled in (the judge leaves it empty)."""
    return [s if s.text else replaced(s, text=step_text(s)) for s in steps]
