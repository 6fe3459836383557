"""Check parsed YAML against a JSON Schema, then build the pydantic model.

jsonschema reports every error with its JSON pointer; we turn each into
``file:line:col: message`` using the positions kept by ``yamlsource``.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Any, Iterable, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import MAX_PROBLEMS, InputError, Problem
from .yamlsource import YamlDocument, pointer_of

M = TypeVar("M", bound=BaseModel)


_VALIDATORS: dict[int, Any] = {}
_FAST: dict[int, Any] = {}


def validator(schema: dict):
    """A compiled jsonschema validator per schema object (schemas are built once and kept). It is what
    explains every error; valid input is answered by the fast one alone (:func:`is_valid`), so a
    command given a valid questionnaire never imports jsonschema (40 ms)."""
    key = id(schema)
    if key not in _VALIDATORS:
        import jsonschema
        cls = jsonschema.validators.validator_for(schema)
        _VALIDATORS[key] = (schema, cls(schema, format_checker=cls.FORMAT_CHECKER))
    return _VALIDATORS[key][1]


def _fast_validator(schema: dict):
    """jsonschema-rs (Rust) answers "is it valid?" ~200x faster than the pure-Python
    jsonschema, which we then only run on invalid input to explain every error."""
    try:
        import jsonschema_rs
    except ImportError:  # optional speed-up
        return None
    return jsonschema_rs.validator_for(schema, validate_formats=True, offline=True)


def is_valid(schema: dict, data: Any) -> bool | None:
    """True/False from the fast validator, None when it is unavailable."""
    key = id(schema)
    if key not in _FAST:
        _FAST[key] = (schema, _fast_validator(schema))  # the schema is kept so that its id stays its own
    fast = _FAST[key][1]
    return None if fast is None else fast.is_valid(data)


def _rank(error) -> tuple[int, int]:
    """How informative an error is: wrong-type errors least, deep errors most
    (an error about one item of a list says more than one about the list)."""
    kind = 0 if error.validator == "type" else 1 if error.validator in ("enum", "const") else 2
    return (kind, len(error.absolute_path))


def _leaf_errors(error) -> Iterable:
    """For anyOf/oneOf, follow the branch whose errors say most about the value.

    When every branch merely rejects the value's type, one combined message
    lists what would have been accepted.
    """
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        yield error
        return
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    best = max(branches.values(), key=lambda errs: max(_rank(e) for e in errs))
    if max(_rank(e) for e in best) <= (1, len(error.absolute_path)):
        yield _Combined(error, [e for errs in branches.values() for e in errs])
        return
    for sub in best:
        yield from _leaf_errors(sub)


class _Combined:
    """Stands in for a jsonschema error: 'expected X or Y'."""

    validator = "combined"

    def __init__(self, error, alternatives):
        self.absolute_path = error.absolute_path
        self.instance = error.instance
        wants, hint = [], ""
        for alt in alternatives:
            if alt.validator == "type":
                t = alt.validator_value
                wants.append({"integer": "a whole number", "object": "a mapping with `value`",
                              "array": "a list", "string": "text"}.get(t, str(t)) if isinstance(t, str) else str(t))
            elif alt.validator == "enum":
                listed = _listed(alt)
                wants.append("one of: " + ", ".join(map(str, listed)))
                hint = hint or enum_hint(self.instance, listed)
            elif alt.validator == "const":
                wants.append(repr(alt.validator_value))
        self.message = f"{short(self.instance)} is not allowed; expected " + " or ".join(dict.fromkeys(wants)) + hint
        if isinstance(self.instance, bool):
            self.message += " (write yes or no: true/false are not answers)"


def _words(name: str) -> str:
    return " ".join(sorted(w for w in re.split(r"[._\s-]+", name.lower()) if w not in _FILLER))


_FILLER = {"", "a", "an", "the", "of", "is", "for"}


def closest(name: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like ``name``, by spelling or by its words in any order
    ('ages.age_of_consnt' -> 'ages.consent_age'); None when nothing is close."""
    def likeness(c: str) -> float:
        return max(difflib.SequenceMatcher(None, name, c).ratio(),
                   difflib.SequenceMatcher(None, _words(name), _words(c)).ratio())
    scored = [(likeness(c), c) for c in candidates]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= cutoff else None


SUGGESTIONS = 20
"""Unknown names that get a did-you-mean (each costs a comparison with every
known name); a file with more unknown names is not a file of typos."""


def _unknown_fields(error, budget: list[int]) -> list[tuple[str, str]]:
    """(field, message) for each property an additionalProperties error rejects;
    ``budget`` holds how many did-you-mean searches are left for the file."""
    allowed = sorted(error.schema.get("properties", {}))
    out = []
    last = list(error.absolute_path)[-1:]
    what = "question" if last == ["answers"] else "option" if last == ["value"] else "field"
    extras = [key for key in error.instance if key not in error.schema.get("properties", {})]
    for extra in extras[: MAX_PROBLEMS + 1]:
        hint = None
        if budget[0] > 0:
            budget[0] -= 1
            hint = closest(extra, allowed)
        if hint:
            out.append((extra, f"unknown {what} '{extra}'; did you mean '{hint}'?"))
        elif len(allowed) <= 12:
            out.append((extra, f"unknown {what} '{extra}'; allowed: {', '.join(allowed)}"))
        else:
            out.append((extra, f"unknown {what} '{extra}'"))
    return out


_NOT_APPLICABLE = {"n/a", "na", "n.a.", "not applicable", "not-applicable", "none applicable"}


