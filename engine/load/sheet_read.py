"""Read a spreadsheet questionnaire into the plain data the YAML reader gives.

The result behaves like a YamlDocument (``data``, ``where``, ``key_where``), so
the schema and semantic checks written for YAML run unchanged and every problem
names its sheet and cell. The workbook is never trusted: its size (zipped and
unzipped) is checked before openpyxl sees it, formulas are refused rather than
evaluated or taken from the cached result, and rows and columns are capped.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from pathlib import Path
from typing import Any

from .problems import InputError, Problem
from .sheet_layout import (ABOUT, ABOUT_VALUE_COL, ANSWER_COLUMNS, ANSWERS, CITATION_FIELDS,
                           MAX_BYTES, MAX_COLS, MAX_ROWS, MAX_UNZIPPED, NONE_WORD, ROW_FIELDS, SOURCE_COLUMNS,
                           SOURCES, cell_label, position)
from .yamlsource import _CONTROL, escape_pointer_token
from ..vocabulary import NUMERIC_TYPES

SPREADSHEET_SUFFIXES = (".xlsx",)
OTHER_SHEETS = {".xls": "an old Excel 97-2003 workbook", ".xlsm": "a workbook with macros",
                ".ods": "an OpenDocument spreadsheet", ".csv": "a CSV file"}


class SheetDocument:
    """Plain data plus a map from JSON pointer to (line, col), as YamlDocument has."""

    def __init__(self, path: str, data: Any, positions: dict[str, tuple[int, int]], fingerprint: str,
                 problems: list[Problem] | None = None):
        self.path, self.data, self.positions, self.fingerprint = path, data, positions, fingerprint
        self.text = ""
        self.problems = problems or []
        """Cells refused while reading (formulas, control characters): reported together with
        what the checks find in the rest, so one round shows everything."""

    def where(self, pointer: str) -> tuple[int, int]:
        while pointer not in self.positions and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        return self.positions.get(pointer, position(ABOUT, 1, 1))

    def key_where(self, pointer: str) -> tuple[int, int]:
        return self.positions.get(pointer + "#key") or self.where(pointer)

    def labelled(self, problems: list[Problem]) -> list[Problem]:
        """These problems after the ones met while reading (one per cell), each naming its cell."""
        taken = {(p.line, p.col) for p in self.problems}
        merged = self.problems + [p for p in problems if (p.line, p.col) not in taken]
        return [p.at_cell(cell_label(p.line, p.col) or "About!A1") for p in merged]


def _fail(path: str, message: str) -> InputError:
    return InputError([Problem(path, 1, 1, message)])


def _raw(path: Path | str) -> bytes:
    """The workbook's bytes, refused before parsing when too big or not a workbook."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise _fail(str(path), "is a directory, expected a spreadsheet (.xlsx)")
        if size > MAX_BYTES:
            raise _fail(str(path), f"file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB")
        with p.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _fail(str(path), "file not found") from None
    except OSError as exc:
        raise _fail(str(path), f"cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise _fail(str(path), f"input is larger than the limit of {MAX_BYTES // 1024 // 1024} MB")
    return raw


def _check_zip(path: str, raw: bytes) -> None:
    import io
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _fail(path, "not an Excel workbook (.xlsx): the file is damaged or of another kind; "
                          "save it from Excel or LibreOffice as 'Excel Workbook (.xlsx)'") from None
    if sum(i.file_size for i in infos) > MAX_UNZIPPED or len(infos) > 1000:
        raise _fail(path, f"the workbook unpacks to more than {MAX_UNZIPPED // 1024 // 1024} MB; "
                          "a questionnaire is far smaller")
    if "xl/workbook.xml" not in names:
        raise _fail(path, "not an Excel workbook (.xlsx): no workbook inside the file")
    if "xl/vbaProject.bin" in names:
        raise _fail(path, "the workbook holds macros; save it as 'Excel Workbook (.xlsx)' without macros")


def load_workbook_file(path: Path | str) -> SheetDocument:
    path_s = str(path)
    suffix = Path(path).suffix.lower()
    if suffix in OTHER_SHEETS:
        raise _fail(path_s, f"this is {OTHER_SHEETS[suffix]}; save it as 'Excel Workbook (.xlsx)'")
    raw = _raw(path)
    _check_zip(path_s, raw)
    import io
    import warnings

    from openpyxl import load_workbook
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "data validation extension not supported" and the like
            wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a broken part: KeyError, ValueError, XML errors
        raise _fail(path_s, "not a readable Excel workbook (.xlsx): a part of it is damaged; "
                            "open it in Excel or LibreOffice and save it again") from None
    try:
        return _read(wb, path_s, hashlib.sha256(raw).hexdigest())
    finally:
        wb.close()


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.positions: dict[str, tuple[int, int]] = {"": position(ABOUT, 1, 1)}
        self.problems: list[Problem] = []

    def problem(self, sheet: str, row: int, col: int, message: str) -> None:
        self.problems.append(Problem(self.path, *position(sheet, row, col), message))

    def rows(self, wb, sheet: str):
        """(row number, {column: cell}) for each row with something in it, capped."""
        ws = wb[sheet]
        for r, row in enumerate(ws.iter_rows(max_col=MAX_COLS), start=1):
            if r > MAX_ROWS:
                self.problem(sheet, r, 1, f"more than {MAX_ROWS} rows; a questionnaire needs far fewer")
                return
            cells = {c.column: c for c in row if getattr(c, "value", None) is not None and c.value != ""}
            if cells:
                yield r, cells

    def value(self, sheet: str, cell, kind: str = "text") -> Any:
        """A cell's value as YAML would give it; None for a refused cell (its problem recorded)."""
        if cell.data_type == "f":
            self.problem(sheet, cell.row, cell.column, "a formula is not allowed here; type the value itself "
                                                       "(lexgap never evaluates formulas)")
            return None
        v = cell.value
        if isinstance(v, dt.datetime):
            v = v.date() if v.time() == dt.time(0) else v
            return v.isoformat()
        if isinstance(v, (dt.date, dt.time)):
            return v.isoformat()
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, str):
            bad = _CONTROL.search(v)
            if bad:
                self.problem(sheet, cell.row, cell.column,
                             f"control character U+{ord(bad.group()):04X} is not allowed in text; remove it")
                return None
            if kind != "text":
                v = v.strip()
        if kind == "text" and isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v)
        if kind in ("number", "int") and isinstance(v, str) and re.fullmatch(r"[-+]?[0-9]{1,12}", v):
            return int(v)
        return v


