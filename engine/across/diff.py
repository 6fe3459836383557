"""Progress of one country between two questionnaires (e.g. 2015 and 2024)."""
from __future__ import annotations

from typing import Optional

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


def _research(old_floor, new_floor, law):
    """score_delta - floor_delta_law, from the rounded figures, so that the two printed parts add up."""
    total = _delta(old_floor, new_floor)
    return None if total is None or law is None else round(total - law, 1)


def _best(f) -> Status:
    """The best status an unknown finding's answers allow: partly met when they prove no more, else met."""
    return Status.PARTIAL if f.at_most == Status.PARTIAL else Status.MET


def _floor(new: Assessment, item_of, exact: bool = False):
    """The floor of the new assessment's frame (its weights and areas) with each finding's item from
    ``item_of(finding)``: the one scoring call every figure of the law's share is taken from."""
    from ..judge.scoring import overall_score
    items_by_area: dict[str, list] = {}
    items = []
    for f in new.findings:
        item = item_of(f)
        items.append(item)
        items_by_area.setdefault(f.area, []).append(item)
    area_items = [(items_by_area.get(a.id, []), a.weight) for a in new.areas]
    return overall_score(new.scoring.model, items, area_items, new.scoring.partial_credit, "floor", exact=exact)


def _floor_if_answered_at_best(new: Assessment, rules: set[str]):
    """The new floor had every rule that is no longer answered been answered at the best its answers
    allow, as the ceiling counts it: the most the law can have done. Only the upper end of the law's
    range, never a credit (review 11, F5): the credit counts those rules as the floor counts unknown."""
    from ..judge.scoring import Item
    return _floor(new, lambda f: Item(_best(f), f.weight) if f.rule in rules
                  else Item(f.status, f.weight, f.at_least, f.at_most))


def _law_share(old: Assessment, new: Assessment) -> Optional[float]:
    """The least the law can have done: the new floor minus a baseline in which each rule stands at its
    old status, except a rule the OLD questionnaire left unknown and the NEW one decides, which stands at
    the best its old answers allowed. So a standard answered only now adds nothing when it is met and is a
    possible regression when it is not; withholding OLD answers never raises the share nor hides a
    regression (review 13, N1: DEM-06 met -> gap hidden in OLD had earned +4.6 instead of +2.4). A rule
    unknown on both sides is neutral. Both floors are unrounded and the difference rounded once: one law
    answered two ways never gets shares 0.1 apart."""
    from ..judge.scoring import Item
    before = {f.rule: f for f in old.findings}
    if not any(g.status == Status.UNKNOWN and f.status != Status.UNKNOWN
               for f in new.findings for g in [before.get(f.rule)] if g is not None):
        return _delta(old.score, new.score)  # the baseline is the old floor itself: the printed floors' change

    def baseline(f):
        g = before.get(f.rule)
        if g is None or (g.status == Status.UNKNOWN and f.status == Status.UNKNOWN):
            return Item(f.status, f.weight, f.at_least, f.at_most)
        if g.status == Status.UNKNOWN:
            return Item(_best(g), f.weight)
        return Item(g.status, f.weight, g.at_least, g.at_most)
    base = _floor(new, baseline, exact=True)
    now = _floor(new, lambda f: Item(f.status, f.weight, f.at_least, f.at_most), exact=True)
    return None if base is None or now is None else round(now - base, 1)


def regression(c: StatusChange) -> bool:
    """A decided status that got worse: met -> partial or gap, partial -> gap. Not a rule no longer
    answered (whether its law got worse is not known), nor one that now applies or is now known."""
    return c.old in RANK and c.new in RANK and RANK[c.new] < RANK[c.old]


def diff(old: Assessment, new: Assessment, forced: bool = False) -> Diff:
    changes = status_changes(old.findings, new.findings)
    unanswered = sorted(c.rule for c in changes if c.kind == "no_longer_known")
    # the law is credited with what the answers prove (`_law_share`); a rule answered only now, at the
    # best the old answers allowed, is research; the upper end has the rules no longer answered at best
    before = {f.rule: f for f in old.findings}
    answered = sorted(c.rule for c in changes if c.old == Status.UNKNOWN and c.new == _best(before[c.rule]))
    law = _law_share(old, new)
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
        floor_delta_law=law,
        floor_delta_research=_research(old.score, new.score, law),
        newly_answered=answered,
        no_longer_answered=unanswered,
        floor_delta_law_max=_delta(old.score, best_floor),
        regressions=[c for c in changes if regression(c)],
        deviations=sorted({d.text for r in (old, new) for d in r.deviations}),
    )
