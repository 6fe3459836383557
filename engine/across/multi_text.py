"""Text, CSV and XLSX renderings of comparisons, diffs and reconciliations."""
from __future__ import annotations

import csv
import io
import textwrap

from .compare import score_cell
from ..load.countries import jurisdiction_label
from ..models.comparison import Column, Comparison, Diff, Reconciliation, rule_summary
from ..render.text_report import fit, fmt_score, text_width
from ..vocabulary import LETTER_LEGEND, STATUS_LABEL, STATUS_LETTER, Status

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet may read a cell starting with one of these as a formula (OWASP
"CSV injection"): a country name from a user-assigned code or a rule title from
a LEXGAP_RULESETS_DIR ruleset could then run =HYPERLINK(...) or =cmd|... ."""

MARK = STATUS_LETTER
LEGEND = LETTER_LEGEND


def _fmt_delta(d) -> str:
    return "n/a" if d is None else f"{d:+.1f}"


def _label(where: dict[str, str]) -> str:
    """'United States — New York (US-NY)' from a diff's or reconciliation's `country`."""
    return jurisdiction_label(where["code"], where["name"], where.get("subdivision"))


def _short(col: Column) -> str:
    """Rule matrix header: the country code, or the subdivision code ('US-NY') for a state's law."""
    return col.subdivision or col.key[:3]


