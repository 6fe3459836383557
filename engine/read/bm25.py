"""Stemmed tokens and Okapi BM25, in plain Python: no model weights, no network, no numpy.

BM25 (k1 1.5, b 0.75) over a few hundred passages ranks 91 questions in well under a second. Repeated
query words count again (a question's own words, its help and its search terms all say "prostitution":
that emphasis is wanted); the feasibility study measured that counting each word once loses hits.
Stemming is Snowball's (English now; French and Spanish are one entry each in STEMMERS and STOPWORDS).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache

STEMMERS = {"en": "english", "fr": "french", "es": "spanish"}
STOPWORDS = {
    # "not", "no", "under", "any" and "law" stay: "shall not be punished" must not match "shall be punished",
    # nor "domestic law" "domestic violence"
    "en": set("""a an and are as at be been by can do does for from had has have if in into is it its may
        of on or such that the their them there these they this those to was were which who will with
        other all than shall same where what whose how when whether e g i ie eg per""".split()),
    "fr": set("au aux avec ce ces dans de des du elle en et il la le les leur lui ou par pour qui que sur un une".split()),
    "es": set("a al con de del el en es la las lo los o para por que se su sus un una y".split()),
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=8)
def _stemmer(lang: str):
    import snowballstemmer
    return snowballstemmer.stemmer(STEMMERS.get(lang, "english"))


_STEMS: dict[str, dict[str, str]] = {}
"""word -> stem, per language: a report repeats its words, and Snowball in pure Python is the slow step."""


def tokens(text: str, lang: str = "en") -> list[str]:
    """Lower-cased, stop words out, stemmed."""
    stop = STOPWORDS.get(lang, STOPWORDS["en"])
    cache = _STEMS.setdefault(lang, {})
    out = []
    for w in WORD.findall(text.lower()):
        if w in stop or len(w) < 2:
            continue
        stem = cache.get(w)
        if stem is None:
            stem = cache[w] = _stemmer(lang).stemWord(w)
        out.append(stem)
    return out


class BM25:
    def __init__(self, docs: list[list[str]], k1: float = 1.5, b: float = 0.75):
        self.k1, self.b = k1, b
        self.n = len(docs)
        self.lengths = [len(d) for d in docs]
        self.avg = (sum(self.lengths) / self.n) if self.n else 0.0
        self.postings: dict[str, dict[int, int]] = defaultdict(dict)
        for i, d in enumerate(docs):
            for term, tf in Counter(d).items():
                self.postings[term][i] = tf

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def scores(self, query: list[str], only: set[int] | None = None) -> dict[int, float]:
        """Score of every document sharing a word with the query (restricted to `only` when given)."""
        out: dict[int, float] = defaultdict(float)
        for term, qtf in Counter(query).items():
            post = self.postings.get(term)
            if not post:
                continue
            idf = self.idf(term)
            for i, tf in post.items():
                if only is not None and i not in only:
                    continue
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[i] / (self.avg or 1))
                out[i] += qtf * idf * tf * (self.k1 + 1) / norm
        return dict(out)
