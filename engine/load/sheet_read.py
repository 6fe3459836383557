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

from .problems import InputError, Problem, printable
from .sheet_layout import (ABOUT, ABOUT_VALUE_COL, PREVIOUS_KEY, ANSWER_COLUMNS, ANSWERS, CITATION_FIELDS, MAX_BYTES,
                           MAX_CELL_TEXT, MAX_COLS, MAX_ROWS, MAX_TEXT, MAX_UNZIPPED, NONE_WORD,
                           REQUIRED_ANSWER_FIELDS, REQUIRED_SOURCE_FIELDS, ROW_FIELDS, SHEETS, SOURCE_COLUMNS,
                           SOURCE_KINDS, SOURCES, cell_label, column_letter, position)
from .yamlsource import _CONTROL, escape_pointer_token
from ..vocabulary import question_type

SPREADSHEET_SUFFIXES = (".xlsx",)
OTHER_SHEETS = {".xls": "an old Excel 97-2003 workbook", ".xlsm": "a workbook with macros",
                ".ods": "an OpenDocument spreadsheet", ".csv": "a CSV file"}


class SheetDocument:
    """Plain data plus a map from JSON pointer to (line, col), as YamlDocument has."""

    def __init__(self, path: str, data: Any, positions: dict[str, tuple[int, int]], fingerprint: str,
                 problems: list[Problem] | None = None):
        self.path, self.data, self.positions, self.fingerprint = path, data, positions, fingerprint
        self.text = ""
        self.warnings: list[Problem] = []
        """What the reader corrected or doubts (a web address without https://, an article that
        Excel turned into a date): reported with the checks' warnings."""
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
    """The workbook's bytes, refused before parsing when too big or not a regular file
    (a FIFO named *.xlsx would block the read forever)."""
    import os
    import stat
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise _fail(str(path), "is a directory, expected a spreadsheet (.xlsx)")
        if not stat.S_ISREG(st.st_mode):
            raise _fail(str(path), "not a regular file (a pipe or a device); expected a spreadsheet (.xlsx)")
        if st.st_size > MAX_BYTES:
            raise _fail(str(path), f"file is {st.st_size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB")
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped between the two looks
                raise _fail(str(path), "not a regular file; expected a spreadsheet (.xlsx)")
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
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _fail(path, "not an Excel workbook (.xlsx): the file is damaged or of another kind; "
                          "save it from Excel or LibreOffice as 'Excel Workbook (.xlsx)'") from None
    if sum(i.file_size for i in infos) > MAX_UNZIPPED or len(infos) > 1000:
        raise _fail(path, f"the workbook unpacks to more than {MAX_UNZIPPED // 1024 // 1024} MB; "
                          "a questionnaire is far smaller")
    big = next((i for i in infos if i.file_size > MAX_PART and not _TEXT_PARTS.match(i.filename)), None)
    if big is not None:  # 600,000 cell styles unpack to 20 MB and cost a GB in openpyxl
        raise _fail(path, f"the workbook's part {printable(big.filename)[:80]} unpacks to "
                          f"{big.file_size / 1024 / 1024:.0f} MB (styles, names or settings are far smaller "
                          "in a questionnaire); open it in Excel or LibreOffice and save it again")
    if "xl/workbook.xml" not in names:
        raise _fail(path, "not an Excel workbook (.xlsx): no workbook inside the file")
    if "xl/vbaProject.bin" in names:
        raise _fail(path, "the workbook holds macros; save it as 'Excel Workbook (.xlsx)' without macros")


MAX_PART = 4 * 1024 * 1024
"""Largest part other than sheets and shared strings (styles, workbook, settings) once unpacked."""
_TEXT_PARTS = re.compile(r"^xl/(worksheets/sheet[0-9]+\.xml|sharedStrings\.xml)$")

DAMAGED = "a part of the workbook is damaged; open it in Excel or LibreOffice and save it again"


def load_workbook_file(path: Path | str) -> SheetDocument:
    path_s = str(path)
    suffix = Path(path).suffix.lower()
    if suffix in OTHER_SHEETS:
        raise _fail(path_s, f"this is {OTHER_SHEETS[suffix]}; save it as 'Excel Workbook (.xlsx)'")
    return load_workbook_bytes(_raw(path), path_s)


