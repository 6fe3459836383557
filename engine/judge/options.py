"""A multiple-choice list says which options are present; what it leaves out is not known.

Before ruleset 3.0.0 a list `[a, b]` asserted every other option absent, so a researcher who
listed the safeguards she had found was read as denying the rest (review M3: "do not include a
limited number of interviews" printed as a fact). Now a non-empty list establishes its options
present and leaves the others unknown, unless the answer says the list is complete
(`complete: true`); an empty list (`[]`, the spreadsheet's `none`) says no option is present. The
list becomes the option-by-option mapping the evaluator and the wording already read, so there is
one meaning of "absent" everywhere.
"""
from __future__ import annotations

from typing import Optional

from ..models.questionnaire import Answer
from ..models.ruleset import Question
from ..vocabulary import question_type


def by_option(question: Optional[Question], answer: Optional[Answer]) -> Optional[Answer]:
    """The answer with a many_of list as a mapping option -> yes / no (left out: unknown)."""
    if answer is None or question is None or question_type(question.type).options != "many" or not isinstance(answer.value, list):
        return answer
    listed = set(answer.value)
    closed = answer.complete or not listed
    mapping = {o.value: ("yes" if o.value in listed else "no") for o in question.options or []
               if o.value in listed or closed}
    return answer.model_copy(update={"value": mapping})
