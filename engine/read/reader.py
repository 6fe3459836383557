"""One document to a draft: the reader's pipeline, in the order docs/reader.md describes it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document, page_ranges, read_document
from .draft import build_draft, source_id
from .find import Finding, find_evidence
from .meta import Meta, read_meta
from .passages import Passage, split_passages

KINDS = ("state_report", "ngo_report", "statute", "un_document")


@dataclass
class Reading:
    document: Document
    meta: Meta
    passages: list[Passage]
    findings: dict[str, Finding]
    source: dict
    draft: dict
    warnings: list[str] = field(default_factory=list)


def read(path: str | Path, ruleset, country: str, kind: str = "state_report", lang: str = "en",
         ocr: bool = False, as_of: dt.date | None = None, taken_ids: set[str] = frozenset(),
         today: dt.date | None = None) -> Reading:
    doc = read_document(path, ocr=ocr)
    warnings = []
    if doc.empty_pages:
        hint = "" if ocr else "; scanned? --ocr reads them with tesseract"
        warnings.append(f"{path}: no text on pages {page_ranges(doc.empty_pages)}{hint}")
    if doc.ocr_pages:
        warnings.append(f"{path}: text of pages {page_ranges(doc.ocr_pages)} read by OCR (tesseract): "
                        "check every quote from them against the page")
    meta = read_meta(doc.pages[0] if doc.pages else "")
    statute = kind == "statute"
    passages = split_passages(doc, statute=statute)
    findings = find_evidence(passages, ruleset, lang)
    title = meta.symbol or Path(path).stem
    if meta.symbol and meta.title:
        title = f"{meta.symbol} ({meta.title})"
    source = {"id": source_id(meta.symbol, Path(path).stem, set(taken_ids)), "title": title, "kind": kind}
    if meta.date:
        source["date"] = meta.date.isoformat()
    when = as_of or meta.date or (today or dt.date.today())
    draft = build_draft(ruleset, findings, source, country, when, doc.paged, statute, lang, today)
    return Reading(doc, meta, passages, findings, source, draft, warnings)
