"""Check parsed YAML against a JSON Schema, then build the pydantic model.

jsonschema reports every error with its JSON pointer; we turn each into
``file:line:col: message`` using the positions kept by ``yamlsource``.
"""
from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any, Iterable, TypeVar

import jsonschema
from pydantic import BaseModel, ValidationError

from .problems import InputError, Problem
from .yamlsource import YamlDocument, pointer_of

M = TypeVar("M", bound=BaseModel)


_VALIDATORS: dict[int, Any] = {}


def validator(schema: dict):
    """A compiled validator per schema object (schemas are built once and kept)."""
    key = id(schema)
    if key not in _VALIDATORS:
        cls = jsonschema.validators.validator_for(schema)
        _VALIDATORS[key] = (schema, cls(schema, format_checker=cls.FORMAT_CHECKER))
    return _VALIDATORS[key][1]


def _leaf_errors(error) -> Iterable:
    """Descend into anyOf/oneOf to the most relevant error."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            yield from _leaf_errors(best)
            return
    yield error


def _unknown_fields(error) -> list[tuple[str, str]]:
    """(field, message) for each property an additionalProperties error rejects."""
    allowed = sorted(error.schema.get("properties", {}))
    out = []
    what = "question" if list(error.absolute_path)[-1:] == ["answers"] else "field"
    for extra in sorted(set(error.instance) - set(allowed)):
        hint = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
        if hint:
            out.append((extra, f"unknown {what} '{extra}'; did you mean '{hint[0]}'?"))
        elif len(allowed) <= 12:
            out.append((extra, f"unknown {what} '{extra}'; allowed: {', '.join(allowed)}"))
        else:
            out.append((extra, f"unknown {what} '{extra}'"))
    return out


def _describe(error) -> str:
    """A short message for a jsonschema error."""
    v = error.validator
    inst = error.instance
    if v == "required":
        return error.message.replace(" is a required property", " is required")
    if v == "enum":
        return f"{short(inst)} is not allowed; expected one of: {', '.join(map(str, error.validator_value))}"
    if v == "const":
        return f"{short(inst)} is not allowed; expected {error.validator_value!r}"
    if v == "type":
        want = error.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        return f"expected {want}, got {type_name(inst)} {short(inst)}"
    if v == "maximum":
        return f"{inst} is too large (maximum {error.validator_value})"
    if v == "minimum":
        return f"{inst} is too small (minimum {error.validator_value})"
    if v == "pattern":
        return f"{short(inst)} does not match the expected form {error.validator_value}"
    if v == "format":
        return f"{short(inst)} is not a valid {error.validator_value}"
    if v == "minItems":
        return f"needs at least {error.validator_value} item(s)"
    if v == "uniqueItems":
        return "items must not repeat"
    if v in ("anyOf", "oneOf"):
        return f"{short(inst)} is not a valid value here"
    return error.message


def type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number",
            bool: "true/false", type(None): "nothing"}.get(type(value), type(value).__name__)


def short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def schema_problems(doc: YamlDocument, schema: dict) -> list[Problem]:
    problems = []
    for error in validator(schema).iter_errors(doc.data):
        for leaf in _leaf_errors(error):
            path = list(leaf.absolute_path)
            if leaf.validator == "additionalProperties":
                for field, message in _unknown_fields(leaf):
                    line, col = doc.key_where(pointer_of([*path, field]))
                    problems.append(Problem(doc.path, line, col, message))
                continue
            line, col = doc.where(pointer_of(path))
            problems.append(Problem(doc.path, line, col, _describe(leaf)))
    return _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if (p.line, p.col, p.message) not in seen:
            seen.add((p.line, p.col, p.message))
            out.append(p)
    return out


def build_model(doc: YamlDocument, model: type[M], schema: dict | None = None) -> M:
    """Validate ``doc`` against the schema (all errors), then construct ``model``."""
    schema = schema if schema is not None else model_schema(model)
    problems = schema_problems(doc, schema)
    if problems:
        raise InputError(problems)
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = [p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))]
            line, col = doc.where(pointer_of(loc))
            out.append(Problem(doc.path, line, col, err["msg"]))
        raise InputError(_dedupe(out)) from None


@lru_cache(maxsize=None)
def model_schema(model: type[BaseModel]) -> dict:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
