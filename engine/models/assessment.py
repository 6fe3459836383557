"""The assessment result: lexgap's public JSON output contract (format 2; RESULT_FORMAT).

Documented in docs/assessment-json.md; its JSON Schema is written to
docs/schema/assessment.schema.json. Keep the shape stable: add fields, never
rename or remove them without bumping RESULT_FORMAT.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import ConfigDict, Field

from .questionnaire import Citation, PreparedBy, PreviousObservation, SourceDoc
from .ruleset import Severity, Status, Tags
from .base import Frozen
from ..vocabulary import ReasonName

RESULT_FORMAT = 2


Out = Frozen  # results are shared between assessments once built (lexgap.judge.assess.judge)


def _worded(name: str):
    """A field worded by lexgap.word after lexgap.judge has built the structure (issue 21 item 5): it is
    None only in between, so the published schema requires it as a string, as before."""
    def extra(schema: dict) -> None:
        prop = schema["properties"][name]
        schema["properties"][name] = {"description": prop["description"], "title": prop["title"], "type": "string"}
        schema.setdefault("required", []).append(name)
    return ConfigDict(json_schema_extra=extra)


WORDED = _worded("label")


class Counts(Out):
    met: int = 0
    partial: int = 0
    gap: int = 0
    unknown: int = 0
    not_applicable: int = 0


class Country(Out):
    code: str
    name: str
    subdivision: Optional[str] = Field(None, description="ISO 3166-2 code of the state or province whose law is "
                                                         "described, e.g. US-NY; null for national law.")
    subdivision_name: Optional[str] = Field(None, description="e.g. 'New York'.")


class RulesetRef(Out):
    id: str
    version: str
    title: str
    fingerprint: str = Field(description="SHA-256 of the ruleset's files.")


class QuestionnaireRef(Out):
    path: Optional[str]
    fingerprint: str = Field(description="SHA-256 of the questionnaire file's bytes.")
    ruleset_version: Optional[str] = Field(None, description="The ruleset version the questionnaire says it was "
                                                             "written for (null: not recorded).")
    title: Optional[str] = None
    prepared_by: PreparedBy
    sources: list[SourceDoc]
    previous_observations: list[PreviousObservation] = Field(
        default_factory=list, description="The Committee's previous recommendations the questionnaire lists.")
    silent: list[str] = Field(
        default_factory=list, description="Questions the documents read by `lexgap read` say nothing on: the list "
                                          "of issues asks about them first.")


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


class ScoreBand(Out):
    """A score with what is known about it: see docs/scoring.md."""
    decided: Optional[float] = Field(description="0-100 over the decided rules only; null when none is decided.")
    floor: Optional[float] = Field(description="0-100 with unknown rules counted as gaps (the conservative `score`).")
    ceiling: Optional[float] = Field(description="0-100 with unknown rules counted as met.")
    coverage: Optional[float] = Field(description="Share (0-100) of applicable rule weight decided by answers "
                                                  "(format 2; format 1 counted rules).")
    coverage_rules: Optional[float] = Field(None, description="Share (0-100) of applicable rules decided, by count.")
    min_coverage: float = Field(description="The ruleset's threshold below which no single score is printed.")
    assessed: bool = Field(description="False when no applicable rule is decided ('not assessed', never 0).")
    sufficient: bool = Field(description="Coverage reaches min_coverage: `decided` may be printed and ranked.")
    headline: str = Field(description="The line outputs print: the band floor-ceiling with its coverage "
                                      "(format 2; format 1 led with `decided`), or 'insufficient information: 17% ...'.")


class Deviation(Out):
    """A policy parameter set by `--param` for this run: a what-if, not the ruleset's assessment."""
    parameter: str
    value: Any = Field(description="The value applied.")
    default: Any = Field(description="The value the ruleset and profile would apply.")
    text: str = Field(description="As printed, e.g. 'what if: min_age_sexual_consent = 18 (ruleset default 16)'.")


Bound = Literal["yes", "no", "unknown"]


class InstrumentCited(Out):
    instrument: str = Field(description="The instrument's printed name, e.g. 'Lanzarote Convention'.")
    id: str = Field(description="Id in the ruleset's instrument catalogue (top-level `instruments`).")
    article: str
    note: Optional[str] = None
    relation: Optional[Literal["requires", "permits", "recommends", "goes_beyond", "context"]] = Field(
        None, description="How the article bears on the rule's standard: requires (obliges what the standard "
                          "says), permits, recommends (soft law), goes_beyond (the standard exceeds the article), "
                          "context. Only `requires` from an instrument with `bound: yes` supports 'in line with'.")
    bound: Optional[Bound] = Field(
        None, description="Whether the assessed State is bound by the instrument (as top-level `instruments`).")
    adopted: Optional[dt.date] = Field(
        None, description="When the cited text was adopted: the source's own date (a dated general comment) "
                          "or else the instrument's.")