def _headers(reader: _Reader, cells: dict, sheet: str, columns) -> dict[int, str]:
    """column number -> field, from the header row; a missing header is a problem."""
    wanted = {header.lower(): field for header, field, _w in columns}
    found = {}
    for c, cell in cells.items():
        name = str(cell.value).strip().lower()
        if name in wanted:
            found[c] = wanted[name] or ""
    for header, field, _w in columns:
        if field and field not in found.values():
            reader.problem(sheet, 1, 1, f"the column '{header}' is missing from the header row")
    return {c: f for c, f in found.items() if f}


def _read(wb, path: str, fingerprint: str) -> SheetDocument:
    reader = _Reader(path)
    for sheet in (ABOUT, ANSWERS):
        if sheet not in wb.sheetnames:
            raise _fail(path, f"no sheet named '{sheet}': is this a lexgap questionnaire? "
                              "Start from `lexgap template --format xlsx`")
    data = _read_about(reader, wb)
    from .ruleset_loader import available_rulesets, load_ruleset
    ruleset_id = data.get("ruleset", "demand-sec")
    questions = load_ruleset(ruleset_id).questions if ruleset_id in available_rulesets() else {}
    if SOURCES in wb.sheetnames:
        sources = _read_sources(reader, wb)
        if sources:
            data["sources"] = sources
    data["answers"] = _read_answers(reader, wb, questions)
    return SheetDocument(path, data, reader.positions, fingerprint, reader.problems)


def _read_about(reader: _Reader, wb) -> dict:
    data: dict = {}
    for r, cells in reader.rows(wb, ABOUT):
        if r == 1 or 1 not in cells or ABOUT_VALUE_COL not in cells:
            continue
        key = str(cells[1].value).strip()
        value = reader.value(ABOUT, cells[ABOUT_VALUE_COL], "int" if key == "format" else "plain")
        if value is None:
            continue
        head, _, tail = key.partition(".")
        pointer = "/" + escape_pointer_token(head)
        if tail:
            data.setdefault(head, {})
            if not isinstance(data[head], dict):
                continue
            data[head][tail] = value
            reader.positions.setdefault(pointer, position(ABOUT, r, ABOUT_VALUE_COL))
            pointer += "/" + escape_pointer_token(tail)
        else:
            data[head] = value
        reader.positions[pointer] = position(ABOUT, r, ABOUT_VALUE_COL)
        reader.positions[pointer + "#key"] = position(ABOUT, r, 1)
    return data


def _read_sources(reader: _Reader, wb) -> list[dict]:
    out: list[dict] = []
    columns = None
    for r, cells in reader.rows(wb, SOURCES):
        if columns is None:
            columns = _headers(reader, cells, SOURCES, SOURCE_COLUMNS)
            continue
        item, i = {}, len(out)
        reader.positions[f"/sources/{i}"] = position(SOURCES, r, 1)
        for c, cell in cells.items():
            field = columns.get(c)
            if field is None:
                continue
            value = reader.value(SOURCES, cell, "plain" if field in ("id", "kind", "date") else "text")
            if value is not None:
                item[field] = value
                reader.positions[f"/sources/{i}/{field}"] = position(SOURCES, r, c)
        if item:
            out.append(item)
    return out


