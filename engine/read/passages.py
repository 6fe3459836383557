"""A document's pages cut into passages, each with the address a reader cites: page and paragraph.

A quote without its page cannot be checked, so every passage keeps the page of each of its lines. UN
documents number their paragraphs ("91. The State party ..."); statutes number sections and sub-sections
("2. (1) In this Act ...", "(d) 'child' means ..."), which are split so a passage is one provision.
Running headers and footers (a line repeated at the top or bottom of at least half the pages, page numbers
aside) are dropped; footnotes are kept, marked, and found by their numbering (each is the previous one plus
one, in the lower part of a page), so a wrapped line that starts with "18 years" is not taken for one.
Headings that name Optional Protocol articles, or its chapter titles, tie the passages below them to the
rules' clusters (`cluster`), which ranking uses as a small boost.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .document import Document

MAX_BLOCK = 1500
"""An unnumbered passage is cut at a sentence end past this many characters, so a report without numbered
paragraphs still yields passages of paragraph size."""


@dataclass
class Passage:
    index: int
    address: str                    # "para. 91", "s. 2(1)(d)", "fn. 3", "" for an unnumbered block
    spans: list[tuple[int, str]]    # (page, line) in reading order
    heading: str = ""
    cluster: str | None = None
    footnote: bool = False
    section: str = ""               # the enclosing numbered unit ("para. 91", "s. 2"): spread counts these
    rows: list[int] = field(default_factory=list)  # each span's place among its page's non-blank lines

    @property
    def page(self) -> int:
        return self.spans[0][0]

    @property
    def text(self) -> str:
        return join_lines(line for _, line in self.spans)

    def page_text(self, page: int) -> str:
        return join_lines(line for p, line in self.spans if p == page)

    def page_runs(self, page: int) -> list[str]:
        """The passage's text on `page` in runs of adjacent lines: a dropped running header between two
        lines splits a run, so that a quote taken from one run is verbatim on the page."""
        runs: list[list[str]] = []
        last = None
        for k, (p, line) in enumerate(self.spans):
            if p != page:
                continue
            row = self.rows[k] if k < len(self.rows) else None
            if runs and (row is None or last is None or row == last + 1):
                runs[-1].append(line)
            else:
                runs.append([line])
            last = row
        return [join_lines(r) for r in runs]

    def pages(self) -> list[int]:
        return list(dict.fromkeys(p for p, _ in self.spans))


def join_lines(lines) -> str:
    """Lines joined as the reader sees them: a hyphen at a line end that splits a word is kept (the quote
    must stay verbatim), spaces collapsed."""
    return re.sub(r"\s+", " ", " ".join(line.strip() for line in lines)).strip()


PARA = re.compile(r"^(\d{1,4})\.\s+(?=\S)")
SECTION = re.compile(r"^(?:Section|SECTION|Sec\.|SEC\.)\s+(\d{1,4}[A-Z]?(?:-[A-Z])?)\.?\s*[.:\-\u2013\u2014]?\s*")
ARTICLE = re.compile(r"^(?:Article|ARTICLE|Art\.)\s+(\d{1,4}(?:-[A-Z]|[a-z]{0,2}|\s?bis|\s?ter)?)\.?\s*[.:\-\u2013\u2014]?\s*")
TITLED_SECTION = re.compile(r"^(\d{1,3}[A-Z]{0,2})\s+([A-Z][^.;:]{1,80})$")
"""A statute's section heading as legislation.gov.uk prints it: "1 Rape", "15 Meeting a child following ..."."""
LEADING_SUB = re.compile(r"^\S+\s.{0,120}?[.\u2014\u2013-]\s*\((\d{1,3})\)\s")
NOTE_WORDS = {"explanation": "Expl.", "illustration": "Illus.", "provided": "proviso"}
NOTE_LINE = re.compile(r"^(Explanation|Illustration|Provided)\b")
SUBSECTION = re.compile(r"^\((\d{1,3}[A-Z]?|[a-z]{1,4})\)\s+(?=\S)")
FOOTNOTE = re.compile(r"^(\d{1,3})\s+(?=[A-Z\"'\u201c(])")
TOC = re.compile(r"(\.\s?){4,}|\s{3,}\d+(\s*[-\u2013]\s*\d+)?\s*$")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-\u2013 ]*\d{1,4}[-\u2013 ]*(?:of\s+\d+)?$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.:;!?)\]\u201d\"']\d{0,3}$")  # a footnote call may follow

