"""Evidence per question: at most three candidate passages, ranked, spread; or silence.

A question is searched only through its reviewed search terms: passages holding none of them are not
candidates, and a question whose terms occur nowhere is silent ("no passage found for: terms ..."), never
decided by a score threshold. The candidates are ranked by BM25 over the question's text, help, option
labels and terms (the terms twice: they are the law's words, the question's are ours), with a small boost
under a heading whose Protocol cluster is the cluster of a rule the question feeds. Three slots at most,
from three different paragraphs or sections; a "hub" passage that would fill the slots of more than
`HUB_LIMIT` questions keeps only the questions it ranks highest for, so one passage does not fill every list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bm25 import BM25, tokens
from .passages import Passage
from .terms import PhraseIndex, gate, question_terms

SLOTS = 3
HUB_LIMIT = 4
CLUSTER_BOOST = 1.2
QUOTE_CHARS = 600


@dataclass
class Candidate:
    passage: Passage
    score: float
    terms: list[str]
    page: int
    quote: str


@dataclass
class Finding:
    question: str
    terms: list[str]                       # the terms searched
    candidates: list[Candidate] = field(default_factory=list)
    searched: bool = True                  # False: no search terms in this language

    @property
    def silent(self) -> bool:
        return self.searched and not self.candidates


def _clusters(ruleset) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for rule in ruleset.rules.values():
        for q in rule.questions:
            out.setdefault(q, set()).add(rule.opsc_cluster)
    return out


def query_text(question) -> str:
    parts = [question.text, question.help or ""]
    parts += [o.label for o in question.options or []]
    return " ".join(parts)


def quote_of(p: Passage, terms: list[str], lang: str = "en") -> tuple[int, str]:
    """(page, quote): the passage's text on the page where most of the matched terms are, cut to the sentences
    around the first that holds a term when long. Always a verbatim piece of that page's text."""
    from .numbers import sentences
    stems = [tokens(t, lang) for t in terms]

    def holds(text: str) -> int:
        joined = " " + " ".join(tokens(text, lang)) + " "
        return sum(1 for s in stems if s and (" " + " ".join(s) + " ") in joined)

    runs = [(n, run) for n in p.pages() for run in p.page_runs(n)]
    best_run = max(range(len(runs)), key=lambda k: (holds(runs[k][1]), -k))
    page, text = runs[best_run]
    if len(text) <= QUOTE_CHARS:
        return page, text
    parts = sentences(text)
    best = max(range(len(parts)), key=lambda i: (holds(parts[i]) > 0, -i)) if parts else 0
    quote = parts[best] if parts else text
    j = best + 1
    while j < len(parts) and len(quote) + len(parts[j]) + 1 <= QUOTE_CHARS:
        quote += " " + parts[j]
        j += 1
    return page, quote[: QUOTE_CHARS * 2]


def find_evidence(passages: list[Passage], ruleset, lang: str = "en") -> dict[str, Finding]:
    docs = [tokens(p.text, lang) for p in passages]
    bm25 = BM25(docs)
    index = PhraseIndex(docs)
    clusters = _clusters(ruleset)
    ranked: dict[str, list[tuple[int, float, list[str]]]] = {}
    findings: dict[str, Finding] = {}
    for q in ruleset.questions.values():
        terms = question_terms(q, lang)
        f = findings[q.id] = Finding(q.id, terms, searched=bool(terms))
        if not terms:
            continue
        gated = gate(index, terms, lang)
        if not gated:
            continue
        query = tokens(query_text(q), lang) + [t for term in terms for t in tokens(term, lang)] * 2
        scores = bm25.scores(query, only=set(gated))
        want = clusters.get(q.id, set())
        order = []
        for i, hits in gated.items():
            s = scores.get(i, 0.0) * (1 + 0.15 * (len(hits) - 1))
            if passages[i].cluster in want:
                s *= CLUSTER_BOOST
            order.append((i, s, hits))
        order.sort(key=lambda t: (-t[1], t[0]))
        ranked[q.id] = order
    picks = _spread(ranked, passages)
    for qid, chosen in picks.items():
        for i, s, hits in chosen:
            page, quote = quote_of(passages[i], hits, lang)
            findings[qid].candidates.append(Candidate(passages[i], round(s, 3), hits, page, quote))
    return findings


def _distinct(order, passages, slots=SLOTS, banned=frozenset()):
    chosen, sections, texts = [], set(), set()
    for i, s, hits in order:
        p = passages[i]
        key = re.sub(r"\W+", " ", p.text.lower())[:200]
        if i in banned or p.section in sections or key in texts:
            continue
        chosen.append((i, s, hits))
        sections.add(p.section)
        texts.add(key)
        if len(chosen) == slots:
            break
    return chosen


def _spread(ranked, passages):
    first = {qid: _distinct(order, passages) for qid, order in ranked.items()}
    uses: dict[int, list[tuple[float, str]]] = {}
    for qid, chosen in first.items():
        best = chosen[0][1] if chosen else 1.0
        for i, s, _ in chosen:
            uses.setdefault(i, []).append((s / (best or 1.0), s, qid))
    banned: dict[str, set[int]] = {}
    for i, users in uses.items():
        if len(users) > HUB_LIMIT:  # kept where it ranks highest: relative, then absolute score, then id
            for _, _, qid in sorted(users, key=lambda u: (-u[0], -u[1], u[2]))[HUB_LIMIT:]:
                banned.setdefault(qid, set()).add(i)
    out = {}
    for qid, order in ranked.items():
        if qid not in banned:
            out[qid] = first[qid]
            continue
        chosen = _distinct(order, passages, banned=frozenset(banned[qid]))
        out[qid] = chosen or first[qid][:1]  # the only evidence there is stays, hub or not
    return out
