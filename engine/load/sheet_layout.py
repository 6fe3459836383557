"""The spreadsheet questionnaire's layout, shared by its writer and its reader.

Columns are found by their header text, not their letter, so a researcher who
inserts or moves a column does not break the file. Positions of problems are
kept as (line, col) numbers like YAML ones (line = sheet number * SHEET_SPAN +
row) so the checks written for YAML sort and deduplicate them unchanged; the
reader turns them back into 'Answers!D12' for the message.
"""
from __future__ import annotations

MAX_BYTES = 4 * 1024 * 1024
"""Largest workbook accepted, as for YAML."""

MAX_UNZIPPED = 40 * 1024 * 1024
"""Largest total of the workbook's parts once unzipped: a few MB of XML for a full
questionnaire; more is a zip bomb, refused before openpyxl inflates it."""

MAX_ROWS = 5000
"""Most rows read from one sheet (82 questions and their citations need ~300)."""

MAX_COLS = 60

MAX_CELL_TEXT = 32_767
"""Longest text in one cell: Excel's own limit, so a longer cell was not typed in Excel (it
was crafted, and would cost minutes of PDF layout). YAML has no such limit; `convert` refuses
to write what a cell cannot hold rather than cut it."""

MAX_TEXT = 4 * 1024 * 1024
"""Most text read from all cells together, the cap a YAML questionnaire has as a file."""

SHEET_SPAN = 1_000_000

ABOUT, ANSWERS, SOURCES, INSTRUCTIONS, LISTS = "About", "Answers", "Sources", "Instructions", "Lists"
SHEET_NUMBER = {ABOUT: 1, ANSWERS: 2, SOURCES: 3}
SHEETS = (INSTRUCTIONS, ABOUT, ANSWERS, SOURCES, LISTS)
"""Every sheet lexgap writes; About and Answers are read and required, Sources is read when present."""

ABOUT_FIELDS = [  # (key, label, explanation)
    ("format", "Format", "Questionnaire format version; leave 1."),
    ("ruleset", "Ruleset", "The rules the answers are for; leave as is."),
    ("ruleset_version", "Ruleset version", "The ruleset version the answers were written for; "
                                           "`lexgap migrate` updates it."),
    ("country", "Country", "ISO 3166-1 alpha-3 code, e.g. KEN."),
    ("country_name", "Country name", "Only for a user-assigned code (XAA-XZZ), e.g. a training country."),
    ("subdivision", "Subdivision", "ISO 3166-2 code for a state's or province's law, e.g. US-NY; else empty."),
    ("as_of", "Law as of", "The date the law is described as of (YYYY-MM-DD)."),
    ("title", "Title", "Optional title for the reports."),
    ("profile", "Profile", "Optional; empty chooses it from the country."),
    ("prepared_by.name", "Prepared by", "Your name."),
    ("prepared_by.organisation", "Organisation", "Your organisation."),
    ("prepared_by.email", "E-mail", "Optional."),
    ("prepared_by.date", "Date prepared", "Optional (YYYY-MM-DD)."),
]
PREVIOUS_KEY = "previous_observation"
"""About rows under this key, one per recommendation of the Committee's previous concluding
observations that the rules follow up: 'symbol | paragraph | year | rules' (see previous_cell)."""
PREVIOUS_EXPLANATION = ("A recommendation of the Committee's previous concluding observations the rules follow up, "
                        "as: symbol | paragraph | year | rule ids, e.g. CRC/C/15/Add.259 | 87(b) | 2005 | AGE-05. "
                        "One row each; copy the row for another.")


def previous_cell(obs: dict) -> str:
    """One previous observation as its About cell."""
    year = obs.get("year")
    return " | ".join([str(obs.get("symbol", "")), str(obs.get("paragraph", "")),
                       "" if year is None else str(year), ", ".join(obs.get("rules") or [])])


ABOUT_HEADERS = ["Field", "Label", "Value", "Explanation"]
ABOUT_VALUE_COL = 3

# Answers: header -> (field, width). field None: written for the reader, never read back.
ANSWER_COLUMNS = [
    ("Question id", "id", 26),
    ("Question", None, 60),
    ("Answer", "value", 16),
    ("Suggested", None, 22),
    ("Priority", None, 10),
    ("Feeds rules", None, 18),
    ("Guidance", None, 70),
    ("Asked when", None, 40),
    ("Instrument", "instrument", 24),
    ("Article", "article", 12),
    ("Quote", "quote", 50),
    ("URL", "url", 30),
    ("Source", "source", 12),
    ("Locator", "locator", 16),
    ("Role", "role", 12),
    ("Language", "lang", 10),
    ("Notes", "notes", 40),
    ("Verified", "verified", 12),
    ("Reviewed by", "reviewed_by", 16),
]
CITATION_FIELDS = ("instrument", "article", "quote", "url", "source", "lang", "locator", "role")
ROW_FIELDS = ("value", "notes", "verified", "reviewed_by")
"""Fields of the answer itself: on one row of its question only (its further citation rows repeat
the id and leave these empty)."""
REQUIRED_ANSWER_FIELDS = ("id", "value", "instrument")
"""Columns the Answers sheet cannot do without; every other read column may be deleted when unused."""
REQUIRED_SOURCE_FIELDS = ("id",)

SOURCE_COLUMNS = [("Id", "id", 14), ("Title", "title", 60), ("Kind", "kind", 16), ("URL", "url", 40),
                  ("Date", "date", 12)]
SOURCE_KINDS = ["state_report", "ngo_report", "statute", "un_document", "secondary", "other"]

NONE_WORD = "none"
"""A multiple-choice answer with no option present (an empty list in YAML)."""


def column_letter(n: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(n)


def cell_label(line: int, col: int) -> str:
    """'Answers!D12' for a position encoded by the reader; '' if it is not one."""
    names = {v: k for k, v in SHEET_NUMBER.items()}
    sheet = names.get(line // SHEET_SPAN)
    if sheet is None:
        return ""
    return f"{sheet}!{column_letter(max(col, 1))}{line % SHEET_SPAN}"


def position(sheet: str, row: int, col: int) -> tuple[int, int]:
    return SHEET_NUMBER[sheet] * SHEET_SPAN + row, col
