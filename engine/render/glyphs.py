"""Characters that no installed font can draw, found before a PDF is rendered.

WeasyPrint (Pango and fontconfig underneath) draws a character that no
installed font covers as an empty box, and says nothing. Worse, one such
character anywhere (👶 U+1F476, a flag's regional indicators, private-use
U+E000) makes WeasyPrint embed the body font with a "Custom" encoding instead
of Identity-H, and pypdf then extracts the *whole* report as NUL-interleaved
garbage. So, for PDF output:

* :func:`uncovered` lists, field by field, the characters of an assessment (or
  comparison, diff...) that no font covers, for the command line to warn about
  (``answers ages.consent_age citations #1 quote: character U+1F476 (BABY)``);
* :func:`with_placeholders` replaces them in the HTML given to WeasyPrint by a
  visible ``[U+1F476]``, which also keeps the rest of the PDF extractable.

Coverage is the union of the charsets fontconfig reports for all installed
fonts, which Pango's fallback can reach: one ``fc-list`` call (about 0.1 s,
cached for the process) instead of a query per character. Without fontconfig
nothing is reported or replaced. HTML output is left alone: the reader's
browser has its own fonts.
"""
from __future__ import annotations

import bisect
import functools
import subprocess
import unicodedata
from typing import Any, Iterator, Optional

KEY_FIELDS = ("question", "rule", "key", "id")
"""A list item is named by the first of these it has (e.g. the answer's question id)."""

PLACES_PER_CHARACTER = 3


@functools.lru_cache(maxsize=1)
def _coverage() -> Optional[tuple[list[int], list[int]]]:
    """Sorted, merged (starts, ends) of every code point some installed font covers."""
    try:
        out = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True,
                             text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    ranges = sorted(set(_parse_ranges(" ".join(set(out.splitlines())))))  # weights of a family share a charset
    if not ranges:
        return None
    starts, ends = [ranges[0][0]], [ranges[0][1]]
    for lo, hi in ranges[1:]:
        if lo <= ends[-1] + 1:
            ends[-1] = max(ends[-1], hi)
        else:
            starts.append(lo)
            ends.append(hi)
    return starts, ends


def _parse_ranges(text: str) -> Iterator[tuple[int, int]]:
    """fontconfig's charset format: hex code points and ranges, e.g. ``20-7e a0 1f600``."""
    for token in text.split():
        lo, _, hi = token.partition("-")
        try:
            yield int(lo, 16), int(hi or lo, 16)
        except ValueError:
            continue


def _invisible(ch: str) -> bool:
    """Controls, format characters (ZWJ, bidi marks) and variation selectors draw nothing anyway."""
    cp = ord(ch)
    return (unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
            or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)


def is_covered(ch: str) -> bool:
    """True when some installed font has a glyph for ``ch`` (or fontconfig is unavailable)."""
    cov = _coverage()
    if cov is None or ch.isascii() or _invisible(ch):
        return True
    starts, ends = cov
    i = bisect.bisect_right(starts, ord(ch)) - 1
    return i >= 0 and ord(ch) <= ends[i]


def _missing(text: str) -> list[str]:
    if text.isascii():
        return []
    return sorted((c for c in set(text) if not is_covered(c)), key=text.index)


def describe(ch: str) -> str:
    """``U+1F476 (BABY)``; private-use and unassigned code points say so."""
    name = unicodedata.name(ch, None)
    if name is None:
        name = "private use" if unicodedata.category(ch) == "Co" else "unnamed"
    return f"U+{ord(ch):04X} ({name})"


def placeholder(ch: str) -> str:
    return f"[U+{ord(ch):04X}]"


def _strings(value: Any, path: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(field path, text) for every string in a dumped model; list items named by their id."""
    if isinstance(value, str):
        yield " ".join(path), value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (str(k),))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value, 1):
            name = next((v[k] for k in KEY_FIELDS if isinstance(v, dict) and isinstance(v.get(k), str)), None)
            yield from _strings(v, path + (name or f"#{i}",))


def uncovered(model) -> list[tuple[str, str]]:
    """(field path, character) for each character no font covers, at most
    PLACES_PER_CHARACTER places per character, in the model's field order."""
    if hasattr(model, "model_dump_json") and not _missing(model.model_dump_json()):
        return []  # every string is in the JSON text as is: nothing to place (2 ms instead of 8 for a report)
    data = model.model_dump(mode="json") if hasattr(model, "model_dump") else model
    seen: dict[str, int] = {}
    found = []
    for where, text in _strings(data, ()):
        for ch in _missing(text):
            seen[ch] = seen.get(ch, 0) + 1
            if seen[ch] <= PLACES_PER_CHARACTER:
                found.append((where, ch))
    return found


def warnings(model, source: str) -> list[str]:
    """The command line's warnings for ``model`` read from ``source`` (a file name)."""
    return [f"lexgap: warning: {source}: {where}: character {describe(ch)} is not covered by any "
            f"installed font; the PDF shows {placeholder(ch)} instead" for where, ch in uncovered(model)]


def with_placeholders(html: str) -> str:
    """``html`` with each character no font covers replaced by ``[U+XXXX]``."""
    missing = _missing(html)
    return html.translate({ord(c): placeholder(c) for c in missing}) if missing else html
