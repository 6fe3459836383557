"""`lexgap convert`: a questionnaire from YAML to a workbook and back.

The input is fully checked first (a broken file is reported, never half
converted), then its plain data is written in the other form. Nothing is lost:
every field, every citation and its order survive, which tests check by
round-tripping generated questionnaires. Comments in YAML are not carried over.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..judge.questionnaire import check_questionnaire, load_document
from ..load.problems import InputError, Problem, printable
from ..load.yamlsource import escape_pointer_token
from ..load.sheet_read import SPREADSHEET_SUFFIXES
from .template import schema_reference
from ..vocabulary import question_type


def is_spreadsheet(path: Path | str) -> bool:
    return Path(path).suffix.lower() in SPREADSHEET_SUFFIXES


def convert(source: Path | str, target: Path | str) -> bytes | str:
    """The content of ``target`` (bytes for a workbook, text for YAML).

    The result is read back and compared with the source's data before anything is
    written: what the other form cannot hold (text over a cell's 32,767 characters, an
    empty text, spaces around a code) is refused, naming the field, never cut silently."""
    doc = load_document(source)
    loaded = check_questionnaire(doc)
    if is_spreadsheet(target):
        from ..load.sheet_layout import MAX_CELL_TEXT
        from ..load.sheet_read import load_workbook_bytes
        from .sheet_write import build_workbook
        too_long = [(ptr, len(v)) for ptr, v in _leaves(doc.data, "") if isinstance(v, str) and len(v) > MAX_CELL_TEXT]
        if too_long:
            raise InputError([Problem(doc.path, *doc.where(ptr), f"{n:,} characters; a spreadsheet cell holds at most "
                                      f"{MAX_CELL_TEXT:,}, so this questionnaire cannot become a workbook without "
                                      "cutting it: keep it in YAML, or shorten the text") for ptr, n in too_long])
        out = build_workbook(loaded.ruleset, data=doc.data)
        back = load_workbook_bytes(out, str(target))
        _same(doc, back.data if not back.problems else None, loaded.ruleset.questions)
        return out
    text = yaml_text(doc.data, Path(target), loaded.ruleset.id)
    from ..load.yamlsource import parse_yaml
    _same(doc, parse_yaml(text, str(target)).data, loaded.ruleset.questions)
    return text


def _long(answer, question=None):
    """An answer in its long form, without empty parts: the two forms compare equal. A
    multiple-choice list is compared as what it says option by option (judge.options): a complete
    list and the workbook's mapping of every option to yes or no say the same."""
    if not isinstance(answer, dict):
        answer = {"value": answer}
    if question is not None and question_type(question.type).options == "many" and isinstance(answer.get("value"), list):
        from ..judge.options import by_option
        from ..models.questionnaire import Answer
        said = by_option(question, Answer.model_validate({"value": answer["value"],
                                                          "complete": answer.get("complete", False)}))
        answer = {k: v for k, v in answer.items() if k != "complete"} | {"value": said.value}
    return {k: v for k, v in answer.items() if v not in (None, [], {}) or k == "value"}


def _normal(data, questions=None):
    if not isinstance(data, dict):
        return data
    out = dict(data)
    if isinstance(out.get("answers"), dict):
        out["answers"] = {k: _long(v, (questions or {}).get(k)) for k, v in out["answers"].items()}
    return {k: v for k, v in out.items() if v not in (None, [], {}) or k == "answers"}


def _leaves(data, ptr):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, f"{ptr}/{escape_pointer_token(str(k))}")
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, f"{ptr}/{i}")
    else:
        yield ptr, data


def _same(doc, back, questions=None) -> None:
    """Refuse a conversion whose result would not read back as the source."""
    if back is not None and _normal(back, questions) == _normal(doc.data, questions):
        return
    if back is None:
        raise InputError([Problem(doc.path, 1, 1, "cannot convert: the result would not read back; file not written")])
    before, after = dict(_leaves(_normal(doc.data, questions), "")), dict(_leaves(_normal(back, questions), ""))
    problems = []
    for ptr in [p for p in before if before[p] != after.get(p, _MISSING)] + [p for p in after if p not in before]:
        was, now = before.get(ptr, _MISSING), after.get(ptr, _MISSING)
        why = ("empty text, which a cell cannot hold: remove the field or write something" if was == ""
               else "spaces around it, which a cell does not keep" if isinstance(was, str) and was != was.strip()
               else f"it would read back as {_shown(now)}")
        problems.append(Problem(doc.path, *doc.where(ptr if ptr in before else ptr.rsplit("/", 1)[0]),
                                f"cannot convert without changing {_shown(was)}: {why}; file not written"))
        if len(problems) >= 20:
            break
    raise InputError(problems or [Problem(doc.path, 1, 1, "cannot convert without loss; file not written")])


_MISSING = object()


def _shown(value) -> str:
    if value is _MISSING:
        return "nothing"
    text = repr(value)
    return printable(text if len(text) <= 60 else text[:57] + "...")


class _Dumper(yaml.SafeDumper):
    """Block style, keys in their given order; text that YAML would read as
    something else (yes, 12, 2025-01-31) is quoted by PyYAML's resolver."""


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _str(dumper, value: str):
    if _DATE.match(value):  # written plain, as a person writes a date; lexgap reads it as text
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value)
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def yaml_text(data: dict, target: Path | None, ruleset_id: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return f"# yaml-language-server: $schema={schema_reference(target, ruleset_id)}\n" + body
