"""Models for rule files: the ruleset manifest, area files and profiles."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional, Union

from pydantic import Field

from .conditions import Condition, QuestionId
from ..vocabulary import QuestionTypeName, StatusName
from .base import Strict

Status = StatusName  # the strings of vocabulary.Status
Severity = Literal["critical", "high", "medium", "low"]
DemandLevel = Literal["immediate", "intermediate", "underlying"]
OpscCluster = Literal["general", "prohibition", "jurisdiction", "protection", "prevention", "cooperation",
                      "ratification"]
OPSC_CLUSTERS: tuple[str, ...] = OpscCluster.__args__
"""The Optional Protocol's clusters, in the order concluding observations follow (docs/rulesets.md)."""
QuestionType = QuestionTypeName  # vocabulary.QUESTION_TYPES
Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
RuleId = Annotated[str, Field(pattern=r"^[A-Z]{2,5}-[0-9]{2}$")]
ParamName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
AnswerLiteral = Union[int, str, list[Union[int, str]]]




class Option(Strict):
    value: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: str
    help: Optional[str] = None


LangCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
SearchTerm = Annotated[str, Field(min_length=2, max_length=80, pattern=r"^[^\n]+$")]
"""A word or phrase matched on word stems (`read/terms.py`); never a regular expression."""
class NotApplicableCheck(Strict):
    """What must hold for `not_applicable` to be a true answer, checked against the questionnaire
    (review H7: a declared condition that is never tested lets a State drop a standard)."""
    not_member_of: Optional[Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]] = Field(
        None, description="A profile id: refused when the country is in that profile's `countries`, or the "
                          "questionnaire asks for that profile (or one extending it).")
    holds: Optional[Condition] = Field(
        None, description="A condition on the other answers that must be true (not merely not false: an "
                          "unknown answer leaves it unproven, and `not_applicable` is refused).")


class Question(Strict):
    """One question of the questionnaire, typed, with guidance and skip logic."""
    id: QuestionId
    type: QuestionType
    text: str = Field(description="The question as asked of the researcher.")
    fact: Optional[dict[str, Union[str, Annotated[list[str], Field(min_length=1)]]]] = Field(
        None, description="How Committee text states an answer as a fact: answer value -> clause (e.g. \"no\": "
                          "'there is no offence of grooming'), or a list of clauses tried in order, the first whose "
                          "slots all fill being used. For age and integer questions the key `value` takes {value} "
                          "(the number) and the key `none` is used for `none` (or an old 0); a many_of question "
                          "has `missing` ({missing}: the options established as absent) and `open` ({open}: the "
                          "options not established, for the list of issues; `open:<option>` when that option is the "
                          "only one open). Slots: {value}, {missing}, {open}, {open_items}, "
                          "{defect} / {protection} (the answer's legal citations of that role), {<question id>} "
                          "(another answer's value). A clause with a slot that does not fill is skipped. Concerns "
                          "are built from these sentences of the answers that decided the rule, each followed by "
                          "that answer's own legal citations unless it places them itself (docs/rulesets.md).")
    loi: bool = Field(
        True, description="false: never put this question to the State party in a list of issues (a detail that "
                          "would cost the Committee credibility, e.g. surgical castration).")
    help: Optional[str] = Field(None, description="Guidance: what counts as yes, where to look.")
    options: Optional[list[Option]] = Field(None, description="Choices for one_of and many_of.")
    min: Optional[int] = None
    max: Optional[int] = None
    relevant: Optional[Condition] = Field(
        None, description="Ask only when this holds; otherwise the answer is not_applicable.")
    not_applicable_when: Optional[str] = Field(
        None, description="When `not_applicable` can be a true answer (e.g. a regional instrument the "
                          "State cannot join). Without it, a questionnaire may not answer not_applicable.")
    search: Optional[dict[LangCode, Annotated[list[SearchTerm], Field(min_length=1)]]] = Field(
        None, description="Search terms for `lexgap read`, keyed by language (en, fr, es): words and short "
                          "phrases a statute or a State report uses for the question's subject. A document in "
                          "which none of them occurs is reported silent on the question (docs/reader.md).")
    not_applicable_check: Optional[NotApplicableCheck] = Field(
        None, description="The same condition as data, checked against the questionnaire's answers and "
                          "profile; required with `not_applicable_when`.")


