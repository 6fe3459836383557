"""tinyhtml5 (WeasyPrint's HTML parser) with its cache of regular expressions working.

tinyhtml5 2.1's ``HTMLUnicodeInputStream.chars_until`` keeps the pattern for each set of
characters in the module's ``characters_until_regex``, but stores it under the wrong key:
``characters = characters_until_regex[(characters, opposite)] = regex`` binds ``characters``
first, so the key holds the compiled pattern and no lookup ever hits. Every call builds the
pattern's text again and finds it in ``re``'s own cache: about 4,300 times for a 25-page report,
a third of the parse (81 ms to 49 ms of CPU per report, docs/benchmarks.md).

:func:`repair` gives the module a cache that makes a missing pattern itself, exactly as
``chars_until`` makes it, so its lookup always succeeds and its own store is never reached. The
patterns, hence the parsed tree and the PDF, are the same. It applies only to the tinyhtml5
versions it was checked against (``CHECKED_VERSIONS``) and does nothing on others. The better home
is tinyhtml5 itself (two assignments; docs/upstream.md); once a release carries it, this module goes.
"""
from __future__ import annotations

import re
import sys

CHECKED_VERSIONS = ("2.1.",)
"""tinyhtml5 versions whose ``chars_until`` this was read against."""


class Patterns(dict):
    """(characters, opposite) -> the compiled pattern ``chars_until`` would build for them."""

    def __missing__(self, key):
        characters, opposite = key
        regex = "".join([f"\\x{ord(character):02x}" for character in characters])  # as tinyhtml5 does
        if not opposite:
            regex = f"^{regex}"
        pattern = self[key] = re.compile(f"[{regex}]+")
        return pattern


def applicable(tinyhtml5_module) -> bool:
    return getattr(tinyhtml5_module, "__version__", "").startswith(CHECKED_VERSIONS)


def repair() -> bool:
    """Give tinyhtml5 (if imported, and a checked version) the working cache; whether it has it."""
    tinyhtml5 = sys.modules.get("tinyhtml5")
    inputstream = sys.modules.get("tinyhtml5.inputstream")
    if tinyhtml5 is None or inputstream is None or not applicable(tinyhtml5):
        return False
    cache = getattr(inputstream, "characters_until_regex", None)
    if not isinstance(cache, Patterns):
        inputstream.characters_until_regex = Patterns()
    return True
