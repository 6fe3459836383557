"""Progress of one country between two questionnaires (e.g. 2015 and 2024)."""
from __future__ import annotations

from .. import __version__
from ..load.countries import result_jurisdiction
from ..judge.changes import status_changes
from ..models.assessment import AnswerOut, Assessment
from ..models.comparison import AnswerChange, AnswerSide, Diff, Side, StatusChange
from ..vocabulary import RANK, Status


def side(result: Assessment) -> Side:
    q = result.questionnaire
    return Side(file=q.path, as_of=result.as_of, profile=result.profile.id, score=result.score,
                coverage=result.coverage, counts=result.counts, wave=result.waves.overall, band=result.band,
                sources=[s.title for s in q.sources], country=result_jurisdiction(result))


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


def _floor_if_answered_at_best(new: Assessment, rules: set[str]):
    """The new floor had every rule that is no longer answered been answered at the best its answers
    allow (met, or partly met when they prove no more), as the ceiling counts it: the most the law can
    have done. Only the upper end of the law's range, never a credit (review 11, F5): the credit is
    the real new floor, which counts those rules as it counts every unknown rule."""
    from ..judge.scoring import Item, overall_score
    items_by_area: dict[str, list] = {}
    items = []
    for f in new.findings:
        if f.rule in rules:
            item = Item(Status.PARTIAL if f.at_most == Status.PARTIAL else Status.MET, f.weight)
        else:
            item = Item(f.status, f.weight, f.at_least, f.at_most)
        items.append(item)
        items_by_area.setdefault(f.area, []).append(item)
    area_items = [(items_by_area.get(a.id, []), a.weight) for a in new.areas]
    return overall_score(new.scoring.model, items, area_items, new.scoring.partial_credit, "floor")


def regression(c: StatusChange) -> bool:
    """A decided status that got worse: met -> partial or gap, partial -> gap. Not a rule no longer
    answered (whether its law got worse is not known), nor one that now applies or is now known."""
    return c.old in RANK and c.new in RANK and RANK[c.new] < RANK[c.old]


def diff(old: Assessment, new: Assessment, forced: bool = False) -> Diff:
    changes = status_changes(old.findings, new.findings)
    unanswered = sorted(c.rule for c in changes if c.kind == "no_longer_known")
    # The law is credited with what the answers prove: the real new floor, where a rule no longer
    # answered counts as a gap (or partly met when proven), the least any answer could give it. Kept
    # at its old status, a regression hidden behind `unknown` earned more than the truthful answer.
    law_floor = new.score
    best_floor = _floor_if_answered_at_best(new, set(unanswered)) if unanswered else new.score
    return Diff(
        generator=f"lexgap {__version__}",
        country=result_jurisdiction(new),
        forced=forced, old=side(old), new=side(new),
        score_delta=_delta(old.score, new.score), coverage_delta=_delta(old.coverage, new.coverage),
        closed=[c for c in changes if c.kind == "closed"],
        opened=[c for c in changes if c.kind == "opened"],
        changes=changes,
        answers_changed=answer_changes(old, new),
        floor_delta_law=_delta(old.score, law_floor),
        floor_delta_research=_delta(law_floor, new.score),
        no_longer_answered=unanswered,
        floor_delta_law_max=_delta(old.score, best_floor),
        regressions=[c for c in changes if regression(c)],
    )