def load_workbook_bytes(raw: bytes, path_s: str) -> SheetDocument:
    """The workbook in ``raw`` read as ``path_s``: what `validate` reads, and what `convert`
    reads back to prove a conversion lost nothing."""
    _check_zip(path_s, raw)
    import io
    import warnings

    from openpyxl import load_workbook
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "data validation extension not supported" and the like
            wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a broken part: KeyError, ValueError, XML errors
        raise _fail(path_s, "not a readable Excel workbook (.xlsx): " + DAMAGED) from None
    try:
        return _read(wb, path_s, hashlib.sha256(raw).hexdigest())
    finally:
        try:
            wb.close()
        except Exception:  # closing a damaged archive must not hide the problems found
            pass


def _sheet_rows(ws):
    """(row number as the XML gives it, cells) for each row element of a read-only sheet.

    openpyxl's iter_rows() stops at the declared dimension, pads gaps with empty rows and
    drops a row whose number does not rise; its parser gives every row as written. Where
    that parser is not where openpyxl 3.1 keeps it, iter_rows() with the dimension reset
    is the fallback."""
    try:
        from openpyxl.worksheet._reader import WorkSheetParser
        source, get_row, wb = ws._get_source, ws._get_row, ws.parent
        options = dict(data_only=wb.data_only, epoch=wb.epoch, date_formats=wb._date_formats,
                       timedelta_formats=wb._timedelta_formats)
    except (ImportError, AttributeError):
        ws.reset_dimensions()
        for r, row in enumerate(ws.iter_rows(max_col=MAX_COLS), start=1):
            yield r, row
        return
    with source() as src:
        for idx, row in WorkSheetParser(src, ws._shared_strings, **options).parse():
            yield idx, get_row(row, 1, MAX_COLS)


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.positions: dict[str, tuple[int, int]] = {"": position(ABOUT, 1, 1)}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.text = 0  # characters of text read so far, against MAX_TEXT
        self.sheets: dict[str, str] = {}  # lexgap's sheet name -> the name in this workbook
        self.layout: dict = {}  # the Answers sheet as read: header row, headers, each question's row
        self.answer_links: dict[tuple[int, int], str] = {}

    def problem(self, sheet: str, row: int, col: int, message: str) -> None:
        self.problems.append(Problem(self.path, *position(sheet, row, col), message))

    def warn(self, sheet: str, row: int, col: int, message: str) -> None:
        self.warnings.append(Problem(self.path, *position(sheet, row, col), message, "warning"))

    def rows(self, wb, sheet: str):
        """(row number, {column: cell}) for each row with something in it, capped.

        Every row the sheet's XML holds is read, by its own number: the sheet's declared
        <dimension> is not trusted (a wrong one would hide rows), and a row numbered 0 or
        out of order, which openpyxl's own iterator drops without a word, is a problem.
        An exception while reading (a damaged part: bad XML, a cell reference like '3C', a
        shared string that does not exist) becomes a problem naming the sheet and the row
        reached."""
        ws = wb[self.sheets.get(sheet, sheet)]
        last = 0
        try:
            for r, row in _sheet_rows(ws):
                if r <= last:
                    self.problem(sheet, max(last, 1), 1, f"a row numbered {r} follows row {last} "
                                                         f"(rows are numbered upward from 1): {DAMAGED}")
                    return
                last = r
                if r > MAX_ROWS:
                    self.problem(sheet, MAX_ROWS, 1, f"more than {MAX_ROWS} rows; a questionnaire needs far fewer")
                    return
                cells = {c.column: c for c in row
                         if isinstance(getattr(c, "column", None), int) and getattr(c, "value", None) is not None
                         and c.value != ""}
                if cells:
                    yield r, cells
        except Exception as exc:  # noqa: BLE001 - openpyxl and the XML parser raise many kinds
            self.problem(sheet, min(last + 1, MAX_ROWS), 1,
                         f"cannot read the sheet from row {last + 1} on ({type(exc).__name__}): {DAMAGED}")

    def links(self, wb, sheet: str) -> dict[tuple[int, int], str]:
        """(row, column) -> the target of a hyperlink on that cell. Read-only openpyxl does not
        give hyperlinks, so they are read from the sheet's XML and relationships; a pasted link
        whose cell shows "Kenya Law (SOA)" then keeps its address. Damage here loses only links
        (the rows reader reports it)."""
        import posixpath
        import xml.etree.ElementTree as ET
        from openpyxl.utils.cell import coordinate_from_string, column_index_from_string
        rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        out: dict[tuple[int, int], str] = {}
        try:
            ws = wb[self.sheets.get(sheet, sheet)]
            part = ws._worksheet_path
            archive = wb._archive
            refs = []
            if b"hyperlink" not in archive.read(part):
                return out
            with archive.open(part) as fh:
                rows_parent = None  # finished rows are dropped from it: memory stays flat
                for event, elem in ET.iterparse(fh, events=("start", "end")):
                    if event == "start":
                        if elem.tag.endswith("}sheetData"):
                            rows_parent = elem
                    elif elem.tag.endswith("}hyperlink"):
                        if len(refs) < MAX_ROWS:
                            refs.append((elem.get("ref", ""), elem.get(rel_ns)))
                        elem.clear()
                    elif elem.tag.endswith("}row") and rows_parent is not None:
                        rows_parent.clear()
            if not refs:
                return out
            folder, name = posixpath.split(part)
            targets = {}
            with archive.open(posixpath.join(folder, "_rels", name + ".rels")) as fh:
                for _event, elem in ET.iterparse(fh):
                    if elem.tag.endswith("}Relationship") and elem.get("TargetMode") == "External":
                        targets[elem.get("Id")] = elem.get("Target", "")
                    elem.clear()
            for ref, rid in refs:
                if rid in targets and ref:
                    letters, row = coordinate_from_string(ref.split(":")[0])
                    out[(row, column_index_from_string(letters))] = targets[rid]
        except Exception:  # noqa: BLE001 - no links read, nothing else lost
            return out
        return out

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
        if isinstance(v, dt.timedelta):
            v = str(v)
        if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
            v = int(v)
        if isinstance(v, str):
            if len(v) > MAX_CELL_TEXT:
                self.problem(sheet, cell.row, cell.column,
                             f"{len(v):,} characters in one cell; a cell holds at most {MAX_CELL_TEXT:,} "
                             "(Excel's limit): shorten it, or quote only the provision's own words")
                return None
            self.text += len(v)
            if self.text > MAX_TEXT:
                if self.text - len(v) <= MAX_TEXT:
                    self.problem(sheet, cell.row, cell.column, f"the workbook holds more than "
                                 f"{MAX_TEXT // 1024 // 1024} MB of text; a questionnaire is far smaller")
                return None
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


