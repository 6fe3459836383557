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

import contextlib
import fcntl
import gc
import os
import stat
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import MAX_PROBLEMS, InputError, Problem

MAX_BYTES = 4 * 1024 * 1024
"""Largest YAML file accepted. Real questionnaires are well under 1 MB."""

MAX_DEPTH = 64
"""Deepest nesting accepted; a questionnaire needs about six levels."""

MAX_DIGITS = 100
"""Longest integer accepted: no age, year or count has more digits, and Python's
int() of thousands of digits is slow and, past 4,300, refused."""

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""C0 and C1 controls, lone surrogates and the non-characters U+FFFE/U+FFFF: no writer (XML,
spreadsheet, terminal) can carry them, so they are refused where text is read."""
"""C0 and C1 control characters other than tab and line feed. Raw control bytes
are refused by libyaml; these catch the ones written as escapes ("\\x01",
"\\e"), which could clear a terminal, break a workbook or hide in a report."""

class _Loader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):
    """No implicit typing: we resolve scalars ourselves. BaseResolver has no
    implicit or path resolvers, so an untagged node always gets its kind's
    default tag; answering that directly spares a Python call chain per node."""

    _DEFAULT_TAGS = {ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
                     SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                     MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG}

    def resolve(self, kind, value, implicit):  # noqa: ARG002 - PyYAML's signature
        return self._DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node, current_index):  # no path resolvers to track
        pass

    def ascend_resolver(self):
        pass


_PLAIN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class YamlDocument:
    """Plain data plus the node tree, from which ``where`` finds the position
    (1-based line, column) of a JSON pointer when an error needs it."""

    def __init__(self, path: str, data: Any, root, text: str):
        self.path, self.data, self.text = path, data, text
        self._root = root
        self._index: dict[int, dict] = {}

    def where(self, pointer: str) -> tuple[int, int]:
        """Position of the value at ``pointer``, or of its nearest ancestor."""
        return _locate(self._root, pointer, self._index)[1]

    def key_where(self, pointer: str) -> tuple[int, int]:
        """Position of the mapping key that holds ``pointer``."""
        key, value = _locate(self._root, pointer, self._index)
        return key or value


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
        with _open_for_reading(p) as fh:  # capped: a pipe or device reports no size (/dev/zero never ends)
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _problem(str(path), 1, 1, f"cannot read file: {exc.strerror}") from None
    if len(raw) > max_bytes:
        raise _problem(str(path), 1, 1, f"input is larger than the limit of {max_bytes // 1024 // 1024} MB")
    if not raw and stat.S_ISFIFO(p.stat().st_mode):
        raise _problem(str(path), 1, 1, "is a named pipe that nobody writes to; nothing to read")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _problem(str(path), line, col, "file is not valid UTF-8 text") from None


def _open_for_reading(p: Path):
    """The file opened for reading. A named pipe is opened without waiting for a
    writer (a plain open would block forever when there is none); once open, reads
    wait for the writer's data as usual, and a pipe nobody writes to reads as empty."""
    fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    return os.fdopen(fd, "rb")


def parse_yaml(text: str, path: str = "<string>") -> YamlDocument:
    """Parse one YAML document; raise InputError with positions on failure."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise _problem(path, 1, 1, "file is empty; expected a YAML mapping")
    with paused_gc():
        return _document(text, path)


@contextlib.contextmanager
def paused_gc():
    """No cyclic garbage collection while a file is read: the data hold no cycles,
    and collections over a heap that grows with the file made big files superlinear."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compose(text: str, path: str = "<string>"):
    """The node tree of the one YAML document in ``text`` (None when it holds none), under the limits and
    with the positioned messages of :func:`parse_yaml` (depth, aliases, a second document, bad syntax).
    For a tool that edits the text in place where the nodes say (lexgap.judge.migrate)."""
    with paused_gc():
        return _composed(text, path)


def _document(text: str, path: str) -> YamlDocument:
    root = _composed(text, path)
    if root is None:
        raise _problem(path, 1, 1, "file is empty; expected a YAML mapping")
    problems: list[Problem] = []
    plain = _plain(root, problems, path)
    if problems:
        raise InputError(problems)
    return YamlDocument(path, plain, root, text)


def _composed(text: str, path: str):
    try:
        return _compose(text, path)
    except InputError:
        raise
    except yaml.MarkedYAMLError as exc:
        from .yaml_hints import excerpt, explain
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        ctx = (exc.context_mark.line + 1, exc.context_mark.column + 1) if exc.context_mark else None
        message, line, col = explain(exc.problem, exc.context, ctx, text, line, col)
        raise InputError([Problem(path, line, col, message, excerpt=excerpt(text, line, col))]) from None
    except yaml.reader.ReaderError as exc:
        pos = exc.position
        line, col = text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)
        raise _problem(path, line, col, f"invalid YAML: character #x{exc.character:04x} is not allowed") from None
    except yaml.YAMLError as exc:
        raise _problem(path, 1, 1, "invalid YAML: " + str(exc).splitlines()[0]) from None