InstrumentId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]


Relation = Literal["requires", "permits", "recommends", "goes_beyond", "context"]
RELATIONS: tuple[str, ...] = Relation.__args__
"""How a cited article bears on a rule's standard (docs/rulesets.md, "Sources and authority")."""


class InstrumentRef(Strict):
    """One article a rule cites, and how it bears on the rule's standard. The relation is data, not a
    reading of the note: it decides what a rule may be labelled (`authority`) and what Committee text may
    cite "in line with" (only `requires` from an instrument that binds the State)."""
    instrument: InstrumentId = Field(description="Id of an instrument in the ruleset's instruments.yaml, e.g. opsc.")
    relation: Relation = Field(
        description="requires: the article obliges (its Parties to do) what the standard says; permits: it allows "
                    "it, without obliging; recommends: soft law that asks for it; goes_beyond: the standard "
                    "exceeds what the article obliges (the article asks for less); context: background the "
                    "standard does not rest on.")
    article: str = Field(description="Article or paragraph, e.g. 'art. 3(1)(c)'.")
    note: Optional[str] = None
    adopted: Optional[dt.date] = Field(
        None, description="For a dated text of a corpus (a general comment, guidelines, an opinion): the date the "
                          "cited text was adopted, when later than the instrument's own `adopted`.")


class Instrument(Strict):
    """One entry of the instrument catalogue (instruments.yaml): what a rule may cite."""
    id: InstrumentId
    name: str = Field(description="Short name as printed, e.g. 'Lanzarote Convention'.")
    title: str = Field(description="Full title and year.")
    kind: Literal["treaty", "eu_law", "soft_law"] = Field(
        description="treaty: binds its Parties; eu_law: binds EU member States; soft_law: binds no State "
                    "(general comments, guidelines, model laws, SDG targets).")
    scope: Literal["universal", "regional"]
    region: Optional[str] = Field(None, description="For regional instruments: Council of Europe, African Union, SAARC, EU.")
    ratification: Optional[QuestionId] = Field(
        None, description="The question whose answer `ratified` says the State is bound (treaties).")
    committee: bool = Field(
        False, description="Part of the CRC Committee's own corpus (the Convention, the Optional Protocol, the "
                           "Committee's general comments and guidelines): cited in concluding observations for "
                           "every State party, whatever its other ratifications.")
    cite_as: Optional[str] = Field(
        None, description="How Committee text names it after an article, e.g. 'the Optional Protocol' "
                          "('article 3 of the Optional Protocol'); without it the name and article are printed.")
    adopted: dt.date = Field(
        description="The date the instrument was adopted or opened for signature (for a body's corpus: the "
                    "earliest date any of its texts can bear). Committee text leaves out an instrument adopted "
                    "after a questionnaire's date.")


class Authority(Strict):
    """Which kind of authority a rule's standard rests on."""
    kind: Literal["report", "treaty", "policy"] = Field(
        description="report: the ECPAT report states the standard; treaty: a cited treaty requires it; "
                    "policy: a choice of the ruleset or profile, held in a labelled parameter.")
    instruments: list[InstrumentId] = Field(
        default_factory=list, description="For kind treaty: the cited instruments that require the standard.")
    parameters: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]] = Field(
        default_factory=list, description="For kind policy: the policy parameters holding the choice.")
    note: Optional[str] = Field(None, description="Why this authority, in a sentence.")


