"""A blank questionnaire with guidance comments for every question."""
from __future__ import annotations

import datetime as dt
import json
import os
import textwrap
from pathlib import Path

from .countries import subdivision_name
from .models.ruleset import Question
from .resources import questionnaire_schema_path
from .ruleset import Ruleset


def _comment(text: str, indent: str = "  ") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in textwrap.wrap(text, 88)] or [f"{indent}#"]


def _type_hint(q: Question) -> str:
    if q.type == "yes_no":
        return "yes | no"
    if q.type == "yes_no_partly":
        return "yes | no | partly"
    if q.type == "age":
        return "an age in years (whole number)"
    if q.type == "integer":
        bounds = f" from {q.min}" if q.min is not None else ""
        bounds += f" to {q.max}" if q.max is not None else ""
        return "a whole number" + bounds
    if q.type == "one_of":
        return "one of: " + " | ".join(o.value for o in q.options or [])
    if q.type == "many_of":
        return "a list of: " + ", ".join(o.value for o in q.options or [])
    return "text"


def schema_reference(output: Path | None, ruleset_id: str) -> str:
    schema = questionnaire_schema_path(ruleset_id).resolve()
    if output is None:
        return str(schema)
    home = schema.parents[2]  # the checkout or installed data folder holding questionnaires/
    if output.resolve().parent.is_relative_to(home):
        return os.path.relpath(schema, output.resolve().parent)
    return str(schema)


def _subdivision_lines(subdivision: str | None) -> list[str]:
    """The subdivision line, or a commented example so that researchers of federal States find it."""
    if subdivision:
        return [f"subdivision: {subdivision}  # {subdivision_name(subdivision)} (ISO 3166-2); "
                "answer ratification.* for the country"]
    return ["# subdivision: US-NY  # for a state's or province's law (ISO 3166-2); ratification.* stays national"]


def render_template(ruleset: Ruleset, output: Path | None = None, country: str = "XXX",
                    subdivision: str | None = None) -> str:
    lines = [
        f"# yaml-language-server: $schema={schema_reference(output, ruleset.id)}",
        f"# lexgap questionnaire for ruleset {ruleset.id} {ruleset.version}.",
        "# Replace each `unknown` with the answer the law gives, and cite where it says so:",
        "#   some.question:",
        "#     value: yes",
        "#     citations:",
        "#       - {instrument: Penal Code, article: s. 372, url: https://..., quote: \"...\"}",
        "#     verified: 2025-01-31",
        "# Keep `unknown` where the law is unclear, `not_applicable` where the question cannot arise.",
        "# Check your work with: lexgap validate THIS_FILE",
        "format: 1",
        f"ruleset: {ruleset.id}",
        f"country: {country}  # ISO 3166-1 alpha-3 code, e.g. KEN",
        *_subdivision_lines(subdivision),
        f"as_of: {dt.date.today().isoformat()}  # the date the law is described as of",
        "prepared_by:",
        "  name: Your Name",
        "  organisation: Your organisation",
        "sources:",
        "  # Documents the answers rest on; cite them with `source: <id>` in a citation.",
        "  - id: spr",
        "    title: State party report (e.g. CRC/C/OPSC/XXX/1)",
        "    kind: state_report",
        "answers:",
    ]
    for area in ruleset.areas:
        lines += ["", f"  # ── {area.title} " + "─" * max(3, 70 - len(area.title))]
        lines += _comment(area.description)
        for q in ruleset.questions_in(area.id):
            lines.append("")
            lines += _comment(q.text)
            if q.help:
                lines += _comment(q.help)
            for o in q.options or []:
                lines += _comment(f"  {o.value}: {o.label}")
            lines += _comment(f"Answer: {_type_hint(q)}, or unknown / not_applicable.")
            if q.relevant is not None:
                cond = json.dumps(q.relevant.model_dump(by_alias=True, exclude_none=True))
                lines += _comment(f"Asked only when {cond}.")
            lines.append(f"  {q.id}: unknown")
    return "\n".join(lines) + "\n"
