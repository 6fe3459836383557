"""The closed vocabularies, spelled once: a finding's statuses (with their words, marks and what they
count for), the condition operators (with their symbols and plain words), the question types and the
special answers. Every other module imports these; the JSON keeps the same strings (``Status`` is a
``str`` enum: ``Status.GAP == "gap"``).

This module imports nothing from lexgap: it sits under every stage (docs/architecture.md).
"""
from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Status(StrEnum):
    """A rule's finding."""
    MET = "met"
    PARTIAL = "partial"
    GAP = "gap"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        """As a heading or a table cell says it: "Partly met"."""
        return _LABEL[self]

    @property
    def meaning(self) -> str:
        """One sentence for a legend: "The law meets part of the standard."."""
        return _MEANING[self]

    @property
    def mark(self) -> str:
        """The report's glyph: ✓ ◐ ✗ ? –."""
        return _MARK[self]

    @property
    def letter(self) -> str:
        """One ASCII character, for a matrix of many questionnaires: M P G ? -."""
        return _LETTER[self]

    @property
    def badge(self) -> str:
        """The terminal's badge: MET, PARTIAL, GAP, UNKNOWN, N/A."""
        return _BADGE[self]

    @property
    def decided(self) -> bool:
        """Met, partly met or a gap: the law is known and the rule applies (counts for coverage)."""
        return self in DECIDED

    @property
    def concern(self) -> bool:
        """A gap or partly met: something the State must change (a concern, a card in full)."""
        return self in CONCERN


_LABEL = {Status.MET: "Met", Status.PARTIAL: "Partly met", Status.GAP: "Gap", Status.UNKNOWN: "Unknown",
          Status.NOT_APPLICABLE: "Not applicable"}
_MEANING = {
    Status.MET: "The law meets the standard.",
    Status.PARTIAL: "The law meets part of the standard.",
    Status.GAP: "The law falls short of the standard.",
    Status.UNKNOWN: "The questionnaire does not say (research still to do), so the standard is not decided.",
    Status.NOT_APPLICABLE: "The standard does not apply given the other answers.",
}
_MARK = {Status.MET: "\u2713", Status.PARTIAL: "\u25d0", Status.GAP: "\u2717", Status.UNKNOWN: "?",
         Status.NOT_APPLICABLE: "\u2013"}
_LETTER = {Status.MET: "M", Status.PARTIAL: "P", Status.GAP: "G", Status.UNKNOWN: "?", Status.NOT_APPLICABLE: "-"}
_BADGE = {Status.MET: "MET", Status.PARTIAL: "PARTIAL", Status.GAP: "GAP", Status.UNKNOWN: "UNKNOWN",
          Status.NOT_APPLICABLE: "N/A"}

STATUSES: tuple[Status, ...] = tuple(Status)
STATUS_NAMES = tuple(s.value for s in Status)
StatusName = Literal[STATUS_NAMES]  # type: ignore[valid-type]  # the pydantic field type: same strings in the JSON
DECIDED = (Status.MET, Status.PARTIAL, Status.GAP)
CONCERN = (Status.GAP, Status.PARTIAL)
"""Gap first: the order a reader acts on."""
UNDECIDED = (Status.UNKNOWN, Status.NOT_APPLICABLE)
RANK = {Status.GAP: 0, Status.PARTIAL: 1, Status.MET: 2}
"""Better is higher, among the decided statuses."""
CREDIT = {Status.MET: 1.0, Status.GAP: 0.0}
"""What a finding counts for in a score; partly met counts the manifest's partial_credit."""

STATUS_LABEL = {s.value: s.label for s in Status}
STATUS_MARK = {s.value: s.mark for s in Status}
STATUS_LETTER = {s.value: s.letter for s in Status}
STATUS_BADGE = {s.value: s.badge for s in Status}
LETTER_LEGEND = " · ".join(f"{s.letter} {s.label.lower()}" for s in Status)
"""M met · P partly met · G gap · ? unknown · - not applicable"""


OPERATORS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "contains")
OPERATOR_SYMBOL = {"eq": "=", "ne": "not", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥",
                   "in": "is one of", "contains": "includes"}
"""As a condition is shown in a trace or `rules show`: "ages.consent_age ≥ 16"."""
OPERATOR_PLAIN = {"eq": "", "ne": "anything but", "lt": "less than", "lte": "at most", "gt": "more than",
                  "gte": "at least", "in": "one of", "contains": "an answer including"}
"""As a sentence says it: "the standard asks for at least 16"."""


QUESTION_TYPES = ("yes_no", "yes_no_partly", "age", "integer", "one_of", "many_of", "text")
QuestionTypeName = Literal[QUESTION_TYPES]  # type: ignore[valid-type]
CHOICE_TYPES = ("one_of", "many_of")
"""Questions answered from their `options`."""
NUMERIC_TYPES = ("age", "integer")

NO_AGE_ANSWER = "none"
"""What an `age` question takes when the law has no such offence or sets no such age (ruleset 3.0.0;
before it the guidance said 0, which scored an absent offence like a weak one and printed "under 0
years"). In a comparison it is below every age: `gte` is false, `lt` true; `eq: none` names it."""
MIN_AGE = 1
"""The lowest age an `age` question accepts: 0 was the old spelling of `none`."""

UNKNOWN_ANSWER, NOT_APPLICABLE_ANSWER = "unknown", "not_applicable"
SPECIAL_ANSWERS = (UNKNOWN_ANSWER, NOT_APPLICABLE_ANSWER)
"""Answers any question takes: the law is not established; the question does not apply."""
