"""Ages and age differences read from a sentence: the only values the reader suggests.

A statute writes an age as "below the age of eighteen years", "under twelve (12) years of age", "the age
of consent is fifteen (15) years" or "sixteen years old"; a close-in-age proviso as "not more than three
(3) years". A number counts only with an age word beside it ("age", "years old", "years of age"), so
penalties and periods ("imprisonment of up to seven years", "thirty days") are never read as ages. What is
read is a suggestion with its sentence, for a person to confirm: yes/no and option answers are never
suggested (a law in force is not a law meeting a condition).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
WORDS["twenty-one"] = 21
NUM = r"(?P<num>\d{1,2}|twenty-one|" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")(?:\s*\((?P<dig>\d{1,2})\))?"
BELOW = r"(?:under|below|less than|younger than|not (?:yet )?(?:attained|reached)|has not attained|not attained)"
AGE_PATTERNS = [
    # "below the age of eighteen (18) years", "under the age of 16"
    re.compile(BELOW + r"\s+(?:the\s+)?age\s+of\s+" + NUM + r"(?:\s+years)?", re.IGNORECASE),
    # "under twelve (12) years of age", "below 18 years old"
    re.compile(BELOW + r"\s+" + NUM + r"\s+years?(?:\s+of\s+age|\s+old|[\s-]+of[\s-]+age)", re.IGNORECASE),
    # "the age of (sexual) consent is / is set at / of fifteen (15) years"
    re.compile(r"age\s+of\s+(?:sexual\s+)?consent\b[^.;]{0,60}?\b(?:is|at|of|be|to)\s+(?:set\s+at\s+)?" + NUM
               + r"(?:\s+years)?", re.IGNORECASE),
    # "children 14 years of age or older" (a lower cut-off: the offence stops below it)
    re.compile(NUM + r"\s+years?\s+of\s+age\s+or\s+(?:older|above|over)", re.IGNORECASE),
    # "of the age of eighteen years or upwards may contract marriage" (a minimum age stated from above)
    re.compile(r"age\s+of\s+" + NUM + r"\s+years\s+or\s+(?:upwards|above|over|more)", re.IGNORECASE),
    # "attained the age of eighteen years" (majority, a child definition by its complement)
    re.compile(r"(?<!not )(?<!has not )attained\s+the\s+age\s+of\s+" + NUM, re.IGNORECASE),
]
GAP_PATTERNS = [
    re.compile(r"(?:not more than|no more than|not exceeding|less than|within|up to|at most)\s+" + NUM
               + r"\s+years?\b[^.;]{0,40}?\b(?:difference|apart|older|gap|between)", re.IGNORECASE),
    re.compile(r"(?:difference|gap)\b[^.;]{0,40}?\b(?:is not more than|is no more than|does not exceed|not exceeding|"
               r"is at most|of not more than)\s+" + NUM + r"\s+years?", re.IGNORECASE),
    re.compile(r"(?:difference|gap)\s+(?:in\s+age\s+)?(?:of|is|does not exceed|not exceeding|not more than|no more than)"
               r"\s+(?:not more than\s+|no more than\s+|at most\s+)?" + NUM + r"\s+years?", re.IGNORECASE),
]
SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-Z(\"\u201c])")


@dataclass(frozen=True)
class Reading:
    value: int
    sentence: str


def _value(m: re.Match) -> int | None:
    if m.group("dig"):
        return int(m.group("dig"))
    raw = m.group("num").lower()
    return int(raw) if raw.isdigit() else WORDS.get(raw)


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.split(text) if s.strip()]


def ages_in(sentence: str) -> list[int]:
    out = []
    for pattern in AGE_PATTERNS:
        for m in pattern.finditer(sentence):
            v = _value(m)
            if v is not None and 5 <= v <= 25:
                out.append((m.start(), v))
    return [v for _, v in sorted(out)]


def gaps_in(sentence: str) -> list[int]:
    out = []
    for pattern in GAP_PATTERNS:
        for m in pattern.finditer(sentence):
            v = _value(m)
            if v is not None and 0 < v <= 10:
                out.append((m.start(), v))
    return [v for _, v in sorted(out)]


def read_number(text: str, kind: str, near: list[str] | None = None, lang: str = "en") -> Reading | None:
    """The first age (kind 'age') or age difference (kind 'gap') in `text`, preferring a sentence that also
    holds one of the words `near` (the question's search terms, matched on stems)."""
    finder = ages_in if kind == "age" else gaps_in
    found = [(s, finder(s)) for s in sentences(text)]
    found = [(s, vs) for s, vs in found if vs]
    if not found:
        return None
    if near:
        from .bm25 import tokens
        wanted = [tokens(t, lang) for t in near]
        for s, vs in found:
            toks = tokens(s, lang)
            joined = " " + " ".join(toks) + " "
            if any(w and (" " + " ".join(w) + " ") in joined for w in wanted):
                return Reading(vs[0], s.strip())
    s, vs = found[0]
    return Reading(vs[0], s.strip())
