"""The draft questionnaire `lexgap read` writes: evidence attached, nothing decided.

Every answer's `value` is `unknown`; `verified` is never written (only a person who checked sets it). Each
candidate passage becomes a citation with its verbatim quote, the instrument and article where the passage
names them, the source and a `locator` ("p. 23, para. 91"). Ages and age differences read from a passage go
to `suggested` with their sentence, which `assess` never scores. Questions no passage speaks of are listed
under `silent` with the terms looked for. `--merge` adds a second document's evidence to a draft (a State
report, then the statutes it names): the answers a person already gave are kept as they are.
"""
from __future__ import annotations

import copy
import datetime as dt
import re

from .find import Finding
from .numbers import read_number

STATUTE = re.compile(
    r"\b((?:Republic Act|R\.\s?A\.)\s+(?:No\.\s*)?\d{3,5}"
    r"|(?:[A-Z][\w'\u2019-]+,?\s+(?:(?:of|against|and|on|for|the|in|to)\s+)*){0,10}"
    r"(?:Act|Code|Law|Decree|Ordinance|Constitution)"
    r"(?:\s+(?:of\s+)?(?:\d{4}|No\.\s*\d+))?)")
ARTICLE = re.compile(r"\b((?:article|art\.|section|sec\.|s\.)\s*\d+[A-Za-z]?(?:\(\w{1,4}\))*(?:-[A-Z])?)",
                     re.IGNORECASE)
GENERIC = {"Act", "Code", "Law", "Decree", "Ordinance", "Constitution", "The Act", "This Act", "The Code", "This Code",
           "The Law", "This Law", "Penal Code"}
EXCEPTION = re.compile(r"\b(?:nonetheless|notwithstanding|exception|except|unless|provided(?:,)? that|however|"
                       r"with the consent|upon petition|dispensation|authori[sz]ation)\b", re.IGNORECASE)
"""Words of a statute's exception to its own rule ("a female below fifteen years may nonetheless be married")."""
NOTE = "Found by lexgap read, not verified: candidate passages for a person to read; matched terms: {terms}."


def source_id(symbol: str | None, stem: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", (symbol or stem).lower()).strip("_")[:40] or "doc"
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}_{n}", n + 1
    return sid


def locator(page: int | None, address: str, paged: bool, fallback: str = "") -> str:
    """"p. 23, para. 91"; "s. 2(1)(d)" without pages; `fallback` ("block 12", the passage counted from the
    start) for an unnumbered passage of a text without pages."""
    parts = ([f"p. {page}"] if paged and page else []) + ([address] if address else [])
    return ", ".join(parts) or fallback


def named_instrument(text: str) -> str | None:
    for m in STATUTE.finditer(text):
        name = re.sub(r"\s+", " ", m.group(1)).strip()
        if name not in GENERIC and not name.lower().startswith(("the ", "this ", "an ", "a ")):
            return name
        if name.startswith("The ") and len(name.split()) > 2:
            return name[4:]
    return None


def citations_for(f: Finding, source: dict, paged: bool, statute: bool) -> list[dict]:
    out = []
    for c in f.candidates:
        p = c.passage
        art = None
        if statute and p.address:
            art = p.address
        else:
            m = ARTICLE.search(c.quote)
            art = m.group(1) if m else None
        instrument = (source["title"] if statute else named_instrument(c.quote)) or source["title"]
        cit = {"instrument": instrument}
        if art:
            cit["article"] = art
        cit["quote"] = c.quote
        cit["source"] = source["id"]
        cit["locator"] = locator(c.page, ("footnote " + p.address[4:]) if p.footnote else p.address, paged,
                                 p.section)
        out.append(cit)
    return out


