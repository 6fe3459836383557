"""The closed vocabularies, spelled once: a finding's statuses (with their words, marks and what they
count for), the condition operators (with their symbols and plain words), the question types and the
special answers. Every other module imports these; the JSON keeps the same strings (``Status`` is a
``str`` enum: ``Status.GAP == "gap"``).

This module imports nothing from lexgap: it sits under every stage (docs/architecture.md).
"""
from __future__ import annotations

from dataclasses import dataclass
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


NO_AGE_ANSWER = "none"
"""What an `age` question takes when the law has no such offence or sets no such age (ruleset 3.0.0;
before it the guidance said 0, which scored an absent offence like a weak one and printed "under 0
years"). In a comparison it is below every age: `gte` is false, `lt` true; `eq: none` names it."""
MIN_AGE = 1
"""The lowest age an `age` question accepts: 0 was the old spelling of `none`."""


@dataclass(frozen=True)
class QuestionType:
    """One kind of question, and everything a stage needs to know about it (as OpenFisca's
    ``VALUE_TYPES`` gives each value type its dtype, default and JSON type). The JSON Schema, the
    synthetic answers, the workbook's drop-down or number rule, the cell reader, the guidance words,
    the YAML template's hint and the ruleset checks all read their question's entry here instead of
    switching on its name, so adding a type is one entry (docs/architecture.md) and a stage cannot
    fall through to a silent default: an unknown name is an error (`question_type`).

    The shape is given by three fields: fixed ``answers`` (yes/no/partly), ``options`` (answered from
    the question's own options, one or several), or ``numeric``; none of them is open text."""
    name: str
    words: str
    """What to write, as the workbook's guidance says it; ``{range}`` and ``{options}`` are filled in
    (see `describe`)."""
    hint: str
    """The YAML template's comment, filled in likewise (see `describe`)."""
    samples: tuple
    """Answers a generated questionnaire draws from (numeric and open types; the others draw from
    their answers or options)."""
    answers: tuple[str, ...] = ()
    options: Literal["one", "many"] | None = None
    numeric: bool = False
    default_range: tuple[int | None, int | None] = (None, None)
    """Bounds where the question sets no `min`/`max`."""
    takes_none: bool = False
    """Takes `none` (NO_AGE_ANSWER), which compares below every number."""

    @property
    def open(self) -> bool:
        """Free text: neither fixed answers, nor options, nor a number."""
        return not (self.answers or self.options or self.numeric)

    @property
    def cell(self) -> str:
        """How the workbook's reader takes the answer cell: a number, text kept as typed, or a code."""
        return "number" if self.numeric else "text" if self.open else "plain"

    def values(self, q) -> list | None:
        """The literal values the question accepts, or None where they are numbers or text."""
        if self.options:
            return [o.value for o in q.options or []]
        return list(self.answers) or None

    def bounds(self, q) -> tuple[int | None, int | None]:
        """The question's own `min`/`max`, else this type's defaults."""
        lo, hi = self.default_range
        return (q.min if q.min is not None else lo, q.max if q.max is not None else hi)

    def range_words(self, q) -> str:
        lo, hi = self.bounds(q)
        return (f" from {lo}" if lo is not None else "") + (f" to {hi}" if hi is not None else "")

    def describe(self, q, template: str) -> str:
        """``words`` or ``hint`` with the question's range and options filled in: ``{options}`` as
        "code = label; ...", ``{codes}`` as "a | b", ``{code_list}`` as "a, b"."""
        codes = [o.value for o in q.options or []]
        return template.format(range=self.range_words(q), codes=" | ".join(codes), code_list=", ".join(codes),
                               options="; ".join(f"{o.value} = {o.label}" for o in q.options or []))


_YES_NO_PARTLY_WORDS = "yes, no or partly"
QUESTION_TYPE: dict[str, QuestionType] = {t.name: t for t in (
    QuestionType("yes_no", words="yes or no", hint="yes | no", samples=(), answers=("yes", "no")),
    QuestionType("yes_no_partly", words=_YES_NO_PARTLY_WORDS, hint="yes | no | partly", samples=(),
                 answers=("yes", "no", "partly")),
    QuestionType("age", words="an age in whole years{range}, or none if the law has no such offence or age",
                 hint="an age in years (whole number{range}), or none if the law has no such offence or age",
                 samples=(NO_AGE_ANSWER, 12, 14, 15, 16, 18, 18, 18), numeric=True,
                 default_range=(MIN_AGE, 25), takes_none=True),
    QuestionType("integer", words="a whole number{range}", hint="a whole number{range}", samples=(),
                 numeric=True),
    QuestionType("one_of", words="one of: {options}", hint="one of: {codes}", samples=(), options="one"),
    QuestionType("many_of", words="the options present, separated by commas (none: write 'none'): {options}",
                 hint="a list of: {code_list}", samples=(), options="many"),
    QuestionType("text", words="text", hint="text", samples=("Described in the cited provision.",)),
)}
"""Every question type, by name (the order is the schema's)."""

QUESTION_TYPES = tuple(QUESTION_TYPE)
QuestionTypeName = Literal[QUESTION_TYPES]  # type: ignore[valid-type]


class UnknownQuestionType(ValueError):
    """A question's type that has no entry in QUESTION_TYPE (the ruleset model refuses one on load;
    this guards a question built another way)."""


def question_type(name: str) -> QuestionType:
    """The entry of a question type; an unknown name is an error, never a default."""
    try:
        return QUESTION_TYPE[name]
    except KeyError:
        raise UnknownQuestionType(f"unknown question type {name!r}; known: {', '.join(QUESTION_TYPE)}") from None

REASONS = ("treaty_not_binding", "treaty_unknown", "not_in_profile", "does_not_apply", "applies_unknown",
           "lacks_prerequisite", "all_not_applicable", "met", "at_least_partly", "undecided", "partly_met",
           "partly_undecided", "falls_short")
"""Why a rule got its status, as `judge.assess.decide` finds it (the finding's `explanation.reason`);
`word.reasons` words each one."""
ReasonName = Literal[REASONS]  # type: ignore[valid-type]

UNKNOWN_ANSWER, NOT_APPLICABLE_ANSWER = "unknown", "not_applicable"
SPECIAL_ANSWERS = (UNKNOWN_ANSWER, NOT_APPLICABLE_ANSWER)
"""Answers any question takes: the law is not established; the question does not apply."""
