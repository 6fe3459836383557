"""`lexgap migrate FILE`: convert a questionnaire written for an older ruleset version.

The conversions are the ruleset's changelog (engine/judge/changelog.py), applied oldest first. The
file is edited in place of its old answers only, so comments, quotes, citations and the order of
everything else stay as the researcher wrote them, and a second run changes nothing (each change
matches only an old question id or an old value). What cannot be converted mechanically becomes
`unknown` with a note, never a guess; a removed question's answer is dropped, with a comment saying
what it was. The file then records the ruleset version it now fits (`ruleset_version`).

YAML is edited as text at the positions PyYAML's composer reports (no object is constructed, so no
tag of the file is ever resolved); a workbook is edited cell by cell with openpyxl.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..load.problems import InputError, Problem
from ..load.ruleset import Ruleset
from ..load.ruleset_loader import load_ruleset
from ..load.yamlsource import compose, read_text
from .changelog import Conversion, changes, convert_answer
from ..vocabulary import question_type


@dataclass
class Migration:
    """The converted file and what was done, one line per conversion."""
    data: str | bytes
    notes: list[str] = field(default_factory=list)
    version_before: str | None = None
    version_after: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.notes) or self.version_before != self.version_after


def migrate_file(path: Path | str) -> Migration:
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return migrate_workbook(path)
    return migrate_yaml(read_text(path), str(path))


# ---- YAML --------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def _scalar(value: Any) -> str:
    """A value as the examples write it: 18, none, subjective, "yes"."""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quoted(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ruleset_of(root) -> Ruleset:
    rid = "demand-sec"
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == "ruleset" and isinstance(v, yaml.ScalarNode):
            rid = v.value
    from ..load.ruleset_loader import available_rulesets
    if rid not in available_rulesets():
        raise InputError([Problem("", 1, 1, f"unknown ruleset {rid!r}")])
    return load_ruleset(rid)


def migrate_yaml(text: str, path: str = "<string>") -> Migration:
    root = compose(text, path)  # lexgap's reader: positioned messages, no alias, no nesting past its limit
    if not isinstance(root, yaml.MappingNode):
        raise InputError([Problem(path, 1, 1, "expected a mapping of questionnaire fields (format, answers, ...)")])
    try:
        ruleset = _ruleset_of(root)
    except InputError as exc:
        raise InputError([Problem(path, 1, 1, exc.problems[0].message)]) from None
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    top = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    answers_node = top.get("answers", (None, None))[1]
    if isinstance(answers_node, yaml.MappingNode):
        if answers_node.flow_style:
            raise InputError([Problem(path, answers_node.start_mark.line + 1, answers_node.start_mark.column + 1,
                                      "`answers` is written as a flow mapping ({...}); write it one answer a line "
                                      "to migrate it")])
        entries = {k.value: (k, v) for k, v in answers_node.value if isinstance(k, yaml.ScalarNode)}
        taken = set(entries)
        for version, change in changes(ruleset):
            if change.question not in entries:
                continue
            knode, vnode = entries[change.question]
            value_node = _value_node(vnode)
            value = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
            conv = convert_answer(change, version, _typed(value_node))
            if conv is None:
                continue
            where = f"{path}:{knode.start_mark.line + 1}:{knode.start_mark.column + 1}"
            indent = " " * knode.start_mark.column
            line_start = starts[knode.start_mark.line]
            if conv.target is None or (conv.target != change.question and conv.target in taken):
                why = conv.describe() if conv.target is None else (
                    f"{conv.describe()}; {conv.target} is already answered, so this answer is dropped")
                first, last = knode.start_mark.line, _last_line(text, vnode)
                end = starts[last + 1] if last + 1 < len(starts) else len(text)
                comment = f"{indent}# lexgap migrate: {change.question} answered {value!r}: {why}\n"
                edits.append((line_start, end, _wrap_comment(comment, indent)))
                notes.append(f"{where}: {why}; the answer is dropped")
                continue
            if conv.target != change.question:
                edits.append((knode.start_mark.index, knode.end_mark.index, conv.target))
                taken.add(conv.target)
            if conv.converted:
                edits.append((value_node.start_mark.index, value_node.end_mark.index, _scalar(conv.value)))
            else:
                note = f"lexgap migrate: was {change.question}: {value}. {conv.describe()}."
                if vnode is value_node:  # the short form: becomes the long form with a note
                    edits.append((vnode.start_mark.index, vnode.end_mark.index,
                                  "{value: unknown, notes: " + _quoted(note) + "}"))
                else:
                    edits.append((value_node.start_mark.index, value_node.end_mark.index, "unknown"))
                    edits.append((line_start, line_start, _wrap_comment(f"{indent}# {note}\n", indent)))
            notes.append(f"{where}: {conv.describe()}; {conv.action()}")
        edits += _complete_lists(text, starts, entries, ruleset, _file_version(top), path, notes)
    edits += _version_edit(text, starts, top, ruleset.version)
    out = text
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + new + out[end:]
    before = top["ruleset_version"][1].value if "ruleset_version" in top else None
    return Migration(out, notes, before, ruleset.version)


def _file_version(top: dict) -> tuple[int, ...] | None:
    node = top.get("ruleset_version", (None, None))[1]
    if isinstance(node, yaml.ScalarNode) and re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", node.value):
        return tuple(int(x) for x in node.value.split("."))
    return None


def _older(version: tuple | None, than: str) -> bool:
    return version is None or version < tuple(int(x) for x in than.split("."))


def _complete_lists(text, starts, entries, ruleset, version, path, notes) -> list[tuple[int, int, str]]:
    """A file older than the change that opened lists: its non-empty lists meant 'these and no
    other', so they say so (`complete: true`); the meaning the file had is kept, not guessed."""
    if not any(e.lists_complete and _older(version, e.version) for e in ruleset.manifest.changelog):
        return []
    edits = []
    for qid, (knode, vnode) in entries.items():
        q = ruleset.questions.get(qid)
        if q is None or question_type(q.type).options != "many":
            continue
        value_node = _value_node(vnode)
        if not isinstance(value_node, yaml.SequenceNode) or not value_node.value:
            continue
        if isinstance(vnode, yaml.MappingNode) and any(k.value == "complete" for k, _ in vnode.value):
            continue
        items = ", ".join(_scalar(n.value) for n in value_node.value if isinstance(n, yaml.ScalarNode))
        end = value_node.end_mark.index
        while end > value_node.start_mark.index and text[end - 1] in " \t\r\n":
            end -= 1
        if vnode is value_node:
            edits.append((value_node.start_mark.index, end, f"{{value: [{items}], complete: true}}"))
        elif vnode.flow_style:
            edits.append((vnode.start_mark.index + 1, vnode.start_mark.index + 1, "complete: true, "))
        else:
            key = next(k for k, v in vnode.value if v is value_node)
            line = text.count("\n", 0, end) + 1
            at = starts[line] if line < len(starts) else len(text)
            prefix = "" if at == 0 or text[at - 1] == "\n" else "\n"
            edits.append((at, at, f"{prefix}{' ' * key.start_mark.column}complete: true\n"))
        notes.append(f"{path}:{knode.start_mark.line + 1}:{knode.start_mark.column + 1}: {qid}: the list named "
                     "every option present (before ruleset 3.0.0); the answer becomes complete: true")
    return edits