def comparison_text(c: Comparison, width: int | None = None) -> str:
    """Prose lines wrap at `width` (default: the terminal's); the area and rule matrices keep one
    row per line, so with many columns they may be wider (the XLSX, CSV and HTML hold the same matrix)."""
    width = width or text_width()
    keys = [col.key for col in c.columns]
    width_key = max([len(k) for k in keys] + [5])
    lines = [f"Comparison of {len(keys)} questionnaires · ruleset {c.ruleset.get('id')} {c.ruleset.get('version')}", "",
             textwrap.fill("Score = the band, from what the answers prove (unknown counted as gap) to what is "
                           "possible (unknown counted as met); rank = by the proven floor, then coverage (ties share a rank); "
                           "coverage = share of applicable rule weight decided; a column below the coverage "
                           "threshold gets no band ('insufficient') but is ranked by its floor.", width), ""]
    if c.deviations:
        lines[2:2] = [textwrap.fill("WHAT IF (not the ruleset's assessment): " + "; ".join(c.deviations), width), ""]
    for col in c.columns:
        n, b = col.counts, col.band
        lines.append(f"{col.key:<{width_key}}  {jurisdiction_label(col.code, col.name, col.subdivision)}, "
                     f"law as of {col.as_of} · profile {col.profile} · score {score_cell(b)} · "
                     f"coverage {fmt_score(col.coverage)}% · rank {col.rank if col.rank else '-'} · "
                     f"met {n.met} · partial {n.partial} · gap {n.gap} · unknown {n.unknown} · "
                     f"wave {col.wave if col.wave is not None else '?'}")
    lines = fit(lines, width, hang=width_key + 2)
    cells = {(a.id, k): score_cell(a.bands.get(k), floor=True) for a in c.areas for k in keys}
    cell_w = max([width_key + 2, 20] + [len(v) + 2 for v in cells.values()])
    title_w = min(max([len(a.title) for a in c.areas] + [4]), 40)
    lines += ["", "Area scores (band, proven–possible; ≥ the floor the answers prove where there is no band):",
              f"{'area':<{title_w}}" + "".join(f"{k:>{cell_w}}" for k in keys)]
    for a in c.areas:
        title = a.title if len(a.title) <= title_w else a.title[:title_w - 1] + "…"
        lines.append(f"{title:<{title_w}}" + "".join(f"{cells[(a.id, k)]:>{cell_w}}" for k in keys))
    short = [_short(col) for col in c.columns]
    w = max([len(s) for s in short] + [3])
    lines += ["", f"Rules ({LEGEND}):", f"{'rule':<8}" + " ".join(f"{s:>{w}}" for s in short) + "  summary"]
    title_at = 8 + len(keys) * (w + 1) + 1
    for r in c.rules:
        row = f"{r.rule:<8}" + " ".join(f"{MARK[r.statuses[k]]:>{w}}" for k in keys) + f"  {r.title}: {rule_summary(r.totals)}"
        lines += fit([row], width, hang=title_at if title_at <= width // 2 else 8)
    return "\n".join(fit(lines, width, hang=8)) + "\n"


def csv_cell(value):
    """A CSV cell a spreadsheet will not evaluate: text that could start a formula
    gets a leading ' (numbers, negative ones included, stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _SafeWriter:
    """csv.writer whose rows pass through :func:`csv_cell`."""

    def __init__(self, buf, delimiter: str = ","):
        self._w = csv.writer(buf, lineterminator="\r\n", delimiter=delimiter)

    def writerow(self, row) -> None:
        self._w.writerow([csv_cell(v) for v in row])


BOM = "\ufeff"
"""Excel reads a CSV as UTF-8 only when it starts with the byte order mark; without it, accents and
dashes come out garbled on Windows."""


def comparison_csv(c: Comparison, delimiter: str = ",") -> str:
    """One row per rule (statuses by column), then one row per area and the overall
    score and coverage (numbers by column); the same numbers as the JSON. UTF-8 with a
    byte order mark and CRLF line ends, as Excel expects; `delimiter` ';' for Excel in
    locales whose decimal mark is a comma."""
    keys = [col.key for col in c.columns]
    buf = io.StringIO()
    buf.write(BOM)
    w = _SafeWriter(buf, delimiter)
    w.writerow(["row", "id", "title", "area", "severity", *keys, "met", "partial", "gap", "unknown", "not_applicable"])
    for r in c.rules:
        t = r.totals
        w.writerow(["rule", r.rule, r.title, r.area, r.severity, *[r.statuses[k] for k in keys],
                    t.met, t.partial, t.gap, t.unknown, t.not_applicable])
    num = lambda x: "" if x is None else x
    for a in c.areas:
        w.writerow(["area_score", a.id, a.title, "", "", *[_cell_value(a.bands.get(k)) for k in keys]])
    w.writerow(["profile", "overall", "Profile", "", "", *[col.profile for col in c.columns]])
    w.writerow(["score", "overall", "Score band (proven floor–possible ceiling)", "", "",
                *[_cell_value(col.band) for col in c.columns]])
    w.writerow(["rank", "overall", "Rank by floor, then coverage; ties share a rank (every assessed column)", "", "",
                *[num(col.rank) for col in c.columns]])
    w.writerow(["score_floor", "overall", "Score with unknown as gap", "", "", *[num(col.score) for col in c.columns]])
    w.writerow(["score_ceiling", "overall", "Score with unknown as met", "", "",
                *[num(col.band.ceiling if col.band else None) for col in c.columns]])
    w.writerow(["coverage", "overall", "Coverage", "", "", *[num(col.coverage) for col in c.columns]])
    for d in c.deviations:  # a what-if run says so in the file itself
        w.writerow(["deviation", "what_if", d, "", "", *["" for _ in c.columns]])
    return buf.getvalue()


def _cell_value(band):
    """The band as text ('60.3–100.0'), a number only when floor and ceiling coincide, else why not."""
    text = score_cell(band)
    whole = band is not None and band.sufficient and band.assessed and band.floor == band.ceiling
    return band.floor if whole else text


STATUS_FILL = {"met": "C6EFCE", "partial": "FFEB9C", "gap": "FFC7CE", "unknown": "D9D9D9", "not_applicable": "FFFFFF"}
SEVERITY_LABEL = {"critical": "Critical", "high": "High", "medium": "Medium", "low": "Low"}
SCORE_FORMAT, PERCENT_FORMAT, DATE_FORMAT, COUNT_FORMAT = "0.0", '0.0"%"', "yyyy-mm-dd", "0"


def column_heading(col: Column) -> str:
    """'Kenya 2015' (the state's name for sub-national law), '#2' kept when two share it."""
    name = col.subdivision_name or col.subdivision or col.name
    suffix = col.key[col.key.index(" #"):] if " #" in col.key else ""
    return f"{name} {col.as_of.year}{suffix}"


def comparison_xlsx(c: Comparison, results=None) -> bytes:
    """The comparison for Excel: words in the cells (ids in their own column), a heading per
    questionnaire with its country and year, filters, fitted widths, real dates and number formats,
    a Legend sheet, an Answers sheet with every answer and citation (when the assessments are
    given), title and author, and a landscape print setup repeating the header row."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import PatternFill

    heads = [column_heading(col) for col in c.columns]
    keys = [col.key for col in c.columns]
    area_title = {a.id: a.title for a in c.areas}
    area_title.setdefault("context", "Context")
    wb = Workbook()
    ws = wb.active
    ws.title = "Countries"
    _append(ws, ["Column", "Code", "Country", "Law as of", "Profile", "Score band (proven–possible)", "Rank",
                 "Coverage (%)", "Score with unknown as gap", "Score with unknown as met",
                 *STATUS_LABEL.values(), "Wave", "Subdivision code", "Subdivision", "File"])
    for col, head in zip(c.columns, heads):
        n, b = col.counts, col.band
        _append(ws, [head, col.code, col.name, col.as_of, col.profile_title or col.profile,
                     _cell_value(b), col.rank, col.coverage, col.score, b.ceiling if b else None,
                     n.met, n.partial, n.gap, n.unknown, n.not_applicable, col.wave, col.subdivision,
                     col.subdivision_name, col.file])
    _formats(ws, {4: DATE_FORMAT, 6: SCORE_FORMAT, 7: COUNT_FORMAT, 8: PERCENT_FORMAT, 9: SCORE_FORMAT,
                  10: SCORE_FORMAT, **{i: COUNT_FORMAT for i in range(11, 17)}})

    rules = wb.create_sheet("Rules")
    _append(rules, ["Rule", "Standard", "Area", "Severity", *heads, *STATUS_LABEL.values(), "Summary"])
    for r in c.rules:
        t = r.totals
        _append(rules, [r.rule, r.title, area_title.get(r.area, r.area), SEVERITY_LABEL.get(r.severity, r.severity),
                        *[STATUS_LABEL[r.statuses[k]] for k in keys],
                        t.met, t.partial, t.gap, t.unknown, t.not_applicable, rule_summary(t)])
        row = rules.max_row
        for j, k in enumerate(keys):
            rules.cell(row=row, column=5 + j).fill = PatternFill("solid", fgColor=STATUS_FILL[r.statuses[k]])

    areas = wb.create_sheet("Areas")
    _append(areas, ["Area id", "Area", *[f"{h}: score" for h in heads], *[f"{h}: coverage (%)" for h in heads]])
    for a in c.areas:
        bands = [a.bands.get(k) for k in keys]
        _append(areas, [a.id, a.title, *[_cell_value(b) for b in bands],
                        *[b.coverage if b is not None else None for b in bands]])
    n = len(keys)
    _formats(areas, {**{3 + j: SCORE_FORMAT for j in range(n)}, **{3 + n + j: PERCENT_FORMAT for j in range(n)}})
    if c.areas and n:
        from openpyxl.utils import get_column_letter
        span = f"C2:{get_column_letter(2 + n)}{areas.max_row}"
        areas.conditional_formatting.add(span, ColorScaleRule(start_type="num", start_value=0, start_color="F8696B",
                                                              mid_type="num", mid_value=50, mid_color="FFEB84",
                                                              end_type="num", end_value=100, end_color="63BE7B"))

    answers = wb.create_sheet("Answers")
    _answers_sheet(answers, c, results, heads)
    legend = wb.create_sheet("Legend")
    _legend_sheet(legend, c)

    for sheet in (ws, rules, areas, answers):
        _dress(sheet, landscape=True)
    _dress(legend, landscape=False, table=False)
    wb.properties.title = "lexgap comparison: " + ", ".join(heads)
    wb.properties.creator = c.generator
    wb.properties.subject = f"Ruleset {c.ruleset.get('id')} {c.ruleset.get('version')}"
    wb.properties.description = "Legal framework gap assessment: rules by country, area scores, answers and citations."
    for sheet in wb.worksheets:
        _neutralise_sheet(sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _answers_sheet(sheet, c: Comparison, results, heads: list[str]) -> None:
    _append(sheet, ["Column", "Country", "Law as of", "Area", "Question id", "Question", "Answer", "State",
                    "Instrument", "Article", "Quote", "URL", "Notes", "Verified"])
    if not results:
        _append(sheet, ["(the answers are written by `lexgap compare`; this comparison was made without them)"])
        return
    for head, r in zip(heads, results):
        area_title = {"context": "Context", **{a.id: a.title for a in r.areas}}
        for a in [*r.context, *r.answers]:
            if a.state in ("unanswered", "skipped") and not a.citations:
                continue
            base = [head, r.country.name, r.as_of, area_title.get(a.area, a.area), a.question, a.text,
                    a.label or str(a.value), a.state.replace("_", " ")]
            tail = [a.notes, a.verified]
            if not a.citations:
                _append(sheet, [*base, None, None, None, None, *tail])
            for cite in a.citations:
                _append(sheet, [*base, cite.instrument, cite.article, cite.quote, cite.url, *tail])
    _formats(sheet, {3: DATE_FORMAT, 14: DATE_FORMAT})


def _legend_sheet(sheet, c: Comparison) -> None:
    from openpyxl.styles import Font, PatternFill
    rows = [
        ["lexgap comparison", None],
        ["Made by", c.generator],
        ["Ruleset", f"{c.ruleset.get('id')} {c.ruleset.get('version')}"],
        *[["What if (not the ruleset's assessment)", d] for d in c.deviations],
        [None, None],
        ["Status", "Meaning"],
        *[[s.label, s.meaning] for s in Status],
        [None, None],
        ["Column", "Meaning"],
        ["Score band (proven–possible)", "0 to 100: from the score with every unknown standard as a gap (what "
                                         "the answers prove) to the score with every unknown as met; one number "
                                         "only when nothing is unknown; none when coverage is below the "
                                         "threshold ('insufficient (N%)')."],
        ["Coverage (%)", "Share of the applicable standards, by weight, that the answers decide."],
        ["Score with unknown as gap / as met", "The range the score could take once the unknown is known."],
        ["Rank", "By the proven floor, ties by coverage (full ties share a rank), among every assessed column, "
                 "whatever its coverage; 1 is the highest."],
        ["Wave", "The legislative approach (1 to 3); blank when not known."],
        [None, None],
        ["Sheet", "What it holds"],
        ["Countries", "One row per questionnaire: scores, coverage, counts."],
        ["Rules", "One row per standard: each questionnaire's status, and totals."],
        ["Areas", "One row per area: each questionnaire's score and coverage (blank or words when not assessed)."],
        ["Answers", "Every answer each questionnaire gives, with its citations (one row per citation)."],
    ]
    for row in rows:
        _append(sheet, row)
    sheet["A1"].font = Font(bold=True, size=14)
    for r in (5, 12, 19):
        for cell in sheet[r]:
            cell.font = Font(bold=True)
    for i, status in enumerate(STATUS_LABEL, start=6):
        sheet.cell(row=i, column=1).fill = PatternFill("solid", fgColor=STATUS_FILL[status])


def _formats(sheet, formats: dict[int, str]) -> None:
    """Number formats by column (1-based), below the header row."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            fmt = formats.get(cell.column)
            if fmt and not isinstance(cell.value, str):
                cell.number_format = fmt


def _dress(sheet, landscape: bool, table: bool = True) -> None:
    """Bold wrapped header, frozen panes, filter, widths fitted to the content, print setup."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    if table:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = sheet.dimensions
        sheet.print_title_rows = "1:1"
    for idx, column in enumerate(sheet.iter_cols(), start=1):
        longest = 0
        for i, cell in enumerate(column):
            if cell.value is None:
                continue
            text = cell.value.isoformat() if hasattr(cell.value, "isoformat") else str(cell.value)
            size = len(text) if i or not table else min(len(text), 24)  # headers wrap
            longest = max(longest, size)
            if len(text) > 60:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(idx)].width = max(8, min(60, longest + 2))
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&A · page &P of &N"


def _neutralise_sheet(sheet) -> None:
    """Every text cell stays text: openpyxl stores a string starting with = as a
    formula, so such cells are forced back to the string type and given Excel's
    quotePrefix (the invisible leading '), which LibreOffice honours too."""
    for row in sheet.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            if cell.data_type == "f" or cell.value.startswith(FORMULA_START):
                cell.data_type = "s"
                cell.quotePrefix = True


def _append(sheet, row) -> None:
    """sheet.append, minus the control characters XML 1.0 cannot hold (openpyxl
    would raise IllegalCharacterError and the whole workbook would be lost)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])


NEWLY = {"not_applicable": "  (now applies)", "unknown": "  (now known)"}
"""Why an opened rule did not fall short before: it did not apply, or the law was not known."""
REGRESSIONS = "Regressions (the law got worse, still partly met)"
NO_LONGER_ANSWERED = "No longer answered (whether the law changed is not known; counted as a gap)"
"""Not 'research, not a change in the law': nobody can say that of a question left unanswered (review 11, F5)."""


def _why(c, regressed: set[str]) -> str:
    """Why an opened rule falls short now: the law got worse, the rule now applies, or the law is now known."""
    if c.kind != "opened":
        return ""
    return "  (regression)" if c.rule in regressed else NEWLY.get(c.old, "")


def _answer(side) -> str:
    cites = "; ".join(" ".join(x for x in (c.instrument, c.article) if x) for c in side.citations)
    if side.value in ("unknown", "unanswered", "not_applicable") and not cites:
        return f"{side.label}"
    return f"{side.label}" + (f"  [{cites}]" if cites else "  [no citation]")


def possible_regressions(d) -> list:
    """The rules the OLD file left unknown that fall short now: the law's share counts each as a possible
    regression (engine/across/diff.py, `_law_baseline`)."""
    return [c for c in d.changes if c.old == "unknown" and c.new in ("gap", "partial")
            and c.rule not in d.newly_answered]


def _law_share(d) -> str:
    """"; the law's share +2.5 to +7.2: ..." when answers given on one side only leave the law's part open."""
    why = []
    if d.newly_answered:
        why.append(f"{len(d.newly_answered)} standard(s) answered only now, research rather than law")
    possible = possible_regressions(d)
    if possible:
        why.append(f"{len(possible)} standard(s) unknown before and short of met now, counted as possible regressions")
    if d.no_longer_answered:
        why.append(f"{len(d.no_longer_answered)} standard(s) no longer answered, whether the law changed there is "
                   "not known, counted as a gap")
    if not why:
        return ""
    return f"; the law's share {_fmt_delta(d.floor_delta_law)} to {_fmt_delta(d.floor_delta_law_max)}: " + "; ".join(why)


def diff_text(d: Diff, width: int | None = None) -> str:
    width = width or text_width()
    o, n = d.old, d.new
    if d.forced:
        was = _label(o.country) if o.country else "another jurisdiction"
        head = f"{was}, {o.as_of} → {_label(d.country)}, {n.as_of}  (different jurisdictions compared with --force)"
    else:
        head = f"{_label(d.country)}: {o.as_of} → {n.as_of}"
    lines = [head,
             f"Score: {o.band.headline if o.band else fmt_score(o.score)} → {n.band.headline if n.band else fmt_score(n.score)}",
             f"Floor (unknown as gap) {fmt_score(o.score)} → {fmt_score(n.score)} ({_fmt_delta(d.score_delta)}"
             + _law_share(d)
             + f") · coverage {fmt_score(o.coverage)}% → {fmt_score(n.coverage)}% ({_fmt_delta(d.coverage_delta)})",
             f"Gaps closed: {len(d.closed)} · gaps opened: {len(d.opened)} · regressions: {len(d.regressions)} · "
             + (f"no longer answered: {len(d.no_longer_answered)} · " if d.no_longer_answered else "")
             + f"status changes: {len(d.changes)} · answers changed: {len(d.answers_changed)}", ""]
    if d.deviations:  # a what-if run says so before its numbers (review 13, N3)
        lines[1:1] = [textwrap.fill("WHAT IF (not the ruleset's assessment): " + "; ".join(d.deviations), width)]
    regressed = {c.rule for c in d.regressions}
    for title, items in (("Gaps closed", d.closed), ("Gaps opened", d.opened),
                         (REGRESSIONS, [c for c in d.regressions if c.kind != "opened"]),
                         (NO_LONGER_ANSWERED, [c for c in d.changes if c.kind == "no_longer_known"]),
                         ("Other status changes", [c for c in d.changes if c.rule not in regressed
                                                   and c.kind not in ("closed", "opened", "no_longer_known")])):
        if items:
            lines.append(f"{title}:")
            lines += [f"  {c.rule:<7} {c.old} → {c.new}  {c.title}{_why(c, regressed)}" for c in items]
            lines.append("")
    if d.answers_changed:
        lines.append("Answers changed:")
        for a in d.answers_changed:
            lines.append(f"  {a.question}: {a.text}")
            lines.append(f"    was: {_answer(a.old)}")
            lines.append(f"    now: {_answer(a.new)}")
    return "\n".join(fit(lines, width)) + "\n"


def reconcile_text(r: Reconciliation, width: int | None = None) -> str:
    width = width or text_width()
    la, lb = r.a.label or "A", r.b.label or "B"
    pad = max(len(la), len(lb))
    lines = [f"{_label(r.country)} as of {r.as_of}: two accounts compared"
             + ("  (forced)" if r.forced else ""),
             f"{la:<{pad}}: {r.a.file} — {', '.join(r.a.sources) or 'no sources named'} (score {fmt_score(r.a.score)})",
             f"{lb:<{pad}}: {r.b.file} — {', '.join(r.b.sources) or 'no sources named'} (score {fmt_score(r.b.score)})",
             f"Profile {r.profile} · {len(r.disagreements)} disagreements · {r.agreed} answers agree · "
             f"{len(r.findings)} findings differ", ""]
    if r.deviations:
        lines[4:4] = [textwrap.fill("WHAT IF (not the ruleset's assessment): " + "; ".join(r.deviations), width), ""]
    for d in r.disagreements:
        lines.append(f"{d.question}: {d.text}")
        lines.append(f"  {la:<{pad}}: {_answer(d.a)}")
        lines.append(f"  {lb:<{pad}}: {_answer(d.b)}")
        if d.rules:
            lines.append(f"  read by: {', '.join(d.rules)}")
        if d.follows:
            lines.append(f"  and so: {', '.join(d.follows)} (asked only given this answer)")
    if r.findings:
        lines += ["", "Findings that differ:"]
        lines += [f"  {f.rule:<7} {la} {f.a} · {lb} {f.b}  {f.title}" for f in r.findings]
    if r.list_of_issues:
        lines += ["", "List of issues:"]
        lines += [f"  {i}. {text}" for i, text in enumerate(r.list_of_issues, 1)]
    return "\n".join(fit(lines, width)) + "\n"