class SourcesOut(Out):
    report: list[str] = Field(description="Sections of the ECPAT report.")
    instruments: list[InstrumentCited]
    strategy: list[str] = Field(description="Theory of Change action areas.")


class AuthorityOut(Out):
    model_config = WORDED
    kind: Literal["report", "treaty", "policy"] = Field(
        description="report: the ECPAT report states it; treaty: a cited treaty requires it; "
                    "policy: a choice of the ruleset or profile (see `parameters`).")
    instruments: list[str] = Field(description="For treaty: ids of the instruments that require the standard.")
    parameters: dict[str, Any] = Field(description="For policy: each policy parameter and the value applied.")
    note: Optional[str] = None
    label: Optional[str] = Field(None, description="One line saying what the standard rests on, as printed "
                                                  "(worded by lexgap.word.labels; present in every assessment).")


class InstrumentStatus(Out):
    """A cited instrument and whether the assessed State is bound by it."""
    id: str
    name: str
    title: str
    kind: Literal["treaty", "eu_law", "soft_law"]
    scope: Literal["universal", "regional"]
    region: Optional[str] = None
    bound: Bound = Field(
        description="yes: the ratification answer is 'ratified'; no: another answer (signed only, not signed, "
                    "not applicable), or soft law; unknown: unknown or unanswered, or EU law / a treaty without "
                    "a ratification question (lexgap.judge.binding).")
    why: Optional[str] = Field(
        None, description="One sentence: which answer decided `bound`, with its value, e.g. \"ratification.lanzarote "
                          "is 'signed_only': signature alone does not bind.\"")
    adopted: Optional[dt.date] = Field(None, description="When the instrument was adopted or opened for signature.")


class Step(Out):
    model_config = _worded("text")
    question: str
    op: str
    expected: Any = None
    param: Optional[str] = None
    actual: Any = None
    outcome: Optional[bool] = None
    text: Optional[str] = Field(None, description="The comparison in words, e.g. 'ages.consent_age is 12 "
                                                  "(standard: at least 16, parameter min_age_sexual_consent)' "
                                                  "(worded by lexgap.word.steps).")
    quoted: bool = Field(False, description="The summary quotes this step: one of the comparisons its status "
                                            "rests on.")


class Explanation(Out):
    model_config = _worded("summary")
    reason: Optional[ReasonName] = Field(None, description="Why the rule got its status, as a code (the "
                                                           "summary words it): see docs/assessment-json.md.")
    summary: Optional[str] = Field(None, description="The verdict alone, e.g. 'Falls short.' (worded by "
                                                     "lexgap.word.reasons); the reason is `why` (format 2).")
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
    verified: Optional[dt.date] = Field(None, description="When the answer was checked against its source; "
                                                          "null: not verified.")
    reviewed_by: Optional[str] = Field(None, description="Who checked it.")


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
    sources: SourcesOut
    tags: Tags
    authority: AuthorityOut
    at_least: Optional[Literal["partial"]] = Field(
        None, description="For an unknown rule: the answers prove it at least partly met.")
    at_most: Optional[Literal["partial"]] = Field(
        None, description="For an unknown rule: the answers prove it is not fully met (partly met or a gap); "
                          "the band's ceiling counts it as partly met, never as met.")
    missing: list[str] = Field(default_factory=list, description="For an unknown rule: the questions to answer to decide it.")
    opsc_cluster: Optional[str] = Field(
        None, description="The Optional Protocol cluster of the rule: general, prohibition, jurisdiction, "
                          "protection, prevention, cooperation, ratification.")
    why: Optional[str] = Field(None, description="The reason in one sentence, as every output prints it "
                                                 "(lexgap.wording.why).")


class AreaResult(Out):
    id: str
    title: str
    weight: float
    score: Optional[float] = Field(description="The floor: unknown counted as gap (see `band`).")
    coverage: Optional[float]
    counts: Counts
    band: ScoreBand


class WaveFamilyResult(Out):
    model_config = WORDED
    id: str
    title: str
    wave: Optional[int] = Field(description="0 none, 1 general, 2 aggravating, 3 child-specific; null if unknown.")
    label: Optional[str] = Field(None, description="The wave as the report names it (worded by lexgap.word.labels; "
                                                   "present in every assessment).")


