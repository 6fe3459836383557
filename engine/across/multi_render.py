"""HTML and PDF for comparisons, diffs, reconciliations and the batch index.

Same safety rules as the country report: Jinja2 autoescaping for everything
that comes from questionnaires, inline CSS, and for PDF the AssetFetcher that
refuses every URL but bundled assets. The only script is the small inline
table sorter of the HTML comparison (PDF output has none).
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..models.base import to_json
from ..resources import data_dir
from ..render.jinja_cache import bytecode_cache
from ..render.text_report import fmt_score
from ..vocabulary import STATUS_LABEL, STATUS_LETTER

KIND_LABEL = {"closed": "gap closed", "opened": "gap opened", "improved": "improved",
              "worsened": "regression (still partly met)", "now_known": "now known",
              "no_longer_known": "no longer answered (law not known)", "now_applies": "now applies",
              "changed": "changed"}
FULL_MATRIX_MAX_COLUMNS = 40
"""Beyond this many countries the PDF shows scores and per-rule totals; the full
rule-by-country matrix stays in the HTML, CSV and XLSX, where it remains legible."""


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(data_dir("reports") / "templates" / "multi")),
        autoescape=select_autoescape(("html", "html.j2", "j2"), default_for_string=True, default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        bytecode_cache=bytecode_cache([Path(__file__)]),
    )
    env.filters.update(score=fmt_score, status_label=STATUS_LABEL.get, status_mark=STATUS_LETTER.get,
                       kind_label=KIND_LABEL.get, delta=lambda d: "n/a" if d is None else f"{d:+.1f}")
    from .compare import score_cell
    from ..models.comparison import rule_summary
    from .multi_text import possible_regressions
    env.globals.update(score_cell=score_cell, rule_summary=rule_summary, possible_regressions=possible_regressions)
    return env


@functools.lru_cache(maxsize=1)
def stylesheet() -> str:
    return (data_dir("reports") / "assets" / "multi.css").read_text(encoding="utf-8")


def _render(template: str, medium: str, **context: Any) -> str:
    return environment().get_template(template).render(
        css=stylesheet(), medium=medium, full_matrix_max=FULL_MATRIX_MAX_COLUMNS, **context)


def render_multi_html(kind: str, model, medium: str = "screen") -> str:
    return _render(f"{kind}.html.j2", medium, m=model)


def render_multi_pdf(kind: str, model) -> bytes:
    from ..render.weasy import import_weasyprint
    weasyprint = import_weasyprint()
    from ..render.fetcher import AssetFetcher
    fetcher = AssetFetcher()
    from ..render.glyphs import with_placeholders
    html = with_placeholders(render_multi_html(kind, model, medium="print"))
    attachment = weasyprint.Attachment(string=to_json(model), name=f"{kind}.json",
                                       url_fetcher=fetcher, relationship="Data")
    from ..render.report import font_configuration
    from ..render.pdfwrite import write_once
    with write_once():
        return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(
            attachments=[attachment], pdf_variant="pdf/a-3b", font_config=font_configuration())


def render_index_html(entries, failed, formats: list[str], has_comparison: bool, signature: str = "") -> str:
    """`signature` (a hex digest of what the page lists) is kept in a comment so that batch can tell
    whether the page is still current."""
    return _render("index.html.j2", "screen", entries=entries, failed=failed, formats=formats,
                   has_comparison=has_comparison, signature=signature)
