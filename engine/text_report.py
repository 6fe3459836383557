"""Plain-text rendering of an assessment, for the terminal."""
from __future__ import annotations

import textwrap

from . import wording
from .countries import jurisdiction_label
from .models.assessment import Assessment, Counts

BADGE = {"met": "MET", "partial": "PARTIAL", "gap": "GAP", "unknown": "UNKNOWN", "not_applicable": "N/A"}


def fmt_score(value) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def fmt_counts(c: Counts) -> str:
    return (f"met {c.met} · partial {c.partial} · gap {c.gap} · unknown {c.unknown}"
            f" · not applicable {c.not_applicable}")


def sources_line(sources) -> str:
    parts = ["report " + ", ".join(sources.report)]
    parts += [f"{i.instrument} {i.article}" for i in sources.instruments]
    return "; ".join(parts)


def render_text(a: Assessment, width: int = 100, show_met: bool = True) -> str:
    wrap = lambda text, indent: textwrap.fill(text, width, initial_indent=indent, subsequent_indent=" " * len(indent))
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
            if f.status == "met" and not show_met:
                continue
            lines.append(f"  [{BADGE[f.status]:<7}] {f.rule}  {f.title}  ({f.severity})")
            lines.append(wrap("Why: " + (f.why or wording.why(f, answers)), "             "))
            if f.status in ("gap", "partial", "unknown"):
                lines.append(wrap("Do:  " + f.recommendation, "             "))
            lines.append(wrap("Basis: " + f.authority.label, "             "))
            lines.append(wrap("Sources: " + sources_line(f.sources), "             "))
    return "\n".join(lines) + "\n"
