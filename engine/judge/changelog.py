"""What the ruleset's changelog says about an older questionnaire's answers.

A questionnaire written for an earlier ruleset version may answer a question that has since been
removed or renamed, or give a value the question no longer takes (an age of 0 before `none`). The
changelog in `ruleset.yaml` records each such change with its mechanical conversion, so that:

- validation names the replacement and the conversion instead of guessing a did-you-mean from the
  spelling (the review's M1: `online.grooming_all_children` was pointed at the wrong question);
- `lexgap migrate` (engine/judge/migrate.py) applies the conversions, leaving what cannot be
  converted as `unknown` with a note.

One function decides what a change does to one answer (`convert_answer`), used by both.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..load.problems import Problem
from ..load.ruleset import Ruleset
from ..models.ruleset import QuestionChange
from ..vocabulary import SPECIAL_ANSWERS, UNKNOWN_ANSWER


@dataclass(frozen=True)
class Conversion:
    """What becomes of one old answer: moved to `target` (None: dropped) with `value`."""
    old_id: str
    target: Optional[str]
    old_value: Any
    value: Any
    converted: bool  # False: the value could not be converted (it becomes unknown) or was dropped
    version: str
    note: str

    def describe(self) -> str:
        """What changed, for validation and `lexgap migrate`."""
        note = self.note.strip().rstrip(".")
        if self.target is None:
            return f"{self.old_id} was removed in ruleset {self.version} ({note})"
        if self.target != self.old_id:
            return f"{self.old_id} was replaced by {self.target} in ruleset {self.version} ({note})"
        return f"{self.old_id}: {self.old_value!r} is no longer an answer since ruleset {self.version} ({note})"

    def action(self) -> str:
        """What `lexgap migrate` does with the answer."""
        if self.target is None:
            return "the answer is dropped"
        if not self.converted:
            return f"the answer moves to {self.target} as 'unknown', with a note: it has no mechanical conversion"
        if self.target != self.old_id:
            return f"the answer moves to {self.target} as {self.value!r}"
        return f"the answer becomes {self.value!r}"


def changes(ruleset: Ruleset) -> list[tuple[str, QuestionChange]]:
    """(version, change), oldest version first: the order in which they apply."""
    return [(entry.version, c) for entry in reversed(ruleset.manifest.changelog) for c in entry.questions]


def _key(value: Any) -> Optional[str]:
    """How `convert` names an old value: '0', 'yes'."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, str)):
        return str(value)
    return None


def convert_answer(change: QuestionChange, version: str, value: Any) -> Optional[Conversion]:
    """What the change does to an answer of `change.question` with `value`; None when it leaves
    the answer alone (a re-valued question whose value is not one the change lists)."""
    old = change.question
    key = _key(value)
    if change.replaced_by is None and change.convert:  # re-valued in place
        if key is None or key not in change.convert:
            return None
        return Conversion(old, old, value, change.convert[key], True, version, change.note)
    if change.replaced_by is None:  # removed
        return Conversion(old, None, value, None, False, version, change.note)
    if value in SPECIAL_ANSWERS:
        return Conversion(old, change.replaced_by, value, value, True, version, change.note)
    if key is not None and key in change.convert:
        return Conversion(old, change.replaced_by, value, change.convert[key], True, version, change.note)
    return Conversion(old, change.replaced_by, value, UNKNOWN_ANSWER, False, version, change.note)


def old_answer_problems(doc, ruleset: Ruleset) -> list[Problem]:
    """A problem at each answer that the changelog converts: the question's replacement or its
    new value, and `lexgap migrate FILE`. Checked before the schema, whose did-you-mean would
    guess from the spelling."""
    answers = doc.data.get("answers") if isinstance(doc.data, dict) else None
    if not isinstance(answers, dict):
        return []
    problems = []
    for version, change in changes(ruleset):
        if change.question not in answers:
            continue
        raw = answers[change.question]
        value = raw.get("value") if isinstance(raw, dict) else raw
        conv = convert_answer(change, version, value)
        if conv is None:
            continue
        if conv.target == change.question and change.question in ruleset.questions:
            pointer = f"/answers/{change.question}" + ("/value" if isinstance(raw, dict) else "")
            where = doc.where(pointer)
        else:
            where = doc.key_where(f"/answers/{change.question}")
        problems.append(Problem(doc.path, *where, f"{conv.describe()}; `lexgap migrate {doc.path}` converts "
                                                  f"the file ({conv.action()})"))
    return problems
