"""Rendering never fetches what a questionnaire (or any document) names.

The templates escape questionnaire text, so hostile citations never become
markup; and even markup that does name file://, http:// or data: URLs reaches
only lexgap.render.fetcher.AssetFetcher, which refuses them. A local HTTP server
proves no request leaves; /etc/passwd's content never lands in a PDF.
"""
import http.server
import io
import threading
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")

from lexgap.word.assess import assess  # noqa: E402
from lexgap.judge.questionnaire import load_questionnaire  # noqa: E402
from lexgap.render.report import render_html, render_pdf  # noqa: E402
from report_fixtures import write_questionnaire  # noqa: E402
from conftest import weasyprint_or_skip  # noqa: E402

PASSWD = Path("/etc/passwd")


def fetcher():
    """lexgap.render.fetcher, which imports WeasyPrint: loaded through lexgap's fast path, in the tests
    that use it (collecting this file for test-fast imports no WeasyPrint)."""
    weasyprint_or_skip()
    from lexgap.render import fetcher as module
    return module


@pytest.fixture(scope="module")
def server():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()


@pytest.fixture(scope="module")
def hostile_result(tmp_path_factory):
    path = tmp_path_factory.mktemp("sec") / "hostile.yaml"
    write_questionnaire(path)
    return assess(load_questionnaire(str(path)))


def _marker_lines():
    if not PASSWD.is_file():
        return []
    return [l.split(":")[0] + ":x:" for l in PASSWD.read_text().splitlines() if l.count(":") >= 6][:3]


@pytest.mark.pdf  # the fetcher subclasses WeasyPrint's: importing WeasyPrint is half a second per process
def test_fetcher_refuses_everything_but_bundled_assets(tmp_path):
    module = fetcher()
    f = module.AssetFetcher()
    for url in ["file:///etc/passwd", "FILE:///etc/passwd", "http://127.0.0.1:9/x", "https://example.org/x.css",
                "data:text/css,body{}", "ftp://example.org/x", "lexgap-asset:../../../../etc/passwd",
                "lexgap-asset:%2e%2e/%2e%2e/engine/cli.py", "lexgap-asset:", "lexgap-asset:missing.css",
                "javascript:alert(1)"]:
        with pytest.raises(module.RefusedURL):
            f.fetch(url)
    assert f.refused == f.requested
    ok = f.fetch(module.asset_url("report.css"))
    assert b"@page" in ok.read() and ok.content_type == "text/css"


@pytest.mark.pdf
def test_hostile_citation_reaches_weasyprint_only_as_text(hostile_result, server):
    base, hits = server
    spy = fetcher().AssetFetcher()  # it records every URL asked for and every refusal
    pdf = render_pdf(hostile_result, fetcher=spy, tagged=False, full=True)
    # The report names no URL at all: its stylesheet is handed to WeasyPrint already parsed.
    assert spy.requested == [] and spy.refused == []
    assert hits == []
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert '<img src="file:///etc/passwd">' in text.replace("\n", " ")  # shown, not loaded
    for marker in _marker_lines():
        assert marker not in text


@pytest.mark.pdf
def test_raw_markup_naming_forbidden_urls_is_refused(server, tmp_path):
    """Even if markup got through, nothing outside the bundled assets is fetched."""
    base, hits = server
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT\n")
    html = f"""<html><head>
    <link rel="stylesheet" href="{base}/style.css">
    <link rel="stylesheet" href="file://{secret}">
    <link rel="attachment" href="file://{secret}">
    <link rel="attachment" href="file:///etc/passwd">
    <style>@import url("{base}/import.css"); body {{ background: url(file:///etc/passwd) }}
    p {{ background-image: url("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>") }}</style>
    </head><body><p>text</p>
    <img src="file:///etc/passwd"><img src="{base}/pixel.png"><img src="https://example.org/x.png">
    <a rel="attachment" href="file://{secret}">a</a>
    <object data="{base}/obj"></object><embed src="file:///etc/passwd"></body></html>"""
    spy = fetcher().AssetFetcher()  # it records every URL asked for and every refusal
    pdf = weasyprint_or_skip().HTML(string=html, url_fetcher=spy).write_pdf()
    assert hits == [], "an HTTP request left the renderer"
    assert spy.requested and spy.refused == spy.requested
    assert any(u.startswith("file://") for u in spy.refused)
    assert any(u.startswith(base) for u in spy.refused)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert b"TOP-SECRET-CONTENT" not in pdf


@pytest.mark.pdf
def test_without_the_fetcher_weasyprint_would_fetch(server, tmp_path):
    """Control: the test above is meaningful because WeasyPrint's default does fetch."""
    base, hits = server
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT\n")
    html = f'<link rel="stylesheet" href="{base}/style.css"><link rel="attachment" href="file://{secret}"><p>x</p>'
    pdf = weasyprint_or_skip().HTML(string=html).write_pdf(uncompressed_pdf=True)
    assert hits, "default fetcher should have hit the local server"
    assert "secret.txt" in pypdf.PdfReader(io.BytesIO(pdf)).attachments
    hits.clear()


def test_html_report_has_no_fetchable_references(hostile_result):
    from html.parser import HTMLParser

    from lexgap.render.report import stylesheet

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.attrs, self.styles, self._in_style = [], [], [], False

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.attrs += [(tag, k, v) for k, v in attrs]
            self._in_style = tag == "style"

        def handle_endtag(self, tag):
            self._in_style = False

        def handle_data(self, data):
            if self._in_style:
                self.styles.append(data)

    c = Collect()
    c.feed(render_html(hostile_result, full=True))
    assert not {"script", "img", "link", "iframe", "object", "embed", "base"} & set(c.tags)
    assert not [a for a in c.attrs if a[1] in ("src", "srcset", "style", "data") or a[1].startswith("on")]
    for tag, name, value in c.attrs:
        if name == "href":
            assert value.startswith(("#", "http://", "https://")), value
            assert "passwd" not in value
    # Style elements hold the bundled stylesheet and the @page size, nothing else.
    assert [s.strip() for s in c.styles] == [stylesheet().strip(), "@page { size: A4; }"]
