"""Scores and coverage, after XCCDF's scoring models, with unknown kept apart.

Each applicable rule earns credit: met 1, partial `partial_credit` (0.5 by
default), gap 0. An unknown rule has no credit of its own, so every score comes
in three views (docs/scoring.md):

  decided   the score over the decided rules only: what the researched law shows
  floor     unknown counted as a gap (or as partial when the answers prove at
            least that): the conservative lower bound, never flattering
  ceiling   unknown counted as met: the most the unresearched rules could add

The headline is the band, floor to ceiling: what the answers prove and what the
unresearched rules could at most add, with its coverage (the share of applicable
rule *weight* that is decided, so hiding one critical rule costs what it weighs).
No number is printed without its band: a score on the decided rules alone would
reward answering `unknown` to the weak points (legal review H2). Below the
ruleset's `min_coverage` no score is printed at all. Not-applicable rules are
left out of everything.

Models for the overall score:
  flat      weighted mean of rule credits across all areas (default)
  default   XCCDF default model: weighted mean of the area scores, by area weight
  absolute  100 if every applicable rule is met, else 0
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal, Optional

from ..models.assessment import Counts, ScoreBand
from ..vocabulary import CREDIT, DECIDED, Status

View = Literal["floor", "decided", "ceiling"]
VIEWS: tuple[View, ...] = ("floor", "decided", "ceiling")


@dataclass(frozen=True)
class Item:
    """What scoring needs of a finding."""
    status: str
    weight: float
    at_least: Optional[str] = None  # "partial" when an unknown rule is proven at least partly met
    at_most: Optional[str] = None  # "partial" when an unknown rule is proven not fully met


def count(statuses: Iterable[str]) -> Counts:
    tally = dict.fromkeys(Counts.model_fields, 0)
    for s in statuses:
        tally[s] += 1
    return Counts(**tally)


def _round(x: Optional[float]) -> Optional[float]:
    return None if x is None else round(x, 1)


def credit(item: Item, view: View, partial_credit: float) -> Optional[float]:
    """The rule's credit in this view; None when the view leaves it out."""
    if item.status == Status.NOT_APPLICABLE:
        return None
    if item.status == Status.PARTIAL:
        return partial_credit
    if item.status != Status.UNKNOWN:
        return CREDIT[item.status]
    if view == "decided":
        return None
    if view == "ceiling":  # the best the answers still allow
        return partial_credit if item.at_most == Status.PARTIAL else 1.0
    return partial_credit if item.at_least == Status.PARTIAL else 0.0


def flat_score(items: list[Item], partial_credit: float, view: View = "floor") -> Optional[float]:
    """Weighted mean credit x 100; None when no rule counts in this view."""
    return _flat(_scored(items, partial_credit)[view])


def _credits(item: Item, partial_credit: float) -> tuple[Optional[float], Optional[float], Optional[float]]:
    """The rule's credit in each view (VIEWS' order: floor, decided, ceiling), computed once for each
    kind of item."""
    key = (item.status, item.at_least, item.at_most, partial_credit)
    found = _CREDITS.get(key)
    if found is None:
        found = _CREDITS[key] = tuple(credit(item, v, partial_credit) for v in VIEWS)
    return found


_CREDITS: dict = {}


def _scored(items: list[Item], partial_credit: float) -> dict[View, list[tuple[float, float]]]:
    """Each view's (credit, weight) of the items it counts, in the items' order: one pass for the three views."""
    floor: list[tuple[float, float]] = []
    decided: list[tuple[float, float]] = []
    ceiling: list[tuple[float, float]] = []
    for i in items:
        f, d, c = _credits(i, partial_credit)
        if f is not None:
            floor.append((f, i.weight))
        if d is not None:
            decided.append((d, i.weight))
        if c is not None:
            ceiling.append((c, i.weight))
    return {"floor": floor, "decided": decided, "ceiling": ceiling}


def _flat(scored: list[tuple[float, float]], exact: bool = False) -> Optional[float]:
    total = sum(w for _, w in scored)
    if not scored or total == 0:
        return None
    value = 100.0 * sum(c * w for c, w in scored) / total
    return value if exact else _round(value)


