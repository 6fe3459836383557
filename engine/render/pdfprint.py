"""WeasyPrint's part of a PDF report: a :class:`PrintJob` (text only) in, PDF bytes out.

Kept apart from :mod:`lexgap.render.report` (which makes the page from an assessment, and
imports the models and the wording) so that a printer process
(:mod:`lexgap.render.printer`) gets ready by importing WeasyPrint and this module only.
"""
from __future__ import annotations

import functools
import gc
from dataclasses import dataclass
from typing import Optional

from ..resources import data_dir


@functools.lru_cache(maxsize=4)
def stylesheet(name: str = "report.css") -> str:
    return (data_dir("reports") / "assets" / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class PrintJob:
    """What WeasyPrint is given to print one report, all of it text: the page (print medium, glyph
    placeholders in), the assessment JSON to attach and the PDF's identifier. Made from the
    assessment by :func:`lexgap.render.report.print_job`; a warm printer process (lexgap.render.printer) takes it as is."""
    html: str
    data: str
    description: str
    identifier: str
    tagged: bool = True
    variant: Optional[str] = "pdf/a-3b"


def write_pdf(job: PrintJob, fetcher=None) -> bytes:
    """WeasyPrint's part: lay out, draw, tag and write ``job`` as PDF/A-3b with the JSON attached.

    The cyclic garbage collector is held while WeasyPrint lays out: the box tree
    is large, acyclic garbage is freed by reference counting anyway, and the
    collector's passes over it cost 9-14% of a render. One collection runs after
    (none when the process runs without the collector: a one-shot command).
    """
    from .weasy import import_weasyprint
    weasyprint = import_weasyprint()
    from .fetcher import AssetFetcher
    from .pdfwrite import write_once

    fetcher = fetcher or AssetFetcher()
    attachment = weasyprint.Attachment(string=job.data, name="assessment.json", url_fetcher=fetcher,
                                       description=job.description, relationship="Data")
    collecting = gc.isenabled()
    gc.disable()
    try:
        doc = weasyprint.HTML(string=job.html, base_url=None, url_fetcher=fetcher)
        with write_once():
            return doc.write_pdf(attachments=[attachment], pdf_variant=job.variant, pdf_tags=job.tagged,
                                 pdf_identifier=job.identifier.encode(),
                                 stylesheets=[print_stylesheet()], font_config=font_configuration())
    finally:
        if collecting:
            gc.enable()
            gc.collect()


@functools.lru_cache(maxsize=1)
def print_stylesheet():
    """report.css parsed once per process (about 3% of a render each time it is
    parsed again). Given to WeasyPrint directly, so the printed HTML names no URL
    at all; WeasyPrint applies it with the user origin, which changes nothing here
    (report.css has no !important, and the page's one author rule, the paper
    size, still wins)."""
    from .weasy import import_weasyprint
    weasyprint = import_weasyprint()
    return weasyprint.CSS(string=stylesheet(), font_config=font_configuration())


@functools.lru_cache(maxsize=1)
def font_configuration():
    """One WeasyPrint font configuration per process: setting up Pango's font map
    and loading fonts again for every report costs about 5% of a render (more in a
    batch). The reports declare no @font-face, so nothing from one document can
    leak into the next."""
    from .weasy import import_weasyprint
    import_weasyprint()
    from weasyprint.text.fonts import FontConfiguration
    return FontConfiguration()
