"""Plain-text rendering of an assessment, for the terminal."""
from __future__ import annotations

import os
import shutil
import sys
import textwrap

from ..word import wording
from ..load.countries import jurisdiction_label
from ..models.assessment import Assessment, Counts
from ..vocabulary import STATUS_BADGE, Status

BADGE = STATUS_BADGE


DEFAULT_WIDTH = 100
"""Width of text written to a file or a pipe (no terminal to measure): lines stay readable in an
editor or a mail, and `COLUMNS=N` sets another."""
MIN_WIDTH = 40


def text_width(stream=None) -> int:
    """The width to wrap text output at: COLUMNS when set, else the terminal's width when writing to
    one, else DEFAULT_WIDTH."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return max(MIN_WIDTH, int(env))
    stream = stream or sys.stdout
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if tty:
        return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return DEFAULT_WIDTH


def fit(lines: list[str], width: int, hang: int = 4) -> list[str]:
    """Each line wrapped at `width`, continuation lines indented `hang` more than the line's own
    indent; a word longer than the width is broken rather than left sticking out."""
    out: list[str] = []
    for block in lines:
        for line in block.split("\n"):
            if len(line) <= width:
                out.append(line)
                continue
            indent = line[:len(line) - len(line.lstrip(" "))]
            rest = " " * min(len(indent) + hang, width // 2)
            out += textwrap.wrap(line.strip(" "), width, initial_indent=indent, subsequent_indent=rest,
                                 break_on_hyphens=False) or [""]
    return out


def fmt_score(value) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def fmt_counts(c: Counts) -> str:
    return (f"met {c.met} · partial {c.partial} · gap {c.gap} · unknown {c.unknown}"
            f" · not applicable {c.not_applicable}")


def sources_line(sources) -> str:
    parts = ["report " + ", ".join(sources.report)]
    parts += [f"{i.instrument} {i.article}" for i in sources.instruments]
    return "; ".join(parts)


def render_text(a: Assessment, width: int | None = None, show_met: bool = True) -> str:
    """Every line fits `width` (default: :func:`text_width`, the terminal's)."""
    width = width or text_width()
    pad = " " * min(13, width // 3)
    wrap = lambda text, indent: textwrap.fill(text, width, initial_indent=indent, subsequent_indent=pad)
    lines = [
        f"{jurisdiction_label(a.country.code, a.country.name, a.country.subdivision)} — law as of {a.as_of}",
        f"Ruleset {a.ruleset.id} {a.ruleset.version} · profile {a.profile.id} (chosen by {a.profile.chosen_by})"
        f" · scoring {a.scoring.model}",
        "",
        f"Score: {a.band.headline}",
        f"Rules: {fmt_counts(a.counts)}",
        f"Legislative approach: {a.waves.label}",
    ]
    for fam in a.waves.families:
        lines.append(f"  - {fam.title}: {fam.label}")
    for c in a.context:
        lines.append(f"{c.text} {c.label}")
    answers = {x.question: x for x in [*a.answers, *a.context]}
    by_area = {}
    for f in a.findings:
        by_area.setdefault(f.area, []).append(f)
    for area in a.areas:
        lines += ["", f"{area.title.upper()}  — {area.band.headline}", f"  {fmt_counts(area.counts)}"]
        for f in by_area.get(area.id, []):
            if f.status == Status.MET and not show_met:
                continue
            lines.append(wrap(f"[{BADGE[f.status]:<7}] {f.rule}  {f.title}  ({f.severity})", "  "))
            lines.append(wrap("Why: " + (f.why or wording.why(f, answers)), pad))
            if f.status in (Status.GAP, Status.PARTIAL, Status.UNKNOWN):
                lines.append(wrap("Do:  " + f.recommendation, pad))
            lines.append(wrap("Basis: " + f.authority.label, pad))
            lines.append(wrap("Sources: " + sources_line(f.sources), pad))
    return "\n".join(fit(lines, width)) + "\n"