def _value_node(vnode):
    """The node holding the answer: the node itself (short form) or its `value` (long form)."""
    if isinstance(vnode, yaml.MappingNode):
        for k, v in vnode.value:
            if isinstance(k, yaml.ScalarNode) and k.value == "value":
                return v
    return vnode


def _typed(node) -> Any:
    """The scalar as the changelog's `convert` names it (0, 'yes'); None for anything else."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    return int(node.value) if node.style is None and re.fullmatch(r"[0-9]+", node.value) else node.value


def _last_line(text: str, node) -> int:
    """The last line (0-based) the node's text occupies (a block node ends where the next begins)."""
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1
    return text.count("\n", 0, end)


def _wrap_comment(comment: str, indent: str, width: int = 100) -> str:
    import textwrap
    body = comment.strip()[2:]
    lines = textwrap.wrap(body, width - len(indent) - 2) or [""]
    return "".join(f"{indent}# {line}\n" for line in lines)


def _version_edit(text: str, starts: list[int], top: dict, version: str) -> list[tuple[int, int, str]]:
    """Set `ruleset_version`: replace it, or add it after `ruleset:` (else after `format:`)."""
    if "ruleset_version" in top:
        v = top["ruleset_version"][1]
        if isinstance(v, yaml.ScalarNode) and v.value == version:
            return []
        return [(v.start_mark.index, v.end_mark.index, f'"{version}"')]
    anchor = top.get("ruleset") or top.get("format")
    if anchor is None:
        return [(0, 0, f'ruleset_version: "{version}"\n')]
    line = _last_line(text, anchor[1]) + 1
    at = starts[line] if line < len(starts) else len(text)
    prefix = "" if at == 0 or text[at - 1] == "\n" else "\n"
    return [(at, at, f'{prefix}ruleset_version: "{version}"\n')]


# ---- the workbook ------------------------------------------------------------------------