class Waves(Out):
    model_config = WORDED
    overall: Optional[int] = Field(description="The wave the legislation has reached: the highest known family "
                                               "wave (report 4.4.1); null if no family is known.")
    label: Optional[str] = Field(None, description="e.g. 'third wave; trafficking still second wave' (worded by "
                                                  "lexgap.word.labels; present in every assessment).")
    complete: bool = Field(description="False when some family's wave is unknown.")
    lagging: list[str] = Field(default_factory=list, description="Ids of known families below the overall wave.")
    unknown: list[str] = Field(default_factory=list, description="Ids of families whose wave is unknown.")
    families: list[WaveFamilyResult]


class CommitteeParagraph(Out):
    """One paragraph of the draft concluding observations: a lead sentence and lettered items."""
    number: int
    kind: Literal["introduction", "welcome", "positive", "urgent", "sdg", "data", "concern", "recommendation",
                  "regret", "ratification", "opic", "follow-up", "dissemination", "next-report", "evidence"]
    text: str = Field(description="The paragraph, or its lead sentence when it has items.")
    items: list[str] = Field(default_factory=list, description="(a), (b), ... in order, without the letters.")
    rules: list[str] = Field(default_factory=list, description="The rules the paragraph rests on.")
    urges: bool = False
    topic: Optional[str] = Field(None, description="For an urged recommendation: its subject as the urgent-measures "
                                                   "paragraph names it.")


class CommitteeSection(Out):
    id: str = Field(description="positive, urgent, or an OPSC cluster id.")
    title: str
    subtitle: Optional[str] = Field(None, description="An unnumbered heading under the title, as real COs print "
                                                      "'Positive aspects' under 'II. General observations'.")
    paragraphs: list[CommitteeParagraph]
    placeholder: Optional[str] = Field(None, description="A section of the Committee's order for which the "
                                                         "answers give no paragraph: the bracketed line printed "
                                                         "under its heading for the Committee to complete "
                                                         "(paragraphs then empty).")


class CommitteeIssue(Out):
    number: int
    kind: Literal["data", "gap", "unknown", "silent"]
    text: str
    items: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list, description="For unknown: the questions to answer.")


class CommitteeHeadings(Out):
    """The headings and introductions of the two texts, in the text's voice."""
    observations: str
    observations_intro: str
    issues: str
    issues_intro: str


class CommitteeText(Out):
    """Draft concluding observations and list of issues (engine.committee; docs/report.md)."""
    observations: list[CommitteeSection]
    issues: list[CommitteeIssue]
    max_issues: int
    previous: Optional[str] = Field(None, description="The earlier questionnaire compared (`--previous`).")
    voice: Literal["committee", "ngo"] = Field(
        "committee", description="committee: the Committee's draft; ngo: an alternative report by `organisation` "
                                 "(`assess --voice`).")
    organisation: Optional[str] = Field(None, description="ngo voice: the organisation that speaks.")
    headings: Optional[CommitteeHeadings] = None
    party: bool = Field(True, description="The State is bound by the Convention or the Optional Protocol: called "
                                          "'the State party', and the text is concluding observations; otherwise "
                                          "'the State' and recommendations.")
    partial_draft: bool = Field(False, description="Coverage is below the ruleset's minimum: the observations keep "
                                                   "only the decided gaps and partials; see `partial_note` and `research`.")
    partial_note: Optional[str] = Field(None, description="Why the draft is partial (the coverage), as printed.")
    research: list[str] = Field(default_factory=list, description="For a partial draft: the questions to research, "
                                                                  "most severe rule first.")
    scope: Optional[str] = Field(None, description="What the paragraphs cover and what they do not assess.")


class Assessment(Out):
    format: Literal[2] = RESULT_FORMAT
    generator: str
    country: Country
    as_of: dt.date
    ruleset: RulesetRef
    questionnaire: QuestionnaireRef
    profile: ProfileRef
    scoring: ScoringRef
    score: Optional[float] = Field(description="0-100, the floor: unknown counted as gap; null when no rule "
                                               "applies. Print `band.headline` rather than this alone.")
    coverage: Optional[float] = Field(description="Share (0-100) of applicable rule weight decided by answers.")
    band: ScoreBand = Field(description="The score on decided rules, its coverage and floor-ceiling band.")
    counts: Counts
    deviations: list[Deviation] = Field(
        default_factory=list, description="Policy parameters changed by `--param` for this run (empty: none); "
                                          "the headline names them too.")
    instruments: list[InstrumentStatus] = Field(
        default_factory=list, description="Every instrument the findings cite, and whether the State is bound.")
    waves: Waves
    context: list[AnswerOut] = Field(description="Descriptive answers, reported but not scored.")
    areas: list[AreaResult]
    findings: list[Finding]
    answers: list[AnswerOut]
    committee: Optional[CommitteeText] = Field(
        None, description="Draft concluding observations and list of issues, worded from the findings.")
