"""The reading sheet (`--evidence sheet.html|.pdf`): per question, the candidate passages with page and
paragraph and the matched words highlighted; the silent questions with the terms looked for.

Every page says "found by lexgap, not verified" (a PDF page-margin box; the HTML's banner and each
question's label): a sheet passed on without its draft must not read as a finding. Autoescaped: the
passages are a stranger's text.
"""
from __future__ import annotations

import re

from jinja2 import Environment

from .bm25 import tokens

MARK = "found by lexgap, not verified"

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Reading sheet: {{ title }}</title>
<style>
@page { size: A4; margin: 22mm 18mm;
  @top-center { content: "{{ mark }}"; font: 9pt sans-serif; color: #a00; }
  @bottom-center { content: "{{ mark }} \\2014  page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #a00; } }
body { font: 10pt/1.4 "DejaVu Sans", sans-serif; max-width: 60em; margin: auto; }
.banner { border: 2px solid #a00; color: #a00; padding: .4em .8em; font-weight: bold; }
.q { break-inside: avoid-page; border-top: 1px solid #999; margin-top: 1em; }
.label { color: #a00; font-size: 8pt; text-transform: uppercase; }
.where { font-weight: bold; }
blockquote { margin: .3em 0 .6em 1em; }
mark { background: #ffe066; }
.silent { color: #555; }
@media print { .banner { position: static; } }
</style></head><body>
<p class="banner">{{ mark|capitalize }}: candidate passages for a person to read and decide. Nothing here is an answer.</p>
<h1>Reading sheet: {{ title }}</h1>
<p>{{ source.kind|replace("_", " ") }}{% if source.date %}, dated {{ source.date }}{% endif %}; {{ n_found }} question(s) with candidate passages, {{ silent|length }} silent, {{ n_unsearched }} without search terms.</p>
{% if silent %}<h2>Silent: no passage found</h2>
<ul class="silent">{% for s in silent %}<li><b>{{ s.question }}</b> {{ s.text }}: no passage found for: {{ s.terms|join(", ") }}</li>{% endfor %}</ul>{% endif %}
<h2>Candidate passages</h2>
{% for q in found %}<section class="q"><p class="label">{{ mark }}</p>
<h3>{{ q.id }}</h3><p>{{ q.text }}</p>
{% if q.suggested %}<p>Suggested: <b>{{ q.suggested.value }}</b> ({{ q.suggested.locator }}), to confirm.</p>{% endif %}
{% for c in q.candidates %}<p class="where">{{ loop.index }}. {{ c.locator }}{% if c.footnote %} (footnote){% endif %}{% if c.heading %}, under "{{ c.heading }}"{% endif %}; matched: {{ c.terms|join(", ") }}</p>
<blockquote>{% for text, hit in c.pieces %}{% if hit %}<mark>{{ text }}</mark>{% else %}{{ text }}{% endif %}{% endfor %}</blockquote>
{% endfor %}</section>
{% endfor %}
</body></html>
"""


def pieces(text: str, terms: list[str], lang: str = "en") -> list[tuple[str, bool]]:
    """`text` cut into (piece, highlighted): each occurrence of a matched term, as the gate matched it (its
    stems in order, stop words between them skipped), is highlighted from its first word to its last."""
    words = []  # (start, end, stem) of the words that are not stop words
    for m in re.finditer(r"[^\W\d_]+", text):
        toks = tokens(m.group(), lang)
        if toks:
            words.append((m.start(), m.end(), toks[0]))
    stems = [w[2] for w in words]
    spans = []
    for term in terms:
        seq = tokens(term, lang)
        if not seq:
            continue
        for k in range(len(stems) - len(seq) + 1):
            if stems[k:k + len(seq)] == seq:
                spans.append((words[k][0], words[k + len(seq) - 1][1]))
    spans.sort()
    out: list[tuple[str, bool]] = []
    pos = 0
    for a, b in spans:
        if a < pos:
            a = pos
        if a >= b:
            continue
        out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    out.append((text[pos:], False))
    return [p for p in out if p[0]]


def render_sheet(ruleset, findings, draft: dict, source: dict, paged: bool, lang: str = "en") -> str:
    from .draft import locator
    found, silent, unsearched = [], [], 0
    for q in ruleset.questions.values():
        f = findings.get(q.id)
        if f is None or not f.searched:
            unsearched += 1
            continue
        if f.silent:
            silent.append({"question": q.id, "text": q.text, "terms": f.terms})
            continue
        answer = draft["answers"].get(q.id) or {}
        found.append({"id": q.id, "text": q.text, "suggested": answer.get("suggested"), "candidates": [
            {"locator": locator(c.page, c.passage.address, paged, c.passage.section),
             "footnote": c.passage.footnote, "heading": c.passage.heading, "terms": c.terms,
             "pieces": pieces(c.quote, c.terms, lang)} for c in f.candidates]})
    env = Environment(autoescape=True)
    return env.from_string(TEMPLATE).render(title=source["title"], source=source, mark=MARK, found=found,
                                            silent=silent, n_found=len(found), n_unsearched=unsearched)


def sheet_pdf(html: str) -> bytes:
    from weasyprint import HTML
    return HTML(string=html).write_pdf()
