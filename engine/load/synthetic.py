"""Generated questionnaires for tests and benchmarks: every question answered,
with citations, deterministic for a given seed."""
from __future__ import annotations

import random

from ..models.ruleset import Question
from .ruleset import Ruleset
from ..vocabulary import question_type


def _value(q: Question, rng: random.Random):
    """An answer drawn from what the question's type accepts (vocabulary.QUESTION_TYPE)."""
    t = question_type(q.type)
    if t.options == "many":
        values = t.values(q)
        return sorted(rng.sample(values, rng.randint(0, len(values))))
    if t.values(q):
        return rng.choice(t.values(q))
    if t.samples:  # one sample is taken as it is: no draw, so the seeds give the questionnaires they gave
        return t.samples[0] if len(t.samples) == 1 else rng.choice(t.samples)
    if t.numeric:
        lo, hi = t.bounds(q)
        lo = lo if lo is not None else 0
        return rng.randint(lo, hi if hi is not None else lo + 10)
    raise ValueError(f"question type {t.name} gives no sample answer")  # test_question_types guards it


def _holds(cond, answers) -> bool | None:
    """A condition of the ruleset's `consistency` checks (comparisons, `all`), on generated answers."""
    from ..models.conditions import All, comparison_parts
    if isinstance(cond, All):
        parts = [_holds(c, answers) for c in cond.all]
        return False if False in parts else (None if None in parts else True)
    qid, op, operand = comparison_parts(cond)
    value = answers.get(qid, {}).get("value", "unknown")
    if value in ("unknown", "not_applicable"):
        return None
    if op == "eq":
        return value == operand
    if op == "ne":
        return value != operand
    if op == "in":
        return value in operand
    return None


def _consistent(ruleset: Ruleset, answers: dict) -> None:
    """Repair generated answers that a `consistency` check refuses: the `then` answer takes a value
    that satisfies it (validation would refuse the pair, as it refuses a researcher's)."""
    from ..models.conditions import comparison_parts
    for check in ruleset.manifest.consistency * 3:  # a repair may trip a later check: a few passes
        if _holds(check.when, answers) is True and _holds(check.then, answers) is False:
            qid, op, operand = comparison_parts(check.then)
            q = ruleset.questions[qid]
            options = question_type(q.type).values(q) or []
            if op == "eq":
                answers[qid]["value"] = operand
            elif op == "in":
                answers[qid]["value"] = operand[0]
            elif op == "ne":
                answers[qid]["value"] = next(o for o in options if o != operand)


def synthetic_questionnaire(ruleset: Ruleset, seed: int = 0, country: str = "XEX",
                            unknown_share: float = 0.0) -> dict:
    """A plain dict ready for YAML/JSON dumping."""
    rng = random.Random(seed)
    answers = {}
    for q in ruleset.questions.values():
        value = "unknown" if rng.random() < unknown_share else _value(q, rng)
        answers[q.id] = {
            "value": value,
            "citations": [{
                "instrument": "Penal Code",
                "article": f"art. {rng.randint(1, 400)}",
                "url": "https://example.org/penal-code",
                "quote": "The provision in force.",
                "source": "statutes",
            }],
            "verified": "2025-01-15",
        }
    _consistent(ruleset, answers)
    return {
        "format": 1,
        "ruleset": ruleset.id,
        "country": country,
        "country_name": f"Synthetic country {seed}",
        "as_of": "2025-01-01",
        "prepared_by": {"name": "lexgap generator", "organisation": "lexgap"},
        "sources": [{"id": "statutes", "title": "Consolidated statutes", "kind": "statute"}],
        "answers": answers,
    }