def _compose(text: str, path: str):
    """The node tree of the one document in ``text``, built from libyaml's events.

    PyYAML's own composer recurses once per level and crashes the interpreter
    (SIGSEGV) on some 25,000 nested brackets; building the tree here with an
    explicit stack lets us stop at MAX_DEPTH, refuse aliases and a second
    document at their position, all in the one pass over the events."""
    stack: list = []
    pending_keys: list = []
    root = None
    documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            node = ScalarNode(_tag(event.tag, ScalarNode), event.value, event.start_mark, event.end_mark,
                              style=event.style)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                m = event.start_mark
                raise _problem(path, m.line + 1, m.column + 1,
                               f"invalid YAML: nesting is deeper than {MAX_DEPTH} levels")
            node_kind = MappingNode if kind is yaml.MappingStartEvent else SequenceNode
            node = node_kind(_tag(event.tag, node_kind), [], event.start_mark, event.end_mark,
                             flow_style=event.flow_style)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop().end_mark = event.end_mark
            pending_keys.pop()
            continue
        elif kind is yaml.AliasEvent:
            m = event.start_mark
            raise _problem(path, m.line + 1, m.column + 1,
                           f"YAML aliases (*{event.anchor}) are not allowed; write the value out")
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                m = event.start_mark
                raise _problem(path, m.line + 1, m.column + 1,
                               "invalid YAML: expected a single document, found another one")
            continue
        else:  # stream start/end, document end
            continue
        if not stack:
            root = node
        elif isinstance(stack[-1], SequenceNode):
            stack[-1].value.append(node)
        elif pending_keys[-1] is None:
            pending_keys[-1] = node
        else:
            stack[-1].value.append((pending_keys[-1], node))
            pending_keys[-1] = None
        if isinstance(node, (MappingNode, SequenceNode)):
            stack.append(node)
            pending_keys.append(None)
    return root


def _tag(tag, node_kind) -> str:
    """An explicit tag as written, else the default tag of the node's kind."""
    return tag if tag not in (None, "!") else _Loader._DEFAULT_TAGS[node_kind]


def load_yaml_file(path: Path | str, max_bytes: int = MAX_BYTES) -> YamlDocument:
    return parse_yaml(read_text(path, max_bytes), str(path))


def _pos(node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: ScalarNode) -> Any:
    """YAML 1.2 core schema for plain scalars; quoted scalars are always text."""
    text = node.value
    if node.style:  # quoted, literal or folded
        return text
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text) if len(text) <= MAX_DIGITS + 1 else text
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        return float(text)
    return text


def _check_tag(node, problems: list[Problem], path: str) -> None:
    if node.tag not in _PLAIN_TAGS:
        problems.append(Problem(path, *_pos(node), f"YAML tags ({node.tag}) are not allowed"))


def _plain(node, problems: list[Problem], path: str) -> Any:
    """Plain data from the node tree; tags, duplicate keys, control characters
    and over-long numbers become problems (each found in constant time)."""
    if isinstance(node, MappingNode):
        _check_tag(node, problems, path)
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(path, *_pos(key_node), "mapping keys must be plain text"))
                continue
            _check_text(key_node, problems, path)
            key = str(_scalar(key_node))
            if key in first_line:
                if len(problems) <= MAX_PROBLEMS:  # past that, InputError shows no more
                    problems.append(Problem(path, *_pos(key_node), f"duplicate key {_quoted(key)} "
                                                                   f"(first given on line {first_line[key]})"))
                continue
            first_line[key] = _pos(key_node)[0]
            out[key] = _plain(value_node, problems, path)
        return out
    if isinstance(node, SequenceNode):
        _check_tag(node, problems, path)
        return [_plain(item, problems, path) for item in node.value]
    _check_tag(node, problems, path)
    _check_text(node, problems, path)
    return _scalar(node)


def _check_text(node: ScalarNode, problems: list[Problem], path: str) -> None:
    if len(problems) > MAX_PROBLEMS:
        return
    text = node.value
    bad = _CONTROL.search(text)
    if bad:
        problems.append(Problem(path, *_pos(node), f"control character U+{ord(bad.group()):04X} is not allowed "
                                                   "in text; remove it"))
    elif not node.style and len(text) > MAX_DIGITS + 1 and _INT.match(text):
        problems.append(Problem(path, *_pos(node), f"a number of {len(text.lstrip('+-'))} digits is too long "
                                                   f"(at most {MAX_DIGITS}); put it in quotes if it is text"))


def _quoted(key: str, limit: int = 40) -> str:
    """A key for a message: quoted and shortened, so a message stays one line."""
    return "'" + (key if len(key) <= limit else key[: limit - 3] + "...") + "'"


def _locate(root, pointer: str, index: dict) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    """(key position, value position) of ``pointer``, walking only its path.
    Each mapping on the way is indexed once (in ``index``) so that thousands of
    error positions in one mapping cost linear time, not quadratic. A pointer
    that leaves the document stops at its nearest ancestor (key None)."""
    node, key_pos, pos = root, None, (1, 1)
    for token in pointer.split("/")[1:]:
        child = None
        if isinstance(node, MappingNode):
            found = _children(node, index).get(token)
            if found:
                key_pos, child = found
        elif isinstance(node, SequenceNode) and token.isdigit() and int(token) < len(node.value):
            child, key_pos = node.value[int(token)], None
        if child is None:
            return None, pos
        node, pos = child, _pos(child)
    return key_pos, pos


def _children(node: MappingNode, index: dict) -> dict:
    """token -> (key position, value node) of a mapping; the first of duplicate keys."""
    children = index.get(id(node))
    if children is None:
        children = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                children.setdefault(escape_pointer_token(_scalar(key_node)), (_pos(key_node), value_node))
        index[id(node)] = children
    return children