def suggestion(question, f: Finding, source: dict, paged: bool, lang: str = "en") -> dict | None:
    """A number for an age or age-difference question, from the best-ranked passage that states one."""
    if question.type == "age":
        kind = "age"
    elif question.type == "integer" and re.search(r"differen|gap", question.text, re.IGNORECASE):
        kind = "gap"
    else:
        return None
    lo = question.min if question.min is not None else 0
    hi = question.max if question.max is not None else 99
    readings = []
    for c in f.candidates:
        r = read_number(c.quote, kind, c.terms, lang)
        if r is not None and lo <= r.value <= hi:
            readings.append((bool(EXCEPTION.search(r.sentence)), r, c))
    if not readings:
        return None
    # a question about the exception wants the age an exception allows; the others the rule's own age
    want = bool(re.search(r"\bexception", question.text, re.IGNORECASE))
    _, r, c = next((t for t in readings if t[0] == want), readings[0])
    return {"value": r.value, "quote": r.sentence, "source": source["id"],
            "locator": locator(c.page, c.passage.address, paged, c.passage.section), "by": "lexgap read"}


def build_draft(ruleset, findings: dict[str, Finding], source: dict, country: str, as_of: dt.date,
                paged: bool, statute: bool, lang: str = "en", today: dt.date | None = None) -> dict:
    answers: dict = {}
    silent = []
    for q in ruleset.questions.values():
        f = findings.get(q.id)
        entry: dict = {"value": "unknown"}
        if f is not None and f.candidates:
            entry["citations"] = citations_for(f, source, paged, statute)
            terms = sorted({t for c in f.candidates for t in c.terms})
            entry["notes"] = NOTE.format(terms=", ".join(terms))
            sug = suggestion(q, f, source, paged, lang)
            if sug:
                entry["suggested"] = sug
        elif f is not None and f.silent:
            silent.append({"question": q.id, "terms": list(f.terms), "sources": [source["id"]]})
        answers[q.id] = entry
    return {
        "format": 1,
        "ruleset": ruleset.id,
        "country": country,
        "as_of": as_of.isoformat(),
        "title": f"Draft from {source['title']} (lexgap read: evidence to verify)",
        "prepared_by": {"name": "lexgap read (draft: to be reviewed)",
                        "date": (today or dt.date.today()).isoformat()},
        "sources": [source],
        "answers": answers,
        "silent": silent,
    }


def merge(old: dict, new: dict) -> dict:
    """`old` with `new`'s source, citations, suggestions; a question stays silent only if silent in both."""
    out = copy.deepcopy(old)
    out.setdefault("sources", []).extend(new["sources"])
    answers = out.setdefault("answers", {})
    for qid, entry in new["answers"].items():
        have = answers.get(qid)
        if have is None:
            answers[qid] = entry
            continue
        if not isinstance(have, dict):
            have = answers[qid] = {"value": have}
        if entry.get("citations"):
            have.setdefault("citations", []).extend(entry["citations"])
            if entry.get("notes") and not have.get("notes"):
                have["notes"] = entry["notes"]
        if entry.get("suggested") and not have.get("suggested"):
            have["suggested"] = entry["suggested"]
    old_silent = {s["question"]: s for s in old.get("silent", []) or []}
    merged = []
    for q in ruleset_order(old, new):
        before, now = old_silent.get(q), next((s for s in new.get("silent", []) if s["question"] == q), None)
        entry = new["answers"].get(q, {})
        if now is not None and (before is not None or _open(old, q)):
            merged.append({**now, "terms": list(dict.fromkeys([*(before or {}).get("terms", []), *now["terms"]])),
                           "sources": [*(before or {}).get("sources", []), *now["sources"]]})
        elif before is not None and now is None and not entry.get("citations"):
            merged.append(before)  # not searched in this document: silent for the sources that were
    out["silent"] = merged
    return out


def _open(old: dict, qid: str) -> bool:
    """An answer nobody gave and nothing cites: a question still open in a hand-made questionnaire."""
    a = (old.get("answers") or {}).get(qid)
    if a is None:
        return True
    if not isinstance(a, dict):
        return a == "unknown"
    return a.get("value") == "unknown" and not a.get("citations")


def ruleset_order(old: dict, new: dict) -> list[str]:
    return list(dict.fromkeys([*new["answers"], *(s["question"] for s in old.get("silent", []) or [])]))
