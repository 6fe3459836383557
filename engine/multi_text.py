"""Text, CSV and XLSX renderings of comparisons, diffs and reconciliations."""
from __future__ import annotations

import csv
import io

from .compare import score_cell
from .countries import jurisdiction_label
from .models.comparison import Column, Comparison, Diff, Reconciliation
from .text_report import DEFAULT_WIDTH, fit, fmt_score

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet may read a cell starting with one of these as a formula (OWASP
"CSV injection"): a country name from a user-assigned code or a rule title from
a LEXGAP_RULESETS_DIR ruleset could then run =HYPERLINK(...) or =cmd|... ."""

MARK = {"met": "M", "partial": "P", "gap": "G", "unknown": "?", "not_applicable": "-"}
LEGEND = "M met · P partly met · G gap · ? unknown · - not applicable"


def _fmt_delta(d) -> str:
    return "n/a" if d is None else f"{d:+.1f}"


def _label(where: dict[str, str]) -> str:
    """'United States — New York (US-NY)' from a diff's or reconciliation's `country`."""
    return jurisdiction_label(where["code"], where["name"], where.get("subdivision"))


def _short(col: Column) -> str:
    """Rule matrix header: the country code, or the subdivision code ('US-NY') for a state's law."""
    return col.subdivision or col.key[:3]


def comparison_text(c: Comparison, width: int = DEFAULT_WIDTH) -> str:
    """Prose lines wrap at `width`; the area and rule matrices keep one row per line, so with many
    columns they may be wider (the XLSX, CSV and HTML hold the same matrix)."""
    keys = [col.key for col in c.columns]
    width_key = max([len(k) for k in keys] + [5])
    lines = [f"Comparison of {len(keys)} questionnaires · ruleset {c.ruleset.get('id')} {c.ruleset.get('version')}", "",
             "Score = on decided standards; range = unknown counted as gap / as met; "
             "columns below the coverage threshold are not scored or ranked.", ""]
    for col in c.columns:
        n, b = col.counts, col.band
        rng = f"{fmt_score(b.floor)}–{fmt_score(b.ceiling)}" if b else "n/a"
        lines.append(f"{col.key:<{width_key}}  {jurisdiction_label(col.code, col.name, col.subdivision)}, "
                     f"law as of {col.as_of} · profile {col.profile_title or col.profile}")
        lines.append(f"{'':<{width_key}}  score {score_cell(b)} · coverage {fmt_score(col.coverage)}% · range {rng} · "
                     f"rank {col.rank if col.rank else '-'} · met {n.met} · partial {n.partial} · gap {n.gap} · "
                     f"unknown {n.unknown} · wave {col.wave if col.wave is not None else '?'}")
    cell_w = max(width_key + 2, 20)
    title_w = min(max([len(a.title) for a in c.areas] + [4]), 40)
    lines += ["", "Area scores (on decided standards):", f"{'area':<{title_w}}" + "".join(f"{k:>{cell_w}}" for k in keys)]
    for a in c.areas:
        title = a.title if len(a.title) <= title_w else a.title[:title_w - 1] + "…"
        lines.append(f"{title:<{title_w}}" + "".join(f"{score_cell(a.bands.get(k)):>{cell_w}}" for k in keys))
    short = [_short(col) for col in c.columns]
    w = max([len(s) for s in short] + [3])
    lines += ["", f"Rules ({LEGEND}):", f"{'rule':<8}" + " ".join(f"{s:>{w}}" for s in short) + "  summary"]
    for r in c.rules:
        lines.append(f"{r.rule:<8}" + " ".join(f"{MARK[r.statuses[k]]:>{w}}" for k in keys) + f"  {r.title}: {r.summary}")
    return "\n".join(fit(lines, width, hang=10)) + "\n"


