"""Answers that contradict each other (ruleset.yaml `consistency`; review M2).

The `approach.*` answers give the legislative waves but are scored by no rule of their own: the
offences they summarise are scored through other questions (MAT-01 reads material.specific_law,
ONL-01 online.grooming_offence). Left unchecked, one contradictory answer turns a first-wave State
into "third wave" in the executive summary. Each check is a pair of conditions in the rule
vocabulary: when `when` is true, `then` must not be false. Unknown never contradicts anything.
"""
from __future__ import annotations

from ..load.problems import Problem
from ..load.ruleset import Ruleset
from .evaluate import Facts, evaluate


def contradictions(doc, q, ruleset: Ruleset, answers, skipped) -> list[Problem]:
    """A problem at the `then` answer for each check the answers break, naming the `when` answer's line."""
    params = {n: p.default for n, p in ruleset.manifest.parameters.items()}
    facts = Facts(answers, params, skipped)
    problems = []
    for check in ruleset.manifest.consistency:
        when = evaluate(check.when, facts)
        if when.truth is not True:
            continue
        then = evaluate(check.then, facts)
        if then.truth is not False:
            continue
        cause = [s for s in when.steps if s.outcome is True]
        against = [s for s in then.steps if s.outcome is False]
        at = against[0].question if against else next(iter(q.answers), None)
        problems.append(Problem(doc.path, *doc.where(_pointer(q, at)),
                                f"{_said(against, doc, q)} contradicts {_said(cause, doc, q)}: {check.message}"))
    return problems


def _pointer(q, qid: str | None) -> str:
    if qid is None or qid not in q.answers:
        return "/answers"
    from ..models.questionnaire import Answer
    return f"/answers/{qid}/value" if isinstance(q.answers[qid], Answer) else f"/answers/{qid}"


def _said(steps, doc, q) -> str:
    parts = []
    for s in steps:
        line = doc.where(_pointer(q, s.question))[0] if s.question in q.answers else None
        parts.append(f"{s.question}: {s.actual}" + (f" (line {line})" if line else ""))
    return " and ".join(parts) or "another answer"