class Sources(Strict):
    report: Annotated[list[str], Field(min_length=1, description="Sections of the ECPAT report, e.g. '4.4.1'.")]
    instruments: Annotated[list[InstrumentRef], Field(min_length=1)]
    strategy: list[str] = Field(default_factory=list, description="Theory of Change action areas, e.g. '4.4'.")


class Tags(Strict):
    demand_level: Annotated[list[DemandLevel], Field(min_length=1)]
    sdg: list[Literal["5.2", "5.3", "8.7", "16.2"]] = Field(default_factory=list)


class Concern(Strict):
    """How concluding observations state the defect, per status: a clause that follows "The Committee is
    concerned that", stating the fact (never the negated standard). Placeholders: {<question id>} is that
    answer's value as printed (e.g. {ages.consent_age} -> 12), {cite} the legal provisions the rule's
    answers cite, {cite:<question id>} those of one answer, {missing:<question id>} the options a multiple-choice answer
    establishes as absent. Checked at load time; when an answer a template names is not given, the generic
    wording is used."""
    gap: Optional[str] = None
    partial: Optional[str] = None
    recommend: Optional[str] = Field(
        None, description="The recommendation in the Committee's words (an imperative, e.g. 'Raise the age ...'); "
                          "default: the rule's recommendation.")
    recommend_when: list["RecommendWhen"] = Field(
        default_factory=list, description="Recommendations for particular facts, tried in order before `recommend`: "
                                          "the first whose `when` holds on the answers (literal operands only) and "
                                          "whose placeholders fill is used.")
    ask: Optional[str] = Field(
        None, description="The list of issues' question for the undecided rule, a whole sentence ('Please "
                          "indicate whether ...'), where 'the measures taken to ensure that <statement>' reads badly.")
    ask_when: list["AskWhen"] = Field(
        default_factory=list, description="Questions for particular facts, tried in order before `ask`: the first "
                                          "whose `when` holds on the answers (literal operands only) is asked.")


class RecommendWhen(Strict):
    """A recommendation that holds only for some answers (e.g. the general age of marriage is already 18:
    amend the exception, never 'set 18')."""
    when: Condition
    recommend: str


class AskWhen(Strict):
    """A list-of-issues question that holds only for some answers: once the questionnaire records what a
    child marriage's legal effect is, the Committee asks only what is still open, never what it was told."""
    when: Condition
    ask: str


class Fold(Strict):
    """A rule whose concern, when its host rule fires on the same provision, is the host's concern seen
    from another side (GEN-03, offences only a man can commit, and GEN-02, rape defined for a female
    victim: one definition, one reform). The Committee documents then state one concern and make one
    recommendation, the host's with these words added after its basis; the gap report keeps both
    findings."""
    rule: RuleId = Field(description="The host rule, e.g. GEN-02.")
    adds: str = Field(
        description="What this rule adds to the host's recommendation when both fire on a provision they share "
                    "(same instrument and article), in the Committee's words, printed after the host's "
                    "recommendation and its 'in line with' (which this rule's own sources may not support), "
                    "e.g. 'and so that a person of any sex can commit them'.")


class RuleTest(Strict):
    """An inline example: these answers must give this status."""
    expect: Status
    answers: dict[QuestionId, AnswerLiteral]
    params: dict[ParamName, Union[int, str]] = Field(default_factory=dict)
    name: Optional[str] = None


