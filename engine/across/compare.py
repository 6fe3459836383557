"""Compare assessments: countries by rules (statuses) and by areas (scores)."""
from __future__ import annotations

from collections import Counter

from .. import __version__
from ..models.assessment import Assessment
from ..models.comparison import AreaRow, Column, Comparison, RuleRow, rule_summary
from ..judge.scoring import band_text, count
from ..render.text_report import fmt_score


def column_keys(results: list[Assessment]) -> list[str]:
    """'PHL 2015', 'US-NY 2015' for a state's law (the ISO 3166-2 code names its country too);
    a repeated label gets a numeric suffix so keys stay unique."""
    base = [f"{r.country.subdivision or r.country.code} {r.as_of.year}" for r in results]
    seen: Counter[str] = Counter()
    keys = []
    for b in base:
        seen[b] += 1
        keys.append(b if base.count(b) == 1 else f"{b} #{seen[b]}")
    return keys


def rank_key(band) -> tuple[float, float]:
    """What a rank rests on: the floor (what the answers prove); among equal floors, the column that
    decides more (coverage). Never the score on decided standards alone, which rises when a weak
    answer is replaced by `unknown` (review H2), and never the ceiling: an answer turned `unknown`
    leaves the floor and the coverage where they were and can only raise the ceiling (a gap becomes
    possibly met; a rule proven at most partly met loses that proof), so a tie broken by the ceiling
    would go to the file that answers less (found by the property test in
    tests/test_unknown_never_pays.py). Equal floors and coverage share a rank."""
    return (band.floor, band.coverage or 0.0)


def rank_columns(keys: list[str], results: list[Assessment]) -> dict[str, int]:
    """Rank every column where a standard applies by floor, then coverage (`rank_key`); full ties share a
    rank. A column below the minimum coverage, or with nothing decided at all (floor 0; review 13, N6: a
    file emptied of its answers left the table), is ranked too, by the floor its answers prove: leaving it
    out let a State at the foot of the table leave it by withholding one answer (India: its OPSC ratification turned
    `unknown`, 55% to 48% coverage, rank 5 of 5 to no rank; review 11, F2). Its cell still says
    "insufficient", so the rank is read as what the answers prove, never as a score."""
    scored = sorted(((rank_key(r.band), k) for k, r in zip(keys, results)
                     if r.band.floor is not None and r.band.ceiling is not None),
                    key=lambda t: tuple(-x for x in t[0]))
    ranks: dict[str, int] = {}
    for i, (score, k) in enumerate(scored):
        ranks[k] = ranks[scored[i - 1][1]] if i and scored[i - 1][0] == score else i + 1
    return ranks


def score_cell(band, floor: bool = False) -> str:
    """The headline of a table cell: the band (floor–ceiling), or why there is none. ``floor``: a cell
    without a band also shows the floor its answers prove ("insufficient (44%), ≥41.6"), so that hiding one
    answer of a weak area never leaves a reader scanning the area table a blank where the weak number stood
    (review 11, F8); the CSV and the workbook keep the floor in a column of its own."""
    if band is None or band.coverage is None:
        return "n/a"
    proven = f", ≥{fmt_score(band.floor)}" if floor and band.floor is not None else ""
    if not band.assessed:
        return "not assessed"  # nothing decided: its floor is 0 by definition
    if not band.sufficient:
        return f"insufficient ({band.coverage:.0f}%)" + proven
    return band_text(band.floor, band.ceiling)


def compare(results: list[Assessment]) -> Comparison:
    """Results must come from the same ruleset."""
    keys = column_keys(results)
    ranks = rank_columns(keys, results)
    columns = [
        Column(key=k, code=r.country.code, name=r.country.name, as_of=r.as_of, file=r.questionnaire.path,
               profile=r.profile.id, profile_title=r.profile.title, score=r.score, coverage=r.coverage,
               counts=r.counts, wave=r.waves.overall, band=r.band, rank=ranks.get(k),
               subdivision=r.country.subdivision, subdivision_name=r.country.subdivision_name)
        for k, r in zip(keys, results)
    ]
    rules = []
    first = results[0] if results else None
    for i, f in enumerate(first.findings if first else []):
        statuses = {k: r.findings[i].status for k, r in zip(keys, results)}
        totals = count(statuses.values())
        rules.append(RuleRow(
            rule=f.rule, title=f.title, area=f.area, severity=f.severity, statuses=statuses, totals=totals,
            summary=rule_summary(totals),  # as every rendering words it (review 12, item 13)
        ))
    areas = [AreaRow(id=a.id, title=a.title,
                     scores={k: r.areas[j].score for k, r in zip(keys, results)},
                     bands={k: r.areas[j].band for k, r in zip(keys, results)})
             for j, a in enumerate(first.areas if first else [])]
    ruleset = {"id": first.ruleset.id, "version": first.ruleset.version} if first else {}
    deviations = sorted({d.text for r in results for d in r.deviations})
    return Comparison(generator=f"lexgap {__version__}", ruleset=ruleset, columns=columns, rules=rules, areas=areas,
                      deviations=deviations)