def _headers(reader: _Reader, r: int, cells: dict, sheet: str, columns, required) -> dict[int, str] | None:
    """column number -> field, from the header row. A missing required column is one problem
    naming the headers found that lexgap does not know (the renamed one, most likely), and
    None: the sheet's rows are not read, so one message says what to fix. Optional columns
    may be deleted."""
    wanted = {header.lower(): field for header, field, _w in columns}
    found, strange = {}, []
    for c, cell in sorted(cells.items()):
        name = " ".join(str(cell.value).split()).lower()
        if name in wanted:
            found[c] = wanted[name] or ""
        else:
            strange.append((c, str(cell.value).strip()))
    missing = [header for header, field, _w in columns if field in required and field not in found.values()]
    if not missing:
        unread = [header for header, field, _w in columns if field and field not in found.values()]
        if unread and strange:  # an optional column renamed: its cells would be dropped without a word
            shown = ", ".join(f"'{printable(text)[:40]}' in {column_letter(c)}{r}" for c, text in strange[:4])
            reader.warn(sheet, r, strange[0][0], f"lexgap does not read {shown}, and the column"
                        f"{'s' if len(unread) > 1 else ''} {', '.join(repr(h) for h in unread)} "
                        f"{'are' if len(unread) > 1 else 'is'} missing, so nothing is read for "
                        f"{'them' if len(unread) > 1 else 'it'}: if a column was renamed, rename it back")
        return {c: f for c, f in found.items() if f}
    names = ", ".join(f"'{header}'" for header in missing)
    expected = f"the column{'s' if len(missing) > 1 else ''} {names}"
    if strange:
        shown = ", ".join(f"'{printable(text)[:40]}' in {column_letter(c)}{r}" for c, text in strange[:4])
        fix = (f"rename it back to '{missing[0]}'" if len(missing) == 1 and len(strange) == 1
               else "rename each back to the header lexgap wrote")
        at = strange[0][0] if len(strange) == 1 else 1
        reader.problem(sheet, r, at, f"{expected} is missing from the header row (row {r}); found {shown}: {fix}. "
                                     f"lexgap finds its columns by their headers: {', '.join(h for h, f, _w in columns if f in required)} "
                                     "are needed, the others may be deleted when unused")
    else:
        reader.problem(sheet, r, 1, f"{expected} is missing from the header row (row {r}): add a column headed "
                                    f"{names}, as `lexgap template --format xlsx` writes it")
    return None


