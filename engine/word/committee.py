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
  or high gap is among them, "reiterates" when the questionnaire lists a previous
  recommendation on the subject; then "regrets the lack of information on ..."
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
what binds the State and the Committee's own corpus (engine.word.wording.basis), and
only legal provisions (citations whose source is a statute). Everything returned
is plain text; templates escape it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from . import wording
from ..models.assessment import (
    AnswerOut, Assessment, CommitteeHeadings, CommitteeIssue, CommitteeParagraph, CommitteeSection, CommitteeText, Finding,
)
from ..models.ruleset import OPSC_CLUSTERS
from ..vocabulary import CONCERN, Status

CONCERN_STATUSES = CONCERN
SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}
URGES = ("critical", "high")
MAX_ISSUES = 20
MAX_REGRETS = 6
VOICES = ("committee", "ngo")
FALLBACK_ORGANISATION = "The submitting organisation"

CLUSTER_TITLES = {
    "general": "General measures and data collection",
    "prohibition": "Prohibition of the sale of children, child prostitution and child pornography "
                   "(arts. 2-3 and 3(4))",
    "jurisdiction": "Jurisdiction and extradition (arts. 4-5)",
    "protection": "Protection of the rights of child victims (arts. 8 and 9(3)-(4))",
    "prevention": "Prevention of the sale of children, child prostitution and child pornography (art. 9(1)-(2))",
    "cooperation": "International assistance and cooperation (art. 10)",
    "ratification": "Ratification of international human rights instruments",
}
SDG_TARGETS = {
    "16.2": "target 16.2 (end abuse, exploitation, trafficking and all forms of violence against children)",
    "5.2": "target 5.2 (eliminate all forms of violence against all women and girls, including trafficking "
           "and sexual exploitation)",
    "5.3": "target 5.3 (eliminate child, early and forced marriage)",
    "8.7": "target 8.7 (end the worst forms of child labour, including the use of children in prostitution "
           "and pornography)",
}
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
        if self.ngo:
            verb = "urge the State party to" if urges else "call upon the State party to"
            if previous:
                return (f"{self.who()} recommends that the Committee reiterate its previous recommendation "
                        f"({'; '.join(previous)}) and {verb}")
            return f"{self.who()} recommends that the Committee {verb}"
        verb = "urges the State party to" if urges else "recommends that the State party"
        if previous:
            return f"The Committee reiterates its previous recommendation ({'; '.join(previous)}) and {verb}"
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

    def urgent(self, numbers: list[str]) -> str:
        """The urgent-measures paragraph; the numbers follow the last ': ' (see _renumber)."""
        plural = "s" if len(numbers) > 1 else ""
        opening = (f"{self.who()} invites the Committee to draw" if self.ngo else "The Committee draws")
        return (f"{opening} the State party's attention to the recommendations in the following paragraph{plural}, "
                f"in respect of which urgent measures must be taken: {wording.and_list(numbers)}.")

    def sdg(self, targets: str) -> str:
        verb = (f"{self.who(False)} recommends that the Committee urge" if self.ngo
                else "the Committee urges")
        return ("Recalling the 2030 Agenda for Sustainable Development, " + verb + " the State party to ensure "
                "the full implementation of the rights of the child under the Optional Protocol in its efforts "
                f"towards {targets}.")

    def section_title(self, section: str) -> str:
        if section == "positive":
            return "Progress and positive aspects" if self.ngo else "Positive aspects"
        if section == "urgent":
            return ("Priorities and the Sustainable Development Goals" if self.ngo
                    else "Urgent measures and the Sustainable Development Goals")
        return CLUSTER_TITLES[section]

    def headings(self, max_issues: int) -> CommitteeHeadings:
        basis = ("They cite only the Convention, the Optional Protocol, the Committee's own general comments and "
                 "the treaties the State has ratified, and only legal provisions; the rules each paragraph rests on "
                 "are given in brackets. They are generated from the findings and meant to be edited.")
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
            issues_intro="Questions for the State party, " + issues)


def _undecided(f: Finding, rule) -> str:
    """What is not known, as a clause: a rule proven at least partly met (`at_least: partial`, an
    option not established) says what is known already, never regrets a lack of all information
    (review M3)."""
    text = wording.statement(f, rule)
    if f.at_least == Status.PARTIAL:
        text += " in full (the information before the Committee shows that it does so in part)"
    return text


def cite(a: AnswerOut) -> str:
    """'Penal Code, art. 216' for an answer's citations, '' without any (the finding card)."""
    parts = [c.instrument + (f", {c.article}" if c.article else "") for c in a.citations]
    return "; ".join(dict.fromkeys(parts))


