"""The assessment result: lexgap's public JSON output contract (format 1).

Documented in docs/assessment-json.md; its JSON Schema is written to
docs/schema/assessment.schema.json. Keep the shape stable: add fields, never
rename or remove them without bumping RESULT_FORMAT.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .questionnaire import Citation, PreparedBy, SourceDoc
from .ruleset import Severity, Sources, Status, Tags

RESULT_FORMAT = 1
STATUSES: tuple[Status, ...] = ("met", "partial", "gap", "unknown", "not_applicable")


class Out(BaseModel):
    # Frozen: findings are shared between assessments (engine.assess.judge).
    model_config = ConfigDict(extra="forbid", frozen=True)


class Counts(Out):
    met: int = 0
    partial: int = 0
    gap: int = 0
    unknown: int = 0
    not_applicable: int = 0


class Country(Out):
    code: str
    name: str


class RulesetRef(Out):
    id: str
    version: str
    title: str
    fingerprint: str = Field(description="SHA-256 of the ruleset's files.")


class QuestionnaireRef(Out):
    path: Optional[str]
    fingerprint: str = Field(description="SHA-256 of the questionnaire file's bytes.")
    title: Optional[str] = None
    prepared_by: PreparedBy
    sources: list[SourceDoc]


class ProfileRef(Out):
    id: str
    title: str
    chain: list[str] = Field(description="The profile and those it extends, most general first.")
    parameters: dict[str, Any]
    chosen_by: Literal["option", "questionnaire", "country", "default"]


class ScoringRef(Out):
    model: Literal["flat", "default", "absolute"]
    partial_credit: float
    severity_weights: dict[str, float]


class Step(Out):
    question: str
    op: str
    expected: Any = None
    param: Optional[str] = None
    actual: Any = None
    outcome: Optional[bool] = None
    text: str


class Explanation(Out):
    summary: str
    steps: list[Step]


class AnswerOut(Out):
    question: str
    area: str
    text: str
    type: str
    value: Any = Field(description="The answer, or 'unknown', 'not_applicable', 'unanswered'.")
    label: Optional[str] = Field(None, description="Human-readable value.")
    state: Literal["answered", "unknown", "not_applicable", "unanswered", "skipped"]
    citations: list[Citation] = Field(default_factory=list)
    notes: Optional[str] = None
    verified: Optional[dt.date] = None


class Finding(Out):
    rule: str
    title: str
    area: str
    status: Status
    severity: Severity
    weight: float
    standard: str
    rationale: str
    explanation: Explanation
    recommendation: str
    answers: list[str] = Field(description="Question ids the rule reads; see top-level `answers`.")
    sources: Sources
    tags: Tags


class AreaResult(Out):
    id: str
    title: str
    weight: float
    score: Optional[float]
    coverage: Optional[float]
    counts: Counts


class WaveFamilyResult(Out):
    id: str
    title: str
    wave: Optional[int] = Field(description="0 none, 1 general, 2 aggravating, 3 child-specific; null if unknown.")
    label: str


class Waves(Out):
    overall: Optional[int] = Field(description="The lowest wave among the families, null if none is known.")
    label: str
    complete: bool = Field(description="False when some family's wave is unknown.")
    families: list[WaveFamilyResult]


class Assessment(Out):
    format: Literal[1] = RESULT_FORMAT
    generator: str
    country: Country
    as_of: dt.date
    ruleset: RulesetRef
    questionnaire: QuestionnaireRef
    profile: ProfileRef
    scoring: ScoringRef
    score: Optional[float] = Field(description="0-100; null when no rule applies.")
    coverage: Optional[float] = Field(description="Share (0-100) of applicable rules decided by answers.")
    counts: Counts
    waves: Waves
    context: list[AnswerOut] = Field(description="Descriptive answers, reported but not scored.")
    areas: list[AreaResult]
    findings: list[Finding]
    answers: list[AnswerOut]
