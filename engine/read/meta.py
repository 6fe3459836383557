"""A UN document's symbol and submission date, read from its first page.

Page one of a State party report carries its symbol ("CRC/C/OPSC/PHL/1") and, in brackets, the date the
State submitted it ("[28 August 2009]"), which is what the report describes the law as of: it is issued
and reviewed years later. A date outside brackets is taken only when none is bracketed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
SYMBOL = re.compile(r"\b((?:CRC|CCPR|CEDAW|CAT|CERD|CMW|CRPD|E/C\.12|A/HRC|A)/(?:[A-Z0-9.]+/){1,5}[A-Z0-9.]+)\b")
DATE = r"(\d{1,2})\s+(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(\d{4})"
BRACKETED = re.compile(r"\[\s*" + DATE + r"\s*\]")
PLAIN = re.compile(r"\b" + DATE + r"\b")


@dataclass
class Meta:
    symbol: str | None
    date: dt.date | None
    title: str | None


def _date(m: re.Match | None) -> dt.date | None:
    if m is None:
        return None
    try:
        return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


def read_meta(first_page: str) -> Meta:
    text = first_page[:4000]
    sym = SYMBOL.search(text)
    date = _date(BRACKETED.search(text)) or _date(PLAIN.search(text))
    title = None
    lines = [x.strip() for x in text.split("\n")]
    for line in lines:  # "Initial reports of States parties due in 2004" names the report best
        if re.match(r"^(initial|second|third|fourth|fifth|periodic|combined|consolidated)\b.*\breports?\b", line,
                    re.IGNORECASE) and len(line) <= 200:
            return Meta(sym.group(1).rstrip(".") if sym else None, date, line)
    for line in lines:
        s = line.strip()
        if re.search(r"\b(report|reports)\b", s, re.IGNORECASE) and 15 <= len(s) <= 200 and not SYMBOL.search(s):
            title = s
            break
    return Meta(sym.group(1).rstrip(".") if sym else None, date, title)
