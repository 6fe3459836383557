"""Generated questionnaires for tests and benchmarks: every question answered,
with citations, deterministic for a given seed."""
from __future__ import annotations

import random

from ..models.ruleset import Question
from .ruleset import Ruleset


def _value(q: Question, rng: random.Random):
    if q.type == "yes_no":
        return rng.choice(["yes", "no"])
    if q.type == "yes_no_partly":
        return rng.choice(["yes", "no", "partly"])
    if q.type == "age":
        return rng.choice(["none", 12, 14, 15, 16, 18, 18, 18])
    if q.type == "integer":
        lo = q.min if q.min is not None else 0
        hi = q.max if q.max is not None else lo + 10
        return rng.randint(lo, hi)
    if q.type == "one_of":
        return rng.choice(q.options).value
    if q.type == "many_of":
        values = [o.value for o in q.options]
        return sorted(rng.sample(values, rng.randint(0, len(values))))
    return "Described in the cited provision."


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
