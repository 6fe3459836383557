"""The one table of the formats a comparison, a diff or a reconciliation is written in.

The second, smaller sibling of engine/pipeline.FORMATS (one assessment): the `--format` choices
of `compare`, `diff` and `reconcile`, their `-o` suffixes (csv, xlsx) and the terminal refusal
derive from it, and a name that is not in it is an error, never a PDF. To add a format: a
renderer in `multi_text.py` or `multi_render.py` and one row here.

The renderers are imported when called, so the CLI can read this table when it builds its parser.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

KINDS = ("comparison", "diff", "reconcile")


@dataclass(frozen=True)
class MultiFormat:
    """``renderer(kind, model, results, delimiter)``; ``kinds``: the models it can write."""
    name: str
    suffixes: tuple[str, ...]
    binary: bool
    renderer: Callable[..., Union[str, bytes]]
    kinds: tuple[str, ...] = KINDS
    needs_weasyprint: bool = False


def _text(kind, model, results, delimiter):
    from . import multi_text
    return {"comparison": multi_text.comparison_text, "diff": multi_text.diff_text,
            "reconcile": multi_text.reconcile_text}[kind](model)


def _json(kind, model, results, delimiter):
    from ..models.base import to_json
    return to_json(model)


def _csv(kind, model, results, delimiter):
    from .multi_text import comparison_csv
    return comparison_csv(model, delimiter=delimiter)


def _xlsx(kind, model, results, delimiter):
    from .multi_text import comparison_xlsx
    return comparison_xlsx(model, results)


def _html(kind, model, results, delimiter):
    from .multi_render import render_multi_html
    return render_multi_html(kind, model)


def _pdf(kind, model, results, delimiter):
    from .multi_render import render_multi_pdf
    return render_multi_pdf(kind, model)


MULTI_FORMATS: dict[str, MultiFormat] = {f.name: f for f in (
    MultiFormat("text", (".txt",), binary=False, renderer=_text),
    MultiFormat("json", (".json",), binary=False, renderer=_json),
    MultiFormat("csv", (".csv",), binary=False, renderer=_csv, kinds=("comparison",)),
    MultiFormat("xlsx", (".xlsx",), binary=True, renderer=_xlsx, kinds=("comparison",)),
    MultiFormat("html", (".html", ".htm"), binary=False, renderer=_html),
    MultiFormat("pdf", (".pdf",), binary=True, renderer=_pdf, needs_weasyprint=True),
)}


def choices(kind: str) -> list[str]:
    """The formats ``kind`` can be written in, in the table's order (the default, text, first)."""
    return [f.name for f in MULTI_FORMATS.values() if kind in f.kinds]


def multi_format(kind: str, name: str) -> MultiFormat:
    """The row for ``name``; a format the table lacks, or ``kind`` cannot be written in, is a ValueError."""
    row = MULTI_FORMATS.get(name)
    if row is None or kind not in row.kinds:
        raise ValueError(f"{kind} cannot be written as {name!r} (formats: {', '.join(choices(kind))})")
    return row


def suffix_formats() -> dict[str, str]:
    return {suffix: f.name for f in MULTI_FORMATS.values() for suffix in f.suffixes}


def render_multi(kind: str, model, fmt: str, *, delimiter: str = ",", results=None) -> Union[str, bytes]:
    return multi_format(kind, fmt).renderer(kind, model, results, delimiter)
