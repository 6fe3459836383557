"""Committee-style sections of the report, written from the assessment data.

Two texts a treaty-body member would draft after reading the assessment:

* **draft concluding observations** — one paragraph pair per gap or partial
  finding, grouped by area, in the register of the UN treaty bodies: "The
  Committee is concerned that ... (the provisions the decisive answers cite).
  The Committee recommends that the State party ..., in line with ...";
* **a list of issues** — a numbered "Please provide information on ..." request
  for every unknown or unanswered question and for every answer given without a
  citation.

The wording is lexgap's own and is assembled from the Finding and AnswerOut
fields only, so it stays generic over areas and rules. Everything returned is
plain text; templates escape it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .models.assessment import AnswerOut, Assessment, Finding

CONCERN_STATUSES = ("gap", "partial")
SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


@dataclass
class Observation:
    number: int
    rule: str
    title: str
    status: str
    severity: str
    concern: str
    recommendation: str


@dataclass
class AreaObservations:
    area: str
    title: str
    observations: list[Observation] = field(default_factory=list)


@dataclass
class Issue:
    number: int
    question: str
    area: str
    area_title: str
    reason: str  # "unknown", "unanswered", "no_citation"
    text: str


def _clause(sentence: str) -> str:
    """'Every person under 18 is ...' -> 'every person under 18 is ...' (no final stop)."""
    s = " ".join(sentence.split()).rstrip(" .;")
    if len(s) > 1 and s[0].isupper() and not s[1].isupper() and not s[1].isdigit():
        s = s[0].lower() + s[1:]
    return s


def _quote(text: str) -> str:
    return "\u201c" + " ".join(text.split()).rstrip() + "\u201d"


def cite(a: AnswerOut) -> str:
    """'Penal Code, art. 216' for an answer's citations, '' without any."""
    parts = []
    for c in a.citations:
        parts.append(c.instrument + (f", {c.article}" if c.article else ""))
    return "; ".join(dict.fromkeys(parts))


def _instruments(f: Finding, binding: set[str]) -> str:
    """The cited articles of the instruments that bind the State (a recommendation
    rests only on those; a regional or unratified standard stays on the finding card)."""
    refs = [f"{i.instrument} {i.article}".strip() for i in f.sources.instruments if i.id in binding]
    if not refs:
        return ""
    return refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " and " + refs[-1]


def _provisions(f: Finding, answers: dict[str, AnswerOut]) -> str:
    """The provisions cited by the answers that decided the finding ('' if none)."""
    failing = [s.question for s in f.explanation.steps if s.outcome is False]
    refs = []
    for qid in list(dict.fromkeys(failing)) or list(f.answers):
        a = answers.get(qid)
        if a is not None and a.state == "answered" and a.citations:
            refs.append(cite(a))
    return "; ".join(dict.fromkeys(refs))


def concern_text(f: Finding, answers: dict[str, AnswerOut]) -> str:
    """'The Committee is concerned that the legislation of the State party does not
    ensure that <standard> (<provisions the decisive answers cite>).'"""
    verb = "does not ensure" if f.status == "gap" else "only partly ensures"
    text = f"The Committee is concerned that the legislation of the State party {verb} that {_clause(f.standard)}"
    refs = _provisions(f, answers)
    return text + (f" ({refs})." if refs else ".")


def recommendation_text(f: Finding, binding: set[str]) -> str:
    text = f"The Committee recommends that the State party {_clause(f.recommendation)}"
    refs = _instruments(f, binding)
    if refs:
        text += f", in line with {refs}"
    return text + "."


def concluding_observations(result: Assessment) -> list[AreaObservations]:
    """One observation per gap or partial finding, grouped by area in ruleset order."""
    answers = {a.question: a for a in [*result.answers, *result.context]}
    binding = {i.id for i in result.instruments if i.bound == "yes"}
    titles = {a.id: a.title for a in result.areas}
    groups: dict[str, AreaObservations] = {}
    order = [a.id for a in result.areas]
    for f in result.findings:
        if f.area not in titles:
            titles[f.area] = f.area
            order.append(f.area)
    number = 0
    for area_id in order:
        fs = [f for f in result.findings if f.area == area_id and f.status in CONCERN_STATUSES]
        if not fs:
            continue
        group = groups.setdefault(area_id, AreaObservations(area_id, titles[area_id]))
        # Gaps before partial findings, the most severe first; stable otherwise.
        for f in sorted(fs, key=lambda f: (f.status != "gap", SEVERITY_RANK.get(f.severity, 9))):
            number += 1
            group.observations.append(Observation(
                number=number, rule=f.rule, title=f.title, status=f.status, severity=f.severity,
                concern=concern_text(f, answers), recommendation=recommendation_text(f, binding)))
    return list(groups.values())


def issue_text(a: AnswerOut) -> Optional[tuple[str, str]]:
    """(reason, request) for an answer the Committee should ask about, else None."""
    question = _quote(a.text)
    if a.state in ("unknown", "unanswered"):
        known = "is not known" if a.state == "unknown" else "was not answered"
        return a.state, (f"Please provide information on the following point, which {known} from the "
                         f"information before the Committee, citing the relevant legal provisions: {question}")
    if a.state == "answered" and not a.citations:
        return "no_citation", (f"Please provide information on the legal provisions that support the answer "
                               f"{_quote(a.label or str(a.value))} to the question {question}, "
                               f"and quote their text.")
    return None


def list_of_issues(result: Assessment) -> list[Issue]:
    """Numbered requests for every unknown/unanswered answer and every answer without a citation."""
    titles = {a.id: a.title for a in result.areas}
    issues = []
    for a in [*result.answers, *result.context]:
        got = issue_text(a)
        if got is None:
            continue
        reason, text = got
        issues.append(Issue(number=len(issues) + 1, question=a.question, area=a.area,
                            area_title=titles.get(a.area, a.area), reason=reason, text=text))
    return issues