class Rule(Strict):
    id: RuleId
    title: str
    standard: str = Field(description="The standard, in one sentence.")
    rationale: str
    severity: Severity
    weight: Optional[float] = Field(None, gt=0, description="Defaults from severity.")
    questions: Annotated[list[QuestionId], Field(min_length=1)]
    applies: Optional[Condition] = Field(
        None, description="Scope: when false the rule is not applicable (e.g. a reservation rule for a State "
                          "party to neither treaty). Never for a missing prerequisite in the law: see `requires`.")
    requires: Optional[Condition] = Field(
        None, description="A prerequisite in the law (e.g. a grooming offence exists). When false the rule is a "
                          "gap, so a weaker law can never score higher than a stronger one.")
    met: Condition
    partial: Optional[Condition] = None
    recommendation: str
    opsc_cluster: OpscCluster = Field(
        description="The Optional Protocol cluster the rule belongs to: general (general measures and data), "
                    "prohibition (arts. 2-3, 3(4)), jurisdiction (arts. 4-5), protection (arts. 8, 9(3)-(4)), "
                    "prevention (art. 9(1)-(2)), cooperation (art. 10), ratification.")
    topic: Optional[str] = Field(
        None, description="What the rule's paragraphs are about, as the urgent-measures paragraph names them "
                          "('minimum age of sexual consent (para. 11) and child marriage (para. 13)'); a noun "
                          "phrase without article. Default: the area's title.")
    concern: Optional[Concern] = Field(None, description="Committee wording of a gap or partial finding.")
    statement: Optional[str] = Field(
        None, description="The standard as a short clause true of a State that meets it, e.g. 'buying sex from "
                          "a child is an offence' ('regrets the lack of information on whether ...'); default: the title.")
    sources: Sources
    authority: Authority
    tags: Tags
    selected: bool = Field(True, description="Rules not selected apply only when a profile selects them.")
    committee_documents: bool = Field(
        True, description="false: the rule is never a concern, a welcome, a 'regrets' or a question of the Committee "
                          "documents (concluding observations, list of issues), only a finding of the gap report "
                          "and the brief; for a standard outside the Optional Protocol (harmful sexual behaviour by "
                          "children is juvenile justice, CRC art. 40).")
    folds_into: Optional[Fold] = Field(
        None, description="When the host rule also fires and the two decide on a shared provision: one concern "
                          "and this joint recommendation in the Committee documents (docs/rulesets.md).")
    tests: Annotated[list[RuleTest], Field(min_length=2)]


class InstrumentCatalogue(Strict):
    """instruments.yaml: every instrument rules may cite."""
    instruments: Annotated[list[Instrument], Field(min_length=1)]


class AreaFile(Strict):
    """One file per area: its questions and the rules that read them."""
    area: Slug
    questions: list[Question] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)


class Area(Strict):
    id: Slug
    prefix: Optional[Annotated[str, Field(pattern=r"^[A-Z]{2,5}$")]] = Field(
        None, description="Every rule id of the area starts with it (AGE: AGE-01, AGE-02, ...); required "
                          "when the area has rules.")
    title: str
    description: str
    weight: float = Field(1.0, gt=0)
    scored: bool = True


class Parameter(Strict):
    default: Union[int, str]
    description: str
    source: Optional[str] = None
    policy: bool = Field(False, description="True when the value is a choice of the ruleset, not set by the "
                                            "report or a binding treaty; printed as such wherever it is used.")
    range: Optional[Annotated[list[int], Field(min_length=2, max_length=2)]] = Field(
        None, description="[lowest, highest] value the rules were written for; a profile or --param outside it "
                          "is refused (an age threshold of 0 made the standards vanish).")
    at_most: Optional[str] = Field(
        None, description="Another parameter this one may not exceed (a floor below its threshold).")


class WaveFamily(Strict):
    id: Slug
    title: str
    question: QuestionId
    levels: dict[str, Annotated[int, Field(ge=0, le=3)]] = Field(
        description="Answer option -> wave (0 none, 1 general law, 2 age aggravates, 3 child-specific).")


class SourceLabels(Strict):
    """How the ruleset's own sources are named where a rule cites them."""
    report: str = Field("Report §", description="Before a rule's `sources.report` sections, in the report.")
    report_short: str = Field("the source report", description="The report in a sentence: 'The report states "
                                                                "this standard (ECPAT 2016, section 4.4.1).'")
    strategy: str = Field("Action area", description="Before a rule's `sources.strategy` entries.")


