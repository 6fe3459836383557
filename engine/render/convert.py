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
from ..load.sheet_read import SPREADSHEET_SUFFIXES
from .template import schema_reference


def is_spreadsheet(path: Path | str) -> bool:
    return Path(path).suffix.lower() in SPREADSHEET_SUFFIXES


def convert(source: Path | str, target: Path | str) -> bytes | str:
    """The content of ``target`` (bytes for a workbook, text for YAML)."""
    doc = load_document(source)
    loaded = check_questionnaire(doc)
    if is_spreadsheet(target):
        from .sheet_write import build_workbook
        return build_workbook(loaded.ruleset, data=doc.data)
    return yaml_text(doc.data, Path(target), loaded.ruleset.id)


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