def csv_cell(value):
    """A CSV cell a spreadsheet will not evaluate: text that could start a formula
    gets a leading ' (numbers, negative ones included, stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _SafeWriter:
    """csv.writer whose rows pass through :func:`csv_cell`."""

    def __init__(self, buf):
        self._w = csv.writer(buf, lineterminator="\n")

    def writerow(self, row) -> None:
        self._w.writerow([csv_cell(v) for v in row])


def comparison_csv(c: Comparison) -> str:
    """One row per rule (statuses by column), then one row per area and the overall
    score and coverage (numbers by column); the same numbers as the JSON."""
    keys = [col.key for col in c.columns]
    buf = io.StringIO()
    w = _SafeWriter(buf)
    w.writerow(["row", "id", "title", "area", "severity", *keys, "met", "partial", "gap", "unknown", "not_applicable"])
    for r in c.rules:
        t = r.totals
        w.writerow(["rule", r.rule, r.title, r.area, r.severity, *[r.statuses[k] for k in keys],
                    t.met, t.partial, t.gap, t.unknown, t.not_applicable])
    num = lambda x: "" if x is None else x
    for a in c.areas:
        w.writerow(["area_score", a.id, a.title, "", "", *[_cell_value(a.bands.get(k)) for k in keys]])
    w.writerow(["profile", "overall", "Profile", "", "", *[col.profile for col in c.columns]])
    w.writerow(["score", "overall", "Score on decided standards", "", "", *[_cell_value(col.band) for col in c.columns]])
    w.writerow(["rank", "overall", "Rank (sufficient coverage only)", "", "", *[num(col.rank) for col in c.columns]])
    w.writerow(["score_floor", "overall", "Score with unknown as gap", "", "", *[num(col.score) for col in c.columns]])
    w.writerow(["score_ceiling", "overall", "Score with unknown as met", "", "",
                *[num(col.band.ceiling if col.band else None) for col in c.columns]])
    w.writerow(["coverage", "overall", "Coverage", "", "", *[num(col.coverage) for col in c.columns]])
    return buf.getvalue()


def _cell_value(band):
    """A number when one score may be printed, else the words saying why not."""
    text = score_cell(band)
    return band.decided if band is not None and band.sufficient and band.assessed else text


def comparison_xlsx(c: Comparison) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fills = {"met": "C6EFCE", "partial": "FFEB9C", "gap": "FFC7CE", "unknown": "D9D9D9", "not_applicable": "FFFFFF"}
    keys = [col.key for col in c.columns]
    wb = Workbook()
    ws = wb.active
    ws.title = "Countries"
    _append(ws, ["key", "code", "country", "as_of", "profile", "score on decided standards", "rank", "coverage",
                 "score with unknown as gap", "score with unknown as met", "met", "partial", "gap",
                 "unknown", "not_applicable", "wave", "subdivision", "subdivision_name"])
    for col in c.columns:
        n, b = col.counts, col.band
        _append(ws, [col.key, col.code, col.name, col.as_of.isoformat(), col.profile_title or col.profile,
                     _cell_value(b), col.rank, col.coverage, col.score, b.ceiling if b else None,
                     n.met, n.partial, n.gap, n.unknown, n.not_applicable, col.wave, col.subdivision,
                     col.subdivision_name])
    rules = wb.create_sheet("Rules")
    _append(rules, ["rule", "title", "area", "severity", *keys, "met", "partial", "gap", "unknown", "not_applicable"])
    for r in c.rules:
        t = r.totals
        _append(rules, [r.rule, r.title, r.area, r.severity, *[r.statuses[k] for k in keys],
                        t.met, t.partial, t.gap, t.unknown, t.not_applicable])
        row = rules.max_row
        for j, k in enumerate(keys):
            rules.cell(row=row, column=5 + j).fill = PatternFill("solid", fgColor=fills[r.statuses[k]])
    areas = wb.create_sheet("Areas")
    _append(areas, ["area", "title", *keys])
    for a in c.areas:
        _append(areas, [a.id, a.title, *[_cell_value(a.bands.get(k)) for k in keys]])
    for sheet in (ws, rules, areas):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True)
        sheet.freeze_panes = "B2"
        for idx in range(1, sheet.max_column + 1):
            sheet.column_dimensions[get_column_letter(idx)].width = 12
    rules.column_dimensions["B"].width = 50
    for sheet in (ws, rules, areas):
        _neutralise_sheet(sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


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


def _answer(side) -> str:
    cites = "; ".join(" ".join(x for x in (c.instrument, c.article) if x) for c in side.citations)
    if side.value in ("unknown", "unanswered", "not_applicable") and not cites:
        return f"{side.label}"
    return f"{side.label}" + (f"  [{cites}]" if cites else "  [no citation]")


def diff_text(d: Diff, width: int = DEFAULT_WIDTH) -> str:
    o, n = d.old, d.new
    if d.forced:
        was = _label(o.country) if o.country else "another jurisdiction"
        head = f"{was}, {o.as_of} → {_label(d.country)}, {n.as_of}  (different jurisdictions compared with --force)"
    else:
        head = f"{_label(d.country)}: {o.as_of} → {n.as_of}"
    lines = [head,
             f"Score: {o.band.headline if o.band else fmt_score(o.score)} → {n.band.headline if n.band else fmt_score(n.score)}",
             f"Floor (unknown as gap) {fmt_score(o.score)} → {fmt_score(n.score)} ({_fmt_delta(d.score_delta)}) · "
             f"coverage {fmt_score(o.coverage)}% → {fmt_score(n.coverage)}% ({_fmt_delta(d.coverage_delta)})",
             f"Gaps closed: {len(d.closed)} · gaps opened: {len(d.opened)} · status changes: {len(d.changes)} · "
             f"answers changed: {len(d.answers_changed)}", ""]
    for title, items in (("Gaps closed", d.closed), ("Gaps opened", d.opened),
                         ("Other status changes", [c for c in d.changes if c.kind not in ("closed", "opened")])):
        if items:
            lines.append(f"{title}:")
            lines += [f"  {c.rule:<7} {c.old} → {c.new}  {c.title}{NEWLY.get(c.old, '') if c.kind == 'opened' else ''}"
                      for c in items]
            lines.append("")
    if d.answers_changed:
        lines.append("Answers changed:")
        for a in d.answers_changed:
            lines.append(f"  {a.question}: {a.text}")
            lines.append(f"    was: {_answer(a.old)}")
            lines.append(f"    now: {_answer(a.new)}")
    return "\n".join(fit(lines, width)) + "\n"


def reconcile_text(r: Reconciliation, width: int = DEFAULT_WIDTH) -> str:
    la, lb = r.a.label or "A", r.b.label or "B"
    pad = max(len(la), len(lb))
    lines = [f"{_label(r.country)} as of {r.as_of}: two accounts compared"
             + ("  (forced)" if r.forced else ""),
             f"{la:<{pad}}: {r.a.file} — {', '.join(r.a.sources) or 'no sources named'} (score {fmt_score(r.a.score)})",
             f"{lb:<{pad}}: {r.b.file} — {', '.join(r.b.sources) or 'no sources named'} (score {fmt_score(r.b.score)})",
             f"Profile {r.profile} · {len(r.disagreements)} disagreements · {r.agreed} answers agree · "
             f"{len(r.findings)} findings differ", ""]
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
