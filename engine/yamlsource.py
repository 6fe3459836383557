"""Safe YAML reading that keeps the line and column of every value.

ruamel.yaml's round-trip loader builds only plain mappings, sequences and
scalars (never Python objects), rejects duplicate keys, and records positions.
We convert its tree to plain JSON-like data plus a map from JSON pointer to
position, so that schema and semantic errors can point into the file.
Aliases are refused before composing: questionnaires never need them and they
are the vector of "billion laughs" expansion attacks.
"""
from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from .problems import InputError, Problem

MAX_BYTES = 4 * 1024 * 1024
"""Largest YAML file accepted. Real questionnaires are well under 1 MB."""


class _TextDatesConstructor(RoundTripConstructor):
    """Keeps timestamps as text: the schema's `format: date` checks them, with a
    position, instead of the YAML library raising on an impossible date."""


_TextDatesConstructor.yaml_constructors = dict(RoundTripConstructor.yaml_constructors)
_TextDatesConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextDatesConstructor
    return yaml


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
        for event in _yaml().parse(io.StringIO(text)):
            if isinstance(event, AliasEvent):
                m = event.start_mark
                raise _problem(
                    path, m.line + 1, m.column + 1,
                    f"YAML aliases (*{event.anchor}) are not allowed; write the value out",
                )
        data = _yaml().load(text)
    except InputError:
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if "duplicate key" in str(what):
            what = str(what).replace("found duplicate key", "duplicate key")
        raise _problem(path, line, col, f"invalid YAML: {what}") from None
    except YAMLError as exc:
        raise _problem(path, 1, 1, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise _problem(path, 1, 1, "invalid YAML: nesting is too deep") from None
    except (ValueError, TypeError) as exc:  # a constructor rejected a scalar
        raise _problem(path, 1, 1, f"invalid YAML: {exc}") from None
    positions: dict[str, tuple[int, int]] = {"": (1, 1)}
    plain = _plain(data, "", positions)
    return YamlDocument(path, plain, positions, text)


def load_yaml_file(path: Path | str, max_bytes: int = MAX_BYTES) -> YamlDocument:
    return parse_yaml(read_text(path, max_bytes), str(path))


def _plain(node: Any, pointer: str, positions: dict[str, tuple[int, int]]) -> Any:
    if isinstance(node, CommentedMap):
        out = {}
        for key in node:
            child = pointer + "/" + escape_pointer_token(key)
            try:
                kl, kc = node.lc.key(key)
                positions[child + "#key"] = (kl + 1, kc + 1)
                vl, vc = node.lc.value(key)
                positions[child] = (vl + 1, vc + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            out[str(key)] = _plain(node[key], child, positions)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for i, item in enumerate(node):
            child = f"{pointer}/{i}"
            try:
                il, ic = node.lc.item(i)
                positions[child] = (il + 1, ic + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            out_list.append(_plain(item, child, positions))
        return out_list
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, (_dt.datetime, _dt.date)):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    return str(node)