def _match_sheets(reader: _Reader, wb, path: str) -> None:
    """Find lexgap's sheets whatever their letter case or surrounding spaces; a missing one
    is one problem listing the sheets found, with the rename that fixes it."""
    present = list(wb.sheetnames)
    by_key = {" ".join(n.split()).lower(): n for n in present}
    for name in SHEETS:
        if name.lower() in by_key:
            reader.sheets[name] = by_key[name.lower()]
    unknown = [n for n in present if n not in reader.sheets.values()]
    problems = []
    for name in (ABOUT, ANSWERS, SOURCES):
        if name in reader.sheets:
            continue
        shown = ", ".join(f"'{printable(n)}'" for n in present) or "none"
        if len(unknown) == 1:
            fix = f"rename the sheet '{printable(unknown[0])}' back to '{name}'"
        elif unknown:
            fix = f"rename the one that holds {'the sources' if name == SOURCES else 'the ' + name.lower()} back to '{name}'"
        elif name == SOURCES:
            continue  # deleted: a questionnaire may have no sources
        else:
            fix = (f"the sheet was deleted: copy the '{name}' sheet from a new "
                   "`lexgap template --format xlsx` into this workbook")
        problems.append(Problem(path, 1, 1, f"no sheet named '{name}' (lexgap finds its sheets by name; "
                                            f"this workbook has {shown}): {fix}"))
        if len(unknown) == 1:
            unknown = []  # that one name is used in one suggestion only
    if problems:
        raise InputError(problems)


def _read(wb, path: str, fingerprint: str) -> SheetDocument:
    reader = _Reader(path)
    try:
        _match_sheets(reader, wb, path)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - a damaged workbook part
        raise _fail(path, DAMAGED) from None
    data = _read_about(reader, wb)
    from .ruleset_loader import available_rulesets, load_ruleset
    ruleset_id = data.get("ruleset", "demand-sec")
    questions = (load_ruleset(ruleset_id).questions
                 if isinstance(ruleset_id, str) and ruleset_id in available_rulesets() else {})
    if SOURCES in reader.sheets:
        sources = _read_sources(reader, wb)
        if sources:
            data["sources"] = sources
    data["answers"] = _read_answers(reader, wb, questions)
    doc = SheetDocument(path, data, reader.positions, fingerprint, reader.problems)
    doc.warnings = reader.warnings
    doc.sheets, doc.layout = reader.sheets, reader.layout
    return doc


ABOUT_TEXT = ("country_name", "title", "prepared_by.name", "prepared_by.organisation")
"""About fields read as typed (spaces kept, a number as text), as YAML keeps them; codes and
dates around them are trimmed."""


def _read_about(reader: _Reader, wb) -> dict:
    data: dict = {}
    for r, cells in reader.rows(wb, ABOUT):
        if r == 1 or 1 not in cells or ABOUT_VALUE_COL not in cells:
            continue
        key = cells[1].value
        if not isinstance(key, str) or not key.strip():
            continue
        key = key.strip()
        if key == PREVIOUS_KEY:
            _read_previous(reader, data, r, cells[ABOUT_VALUE_COL])
            continue
        kind = "int" if key == "format" else ("text" if key in ABOUT_TEXT else "plain")
        value = reader.value(ABOUT, cells[ABOUT_VALUE_COL], kind)
        if kind == "text" and isinstance(value, str) and not value.strip():
            continue
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


