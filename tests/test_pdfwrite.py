"""lexgap.render.pdfwrite: pydyf writes each object once, at the chosen level, and is left as it was."""
import io
import zlib

import pypdf
import pytest

from conftest import weasyprint_or_skip
from lexgap.render import pdfwrite

pydyf = pytest.importorskip("pydyf")

# Dates pinned: otherwise WeasyPrint stamps the current second and two renders may differ by it.
HTML = ('<html lang="en"><head><meta name="dcterms.created" content="2025-01-01T00:00:00+00:00">'
        '<meta name="dcterms.modified" content="2025-01-01T00:00:00+00:00"></head>'
        "<h1>Gap report</h1>" + "".join(f"<p>Paragraph {i}: the law of Freedonia as of 2025.</p>" for i in range(60)))


def _pdf(**kwargs) -> bytes:
    import datetime as dt
    weasyprint = weasyprint_or_skip()
    pinned = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)  # else the attachment's dates tick between renders
    att = weasyprint.Attachment(string='{"format": 1}', name="assessment.json", relationship="Data",
                                created=pinned, modified=pinned)
    return weasyprint.HTML(string=HTML).write_pdf(pdf_identifier=b"0123456789abcdef", pdf_variant="pdf/a-3b",
                                                  attachments=[att], pdf_tags=True, **kwargs)


@pytest.mark.pdf
def test_same_bytes_as_pydyf_at_its_own_level():
    """Serialising once changes nothing in the file: at level 9 the bytes are pydyf's own."""
    if not pdfwrite.applicable(pydyf):
        pytest.skip(f"pydyf {pydyf.__version__} is not a checked version: write_once does nothing")
    plain = _pdf()
    with pdfwrite.write_once(level=9) as active:
        patched = _pdf()
    assert active
    assert patched == plain


@pytest.mark.pdf
def test_level_six_reads_the_same_and_serialises_once(monkeypatch):
    if not pdfwrite.applicable(pydyf):
        pytest.skip("unchecked pydyf version")
    calls = []
    original = zlib.compressobj

    def counting(*args, **kwargs):
        calls.append(args[0] if args else kwargs.get("level"))
        return original(*args, **kwargs)
    monkeypatch.setattr(zlib, "compressobj", counting)
    plain = _pdf()
    plain_calls, calls[:] = len(calls), []
    with pdfwrite.write_once(level=6):
        patched = _pdf()
    assert calls and set(calls) == {6}
    assert len(calls) < plain_calls  # each stream deflated once, not again for the /ID hash
    texts = [" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(b)).pages) for b in (plain, patched)]
    assert texts[0] == texts[1] and "Paragraph 59" in texts[1]
    reader = pypdf.PdfReader(io.BytesIO(patched))
    assert "assessment.json" in reader.attachments


def test_restored_after_the_block_even_on_error():
    before = (pydyf.PDF.write, pydyf.zlib, pydyf.Stream.__dict__["data"], pydyf.Dictionary.__dict__["data"])
    with pytest.raises(RuntimeError):
        with pdfwrite.write_once():
            raise RuntimeError("render failed")
    after = (pydyf.PDF.write, pydyf.zlib, pydyf.Stream.__dict__["data"], pydyf.Dictionary.__dict__["data"])
    assert after == before


def test_does_nothing_on_an_unchecked_version(monkeypatch):
    monkeypatch.setattr(pydyf, "__version__", "9.0.0")
    write = pydyf.PDF.write
    with pdfwrite.write_once() as active:
        assert not active and pydyf.PDF.write is write
