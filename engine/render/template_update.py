"""`lexgap template --update FILE`: fresh guidance, the same answers.

After a ruleset change the researcher's filled questionnaire keeps every answer,
citation and note; only the guidance lexgap wrote is replaced. In a workbook
that is the read-only columns (Question, Priority, Feeds rules, Guidance, Asked
when) of each question's row, and questions new in the ruleset are added at the
end. In YAML it is the block of comment lines directly above each question id
in `answers` (the block the template wrote); comments anywhere else stay, and
the update is refused if the data read back differ in any way.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from ..load.problems import InputError, Problem
from ..load.ruleset import Ruleset

_ANSWER_KEY = re.compile(r"^  ([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)\s*:")


def update_yaml(text: str, ruleset: Ruleset, path: str) -> str:
    from .template import question_comments
    from ..load.yamlsource import parse_yaml
    before = parse_yaml(text, path).data
    lines = text.splitlines()
    out: list[str] = []
    in_answers = False
    for line in lines:
        if re.match(r"^answers\s*:", line):
            in_answers = True
        elif line and not line[0].isspace() and not line.startswith("#"):
            in_answers = False
        m = _ANSWER_KEY.match(line) if in_answers else None
        if m and m.group(1) in ruleset.questions:
            while out and out[-1].startswith("  #") and not out[-1].startswith("  # ──"):
                out.pop()
            out += question_comments(ruleset, ruleset.questions[m.group(1)])
        out.append(line)
    new = "\n".join(out) + ("\n" if text.endswith("\n") else "")
    if parse_yaml(new, path).data != before:  # never: comments only; a guard all the same
        raise InputError([Problem(path, 1, 1, "cannot refresh the guidance without changing the answers; "
                                              "file left as it was")])
    return new


def update_workbook(path: str, ruleset: Ruleset) -> bytes:
    """The workbook with fresh guidance. It is read first exactly as `validate` reads it, and
    refused if that reading found a problem; then only the cells of the rows that reading
    found are rewritten (never the whole grid: one cell at XFD1048576 would make it billions)."""
    import warnings

    from openpyxl import load_workbook

    from ..judge import guidance
    from ..load.sheet_layout import ANSWERS, MAX_ROWS
    from ..load.sheet_read import DAMAGED, _fail, _raw, load_workbook_bytes
    from .sheet_write import ANSWER_FILL, WRAP, guidance_cells, set_cell
    raw = _raw(path)  # read once: the file checked is the file rewritten
    doc = load_workbook_bytes(raw, path)
    if doc.problems:
        raise InputError(doc.labelled([]))
    layout = doc.layout
    if not layout:
        raise _fail(path, "the Answers sheet has no header row; nothing to refresh")
    country = doc.data.get("country") if isinstance(doc.data.get("country"), str) else "XXX"
    asked, selected = guidance.profile_questions(ruleset, country, doc.data.get("profile"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(raw))
        ws = wb[doc.sheets.get(ANSWERS, ANSWERS)]
        header = layout["headers"]
        id_col, answer_col = header["question id"], header["answer"]
        for qid, r in layout["rows"].items():
            q = ruleset.questions.get(qid)
            if q is None:
                continue
            for name, text in guidance_cells(ruleset, q, selected).items():
                if name.lower() in header:
                    set_cell(ws, r, header[name.lower()], text).alignment = WRAP
        missing = [q for q in asked if q.id not in layout["rows"]]
        r = layout["last_row"] + 2
        if missing and r + len(missing) > MAX_ROWS:
            raise _fail(path, f"no room for {len(missing)} new question(s) below row {layout['last_row']}")
        if missing:
            set_cell(ws, r, header.get("question", answer_col), f"New in ruleset {ruleset.id} {ruleset.version}")
            for q in missing:
                r += 1
                set_cell(ws, r, id_col, q.id)
                set_cell(ws, r, answer_col, "unknown").fill = ANSWER_FILL
                for name, text in guidance_cells(ruleset, q, selected).items():
                    if name.lower() in header:
                        set_cell(ws, r, header[name.lower()], text).alignment = WRAP
        buf = io.BytesIO()
        wb.save(buf)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a part openpyxl's full reader or writer cannot take
        raise _fail(path, f"cannot refresh the guidance ({type(exc).__name__}): {DAMAGED}") from None
    return buf.getvalue()


def update_file(path: Path) -> bytes | str:
    """The refreshed content of ``path``, for the ruleset the file names."""
    from ..judge.questionnaire import load_document
    from ..load.ruleset_loader import available_rulesets, load_ruleset
    from ..load.sheet_read import SPREADSHEET_SUFFIXES
    doc = load_document(path)
    rid = doc.data.get("ruleset", "demand-sec") if isinstance(doc.data, dict) else None
    if rid not in available_rulesets():
        raise InputError([Problem(str(path), 1, 1, f"unknown ruleset {rid!r}; available: "
                                                   f"{', '.join(available_rulesets())}")])
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        return update_workbook(str(path), load_ruleset(rid))
    return update_yaml(doc.text, load_ruleset(rid), str(path))