def migrate_workbook(path: Path) -> Migration:
    """The same conversions, in the Answers sheet; the About sheet records the version."""
    import io

    from openpyxl import load_workbook

    from ..load.sheet_layout import ABOUT, ABOUT_VALUE_COL, ANSWER_COLUMNS, ANSWERS
    from ..load.sheet_read import load_workbook_file
    load_workbook_file(path)  # the reader's checks (size, zip bomb) before openpyxl opens it fully
    wb = load_workbook(path)
    ruleset = load_ruleset(_about(wb[ABOUT], "ruleset") or "demand-sec")
    ws = wb[ANSWERS]
    header = {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}
    col = {f: header[h] for h, f, _ in ANSWER_COLUMNS if f and h in header}
    rows = {}
    for r in range(2, ws.max_row + 1):
        qid = ws.cell(r, col["id"]).value
        if isinstance(qid, str) and qid.strip():
            rows[qid.strip()] = r
    notes: list[str] = []
    deleted: list[int] = []
    for version, change in changes(ruleset):
        r = rows.get(change.question)
        if r is None:
            continue
        value = ws.cell(r, col["value"]).value
        value = int(value) if isinstance(value, float) and value.is_integer() else value
        conv = convert_answer(change, version, value)
        if conv is None:
            continue
        where = f"{path}:{ANSWERS}!{_letter(col['id'])}{r}"
        if conv.target is None or (conv.target != change.question and conv.target in rows):
            deleted.append(r)
            notes.append(f"{where}: {conv.describe()}; the answer is dropped")
            continue
        if conv.target != change.question:
            ws.cell(r, col["id"]).value = conv.target
            rows[conv.target] = r
        ws.cell(r, col["value"]).value = conv.value
        if not conv.converted and "notes" in col:
            old = ws.cell(r, col["notes"]).value
            note = f"lexgap migrate: was {change.question}: {value}. {conv.describe()}."
            ws.cell(r, col["notes"]).value = f"{old} {note}" if old else note
        notes.append(f"{where}: {conv.describe()}; {conv.action()}")
    version = _about(wb[ABOUT], "ruleset_version")
    version = tuple(int(x) for x in version.split(".")) if isinstance(version, str) and re.fullmatch(
        r"[0-9]+\.[0-9]+\.[0-9]+", version.strip()) else None
    if any(e.lists_complete and _older(version, e.version) for e in ruleset.manifest.changelog):
        for qid, r in rows.items():  # 'a, b' meant these and no other: written option by option
            q = ruleset.questions.get(qid)
            cell = ws.cell(r, col["value"])
            if q is None or question_type(q.type).options != "many" or not isinstance(cell.value, str) or ":" in cell.value:
                continue
            listed = [t.strip() for t in re.split(r"[,;\n]", cell.value) if t.strip()]
            if not listed or cell.value.strip().lower() in ("none", "unknown", "not_applicable"):
                continue
            cell.value = ", ".join(f"{o.value}: {'yes' if o.value in listed else 'no'}" for o in q.options or [])
            notes.append(f"{path}:{ANSWERS}!{_letter(col['value'])}{r}: {qid}: the list named every option present "
                         "(before ruleset 3.0.0); written option by option")
    for r in sorted(deleted, reverse=True):
        n = 1
        while r + n <= ws.max_row and not ws.cell(r + n, col["id"]).value and any(
                ws.cell(r + n, c).value not in (None, "") for c in range(1, ws.max_column + 1)):
            n += 1  # the removed answer's further citation rows go with it
        _delete_rows(ws, r, n)
    about = wb[ABOUT]
    before = _about(about, "ruleset_version")
    _set_about(about, "ruleset_version", ruleset.version, ABOUT_VALUE_COL)
    buf = io.BytesIO()
    wb.save(buf)
    return Migration(buf.getvalue(), notes, before, ruleset.version)


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(n)


def _about(ws, key: str):
    from ..load.sheet_layout import ABOUT_VALUE_COL
    for r in range(2, ws.max_row + 1):
        if str(ws.cell(r, 1).value or "").strip() == key:
            return ws.cell(r, ABOUT_VALUE_COL).value
    return None


def _set_about(ws, key: str, value: str, value_col: int) -> None:
    from ..load.sheet_layout import ABOUT_FIELDS
    for r in range(2, ws.max_row + 1):
        if str(ws.cell(r, 1).value or "").strip() == key:
            ws.cell(r, value_col).value = value
            return
    r = ws.max_row + 1
    label = next((lab for k, lab, _ in ABOUT_FIELDS if k == key), key)
    ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, value_col).value = key, label, value


def _delete_rows(ws, row: int, n: int) -> None:
    """Delete rows and move the data validations below them up, so that each answer keeps its
    own drop-down (openpyxl leaves validations where they were)."""
    from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
    ws.delete_rows(row, n)
    for dv in list(ws.data_validations.dataValidation):
        kept = []
        for rng in dv.sqref.ranges:
            cr = CellRange(rng.coord)
            if cr.max_row < row:
                kept.append(cr.coord)
            elif cr.min_row >= row + n:
                cr.shift(row_shift=-n)
                kept.append(cr.coord)
        if kept:
            dv.sqref = MultiCellRange(" ".join(kept))
        else:
            ws.data_validations.dataValidation.remove(dv)