def own_corpus(ruleset_id: str = "demand-sec") -> set[str]:
    """Ids of the instruments marked `committee: true` (cited for every State party)."""
    try:
        from ..load.ruleset_loader import load_ruleset
        return {i.id for i in load_ruleset(ruleset_id).instruments.values() if i.committee}
    except Exception:
        return set()


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

    def rule(self, f: Finding):
        return self.rules.get(f.rule)

    def cluster(self, f: Finding) -> str:
        r = self.rule(f)
        c = f.opsc_cluster or (r.opsc_cluster if r is not None else None)
        return c if c in OPSC_CLUSTERS else "general"


def _context(result: Assessment, ruleset=None, voice: Voice = Voice()) -> _Ctx:
    rs = _ruleset(result, ruleset)
    return _Ctx(result=result, rules=dict(rs.rules) if rs else {}, instruments=dict(rs.instruments) if rs else {},
                status={i.id: i for i in result.instruments},
                answers={a.question: a for a in [*result.answers, *result.context]},
                kinds={s.id: s.kind for s in result.questionnaire.sources},
                options={q.id: {o.value: o.label for o in q.options or []} for q in rs.questions.values()} if rs else {},
                voice=voice)


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
        t.keys |= wording.provision_keys(wording.failing_questions(f), ctx.answers, ctx.kinds)
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


def _lead(text: str, items: list[str]) -> tuple[str, list[str]]:
    """One item is folded into its lead; several stay lettered."""
    if len(items) == 1:
        return text + " " + items[0] + ".", []
    return text + ":", [i + (";" if n < len(items) - 1 else ".") for n, i in enumerate(items)]


def _previous(ctx: _Ctx, rules: list[str]) -> list[str]:
    refs = []
    for p in ctx.result.questionnaire.previous_observations:
        if set(p.rules) & set(rules):
            refs.append(f"{p.symbol}, para. {p.paragraph}")
    return list(dict.fromkeys(refs))


def _recommendation_items(ctx: _Ctx, fs: list[Finding], ratification: bool = False) -> list[str]:
    items = []
    for f in fs:
        text = wording.recommendation(f, ctx.rule(f))
        refs = "" if ratification else wording.basis(f, ctx.instruments, ctx.status)
        items.append(text + (f", in line with {refs}" if refs else ""))
    return list(dict.fromkeys(items))


def _positive(ctx: _Ctx, previous: Optional[Assessment]) -> list[tuple[str, list[str], list[str], str]]:
    """(lead, items, rules, kind) for the positive aspects."""
    out = []
    if previous is not None:
        from ..judge.changes import status_changes
        old_answers = {a.question: a for a in [*previous.answers, *previous.context]}
        better = [c for c in status_changes(previous.findings, ctx.result.findings)
                  if c.kind in ("closed", "improved")]
        by_rule = {f.rule: f for f in ctx.result.findings}
        statutes: dict[str, list[str]] = {}
        for c in better:
            f = by_rule[c.rule]
            old_cited = {ci.instrument for q in f.answers if q in old_answers for ci in old_answers[q].citations}
            for q in f.answers:
                a = ctx.answers.get(q)
                if a is None or a.state != "answered":
                    continue
                for ci in wording.legal_citations(a, ctx.kinds):
                    if ci.instrument not in old_cited:
                        statutes.setdefault(ci.instrument, [])
                        if f.rule not in statutes[ci.instrument]:
                            statutes[ci.instrument].append(f.rule)
        if statutes:
            items = [f"{name}, under which {wording.and_list([wording.statement(by_rule[r], ctx.rules.get(r)) for r in rs])}"
                     for name, rs in statutes.items()]
            since = f"{previous.as_of:%B %Y}".lstrip("0")
            lead = ctx.voice.welcomes(f"the adoption, since {since}, of")
            if len(items) == 1:
                out.append((lead + " " + items[0] + ".", [], sorted({r for rs in statutes.values() for r in rs}),
                            "welcome"))
            else:
                l, its = _lead(lead, items)
                out.append((l, its, sorted({r for rs in statutes.values() for r in rs}), "welcome"))
    met = [f for f in ctx.result.findings if f.status == Status.MET and ctx.cluster(f) != "ratification"]
    statutes: dict[str, list[Finding]] = {}
    for f in met:
        for q in f.answers:
            a = ctx.answers.get(q)
            cits = wording.legal_citations(a, ctx.kinds) if a is not None and a.state == "answered" else []
            if cits:
                statutes.setdefault(cits[0].instrument, []).append(f)
                break
    ranked = sorted(statutes.items(), key=lambda kv: (-len(kv[1]), _severity(kv[1])))[:4]
    if ranked:
        items = []
        for name, fs in ranked:
            fs = sorted(fs, key=lambda f: SEVERITY_RANK.get(f.severity, 9))[:4]
            items.append(f"{name}, under which {wording.and_list([wording.statement(f, ctx.rule(f)) for f in fs])}")
        lead, its = _lead(ctx.voice.welcomes("the legislative measures that give effect to the Optional "
                                             "Protocol, in particular"), items)
        out.append((lead, its, [f.rule for _, fs in ranked for f in fs], "positive"))
    return out


