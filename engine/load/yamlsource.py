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
    """Plain data plus the positions from which ``where`` finds the (1-based line, column) of a JSON
    pointer when an error needs it. Positions mirror the data: a mapping's are {key: (key mark, value
    mark, the value's positions)}, a sequence's [(None, mark, positions)], a scalar's None."""

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
    if _holds_no_data(text):
        raise _problem(path, 1, 1, "file is empty; expected a YAML mapping")
    with paused_gc():
        return _document(text, path)


def _holds_no_data(text: str) -> bool:
    """Whether every line is blank or a comment. A data line among the first few KB (every complete
    line there is a line of the whole) settles it without splitting a whole big file into lines."""
    if any(map(_is_data, text[:4096].splitlines()[:-1])):
        return False
    return not text.strip() or not any(map(_is_data, text.splitlines()))


def _is_data(line: str) -> bool:
    """A line that is neither blank nor a comment."""
    return bool(line.strip()) and not line.lstrip().startswith("#")


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
        return _parsed(_compose, text, path)


def _document(text: str, path: str) -> YamlDocument:
    top, top_positions, problems = _parsed(_read, text, path)
    if not top:
        raise _problem(path, 1, 1, "file is empty; expected a YAML mapping")
    if problems:
        raise InputError(problems)
    return YamlDocument(path, top[0], top_positions[0][2], text)


def _parsed(read, text: str, path: str):
    """``read(text, path)``, libyaml's errors turned into positioned problems."""
    try:
        return read(text, path)
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
                raise _too_deep(path, event.start_mark)
            node_kind = MappingNode if kind is yaml.MappingStartEvent else SequenceNode
            node = node_kind(_tag(event.tag, node_kind), [], event.start_mark, event.end_mark,
                             flow_style=event.flow_style)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop().end_mark = event.end_mark
            pending_keys.pop()
            continue
        elif kind is yaml.AliasEvent:
            raise _alias(path, event)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _second_document(path, event.start_mark)
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


_SCALAR, _ALIAS, _DOCUMENT = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_MAPPING, _SEQUENCE = yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = {yaml.MappingEndEvent, yaml.SequenceEndEvent}
_TAG_FREE = _PLAIN_TAGS | {"!", None}  # None and "!" ask for the kind's default tag, a plain one
_WORDS = {**dict.fromkeys(_NULL), **_BOOL}
_NUMBER_START = frozenset("+-.0123456789")

# What the next node of the open container is: a sequence item, a mapping key, the value of the key just
# read, a value to pass over (its key was a duplicate or not text), or any node inside one passed over.
_ITEM, _KEY, _VALUE, _SKIP, _MUTED = range(5)
_RESUME = {_KEY: _SKIP, _SKIP: _KEY, _MUTED: _MUTED}
"""For a container passed over, the state its end returns to: after a key that is not text, its value is
passed over too; after a value passed over, a key is next."""


def _read(text: str, path: str) -> tuple[list, list, list[Problem]]:
    """The document's value, its positions (as the one item of an outer sequence) and its problems,
    from one pass over libyaml's events: no node tree is built to be walked again. The refusals of
    :func:`_compose` come at the same events; the rest become problems as :func:`compose`'s tree would
    give them, in the same order. Keys' tags are not checked, and the values of a duplicate key and of
    a key that is not text are passed over (as with a tree), though still under the nesting limit."""
    problems: list[Problem] = []
    escapes = "\\" in text  # else no scalar can hold a control character: see _control_problem
    top: list = []
    top_positions: list = []
    data, positions, state = top, top_positions, _ITEM
    key = key_mark = None
    stack: list = []  # (state, data, positions) of each open container's parent
    documents = 0
    parser = _Loader(text)
    try:
        next_event = parser.get_event
        while (event := next_event()) is not None:
            kind = event.__class__
            if kind is _SCALAR:
                if state >= _SKIP:
                    if state == _SKIP:
                        state = _KEY
                    continue
                value, style, mark = event.value, event.style, event.start_mark
                if state != _KEY and event.tag not in _TAG_FREE:
                    problems.append(_tag_problem(path, mark, event.tag))
                if style:  # quoted, literal or folded: text
                    if escapes and style == '"' and len(problems) <= MAX_PROBLEMS:
                        _control_problem(value, mark, problems, path)
                elif value in _WORDS:
                    value = _WORDS[value]
                elif value[0] in _NUMBER_START:
                    value = _number(value, mark, problems, path)
                if state == _KEY:
                    if value.__class__ is not str:
                        value = str(value)
                    if value in data:
                        _duplicate(value, mark, positions[value][0], problems, path)
                        state = _SKIP
                    else:
                        key, key_mark, state = value, mark, _VALUE
                elif state == _VALUE:
                    data[key] = value
                    positions[key] = (key_mark, mark, None)
                    state = _KEY
                else:
                    data.append(value)
                    positions.append((None, mark, None))
            elif kind in _ENDS:
                state, data, positions = stack.pop()
            elif kind is _MAPPING or kind is _SEQUENCE:
                mark = event.start_mark
                if len(stack) >= MAX_DEPTH:
                    raise _too_deep(path, mark)
                if state in _RESUME:  # a key that is not text, or a value passed over, or inside one
                    if state == _KEY:
                        problems.append(Problem(path, *_pos(mark), "mapping keys must be plain text"))
                    stack.append((_RESUME[state], data, positions))
                    state = _MUTED
                    continue
                if event.tag not in _TAG_FREE:
                    problems.append(_tag_problem(path, mark, event.tag))
                inner, inner_positions = ({}, {}) if kind is _MAPPING else ([], [])
                if state == _VALUE:
                    data[key] = inner
                    positions[key] = (key_mark, mark, inner_positions)
                    stack.append((_KEY, data, positions))
                else:
                    data.append(inner)
                    positions.append((None, mark, inner_positions))
                    stack.append((_ITEM, data, positions))
                data, positions, state = inner, inner_positions, _KEY if kind is _MAPPING else _ITEM
            elif kind is _ALIAS:
                raise _alias(path, event)
            elif kind is _DOCUMENT:
                documents += 1
                if documents > 1:
                    raise _second_document(path, event.start_mark)
    finally:
        parser.dispose()
    return top, top_positions, problems


