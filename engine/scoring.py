"""Scores and coverage, after XCCDF's scoring models.

Each applicable rule earns credit: met 1, partial `partial_credit` (0.5 by
default), gap 0, unknown 0. Not-applicable rules are left out. Unknown counts
against the score like a gap, so a half-filled questionnaire never looks
compliant; coverage (decided / applicable) says how much was answered.

Models for the overall score:
  flat      weighted mean of rule credits across all areas (default)
  default   XCCDF default model: weighted mean of the area scores, by area weight
  absolute  100 if every applicable rule is met, else 0
"""
from __future__ import annotations

from typing import Iterable, Optional

from .models.assessment import AreaResult, Counts

CREDIT = {"met": 1.0, "gap": 0.0, "unknown": 0.0}
DECIDED = ("met", "partial", "gap")


def count(statuses: Iterable[str]) -> Counts:
    tally = dict.fromkeys(Counts.model_fields, 0)
    for s in statuses:
        tally[s] += 1
    return Counts(**tally)


def _round(x: Optional[float]) -> Optional[float]:
    return None if x is None else round(x, 1)


def flat_score(items: list[tuple[str, float]], partial_credit: float) -> Optional[float]:
    """items: (status, weight). Weighted mean credit x 100; None when nothing applies."""
    applicable = [(s, w) for s, w in items if s != "not_applicable"]
    total = sum(w for _, w in applicable)
    if not applicable or total == 0:
        return None
    earned = sum(w * (partial_credit if s == "partial" else CREDIT[s]) for s, w in applicable)
    return _round(100.0 * earned / total)


def coverage(statuses: list[str]) -> Optional[float]:
    applicable = [s for s in statuses if s != "not_applicable"]
    if not applicable:
        return None
    return _round(100.0 * sum(s in DECIDED for s in applicable) / len(applicable))


def overall_score(model: str, items: list[tuple[str, float]], areas: list[AreaResult],
                  partial_credit: float) -> Optional[float]:
    if model == "flat":
        return flat_score(items, partial_credit)
    if model == "absolute":
        applicable = [s for s, _ in items if s != "not_applicable"]
        return None if not applicable else (100.0 if all(s == "met" for s in applicable) else 0.0)
    if model == "default":
        scored = [(a.score, a.weight) for a in areas if a.score is not None]
        total = sum(w for _, w in scored)
        return None if not scored or total == 0 else _round(sum(s * w for s, w in scored) / total)
    raise ValueError(f"unknown scoring model {model}")
