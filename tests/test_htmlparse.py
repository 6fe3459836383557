"""lexgap.render.htmlparse: tinyhtml5's pattern cache works, and the parsed tree is the one tinyhtml5
gives without it."""
import xml.etree.ElementTree as ET

import pytest

from lexgap.render import htmlparse

tinyhtml5 = pytest.importorskip("tinyhtml5")
inputstream = pytest.importorskip("tinyhtml5.inputstream")

PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><title>Gap &amp; report</title></head><body>"
        "<!-- a comment --><h1 class='x' id=\"h\">Freedonia&nbsp;2025</h1>"
        "<table><tr><td data-a=\"1 &lt; 2\">cell</td><td>x\u00a0y</td></tr></table>"
        "<p>Line one\n  <b>bold</b> &#x1F476; <a href=\"https://example.org/?a=1&b=2\">link</a></p>"
        "<pre>  kept\n  spaces</pre><svg viewBox=\"0 0 10 10\"><rect width=\"5\" height=\"5\"/></svg>"
        "<![CDATA[x]]></body></html>")


@pytest.fixture
def tinyhtml5_as_shipped(monkeypatch):
    """tinyhtml5's own (non-working) cache: a plain dict."""
    monkeypatch.setattr(inputstream, "characters_until_regex", {})


def _tree(html: str) -> bytes:
    return ET.tostring(tinyhtml5.parse(html))


def test_same_tree_with_the_working_cache(tinyhtml5_as_shipped, monkeypatch):
    if not htmlparse.applicable(tinyhtml5):
        pytest.skip(f"tinyhtml5 {tinyhtml5.__version__} is not a checked version: repair does nothing")
    plain = _tree(PAGE)
    assert htmlparse.repair()
    assert isinstance(inputstream.characters_until_regex, htmlparse.Patterns)
    assert _tree(PAGE) == plain
    keys = list(inputstream.characters_until_regex)
    assert keys and all(not hasattr(characters, "pattern") for characters, _ in keys)  # keyed by characters
    size = len(keys)
    _tree(PAGE)
    assert len(inputstream.characters_until_regex) == size  # the second parse builds no pattern


def test_the_patterns_are_tinyhtml5s_own(tinyhtml5_as_shipped):
    """What the shipped code builds (and stores under the wrong key) for each set of characters."""
    stream = inputstream.HTMLUnicodeInputStream("abc&def")
    stream.chars_until(("&", "<", "\u0000"))
    shipped = {opposite: regex.pattern for (regex, opposite) in inputstream.characters_until_regex}
    ours = htmlparse.Patterns()[(("&", "<", "\u0000"), False)]
    assert ours.pattern == shipped[False]


def test_an_unchecked_version_is_left_alone(tinyhtml5_as_shipped, monkeypatch):
    monkeypatch.setattr(tinyhtml5, "__version__", "3.0.0")
    assert not htmlparse.repair()
    assert type(inputstream.characters_until_regex) is dict
