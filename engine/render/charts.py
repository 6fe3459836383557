"""Inline SVG charts generated from assessment data: no JavaScript, no files.

Charts must read in greyscale print, so values are written as text next to
every bar. (Statuses are shown by the report's matrix of rules, each with a
mark, not colour alone.) Every SVG carries a ``<title>`` and ``<desc>``
(tagged PDF and screen readers want them). All text is XML-escaped here; the
functions return :class:`markupsafe.Markup` so templates embed them as they are.
"""
from __future__ import annotations

from html import escape
from typing import Iterable, Optional, Sequence

from markupsafe import Markup

from ..models.assessment import AreaResult
from ..judge.scoring import band_text
from ..vocabulary import Status

FONT = "'Noto Sans', 'DejaVu Sans', sans-serif"


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
    """Horizontal bars: per scored area, the band from floor (unknown as gap) to
    ceiling (unknown as met) in light grey and the proven floor in dark; the band
    written beside it, never one number alone. An area with nothing decided says so."""
    label_w, bar_w, row_h, top = 230, 330, 17, 22
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
        b = a.band
        desc = f"{a.title}: {b.headline}"
        out.append(f"<g><title>{_e(desc)}</title>")
        out.append(f'<text x="{label_w - 8}" y="{y + 12}" text-anchor="end">{_e(_clip(a.title, 40))}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="11" fill="#f2f2f2" stroke="#999" stroke-width="0.5"/>')
        if b.coverage is None or not b.assessed:
            text = "no rule applies" if b.coverage is None else "not assessed"
            out.append(f'<text x="{label_w + 6}" y="{y + 12}" fill="#555" font-style="italic">{text}</text>')
        else:
            x0 = label_w + bar_w * b.floor / 100
            x1 = label_w + bar_w * b.ceiling / 100
            out.append(f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 0):.1f}" height="11" fill="#c9d3de"/>')
            if b.sufficient:
                w = bar_w * max(0.0, min(100.0, b.floor)) / 100
                out.append(f'<rect x="{label_w}" y="{y + 6}" width="{w:.1f}" height="5" fill="#2d4a6b"/>')
                out.append(f'<text x="{label_w + bar_w + 6}" y="{y + 12}" font-weight="bold">'
                           f'{_e(band_text(b.floor, b.ceiling))}</text>')
            else:
                out.append(f'<text x="{label_w + bar_w + 6}" y="{y + 12}" fill="#555" font-style="italic">'
                           f'{_fmt(b.coverage)}% known</text>')
        out.append("</g>")
    if overall is not None:
        x = label_w + bar_w * overall / 100
        out.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 8}" stroke="#000" stroke-width="1.2"/>'
                   f'<text x="{x + 3:.1f}" y="{height - 1}" font-size="9">overall floor {_fmt(overall)}</text>')
    n = sum(a.band.assessed for a in rows)
    return _svg(width, height + 4, "Score by area (0 to 100): the band from what the answers prove to what the unknown leave open",
                f"Bar chart of {n} assessed areas: dark bar the proven floor (unknown as gap), light band from "
                f"unknown-as-gap to unknown-as-met; the overall proven floor is {_fmt(overall)}.",
                out, "chart chart-scores")


_STATUS_FILL = {"met": ("#dcefd8", "#000"), "partial": ("#f6e7b0", "#000"), "gap": ("#6e1b1b", "#fff"),
                "unknown": ("#ffffff", "#000")}


def status_bar(segments) -> Markup:
    """The assessed / not-assessed bar of the summary: one block per status, as wide
    as its share of the applicable standards, its count written inside (and its
    word where it fits); the unknown block is dashed so it reads in greyscale."""
    width, height = 560, 20
    x, body = 0.0, []
    for seg in segments:
        w = width * seg.percent / 100
        fill, ink = _STATUS_FILL.get(seg.status, ("#eee", "#000"))
        dash = ' stroke-dasharray="3 2"' if seg.status == Status.UNKNOWN else ""
        body.append(f'<rect x="{x:.1f}" y="1" width="{max(w, 0.5):.1f}" height="{height - 2}" fill="{fill}" '
                    f'stroke="#000" stroke-width="0.7"{dash}/>')
        full, short = f"{seg.label} {seg.count}", str(seg.count)
        text = full if w >= 5.8 * len(full) + 8 else short if w >= 5.8 * len(short) + 6 else ""
        if text:  # the line under the bar gives every count anyway
            body.append(f'<text x="{x + 4:.1f}" y="14" font-size="10" fill="{ink}">{_e(text)}</text>')
        x += w
    desc = "; ".join(f"{seg.label}: {seg.count}" for seg in segments)
    return _svg(width, height, "Applicable standards by status", desc, body, "statusbar")
