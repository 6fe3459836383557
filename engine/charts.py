"""Inline SVG charts generated from assessment data: no JavaScript, no files.

Charts must read in greyscale print, so values are written as text next to
every bar and the status chart tells statuses apart by pattern as well as
tone. Every SVG carries a ``<title>`` and ``<desc>`` (tagged PDF and screen
readers want them). All text is XML-escaped here; the functions return
:class:`markupsafe.Markup` so templates embed them as they are.
"""
from __future__ import annotations

from html import escape
from typing import Iterable, Optional, Sequence

from markupsafe import Markup

from .models.assessment import AreaResult

FONT = "'Noto Sans', 'DejaVu Sans', sans-serif"
STATUS_ORDER = ("met", "partial", "gap", "unknown", "not_applicable")
STATUS_LABEL = {"met": "met", "partial": "partly met", "gap": "gap", "unknown": "unknown",
                "not_applicable": "not applicable"}
# Fill and the colour of a count written on it. Tones differ in lightness so they
# survive greyscale; patterns (hatching, dots) tell partial and unknown apart.
STATUS_FILL = {"met": "#b7d7b0", "partial": "url(#lg-hatch)", "gap": "#6e1b1b",
               "unknown": "url(#lg-dots)", "not_applicable": "#ffffff"}
STATUS_INK = {"met": "#000", "partial": "#000", "gap": "#fff", "unknown": "#000", "not_applicable": "#555"}


def _e(text) -> str:
    return escape(str(text), quote=True)


def _fmt(v: Optional[float]) -> str:
    return "n/a" if v is None else (f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _svg(width: int, height: int, title: str, desc: str, body: Iterable[str], css_class: str) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'font-family="{FONT}" font-size="11">'
            f"<title>{_e(title)}</title><desc>{_e(desc)}</desc>")
    return Markup(head + "".join(body) + "</svg>")


def score_chart(areas: Sequence[AreaResult], overall: Optional[float] = None) -> Markup:
    """Horizontal bars: each scored area's score out of 100, value written beside it."""
    label_w, bar_w, row_h, top = 230, 330, 22, 24
    width = label_w + bar_w + 70
    rows = list(areas)
    height = top + row_h * len(rows) + 10
    out = []
    for tick in (0, 25, 50, 75, 100):
        x = label_w + bar_w * tick / 100
        out.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 8}" '
                   f'stroke="#bbb" stroke-width="0.6" stroke-dasharray="2,2"/>'
                   f'<text x="{x:.1f}" y="{top - 10}" text-anchor="middle" fill="#444" font-size="9">{tick}</text>')
    for i, a in enumerate(rows):
        y = top + i * row_h
        desc = f"{a.title}: score {_fmt(a.score)}" + ("" if a.coverage is None else f", coverage {_fmt(a.coverage)}%")
        out.append(f"<g><title>{_e(desc)}</title>")
        out.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{_e(_clip(a.title, 40))}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="13" fill="#f2f2f2" stroke="#999" stroke-width="0.5"/>')
        if a.score is None:
            out.append(f'<text x="{label_w + 6}" y="{y + 14}" fill="#555" font-style="italic">no rule applies</text>')
        else:
            w = bar_w * max(0.0, min(100.0, a.score)) / 100
            out.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="13" fill="#2d4a6b"/>')
            out.append(f'<text x="{label_w + bar_w + 6}" y="{y + 14}" font-weight="bold">{_fmt(a.score)}</text>')
        out.append("</g>")
    if overall is not None:
        x = label_w + bar_w * overall / 100
        out.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 8}" stroke="#000" stroke-width="1.2"/>'
                   f'<text x="{x + 3:.1f}" y="{height - 1}" font-size="9">overall {_fmt(overall)}</text>')
    n = sum(a.score is not None for a in rows)
    return _svg(width, height + 4, "Score by area (0 to 100)",
                f"Bar chart of the scores of {n} scored areas; the overall score is {_fmt(overall)}.",
                out, "chart chart-scores")


def _defs() -> str:
    return ('<defs>'
            '<pattern id="lg-hatch" patternUnits="userSpaceOnUse" width="5" height="5">'
            '<rect width="5" height="5" fill="#f3e3a6"/>'
            '<path d="M0,5 L5,0" stroke="#000" stroke-width="0.9"/></pattern>'
            '<pattern id="lg-dots" patternUnits="userSpaceOnUse" width="4" height="4">'
            '<rect width="4" height="4" fill="#fff"/><circle cx="2" cy="2" r="0.8" fill="#000"/></pattern>'
            '</defs>')


def status_chart(areas: Sequence[AreaResult]) -> Markup:
    """Stacked bars: how many rules in each area are met, partial, gap, unknown, n/a."""
    label_w, bar_w, row_h, top = 230, 360, 22, 8
    rows = [a for a in areas if sum(a.counts.model_dump().values())]
    legend_h = 26
    width = label_w + bar_w + 40
    height = top + row_h * len(rows) + legend_h
    out = [_defs()]
    for i, a in enumerate(rows):
        y = top + i * row_h
        counts = a.counts.model_dump()
        total = sum(counts.values())
        text = ", ".join(f"{counts[s]} {STATUS_LABEL[s]}" for s in STATUS_ORDER if counts[s])
        out.append(f"<g><title>{_e(a.title)}: {_e(text)}</title>")
        out.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{_e(_clip(a.title, 40))}</text>')
        x = float(label_w)
        for s in STATUS_ORDER:
            if not counts[s]:
                continue
            w = bar_w * counts[s] / total
            out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="15" fill="{STATUS_FILL[s]}" '
                       f'stroke="#000" stroke-width="0.6"/>')
            if w >= 14:
                bg = ' font-weight="bold"' if s in ("partial", "unknown") else ""
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + 14}" text-anchor="middle" fill="{STATUS_INK[s]}"{bg}>'
                           f'{counts[s]}</text>')
            x += w
        out.append(f'<text x="{label_w + bar_w + 6}" y="{y + 14}" fill="#444">{total}</text>')
        out.append("</g>")
    ly = height - legend_h + 10
    x = float(label_w)
    for s in STATUS_ORDER:
        out.append(f'<rect x="{x:.1f}" y="{ly}" width="14" height="11" fill="{STATUS_FILL[s]}" stroke="#000" stroke-width="0.6"/>'
                   f'<text x="{x + 18:.1f}" y="{ly + 9}" font-size="10">{_e(STATUS_LABEL[s])}</text>')
        x += 26 + 6.2 * len(STATUS_LABEL[s])
    return _svg(width, height, "Rules by status in each area",
                "Stacked bars counting the rules of each area that are met, partly met, a gap, "
                "unknown or not applicable; the number of rules is written in each segment.",
                out, "chart chart-status")
