"""The questionnaire JSON Schema: the model's schema, with one typed property
per question of the ruleset so that editors can autocomplete ids and values."""
from __future__ import annotations

import copy
from functools import lru_cache

from ..models.questionnaire import SPECIAL_VALUES, Questionnaire
from ..models.ruleset import Question
from .ruleset import Ruleset
from .validation import model_schema
from ..vocabulary import NO_AGE_ANSWER, question_type


def value_schema(q: Question) -> dict:
    """The JSON Schema of an answer's value, from the question's type entry (vocabulary.QUESTION_TYPE)."""
    t = question_type(q.type)
    special = _enum(q, list(SPECIAL_VALUES))
    if t.options == "many":
        options = t.values(q)
        by_option = {"type": "object", "minProperties": 1, "additionalProperties": False,
                     "properties": {o: {"enum": ["yes", "no", "unknown"]} for o in options}}
        return {"anyOf": [{"type": "array", "items": {"enum": options}, "uniqueItems": True}, by_option, special]}
    if t.answers or t.options:
        return _enum(q, t.values(q) + list(SPECIAL_VALUES))
    if t.numeric:
        lo, hi = t.bounds(q)
        num: dict = {"type": "integer"}
        if lo is not None:
            num["minimum"] = lo
        if hi is not None:
            num["maximum"] = hi
        none = [{"const": NO_AGE_ANSWER}] if t.takes_none else []  # no such offence or age in the law
        return {"anyOf": [num, *none, special]}
    return {"type": "string", "minLength": 1}


def _enum(q: Question, values: list) -> dict:
    """An enum; `not_applicable` stays accepted everywhere (the questionnaire check refuses it with the
    reason, after every other problem is collected) but is unlisted where it cannot be true."""
    from .validation import UNLISTED
    schema: dict = {"enum": values}
    if q.not_applicable_when is None and q.relevant is None:
        schema[UNLISTED] = ["not_applicable"]
    return schema


def _describe(q: Question) -> str:
    text = q.text
    if q.help:
        text += "\n\n" + q.help
    if q.options:
        text += "\n\nOptions: " + "; ".join(f"{o.value} = {o.label}" for o in q.options)
    return text


@lru_cache(maxsize=8)
def _cached(ruleset_id: str, fingerprint: str, ruleset: Ruleset) -> dict:
    schema = copy.deepcopy(model_schema(Questionnaire))
    schema["$id"] = f"https://lexgap.org/schema/questionnaire-{ruleset_id}.schema.json"
    schema["title"] = f"lexgap questionnaire (format 1) for ruleset {ruleset_id}"
    defs = schema.setdefault("$defs", {})
    answer_props = {}
    for q in ruleset.questions.values():
        vs = value_schema(q)
        answer_obj = copy.deepcopy(defs["Answer"])
        answer_obj["properties"]["value"] = vs
        # if/then/else rather than anyOf: a mapping is the long form, anything else the value;
        # faster to check and each error names the one form the author meant
        answer_props[q.id] = {"description": _describe(q), "if": {"type": "object"},
                              "then": answer_obj, "else": vs}
    schema["properties"]["answers"] = {
        "type": "object",
        "description": "Answers keyed by question id.",
        "properties": answer_props,
        "additionalProperties": False,
    }
    if "Silence" in defs:  # `lexgap read`'s silent questions are questions of this ruleset
        defs["Silence"]["properties"]["question"] = {"enum": list(ruleset.questions)}
    schema["properties"]["ruleset"] = {"const": ruleset_id, "default": ruleset_id}
    schema["properties"]["profile"] = {"anyOf": [{"enum": sorted(ruleset.profiles)}, {"type": "null"}], "default": None}
    return schema


def questionnaire_schema(ruleset: Ruleset) -> dict:
    return _cached(ruleset.id, ruleset.fingerprint, ruleset)