def _read_previous(reader: _Reader, data: dict, r: int, cell) -> None:
    """An About row 'symbol | paragraph | year | rule ids': one previous observation."""
    value = reader.value(ABOUT, cell, "text")
    if value is None or not str(value).strip():
        return
    parts = [p.strip() for p in str(value).split("|")]
    if len(parts) != 4 or not parts[0] or not parts[1]:
        reader.problem(ABOUT, r, ABOUT_VALUE_COL, "a previous observation is written 'symbol | paragraph | year | "
                                                  "rule ids', e.g. 'CRC/C/15/Add.259 | 87(b) | 2005 | AGE-05'")
        return
    symbol, paragraph, year, rules = parts
    obs: dict = {"symbol": symbol, "paragraph": paragraph,
                 "rules": [x for x in re.split(r"[,;\s]+", rules) if x]}
    if year:
        obs["year"] = int(year) if year.isdigit() else year  # not a number: the schema names the cell
    items = data.setdefault("previous_observations", [])
    reader.positions[f"/previous_observations/{len(items)}"] = position(ABOUT, r, ABOUT_VALUE_COL)
    items.append(obs)


def _read_sources(reader: _Reader, wb) -> list[dict]:
    out: list[dict] = []
    columns = None
    links = reader.links(wb, SOURCES)
    for r, cells in reader.rows(wb, SOURCES):
        if columns is None:
            columns = _headers(reader, r, cells, SOURCES, SOURCE_COLUMNS, REQUIRED_SOURCE_FIELDS)
            if columns is None:
                return out
            continue
        item, i = {}, len(out)
        reader.positions[f"/sources/{i}"] = position(SOURCES, r, 1)
        for c, cell in cells.items():
            field = columns.get(c)
            if field is None:
                continue
            value = reader.value(SOURCES, cell, "plain" if field in ("id", "kind", "date") else "text")
            if field == "url" and value is not None:
                value = _url(reader, SOURCES, cell, _linked(reader, SOURCES, cell, value, links))
            if field == "kind" and isinstance(value, str):
                value = _code(value, SOURCE_KINDS)
            if value is not None:
                item[field] = value
                reader.positions[f"/sources/{i}/{field}"] = position(SOURCES, r, c)
        if item:
            out.append(item)
    return out


_HOST = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?$", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def _url(reader: _Reader, sheet: str, cell, value: Any) -> Any:
    """A web address as written, with https:// added to a bare host name (kenyalaw.org/...),
    which reports would otherwise print without a link; anything else without a scheme is
    a warning."""
    if not isinstance(value, str) or not value or _SCHEME.match(value):
        return value
    if _HOST.match(value):
        reader.warn(sheet, cell.row, cell.column, f"the web address '{printable(value)[:60]}' has no https://; "
                                                   "read as https://" + printable(value)[:60])
        return "https://" + value
    reader.warn(sheet, cell.row, cell.column, f"'{printable(value)[:60]}' is not a web address (it should start "
                                               "with https://); reports print it as text, without a link")
    return value


def _linked(reader: _Reader, sheet: str, cell, value: Any, links: dict) -> Any:
    """A URL cell's hyperlink target when it has one (the text shown may be a title)."""
    target = links.get((cell.row, cell.column))
    if not target or target == value:
        return value
    bad = _CONTROL.search(target)
    if bad or len(target) > 2000:
        reader.problem(sheet, cell.row, cell.column, "the cell's hyperlink is not a usable web address; "
                                                     "type the address itself")
        return value
    return target


_NOT_APPLICABLE = {"n/a", "n.a.", "na", "not applicable"}


