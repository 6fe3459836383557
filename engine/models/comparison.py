"""Results of comparing assessments: across countries, over time, across sources.

Public JSON contracts (format 1) of `lexgap compare`, `diff` and `reconcile`;
documented in docs/comparison-json.md. Fields are only ever added.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import Field

from .assessment import Counts, ScoreBand
from .questionnaire import Citation
from .ruleset import Severity, Status
from .base import Strict


Out = Strict


def _jurisdiction():
    return Field(description="The country, {code, name}; with `subdivision` and `subdivision_name` "
                             "(ISO 3166-2 code and name, e.g. US-NY, New York) when the questionnaire "
                             "describes a state or province.")


class Column(Out):
    """One assessed questionnaire, a column of the comparison."""
    key: str = Field(description="Unique column label, e.g. 'PHL 2015', or 'US-NY 2015' for sub-national law.")
    code: str
    name: str
    as_of: dt.date
    file: Optional[str]
    profile: str
    score: Optional[float] = Field(description="The floor (unknown as gap); print `band.headline` rather than this alone.")
    coverage: Optional[float]
    counts: Counts
    wave: Optional[int]
    profile_title: str = Field("", description="The profile's title: columns assessed under different profiles differ in thresholds and rules.")
    band: Optional[ScoreBand] = Field(None, description="The score on decided rules, its coverage and floor-ceiling band.")
    rank: Optional[int] = Field(None, description="1 = highest proven floor, then coverage (ties share a rank), among every "
                                                  "column where a standard applies, whatever its coverage (review 11, F2; "
                                                  "review 13, N6); null only for a column with no floor.")
    subdivision: Optional[str] = Field(None, description="ISO 3166-2 code when the questionnaire describes a "
                                                         "state or province, e.g. 'US-NY'; null for national law.")
    subdivision_name: Optional[str] = Field(None, description="e.g. 'New York'.")


class RuleRow(Out):
    rule: str
    title: str
    area: str
    severity: Severity
    statuses: dict[str, Status] = Field(description="Column key -> status.")
    totals: Counts
    summary: str = Field(description="e.g. '3 of 5 countries meet this standard'.")


def rule_summary(totals: Counts) -> str:
    """'2 of 5 countries meet this standard (1 partly, 1 unknown)', counting only the countries where the
    standard applies. The verb agrees with the number that meets ('1 of 1 country meets'), and the
    unknown are named: 'meet' alone made a standard nobody could decide read as failed everywhere
    (review 12, item 13). Every rendering of a comparison words a rule row with this."""
    applicable = totals.met + totals.partial + totals.gap + totals.unknown
    if not applicable:
        return "applies to none of these countries"
    noun = "country" if applicable == 1 else "countries"
    verb = "meets" if totals.met == 1 else "meet"
    aside = [f"{n} {what}" for n, what in ((totals.partial, "partly"), (totals.unknown, "unknown")) if n]
    return f"{totals.met} of {applicable} {noun} {verb} this standard" + (f" ({', '.join(aside)})" if aside else "")


class AreaRow(Out):
    id: str
    title: str
    scores: dict[str, Optional[float]] = Field(description="Column key -> area score (the floor).")
    bands: dict[str, ScoreBand] = Field(default_factory=dict, description="Column key -> the area's score band; "
                                                                          "`assessed: false` means not assessed.")


class Comparison(Out):
    format: Literal[2] = 2
    generator: str
    ruleset: dict[str, str]
    columns: list[Column]
    rules: list[RuleRow]
    areas: list[AreaRow]
    deviations: list[str] = Field(default_factory=list, description="Policy parameters set by `--param` for "
                                                                    "this run, as printed (empty: none).")


class Side(Out):
    file: Optional[str]
    as_of: dt.date
    profile: str
    score: Optional[float] = Field(description="The floor (unknown as gap); print `band.headline` rather than this alone.")
    coverage: Optional[float]
    counts: Counts
    wave: Optional[int]
    band: Optional[ScoreBand] = Field(None, description="The score on decided rules, its coverage and floor-ceiling band.")
    sources: list[str] = Field(description="Titles of the sources the questionnaire names.")
    country: Optional[dict[str, str]] = Field(
        None, description="This side's jurisdiction, shaped like the top-level `country`.")
    label: Optional[str] = Field(
        None, description="reconcile: the account's name from its sources' kind, e.g. 'State party', "
                          "'NGO' ('Account A' when the questionnaire names no kind).")


class StatusChange(Out):
    rule: str
    title: str
    area: str
    severity: Severity
    old: Status
    new: Status
    kind: Literal["closed", "opened", "improved", "worsened", "now_known", "no_longer_known", "now_applies", "changed"]


class AnswerSide(Out):
    value: Any
    label: str
    citations: list[Citation]


class AnswerChange(Out):
    question: str
    area: str
    text: str
    old: AnswerSide
    new: AnswerSide


class Diff(Out):
    format: Literal[2] = 2
    generator: str
    country: dict[str, str] = _jurisdiction()
    forced: bool = Field(description="True when --force compared two different jurisdictions "
                                     "(countries, or subdivisions of one country).")
    old: Side
    new: Side
    score_delta: Optional[float]
    coverage_delta: Optional[float]
    closed: list[StatusChange] = Field(description="Gaps closed: gap -> met or partial (format 1 before "
                                                   "lexgap 0.3 also counted partial -> met).")
    opened: list[StatusChange] = Field(description="Gaps opened: met or partial -> gap; and new concerns: "
                                                   "unknown or not_applicable -> gap or partial.")
    changes: list[StatusChange] = Field(description="Every rule whose status changed.")
    answers_changed: list[AnswerChange]
    floor_delta_law: Optional[float] = Field(
        None, description="The least the law can have done: the new floor (a rule no longer answered counted as the "
                          "floor counts unknown, a gap) minus a baseline in which each rule stands at its old status, "
                          "and a rule the old questionnaire left unknown at the best its old answers allowed (so one "
                          "met now, `newly_answered`, adds nothing, and one that falls short now is a possible "
                          "regression); a rule unknown on both sides is neutral. Hiding an answer on either side never "
                          "raises it (review 11, F5; review 13, N1). Both floors unrounded, the difference rounded once.")
    floor_delta_research: Optional[float] = Field(
        None, description="score_delta - floor_delta_law: the change the rules answered only in the new questionnaire "
                          "(`newly_answered`) make, research rather than law. What the missing answers leave open is "
                          "the range floor_delta_law .. floor_delta_law_max.")
    newly_answered: list[str] = Field(
        default_factory=list, description="Rules unknown in the old questionnaire and, in the new one, at the best "
                                          "the old answers allowed (met, or partly met when they proved no more): "
                                          "research, never credited to the law (the old law may have met them too); "
                                          "their change is in floor_delta_research (added with review 11).")
    no_longer_answered: list[str] = Field(
        default_factory=list, description="Rules decided in the old questionnaire and unknown in the new one: "
                                          "whether the law changed there is not known.")
    floor_delta_law_max: Optional[float] = Field(
        None, description="The most the law can have done: the new floor with every rule no longer answered counted "
                          "as the ceiling counts it (met, or partly met when its answers allow no more), minus the old "
                          "floor. Equal to floor_delta_law when no rule is no longer answered. Never a credit: the "
                          "upper end of the range the missing answers leave open.")
    deviations: list[str] = Field(default_factory=list, description="What-if settings (`--param`, `--profile`) of this "
                                                                    "run, as printed (empty: none; added with review 13).")
    regressions: list[StatusChange] = Field(
        default_factory=list, description="Rules whose decided status got worse: met -> partial (kind `worsened`), "
                                          "met or partial -> gap (kind `opened`). A rule no longer answered is not "
                                          "one: whether its law got worse is not known.")


class Disagreement(Out):
    question: str
    area: str
    text: str
    a: AnswerSide
    b: AnswerSide
    rules: list[str] = Field(description="Rules that read this question.")
    issue: str = Field(description="The list-of-issues question this disagreement raises.")
    follows: list[str] = Field(default_factory=list, description="Questions whose answers differ only "
                               "because this one does (their skip logic reads it): one disagreement, not several.")


class FindingConflict(Out):
    rule: str
    title: str
    area: str
    severity: Severity
    a: Status
    b: Status


class Reconciliation(Out):
    format: Literal[1] = 1
    generator: str
    country: dict[str, str] = _jurisdiction()
    as_of: dt.date
    forced: bool
    a: Side
    b: Side
    profile: str = Field(description="Both sides are assessed against this profile (A's).")
    disagreements: list[Disagreement]
    findings: list[FindingConflict] = Field(description="Findings whose status differs between A and B.")
    agreed: int = Field(description="Questions answered identically by both.")
    list_of_issues: list[str]
    deviations: list[str] = Field(default_factory=list, description="Policy parameters set by `--param` for "
                                                                    "this run, as printed (empty: none).")