def answer_value(text: Any, qtype: str | None) -> Any:
    """A multiple-choice cell ('a, b' or 'a: yes, b: no' or 'none') as YAML's list or mapping."""
    if qtype != "many_of" or not isinstance(text, str) or text in ("unknown", "not_applicable"):
        return text
    if text.lower() == NONE_WORD:
        return []
    items = [t.strip() for t in re.split(r"[,;\n]", text) if t.strip()]
    if items and all(":" in t for t in items):
        return {k.strip(): v.strip() for k, v in (t.split(":", 1) for t in items)}
    return items


def _read_answers(reader: _Reader, wb, questions: dict) -> dict:
    answers: dict = {}
    columns = None
    current = None  # (qid, row) of the last question row, for further citation rows
    for r, cells in reader.rows(wb, ANSWERS):
        if columns is None:
            columns = _headers(reader, cells, ANSWERS, ANSWER_COLUMNS)
            col_of = {f: c for c, f in columns.items()}
            continue
        fields = {columns[c]: cell for c, cell in cells.items() if c in columns}
        if "id" in fields:
            qid = reader.value(ANSWERS, fields["id"], "plain")
            if not isinstance(qid, str) or not qid:
                continue
            if qid in answers:
                first = reader.positions[f"/answers/{escape_pointer_token(qid)}#key"][0] % 1_000_000
                reader.problem(ANSWERS, r, col_of["id"], f"question '{qid}' appears twice (first on row {first})")
                current = None
                continue
            current = _question_row(reader, r, qid, fields, col_of, questions, answers)
        elif any(f in fields for f in CITATION_FIELDS):
            if current is None:
                reader.problem(ANSWERS, r, min(cells), "a citation row must follow a question's row")
                continue
            _citation(reader, r, current, fields, col_of, answers)
        for f in ROW_FIELDS:
            if "id" not in fields and f in fields:
                reader.problem(ANSWERS, r, col_of[f], f"'{f}' goes on the question's own row, "
                                                      "not on a further citation row")
    return answers


def _question_row(reader, r, qid, fields, col_of, questions, answers) -> str:
    q = questions.get(qid)
    ptr = "/answers/" + escape_pointer_token(qid)
    reader.positions[ptr + "#key"] = position(ANSWERS, r, col_of["id"])
    reader.positions[ptr] = position(ANSWERS, r, col_of["value"])
    answer: dict = {}
    if "value" in fields:
        kind = "number" if q is not None and q.type in NUMERIC_TYPES else "plain"
        if q is not None and q.type == "text":
            kind = "text"
        value = reader.value(ANSWERS, fields["value"], kind)
        if value is not None:
            answer["value"] = answer_value(value, q.type if q else None)
            reader.positions[ptr + "/value"] = position(ANSWERS, r, col_of["value"])
    for f in ("notes", "verified"):
        if f in fields:
            value = reader.value(ANSWERS, fields[f], "plain" if f == "verified" else "text")
            if value is not None:
                answer[f] = value
                reader.positions[f"{ptr}/{f}"] = position(ANSWERS, r, col_of[f])
    answers[qid] = answer
    if any(f in fields for f in CITATION_FIELDS):
        _citation(reader, r, qid, fields, col_of, answers)
    if not answer:  # an id with nothing: not answered
        del answers[qid]
    elif set(answer) == {"value"} and not isinstance(answer["value"], dict):
        answers[qid] = answer["value"]  # the short form, as a YAML author writes it (a mapping only in the long form)
    return qid


def _citation(reader, r, qid, fields, col_of, answers) -> None:
    answer = answers.get(qid)
    if not isinstance(answer, dict):
        answer = answers[qid] = {"value": answer} if answer is not None else {}
    citations = answer.setdefault("citations", [])
    ptr = f"/answers/{escape_pointer_token(qid)}/citations/{len(citations)}"
    reader.positions.setdefault(f"/answers/{escape_pointer_token(qid)}/citations", position(ANSWERS, r, col_of["instrument"]))
    reader.positions[ptr] = position(ANSWERS, r, col_of["instrument"])
    cit = {}
    for f in CITATION_FIELDS:
        if f in fields:
            value = reader.value(ANSWERS, fields[f], "plain" if f in ("source", "lang", "url") else "text")
            if value is not None:
                cit[f] = value
                reader.positions[f"{ptr}/{f}"] = position(ANSWERS, r, col_of[f])
    citations.append(cit)