OPSC_ARTICLE_CLUSTER = {"1": "prohibition", "2": "prohibition", "3": "prohibition", "4": "jurisdiction",
                        "5": "jurisdiction", "6": "cooperation", "7": "prohibition", "8": "protection",
                        "9": "prevention", "10": "cooperation"}
HEADING_WORDS = [  # (words of a UN report's chapter heading, cluster); first match wins
    (("general measures", "general principles", "implementation", "definition"), "general"),
    (("prohibition", "criminal", "penal", "offence", "offense", "child prostitution", "pornography",
      "sale of children", "sexual"), "prohibition"),
    (("jurisdiction", "extradition"), "jurisdiction"),
    (("protection of the rights", "victim", "protection"), "protection"),
    (("prevention", "awareness"), "prevention"),
    (("international assistance", "cooperation"), "cooperation"),
]


def heading_cluster(heading: str) -> str | None:
    """The Protocol cluster a heading names: by the articles it cites ("(articles 3.1(b), 3.2 and 3.3)"),
    else by the words of the reporting guidelines' chapter titles."""
    low = heading.lower()
    m = re.search(r"\barticles?\s+(\d{1,2})", low)
    if m and m.group(1) in OPSC_ARTICLE_CLUSTER:
        return OPSC_ARTICLE_CLUSTER[m.group(1)]
    for words, cluster in HEADING_WORDS:
        if any(w in low for w in words):
            return cluster
    return None


