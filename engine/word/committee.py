"""Committee-style texts written from the assessment: draft concluding observations
and a list of issues, in the form the Committee on the Rights of the Child uses
for the Optional Protocol (OPSC). See docs/report.md.

* **Concluding observations** open with positive aspects (the statutes that meet
  standards; with ``--previous``, what was adopted since), an urgent-measures
  paragraph and the 2030 Agenda, then follow the Protocol's clusters (general
  measures and data; prohibition; jurisdiction and extradition; protection of
  victims; prevention; international cooperation; ratification). In each
  cluster: one concern paragraph per topic (an area; topics citing the same
  provision are merged) with lettered recommendations, "urges" when a critical
  or high gap is among them, "reiterates" (with its symbol) when the questionnaire, or
  the ``--previous`` one, records a recommendation of the Committee on the subject, and
  never otherwise; then "regrets the lack of information on ..."
  for the undecided rules.
* **List of issues**: item 1 a request for disaggregated data; then one question
  per concern paragraph ("Please explain the measures taken or envisaged to
  ..."); then the most severe unknowns grouped by topic ("Please indicate
  whether ..."); at most ``max_issues`` items.

Two voices (``assess --voice``): ``committee`` (the default) drafts the Committee's
own text; ``ngo`` writes the same findings as an alternative report by the
organisation that prepared the questionnaire ("X welcomes ...", "X is concerned
that ...", "X recommends that the Committee urge the State party to ...",
"Suggested questions for the list of issues"), progress first. Every sentence of
either voice is worded here (:class:`Voice`), headings included.

Only a decided gap or partial finding gives a concern. Committee text cites only
what binds the State and the Committee's own corpus (lexgap.word.wording.basis), and
only legal provisions (citations whose source is a statute). Everything returned
is plain text; templates escape it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

from . import wording
from ..models.assessment import (
    AnswerOut, Assessment, CommitteeHeadings, CommitteeIssue, CommitteeParagraph, CommitteeSection, CommitteeText, Finding,
)
from ..models.base import replaced
from ..models.conditions import questions_in
from ..models.ruleset import OPSC_CLUSTERS
from ..vocabulary import CONCERN, Status

CONCERN_STATUSES = CONCERN
SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}
URGES = ("critical", "high")
MAX_ISSUES = 20
MAX_GAP_ITEMS = 12
"""A list of issues holds 10-15 priority items: at most 12 on concerns, the most severe."""
MAX_QUESTIONS = 30
"""A list of issues puts at most 30 questions (one per item, or two closely linked)."""
CO_ORDER = ("general", "prevention", "prohibition", "jurisdiction", "protection", "cooperation", "ratification")
"""The Committee's order for OPSC concluding observations (general measures and data; prevention;
prohibition; jurisdiction and extradition; protection of victims; international cooperation)."""
SECTION_PLACEHOLDER = "[To be completed by the Committee.]"
"""Under the heading of an OPSC section for which the answers give no paragraph (a real CO always has
the sections on prevention, protection of child victims and international cooperation; third secretary
reading): the Committee knows the policies, services and cooperation this legal draft does not cover."""
REGRET_CLUSTERS = ("jurisdiction", "prohibition", "protection")
"""The major topics on which a concluding observation may regret the lack of information."""
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
OPIC_FORMULA = ("The Committee recommends that the State party, in order to further strengthen the fulfilment of "
                "children's rights, ratify the Optional Protocol to the Convention on the Rights of the Child on a "
                "communications procedure.")
FOLLOW_UP = ("The Committee recommends that the State party take all appropriate measures to ensure that the "
             "present recommendations are fully implemented, inter alia, by transmitting them to the Head of State, "
             "Parliament, relevant ministries, the Supreme Court and local authorities for appropriate "
             "consideration and further action.")
DISSEMINATION = ("The Committee recommends that the report and written replies submitted by the State party and "
                 "the present concluding observations be made widely available, including through the Internet, "
                 "to the public at large, civil society organizations, youth groups, professional groups and "
                 "children, in order to generate debate and awareness of the Optional Protocol, its implementation "
                 "and monitoring.")
NEXT_REPORT = ("In accordance with article 12 (2) of the Optional Protocol, the Committee requests the State party "
               "to include further information on the implementation of the Optional Protocol in its next periodic "
               "report under the Convention on the Rights of the Child.")
# 15 pages: the Committee's list of issues on India's initial OPSC report (CRC/C/OPSC/IND/Q/1, 25 November
# 2013) asks for "(15 pages maximum)" (review 14, L5)
LOI_PREAMBLE = ("The State party is requested to submit in writing additional, updated information (15 pages "
                "maximum), if possible before [date]. The Committee may take up all aspects of children's rights "
                "contained in the Optional Protocol during the dialogue with the State party.")
"""The preamble of a real OPSC list of issues: nothing about the tool (its scope is in the editor's note)."""
SCOPE_NOTE = ("These draft paragraphs address the State's legislation only (criminal law, jurisdiction, the "
              "protection of child victims in proceedings, prevention in law and ratifications), as the "
              "questionnaire describes it; budget, coordination, national plans, training and services are outside "
              "their scope. {sale} The list of issues asks only some priority questions, on the legislation.")
NO_REVIEW_NOTE = ("The questionnaire records no earlier review of the State by the Committee, so the positive "
                  "aspects of the concluding observations welcome laws adopted since the Optional Protocol entered "
                  "into force (2002): delete any adopted before the last review, or record that review among the "
                  "questionnaire's previous observations and draft again.")
"""Said to the editor where the positive aspects' cutoff is a guess: a law the Committee welcomed at a review
the questionnaire does not record would otherwise be welcomed again (review9: India 2014, Sweden 2015)."""
UNDECIDED_NOTE = ("The answers leave {n} of the {m} applicable standards undecided. The draft raises no concern on "
                  "them, so a missing concern is not a finding that the law meets a standard; the list of issues "
                  "asks about the most severe.")
"""Said to the editor whenever standards are undecided (a partial draft has its own note): withholding the
weak answers emptied the concerns of a full draft, and nothing told the secretary why (review 11, F1)."""
PREVIOUS_CUTOFF_NOTE = ("With an earlier questionnaire, the positive aspects welcome what was adopted after its date "
                        "({date}){gap}; delete what the Committee welcomed at a later review that neither "
                        "questionnaire records.")
"""Said to the editor of a draft made with --previous: the cutoff is the earlier questionnaire's date, which
is no event the Committee knows (review 15, N5: PHL-2022 left out RA 10630 of 2013, and the 2022 review under
the Convention, not recorded, may have welcomed the Acts of 2021-2022)."""
_PREVIOUS_CUTOFF = re.compile(" " + re.escape(PREVIOUS_CUTOFF_NOTE.split("{date}")[0]) + ".*?"
                              + re.escape(PREVIOUS_CUTOFF_NOTE.split("{gap}")[1]))
"""PREVIOUS_CUTOFF_NOTE as formatted, whatever its date: found from the note itself, so the two cannot drift."""


def scope_for_issues(scope: str) -> str:
    """The scope note as the list of issues takes it: without what it tells the editor of the positive
    aspects (NO_REVIEW_NOTE, PREVIOUS_CUTOFF_NOTE), since a list of issues welcomes nothing."""
    return _PREVIOUS_CUTOFF.sub("", scope.replace(" " + NO_REVIEW_NOTE, ""))


LATER_REPORT_NOTE = ("After the initial report, a State party to the Convention reports on the Optional Protocol in "
                     "its periodic reports under the Convention (art. 12(2) of the Protocol): these paragraphs are "
                     "then the Protocol's part of the concluding observations under the Convention, and the "
                     "introduction and closing paragraphs are those of that document.")
"""Said to the editor of a draft under article 12(2) for a State party to the Convention: stand-alone concluding
observations under 12(2) are for a State not party to the Convention (review 14, M9)."""
EDITOR_NOTE = "Editor's note, not part of the draft"
"""How the text and HTML outputs label what the tool says to its user (the partial-draft note, the scope
note, the research list): before or after the Committee text, never inside it. In Word these are
comments on the title (engine/render/docx_brief.py)."""
RESEARCH_TITLE = "Research to complete before a full draft"
SALE_OUT_OF_SCOPE = ("The sale of children as distinct from trafficking (arts. 2 (a) and 3 (1) (a)), including sale "
                     "for forced labour, the transfer of organs and illegal adoption, is not assessed.")
SALE_OTHER_PURPOSES_OUT_OF_SCOPE = ("The sale of children is assessed for sexual exploitation only; its other purposes "
                                    "(art. 3 (1) (a): the transfer of organs, forced labour and improper consent to "
                                    "adoption) are not assessed.")
"""The ruleset's sale-of-children rule (DEM-11) asks about sale for sexual exploitation, the report's subject: a
document that assesses it still says what of article 3 (1) (a) it leaves out (sixth and seventh readings)."""
VOICES = ("committee", "ngo")
FALLBACK_ORGANISATION = "The submitting organisation"

NON_LEGISLATIVE = re.compile(r"\bbeyond the (?:criminal )?law\b")
"""A standard about measures other than legislation (DEM-10: "measures beyond the criminal law ..."):
the list of issues does not ask the State to cite legislation for it."""
SDG_ONLY_TITLE = "Sustainable Development Goals"
CLUSTER_TITLES = {
    "introduction": "Introduction",
    "follow-up": "Implementation and reporting",
    "next-report": "Next report",
    "evidence": "Evidence for the Committee: the organisation's research on the law and its application",
    "general": "Data collection and general measures of implementation",
    "prohibition": "Prohibition of the sale of children, child pornography and child prostitution and related "
                   "matters (arts. 2-3)",
    "jurisdiction": "Jurisdiction and extradition (arts. 4-5)",
    "protection": "Protection of the rights of child victims (arts. 8 and 9(3)-(4))",
    "prevention": "Prevention of the sale of children, child prostitution and child pornography (art. 9(1)-(2))",
    "cooperation": "International assistance and cooperation (art. 10)",
    "ratification": "Ratification of international human rights instruments",
}
SDG_TARGETS = {
    "16.2": "target 16.2 (end abuse, exploitation, trafficking and all forms of violence against and torture of "
            "children)",
    "5.2": "target 5.2 (eliminate all forms of violence against all women and girls in the public and private "
           "spheres, including trafficking and sexual and other types of exploitation)",
    "5.3": "target 5.3 (eliminate all harmful practices, such as child, early and forced marriage)",
    "8.7": "target 8.7 (end human trafficking and secure the prohibition and elimination of the worst forms of "
           "child labour)",
}
"""The targets of the 2030 Agenda (A/RES/70/1) in their own words, shortened only by leaving words out: a
UN document never glosses a UN text with words it does not contain (8.7 names child soldiers, not
prostitution and pornography; the second secretary review, BGD para. 5)."""
DATA_SCOPE = ("disaggregated by sex, age, nationality, ethnic origin, disability and socioeconomic background, "
              "on the number of reports, investigations, prosecutions, convictions and sentences for each "
              "offence under the Optional Protocol, and on the number of child victims who received recovery "
              "and reintegration assistance or compensation")


@dataclass(frozen=True)
class Voice:
    """Who speaks: the Committee (its draft concluding observations) or an NGO (an
    alternative report that recommends to the Committee). The committee voice's
    sentences are the Committee's standard formulas; the ngo voice's are the ones
    alternative reports use."""
    id: str = "committee"
    organisation: Optional[str] = None

    @classmethod
    def of(cls, voice: str, result: Assessment) -> "Voice":
        if voice not in VOICES:
            raise ValueError(f"unknown voice {voice!r} (choose from {', '.join(VOICES)})")
        org = None
        if voice == "ngo":
            org = " ".join((result.questionnaire.prepared_by.organisation or "").split()) or FALLBACK_ORGANISATION
        return cls(voice, org)

    @property
    def ngo(self) -> bool:
        return self.id == "ngo"

    def who(self, start: bool = True) -> str:
        """The subject of a sentence: 'The Committee' or the organisation."""
        name = self.organisation if self.ngo else "The Committee"
        if not start and name in ("The Committee", FALLBACK_ORGANISATION):
            name = name[0].lower() + name[1:]
        return name

    @property
    def secondary(self) -> str:
        return "according to the information available, " if self.ngo else "according to the information before it, "

    def welcomes(self, what: str) -> str:
        return f"{self.who()} welcomes {what}"

    def concerned(self) -> str:
        return f"{self.who()} is concerned that"

    def recommends(self, urges: bool, previous: list[str]) -> str:
        """The opening of a recommendation paragraph; lettered items (bare infinitives) follow."""
        named = [p for p in previous if p]
        refs = f" ({'; '.join(named)})" if named else ""
        if self.ngo:
            verb = "urge the State party to" if urges else "call upon the State party to"
            if previous:
                return f"{self.who()} recommends that the Committee reiterate its previous recommendation{refs} and {verb}"
            return f"{self.who()} recommends that the Committee {verb}"
        verb = "urges the State party to" if urges else "recommends that the State party"
        if previous:
            return f"The Committee reiterates its previous recommendation{refs} and {verb}"
        return f"The Committee {verb}"

    def data(self) -> str:
        opening = (f"{self.who()} recommends that the Committee call upon the State party to" if self.ngo
                   else "The Committee recommends that the State party")
        return (opening + " establish a comprehensive system for collecting, analysing and disseminating data, "
                + DATA_SCOPE + ", and use those data to design and monitor its measures to implement the Optional "
                "Protocol.")

    def ratification(self) -> str:
        return (f"{self.who()} recommends that the Committee encourage the State party to" if self.ngo
                else "The Committee recommends that the State party")

    def regrets(self) -> tuple[str, str]:
        """(lead, closing sentence) of the paragraph on what is not known."""
        if self.ngo:
            return (f"{self.who()} notes the lack of publicly available information on",
                    " It suggests that the Committee request the State party to provide that information.")
        return ("The Committee regrets the lack of information on",
                " The Committee requests the State party to provide that information in its next report.")

    def urgent(self, topics: list[str]) -> str:
        """The urgent-measures paragraph: the topics, each with its paragraph number."""
        plural = "s" if len(topics) > 1 or any("paras." in t for t in topics) else ""
        areas = "s" if len(topics) > 1 else ""
        if self.ngo:
            return (f"{self.who()} invites the Committee to draw the State party's attention to the need for urgent "
                    f"measures concerning {wording.and_list(topics)}.")
        return (f"The Committee draws the State party's attention to the recommendation{plural} concerning the "
                f"following area{areas}, in respect of which urgent measures must be taken: "
                f"{wording.and_list(topics)}.")

    def introduction(self, ctx) -> list[str]:
        """Paragraphs 1-3 of a real CO, with placeholders in square brackets where only the
        Committee knows the facts. The report is called the initial one only when the
        questionnaire says so (see `report_under_review`); "read in conjunction with" names
        the latest Convention observations the questionnaire records, or a placeholder."""
        r = ctx.result
        review = report_under_review(r)
        crc_ref = convention_observations(r) or CONVENTION_PLACEHOLDER
        if review.initial:
            report, symbol = "the initial report", review.report_symbol
            replies = f"CRC/C/OPSC/{r.country.code}/Q/1/Add.1"
        else:
            report, symbol = "the report", REPORT_PLACEHOLDER
            replies = "[symbol of the written replies]"
        opsc_ref = protocol_observations(r)
        also = ""
        if opsc_ref:
            on = ("the State party's initial report" if opsc_ref.endswith("/CO/1")
                  else "the State party's previous report")
            also = f" and its concluding observations on {on} under the Optional Protocol ({opsc_ref})"
        return [
            f"The Committee considered {report} of {state_name(r)} ({symbol}) at its "
            "[...] meeting, held on [date], and adopted the present concluding observations at its [...] meeting, "
            "held on [date].",
            f"The Committee welcomes the submission of {report} of the State party and the written "
            f"replies to its list of issues ({replies}), which allowed for a better "
            "understanding of the situation in the State party.",
            "The Committee reminds the State party that the present concluding observations should be read in "
            "conjunction with its concluding observations on the State party's periodic report under the "
            f"Convention ({crc_ref}){also}.",
        ]

    def sdg(self, targets: str) -> str:
        verb = (f"{self.who(False)} recommends that the Committee urge" if self.ngo
                else "the Committee urges")
        return ("Recalling the 2030 Agenda for Sustainable Development, " + verb + " the State party to ensure "
                "the full implementation of the rights of the child under the Optional Protocol in its efforts "
                f"towards {targets}.")

    def section_title(self, section: str) -> str:
        if section == "positive":
            return "Progress and positive aspects" if self.ngo else "General observations"
        if section == "urgent":
            return ("Priorities and the Sustainable Development Goals" if self.ngo
                    else "Urgent measures and the Sustainable Development Goals")
        return CLUSTER_TITLES[section]

    def section_subtitle(self, section: str) -> Optional[str]:
        """Real COs print "II. General observations", then "Positive aspects" above the welcomes."""
        return "Positive aspects" if section == "positive" and not self.ngo else None

    def headings(self, max_issues: int) -> CommitteeHeadings:
        basis = ("They recommend in line with the articles that require the measure of the treaties the State "
                 "is bound by, take the Committee's general comments into account, cite only legal provisions, and "
                 "are meant to be edited.")
        issues = (f"at most {max_issues}: first a request for data, then the measures taken on each concern, then "
                  "the most severe open questions by topic.")
        if self.ngo:
            return CommitteeHeadings(
                observations="Recommendations to the Committee",
                observations_intro=(f"Paragraphs for an alternative report by {self.who(False)} to the Committee on "
                                    "the Rights of the Child, following the clusters of the Optional Protocol: the "
                                    "progress made first, then each concern and the recommendations the Committee "
                                    "is asked to make. " + basis),
                issues="Suggested questions for the list of issues",
                issues_intro="Suggested questions to the State party, " + issues)
        return CommitteeHeadings(
            observations="Draft concluding observations",
            observations_intro=("Draft paragraphs in the register of the Committee on the Rights of the Child, "
                                "following the clusters of the Optional Protocol. " + basis),
            issues="List of issues",
            issues_intro=LOI_PREAMBLE)


def _undecided(f: Finding, rule, ctx: Optional["_Ctx"] = None) -> str:
    """What is not known, as a clause: a rule proven at least partly met (`at_least: partial`, an
    option not established) says what is known already, never regrets a lack of all information
    (review M3), and names the options still open so the State answers only those (PHL: whether
    the number of interviews is limited, the four other safeguards being recorded)."""
    text = wording.statement(f, rule)
    if f.at_least == Status.PARTIAL:
        open_ = _open_options(ctx, f) if ctx is not None else []
        if open_:
            text += (" in full (the information before the Committee does not show whether the law covers the "
                     f"following: {'; '.join(open_)})")
        else:
            text += " in full (the information before the Committee shows this only in part)"
    return text


def _open_options(ctx: "_Ctx", f: Finding) -> list[str]:
    """The labels, as clauses, of the options of a rule's multiple-choice answers that are not
    established either way (unknown, or left out of a list that is not complete)."""
    out = []
    for q in f.answers:
        a = ctx.answers.get(q)
        options = ctx.options.get(q) or {}
        if a is None or a.state != "answered" or not options:
            continue
        if isinstance(a.value, dict):
            out += [wording.clause(options.get(o, o)) for o, st in a.value.items() if st == "unknown"]
            out += [wording.clause(label) for o, label in options.items() if o not in a.value]
    return list(dict.fromkeys(out))


def cite(a: AnswerOut) -> str:
    """'Penal Code, art. 216' for an answer's citations, '' without any (the finding card)."""
    parts = [c.instrument + (f", {c.article}" if c.article else "") for c in a.citations]
    return "; ".join(dict.fromkeys(parts))


def _ruleset(result: Assessment, ruleset=None):
    if ruleset is not None:
        return ruleset
    try:
        from ..load.ruleset_loader import load_ruleset
        rs = load_ruleset(result.ruleset.id)
    except Exception:  # a result from another ruleset: generic wording
        return None
    return rs


@dataclass
class _Ctx:
    result: Assessment
    rules: dict
    instruments: dict
    status: dict
    answers: dict
    kinds: dict
    options: dict
    voice: Voice = field(default_factory=Voice)
    questions: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    partial_draft: bool = False
    folds: dict = field(default_factory=dict)
    """host rule id -> the rule folded into its concern (see `folded`), set by the concluding observations."""
    earlier: tuple = ()
    """The Committee recommendations the `--previous` questionnaire records (its `previous_observations`):
    with them, a draft may still reiterate what the Committee asked before that questionnaire's date."""
    _findings: Optional[dict] = field(default=None, repr=False)

    def rule(self, f: Finding):
        return self.rules.get(f.rule)

    def finding(self, rule_id: str) -> Optional[Finding]:
        """The result's finding on ``rule_id`` (looked up often while the list of issues is ranked)."""
        if self._findings is None or self._findings[0] is not self.result:  # built for this result only
            self._findings = (self.result, {f.rule: f for f in reversed(self.result.findings)})
        return self._findings[1].get(rule_id)

    def cluster(self, f: Finding) -> str:
        r = self.rule(f)
        c = f.opsc_cluster or (r.opsc_cluster if r is not None else None)
        return c if c in OPSC_CLUSTERS else "general"


def _context(result: Assessment, ruleset=None, voice: Voice = Voice(),
             previous: Optional[Assessment] = None) -> _Ctx:
    rs = _ruleset(result, ruleset)
    return _Ctx(result=result, rules=dict(rs.rules) if rs else {}, instruments=dict(rs.instruments) if rs else {},
                status={i.id: i for i in result.instruments},
                answers={a.question: a for a in [*result.answers, *result.context]},
                kinds={s.id: s.kind for s in result.questionnaire.sources},
                options={q.id: {o.value: o.label for o in q.options or []} for q in rs.questions.values()} if rs else {},
                voice=voice, questions=dict(rs.questions) if rs else {},
                sources={x.id: x for x in result.questionnaire.sources},
                partial_draft=is_partial_draft(result),
                earlier=tuple(previous.questionnaire.previous_observations) if previous is not None else ())


def state_name(result: Assessment) -> str:
    """The State's name as a sentence uses it: 'the Philippines', 'Bangladesh'."""
    name = result.country.name
    the = name in ("Philippines", "Netherlands", "Gambia", "Bahamas", "Comoros", "Maldives", "Marshall Islands",
                   "Seychelles", "Solomon Islands") or name.startswith(
        ("United ", "Republic ", "Democratic ", "Czech ", "Central ", "Dominican ", "Russian ", "Syrian ",
         "Islamic ", "Plurinational ", "Bolivarian ", "Lao "))
    return ("the " + name) if the else name


REPORT_PLACEHOLDER = "[symbol of the report under review]"
CONVENTION_PLACEHOLDER = "[symbol of the latest concluding observations under the Convention]"
_SYMBOL = re.compile(r"CRC/C/[A-Z0-9./()-]*[A-Za-z0-9)]")


@dataclass(frozen=True)
class Review:
    """What the questionnaire says of the report under review. `initial` only when it records
    the initial report (a `state_report` source whose title or id names CRC/C/OPSC/<code>/1)
    and no earlier observations under the Protocol: a draft never gives a later review the
    symbol of a document the Committee adopted years before (CO/1)."""
    initial: bool
    report_symbol: str
    co_symbol: str
    loi_symbol: str
    article: str  # the article of the Protocol the report is submitted under, as a masthead names it
    later: bool = False  # the initial report was reviewed: this report comes under article 12(2)


_WHEN = re.compile(r"\s*\((?:[^()]*?\s)?(?:(\d{1,2}) ([A-Z][a-z]+) )?(\d{4})\)")


def _when(text: str, end: int, default: Optional[dt.date]) -> Optional[dt.date]:
    """The date a title gives a symbol in the bracket right after it ("CRC/C/BGD/CO/5 (adopted
    2 October 2015)", "(2009)": that year), else the source's own date."""
    m = _WHEN.match(text, end)
    if not m:
        return default
    year = int(m.group(3))
    if m.group(2):
        try:
            return dt.datetime.strptime(f"{m.group(1)} {m.group(2)} {year}", "%d %B %Y").date()
        except ValueError:
            pass
    return dt.date(year, 1, 1)


def _recorded_symbols(result: Assessment) -> list[tuple[str, Optional[dt.date]]]:
    """(symbol, date) of the Committee documents the questionnaire records: its previous
    observations and the UN documents among its sources, leaving out those dated after
    `as_of` (a title may name a document adopted the day after the law's date)."""
    q = result.questionnaire
    out = [(p.symbol, dt.date(p.year, 1, 1) if p.year else None) for p in q.previous_observations]
    for src in q.sources:
        if src.kind != "un_document":
            continue
        text = f"{src.title} {src.id}"
        for m in _SYMBOL.finditer(text):
            out.append((m.group(0), _when(text, m.end(), src.date)))
    return [(sym, when) for sym, when in out if when is None or when <= result.as_of]


def report_under_review(result: Assessment) -> Review:
    code = result.country.code
    initial_symbol = f"CRC/C/OPSC/{code}/1"
    says_initial = any(src.kind == "state_report" and re.search(re.escape(initial_symbol) + r"(?![0-9/])",
                                                                   f"{src.title} {src.id}")
                       for src in result.questionnaire.sources)
    earlier_co = any(sym.startswith(f"CRC/C/OPSC/{code}/CO/") for sym, _ in _recorded_symbols(result))
    if says_initial and not earlier_co:
        return Review(True, initial_symbol, f"CRC/C/OPSC/{code}/CO/1", f"CRC/C/OPSC/{code}/Q/1",
                      "article 12, paragraph 1,")
    if earlier_co:  # the initial report was reviewed: further information comes under article 12(2)
        return Review(False, REPORT_PLACEHOLDER, f"CRC/C/OPSC/{code}/CO/[...]", f"CRC/C/OPSC/{code}/Q/[...]",
                      "article 12, paragraph 2,", later=True)
    return Review(False, REPORT_PLACEHOLDER, f"CRC/C/OPSC/{code}/CO/[...]", f"CRC/C/OPSC/{code}/Q/[...]",
                  "article 12 [paragraph 1 or 2]")


def convention_observations(result: Assessment) -> Optional[str]:
    """The latest concluding observations under the Convention that the questionnaire records
    (by year; CRC/C/<code>/CO/... or the older CRC/C/15/Add.N), or None."""
    code = result.country.code
    crc = [(when or dt.date.min, i, sym) for i, (sym, when) in enumerate(_recorded_symbols(result))
           if sym.startswith(f"CRC/C/{code}/CO/") or sym.startswith("CRC/C/15/")]
    return max(crc)[2] if crc else None


def protocol_observations(result: Assessment) -> Optional[str]:
    """The latest concluding observations under this Optional Protocol that the questionnaire records
    (CRC/C/OPSC/<code>/CO/N, dated on or before `as_of`), or None: the review that ¶3 recalls."""
    code = result.country.code
    found = [(when or dt.date.min, i, sym) for i, (sym, when) in enumerate(_recorded_symbols(result))
             if sym.startswith(f"CRC/C/OPSC/{code}/CO/")]
    return max(found)[2] if found else None


def is_partial_draft(result: Assessment) -> bool:
    """Below the ruleset's minimum coverage the draft is partial: only the decided gaps are
    stated (with their facts); the rest is for the list of issues and the research to-do."""
    return not result.band.sufficient


def is_party(result: Assessment) -> bool:
    """Not shown to be bound by neither the Convention nor the Protocol: a State whose answers say
    it is party to neither is "the State", and its document recommendations, not concluding
    observations."""
    bound = {i.id: i.bound for i in result.instruments}
    return not (bound.get("opsc") == "no" and bound.get("uncrc") == "no")  # unknown is not "not a party"


def _severity(fs: list[Finding]) -> tuple:
    return (min(SEVERITY_RANK.get(f.severity, 9) for f in fs), -len(fs))


@dataclass
class _Topic:
    cluster: str
    findings: list[Finding] = field(default_factory=list)
    keys: set = field(default_factory=set)


def _topics(ctx: _Ctx, fs: list[Finding]) -> list[_Topic]:
    """Concern findings of one cluster by area; areas citing the same provision merged."""
    by_area: dict[str, _Topic] = {}
    for f in fs:
        t = by_area.setdefault(f.area, _Topic(ctx.cluster(f)))
        t.findings.append(f)
        t.keys |= wording.provision_keys(wording.deciding_questions(f), ctx.answers, ctx.kinds)
    topics: list[_Topic] = []
    for t in by_area.values():
        for u in topics:
            if u.keys & t.keys:
                u.findings += t.findings
                u.keys |= t.keys
                break
        else:
            topics.append(t)
    for t in topics:
        t.findings.sort(key=lambda f: (f.status != Status.GAP, SEVERITY_RANK.get(f.severity, 9)))
    return sorted(topics, key=lambda t: _severity(t.findings))


def _both(first: str, second: str = "") -> str:
    """Two clauses after "ensure that", their shared subject said once: "the prosecution of offences ... committed
    abroad does not require ... and requires no complaint ..." (review9: it was said twice, SWE LoI 15)."""
    if not second:
        return first
    a, b = first.split(), second.split()
    n = 0
    while n < min(len(a), len(b)) - 1 and a[n] == b[n]:
        n += 1
    if n >= 4:
        return " ".join([*a, "and", *b[n:]])
    for one, many in _SHARED_PREDICATES:  # "A is an offence and that B is an offence": "A and B are offences"
        if first.endswith(one) and second.endswith(one):
            return f"{first[:-len(one)]} and {second[:-len(one)]}{many}"
    return f"{first} and that {second}"


_SHARED_PREDICATES = ((" is an offence", " are offences"),)
"""A predicate two clauses end with, said once in the plural (review 14, BGD: possession and viewing)."""


def _lead(text: str, items: list[str], capital: bool = True) -> tuple[str, list[str]]:
    """One item is folded into its lead (lower case); several stay lettered, each opening
    with a capital letter (UN practice: "(a) Review its domestic laws ...")."""
    if len(items) == 1:
        return text + " " + items[0].rstrip(" .;") + ".", []
    return text + ":", [(wording.capfirst(i) if capital else i) + (";" if n < len(items) - 1 else ".")
                        for n, i in enumerate(items)]


_ISE = re.compile(r"\b(criminali|penali|organi|recogni|prioriti|stigmati|legali|authori|summari|characteri|minimi|"
                  r"maximi|emphasi|standardi|sensiti|victimi|decriminali|speciali|reali|utili|mobili)"
                  r"s(e|es|ed|ing|ation|ations)\b", re.IGNORECASE)
"""The -ise words a UN document spells -ize (Oxford spelling): "are not criminalized", and at the head of a
recommendation "Criminalize" (the stem keeps its capital)."""
_ISE_HINT = re.compile(r"is(?:e|ing|ation)", re.IGNORECASE)
"""What every word _ISE matches contains. Most texts have none and are returned without the search of
_ISE, whose alternation is tried at every word (a millisecond of each assessment's Committee text)."""


def un_spelling(text: str) -> str:
    return _ISE.sub(r"\1z\2", text) if _ISE_HINT.search(text) else text


def _previous(ctx: _Ctx, rules: list[str]) -> list[str]:
    """The Committee's own earlier recommendations on ``rules`` (symbol and paragraph), as recorded in the
    questionnaire or in the `--previous` one: the only texts a draft may say it reiterates."""
    refs = []
    for p in [*ctx.result.questionnaire.previous_observations, *ctx.earlier]:
        if set(p.rules) & set(rules):
            refs.append(f"{p.symbol}, para. {p.paragraph}")
    return list(dict.fromkeys(refs))


def _recommendation_items(ctx: _Ctx, fs: list[Finding], ratification: bool = False) -> list[str]:
    items = []
    for f in fs:
        text = wording.recommendation(f, ctx.rule(f), ctx.answers, ctx.kinds, ctx.options, ctx.questions)
        refs = "" if ratification else wording.basis(f, ctx.instruments, ctx.status, ctx.result.as_of)
        # one reform of one provision: what a folded rule adds comes after the host's basis, which
        # supports the host's words only (GEN-03 is a policy rule: no "in line with" of its own)
        adds = [ctx.rule(g).folds_into.adds for g in ctx.folds.get(f.rule) or []]
        items.append(text + refs + "".join(f", {a}" for a in dict.fromkeys(adds)))
    return list(dict.fromkeys(items))


TYPOLOGY_AREAS = ("approach",)
"""Areas whose rules grade the form of the legislation (the report's three waves: child-specific
offences, a child clause, an aggravating factor). No treaty prescribes that form (each rule's
instruments `goes_beyond`), and a child clause may be the very protection another answer cites
(Bangladesh, Trafficking Act 2012 s. 3(2)): a drafting typology is never put in the Committee's
mouth as a concern or a gap question. The gap report still shows these rules."""


def in_documents(rule) -> bool:
    """False for a rule its ruleset keeps out of the Committee documents (`committee_documents: false`:
    OFF-08, harmful sexual behaviour by children, which is juvenile justice, not the Protocol)."""
    return rule is None or getattr(rule, "committee_documents", True)


def folded(ctx: _Ctx) -> dict[str, list[Finding]]:
    """host rule id -> the concern findings folded into it: a rule whose `folds_into` names a host that
    also falls short, the two deciding on a shared provision (same instrument and article: GEN-03 into
    GEN-02 on the Revised Penal Code, art. 266-A). The Committee states one concern and one
    recommendation; a fold whose provisions differ stays a concern of its own."""
    falls_short = [f for f in ctx.result.findings if f.status in CONCERN_STATUSES or wording.known_shortfall(f)]
    by_rule = {f.rule: f for f in falls_short}
    out: dict[str, list[Finding]] = {}
    for f in falls_short:
        fold = getattr(ctx.rule(f), "folds_into", None)
        host = by_rule.get(fold.rule) if fold is not None else None
        if host is None:
            continue
        keys = [wording.provision_keys(wording.deciding_questions(x), ctx.answers, ctx.kinds) for x in (f, host)]
        if keys[0] & keys[1]:
            out.setdefault(host.rule, []).append(f)
    return out


def committee_scope(ctx: _Ctx, folds: dict[str, list[Finding]]) -> Assessment:
    """The context's result as the Committee documents see it: without the findings of rules kept out of
    them (`committee_documents: false`) and without the findings folded into another rule's concern
    (``folds``, from `folded` of the same context). The gap report, the brief's findings and the JSON's
    `findings` keep them all."""
    result = ctx.result
    drop = {id(f) for fs in folds.values() for f in fs}
    keep = [f for f in result.findings if id(f) not in drop and in_documents(ctx.rule(f))]
    return result if len(keep) == len(result.findings) else result.model_copy(update={"findings": keep})


def concern_findings(ctx: _Ctx) -> list[Finding]:
    """The findings a concern may state: decided gaps and partials, and undecided rules whose
    answers already show a shortfall (the shortfall is the fact; the rest goes to the list of
    issues). Below the minimum coverage only the decided gaps and partials."""
    out = []
    for f in ctx.result.findings:
        if ctx.cluster(f) == "ratification" or f.area in TYPOLOGY_AREAS:
            continue
        if ctx.partial_draft:
            if f.status in CONCERN_STATUSES:  # decided shortfalls only: no undecided rule in a partial draft
                out.append(f)
        elif f.status in CONCERN_STATUSES or wording.known_shortfall(f):
            out.append(f)
    return out


@dataclass(frozen=True)
class _Date:
    """A date as precise as the record: the year always, the month and day when written
    ("(approved 3 October 2013)", a source's `date`); "2013" alone leaves them None."""
    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    @classmethod
    def of(cls, d: dt.date) -> "_Date":
        return cls(d.year, d.month, d.day)

    def after(self, other: "_Date") -> Optional[bool]:
        """True or False when the record decides it; None when it cannot (same year, one month unknown)."""
        for a, b in ((self.year, other.year), (self.month, other.month), (self.day, other.day)):
            if a is None or b is None:
                return None
            if a != b:
                return a > b
        return False

    def key(self) -> tuple:
        return (self.year, self.month or 0, self.day or 0)

    def words(self) -> str:
        """'October 2013' when the month is known, else '2013'."""
        return f"{dt.date(2000, self.month, 1):%B} {self.year}" if self.month else str(self.year)


OPSC_IN_FORCE = _Date(2002, 1, 18)
"""The Optional Protocol entered into force on 18 January 2002: without a recorded review, laws since then."""
_DATED = re.compile(r"\s*\((?:[^()]*?\s)?(?:(?:(\d{1,2}) )?([A-Z][a-z]+) )?(1[6-9]\d\d|20\d\d)\)")
_REVIEW_SYMBOL = re.compile(r"^CRC/C/(?:15/Add\.|SR\.|.*/CO/)")
"""The Committee's record of a review: concluding observations (CRC/C/15/Add.N, .../CO/...) and the
summary records of the dialogue (CRC/C/SR.N)."""
_AMENDED = re.compile(r",?\s+as amended by\s+")
_DESIGNATION = re.compile(r"^(?:[A-Z][a-z]+ )*(?:Act|Law|Decree|Order|Ordinance|Code)\b[^()]*\bNo\.")
"""A statute named by its number ('Republic Act No. 10630', 'Presidential Decree No. 1083'): no article."""


def _dated(text: str, end: int) -> Optional[_Date]:
    """The date in the bracket right after position `end` ("(approved 3 October 2013)", "(2009)")."""
    m = _DATED.match(text, end)
    if not m or "amended" in m.group(0) or re.search(r"\bNo\.\s*$", m.group(0)[:m.start(3) - m.start()]):
        return None  # "(as amended in 2008)" dates an amendment, not the Act; "(Act No. 1860)" is a number
    month = None
    if m.group(2):
        try:
            month = dt.datetime.strptime(m.group(2), "%B").month
        except ValueError:
            return _Date(int(m.group(3)))
    return _Date(int(m.group(3)), month, int(m.group(1)) if m.group(1) and month else None)


def last_review(result: Assessment) -> Optional[tuple[_Date, str]]:
    """The latest review of the State by the Committee that the questionnaire records, on or before
    `as_of`: its previous observations (by year) and the Committee documents among its sources
    (concluding observations under the Convention or a Protocol, summary records of a dialogue), each
    dated by the bracket after its symbol or by the source's `date`. (date, symbol), or None."""
    q = result.questionnaire
    found: list[tuple[_Date, str]] = [(_Date(p.year), p.symbol) for p in q.previous_observations if p.year]
    for src in q.sources:
        if src.kind != "un_document":
            continue
        text = f"{src.title} {src.id}"
        for m in _SYMBOL.finditer(text):
            if not _REVIEW_SYMBOL.match(m.group(0)):
                continue
            when = _dated(text, m.end()) or (_Date.of(src.date) if src.date else None)
            if when is not None:
                found.append((when, m.group(0)))
    found = [(d, sym) for d, sym in found if _Date.of(result.as_of).after(d) is not False]
    return max(found, key=lambda t: t[0].key()) if found else None


def _act_date(ctx: _Ctx, name: str, source_id: Optional[str], base: bool) -> Optional[_Date]:
    """When an Act was adopted: a date in a bracket after its name in a statute source's title
    (the citation's own source first: "Republic Act No. 10630 (approved 3 October 2013)"), else the
    year in its own name ("Pornography Control Act 2012"); for the Act a citation names first (not
    an amendment), the source's `date` or the first year of its title."""
    names = [name] + [m.group(0) for m in re.finditer(r"(?:[A-Z][a-z]+ )*(?:Act|Law|Decree|Code)[^()]*?No\. ?[\w-]+", name)]
    own = ctx.sources.get(source_id) if source_id else None
    titles = [own] + [x for x in ctx.sources.values() if x is not own and x.kind == "statute"]
    for n in dict.fromkeys(names):
        for src in titles:
            if src is None:
                continue
            at = src.title.find(n)
            when = _dated(src.title, at + len(n)) if at >= 0 else None
            if when is not None:
                return when
    m = _YEAR.search(name or "")
    if m:
        return _Date(int(m.group(1)))
    if base and own is not None:
        if own.date is not None:
            return _Date.of(own.date)
        m = _YEAR.search(own.title)  # the first year named: the Act's, not its amendments
        return _Date(int(m.group(1))) if m else None
    return None


def _short_title(name: str) -> str:
    """'Juvenile Justice and Welfare Act of 2006 (Republic Act No. 9344)' -> 'Juvenile Justice and
    Welfare Act (Republic Act No. 9344)': the UN form names the year once, after the Act."""
    name = re.sub(r",?\s+as in force\b.*$", "", name.strip())
    name = re.sub(r"\s*\((?:[^()]*\s)?(?:1[89]|20)\d\d\)", "", name)  # "Republic Act No. 11596 (2021)"
    return " ".join(re.sub(r"\s+(?:of\s+)?(?:1[89]|20)\d\d\b(?![:/)])", "", name).split())  # not "SFS 2014:322"


def welcome_item(name: str, when: _Date, review_year: Optional[int] = None, amends: Optional[str] = None) -> str:
    """A welcomed law in the UN form: "The Pornography Control Act, in 2012", "Republic Act No. 10630
    amending the Juvenile Justice and Welfare Act, in October 2013". A law of the year of the last
    review whose month is not recorded is written "in [month] 2013": the editor checks it against the
    review date."""
    title = _short_title(name)
    if amends:
        base = re.sub(r"\s*\([^)]*\)", "", _short_title(amends))
        title += " amending " + (base if _DESIGNATION.match(base) else "the " + re.sub(r"^The ", "", base))
    elif not _DESIGNATION.match(title) and not title.startswith("The "):
        title = "The " + title
    date = when.words()
    if review_year is not None and when.month is None and when.year == review_year:
        date = f"[month] {when.year}"
    return f"{title}, in {date}"


def _positive(ctx: _Ctx, previous: Optional[Assessment]) -> list[tuple[str, list[str], list[str], str]]:
    """(lead, items, rules, kind) for the positive aspects: the laws adopted since the last review
    the questionnaire records (or, without one, the Protocol's entry into force; with --previous,
    since that questionnaire's date, which the text does not name) that meet standards, each in the UN
    form with its date. An Act adopted before the review but amended since is welcomed as the amending
    Act (PHL-2015: Republic Act No. 10630 amending the Juvenile Justice and Welfare Act, in October
    2013); an Act adopted before the review is never welcomed again (docs/report.md). Then the treaties
    joined since a recorded review (:func:`_joined_since`)."""
    out = []
    review = last_review(ctx.result)
    cutoff = _Date.of(previous.as_of) if previous is not None else (review[0] if review else OPSC_IN_FORCE)
    review_year = None if previous is not None else cutoff.year
    as_of = _Date.of(ctx.result.as_of)
    # a drafting typology (TYPOLOGY_AREAS) is never a Committee subject: it welcomes nothing either
    met = [f for f in ctx.result.findings if f.status == Status.MET and ctx.cluster(f) != "ratification"
           and f.area not in TYPOLOGY_AREAS]
    # a partly met standard welcomes only what its answers mark `protection` (never names the standard)
    partly = [f for f in ctx.result.findings if f.status == Status.PARTIAL and ctx.cluster(f) != "ratification"
              and f.area not in TYPOLOGY_AREAS]
    welcomed: dict[str, list[Finding]] = {}
    dates: dict[str, _Date] = {}
    names: dict[tuple, str] = {}
    chosen: dict[tuple, Optional[tuple[str, _Date]]] = {}

    def welcome(instrument: str, source: Optional[str]) -> Optional[tuple[str, _Date]]:
        """(item, date) for a citation of ``instrument``: the Act itself, else its latest amendment since the
        review; None when none is welcome. Worked out once per instrument and source: the findings cite
        the same few statutes many times over."""
        if (instrument, source) in chosen:
            return chosen[instrument, source]
        chosen[instrument, source] = None
        base, *amendments = _AMENDED.split(instrument)
        amendments = [x for part in amendments for x in re.split(r"\s+and by\s+", part) if x]
        for name, amends in [(base, None), *((x, base) for x in reversed(amendments))]:
            when = _act_date(ctx, name, source, amends is None)
            if when is None or cutoff.after(when) is True or (previous is None and when.after(as_of) is True):
                continue
            key = (source or instrument, name if amends else None)
            if key not in names:  # one statute, one name: the first one worded
                names[key] = welcome_item(name, when, review_year, amends)
            chosen[instrument, source] = (names[key], when)
            break
        return chosen[instrument, source]
    for f in [*met, *partly]:
        cited = [ci for q in f.answers for a in [ctx.answers.get(q)] if a is not None and a.state == "answered"
                 for ci in wording.legal_citations(a, ctx.kinds, without="defect")
                 if f.status == Status.MET or getattr(ci, "role", None) == "protection"]
        for got in filter(None, (welcome(ci.instrument, ci.source) for ci in cited)):
            item, when = got
            dates[item] = when
            by = welcomed.setdefault(item, [])
            # each finding once, though its citations may name the Act twice; by identity, as comparing
            # findings field by field took a third of the positive aspects' time
            if not by or by[-1] is not f:
                by.append(f)
    ranked = sorted(welcomed.items(), key=lambda kv: (dates[kv[0]].key(), kv[0]))
    if ranked:
        items = [item for item, _ in ranked]
        what = "the following legislative measures" if len(items) > 1 else "the adoption of"
        # with --previous, no "since October 2015": that is the earlier questionnaire's date, not an event the
        # Committee knows; each measure carries its own date (review 14, M3)
        if len(items) == 1:
            items = [items[0][:1].lower() + items[0][1:] if items[0].startswith("The ") else items[0]]
        lead, its = _lead(ctx.voice.welcomes(what), items)
        out.append((lead, its, list(dict.fromkeys(f.rule for _, fs in ranked for f in fs)),
                    "welcome" if previous else "positive"))
    # only since a real event (a recorded review, or the --previous questionnaire): never since the Protocol's
    # entry into force, which is no review of the State
    joined = _joined_since(ctx, cutoff, as_of) if previous is not None or review else []
    if joined:
        what = "the ratification of, or accession to, the following instruments" if len(joined) > 1 else \
            ("the accession to" if joined[0][1] == "accession" else "the ratification of")
        items = [f"the {title}, in {year}" if len(joined) == 1 else f"The {title}, in {year}"
                 for year, _, title, _ in joined]
        lead, its = _lead(ctx.voice.welcomes(what), items)
        out.append((lead, its, [r for *_, rules in joined for r in rules], "welcome" if previous else "positive"))
    return out


_YEAR_OF = re.compile(r"\b(?:19|20)\d\d\b")


def _joined_since(ctx: _Ctx, cutoff: "_Date", as_of: "_Date") -> list[tuple[int, str, str, list[str]]]:
    """(year, 'ratification' or 'accession', title, rules) for each treaty that binds the State on its
    ratification answer and that it joined after the cutoff, the year read from that answer's citations
    ("Philippines: ratification 2016", "accession 2018"): PHL-2022 welcomed its new Acts but not its
    ratification of the communications procedure (review 14, M3). Never a year the answer does not give,
    and never one that may fall before the cutoff (a year-only date in the cutoff's own year)."""
    out = []
    for status in ctx.result.instruments:
        inst = ctx.instruments.get(status.id)
        if status.bound != "yes" or inst is None or inst.kind != "treaty" or inst.ratification is None \
                or inst.committee:  # the Convention and the Protocol under review are not welcomed as joined
            continue
        a = ctx.answers.get(inst.ratification)
        if a is None or a.state != "answered":
            continue
        said = " ".join(f"{c.instrument} {c.article or ''}" for c in a.citations)
        years = sorted({int(y) for y in _YEAR_OF.findall(said)})
        if len(years) != 1 or not cutoff.year < years[0] <= as_of.year:
            continue  # no year, several, or one that may be before the last review: never guessed
        how = "accession" if "accession" in said.lower() or "acceded" in said.lower() else "ratification"
        title = wording.treaty_title(inst)
        rules = [f.rule for f in ctx.result.findings if inst.ratification in f.answers]
        out.append((years[0], how, title, rules))
    return sorted(out)


def _sdg(ctx: _Ctx) -> str:
    wanted = {t for f in ctx.result.findings if f.status in (Status.GAP, Status.PARTIAL)
              for t in f.tags.sdg}
    wanted.add("16.2")
    targets = [SDG_TARGETS[t] for t in ("16.2", "5.2", "5.3", "8.7") if t in wanted]
    return ctx.voice.sdg(wording.and_list(targets))


def _topic_name(ctx: _Ctx, fs: list[Finding]) -> str:
    """A topic as the urgent-measures paragraph names it: the rules' `topic` (what the paragraph is
    about: "minimum age of sexual consent", "child marriage"), else their area's title, lower-cased."""
    titles = {a.id: a.title for a in ctx.result.areas}

    def name(f: Finding) -> str:
        topic = getattr(ctx.rule(f), "topic", None)
        return topic or re.sub(r"\s*\([^)]*\)", "", titles.get(f.area, f.area)).lower()
    return wording.and_list(list(dict.fromkeys(name(f) for f in fs)))


def _regret_topic(ctx: _Ctx, unknown: list[Finding]) -> Optional[list[Finding]]:
    """At most one "regrets the lack of information" paragraph: the cluster of the most severe
    undecided rules among the major topics (jurisdiction, prohibition, protection), about rules
    none of whose questions is answered (never about what the questionnaire says)."""
    def blank(f: Finding) -> bool:
        return f.status == Status.UNKNOWN and not wording.known_shortfall(f) and f.at_least is None and all(
            (ctx.answers.get(q) is None or ctx.answers[q].state != "answered") for q in f.answers)
    by_cluster: dict[str, list[Finding]] = {}
    for f in unknown:
        if blank(f) and ctx.cluster(f) in REGRET_CLUSTERS and f.severity in URGES:
            by_cluster.setdefault(ctx.cluster(f), []).append(f)
    if not by_cluster:
        return None
    best = sorted(by_cluster.items(), key=lambda kv: (_severity(kv[1]), REGRET_CLUSTERS.index(kv[0])))[0][1]
    return sorted(best, key=lambda f: SEVERITY_RANK.get(f.severity, 9))[:3]


def concluding_observations(result: Assessment, ruleset=None, previous: Optional[Assessment] = None,
                            voice: Voice = Voice()) -> list[CommitteeSection]:
    """The draft concluding observations, numbered from 1, in the parts of a real CO."""
    ctx = _context(result, ruleset, voice, previous)
    ctx.folds = folded(ctx)
    result = ctx.result = committee_scope(ctx, ctx.folds)
    v = ctx.voice
    sections: list[CommitteeSection] = []
    paragraphs: dict[str, list[CommitteeParagraph]] = {}
    counter = [0]

    def add(section: str, kind: str, text: str, items=(), rules=(), urges=False, topic=None) -> CommitteeParagraph:
        counter[0] += 1
        p = CommitteeParagraph(number=counter[0], kind=kind, text=text, items=list(items), rules=list(rules),
                               urges=urges, topic=topic)
        paragraphs.setdefault(section, []).append(p)
        return p

    if not v.ngo:
        for text in v.introduction(ctx):
            add("introduction", "introduction", text)
    for lead, items, rules, kind in _positive(ctx, previous):
        add("positive", kind, lead, items, rules)
    add("urgent", "urgent", "")  # worded once the urged paragraphs are known
    add("urgent", "sdg", _sdg(ctx))

    stated: set = set()
    concerns = concern_findings(ctx)
    persisting: set = set()
    previously_urged: set = set()
    if previous is not None:  # a gap that persists is reiterated, and never softened from "urges"
        before = {f.rule: f for f in previous.findings}
        persisting = {f.rule for f in concerns if f.rule in before and
                      (before[f.rule].status in CONCERN_STATUSES or wording.known_shortfall(before[f.rule]))}
        previously_urged = {r for r in persisting if before[r].status == Status.GAP and before[r].severity in URGES}

    def is_urged(f: Finding) -> bool:
        return (f.status == Status.GAP and f.severity in URGES) or f.rule in previously_urged

    def previous_refs(fs: list[Finding]) -> list[str]:
        # only a recorded Committee text is reiterated: the earlier questionnaire's own draft never was
        # one (review 14, H1: PHL-2022 "reiterated" an extraterritorial recommendation nobody had made)
        return _previous(ctx, [f.rule for f in fs])
    unknown = [] if ctx.partial_draft else [f for f in result.findings if f.status == Status.UNKNOWN
                                             and not wording.known_shortfall(f) and f.area not in TYPOLOGY_AREAS]
    regret = _regret_topic(ctx, unknown)
    for cluster in CO_ORDER:
        if cluster == "general":
            add(cluster, "data", v.data())
        if cluster == "ratification":
            fs = [f for f in result.findings if ctx.cluster(f) == cluster and f.status in CONCERN_STATUSES]

            if fs:
                items = _recommendation_items(ctx, fs, ratification=True)
                lead, its = _lead(v.ratification(), items)
                add(cluster, "ratification", lead, its, [f.rule for f in fs])
            # only where the answers say the State is not a party: an unknown status is never a shortfall
            if not v.ngo and ctx.status.get("opic") is not None and ctx.status["opic"].bound == "no" and \
                    not any(f.rule in ("RAT-03",) for f in fs) and "opic" not in " ".join(
                        r.id for f in fs for r in f.sources.instruments):
                add(cluster, "opic", OPIC_FORMULA)
            continue
        for topic in _topics(ctx, [f for f in concerns if ctx.cluster(f) == cluster]):
            tfs = topic.findings
            clauses: list[str] = []
            for f in tfs:
                for key, text in wording.concern_parts(f, ctx.rule(f), ctx.answers, ctx.kinds, ctx.options,
                                                       ctx.questions):
                    if key in stated:
                        continue  # one fact once, however many rules it decides
                    stated.add(key)
                    if wording.rests_on_secondary_sources(f, ctx.answers, ctx.kinds):
                        text = v.secondary + text
                    clauses.append(text)
            clauses = list(dict.fromkeys(clauses))
            rules = _with_folded(ctx, tfs)
            if clauses:
                opening = v.concerned()
                if len(clauses) == 1 and clauses[0].startswith(v.secondary):
                    opening += ","
                lead, its = _lead(opening, clauses)
                add(cluster, "concern", lead, its, rules)
            # emphasis stays with its items (M8): urged, reiterated and other items in their own paragraphs
            # a reiterated recommendation urges: the Committee's earlier text (e.g. "The Committee
            # urges the State party to: (a) ...") is never softened to "recommends" (issue 18, point 5)
            groups: dict[tuple, list[Finding]] = {}
            for f in tfs:
                prev = tuple(previous_refs([f]))
                groups.setdefault((is_urged(f) or bool(prev), prev, is_urged(f)), []).append(f)
            for (urges, prev, urgent), gfs in sorted(groups.items(), key=lambda kv: (not kv[0][0], not kv[0][1])):
                lead, its = _lead(v.recommends(urges, list(prev)), _recommendation_items(ctx, gfs))
                add(cluster, "recommendation", lead, its, _with_folded(ctx, gfs), urges=urgent,
                    topic=_topic_name(ctx, gfs) if urgent else None)
        if regret and ctx.cluster(regret[0]) == cluster and not v.ngo:
            regret = regret[:2]
            subject = " and ".join(f"whether {_undecided(f, ctx.rule(f), ctx)}" for f in regret)
            # nothing is known of these points, so the law may already do what is recommended (review9, SWE CO 11)
            items = _recommendation_items(ctx, regret)
            lead, its = _lead(f"The Committee regrets the lack of information on {subject}, and recommends that the "
                              "State party, if it has not already done so" + ("," if len(items) == 1 else ""), items)
            add(cluster, "regret", lead, its, [f.rule for f in regret])
    if v.ngo:
        for text, rules in _evidence(ctx, concerns):
            add("evidence", "evidence", text, (), rules)
    if not v.ngo:
        add("follow-up", "follow-up", FOLLOW_UP)
        add("follow-up", "dissemination", DISSEMINATION)
        add("next-report", "next-report", NEXT_REPORT)

    order = ["introduction", "positive", "urgent", *CO_ORDER, "evidence", "follow-up", "next-report"]
    for sid in order:
        if paragraphs.get(sid):
            sections.append(CommitteeSection(id=sid, title=v.section_title(sid), paragraphs=paragraphs[sid],
                                             subtitle=v.section_subtitle(sid)))
        # every OPSC section a real CO has, for the Committee to complete; positive aspects too, where nothing
        # recorded is to be welcomed (review 15, N8: IND's heading vanished)
        elif (sid in CO_ORDER or sid == "positive") and not v.ngo:
            sections.append(CommitteeSection(id=sid, title=v.section_title(sid), paragraphs=[],
                                             subtitle=v.section_subtitle(sid), placeholder=SECTION_PLACEHOLDER))
    _renumber(sections, v)
    return sections


def _with_folded(ctx: _Ctx, fs: list[Finding]) -> list[str]:
    """The rule ids of a paragraph, each followed by the rules folded into it (the Word comment names both)."""
    return list(dict.fromkeys(r for f in fs for r in [f.rule, *(g.rule for g in ctx.folds.get(f.rule, []))]))


def _evidence(ctx: _Ctx, concerns: list[Finding]) -> list[tuple[str, list[str]]]:
    """An alternative report's evidence: the organisation's own notes on the answers that decided
    each concern, with the provisions and sources they cite, for the rapporteur."""
    out, seen = [], set()
    for f in concerns:
        for q in wording.deciding_questions(f):
            a = ctx.answers.get(q)
            if a is None or not a.notes or q in seen:
                continue
            seen.add(q)
            note = " ".join(a.notes.split()).rstrip(".")
            refs = cite(a)
            out.append((f"According to the research of {ctx.voice.who(False)}, {note[:1].lower() + note[1:]}"
                        + (f" ({refs})" if refs else "") + ".", [f.rule]))
    return out


def _renumber(sections: list[CommitteeSection], v: "Voice") -> None:
    """Number the paragraphs 1, 2, ... in printed order, word the urgent-measures paragraph
    (the topics with their paragraph numbers) and drop it when nothing is urged."""
    order = [p for s in sections for p in s.paragraphs]
    urged = [p for p in order if p.urges]
    for n, s in enumerate(sections):
        s.paragraphs[:] = [p for p in s.paragraphs if p.kind != "urgent" or urged]
        if s.id == "urgent" and not urged and not v.ngo:  # never promise urgent measures it does not contain
            sections[n] = s.model_copy(update={"title": SDG_ONLY_TITLE})
    order = [p for s in sections for p in s.paragraphs]
    mapping = {id(p): n for n, p in enumerate(order, 1)}
    for s in sections:
        new = []
        for p in s.paragraphs:
            text = p.text
            if p.kind == "urgent":  # an alternative report does not point the Committee at its own paragraphs
                topics: dict[str, list[str]] = {}
                for q in urged:  # one topic once, with all its paragraphs
                    topics.setdefault(q.topic or "", []).append(str(mapping[id(q)]))
                text = v.urgent([t if v.ngo else
                                 f"{t} (para{'s' if len(ns) > 1 else ''}. {wording.and_list(ns)})"
                                 for t, ns in topics.items()])
            spelled = {} if v.ngo else {"items": [un_spelling(i) for i in p.items]}
            new.append(replaced(p, **spelled, number=mapping[id(p)], text=text if v.ngo else un_spelling(text),
                                rules=[r for q in urged for r in q.rules] if p.kind == "urgent" else p.rules))
        s.paragraphs[:] = new
    sections[:] = [s for s in sections if s.paragraphs or s.placeholder]


def _silent_issue(ctx: _Ctx) -> Optional[CommitteeIssue]:
    """The questions the documents read by `lexgap read` never address, still unanswered: what a Committee
    member asks about first (docs/reader.md)."""
    open_states = ("unknown", "unanswered")
    qids = [q for q in ctx.result.questionnaire.silent
            if q in ctx.answers and ctx.answers[q].state in open_states]
    if not qids:
        return None
    return CommitteeIssue(
        number=0, kind="silent", questions=qids,
        text="The report provides no information on the following; please provide it, citing the relevant "
             "legal provisions:",
        items=[ctx.answers[q].text for q in qids])


def _current(ctx: _Ctx, f: Finding) -> str:
    """The current provision for a list-of-issues gap item: the deciding facts with their
    citations ("currently: the age of sexual consent is set at 12 years (...)")."""
    parts = wording.concern_parts(f, ctx.rule(f), ctx.answers, ctx.kinds, ctx.options, ctx.questions)
    return wording.that_list([t for _, t in parts])


def _loi_rank(ctx: _Ctx, fs: list[Finding], cluster: str, gap: bool) -> tuple:
    """Where a list-of-issues item stands, from the data alone, best first:

    1. an item that takes up the Committee's own earlier recommendation the State has not shown
       it implemented (the questionnaire's `previous_observations` name the rule): what the
       Committee asks first in a real list (BGD: non-punishment, CRC/C/BGD/CO/4 para. 89(a));
    2. the rule's severity (critical, high, medium, low), so that a critical or high item on the
       offences outranks a medium prevention item;
    3. at equal severity, an item on which the questionnaire records the law (a decided gap, or an
       undecided rule whose answers cite a provision) before one it knows nothing of: the
       Committee can name the provision and ask a precise question (PHL: live streaming, with
       RA 10175 s. 4(c)(1) recorded, before the work bar);
    4. the Committee's section order (CO_ORDER), a gap before an unknown in the same section."""
    reiterates = bool(_previous(ctx, [f.rule for f in fs]))
    recorded = gap or any(_records_law(ctx, f) for f in fs)
    return (not reiterates, min(SEVERITY_RANK.get(f.severity, 9) for f in fs), not recorded,
            CO_ORDER.index(cluster), not gap)


def _covering(ctx: _Ctx, items: list[tuple[tuple, CommitteeIssue]], covered: set) -> list[int]:
    """The undecided items in the order the list of issues takes them: by :func:`_loi_rank`, except that
    at equal standing (earlier recommendation, severity) an item on a part of the Protocol no item asks
    about yet comes before another item on a part already asked about. A Committee list covers the
    Protocol before it asks a fourth question on the offences (the fourth secretary reading, fix 10: BGD
    asked nothing on jurisdiction or extradition, while three high items on material were taken)."""
    left = list(range(len(items)))
    order: list[int] = []
    covered = set(covered)
    while left:
        def key(n: int) -> tuple:
            rank = items[n][0]
            return (*rank[:2], _item_cluster(ctx, items[n][1]) in covered, *rank[2:], n)
        best = min(left, key=key)
        left.remove(best)
        order.append(best)
        covered.add(_item_cluster(ctx, items[best][1]))
    return order


def _item_cluster(ctx: _Ctx, item: CommitteeIssue) -> Optional[str]:
    """The part of the Protocol a list-of-issues item asks about (its first rule's cluster)."""
    found = ctx.finding(item.rules[0]) if item.rules else None
    return ctx.cluster(found) if found is not None else None


def _records_law(ctx: _Ctx, f: Finding) -> bool:
    """True when an answer the rule reads cites a legal provision (answered or not)."""
    return any(a is not None and wording.legal_citations(a, ctx.kinds)
               for a in (ctx.answers.get(q) for q in f.answers))


def _noted(ctx: _Ctx, fs: list[Finding]) -> list[str]:
    """What the questionnaire already establishes for undecided rules, as clauses with their
    provisions: each answered question's own `fact` clause for its answer (BGD: the general minimum
    age of marriage is 18 years (Child Marriage Restraint Act 1929, s. 2(a))), and for an answer still
    open, the part its `protection` citations establish, in their own words (BGD: distributing, ...,
    selling and advertising child pornography are offences (Pornography Control Act 2012, s. 8)).
    Only what a `fact` clause or a citation says of that very answer: never a note."""
    out = []
    for f in fs:
        for qid in f.answers:
            a = ctx.answers.get(qid)
            if a is not None and a.state == "unknown":  # the part an open answer establishes, in its citations' words
                known = wording.role_words(a, ctx.kinds, "protection")
                if known:
                    out.append(known)
                continue
            if a is not None and wording.open_values(a, ctx.options.get(qid, {})):
                # a many_of answer with options still open: what its protections establish, then what is absent
                known = wording.role_words(a, ctx.kinds, "protection")
                if known:
                    out.append(known)
            got = wording.fact(ctx.questions.get(qid), a, ctx.options.get(qid, {}), ctx.kinds, ctx.answers,
                               ctx.questions)
            if got is None or wording.no_age(a, ctx.questions.get(qid)):
                continue
            refs = "" if got[2] else wording.cite_provisions([qid], ctx.answers, ctx.kinds)
            out.append(got[1] + (f" ({refs})" if refs else ""))
    return list(dict.fromkeys(out))


def _open_question(ctx: _Ctx, f: Finding) -> Optional[str]:
    """A direct question on what is not established of an undecided rule: the `open` clause of its
    multiple-choice answer (PHL, one option open: "Please indicate ... whether the law limits the number
    of interviews of child victims and witnesses ..."; BGD, five: "... which of the following the law
    guarantees to every child victim and witness: (a) ...; (b) ..."), else the standard with the options
    still open."""
    for qid in f.answers:
        got = wording.fact(ctx.questions.get(qid), ctx.answers.get(qid), ctx.options.get(qid, {}), ctx.kinds,
                           ctx.answers, ctx.questions, key="open")
        if got is not None:
            if got[1].startswith("which "):  # 'which of the following the law guarantees ...: (a) ...; (b) ...'
                return f"Please indicate, citing the relevant legislation, {got[1]}."
            return f"Please indicate, citing the relevant legislation, whether {got[1]}."
    open_ = _open_options(ctx, f) if f.at_least == Status.PARTIAL else []
    if open_:
        return (f"Please indicate, citing the relevant legislation, whether {wording.statement(f, ctx.rule(f))} "
                f"as regards {wording.and_list(open_)}.")
    return None


def _linked(ctx: _Ctx, fqs: list[tuple[Finding, list[str]]]) -> list[list[tuple[Finding, list[str]]]]:
    """The undecided rules of one area, most severe first, as the items of the list of issues: two
    rules on one `topic` (barring offenders from work with children, and the record checks that do
    it) in one item, never two items on one subject (review 14, M8); jurisdiction and extradition
    two by two, in one combined item."""
    if ctx.cluster(fqs[0][0]) == "jurisdiction":
        return [fqs[n:n + 2] for n in range(0, len(fqs), 2)]
    groups: dict[str, list] = {}
    for fq in fqs:
        rule = ctx.rule(fq[0])
        key = rule.topic if rule is not None and rule.topic else fq[0].rule
        groups.setdefault(key, []).append(fq)
    return [g[n:n + 2] for g in groups.values() for n in range(0, len(g), 2)]


def _unknown_text(ctx: _Ctx, pair: list[Finding]) -> str:
    """The question for one or two closely linked undecided rules: the rule's own `ask`, a direct
    question on what is still open, or "Please provide information on the measures taken to ensure
    that ..."; after what the questionnaire already establishes ("The Committee notes that ...")."""
    single = pair[0] if len(pair) == 1 else None
    question = None
    if single is not None:
        question = wording.ask(single, ctx.rule(single), ctx.answers) or _open_question(ctx, single)
    known = [wording.role_words(a, ctx.kinds, "protection") for a in
             (ctx.answers.get(q) for f in pair for q in f.answers) if a is not None and a.state == "unknown"]
    if question is None and single is not None and any(known):
        # the open answer's established part is noted first: ask only what lies beyond it
        beyond = "these provisions" if sum(k.count(" (") for k in known if k) > 1 else "this provision"
        question = (f"Please indicate, citing the relevant legislation, whether, beyond {beyond}, "
                    f"{_undecided(single, ctx.rule(single), ctx)}.")
    if question is None:
        that = _both(*(_undecided(f, ctx.rule(f), ctx) for f in pair))
        citing = "" if NON_LEGISLATIVE.search(that) else ", citing the relevant legislation"
        question = (f"Please provide information on the measures taken to ensure that {that}{citing}, "
                    f"and on {'their' if len(pair) > 1 else 'its'} application in practice.")
    refs = _previous(ctx, [f.rule for f in pair])
    if refs:  # the Committee's own earlier recommendation on the subject, which the State must answer
        return f"In the light of its previous recommendation ({'; '.join(refs)}), {question[:1].lower()}{question[1:]}"
    noted = _noted(ctx, pair)
    if noted:
        # noted facts in a row that cite one instrument name it once ('... (Child Marriage Restraint Act 1929,
        # s. 2(a)) and that the Act punishes ... (ss. 4-6)'), as any clause does (wording.named_once)
        return f"The Committee notes that {wording.named_once(wording.that_list(noted))}. {question}"
    open_answers = {q: ctx.answers[q].model_copy(update={"state": "answered"}) for f in pair for q in f.answers
                    if ctx.answers.get(q) is not None and ctx.answers[q].state != "answered"}
    cited = wording.cite_provisions(open_answers, open_answers, ctx.kinds)
    if cited:  # provisions the questionnaire cites for an open answer: named, nothing claimed of them
        return f"With reference to the State party's legislation ({cited}), {question[:1].lower()}{question[1:]}"
    return question


_STATE_ITS = re.compile(r"^(\w+) its ")
"""A recommendation opening with a verb and "its" ("extend its extraterritorial jurisdiction"): the State's."""


def list_of_issues(result: Assessment, ruleset=None, max_issues: int = MAX_ISSUES,
                   partial_draft: Optional[bool] = None, previous: Optional[Assessment] = None) -> list[CommitteeIssue]:
    """Item 1 asks for data; then one item per concern (the measures envisaged, naming the
    current provision) and the most severe undecided questions, one per item (or two closely
    linked), as questions on what the State does. At most ``max_issues`` items and
    MAX_QUESTIONS questions; the concerns are kept first (at most MAX_GAP_ITEMS), the rest of the
    room goes to the undecided rules by rank, and the items are printed in the order of
    :func:`_loi_rank`."""
    ctx = _context(result, ruleset, previous=previous)
    result = ctx.result = committee_scope(ctx, folded(ctx))  # no rule kept out of the Committee documents, no folded rule
    if partial_draft is not None:
        ctx.partial_draft = partial_draft
    issues: list[CommitteeIssue] = [CommitteeIssue(
        number=1, kind="data", rules=[],
        text="Please provide data for the last three years, " + DATA_SCOPE + ".")]
    gap_items: list[tuple[tuple, CommitteeIssue]] = []
    short: dict[str, list[Finding]] = {}  # the findings that fall short, by cluster
    for f in result.findings:
        if f.area not in TYPOLOGY_AREAS and (f.status in CONCERN_STATUSES or wording.known_shortfall(f)):
            short.setdefault(ctx.cluster(f), []).append(f)
    for cluster in CO_ORDER:
        if cluster == "ratification":
            continue
        for topic in _topics(ctx, short.get(cluster, [])):
            by_fact: dict[str, list[Finding]] = {}
            for f in topic.findings:
                qs = wording.deciding_questions(f)
                if qs and all(ctx.questions.get(q) is not None and not ctx.questions[q].loi for q in qs):
                    continue  # flagged: not a question to put to the State party
                by_fact.setdefault(_current(ctx, f), []).append(f)
            for facts, ffs in list(by_fact.items())[:2]:
                ffs = ffs[:2]  # one question, or two closely linked ones
                rec = wording.and_list(list(dict.fromkeys(
                    wording.recommendation(f, ctx.rule(f), ctx.answers, ctx.kinds, ctx.options, ctx.questions)
                    for f in ffs)))
                for cited in re.findall(r" \(([^()]*(?:\([^()]*\)[^()]*)*)\)", rec):
                    if f"({cited})" in facts:  # the provision is named once, in what the Committee notes
                        rec = rec.replace(f" ({cited})", "")
                rec = re.sub(r", currently ([^,]+),", lambda m: "" if m.group(1) in facts else m.group(0), rec)
                considered = re.match(r"consider (\w+ing\b.*)", rec)  # "consider extending ...": only to consider
                if considered:
                    text = f"The Committee notes that {facts}. Please indicate whether the State party envisages " \
                           f"{considered.group(1)}."
                else:
                    # "the measures ... to extend its jurisdiction": no State party before "its" in a question
                    # (review 14, L4); a later "its" then refers back to it
                    rec = _STATE_ITS.sub(r"\1 the State party's ", rec, count=1)
                    text = f"The Committee notes that {facts}. Please explain the measures taken or envisaged to {rec}."
                asks = [ctx.questions[q].text for f in ffs if wording.known_shortfall(f)
                        for q in f.missing if q in ctx.questions][:1]
                text += "".join(f" {a}" for a in asks)
                gap_items.append((_loi_rank(ctx, ffs, cluster, True), CommitteeIssue(
                    number=0, kind="gap", text=text, rules=[f.rule for f in ffs],
                    questions=list(dict.fromkeys(q for f in ffs for q in [*wording.deciding_questions(f), *f.missing])))))
    unknown_items: list[tuple[tuple, CommitteeIssue]] = []
    seen: set = set()
    by_area: dict[str, list[tuple[Finding, list[str]]]] = {}
    for f in result.findings:
        if ctx.cluster(f) == "ratification" or f.status != Status.UNKNOWN or wording.known_shortfall(f) or \
                f.area in TYPOLOGY_AREAS:
            continue
        rule = ctx.rule(f)
        if rule is not None and rule.requires is not None and any(
                ctx.answers.get(q) is None or ctx.answers[q].state != "answered"
                for q in questions_in(rule.requires)):
            continue  # the prerequisite is open: the rule that asks it comes first (one question, not two)
        qs = [q for q in (f.missing or f.answers) if q not in seen]
        qs = [q for q in qs if ctx.questions.get(q) is None or ctx.questions[q].loi]
        if f.at_least != Status.PARTIAL:  # never ask the answered; a list that is only partly known asks the rest
            qs = [q for q in qs if ctx.answers.get(q) is None or ctx.answers[q].state != "answered"
                  or (q in ctx.options and _open_options(ctx, f))]
        if not qs:
            continue
        seen.update(qs)
        by_area.setdefault(f.area, []).append((f, qs))
    for area, fqs in by_area.items():
        fqs.sort(key=lambda fq: SEVERITY_RANK.get(fq[0].severity, 9))
        for group in _linked(ctx, fqs):  # one question, or two closely linked ones
            pair = [f for f, _ in group]
            unknown_items.append((_loi_rank(ctx, pair, ctx.cluster(pair[0]), False),
                                  CommitteeIssue(number=0, kind="unknown", text=_unknown_text(ctx, pair),
                                                 rules=[f.rule for f in pair],
                                                 questions=[q for _, qs in group for q in qs])))
    silent = _silent_issue(ctx)
    if silent is not None:  # a draft of `lexgap read`: what the documents never address comes first
        issues.insert(0, silent)
    room = max(0, min(max_issues, MAX_QUESTIONS) - len(issues))
    order = sorted(range(len(gap_items)), key=lambda n: (gap_items[n][0], n))
    chosen = [(*gap_items[n], 0, n) for n in order[:min(room, MAX_GAP_ITEMS)]]  # the concerns first ...
    room -= len(chosen)
    ranked = _covering(ctx, unknown_items, {_item_cluster(ctx, item) for _, item, *_ in chosen})
    chosen += [(*unknown_items[n], 1, n) for n in ranked[:room]]  # ... then the undecided rules by rank
    issues += [item for _, item, *_ in sorted(chosen, key=lambda t: (t[0], t[2], t[3]))]
    return [replaced(i, number=n, text=un_spelling(i.text)) for n, i in enumerate(issues[:max(1, max_issues)], 1)]


def research_todo(result: Assessment, ruleset=None) -> list[str]:
    """The questions to research before the draft can be completed: every question an
    undecided rule needs, most severe first (for a partial draft)."""
    ctx = _context(result, ruleset)
    out: list[str] = []
    for f in sorted(result.findings, key=lambda f: SEVERITY_RANK.get(f.severity, 9)):
        if f.status == Status.UNKNOWN:
            for q in f.missing or f.answers:
                a = ctx.answers.get(q)
                if (a is None or a.state != "answered") and q not in out:
                    out.append(q)
    return out


def research_questions(result: Assessment) -> list[str]:
    """The research list of a partial draft as the questions' texts (never their ids), for the editor."""
    texts = {a.question: a.text for a in [*result.answers, *result.context]}
    research = result.committee.research if result.committee is not None else []
    return [texts.get(q, q) for q in research]


def _sale_assessed(result: Assessment) -> bool:
    """True when a rule on the sale of children (as distinct from trafficking) is assessed."""
    return any("sale" in f.title.lower() and f.status != Status.NOT_APPLICABLE for f in result.findings)


CSAM_TERM_FROM = dt.date(2019, 9, 10)
"""The Committee's guidelines on the implementation of the Optional Protocol (CRC/C/156, adopted
10 September 2019) took up "child sexual abuse material"; before them its documents used the
Protocol's own term."""
_CSAM = re.compile(r"\b([Cc])hild sexual abuse material\b")


def period_terms(text: str, as_of: dt.date) -> str:
    """A document dated before CRC/C/156 writes "child pornography", the Optional Protocol's term,
    as the Committee then did (a 2015 draft saying "child sexual abuse material" is anachronistic)."""
    if as_of >= CSAM_TERM_FROM or "hild sexual abuse material" not in text:  # the search only where it can match
        return text
    return _CSAM.sub(lambda m: m.group(1) + "hild pornography", text)


def _non_party(text: str) -> str:
    return (text.replace("the State party's", "the State's").replace("The State party's", "The State's")
            .replace("the State party", "the State").replace("The State party", "The State")
            .replace("concluding observations", "recommendations"))


def committee_text(result: Assessment, ruleset=None, previous: Optional[Assessment] = None,
                   max_issues: int = MAX_ISSUES, voice: str = "committee") -> CommitteeText:
    """Both texts in one voice ('committee' or 'ngo')."""
    v = Voice.of(voice, result)
    partial = is_partial_draft(result)
    party = is_party(result)
    sections = concluding_observations(result, ruleset, previous, v)
    issues = list_of_issues(result, ruleset, max_issues, previous=previous)
    note = None
    if partial:
        cov = result.band.coverage or 0
        note = (f"Partial draft: the answers decide {cov:.0f}% of the applicable standards, below the "
                f"{result.band.min_coverage:.0f}% needed for a full draft. It states only the shortfalls the answers "
                "establish, with their provisions; the open questions are in the list of issues and the research "
                "list.")
    sale = SALE_OTHER_PURPOSES_OUT_OF_SCOPE if _sale_assessed(result) else SALE_OUT_OF_SCOPE
    scope = " ".join(SCOPE_NOTE.format(sale=sale).split())
    if previous is None and last_review(result) is None and any(
            p.kind == "positive" for s in sections for p in s.paragraphs):
        scope += " " + NO_REVIEW_NOTE
    if previous is not None and any(p.kind == "welcome" for s in sections for p in s.paragraphs):
        review = last_review(result)
        before = review is not None and _Date.of(previous.as_of).after(review[0]) is True
        scope += " " + PREVIOUS_CUTOFF_NOTE.format(
            date=f"{previous.as_of.day} {previous.as_of:%B %Y}",
            gap=f"; add what was adopted between the latest review recorded, {review[1]} ({review[0].words()}), "
                "and that date" if before else "")
    if not v.ngo and report_under_review(result).later and any(
            i.id == "uncrc" and i.bound == "yes" for i in result.instruments):
        scope += " " + LATER_REPORT_NOTE
    c = result.counts
    if c.unknown and not partial:
        scope += " " + UNDECIDED_NOTE.format(n=c.unknown, m=c.met + c.partial + c.gap + c.unknown)
    text = CommitteeText(
        observations=sections, issues=issues, max_issues=max_issues,
        previous=(previous.questionnaire.path and previous.questionnaire.path.rsplit("/", 1)[-1])
        if previous is not None else None,
        voice=v.id, organisation=v.organisation, headings=v.headings(max_issues), party=party,
        partial_draft=partial, partial_note=note, research=research_todo(result, ruleset) if partial else [],
        scope=scope)
    def fix(value, key=None):
        if isinstance(value, dict):
            return {k: fix(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v, key) for v in value]
        if isinstance(value, str) and key not in ("organisation", "previous", "research", "rules", "questions",
                                                 "voice", "kind"):
            value = value if v.ngo else un_spelling(value)
            value = period_terms(value, result.as_of)
            return value if party else _non_party(value)
        return value
    return CommitteeText.model_validate(fix(text.model_dump()))


def attach(result: Assessment, ruleset=None, previous: Optional[Assessment] = None,
           max_issues: int = MAX_ISSUES, voice: str = "committee") -> Assessment:
    """The result with its `committee` block (re)written."""
    return result.model_copy(update={"committee": committee_text(result, ruleset, previous, max_issues, voice)})


def headings(texts: Optional[CommitteeText]) -> CommitteeHeadings:
    """The headings of a committee block; the committee voice's for a block without them."""
    if texts is not None and texts.headings is not None:
        return texts.headings
    return Voice().headings(texts.max_issues if texts is not None else MAX_ISSUES)


def paragraph_text(p) -> str:
    """A paragraph or issue as one string, items lettered (a), (b), ..."""
    parts = [p.text] + [f"({chr(97 + i)}) {t}" for i, t in enumerate(p.items)]
    return " ".join(parts)


def plain_text(texts: CommitteeText, width: int = 100, research: Optional[list[str]] = None) -> str:
    """Both texts as plain text in their voice (headings, numbered paragraphs, lettered
    items indented), for a terminal or a text file. Rule ids are left out. What the tool says to
    its user (the partial-draft and scope notes; `research`, the questions of a partial draft's
    research list) is an editor's note before and after the Committee text, never inside it."""
    import textwrap
    h = headings(texts)

    def block(label: str, text: str, indent: int) -> list[str]:
        return textwrap.wrap(f"{label} {text}", width, initial_indent=" " * indent,
                             subsequent_indent=" " * (indent + len(label) + 1))

    lines = []
    notes = [n for n in (texts.partial_note, texts.scope) if n]
    if notes:
        lines += textwrap.wrap(f"[{EDITOR_NOTE}: {' '.join(notes)}]", width) + [""]
    lines += [h.observations.upper(), ""]
    for s in texts.observations:
        lines += textwrap.wrap(s.title, width) + [""]
        if s.subtitle:
            lines += textwrap.wrap(s.subtitle, width) + [""]
        if s.placeholder:
            lines += textwrap.wrap(s.placeholder, width) + [""]
        for p in s.paragraphs:
            lines += block(f"{p.number}.", p.text, 0)
            for n, item in enumerate(p.items):
                lines += block(f"({chr(97 + n)})", item, 4)
            lines.append("")
    lines += [h.issues.upper(), ""] + textwrap.wrap(h.issues_intro, width) + [""]
    for i in texts.issues:
        lines += block(f"{i.number}.", i.text, 0)
        for n, item in enumerate(i.items):
            lines += block(f"({chr(97 + n)})", item, 4)
        lines.append("")
    if research:
        lines += textwrap.wrap(f"[{EDITOR_NOTE}: {RESEARCH_TITLE.lower()}:", width)
        for q in research:
            lines += textwrap.wrap(q, width, initial_indent="  - ", subsequent_indent="    ")
        lines[-1] += "]"
        lines.append("")
    return "\n".join(lines)
