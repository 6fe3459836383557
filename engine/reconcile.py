"""Two accounts of one country's law (e.g. the State party report and an NGO
alternative report): where they disagree, with both citations, and which
findings the disagreement would change. Disagreements become questions for
the list of issues."""
from __future__ import annotations

from . import __version__
from .countries import result_jurisdiction
from .diff import GIVEN, answer_side, side, status_changes
from .models.assessment import AnswerOut, Assessment
from .models.comparison import Disagreement, FindingConflict, Reconciliation


def _account(result: Assessment, label: str) -> str:
    titles = [s.title for s in result.questionnaire.sources]
    return titles[0] if titles else f"questionnaire {label}"


def _cite(a: AnswerOut) -> str:
    if not a.citations:
        return "without a citation"
    c = a.citations[0]
    return "citing " + " ".join(x for x in (c.instrument, c.article) if x)


def _issue(question: AnswerOut, a: AnswerOut, b: AnswerOut, source_a: str, source_b: str) -> str:
    return (f"Please clarify {question.text[0].lower() + question.text[1:].rstrip('?')}: "
            f"{source_a} answers “{a.label}” ({_cite(a)}), whereas {source_b} answers “{b.label}” ({_cite(b)}).")


def reconcile(a: Assessment, b: Assessment, forced: bool = False) -> Reconciliation:
    """``a`` and ``b`` must be assessed against the same profile (the caller sees to it)."""
    source_a, source_b = _account(a, "A"), _account(b, "B")
    b_by_q = {x.question: x for x in [*b.answers, *b.context]}
    reads: dict[str, list[str]] = {}
    for f in a.findings:
        for q in f.answers:
            reads.setdefault(q, []).append(f.rule)
    disagreements, agreed = [], 0
    for qa in [*a.answers, *a.context]:
        qb = b_by_q.get(qa.question)
        if qb is None:
            continue
        if qa.value == qb.value:
            agreed += qa.state == "answered"
            continue
        if qa.state not in GIVEN and qb.state not in GIVEN:
            continue
        disagreements.append(Disagreement(
            question=qa.question, area=qa.area, text=qa.text, a=answer_side(qa), b=answer_side(qb),
            rules=reads.get(qa.question, []), issue=_issue(qa, qa, qb, source_a, source_b)))
    conflicts = [FindingConflict(rule=c.rule, title=c.title, area=c.area, severity=c.severity, a=c.old, b=c.new)
                 for c in status_changes(a.findings, b.findings)]
    return Reconciliation(
        generator=f"lexgap {__version__}",
        country=result_jurisdiction(a), as_of=a.as_of, forced=forced,
        a=side(a), b=side(b), profile=a.profile.id, disagreements=disagreements, findings=conflicts,
        agreed=agreed, list_of_issues=[d.issue for d in disagreements],
    )
