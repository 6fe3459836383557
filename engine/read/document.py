"""The text of a document, page by page: PDF (text layer), Word, HTML or plain text.

PDF text comes from pypdfium2 (Apache-2.0/BSD, about 0.2 CPU-s for 60 pages); pypdf (pure Python, about
4x slower) is the fallback where pypdfium2 is not installed. PyMuPDF is faster still but AGPL, which our
MIT licence cannot carry. OCR runs only when asked (`--ocr`) and only with tesseract on PATH: text a
machine guessed from pixels must never enter a draft unannounced. Nothing is fetched from the network.
Every failure is one `ReadError` line (encrypted, damaged, huge, no text layer), never a traceback.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 100 * 1024 * 1024
"""Largest file read: a 100-page State report is 1-5 MB; more is a scan or not a report."""
MAX_PAGES = 1500
MIN_PAGE_CHARS = 20
"""A page with fewer visible characters has no text layer worth the name (a scan, an image)."""
SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".txt": "text", ".text": "text",
            ".md": "text"}


class ReadError(Exception):
    """A document that cannot be read, in one line for the person who gave it."""


@dataclass
class Document:
    path: str
    form: str                      # pdf, docx, html, text
    pages: list[str]               # text per page; one "page" for forms without pages
    paged: bool                    # whether page numbers mean anything (PDF, text with form feeds)
    empty_pages: list[int] = field(default_factory=list)   # 1-based, pages with no text layer
    ocr_pages: list[int] = field(default_factory=list)     # pages whose text came from tesseract


def page_ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5, 9'."""
    out, start, prev = [], None, None
    for n in sorted(numbers):
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}-{prev}" if prev != start else str(start))
            start = prev = n
    if start is not None:
        out.append(f"{start}-{prev}" if prev != start else str(start))
    return ", ".join(out)


def read_document(path: str | Path, ocr: bool = False) -> Document:
    p = Path(path)
    if not p.exists():  # said as every command says it of a missing input (docs/cli.md, exit 1)
        from ..load.problems import InputError, Problem
        raise InputError([Problem(str(path), 1, 1, "file not found")])
    if not p.is_file():
        raise ReadError(f"{p}: not a file")
    form = SUFFIXES.get(p.suffix.lower())
    if form is None:
        raise ReadError(f"{p}: cannot read {p.suffix or 'a file without suffix'}; give a .pdf, .docx, .html or .txt")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise ReadError(f"{p}: {size // (1024 * 1024)} MB is too large for a report "
                        f"(at most {MAX_BYTES // (1024 * 1024)} MB)")
    if ocr and form != "pdf":
        raise ReadError(f"{p}: --ocr applies to PDF files only")
    if form == "pdf":
        doc = _pdf(p, ocr)
    elif form == "docx":
        doc = Document(str(p), form, [_docx(p)], paged=False)
    elif form == "html":
        doc = Document(str(p), form, [_html(p)], paged=False)
    else:
        text = _decode(p)
        pages = text.split("\f") if "\f" in text else [text]
        doc = Document(str(p), form, pages, paged=len(pages) > 1)
    if not any(len(t.split()) for t in doc.pages):
        where = f"no text on pages {page_ranges(doc.empty_pages)}" if doc.empty_pages else "no text"
        hint = "; scanned? try --ocr (needs tesseract)" if form == "pdf" and not ocr else ""
        raise ReadError(f"{p}: {where}{hint}")
    return doc


def _decode(p: Path) -> str:
    data = p.read_bytes()
    if b"\x00" in data[:4096]:
        raise ReadError(f"{p}: not a text file (binary content)")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _pdf(p: Path, ocr: bool) -> Document:
    with open(p, "rb") as f:
        if not f.read(1024).lstrip().startswith(b"%PDF-"):
            raise ReadError(f"{p}: not a PDF file (damaged, or another format named .pdf)")
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        pages = _pdf_pypdf(p)
    else:
        pages = _pdf_pdfium(p)
    empty = [i for i, t in enumerate(pages, 1) if len("".join(t.split())) < MIN_PAGE_CHARS]
    done: list[int] = []
    if ocr and empty:
        texts = ocr_pages(p, empty)
        for n, text in texts.items():
            pages[n - 1] = text
        done = sorted(texts)
        empty = [n for n in empty if n not in texts or len("".join(texts[n].split())) < MIN_PAGE_CHARS]
    return Document(str(p), "pdf", pages, paged=True, empty_pages=empty, ocr_pages=done)


def _pdf_pdfium(p: Path) -> list[str]:
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(str(p))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(f"{p}: the PDF is encrypted (password-protected); save an unprotected copy") from None
        raise ReadError(f"{p}: the PDF is damaged and cannot be read ({_short(exc)})") from None
    try:
        n = len(pdf)
        if n > MAX_PAGES:
            raise ReadError(f"{p}: {n} pages is too many for a report (at most {MAX_PAGES})")
        pages = []
        for i in range(n):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise ReadError(f"{p}: the PDF is damaged and cannot be read ({_short(exc)})") from None
    finally:
        pdf.close()


def _pdf_pypdf(p: Path) -> list[str]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise ReadError("reading PDF needs pypdfium2 (pip install pypdfium2)") from None
    try:
        reader = PdfReader(str(p))
        if reader.is_encrypted:
            raise ReadError(f"{p}: the PDF is encrypted (password-protected); save an unprotected copy")
        if len(reader.pages) > MAX_PAGES:
            raise ReadError(f"{p}: {len(reader.pages)} pages is too many for a report (at most {MAX_PAGES})")
        return [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ReadError(f"{p}: the PDF is damaged and cannot be read ({_short(exc)})") from None


def _short(exc: Exception) -> str:
    return re.sub(r"\s+", " ", str(exc))[:120] or type(exc).__name__


def ocr_pages(p: Path, numbers: list[int], lang: str = "eng") -> dict[int, str]:
    """Text of the given pages by tesseract, from 300 dpi images rendered by pypdfium2. Only on request."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise ReadError(f"{p}: --ocr needs tesseract, which is not installed (e.g. apt install tesseract-ocr)")
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise ReadError("--ocr needs pypdfium2 to render the pages (pip install pypdfium2)") from None
    out: dict[int, str] = {}
    pdf = pdfium.PdfDocument(str(p))
    try:
        with tempfile.TemporaryDirectory(prefix="lexgap-ocr-") as tmp:
            for n in numbers:
                image = pdf[n - 1].render(scale=300 / 72).to_pil()
                png = Path(tmp) / f"p{n}.png"
                image.save(png)
                run = subprocess.run([exe, str(png), "stdout", "-l", lang], capture_output=True, text=True,
                                     timeout=300, check=False)
                if run.returncode == 0:
                    out[n] = run.stdout
    finally:
        pdf.close()
    return out


def _docx(p: Path) -> str:
    try:
        import docx
        document = docx.Document(str(p))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"{p}: not a readable Word document ({_short(exc)})") from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError for a damaged file
        raise ReadError(f"{p}: not a readable Word document ({_short(exc)})") from None
    lines = [para.text for para in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


class _Text(HTMLParser):
    """Visible text of an HTML page, one line per block element; scripts and styles dropped."""
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "td",
             "th", "blockquote", "dt", "dd", "pre", "table", "ul", "ol", "header", "footer"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "noscript"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "noscript"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def _html(p: Path) -> str:
    parser = _Text()
    parser.feed(_decode(p))
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line)
