"""The one-pass YAML reader (lexgap.load.yamlsource) gives exactly what the node-tree reader it replaced
gave: the same plain data (same types), the same problems (position, message) or refusal, and the same
``where`` and ``key_where`` for every pointer. The replaced reader is kept below, frozen, as the reference;
generated texts (hypothesis), hand-picked edge cases and every bundled questionnaire and ruleset file are
read by both."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from conftest import ROOT
from lexgap.load.problems import MAX_PROBLEMS, InputError, Problem
from lexgap.load.yamlsource import (MAX_DEPTH, MAX_DIGITS, _CONTROL, _parsed, escape_pointer_token,
                                    parse_yaml, paused_gc, pointer_of)

# ---------------------------------------------------------------------------------------------------------
# FROZEN REFERENCE: the reader as it was before the one-pass reader (engine/load/yamlsource.py at f5d6736):
# libyaml's events composed into PyYAML nodes, then the nodes walked into plain data. Do not edit: it is
# what the reader must keep giving. Only the shared error translation (_parsed) is lexgap's own.
# ---------------------------------------------------------------------------------------------------------


class _Loader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):
    _DEFAULT_TAGS = {ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
                     SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                     MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG}


_PLAIN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _problem(path: str, line: int, col: int, message: str) -> InputError:
    return InputError([Problem(path, line, col, message)])


def _reference_parse_yaml(text: str, path: str = "<string>"):
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise _problem(path, 1, 1, "file is empty; expected a YAML mapping")
    with paused_gc():
        return _ref_document(text, path)


def _ref_document(text: str, path: str):
    root = _parsed(_ref_compose, text, path)
    if root is None:
        raise _problem(path, 1, 1, "file is empty; expected a YAML mapping")
    problems: list[Problem] = []
    plain = _ref_plain(root, problems, path)
    if problems:
        raise InputError(problems)
    return plain, root


def _ref_compose(text: str, path: str):
    stack: list = []
    pending_keys: list = []
    root = None
    documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            node = ScalarNode(_ref_tag(event.tag, ScalarNode), event.value, event.start_mark, event.end_mark,
                              style=event.style)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                m = event.start_mark
                raise _problem(path, m.line + 1, m.column + 1,
                               f"invalid YAML: nesting is deeper than {MAX_DEPTH} levels")
            node_kind = MappingNode if kind is yaml.MappingStartEvent else SequenceNode
            node = node_kind(_ref_tag(event.tag, node_kind), [], event.start_mark, event.end_mark,
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
        else:
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


def _ref_tag(tag, node_kind) -> str:
    return tag if tag not in (None, "!") else _Loader._DEFAULT_TAGS[node_kind]


def _ref_pos(node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _ref_scalar(node: ScalarNode) -> Any:
    text = node.value
    if node.style:
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


def _ref_check_tag(node, problems: list[Problem], path: str) -> None:
    if node.tag not in _PLAIN_TAGS:
        problems.append(Problem(path, *_ref_pos(node), f"YAML tags ({node.tag}) are not allowed"))


def _ref_plain(node, problems: list[Problem], path: str) -> Any:
    if isinstance(node, MappingNode):
        _ref_check_tag(node, problems, path)
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(path, *_ref_pos(key_node), "mapping keys must be plain text"))
                continue
            _ref_check_text(key_node, problems, path)
            key = str(_ref_scalar(key_node))
            if key in first_line:
                if len(problems) <= MAX_PROBLEMS:
                    problems.append(Problem(path, *_ref_pos(key_node), f"duplicate key {_ref_quoted(key)} "
                                                                       f"(first given on line {first_line[key]})"))
                continue
            first_line[key] = _ref_pos(key_node)[0]
            out[key] = _ref_plain(value_node, problems, path)
        return out
    if isinstance(node, SequenceNode):
        _ref_check_tag(node, problems, path)
        return [_ref_plain(item, problems, path) for item in node.value]
    _ref_check_tag(node, problems, path)
    _ref_check_text(node, problems, path)
    return _ref_scalar(node)


def _ref_check_text(node: ScalarNode, problems: list[Problem], path: str) -> None:
    if len(problems) > MAX_PROBLEMS:
        return
    text = node.value
    bad = _CONTROL.search(text)
    if bad:
        problems.append(Problem(path, *_ref_pos(node), f"control character U+{ord(bad.group()):04X} is not allowed "
                                                       "in text; remove it"))
    elif not node.style and len(text) > MAX_DIGITS + 1 and _INT.match(text):
        problems.append(Problem(path, *_ref_pos(node), f"a number of {len(text.lstrip('+-'))} digits is too long "
                                                       f"(at most {MAX_DIGITS}); put it in quotes if it is text"))


def _ref_quoted(key: str, limit: int = 40) -> str:
    return "'" + (key if len(key) <= limit else key[: limit - 3] + "...") + "'"


def _ref_locate(root, pointer: str, index: dict):
    node, key_pos, pos = root, None, (1, 1)
    for token in pointer.split("/")[1:]:
        child = None
        if isinstance(node, MappingNode):
            found = _ref_children(node, index).get(token)
            if found:
                key_pos, child = found
        elif isinstance(node, SequenceNode) and token.isdigit() and int(token) < len(node.value):
            child, key_pos = node.value[int(token)], None
        if child is None:
            return None, pos
        node, pos = child, _ref_pos(child)
    return key_pos, pos


def _ref_children(node: MappingNode, index: dict) -> dict:
    children = index.get(id(node))
    if children is None:
        children = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                children.setdefault(escape_pointer_token(_ref_scalar(key_node)), (_ref_pos(key_node), value_node))
        index[id(node)] = children
    return children

# ------------------------------------------- END OF FROZEN REFERENCE -------------------------------------


class _Reference:
    """The reference's answers in YamlDocument's shape."""

    def __init__(self, text: str):
        self.data, self._root = _reference_parse_yaml(text, "t.yaml")
        self._index: dict = {}

    def where(self, pointer: str) -> tuple[int, int]:
        return _ref_locate(self._root, pointer, self._index)[1]

    def key_where(self, pointer: str) -> tuple[int, int]:
        key, value = _ref_locate(self._root, pointer, self._index)
        return key or value


def _typed(value: Any) -> Any:
    """``value`` with every type spelled out: True == 1 == 1.0 in Python, not here."""
    if isinstance(value, dict):
        return ("dict", [(k, _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, value)


def _outcome(read, text: str):
    """(what reading gave, the document or None): data, or the problems refused with, or what was raised."""
    try:
        doc = read(text)
    except InputError as exc:
        return ("refused", [(p.path, p.line, p.col, p.message, p.severity, p.excerpt) for p in exc.problems]), None
    except Exception as exc:  # noqa: BLE001 - whatever the reference raised, the reader must raise too
        return ("raised", type(exc).__name__, str(exc)), None
    return ("read", _typed(doc.data)), doc


def _pointers(value: Any, parts: list) -> list[str]:
    """Every pointer of ``value``, and beside each container some that leave it: a missing key, an index
    past the end, a leading zero, a sign, an escaped token."""
    here = pointer_of(parts)
    out = [here]
    if isinstance(value, dict):
        out += [here + "/nope", here + "/", here + "/~0", here + "/~1", here + "/0/x"]
        for k, v in value.items():
            out += _pointers(v, [*parts, k])
    elif isinstance(value, list):
        out += [here + f"/{len(value)}", here + "/00", here + "/+0", here + "/-1", here + "/x", here + "/0/nope"]
        for i, v in enumerate(value):
            out += _pointers(v, [*parts, i])
    return out


def assert_same_reading(text: str) -> None:
    expected, reference = _outcome(_Reference, text)
    got, doc = _outcome(lambda t: parse_yaml(t, "t.yaml"), text)
    assert got == expected
    if doc is not None:
        for pointer in _pointers(doc.data, []):
            assert doc.where(pointer) == reference.where(pointer), pointer
            assert doc.key_where(pointer) == reference.key_where(pointer), pointer


# Generated texts: nested block and flow collections of scalars written every way YAML allows, with the
# slips and refusals the reader has to report (duplicate keys, tags, control characters, long numbers,
# keys that are not text, aliases, a second document, nesting past the limit, raw control characters).

PLAIN = ["a", "b", "key", "yes", "no", "on", "true", "True", "FALSE", "null", "Null", "~", "1", "-2", "+3",
         "007", "0", "-0", "1.5", ".5", "-.5e-2", "1.", "1e3", "1E+400", "+.5", ".", "-", "0x1F", "1_000", "0o7",
         ".inf", ".nan", "2020-01-01", "12:30", "a b", "a~b", "a/b", "~x", "é", "№ 5", "1 2"]
LONG_DIGITS = st.builds(lambda sign, n: sign + "9" * n, st.sampled_from(["", "+", "-"]),
                        st.integers(MAX_DIGITS - 2, MAX_DIGITS + 3))
ESCAPES = ["\\x01", "\\e", "\\0", "\\a", "\\t", "\\n", "\\N", "\\L", "\\_", "\\x9f", "\\xa0", "\\u007f",
           "\\uFFFE", "\\uffff", "\\x0d", "\\\\", '\\"', "\\/", "\\ "]
TAGS = ["!foo", "!!str", "!!int", "!!map", "!!seq", "!!binary", "!", "!<tag:yaml.org,2002:str>", "!!python/none"]


def _single_quoted(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


words = st.text(st.sampled_from(list("ab 1.-~/#:é'\"\\\t")), max_size=6)
double_quoted = st.lists(st.one_of(st.sampled_from(ESCAPES), st.sampled_from(list("ab 1é"))), max_size=4).map(
    lambda parts: '"' + "".join(parts) + '"')
scalars = st.one_of(st.sampled_from(PLAIN), LONG_DIGITS, words.map(_single_quoted), double_quoted,
                    words.map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'))
keys = st.one_of(st.sampled_from(["a", "b", "c", "1", "01", "+1", "1.0", "1e0", "null", "~", "true", "'a'",
                                  '"b"', '"\\x01k"', "a/b", "a~b", "'1'"]), scalars)
maybe_tag = st.one_of(st.just(""), st.sampled_from(TAGS).map(lambda t: t + " "))


def _flow(tree) -> str:
    kind, items, tag = tree
    if kind == "scalar":
        return tag + items
    if kind == "map":
        return tag + "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in items) + "}"
    return tag + "[" + ", ".join(_flow(v) for v in items) + "]"


def _block(tree, indent: int, style: str) -> list[str]:
    """Lines of ``tree`` in block style at ``indent`` (flow style for scalars, empty and chosen containers)."""
    kind, items, tag = tree
    sp = " " * indent
    if kind == "scalar" or not items or style == "flow":
        return [sp + _flow(tree)]
    lines = [sp + tag.strip()] if tag else []
    for entry in items:
        key, value = entry if kind == "map" else (None, entry)
        head = sp + ("- " if key is None else ("? " + _flow(key) + "\n" + sp + ": " if isinstance(key, tuple)
                                                 else f"{key}: "))
        if value[0] == "scalar" or not value[1]:
            lines.append(head + _flow(value))
        else:
            lines.append(head.rstrip())
            lines += _block(value, indent + 2, style)
    return lines


@st.composite
def trees(draw, depth: int = 0):
    kind = draw(st.sampled_from(["scalar", "map", "seq"]) if depth < 4 else st.just("scalar"))
    tag = draw(maybe_tag) if draw(st.integers(0, 5)) == 0 else ""
    if kind == "scalar":
        return ("scalar", draw(scalars), tag)
    children = draw(st.lists(trees(depth + 1), max_size=4))
    if kind == "seq":
        return ("seq", children, tag)
    pairs = []
    for child in children:
        odd = draw(st.integers(0, 11)) == 0
        key = ("seq", [("scalar", "k", "")], "") if odd else draw(keys)
        pairs.append((key, child))
    return ("map", pairs, tag)


@st.composite
def texts(draw) -> str:
    tree = draw(trees())
    style = draw(st.sampled_from(["block", "block", "flow"]))
    text = "\n".join(_block(tree, 0, style)) + "\n"
    extra = draw(st.sampled_from(["", "", "", "dup", "crlf", "alias", "second", "deep", "raw", "comment",
                                  "directive", "many"]))
    if extra == "dup" and tree[0] == "map" and style == "block":
        text += text
    elif extra == "crlf":
        text = text.replace("\n", "\r\n")
    elif extra == "alias":
        text = "- &x a\n- *x\n" if draw(st.booleans()) else text + "z: &y [1]\nw: *y\n"
    elif extra == "second":
        text += "---\nb: 1\n"
    elif extra == "deep":
        n = draw(st.integers(MAX_DEPTH - 2, MAX_DEPTH + 2))
        again = "a: " + "{x: " * n + "1" + "}" * n + "\n"  # a duplicate key whose value is too deep
        text = "a: " + "[" * n + "]" * n + "\n" + (again if draw(st.booleans()) else "")
    elif extra == "raw":
        at = draw(st.integers(0, len(text)))
        raw = draw(st.sampled_from(["\x01", "\x85", "\r", "\x7f", "\u2028", "\ufeff", "\t", "\x9f"]))
        text = text[:at] + raw + text[at:]
    elif extra == "comment":
        text = "# a comment\n" + text + "# end\n"
    elif extra == "directive":
        text = "%YAML 1.2\n---\n" + text + "...\n"
    elif extra == "many":
        text = "".join(f"k{i % 60}: !t \"\\x01\"\n" for i in range(draw(st.integers(90, 130))))
    return text


fuzz = st.text(st.sampled_from(list(": -[]{},'\"\\\n#&*!|>?%@`ab01.~\t\r\x85\x01")), max_size=40)


EDGES = [
    "a: 1\n" * 150,
    "".join(f"k{i}: !t x\n" for i in range(120)) + "a: 1\na: 2\n",
    "".join(f'k{i}: "\\x01"\n' for i in range(105)) + "a: 1\na: 2\n" + "n: " + "9" * 120 + "\n",
    "".join(f"k{i}: {'9' * 110}\n" for i in range(110)),
    "".join(f"? [{i}]\n: x\n" for i in range(110)),
    "a: 1\na: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n",
    "a: 1\na: [*x]\n",
    "? [a, !t b, {c: 1, c: 2}]\n: {d: !t 1, e: \"\\x01\"}\nz: 1\n",
    "? {a: b}\n: [1]\n? [x]\n: [[[[1]]]]\n",
    "a: b\r\nc: d\r\n",
    "a: b\x85c\nd: \"e\x85f\"\n",
    "a: \"x\u2028y\"\nb: |\n  l1\r\n  l2\n",
    "a: 'x\\x01'\n",
    '"\\x01": 1\n"\\x01": 2\n',
    "!t a: !t b\n",
    "! a: ! b\n",
    "!!str 5: !!int x\n",
    "---\n", "--- \n...\n", "~\n", "[]\n", "{}\n", "5\n", "!t 5\n", "'x'\n", "- a\n- b: c\n",
    "a:\n", "a: [\n", "a: {b\n", "a\tb: c\n", "a: &x 1\n", "- *x\n", "%TAG ! tag:x,2000:\n--- !a 1\n",
    "x: 1\n---\ny: 2\n", "1: a\n01: b\n", "1.0: a\n1.: b\n", "null: a\n~: b\n", "a~b: 1\na/b: 2\n~0: 3\n",
    "k" * 60 + ": 1\n" + "k" * 60 + ": 2\n",
    "a: " + "+" + "1" * (MAX_DIGITS + 1) + "\nb: -" + "1" * (MAX_DIGITS) + "\n",
    "[" * MAX_DEPTH + "]" * MAX_DEPTH, "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    "a:\n" + "".join(" " * (2 * i + 2) + f"b{i}:\n" for i in range(MAX_DEPTH + 2)) + " " * 200 + "c: 1\n",
    "a: 1\na: !t x\nb: [1, 1]\nb: {c: \"\\x01\"}\n",
    "", " \n\t\n", "# only\n\n   # comments\n", "#a\r#b\rc: 1\r", "#a\x0c\x1cb: 1\n", "\u2028# x\n",
    "# " + "x" * 5000 + "\n", "# c\n" * 1100, "# c\n" * 1100 + "a: 1\n", "#" * 4094 + "\na: 1\n",
    "#" * 4094 + "\r\na: 1\n", "#" * 4095 + "\na: 1\n", "a" * 4096 + ": 1\n", "  \n" * 2000 + "a\n",
]


@pytest.mark.parametrize("text", EDGES)
def test_edge_cases_read_as_the_reference_reads_them(text):
    assert_same_reading(text)


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts())
@example("a: \"\\e\"\nb: 1\nb: 2\n")
def test_generated_yaml_reads_as_the_reference_reads_it(text):
    assert_same_reading(text)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(fuzz)
def test_any_text_reads_as_the_reference_reads_it(text):
    assert_same_reading(text)


BUNDLED = sorted(p for folder in ("questionnaires", "rulesets") for p in (ROOT / folder).rglob("*.yaml"))


@pytest.mark.slow  # two readers over 24 files: the edge cases above are the quick check
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(Path(p).relative_to(ROOT)))
def test_bundled_files_read_as_the_reference_reads_them(path):
    assert_same_reading(path.read_text(encoding="utf-8-sig"))