class QuestionChange(Strict):
    """How one question changed between ruleset versions, and how an old answer converts."""
    question: QuestionId = Field(description="The question's id in the older version.")
    replaced_by: Optional[QuestionId] = Field(
        None, description="The question that now asks it; the answer moves there, converted by `convert` "
                          "(a value not listed becomes `unknown`, with a note).")
    convert: dict[str, Union[int, str]] = Field(
        default_factory=dict, description="Old value (as written, e.g. '0', 'yes') -> new value. Without "
                                          "`replaced_by`, only these values change and the others stay.")
    note: str = Field(description="What changed, for the researcher (printed by `lexgap migrate`).")


class ChangelogEntry(Strict):
    version: Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$")]
    summary: str
    questions: list[QuestionChange] = Field(default_factory=list)
    lists_complete: bool = Field(
        False, description="Before this version a multiple-choice list named every option present (the others "
                           "absent); `lexgap migrate` marks such lists `complete: true` in older files.")


class ConsistencyCheck(Strict):
    """Two answers that cannot both be true: when `when` holds, `then` must not be false. The
    `approach.*` answers that give the waves summarise offences other questions ask about; an
    unchecked contradiction would flip the wave label (review M2)."""
    id: Slug
    when: Condition
    then: Condition
    message: str = Field(description="Why the two answers contradict each other, as printed.")


class Manifest(Strict):
    """ruleset.yaml: what the ruleset is and how its parts fit together."""
    id: Slug
    version: Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$")]
    title: str
    description: str
    source: str
    areas: Annotated[list[Area], Field(min_length=1)]
    parameters: dict[ParamName, Parameter]
    severity_weights: dict[Severity, float]
    partial_credit: float = Field(0.5, ge=0, le=1)
    waves: list[WaveFamily] = Field(default_factory=list)
    min_coverage: float = Field(
        50, ge=0, le=100, description="Below this coverage (% of applicable rules decided) no single score "
                                      "is printed and comparisons do not rank the country.")
    default_profile: Slug = "base"
    source_labels: SourceLabels = Field(default_factory=SourceLabels)
    consistency: list[ConsistencyCheck] = Field(
        default_factory=list, description="Pairs of answers that contradict each other: validation refuses them, "
                                          "naming both lines.")
    changelog: list[ChangelogEntry] = Field(
        default_factory=list, description="Questions removed, renamed or re-valued, newest first: what "
                                          "`lexgap migrate` applies to an older questionnaire.")


class Membership(Strict):
    """When a listed country was a member: a law dated outside it is judged under another profile."""
    since: Optional[dt.date] = None
    until: Optional[dt.date] = Field(None, description="The first day the country was no longer a member.")


class Profile(Strict):
    """A tailoring of the ruleset, after XCCDF profiles."""
    id: Slug
    title: str
    description: str
    extends: Optional[Slug] = None
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{3}$")]] = Field(
        default_factory=list, description="Countries for which this profile is chosen by default.")
    membership: dict[Annotated[str, Field(pattern=r"^[A-Z]{3}$")], Membership] = Field(
        default_factory=dict, description="For a listed country that joined late or left: the dates of its "
                                          "membership; the profile is its own only for law dated within them "
                                          "(a 2015 law of the Russian Federation, a member until March 2022).")
    select: list[RuleId] = Field(default_factory=list)
    deselect: list[RuleId] = Field(default_factory=list)
    parameters: dict[ParamName, Union[int, str]] = Field(default_factory=dict)
    weights: dict[RuleId, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    scoring: Optional[Literal["flat", "default", "absolute"]] = None
    rationale: Optional[str] = None

    def member_on(self, country: str, day: Optional[dt.date] = None) -> bool:
        """Whether the profile's list names ``country`` as a member on ``day`` (default: today)."""
        if country not in self.countries:
            return False
        dates = self.membership.get(country)
        day = day or dt.date.today()
        return dates is None or ((dates.since is None or dates.since <= day) and
                                 (dates.until is None or day < dates.until))
