"""lexgap.render.docx_brief looks each Word style up once per document (python-docx scans every style of
its template for each lookup by name): the same document, with each (name, type) resolved once."""
import collections
import io
import zipfile

import pytest
from docx.styles.styles import Styles

from conftest import EXAMPLES
from lexgap import pipeline


@pytest.fixture(scope="module")
def bgd():
    loaded = pipeline.load(str(EXAMPLES / "BGD-2015.yaml"))
    return pipeline.assess(loaded), loaded.ruleset


def test_each_style_name_is_resolved_once_per_document(bgd, monkeypatch):
    seen = collections.Counter()
    original = Styles.get_style_id

    def counting(self, style_or_name, style_type):
        seen[(str(style_or_name), style_type)] += 1
        return original(self, style_or_name, style_type)
    monkeypatch.setattr(Styles, "get_style_id", counting)
    result, ruleset = bgd
    for document in ("co", "loi", "brief"):
        seen.clear()
        out = pipeline.render(result, ruleset, "docx", pipeline.Options(document=document))
        assert zipfile.ZipFile(io.BytesIO(out)).testzip() is None
        assert seen and max(seen.values()) == 1, seen.most_common(3)


def test_the_paragraphs_keep_the_styles_they_name(bgd):
    from docx import Document
    result, ruleset = bgd
    doc = Document(io.BytesIO(pipeline.render(result, ruleset, "docx", pipeline.Options(document="co"))))
    styles = collections.Counter(p.style.name for p in doc.paragraphs)
    assert styles["Heading 2"] >= 8 and styles["Heading 3"] >= 1 and styles["Normal"] > 10
