"""The executive summary: five sentences, a box of priority recommendations and
the assessed / not-assessed bar, for a reader who has one minute.

Built from the Committee text (lexgap.word.committee), so the summary states the same
facts with the same provisions as the concluding observations: what the law
does (the statutes that carry the standards met), the main gaps (the concern items), the legislative
wave, how much could not be assessed, and what the list of issues asks. It
never says more than those paragraphs do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .committee import SEVERITY_RANK
from .wording import clause, legal_citations
from ..vocabulary import Status
from ..models.assessment import Assessment, CommitteeParagraph

WAVE_PLAIN = {
    1: "The sexual exploitation of children is addressed mainly through general offences, not offences written "
       "for children.",
    2: "Some offences address children specifically, within general offences (a child clause or an aggravating "
       "circumstance).",
    3: "The main offences are written for children, with their own definitions and penalties.",
}
"""The report's three legislative waves (4.4) without the word: the executive summary has no tool jargon."""
LAGGING_PLAIN = {1: "still addressed through general offences",
                 2: "still addressed within general offences (a child clause or an aggravating circumstance)"}
"""A family of offences below the overall wave, in the same plain words (review 11, F9: Freedonia's
summary said its main offences were written for children, though its trafficking law is first wave)."""
PRIORITIES = 5
"""Most recommendations in the box: the issue asks for three to five."""


@dataclass(frozen=True)
class Segment:
    """One part of the assessed / not-assessed bar."""
    status: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class Summary:
    sentences: list[str]
    priorities: list[str]
    bar: list[Segment]


def _paragraphs(result: Assessment) -> list[CommitteeParagraph]:
    if result.committee is None:
        return []
    return [p for section in result.committee.observations for p in section.paragraphs]


def _statutes(result: Assessment) -> list[str]:
    """The statutes that carry the standards the law meets, by their names as cited, those carrying the
    most standards first. Not the positive aspects: those welcome only the laws adopted since the
    Committee's last review (one amending Act for PHL-2015), while the summary says what the law does."""
    kinds = {s.id: s.kind for s in result.questionnaire.sources}
    answers = {a.question: a for a in [*result.answers, *result.context]}
    carried: dict[str, set] = {}
    for f in result.findings:
        if f.status != Status.MET:
            continue
        for q in f.answers:
            a = answers.get(q)
            if a is None or a.state != "answered":
                continue
            for c in legal_citations(a, kinds, without="defect"):
                carried.setdefault(c.instrument, set()).add(f.rule)
    return [name for name, _ in sorted(carried.items(), key=lambda kv: -len(kv[1]))]


def _concern_items(result: Assessment) -> list[str]:
    """The concern items, those of the paragraphs on the most severe rules first."""
    severity = {f.rule: SEVERITY_RANK.get(f.severity, 9) for f in result.findings}
    concerns = [p for p in _paragraphs(result) if p.kind == "concern"]
    concerns.sort(key=lambda p: min((severity.get(r, 9) for r in p.rules), default=9))
    items = []
    for p in concerns:
        items += [clause(i) for i in p.items] or [_CONCERNED.sub("", p.text).rstrip(".")]
    return [i.replace("according to the information before it,", "according to the sources cited,") for i in items]


_CONCERNED = re.compile(r"^.*?\bconcerned that,?\s*")
"""The lead of a concern paragraph, in either voice ("The Committee is concerned that, ...")."""


def _after(text: str, marker: str) -> str:
    return text.split(marker, 1)[1] if marker in text else text


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return "; ".join(parts[:-1]) + "; and " + parts[-1]


def _priorities(result: Assessment) -> list[str]:
    """Recommendation items, those the Committee urges first, in paragraph order."""
    recs = [p for p in _paragraphs(result) if p.kind in ("recommendation", "ratification")]
    ordered = [p for p in recs if p.urges] + [p for p in recs if not p.urges]
    items: list[str] = []
    for p in ordered:
        texts = p.items or [re.sub(r"^to ", "", _after(p.text, "State party ")).rstrip(".")]
        items += [t.rstrip(";.") for t in texts]
    return [t[:1].upper() + t[1:] + "." for t in items[:PRIORITIES]]


def _bar(result: Assessment) -> list[Segment]:
    c = result.counts
    parts = [("met", "met", c.met), ("partial", "partly met", c.partial), ("gap", "gap", c.gap),
             ("unknown", "not assessed", c.unknown)]
    total = sum(n for _, _, n in parts) or 1
    return [Segment(s, label, n, round(100 * n / total, 1)) for s, label, n in parts if n]


def _lower(title: str) -> str:
    return title[:1].lower() + title[1:]


def _waves_plain(result: Assessment) -> str:
    """The overall wave, then each family that lags behind it and each whose wave the answers leave open:
    the sentence never says more of the law than every family supports."""
    w = result.waves
    text = WAVE_PLAIN.get(w.overall, WAVE_PLAIN[1])
    families = {f.id: f for f in w.families}
    lagging = [families[i] for i in w.lagging if i in families and families[i].wave in LAGGING_PLAIN]
    if lagging:
        text = text.rstrip(".") + ", except that " + " and that ".join(
            f"{_lower(f.title)} is {LAGGING_PLAIN[f.wave]}" for f in lagging) + "."
    open_ = [_lower(families[i].title) for i in w.unknown if i in families]
    if open_:  # titles hold "and" themselves: the last is set off by a comma
        named = open_[0] if len(open_) == 1 else ", ".join(open_[:-1]) + ", and " + open_[-1] + ","
        text += f" How the law addresses {named} is not known from the answers."
    return text


def executive_summary(result: Assessment) -> Summary:
    c = result.counts
    applicable = c.met + c.partial + c.gap + c.unknown
    decided = applicable - c.unknown
    sentences = []
    statutes = _statutes(result)
    # out of every applicable standard, never of the decided ones alone: "meets 43 of the 43" was what
    # withholding the 35 weak answers of a file bought (review 11, F1)
    first = (f"As of {result.as_of}, the answers show the law meeting {c.met} of the {applicable} standards that "
             f"apply ({decided} could be assessed)")
    first += f", notably through {_join(statutes[:4])}." if statutes else "."
    sentences.append(first)
    concerns = _concern_items(result)
    if concerns:
        where = ("in the recommendations to the Committee" if result.committee and result.committee.voice == "ngo"
                 else "in the draft concluding observations")
        more = "" if len(concerns) <= 3 else f" ({len(concerns)} concerns in all, {where})"
        sentences.append(f"The main {'gap is' if len(concerns) == 1 else 'gaps are'} that {_join(concerns[:3])}{more}.")
    else:
        sentences.append("No standard that could be assessed is a gap or only partly met.")
    if result.waves.overall is not None:  # the report's "waves", in plain words
        sentences.append(_waves_plain(result))
    not_assessed = [a.title for a in result.areas if a.band is not None and not a.band.assessed]
    unknown = (f"{c.unknown} of the {applicable} applicable standards could not be assessed from the answers"
               if c.unknown else "Every applicable standard could be assessed from the answers")
    if not_assessed:
        titles = [t.lower() for t in not_assessed]
        unknown += ", among them every standard on " + (
            titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1])
    sentences.append(unknown + ".")
    if result.committee is not None:
        n = len(result.committee.issues)
        if result.committee.voice == "ngo":
            sentences.append(f"{n} questions are suggested for the list of issues, starting with a request for "
                             "data on prosecutions, convictions and victims assisted.")
        else:
            sentences.append(f"The list of issues puts {n} questions to the State party, starting with a request "
                             "for data on prosecutions, convictions and victims assisted.")
    return Summary(sentences, _priorities(result), _bar(result))