# The refusals both readers raise at the event itself (the messages must not differ between them).
def _too_deep(path: str, mark) -> InputError:
    return _problem(path, *_pos(mark), f"invalid YAML: nesting is deeper than {MAX_DEPTH} levels")


def _alias(path: str, event) -> InputError:
    return _problem(path, *_pos(event.start_mark),
                    f"YAML aliases (*{event.anchor}) are not allowed; write the value out")


def _second_document(path: str, mark) -> InputError:
    return _problem(path, *_pos(mark), "invalid YAML: expected a single document, found another one")


def _tag_problem(path: str, mark, tag: str) -> Problem:
    return Problem(path, *_pos(mark), f"YAML tags ({tag}) are not allowed")


def _number(text: str, mark, problems: list[Problem], path: str) -> Any:
    """A plain scalar that starts like a number, by YAML 1.2's core schema: int, float, or text. An
    integer too long for any age, year or count is a problem (quoted, it would be text)."""
    if _INT.match(text):
        if len(text) <= MAX_DIGITS + 1:
            return int(text)
        if len(problems) <= MAX_PROBLEMS:
            problems.append(Problem(path, *_pos(mark), f"a number of {len(text.lstrip('+-'))} digits is too long "
                                    f"(at most {MAX_DIGITS}); put it in quotes if it is text"))
        return text
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        return float(text)
    return text


def _control_problem(text: str, mark, problems: list[Problem], path: str) -> None:
    """A control character in a double-quoted scalar, written as an escape ("\\x01", "\\e"). Only there
    can one be: YAML refuses them raw (libyaml stops with a ReaderError) and turns a raw line break
    (CR, NEL) into a line feed or a space, so this is asked only of double-quoted scalars of a text
    that holds a backslash."""
    bad = _CONTROL.search(text)
    if bad:
        problems.append(Problem(path, *_pos(mark),
                                f"control character U+{ord(bad.group()):04X} is not allowed in text; remove it"))


def _duplicate(key: str, mark, first, problems: list[Problem], path: str) -> None:
    """A key given again; ``first`` is where it was first given."""
    if len(problems) <= MAX_PROBLEMS:  # past that, InputError shows no more
        problems.append(Problem(path, *_pos(mark),
                                f"duplicate key {_quoted(key)} (first given on line {first.line + 1})"))


def _quoted(key: str, limit: int = 40) -> str:
    """A key for a message: quoted and shortened, so a message stays one line."""
    return "'" + (key if len(key) <= limit else key[: limit - 3] + "...") + "'"


def _locate(root, pointer: str, index: dict) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    """(key position, value position) of ``pointer``, walking only its path.
    Each mapping on the way is indexed once (in ``index``) so that thousands of
    error positions in one mapping cost linear time, not quadratic. A pointer
    that leaves the document stops at its nearest ancestor (key None)."""
    positions, key_pos, pos = root, None, (1, 1)
    for token in pointer.split("/")[1:]:
        found = None
        if positions.__class__ is dict:
            found = _children(positions, index).get(token)
        elif positions.__class__ is list and token.isdigit() and int(token) < len(positions):
            found = positions[int(token)]
        if found is None:
            return None, pos
        key_mark, mark, positions = found
        key_pos, pos = None if key_mark is None else _pos(key_mark), _pos(mark)
    return key_pos, pos


def _pos(mark) -> tuple[int, int]:
    """A libyaml mark as a 1-based (line, column)."""
    return (mark.line + 1, mark.column + 1)


def _children(positions: dict, index: dict) -> dict:
    """A mapping's positions by pointer token (its keys escaped)."""
    children = index.get(id(positions))
    if children is None:
        children = index[id(positions)] = {escape_pointer_token(k): v for k, v in positions.items()}
    return children
