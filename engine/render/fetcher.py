"""The only URL fetcher WeasyPrint gets when lexgap renders a PDF.

A questionnaire is untrusted text. Templates escape it, but WeasyPrint by
default also fetches whatever URL the document names — ``file://`` paths (a
``<link rel="attachment" href="file:///...">`` would even embed a local file in
the PDF), ``http(s)://`` and ``data:`` URLs. This fetcher serves bundled report
assets through the private ``lexgap-asset:`` scheme and refuses every other
URL, so rendering never touches the network or the file system outside
``reports/assets``.

WeasyPrint 70 wants a :class:`weasyprint.urls.URLFetcher` subclass (plain
functions no longer work); this module imports WeasyPrint, so import it lazily.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..resources import data_dir

SCHEME = "lexgap-asset:"


class RefusedURL(ValueError):
    """A document named a URL lexgap does not serve."""


def asset_url(name: str) -> str:
    return SCHEME + name


class AssetFetcher(URLFetcher):
    """Serve ``lexgap-asset:NAME`` from the bundled assets folder; refuse the rest.

    Every URL asked for is recorded in ``requested`` and every refusal in
    ``refused`` (tests and debugging use them). WeasyPrint catches the
    ``RefusedURL`` raised here and logs a warning; the resource is left out.
    """

    def __init__(self, assets_dir: Path | None = None, **kwargs):
        # No handler is ever used: ``fetch`` below never calls urllib.
        super().__init__(allowed_protocols=("lexgap-asset",), allow_redirects=False, **kwargs)
        self.assets_dir = (assets_dir or data_dir("reports") / "assets").resolve()
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):  # noqa: ARG002 - WeasyPrint's signature
        url = str(url)
        self.requested.append(url)
        if not url.startswith(SCHEME):
            return self._refuse(url, "only bundled lexgap assets are served")
        name = unquote(url[len(SCHEME):].split("?", 1)[0].split("#", 1)[0]).lstrip("/")
        path = (self.assets_dir / name).resolve()
        if not name or self.assets_dir not in path.parents or not path.is_file():
            return self._refuse(url, "no such bundled asset")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    def open(self, url, data=None, timeout=None):  # urllib entry point, just in case
        return self.fetch(getattr(url, "full_url", url))

    def _refuse(self, url: str, why: str):
        self.refused.append(url)
        raise RefusedURL(f"lexgap refuses to fetch {url[:200]!r}: {why}")