def _norm(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def running_lines(pages: list[list[str]], depth: int = 3) -> set[str]:
    """Normalised lines repeated in the top or bottom `depth` lines of at least half the pages."""
    if len(pages) < 3:
        return set()
    seen: Counter = Counter()
    for lines in pages:
        edge = {_norm(x) for x in lines[:depth] + lines[-depth:] if x.strip()}
        seen.update(edge)
    return {line for line, n in seen.items() if n >= max(2, len(pages) / 2)}


def _is_heading(line: str, prev_ended: bool) -> bool:
    s = line.strip()
    if re.match(r"^[IVXL]{1,5}\.\s+[A-Z]", s) and len(s) <= 160 and not s.endswith("."):
        return True  # a report's chapter ("II. Prohibition of ..."), wherever the previous line ended
    if not prev_ended or len(s) > 110 or len(s) < 3 or SENTENCE_END.search(s) and not s.endswith(")"):
        return False
    if re.match(r"^([IVXL]{1,5}|[A-Z]|\d{1,2})\.\s+\S", s) and not s.endswith("."):
        return True
    if s.isupper() and any(c.isalpha() for c in s):
        return True
    if re.search(r"\(articles?\s+\d", s, re.IGNORECASE):
        return True
    words = s.split()
    return 1 <= len(words) <= 10 and s[0].isupper() and not s.endswith(",")


def split_passages(doc: Document, statute: bool = False) -> list[Passage]:
    """The passages of `doc` in reading order. `statute` reads numbered units as sections ("s. 2") and splits
    sub-sections; otherwise they are a report's paragraphs ("para. 91")."""
    page_lines = [[x for x in text.split("\n")] for text in doc.pages]
    running = running_lines([[x for x in lines if x.strip()] for lines in page_lines]) if doc.paged else set()
    unit = "s." if statute else "para."
    out: list[Passage] = []
    current: Passage | None = None
    heading = ""
    cluster: str | None = None
    section, sub_num = "", ""
    last_fn = 0
    last_para = 0  # the highest paragraph number so far: a "2." after "24." at a page foot is a footnote
    body: Passage | None = None  # the paragraph the footnotes interrupt; it resumes on the next page
    block_mode = doc.form in ("docx", "html")
    blank_breaks = doc.form == "text"

    def start(address: str, page: int, line: str, **kw) -> Passage:
        nonlocal current
        current = Passage(len(out), address, [(page, line)], heading=heading, cluster=cluster, rows=[pos], **kw)
        out.append(current)
        return current

    for pno, lines in enumerate(page_lines, 1):
        visible = [x for x in lines if x.strip()]
        top, bottom = set(map(id, visible[:3])), set(map(id, visible[-3:]))
        n_visible = len(visible)
        pos = 0
        in_footnotes = False
        for raw in lines:
            line = raw.strip()
            if not line:
                if blank_breaks and current is not None and not current.footnote:
                    current = None
                continue
            pos += 1
            edge = id(raw) in top or id(raw) in bottom
            if doc.paged and edge and (_norm(line) in running or PAGE_NUMBER.match(line)):
                continue
            if TOC.search(line) and re.search(r"\d\s*$", line):
                continue  # a table-of-contents line: its heading is repeated where the text is
            lower_part = pos > n_visible * 0.4
            fn = FOOTNOTE.match(line)
            if doc.paged and fn and lower_part and int(fn.group(1)) == last_fn + 1 and (
                    in_footnotes or current is None or SENTENCE_END.search(current.spans[-1][1].strip())):
                last_fn += 1
                if not in_footnotes:
                    body = current
                in_footnotes = True
                start(f"fn. {last_fn}", pno, line, footnote=True, section=f"fn. {last_fn}")
                continue
            if in_footnotes:
                current.spans.append((pno, line))
                current.rows.append(pos)
                continue
            back = PARA.match(line)
            if (doc.paged and back and lower_part and int(back.group(1)) == last_fn + 1
                    and int(back.group(1)) < last_para and not statute):
                last_fn += 1
                if not in_footnotes:
                    body = current
                in_footnotes = True
                start(f"fn. {last_fn}", pno, line, footnote=True, section=f"fn. {last_fn}")
                continue
            prev_ended = current is None or bool(SENTENCE_END.search(current.spans[-1][1].strip())) or block_mode
            m = SECTION.match(line) or ARTICLE.match(line) or PARA.match(line) or (
                statute and TITLED_SECTION.match(line))
            if m:
                num = m.group(1)
                if m.re is PARA:
                    last_para = max(last_para, int(num))
                word = "art." if line.lower().startswith("art") else unit
                section = f"{word} {num}"
                first = LEADING_SUB.search(line) if statute else None  # "2. Definitions.—(1) In this Act"
                sub_num = f"({first.group(1)})" if first else ""
                start(section + sub_num, pno, line, section=section)
                continue
            if statute and section and NOTE_LINE.match(line):
                word = NOTE_LINE.match(line).group(1).lower()
                start(f"{section}{sub_num} {NOTE_WORDS[word]}",
                      pno, line, section=section)
                continue
            m = SUBSECTION.match(line)
            if m and statute and section:
                label = m.group(1)
                if label[0].isdigit():
                    sub_num = f"({label})"
                    address = f"{section}{sub_num}"
                else:
                    address = f"{section}{sub_num}({label})"
                start(address, pno, line, section=section)
                continue
            if _is_heading(line, prev_ended) and not m:
                heading = line
                cluster = heading_cluster(line) or cluster
                current = None
                continue
            if current is None or block_mode or (current.footnote and not in_footnotes) or (
                    not current.address and len(current.text) > MAX_BLOCK and prev_ended):
                start("", pno, line, section=f"block {len(out) + 1}")
            else:
                current.spans.append((pno, line))
                current.rows.append(pos)
        if current is not None and current.footnote:
            current = body  # the text resumes on the next page after the footnotes
    return out
