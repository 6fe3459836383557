"""Progress of one country between two questionnaires (e.g. 2015 and 2024)."""
from __future__ import annotations

from . import __version__
from .countries import result_jurisdiction
from .models.assessment import AnswerOut, Assessment, Finding
from .models.comparison import AnswerChange, AnswerSide, Diff, Side, StatusChange

RANK = {"gap": 0, "partial": 1, "met": 2}
SHORTFALL = ("gap", "partial")
UNDECIDED = ("unknown", "not_applicable")


def side(result: Assessment) -> Side:
    q = result.questionnaire
    return Side(file=q.path, as_of=result.as_of, profile=result.profile.id, score=result.score,
                coverage=result.coverage, counts=result.counts, wave=result.waves.overall, band=result.band,
                sources=[s.title for s in q.sources], country=result_jurisdiction(result))


def change_kind(old: str, new: str) -> str:
    """Classify a status change; `closed` and `opened` are the ones a reader acts on.

    A rule that newly falls short is `opened` whether the law got worse (met or partial -> gap) or
    the shortfall has only now come into view: the rule now applies (not_applicable -> gap or
    partial, e.g. the courts gained jurisdiction abroad but still require double criminality) or
    the law is now known (unknown -> gap or partial). Either way it is a new item on the list of
    what must change; `old` tells the reader which.
    """
    if new == "met" and old in SHORTFALL:
        return "closed"
    if new == "gap" and old in ("met", "partial"):
        return "opened"
    if new in SHORTFALL and old in UNDECIDED:
        return "opened"
    if old in RANK and new in RANK:
        return "improved" if RANK[new] > RANK[old] else "worsened"
    if old == "unknown" and new in RANK:
        return "now_known"
    if new == "unknown" and old in RANK:
        return "no_longer_known"
    return "changed"


def status_changes(old: list[Finding], new: list[Finding]) -> list[StatusChange]:
    new_by_rule = {f.rule: f for f in new}
    out = []
    for f in old:
        g = new_by_rule.get(f.rule)
        if g is not None and g.status != f.status:
            out.append(StatusChange(rule=f.rule, title=f.title, area=f.area, severity=f.severity,
                                    old=f.status, new=g.status, kind=change_kind(f.status, g.status)))
    return out


def answer_side(a: AnswerOut) -> AnswerSide:
    return AnswerSide(value=a.value, label=a.label or str(a.value), citations=a.citations)


GIVEN = ("answered", "unknown", "not_applicable")
"""States a researcher wrote down; 'unanswered' and 'skipped' are only absences."""


def answer_changes(old: Assessment, new: Assessment) -> list[AnswerChange]:
    new_by_q = {a.question: a for a in [*new.answers, *new.context]}
    out = []
    for a in [*old.answers, *old.context]:
        b = new_by_q.get(a.question)
        if b is not None and a.value != b.value and (a.state in GIVEN or b.state in GIVEN):
            out.append(AnswerChange(question=a.question, area=a.area, text=a.text,
                                    old=answer_side(a), new=answer_side(b)))
    return out


def same_jurisdiction(a: Assessment, b: Assessment) -> bool:
    """Same country and same subdivision: a state's law and its country's federal law are different laws."""
    return (a.country.code, a.country.subdivision) == (b.country.code, b.country.subdivision)


def _delta(a, b):
    return None if a is None or b is None else round(b - a, 1)


def diff(old: Assessment, new: Assessment, forced: bool = False) -> Diff:
    changes = status_changes(old.findings, new.findings)
    return Diff(
        generator=f"lexgap {__version__}",
        country=result_jurisdiction(new),
        forced=forced, old=side(old), new=side(new),
        score_delta=_delta(old.score, new.score), coverage_delta=_delta(old.coverage, new.coverage),
        closed=[c for c in changes if c.kind == "closed"],
        opened=[c for c in changes if c.kind == "opened"],
        changes=changes,
        answers_changed=answer_changes(old, new),
    )