def coverage(items: list[Item]) -> Optional[float]:
    """Decided weight / applicable weight, as a percentage: a critical rule left unknown
    costs four times what a low one does, as it would weigh in the score."""
    applicable = [i for i in items if i.status != Status.NOT_APPLICABLE]
    total = sum(i.weight for i in applicable)
    if not applicable or total == 0:
        return None
    return _round(100.0 * sum(i.weight for i in applicable if i.status in DECIDED) / total)


def rule_coverage(statuses: list[str]) -> Optional[float]:
    """Decided rules / applicable rules, by count (the JSON's `band.coverage_rules`)."""
    applicable = [s for s in statuses if s != Status.NOT_APPLICABLE]
    if not applicable:
        return None
    return _round(100.0 * sum(s in DECIDED for s in applicable) / len(applicable))


def overall_score(model: str, items: list[Item], area_items: list[tuple[list[Item], float]],
                  partial_credit: float, view: View = "floor", exact: bool = False) -> Optional[float]:
    """area_items: each scored area's items with the area's weight (for the default model). ``exact``: not
    rounded, for a difference of two scores that is rounded once (lexgap.across.diff)."""
    return _views(model, items, area_items, partial_credit, exact)[view]


def _views(model: str, items: list[Item], area_items: list[tuple[list[Item], float]],
           partial_credit: float, exact: bool = False) -> dict[View, Optional[float]]:
    """The overall score in each view; each item's credits are taken once for the three."""
    if model == "flat":
        scored = _scored(items, partial_credit)
        return {v: _flat(scored[v], exact) for v in VIEWS}
    if model == "absolute":
        scored = _scored(items, partial_credit)
        return {v: None if not scored[v] else (100.0 if all(c == 1.0 for c, _ in scored[v]) else 0.0)
                for v in VIEWS}
    if model == "default":
        areas = [(_scored(its, partial_credit), w) for its, w in area_items]
        result: dict[View, Optional[float]] = {}
        for v in VIEWS:
            scored = [(_flat(s[v], exact), w) for s, w in areas]
            scored = [(s, w) for s, w in scored if s is not None]
            total = sum(w for _, w in scored)
            mean = None if not scored or total == 0 else sum(s * w for s, w in scored) / total
            result[v] = mean if exact or mean is None else _round(mean)
        return result
    raise ValueError(f"unknown scoring model {model}")


def band(model: str, items: list[Item], area_items: list[tuple[list[Item], float]],
         partial_credit: float, min_coverage: float) -> ScoreBand:
    """The three views, the coverage, and whether enough is decided to print one score."""
    views = _views(model, items, area_items, partial_credit)
    cov = coverage(items)
    assessed = cov is not None and cov > 0
    sufficient = cov is not None and cov >= min_coverage
    return ScoreBand(decided=views["decided"], floor=views["floor"], ceiling=views["ceiling"],
                     coverage=cov, coverage_rules=rule_coverage([i.status for i in items]),
                     min_coverage=min_coverage, assessed=assessed, sufficient=sufficient,
                     headline=headline(views["decided"], views["floor"], views["ceiling"], cov,
                                       assessed, sufficient))


def fmt(x: Optional[float]) -> str:
    return "–" if x is None else f"{x:.1f}"


def band_text(floor, ceiling) -> str:
    """'60.3–100.0' or, when nothing is unknown, '76.9': the band, never one end of it alone."""
    return fmt(floor) if floor == ceiling else f"{fmt(floor)}–{fmt(ceiling)}"


def headline(decided, floor, ceiling, cov, assessed: bool, sufficient: bool) -> str:
    """The one line every output prints for a score (text, HTML/PDF, compare): the band, proven
    floor to possible ceiling. `decided` is deliberately not printed: alone it rewards `unknown`."""
    if cov is None:
        return "no standard applies"
    if not assessed:
        return "not assessed: no applicable standard is decided by the answers"
    if not sufficient:
        return f"insufficient information: {cov:.0f}% of applicable standards assessed (by weight)"
    if floor == ceiling:
        return f"{fmt(floor)}/100 (every applicable standard decided)"
    return (f"{band_text(floor, ceiling)}/100: at least {fmt(floor)} proven by the answers, at most "
            f"{fmt(ceiling)} if every unknown standard were met (coverage {cov:.0f}% by weight)")