def _sdg(ctx: _Ctx) -> str:
    wanted = {t for f in ctx.result.findings if f.status in (Status.GAP, Status.PARTIAL, Status.UNKNOWN)
              for t in f.tags.sdg}
    wanted.add("16.2")
    targets = [SDG_TARGETS[t] for t in ("16.2", "5.2", "5.3", "8.7") if t in wanted]
    return ctx.voice.sdg(wording.and_list(targets))


def concluding_observations(result: Assessment, ruleset=None, previous: Optional[Assessment] = None,
                            voice: Voice = Voice()) -> list[CommitteeSection]:
    """The draft concluding observations, numbered from 1."""
    ctx = _context(result, ruleset, voice)
    v = ctx.voice
    sections: list[CommitteeSection] = []
    number = 0
    paragraphs: dict[str, list[CommitteeParagraph]] = {}

    def add(section: str, kind: str, text: str, items=(), rules=(), urges=False) -> CommitteeParagraph:
        nonlocal number
        number += 1
        p = CommitteeParagraph(number=number, kind=kind, text=text, items=list(items), rules=list(rules), urges=urges)
        paragraphs.setdefault(section, []).append(p)
        return p

    for lead, items, rules, kind in _positive(ctx, previous):
        add("positive", kind, lead, items, rules)
    number += 2  # urgent measures and the 2030 Agenda come next; written once the paragraphs are known
    urgent_at = number - 1

    for cluster in OPSC_CLUSTERS:
        fs = [f for f in result.findings if ctx.cluster(f) == cluster]
        if cluster == "general":
            add(cluster, "data", v.data())
        concerns = [f for f in fs if f.status in CONCERN_STATUSES]
        if cluster == "ratification":
            if concerns:
                items = _recommendation_items(ctx, concerns, ratification=True)
                lead, its = _lead(v.ratification(), items)
                add(cluster, "ratification", lead, its, [f.rule for f in concerns])
            continue
        for topic in _topics(ctx, concerns):
            tfs = topic.findings
            clauses = [wording.concern(f, ctx.rule(f), ctx.answers, ctx.kinds, ctx.options) for f in tfs]
            clauses = [(v.secondary + c)
                       if wording.rests_on_secondary_sources(f, ctx.answers, ctx.kinds) else c
                       for f, c in zip(tfs, clauses)]
            clauses = list(dict.fromkeys(clauses))
            opening = v.concerned()
            if len(clauses) == 1 and clauses[0].startswith(v.secondary):
                opening += ","
            lead, its = _lead(opening, clauses)
            rules = [f.rule for f in tfs]
            add(cluster, "concern", lead, its, rules)
            urges = any(f.status == Status.GAP and f.severity in URGES for f in tfs)
            prev = _previous(ctx, rules)
            lead, its = _lead(v.recommends(urges, prev), _recommendation_items(ctx, tfs))
            add(cluster, "recommendation", lead, its, rules, urges=urges)
        unknown = [f for f in fs if f.status == Status.UNKNOWN]
        if unknown:
            unknown.sort(key=lambda f: SEVERITY_RANK.get(f.severity, 9))
            shown = unknown[:MAX_REGRETS]
            items = list(dict.fromkeys(f"whether {_undecided(f, ctx.rule(f))}" for f in shown))
            opening, request = v.regrets()
            lead, its = _lead(opening, items)
            if its:
                its[-1] += request
            else:
                lead += request
            add(cluster, "regret", lead, its, [f.rule for f in shown])

    urged = [p for ps in paragraphs.values() for p in ps if p.urges]
    head: list[CommitteeParagraph] = []
    if urged:
        nums = [str(p.number) for p in urged]
        head.append(CommitteeParagraph(
            number=urgent_at, kind="urgent", rules=[r for p in urged for r in p.rules],
            text=v.urgent(nums)))
    head.append(CommitteeParagraph(number=urgent_at + 1, kind="sdg", text=_sdg(ctx)))

    if paragraphs.get("positive"):
        sections.append(CommitteeSection(id="positive", title=v.section_title("positive"),
                                         paragraphs=paragraphs["positive"]))
    sections.append(CommitteeSection(id="urgent", title=v.section_title("urgent"), paragraphs=head))
    for cluster in OPSC_CLUSTERS:
        if paragraphs.get(cluster):
            sections.append(CommitteeSection(id=cluster, title=v.section_title(cluster), paragraphs=paragraphs[cluster]))
    _renumber(sections)
    return sections