def _norm(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def _code(text: str, codes: list[str], labels: dict[str, str] | None = None) -> str:
    """The code a researcher meant: the code itself, or its label, in any letter case, with
    spaces for underscores (Excel's own list check ignores case, so 'Yes' passed it)."""
    if text in codes:
        return text
    key = _norm(text)
    if key in _NOT_APPLICABLE and "not_applicable" in codes:
        return "not_applicable"  # the checks then say whether the question may be inapplicable
    for code in codes:
        if _norm(code) == key:
            return code
    for code, label in (labels or {}).items():
        if _norm(label) == key:
            return code
    return text


SPECIAL = ["unknown", "not_applicable"]


def choice_code(text: Any, q) -> Any:
    """A choice typed or picked in a cell, as its code (labels and letter case mapped)."""
    if not isinstance(text, str) or q is None:
        return text
    labels = {o.value: o.label for o in q.options or []}
    codes = list(question_type(q.type).answers) or list(labels)
    return _code(text, codes + SPECIAL, labels)


def answer_value(text: Any, qtype: str | None, q=None) -> Any:
    """A multiple-choice cell ('a, b' or 'a: yes, b: no' or 'none') as YAML's list or mapping;
    options may be given by their label and in any case. A label holding a comma is found
    before the cell is split."""
    t = question_type(qtype) if qtype is not None else None
    if t is None or t.options != "many" or not isinstance(text, str):
        return choice_code(text, q) if t is not None and (t.answers or t.options == "one") else text
    if _norm(text) in ("unknown", "not applicable"):
        return _code(text, SPECIAL)
    if text.strip().lower() == NONE_WORD:
        return []
    labels = {o.value: o.label for o in (q.options or [])} if q is not None else {}
    for code, label in sorted(labels.items(), key=lambda kv: -len(kv[1])):
        if "," in label or ";" in label:
            text = re.sub(re.escape(label), code, text, flags=re.I)
    items = [t.strip() for t in re.split(r"[,;\n]", text) if t.strip()]
    codes = list(labels)
    if items and all(":" in t for t in items):
        pairs = (t.split(":", 1) for t in items)
        return {_code(k.strip(), codes, labels): _code(v.strip(), ["yes", "no", "unknown"]) for k, v in pairs}
    return [_code(t, codes, labels) for t in items]


HEADER_OF = {field: header for header, field, _w in ANSWER_COLUMNS if field}


def _read_answers(reader: _Reader, wb, questions: dict) -> dict:
    """Every row that carries data names its question: the question's row holds the answer,
    and each further citation repeats the id on a row of its own. Rows are grouped by id, so
    sorting, filtering or moving rows never attaches a citation to another question; a row
    without an id that carries data is a problem naming its cell."""
    columns = None
    groups: dict[str, list] = {}
    reader.answer_links = reader.links(wb, ANSWERS)
    for r, cells in reader.rows(wb, ANSWERS):
        if columns is None:
            columns = _headers(reader, r, cells, ANSWERS, ANSWER_COLUMNS, REQUIRED_ANSWER_FIELDS)
            if columns is None:
                return {}
            col_of = {f: c for c, f in columns.items()}
            reader.layout = {"header_row": r, "last_row": r, "rows": {},
                             "headers": {" ".join(str(c.value).split()).lower(): n for n, c in cells.items()}}
            continue
        reader.layout["last_row"] = r
        fields = {columns[c]: cell for c, cell in cells.items() if c in columns}
        if "id" not in fields:
            _orphan(reader, r, fields, col_of)
            continue
        qid = reader.value(ANSWERS, fields["id"], "plain")
        if not isinstance(qid, str) or not qid:
            if qid is not None:
                reader.problem(ANSWERS, r, col_of["id"], f"'{printable(str(qid))[:40]}' is not a question id; "
                                                         "ids are text such as ages.child_definition")
            continue
        groups.setdefault(qid, []).append((r, fields))
        reader.layout["rows"].setdefault(qid, r)
    answers: dict = {}
    if columns is None:  # nothing read: an empty sheet, or one whose XML lexgap cannot see into
        if not reader.problems:
            reader.problem(ANSWERS, 1, 1, "the Answers sheet is empty: no header row ('Question id', 'Answer', "
                                          "...) and no answers; copy the sheet from a new `lexgap template "
                                          "--format xlsx`, or open the file in Excel or LibreOffice and save it again")
        return answers
    for qid, rows in groups.items():
        _question(reader, qid, rows, col_of, questions, answers)
    return answers


def _orphan(reader: _Reader, r: int, fields: dict, col_of: dict) -> None:
    """A row with data but no question id: say where, never guess its question."""
    data = [f for f in (*ROW_FIELDS, *CITATION_FIELDS) if f in fields]
    if not data:
        return
    id_cell = f"{column_letter(col_of['id'])}{r}"
    first = data[0]
    if first in ROW_FIELDS and not any(f in fields for f in CITATION_FIELDS):
        shown = str(fields[first].value)
        shown = printable(shown if len(shown) <= 50 else shown[:47] + "...")
        reader.problem(ANSWERS, r, col_of[first],
                       f"row {r} has no Question id (is it an area heading?), so '{shown}' in the "
                       f"{HEADER_OF[first]} column belongs to no question; move it to the Notes column of "
                       f"the question it is about, or type that question's id in {id_cell}")
        return
    reader.problem(ANSWERS, r, col_of[first],
                   f"row {r} carries a citation but no Question id, so it belongs to no question; type the id of "
                   f"the question it supports in {id_cell} (every further citation row repeats its question's id, "
                   "so sorting and filtering cannot move it to another question)")


def _question(reader, qid, rows, col_of, questions, answers) -> None:
    """One question's rows, wherever they stand: the row with the answer first, then each
    further citation in row order."""
    answer_rows = [row for row in rows if any(x in row[1] for x in ROW_FIELDS)]
    main = answer_rows[0] if answer_rows else rows[0]
    for r, fields in answer_rows[1:]:
        f = next(x for x in ROW_FIELDS if x in fields)
        reader.problem(ANSWERS, r, col_of[f],
                       f"question '{qid}' is answered twice (first on row {main[0]}); a further citation row "
                       f"repeats the id but leaves Answer, Notes, Verified and Reviewed by empty")
    q = questions.get(qid)
    ptr = "/answers/" + escape_pointer_token(qid)
    r, fields = main
    reader.positions[ptr + "#key"] = position(ANSWERS, r, col_of["id"])
    reader.positions[ptr] = position(ANSWERS, r, col_of["value"])
    answer: dict = {}
    if "value" in fields:
        kind = question_type(q.type).cell if q is not None else "plain"
        value = reader.value(ANSWERS, fields["value"], kind)
        if value is not None:
            answer["value"] = answer_value(value, q.type if q else None, q)
            reader.positions[ptr + "/value"] = position(ANSWERS, r, col_of["value"])
    for f in ROW_FIELDS[1:]:
        if f in fields:
            value = reader.value(ANSWERS, fields[f], "plain" if f in ("verified", "reviewed_by") else "text")
            if value is not None:
                answer[f] = value
                reader.positions[f"{ptr}/{f}"] = position(ANSWERS, r, col_of[f])
    answers[qid] = answer
    for r, fields in [main] + [x for x in rows if x is not main]:
        if any(f in fields for f in CITATION_FIELDS):
            _citation(reader, r, qid, fields, col_of, answers)
    if not answers[qid]:  # an id with nothing: not answered
        del answers[qid]
    elif set(answers[qid]) == {"value"} and not isinstance(answers[qid]["value"], dict):
        answers[qid] = answers[qid]["value"]  # the short form, as a YAML author writes it (a mapping only in the long form)


def _citation(reader, r, qid, fields, col_of, answers) -> None:
    answer = answers[qid]
    citations = answer.setdefault("citations", [])
    ptr = f"/answers/{escape_pointer_token(qid)}/citations/{len(citations)}"
    first = col_of.get("instrument") or min(col_of[f] for f in CITATION_FIELDS if f in fields)
    reader.positions.setdefault(f"/answers/{escape_pointer_token(qid)}/citations", position(ANSWERS, r, first))
    reader.positions[ptr] = position(ANSWERS, r, first)
    cit = {}
    for f in CITATION_FIELDS:
        if f in fields:
            cell = fields[f]
            value = reader.value(ANSWERS, cell, "plain" if f in ("source", "lang", "url", "locator") else "text")
            if f == "url" and value is not None:
                value = _url(reader, ANSWERS, cell, _linked(reader, ANSWERS, cell, value, reader.answer_links))
            if f == "article" and isinstance(cell.value, (dt.date, dt.datetime)):
                reader.warn(ANSWERS, r, col_of[f], f"the article reads as the date {value}: Excel turns '3-4' or "
                                                   "'3/4' into a date; retype it as text (start with an apostrophe: '3-4)")
            if value is not None:
                cit[f] = value
                reader.positions[f"{ptr}/{f}"] = position(ANSWERS, r, col_of[f])
    citations.append(cit)
