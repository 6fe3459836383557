"""`lexgap read` on a PDF: the synthetic UN-style report (tests/reader_synth.py) rendered by WeasyPrint,
with its page-one symbol and date, chapter headings naming Protocol articles, running header and footer
(page-margin boxes), footnotes (CSS footnotes) and a table; and the reading sheet as a PDF. Quotes are
checked against the page text of an independent library (pypdf), not the one the reader uses."""
from __future__ import annotations

import re

import pytest
import yaml

from lexgap.cli import main
from reader_synth import build_report, render_html

pytestmark = [pytest.mark.pdf, pytest.mark.slow]


@pytest.fixture(scope="module")
def pdf_report(tmp_path_factory):
    from weasyprint import HTML
    report = build_report()
    path = tmp_path_factory.mktemp("reader") / "CRC-C-OPSC-XFR-1.pdf"
    HTML(string=render_html(report)).write_pdf(path)
    return report, path


@pytest.fixture(scope="module")
def read_pdf(pdf_report, tmp_path_factory):
    report, path = pdf_report
    out = path.parent / "draft.yaml"
    sheet = path.parent / "sheet.pdf"
    assert main(["read", str(path), "--country", "XFR", "-o", str(out), "--evidence", str(sheet)]) == 0
    return report, path, yaml.safe_load(out.read_text(encoding="utf-8")), sheet


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pdf_round_trip_meets_the_bars(read_pdf):
    report, path, data, _ = read_pdf
    hits = [q for q, para in report.embedded.items()
            if any(c["locator"].endswith(f"para. {para}") for c in data["answers"][q].get("citations", []))]
    assert len(hits) >= 0.9 * len(report.embedded), sorted(set(report.embedded) - set(hits))
    silent = {s["question"] for s in data["silent"]}
    assert set(report.left_out) <= silent
    for q, age in report.ages.items():
        assert data["answers"][q]["suggested"]["value"] == age, q
    assert all(a["value"] == "unknown" and "verified" not in a for a in data["answers"].values())
    assert data["sources"][0]["title"].startswith("CRC/C/OPSC/XFR/1") and str(data["as_of"]) == "2009-08-28"


def test_pdf_quotes_are_verbatim_on_their_stated_page(read_pdf):
    from pypdf import PdfReader
    _, path, data, _ = read_pdf
    pages = [squash(p.extract_text() or "") for p in PdfReader(str(path)).pages]
    checked = 0
    for a in data["answers"].values():
        quotes = [(c["locator"], c["quote"]) for c in a.get("citations", [])]
        if a.get("suggested"):
            quotes.append((a["suggested"]["locator"], a["suggested"]["quote"]))
        for locator, quote in quotes:
            page = int(re.match(r"p\. (\d+)", locator).group(1))
            assert squash(quote) in pages[page - 1], (locator, quote[:80])
            checked += 1
    assert checked > 40


def test_pdf_header_footer_dropped_footnotes_marked(read_pdf):
    _, _, data, _ = read_pdf
    quotes = [c for a in data["answers"].values() for c in a.get("citations", [])]
    assert not any("GE.09-45123" in c["quote"] for c in quotes)
    from lexgap.read.document import read_document
    from lexgap.read.passages import split_passages
    passages = split_passages(read_document(read_pdf[1]))
    assert [p.address for p in passages if p.footnote] == ["fn. 1", "fn. 2", "fn. 3"]
    assert {p.cluster for p in passages if p.address.startswith("para.")} >= {"general", "prohibition",
                                                                             "jurisdiction", "protection"}


def test_reading_sheet_pdf_says_not_verified_on_every_page(read_pdf):
    from pypdf import PdfReader
    sheet = read_pdf[3]
    pages = PdfReader(str(sheet)).pages
    assert len(pages) >= 2
    for p in pages:
        assert "found by lexgap, not verified" in p.extract_text()
