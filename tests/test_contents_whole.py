"""The contents are printed in one piece: on the cover page when they fit there (Freedonia), else all on
the next page (the Philippines, whose cover lists ten sources), never split across two pages."""
import io

import pytest

from conftest import EXAMPLES

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.pdf


@pytest.mark.parametrize("example, page", [("XFR-freedonia-2025", 1), ("PHL-2015", 2)])
def test_the_contents_are_on_one_page(cli, tmp_path, example, page):
    out = tmp_path / f"{example}.pdf"
    r = cli("assess", EXAMPLES / f"{example}.yaml", "--format", "pdf", "-o", out)
    assert r.code == 0, r.err
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages]
    holding = [i + 1 for i, text in enumerate(pages) if "Contents" in text.splitlines()]
    assert holding == [page]
    contents = pages[page - 1]
    for entry in ("Executive summary", "Findings by area", "List of issues", "Annex B. Method and fingerprints"):
        assert entry in contents
    if page == 2:  # the cover page before it carries the cover only
        assert "Executive summary" not in pages[0] and "Sources" in pages[0]
