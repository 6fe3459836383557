"""The front door: the path of one questionnaire, and the one table of its output formats.

``load(path)`` → ``assess(loaded, ...)`` → ``render(result, ruleset, fmt, ...)``. The CLI's
``assess`` and batch's worker both go through these three functions, so the order of the stages
(load, judge, word, render) is written once. The ruleset a questionnaire was checked against is
handed to the renderer with the result: no renderer looks it up again by id.

``FORMATS`` is the only list of the formats one assessment can be written in. The CLI's
``--format`` choices, the ``-o`` suffix mapping, the formats batch accepts and the synopsis in
docs/cli.md all derive from it (tests/test_formats.py). A name that is not in it is a
:class:`FormatError`, never a PDF. To add a format: a renderer in ``render/`` and one row here.

The renderers are imported when called, so importing this module (the CLI does, to build its
parser) costs nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Union

Output = Union[str, bytes]


class FormatError(ValueError):
    """An output format that is not in FORMATS, or options that format cannot honour (a usage error)."""


@dataclass(frozen=True)
class Options:
    """What the renderers may be asked for; each format reads the fields it understands."""
    paper: str = "a4"
    full: bool = False
    brief: bool = False
    only_gaps: bool = False
    document: str = "brief"
    printer: Optional[Callable[..., bytes]] = None
    """A warm printer process for the PDF (lexgap.render.printer); None prints in this process."""


@dataclass(frozen=True)
class Format:
    """One row of the table: how one assessment is written in this format.

    ``what`` names the output in a refusal ("refusing to write a PDF to a terminal"); ``batch``
    says whether ``lexgap batch --format`` offers it; ``renderer(result, ruleset, options)``
    returns the output."""
    name: str
    suffixes: tuple[str, ...]
    binary: bool
    renderer: Callable[..., Output]
    what: str
    needs_weasyprint: bool = False
    batch: bool = False


def _text(result, ruleset, options: Options) -> str:
    from .render.text_report import render_text, text_width
    data = render_text(result, show_met=not options.only_gaps)
    if result.committee is not None:  # the Committee texts, in their voice, for an e-mail or a terminal
        from .word.committee import plain_text, research_questions
        data += "\n" + plain_text(result.committee, width=text_width(), research=research_questions(result)) + "\n"
    return data


def _json(result, ruleset, options: Options) -> str:
    from .models.base import to_json
    return to_json(result)


def _report_layout(options: Options) -> None:
    if options.full and options.brief:
        raise FormatError("--full and --brief exclude each other")


def _html(result, ruleset, options: Options) -> str:
    from .render.report import render_html
    _report_layout(options)
    return render_html(result, ruleset=ruleset, full=options.full, brief=options.brief)


def _pdf(result, ruleset, options: Options) -> bytes:
    from .render.report import render_pdf
    _report_layout(options)
    return render_pdf(result, ruleset=ruleset, paper=options.paper, full=options.full, brief=options.brief,
                      printer=options.printer)


def _docx(result, ruleset, options: Options) -> bytes:
    if options.document == "report":
        from .render.docx_report import render_report_docx
        return render_report_docx(result)
    from .render.docx_brief import render_docx
    return render_docx(result, options.document, ruleset=ruleset)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", (".txt",), binary=False, renderer=_text, what="text"),
    Format("json", (".json",), binary=False, renderer=_json, what="JSON", batch=True),
    Format("html", (".html", ".htm"), binary=False, renderer=_html, what="an HTML page", batch=True),
    Format("pdf", (".pdf",), binary=True, renderer=_pdf, what="a PDF", needs_weasyprint=True, batch=True),
    Format("docx", (".docx",), binary=True, renderer=_docx, what="a Word document"),
)}
"""The output formats of one assessment, in the order the CLI lists them (the default first)."""


def format_of(name: str) -> Format:
    """The row for ``name``; an unknown name is an error that lists the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise FormatError(f"unknown format {name!r} (formats: {', '.join(FORMATS)})") from None


def suffix_formats() -> dict[str, str]:
    """Each suffix (lower case, with its dot) and the format it names."""
    return {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}


def batch_formats() -> list[str]:
    return [f.name for f in FORMATS.values() if f.batch]


def load(path: str):
    """Read a questionnaire (YAML or workbook) and check it against its ruleset; problems raise
    ``InputError`` with every ``file:line:col`` at once."""
    from .judge.questionnaire import load_questionnaire
    return load_questionnaire(path)


def assess(loaded, profile: Optional[str] = None, *, params: Optional[dict] = None, previous=None,
           max_issues: int = 20, voice: str = "committee", memo: Optional[dict] = None):
    """Judge the questionnaire, then word it: each finding's reason and the Committee texts.

    ``previous`` (an earlier assessment of the same jurisdiction), ``max_issues`` and ``voice``
    shape the Committee texts; with their defaults the texts are those every assessment carries."""
    from .word.assess import assess as judged_and_worded
    result = judged_and_worded(loaded, profile, params=params, memo=memo)
    if previous is not None or max_issues != 20 or voice != "committee":
        from .word.committee import attach
        result = attach(result, loaded.ruleset, previous, max_issues, voice)
    return result


def render(result, ruleset, fmt: str, options: Optional[Options] = None) -> Output:
    """The assessment written in ``fmt`` (a name in FORMATS), with the ruleset it was judged by."""
    return format_of(fmt).renderer(result, ruleset, options or Options())


def glyph_warnings(result, source: str, fmt: str) -> list[str]:
    """Each character a PDF of ``result`` cannot draw, and where it is; none for other formats."""
    if not format_of(fmt).needs_weasyprint:
        return []
    from .render.glyphs import warnings
    return warnings(result, source)
