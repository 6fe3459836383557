"""Safe YAML reading that keeps the line and column of every value.

We only *compose* the YAML (libyaml through PyYAML's C safe loader: no Python
object is ever constructed from a tag) and convert the node tree ourselves:
scalars follow YAML 1.2's core schema (so `yes`/`no` stay text and only
`true`/`false` are booleans; dates stay text for the schema to check), every
value's position is recorded under its JSON pointer, duplicate keys are
reported, and aliases are refused: questionnaires never need them and they are
the vector of "billion laughs" expansion attacks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import InputError, Problem

MAX_BYTES = 4 * 1024 * 1024
"""Largest YAML file accepted. Real questionnaires are well under 1 MB."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class YamlDocument:
    path: str
    data: Any
    positions: dict[str, tuple[int, int]]  # JSON pointer -> (line, col), 1-based
    text: str

    def where(self, pointer: str) -> tuple[int, int]:
        """Position of the value at ``pointer``, or of its nearest ancestor."""
        while True:
            if pointer in self.positions:
                return self.positions[pointer]
            if not pointer:
                return (1, 1)
            pointer = pointer.rsplit("/", 1)[0]

    def key_where(self, pointer: str) -> tuple[int, int]:
        """Position of the mapping key that holds ``pointer``."""
        return self.positions.get(pointer + "#key") or self.where(pointer)


def escape_pointer_token(token: Any) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_of(parts) -> str:
    return "".join("/" + escape_pointer_token(p) for p in parts)


def _problem(path: str, line: int, col: int, message: str) -> InputError:
    return InputError([Problem(path, line, col, message)])


def read_text(path: Path | str, max_bytes: int = MAX_BYTES) -> str:
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise _problem(str(path), 1, 1, "file not found") from None
    except OSError as exc:
        raise _problem(str(path), 1, 1, f"cannot read file: {exc.strerror}") from None
    if p.is_dir():
        raise _problem(str(path), 1, 1, "is a directory, expected a YAML file")
    if size > max_bytes:
        raise _problem(
            str(path), 1, 1,
            f"file is {size / 1024 / 1024:.1f} MB; the limit is {max_bytes // 1024 // 1024} MB",
        )
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise _problem(str(path), 1, 1, f"cannot read file: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _problem(str(path), line, col, "file is not valid UTF-8 text") from None


def parse_yaml(text: str, path: str = "<string>") -> YamlDocument:
    """Parse one YAML document; raise InputError with positions on failure."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise _problem(path, 1, 1, "file is empty; expected a YAML mapping")
    try:
        if "*" in text:
            for event in yaml.parse(text, Loader=_Loader):
                if isinstance(event, yaml.AliasEvent):
                    m = event.start_mark
                    raise _problem(path, m.line + 1, m.column + 1,
                                   f"YAML aliases (*{event.anchor}) are not allowed; write the value out")
        root = yaml.compose(text, Loader=_Loader)
    except InputError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise _problem(path, line, col, f"invalid YAML: {what}") from None
    except yaml.reader.ReaderError as exc:
        pos = exc.position
        line, col = text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)
        raise _problem(path, line, col, f"invalid YAML: character #x{exc.character:04x} is not allowed") from None
    except yaml.YAMLError as exc:
        raise _problem(path, 1, 1, "invalid YAML: " + str(exc).splitlines()[0]) from None
    except RecursionError:
        raise _problem(path, 1, 1, "invalid YAML: nesting is too deep") from None
    if root is None:
        raise _problem(path, 1, 1, "file is empty; expected a YAML mapping")
    positions: dict[str, tuple[int, int]] = {"": (1, 1)}
    problems: list[Problem] = []
    try:
        plain = _plain(root, "", positions, problems, path)
    except RecursionError:
        raise _problem(path, 1, 1, "invalid YAML: nesting is too deep") from None
    if problems:
        raise InputError(problems)
    return YamlDocument(path, plain, positions, text)


def load_yaml_file(path: Path | str, max_bytes: int = MAX_BYTES) -> YamlDocument:
    return parse_yaml(read_text(path, max_bytes), str(path))


def _pos(node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: ScalarNode) -> Any:
    """YAML 1.2 core schema for plain scalars; quoted scalars are always text."""
    text = node.value
    if node.style not in (None, "") or node.tag == "tag:yaml.org,2002:str":
        return text
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        return float(text)
    return text


def _plain(node, pointer: str, positions, problems: list[Problem], path: str) -> Any:
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(path, *_pos(key_node), "mapping keys must be plain text"))
                continue
            key = str(_scalar(key_node))
            if key in first_seen:
                problems.append(Problem(path, *_pos(key_node),
                                        f"duplicate key '{key}' (first given on line {first_seen[key]})"))
                continue
            first_seen[key] = _pos(key_node)[0]
            child = pointer + "/" + escape_pointer_token(key)
            positions[child + "#key"] = _pos(key_node)
            positions[child] = _pos(value_node)
            out[key] = _plain(value_node, child, positions, problems, path)
        return out
    if isinstance(node, SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            child = f"{pointer}/{i}"
            positions[child] = _pos(item)
            items.append(_plain(item, child, positions, problems, path))
        return items
    return _scalar(node)
