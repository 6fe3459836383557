"""A blank questionnaire with guidance comments for every question."""
from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

from ..load.countries import subdivision_name
from ..judge.guidance import asked_when, feeds_words
from ..models.ruleset import Question
from ..resources import questionnaire_schema_path
from ..load.ruleset import Ruleset
from ..vocabulary import question_type


def _comment(text: str, indent: str = "  ", hang: str = "") -> list[str]:
    """Comment lines wrapped at 88 columns; ``hang`` indents the continuation lines."""
    return [f"{indent}# {line}".rstrip() for line in textwrap.wrap(text, 88, subsequent_indent=hang)] or [f"{indent}#"]


def _type_hint(q: Question) -> str:
    """The comment saying what to write, from the question's type entry (vocabulary.QUESTION_TYPE)."""
    t = question_type(q.type)
    return t.describe(q, t.hint)


def schema_reference(output: Path | None, ruleset_id: str) -> str:
    """The schema path relative to the file written (or to the working folder for
    standard output), so a questionnaire kept in a checkout's questionnaires/ and
    sent to a colleague with the same layout keeps autocompletion. Absolute only
    where no relative path exists (another drive on Windows)."""
    schema = questionnaire_schema_path(ruleset_id).resolve()
    base = output.resolve().parent if output is not None else Path.cwd()
    try:
        return Path(os.path.relpath(schema, base)).as_posix()
    except ValueError:
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
        "#     verified: 2025-01-31   # the date you checked it against its source; leave out if nobody did",
        "#     reviewed_by: JW        # who checked it",
        "# Keep `unknown` where the law is unclear, `not_applicable` where the question cannot arise.",
        "# Check your work with: lexgap validate THIS_FILE",
        "format: 1",
        f"ruleset: {ruleset.id}",
        f'ruleset_version: "{ruleset.version}"  # the version these questions are from; `lexgap migrate` updates it',
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
            lines += question_comments(ruleset, q)
            lines.append(f"  {q.id}: unknown")
    return "\n".join(lines) + "\n"


def question_comments(ruleset: Ruleset, q: Question) -> list[str]:
    """The guidance comment block written above a question's answer (and
    rewritten by `template --update`)."""
    lines = _comment(q.text)
    if q.help:
        lines += _comment(q.help)
    for o in q.options or []:
        lines += _comment(f"  {o.value}: {o.label}", hang="    " + " " * len(o.value))
    special = "unknown / not_applicable" if q.not_applicable_when or q.relevant else "unknown"
    lines += _comment(f"Answer: {_type_hint(q)}, or {special}.")
    if "partly" in question_type(q.type).answers and "partly" not in (q.help or "").lower():
        lines += _comment("Partly: the law covers some but not all of what the question asks.")
    if q.relevant is not None:
        lines += _comment(asked_when(ruleset, q))
    rules = feeds_words(ruleset, q.id)
    if rules:
        lines += _comment(f"Feeds: {rules}.")
    return lines
