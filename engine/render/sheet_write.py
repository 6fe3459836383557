"""Write a questionnaire as a workbook a researcher fills in Excel or LibreOffice.

One row per question, grouped by area, with a drop-down of the allowed answers,
the citation columns, the guidance and the rules the question feeds. The same
writer makes the blank template (``data`` None) and converts a filled YAML
questionnaire (``data`` its plain dict), so the two cannot drift apart.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from ..judge import guidance
from ..models.ruleset import Question
from ..load.ruleset import Ruleset
from ..load.sheet_layout import (ABOUT, ABOUT_FIELDS, ABOUT_HEADERS, PREVIOUS_EXPLANATION, PREVIOUS_KEY, previous_cell, ANSWER_COLUMNS, ANSWERS, CITATION_FIELDS,
                           INSTRUCTIONS, LISTS, NONE_WORD, ROW_FIELDS, SOURCE_COLUMNS, SOURCE_KINDS, SOURCES,
                           column_letter)
from ..vocabulary import NO_AGE_ANSWER, question_type

HEAD = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="305496")
AREA_FILL = PatternFill("solid", fgColor="D9E1F2")
ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
SEVERITY_FILL = {"critical": "F8CBAD", "high": "FCE4D6", "medium": "FFFFFF", "low": "FFFFFF"}
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"


def set_cell(ws, row: int, col: int, value: Any):
    """Write a value so that it reads back as itself: text is always text (a
    quote starting with '=' is not a formula), dates are real dates."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if cell.data_type != "s":  # '=...' became a formula, or an error code like '#N/A'
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
    return cell


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _date_or_text(value: Any) -> Any:
    """A YYYY-MM-DD text as a real date (Excel shows and checks it as one); any other text,
    an ISO week date like 2025-W01-1 included, stays text, so it reads back as written."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def value_cell(value: Any) -> Any:
    """An answer as it is typed in its cell (lists comma-separated)."""
    if isinstance(value, list):
        return ", ".join(map(str, value)) if value else NONE_WORD
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return value


def choices(q: Question) -> list[str] | None:
    """The drop-down list; None where the answer is typed (numbers, text).
    One-of and multiple-choice lists show the options' labels, which the reader maps
    back to their codes (as XLSForm shows a choice's label and stores its name).
    not_applicable is offered only where it can be a true answer."""
    special = ["unknown"] + (["not_applicable"] if q.not_applicable_when or q.relevant else [])
    t = question_type(q.type)
    if t.options:
        return [o.label for o in q.options or []] + ([NONE_WORD] if t.options == "many" else []) + special
    if t.answers:
        return [*t.answers, *special]
    return None


TEXT_FIELDS = ("instrument", "article", "quote", "url", "source", "lang", "notes", "reviewed_by")
"""Answers columns formatted as Text ('@'), so Excel keeps '3-4' an article, not a date."""


def _headers(ws, names: list[tuple], widths=True) -> None:
    for i, (header, _field, width) in enumerate(names, start=1):
        c = set_cell(ws, 1, i, header)
        c.font, c.fill, c.alignment = HEAD, HEAD_FILL, WRAP
        if widths:
            ws.column_dimensions[column_letter(i)].width = width
    ws.freeze_panes = "C2" if ws.title == ANSWERS else "A2"


def build_workbook(ruleset: Ruleset, country: str = "XXX", data: dict | None = None,
                   subdivision: str | None = None) -> bytes:
    """The workbook as bytes: the blank template for ``country``, or ``data`` converted."""
    profile = data.get("profile") if data else None
    asked, selected = guidance.profile_questions(ruleset, (data or {}).get("country", country), profile)
    answers = (data or {}).get("answers") or {}
    asked_ids = {q.id for q in asked}
    questions = [q for q in ruleset.questions.values() if q.id in asked_ids or q.id in answers]
    wb = Workbook()
    _instructions(wb.active, ruleset)
    lists = wb.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    _about(wb.create_sheet(ABOUT), ruleset, country, subdivision, data)
    _answers(wb.create_sheet(ANSWERS), lists, ruleset, questions, selected, answers, data is None)
    _sources(wb.create_sheet(SOURCES), lists, data)
    wb.move_sheet(LISTS, offset=len(wb.sheetnames))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


INSTRUCTION_LINES = [
    "lexgap questionnaire (spreadsheet form)",
    "",
    "1. On the About sheet, fill in the country, the date the law is described as of, and your name.",
    "2. On the Sources sheet, list the documents your answers rest on; give each a short id (e.g. spr).",
    "3. On the Answers sheet, replace each 'unknown' in the yellow Answer column with what the law says, "
    "chosen from the drop-down list. Keep 'unknown' where the law is unclear.",
    "   Start with the questions whose Priority is critical, then high: they decide the most severe findings.",
    "4. Cite where the law says so: Instrument, Article, the Quote in its original language, URL, and the "
    "Source id from the Sources sheet. For a second citation, insert a row, type the same Question id "
    "again and fill only the citation columns: every row names its question, so you may sort and filter.",
    "5. Verified is the date you checked the answer against its source (YYYY-MM-DD), Reviewed by who "
    "checked it. Leave both empty when nobody did: the report then says 'not verified'.",
    "6. Type values, never formulas: a cell holding a formula is refused.",
    "7. Check your work with:  lexgap validate THIS_FILE.xlsx   (problems are named by sheet and cell, "
    "e.g. Answers!C12); list what is left with:  lexgap validate --todo THIS_FILE.xlsx",
    "",
    "The grey columns (Question, Priority, Feeds rules, Guidance, Asked when) are read-only guidance: "
    "lexgap never reads them, and `lexgap template --update THIS_FILE.xlsx` refreshes them after a ruleset "
    "change without touching your answers.",
    "Multiple-choice questions: pick one option from the drop-down, or type the options present separated "
    "by semicolons (their labels or codes, e.g. procuring; pimping), 'none' if none is, or option by option "
    "(e.g. procuring: yes; pimping: unknown). Capitals do not matter anywhere: Yes is read as yes.",
]


INSTRUCTION_WIDTH = 120
"""Characters per line of the Instructions column; with it, each row's height is set for its
wrapped lines, as LibreOffice does not grow a row to fit (it showed only the last line)."""


def _instructions(ws, ruleset: Ruleset) -> None:
    import math
    ws.title = INSTRUCTIONS
    ws.column_dimensions["A"].width = INSTRUCTION_WIDTH
    for i, line in enumerate(INSTRUCTION_LINES + ["", f"Ruleset: {ruleset.id} {ruleset.version}"], start=1):
        c = set_cell(ws, i, 1, line)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        lines = max(1, math.ceil(len(line) * 1.1 / INSTRUCTION_WIDTH))
        ws.row_dimensions[i].height = 15 * lines + 3
    ws["A1"].font = Font(bold=True, size=14)
    ws.row_dimensions[1].height = 24


def _about(ws, ruleset: Ruleset, country: str, subdivision: str | None, data: dict | None) -> None:
    _headers(ws, [(h, None, w) for h, w in zip(ABOUT_HEADERS, (26, 16, 40, 70))])
    defaults = {"format": 1, "ruleset": ruleset.id, "ruleset_version": ruleset.version, "country": country, "subdivision": subdivision,
                "as_of": dt.date.today(), "prepared_by.name": "Your Name",
                "prepared_by.organisation": "Your organisation"}
    for row, (key, label, explanation) in enumerate(ABOUT_FIELDS, start=2):
        if data is None:
            value = defaults.get(key)
        else:
            head, _, tail = key.partition(".")
            value = data.get(head)
            value = value.get(tail) if tail and isinstance(value, dict) else value
        set_cell(ws, row, 1, key)
        set_cell(ws, row, 2, label)
        if value is not None:
            set_cell(ws, row, 3, _date_or_text(value)).fill = ANSWER_FILL
        set_cell(ws, row, 4, explanation).alignment = WRAP
    previous = (data or {}).get("previous_observations") or [None]  # a template shows one empty row to fill
    for row, obs in enumerate(previous, start=len(ABOUT_FIELDS) + 2):
        set_cell(ws, row, 1, PREVIOUS_KEY)
        set_cell(ws, row, 2, "Previous observation")
        if isinstance(obs, dict):
            set_cell(ws, row, 3, previous_cell(obs)).fill = ANSWER_FILL
        set_cell(ws, row, 4, PREVIOUS_EXPLANATION).alignment = WRAP


def _list_range(lists, values: list[str], memo: dict) -> str:
    """An absolute range on the hidden Lists sheet holding ``values`` (one column per list)."""
    key = tuple(values)
    if key not in memo:
        col = len(memo) + 1
        for i, v in enumerate(values, start=1):
            set_cell(lists, i, col, v)
        letter = column_letter(col)
        memo[key] = f"{LISTS}!${letter}$1:${letter}${len(values)}"
    return memo[key]


def _number_validation(q: Question, ref: str) -> DataValidation:
    t = question_type(q.type)
    lo, hi = t.bounds(q)
    tests = [f"ISNUMBER({ref})", f"{ref}=INT({ref})"]
    tests += [f"{ref}>={lo}"] if lo is not None else []
    tests += [f"{ref}<={hi}"] if hi is not None else []
    none = f',{ref}="{NO_AGE_ANSWER}"' if t.takes_none else ""
    formula = f'OR(AND({",".join(tests)}),{ref}="unknown",{ref}="not_applicable"{none})'
    bounds = f" from {lo}" if lo is not None else ""
    bounds += f" to {hi}" if hi is not None else ""
    return DataValidation(type="custom", formula1=formula, allow_blank=True, showErrorMessage=True,
                          errorTitle="Not a whole number", error=f"Write a whole number{bounds}{', none' if t.takes_none else ''}, or unknown.")


def _answers(ws, lists, ruleset: Ruleset, questions: list[Question], selected, answers: dict,
             blank: bool) -> None:
    _headers(ws, ANSWER_COLUMNS)
    col = {field or header: i for i, (header, field, _w) in enumerate(ANSWER_COLUMNS, start=1)}
    memo: dict = {}
    by_area = {}
    for q in questions:
        by_area.setdefault(ruleset.question_area[q.id], []).append(q)
    row = 2
    validations: dict[str, DataValidation] = {}
    for area in ruleset.areas:
        if area.id not in by_area:
            continue
        set_cell(ws, row, col["Question"], area.title).font = Font(bold=True)
        for c in range(1, len(ANSWER_COLUMNS) + 1):
            ws.cell(row=row, column=c).fill = AREA_FILL
        row += 1
        for q in by_area[area.id]:
            q_row, row = _question_rows(ws, row, col, ruleset, q, selected,
                                        answers.get(q.id, "unknown" if blank else None))
            answer_ref = f"{column_letter(col['value'])}{q_row}"
            options = choices(q)
            if options:
                rng = _list_range(lists, options, memo)
                dv = validations.get(rng)
                if dv is None:
                    many = question_type(q.type).options == "many"  # pick one option, or type several: no error alert
                    dv = validations[rng] = DataValidation(
                        type="list", formula1=rng, allow_blank=True, showErrorMessage=not many,
                        errorTitle="Not one of the answers", error="Choose an answer from the list.",
                        showInputMessage=many, promptTitle="Several options" if many else None,
                        prompt=("Pick one option from the list, or type several separated by semicolons "
                                "(labels or codes), or 'none'.") if many else None)
                    ws.add_data_validation(dv)
                dv.add(answer_ref)
            elif question_type(q.type).numeric:
                dv = _number_validation(q, answer_ref)
                ws.add_data_validation(dv)
                dv.add(answer_ref)
    last = max(row - 1, 2)
    source_dv = DataValidation(type="list", formula1=f"{SOURCES}!$A$2:$A$200", allow_blank=True,
                               showErrorMessage=True, errorStyle="warning",
                               errorTitle="Unknown source", error="Give the id of a row of the Sources sheet.")
    ws.add_data_validation(source_dv)
    source_dv.add(f"{column_letter(col['source'])}2:{column_letter(col['source'])}{last + 200}")
    verified = column_letter(col["verified"])
    text_cols = [column_letter(col[f]) for f in TEXT_FIELDS if f in col]
    for r in range(2, last + 201):
        ws[f"{verified}{r}"].number_format = DATE_FORMAT
        for letter in text_cols:
            ws[f"{letter}{r}"].number_format = "@"
    ws.auto_filter.ref = f"A1:{column_letter(len(ANSWER_COLUMNS))}{last}"


def guidance_cells(ruleset: Ruleset, q: Question, selected) -> dict[str, str]:
    """The read-only columns of a question's row (what `template --update` rewrites)."""
    text = (q.help.strip() + "\n\n") if q.help else ""
    text += "Answer: " + guidance.answer_words(q)
    if q.not_applicable_when:
        text += f"\nnot_applicable only if: {q.not_applicable_when}"
    return {"Question": q.text, "Priority": guidance.priority(ruleset, q.id, selected),
            "Feeds rules": guidance.feeds_words(ruleset, q.id, selected),
            "Guidance": text, "Asked when": guidance.asked_when(ruleset, q)}


def wrapped_lines(text: str, width: int) -> int:
    """About how many lines ``text`` takes in a column ``width`` characters wide."""
    import math
    return sum(max(1, math.ceil(len(part) * 1.1 / max(width, 1))) for part in str(text).split("\n"))


def _question_rows(ws, row: int, col: dict, ruleset: Ruleset, q: Question, selected, answer) -> tuple[int, int]:
    """Write one question's row (and one row per further citation): (its row, the next free row)."""
    set_cell(ws, row, col["id"], q.id)
    cells = guidance_cells(ruleset, q, selected)
    for header, text in cells.items():
        c = set_cell(ws, row, col[header], text)
        c.alignment = WRAP
    # LibreOffice does not grow a row to its wrapped text: the whole question, and the guidance
    # up to eight lines, are made visible by the row's height
    widths = {header: width for header, _f, width in ANSWER_COLUMNS}
    lines = max(wrapped_lines(cells["Question"], widths["Question"]),
                min(8, wrapped_lines(cells["Guidance"], widths["Guidance"])))
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines + 2
    sev = guidance.priority(ruleset, q.id, selected)
    if sev in ("critical", "high"):
        ws.cell(row=row, column=col["Priority"]).fill = PatternFill("solid", fgColor=SEVERITY_FILL[sev])
    value_c = ws.cell(row=row, column=col["value"])
    value_c.fill = ANSWER_FILL
    if answer is None:
        return row, row + 1
    long = answer if isinstance(answer, dict) else {"value": answer}  # a mapping is always the long form
    value = long.get("value")
    if long.get("complete") and isinstance(value, list) and value and q.options:
        # a complete list denies the options it leaves out: a cell's list would not, so say each one
        value = {o.value: "yes" if o.value in value else "no" for o in q.options}
    set_cell(ws, row, col["value"], value_cell(value))
    for field in ROW_FIELDS[1:]:
        if long.get(field) is not None:
            set_cell(ws, row, col[field], _date_or_text(long[field]) if field == "verified" else long[field])
    if suggested_cell(long):
        set_cell(ws, row, col["Suggested"], suggested_cell(long)).alignment = WRAP
    for i, cit in enumerate(long.get("citations") or []):
        r = row + i
        if i:  # a further citation repeats the id: sorting or filtering cannot move it to another question
            set_cell(ws, r, col["id"], q.id)
            set_cell(ws, r, col["Question"], f"(another citation for {q.id})").font = Font(italic=True)
        for field in CITATION_FIELDS:
            if isinstance(cit, dict) and cit.get(field) is not None:
                set_cell(ws, r, col[field], cit[field])
    return row, row + max(1, len(long.get("citations") or []))


def suggested_cell(answer: dict) -> str | None:
    """What `lexgap read` suggests for the row, to confirm by typing it as the Answer (never read back)."""
    sug = answer.get("suggested")
    if isinstance(sug, dict) and sug.get("value") is not None:
        where = f" ({sug['locator']})" if sug.get("locator") else ""
        return f"{sug['value']}{where}: not verified"
    silence = answer.get("silent")
    return f"silent: no passage found for: {silence}" if silence else None


def _sources(ws, lists, data: dict | None) -> None:
    _headers(ws, SOURCE_COLUMNS)
    sources = (data or {}).get("sources")
    if data is None:
        sources = [{"id": "spr", "title": "State party report (e.g. CRC/C/OPSC/XXX/1)", "kind": "state_report"}]
    for r, src in enumerate(sources or [], start=2):
        for c, (_h, field, _w) in enumerate(SOURCE_COLUMNS, start=1):
            if isinstance(src, dict) and src.get(field) is not None:
                set_cell(ws, r, c, _date_or_text(src[field]) if field == "date" else src[field])
    for i, kind in enumerate(SOURCE_KINDS, start=1):  # column Z of Lists: answer lists start at A
        set_cell(lists, i, 26, kind)
    dv = DataValidation(type="list", formula1=f"{LISTS}!$Z$1:$Z${len(SOURCE_KINDS)}", allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("C2:C200")
