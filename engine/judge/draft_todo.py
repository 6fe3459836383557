"""What a draft written by `lexgap read` leaves to a person (`validate --todo`): the suggested values to
confirm or correct, and the questions the documents read are silent on. Kept apart from `todo.py`'s list of
unanswered questions: a suggestion is not an answer, and silence is a finding about the sources."""
from __future__ import annotations

from ..models.questionnaire import Questionnaire


def draft_todo_lines(q: Questionnaire) -> list[str]:
    lines = []
    for qid in q.answers:
        a = q.answer(qid)
        if a.suggested is not None and a.value == "unknown":
            where = f" ({a.suggested.locator})" if a.suggested.locator else ""
            lines.append(f"suggested {qid:<40}  {a.suggested.value}{where}: confirm by typing it as the value, "
                         f"with the Verified date, or correct it")
    for s in q.silent:
        a = q.answer(s.question)
        if a is None or a.value == "unknown":
            lines.append(f"silent    {s.question:<40}  no passage found for: {', '.join(s.terms)}")
    return lines