def _renumber(sections: list[CommitteeSection]) -> None:
    """Number the paragraphs 1, 2, ... in printed order (the urgent paragraph's references follow)."""
    order = [p for s in sections for p in s.paragraphs]
    mapping = {p.number: n for n, p in enumerate(order, 1)}
    for s in sections:
        new = []
        for p in s.paragraphs:
            text = p.text
            if p.kind == "urgent":
                nums = [str(mapping[q.number]) for q in order if q.urges]
                text = text.rsplit(": ", 1)[0] + ": " + wording.and_list(nums) + "."
            new.append(p.model_copy(update={"number": mapping[p.number], "text": text}))
        s.paragraphs[:] = new


def list_of_issues(result: Assessment, ruleset=None, max_issues: int = MAX_ISSUES) -> list[CommitteeIssue]:
    """Item 1 asks for data; then the gaps; then the most severe unknowns by topic."""
    ctx = _context(result, ruleset)
    issues: list[CommitteeIssue] = [CommitteeIssue(
        number=1, kind="data", rules=[],
        text="Please provide data for the last three years, " + DATA_SCOPE + ".")]
    gap_items: list[CommitteeIssue] = []
    unknown_items: list[tuple[tuple, CommitteeIssue]] = []
    for cluster in OPSC_CLUSTERS:
        if cluster == "ratification":
            continue
        fs = [f for f in result.findings if ctx.cluster(f) == cluster]
        for topic in _topics(ctx, [f for f in fs if f.status in CONCERN_STATUSES]):
            items = [wording.recommendation(f, ctx.rule(f)) for f in topic.findings]
            lead, its = _lead("Please explain the measures taken or envisaged to", list(dict.fromkeys(items)))
            gap_items.append(CommitteeIssue(number=0, kind="gap", text=lead, items=its,
                                            rules=[f.rule for f in topic.findings]))
        unknown: dict[str, list[Finding]] = {}
        for f in fs:
            if f.status == Status.UNKNOWN:
                unknown.setdefault(f.area, []).append(f)
        for area, ufs in unknown.items():
            ufs.sort(key=lambda f: SEVERITY_RANK.get(f.severity, 9))
            items = list(dict.fromkeys(_undecided(f, ctx.rule(f)) for f in ufs))
            lead, its = _lead("Please indicate whether", items)
            lead = lead[:-1] + ", citing the relevant legal provisions." if not its else lead
            if its:
                its[-1] = its[-1][:-1] + ", citing the relevant legal provisions in each case."
            questions = list(dict.fromkeys(q for f in ufs for q in (f.missing or f.answers)))
            unknown_items.append((_severity(ufs), CommitteeIssue(
                number=0, kind="unknown", text=lead, items=its, rules=[f.rule for f in ufs], questions=questions)))
    room = max(0, max_issues - 1)
    chosen = gap_items[:room]
    room -= len(chosen)
    chosen += [i for _, i in sorted(unknown_items, key=lambda t: t[0])[:room]]
    issues += chosen
    return [i.model_copy(update={"number": n}) for n, i in enumerate(issues[:max(1, max_issues)], 1)]


def committee_text(result: Assessment, ruleset=None, previous: Optional[Assessment] = None,
                   max_issues: int = MAX_ISSUES, voice: str = "committee") -> CommitteeText:
    """Both texts in one voice ('committee' or 'ngo')."""
    v = Voice.of(voice, result)
    return CommitteeText(
        observations=concluding_observations(result, ruleset, previous, v),
        issues=list_of_issues(result, ruleset, max_issues),
        max_issues=max_issues,
        previous=previous.questionnaire.path if previous is not None else None,
        voice=v.id, organisation=v.organisation, headings=v.headings(max_issues))


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


def plain_text(texts: CommitteeText, width: int = 100) -> str:
    """Both texts as plain text in their voice (headings, numbered paragraphs, lettered
    items indented), for a terminal or a text file. Rule ids are left out."""
    import textwrap
    h = headings(texts)

    def block(label: str, text: str, indent: int) -> list[str]:
        return textwrap.wrap(f"{label} {text}", width, initial_indent=" " * indent,
                             subsequent_indent=" " * (indent + len(label) + 1))

    lines = [h.observations.upper(), ""]
    for s in texts.observations:
        lines += [s.title, ""]
        for p in s.paragraphs:
            lines += block(f"{p.number}.", p.text, 0)
            for n, item in enumerate(p.items):
                lines += block(f"({chr(97 + n)})", item, 4)
            lines.append("")
    lines += [h.issues.upper(), ""]
    for i in texts.issues:
        lines += block(f"{i.number}.", i.text, 0)
        for n, item in enumerate(i.items):
            lines += block(f"({chr(97 + n)})", item, 4)
        lines.append("")
    return "\n".join(lines)