def enum_hint(value: Any, allowed: list) -> str:
    """'; did you mean 'yes'?' for a value that differs from an allowed one only
    in case, spacing or spelling ('Yes', 'brothel keeping', 'n/a', 'statutes')."""
    if not isinstance(value, str):
        return ""
    words = [a for a in allowed if isinstance(a, str)]
    key = re.sub(r"[\s-]+", "_", value.strip().lower())
    match = next((a for a in words if a.lower() == key), None)
    if match is None and value.strip().lower() in _NOT_APPLICABLE and "not_applicable" in words:
        match = "not_applicable"
    if match is None and len(value) <= 40:
        close = difflib.get_close_matches(key, words, n=1, cutoff=0.75)
        match = close[0] if close else None
    return f"; did you mean '{match}'?" if match and match != value else ""


_TYPE_WORDS = {"array": "a list", "object": "a mapping (field: value lines)", "string": "text",
               "integer": "a whole number", "number": "a number", "boolean": "true or false", "null": "nothing"}


def _type_message(error) -> str:
    """'expected a list ...' in words; never JSON's 'array' or 'object'."""
    want = error.validator_value
    wants = [_TYPE_WORDS.get(w, w) for w in (want if isinstance(want, list) else [want])]
    path = list(error.absolute_path)
    if want == "array" and path[-1:] == ["citations"]:
        return (f"citations must be a list, got {type_name(error.instance)} {short(error.instance)}: "
                "start each citation on its own line with '- instrument:'")
    if want == "array":
        return (f"expected a list, got {type_name(error.instance)} {short(error.instance)}: "
                "write each item on its own line starting with '- '")
    return f"expected {' or '.join(wants)}, got {type_name(error.instance)} {short(error.instance)}"


_DMY = re.compile(r"^\s*([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})\s*$")


def date_message(value: Any) -> str:
    """Dates are written YYYY-MM-DD; a day-first date is rewritten when it can only be one."""
    text = f"{short(value)} is not a valid date"
    if isinstance(value, str) and re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", value):
        return text  # the right form, an impossible day (2025-13-01)
    text += "; write dates as YYYY-MM-DD (year-month-day)"
    m = _DMY.match(value) if isinstance(value, str) else None
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if a > 12 and 1 <= b <= 12:  # only day-first makes sense
            return text + f", here {year}-{b:02d}-{a:02d}"
        if b > 12 and 1 <= a <= 12:
            return text + f", here {year}-{a:02d}-{b:02d}"
    return text + ", e.g. 2025-01-31"


def _describe(error) -> str:
    """A short message for a jsonschema error."""
    v = error.validator
    inst = error.instance
    if v == "required":
        return error.message.replace(" is a required property", " is required")
    if v == "enum":
        listed = _listed(error)
        hint = " (write yes or no: true/false are not answers)" if isinstance(inst, bool) else ""
        hint = hint or enum_hint(inst, listed)
        return f"{short(inst)} is not allowed; expected one of: {', '.join(map(str, listed))}{hint}"
    if v == "const":
        return f"{short(inst)} is not allowed; expected {error.validator_value!r}"
    if v == "type":
        return _type_message(error)
    if v == "maximum":
        return f"{inst} is too large (maximum {error.validator_value})"
    if v == "minimum" and inst == 0 and error.validator_value == 1 and not isinstance(inst, bool):
        return ("0 is too small (minimum 1); for an age, answer none where the law has no such offence or age "
                "(an answer of 0 written before ruleset 3.0.0: `lexgap migrate` converts it)")
    if v == "minimum":
        return f"{inst} is too small (minimum {error.validator_value})"
    if v == "pattern":
        return f"{short(inst)} does not match the expected form {error.validator_value}"
    if v == "format" and error.validator_value == "date":
        return date_message(inst)
    if v == "format":
        return f"{short(inst)} is not a valid {error.validator_value}"
    if v == "minItems":
        return f"needs at least {error.validator_value} item(s)"
    if v == "uniqueItems":
        return "items must not repeat"
    if v == "combined":
        return error.message
    if v in ("anyOf", "oneOf"):
        return f"{short(inst)} is not a valid value here"
    return error.message


UNLISTED = "x-lexgap-unlisted"
"""A schema annotation beside an `enum`: values it accepts only so that a later check can refuse them with
the reason (`not_applicable` on a question that does not declare when it is true), which an error message
therefore never lists as expected (review L9). Validators ignore unknown keywords."""


def _listed(error) -> list:
    """The values an enum error names as expected: the enum without those its schema marks unlisted
    (lexgap.load.questionnaire_schema.UNLISTED)."""
    schema = getattr(error, "schema", None)
    unlisted = schema.get(UNLISTED, []) if isinstance(schema, dict) else []
    return [v for v in error.validator_value if v not in unlisted]


def type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number",
            bool: "true/false", type(None): "nothing"}.get(type(value), type(value).__name__)


def short(value: Any, limit: int = 40) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def schema_problems(doc: YamlDocument, schema: dict) -> list[Problem]:
    if is_valid(schema, doc.data):
        return []
    problems: list[Problem] = []
    budget = [SUGGESTIONS]
    for error in validator(schema).iter_errors(doc.data):
        if len(problems) > MAX_PROBLEMS:  # InputError shows that many; stop looking
            break
        for leaf in _leaf_errors(error):
            path = list(leaf.absolute_path)
            if leaf.validator == "additionalProperties":
                for field, message in _unknown_fields(leaf, budget):
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
