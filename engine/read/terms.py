"""The search-term gate: which passages speak of a question's subject at all, and so which questions a
document is silent on.

A score threshold cannot tell silence: the feasibility study found BM25's best scores for topics a statute
never mentions overlapping fully with those for topics it does. So each question carries a reviewed list
of words and short phrases (`search: {en: [...]}` beside it in the area YAML), and a question none of whose
terms occurs anywhere is reported as "no passage found for: terms ...". A term matches on word stems, in
order, stop words ignored ("age of consent" matches "ages of consent"); it is never a regular expression,
so a lawyer can read and correct every list.
"""
from __future__ import annotations

from collections import defaultdict

from .bm25 import tokens


class PhraseIndex:
    """Positions of each stem in each passage, for phrase look-ups."""

    def __init__(self, docs: list[list[str]]):
        self.positions: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for i, d in enumerate(docs):
            for pos, tok in enumerate(d):
                self.positions[tok][i].append(pos)

    def find(self, phrase: list[str]) -> set[int]:
        """Passages holding the stems of `phrase` consecutively."""
        if not phrase:
            return set()
        first = self.positions.get(phrase[0])
        if not first:
            return set()
        hits = set()
        for i, starts in first.items():
            rest = [self.positions.get(t, {}).get(i) for t in phrase[1:]]
            if any(r is None for r in rest):
                continue
            sets = [set(r) for r in rest]
            if any(all(s + k + 1 in sets[k] for k in range(len(sets))) for s in starts):
                hits.add(i)
        return hits


def question_terms(question, lang: str = "en") -> list[str]:
    """The question's search terms in `lang` (none: the question cannot be searched in that language)."""
    return list((question.search or {}).get(lang, []))


def gate(index: PhraseIndex, terms: list[str], lang: str = "en") -> dict[int, list[str]]:
    """passage -> the terms it holds; empty when the document is silent on these terms."""
    out: dict[int, list[str]] = defaultdict(list)
    for term in terms:
        for i in index.find(tokens(term, lang)):
            out[i].append(term)
    return dict(out)
