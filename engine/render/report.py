"""HTML and PDF gap reports: one set of Jinja2 templates for both.

``render_html(result)`` returns a self-contained page (CSS and SVG inline, no
script, nothing fetched). ``render_pdf(result, paper)`` renders the same
templates with WeasyPrint through :class:`lexgap.render.fetcher.AssetFetcher`, which
serves only bundled assets, and embeds the assessment JSON as an attached file
(PDF/A-3b, tagged). WeasyPrint is imported inside ``render_pdf`` only, so the
HTML path and ``lexgap --help`` stay fast.

Everything that comes from a questionnaire reaches the page through Jinja2
autoescaping; only the SVG charts (escaped in :mod:`lexgap.render.charts`) are marked
safe.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import charts
from ..word import committee, wording
from ..word.wording import humanise
from ..word.summary import executive_summary
from ..models.assessment import AnswerOut, Assessment, Finding
from ..resources import data_dir
from ..vocabulary import CONCERN, STATUS_LABEL, STATUS_MARK, Status
from ..load.ruleset_loader import load_ruleset
from ..models.base import to_json
from ..models.ruleset import SourceLabels
from .jinja_cache import bytecode_cache
from .pdfprint import PrintJob, font_configuration, print_stylesheet, stylesheet, write_pdf  # noqa: F401 - re-exported

PAPERS = {"a4": "A4", "letter": "letter"}
SEVERITY_RANK = committee.SEVERITY_RANK
RTL_LANGS = {"ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"}
FULL_STATUSES = CONCERN
"""Shown as full cards; unknown rules go in one compact table per area, the rest on one line."""
CONTEXT_TITLE = "Context (described, not scored)"
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(data_dir("reports") / "templates")),
        # select_autoescape matches name endings: "html.j2" must be listed or
        # report.html.j2 would render unescaped. default=True covers the rest.
        autoescape=select_autoescape(("html", "htm", "xml", "html.j2", "j2"),
                                     default_for_string=True, default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        bytecode_cache=bytecode_cache([Path(__file__)]),  # compiled once, not in every process
    )
    env.filters.update(score=fmt_score, status_label=STATUS_LABEL.get, status_mark=STATUS_MARK.get,
                       humanise=humanise, capfirst=lambda t: t[:1].upper() + t[1:] if t else t)
    env.globals.update(lang_attrs=lang_attrs, safe_url=safe_url, why_sentence=why_sentence,
                       short_cite=committee.cite, brief_cite=brief_cite, clip=clip,
                       without_gloss=without_gloss)
    env.globals["committee_headings"] = committee.headings  # the texts' headings, in their voice
    env.globals["editor_note"] = committee.EDITOR_NOTE  # the tool's notes, outside the Committee text
    return env


# -- small helpers used by the templates ------------------------------------

def fmt_score(value: Optional[float], suffix: str = "") -> str:
    if value is None:
        return "n/a"
    return (f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}") + suffix


def lang_attrs(lang: Optional[str]) -> dict[str, str]:
    """``lang`` (normalised: bare zh becomes zh-CN so CJK gets Simplified Chinese
    glyphs) and ``dir`` for a citation; {} for a missing or malformed tag."""
    if not lang or not _LANG_RE.match(lang):
        return {}
    primary = lang.split("-")[0].lower()
    if lang.lower() == "zh":
        lang = "zh-CN"
    attrs = {"lang": lang}
    if primary in RTL_LANGS:
        attrs["dir"] = "rtl"
    return attrs


def safe_url(url: Optional[str]) -> Optional[str]:
    """The URL if it is http(s) (shown as a link), else None (shown as text only)."""
    if url and re.match(r"^https?://[^\s<>\"']+$", url, re.I):
        return url
    return None


def clip(text: Optional[str], n: int = 160) -> str:
    """``text`` on one line, cut at a word boundary to at most ``n`` characters (with …)."""
    t = " ".join((text or "").split())
    if len(t) <= n:
        return t
    cut = t[: n - 1]
    if " " in cut[n // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "\u2026"


_GLOSS = re.compile(r" \([^()]*(?:\([^()]*\)[^()]*)*\)")


def without_gloss(article: Optional[str]) -> str:
    """'s. 5(a)(5)' from 's. 5(a)(5) (giving consideration to a child ...)': the
    article without the researcher's glosses in parentheses."""
    return _GLOSS.sub("", article or "")


def brief_cite(a: AnswerOut) -> str:
    """'Republic Act No. 7610, s. 5(a)(5)': the citation without glosses, for one-line findings."""
    parts = [c.instrument + (f", {without_gloss(c.article)}" if without_gloss(c.article).strip() else "")
             for c in a.citations]
    return "; ".join(dict.fromkeys(parts))


def why_sentence(f: Finding, answers: dict[str, AnswerOut]) -> str:
    """The finding's reason as every output words it (lexgap.word.wording.why)."""
    return f.why or wording.why(f, answers)


# -- the view model ----------------------------------------------------------

@dataclass
class AreaView:
    id: str
    title: str
    score: Optional[float]
    coverage: Optional[float]
    counts: Any
    band: Any
    findings: list[Finding]
    answers: list[AnswerOut]
    anchor: str

    @property
    def cards(self) -> list[Finding]:
        """Findings shown in full: gaps, partly met and undecided rules."""
        return [f for f in self.findings if f.status in FULL_STATUSES]

    @property
    def briefs(self) -> list[Finding]:
        """Findings shown on one line each: met rules."""
        return [f for f in self.findings if f.status == Status.MET]

    @property
    def unknowns(self) -> list[Finding]:
        """Rules the answers do not decide: one table row each, never a full card."""
        return [f for f in self.findings if f.status == Status.UNKNOWN]

    @property
    def not_applicable(self) -> list[Finding]:
        """Rules outside the State's profile or scope: named together on one line."""
        return [f for f in self.findings if f.status == Status.NOT_APPLICABLE]


def issue_numbers(issues) -> dict[str, int]:
    """rule id or question id -> number of the first list-of-issues item that asks about it."""
    numbers: dict[str, int] = {}
    for issue in issues:
        for key in [*issue.rules, *issue.questions]:
            numbers.setdefault(key, issue.number)
    return numbers


def _open_questions(f: Finding, answers: dict[str, AnswerOut]) -> list[AnswerOut]:
    """The answers that would decide an unknown rule: those left open, or those the
    rule names as missing (an option-by-option answer with some options unknown)."""
    wanted = [q for q in f.answers if q in answers and answers[q].state in ("unknown", "unanswered")]
    wanted += [q for q in f.missing if q in answers and q not in wanted]
    return [answers[q] for q in wanted]


def _issue_finder(numbers: dict[str, int]):
    """finding -> the list-of-issues item asking about its rule or one of its questions, or None."""
    def find(f: Finding) -> Optional[int]:
        return numbers.get(f.rule) or next((numbers[q] for q in f.answers if q in numbers), None)
    return find


def _anchor(prefix: str, ident: str) -> str:
    return prefix + "-" + re.sub(r"[^A-Za-z0-9_-]", "_", ident)


def source_labels(ruleset) -> SourceLabels:
    """How the assessment's ruleset names its own sources (its manifest's `source_labels`)."""
    return ruleset.manifest.source_labels


def own_corpus(ruleset) -> set[str]:
    """Ids of the ruleset's instruments marked `committee: true` (cited for every State party)."""
    return {i.id for i in ruleset.instruments.values() if i.committee}


def ruleset_of(result: Assessment, ruleset=None):
    """The ruleset the assessment was judged by: the one handed in (lexgap.pipeline always hands it
    in), or else the installed ruleset of the assessment's id. A ruleset that cannot be loaded is
    the caller's error to see, never a silent generic wording."""
    return ruleset if ruleset is not None else load_ruleset(result.ruleset.id)


def build_view(result: Assessment, paper: str = "a4", medium: str = "screen", ruleset=None,
               generated: Optional[dt.datetime] = None) -> dict[str, Any]:
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}")
    ruleset = ruleset_of(result, ruleset)
    answers = {a.question: a for a in [*result.answers, *result.context]}
    by_area: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_area.setdefault(f.area, []).append(f)
    answers_by_area: dict[str, list[AnswerOut]] = {}
    for a in result.answers:
        answers_by_area.setdefault(a.area, []).append(a)
    areas = [AreaView(a.id, a.title, a.score, a.coverage, a.counts, a.band, by_area.get(a.id, []),
                      answers_by_area.get(a.id, []), _anchor("area", a.id)) for a in result.areas]
    known = {a.id for a in result.areas}
    for area_id, fs in by_area.items():  # findings in an area the results do not list
        if area_id not in known:
            areas.append(AreaView(area_id, area_id, None, None, None, None, fs, answers_by_area.get(area_id, []),
                                  _anchor("area", area_id)))
    severe = sorted((f for f in result.findings if f.status in (Status.GAP, Status.PARTIAL)),
                    key=lambda f: (f.status != Status.GAP, SEVERITY_RANK.get(f.severity, 9), -f.weight))
    unknown_findings = [f for f in result.findings if f.status == Status.UNKNOWN]
    unknown_answers = [a for a in answers.values() if a.state in ("unknown", "unanswered")]
    texts = result.committee or committee.committee_text(result, ruleset)
    summary = executive_summary(result if result.committee else result.model_copy(update={"committee": texts}))
    annex_groups = [(a.title, a.anchor, a.answers, False) for a in areas if a.answers]
    if result.context:
        annex_groups.append((CONTEXT_TITLE, "annex-context", list(result.context), True))
    generated = generated or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return {
        "a": result,
        "paper": PAPERS[paper],
        "medium": medium,
        "generated": generated,
        "areas": areas,
        "answers": answers,
        "sources": {s.id: s for s in result.questionnaire.sources},
        "top_gaps": severe[:5],
        "n_concerns": len(severe),
        "unknown_findings": unknown_findings,
        "unknown_answers": unknown_answers,
        "uncited": [a for a in answers.values() if a.state == "answered" and not a.citations],
        "score_chart": charts.score_chart(result.areas, result.band.floor if result.band.sufficient else None),
        "observations": texts.observations,
        # instruments a recommendation may not rest on: shown on the card as a note only
        "not_binding": {i.id for i in result.instruments if i.bound != "yes"} - own_corpus(ruleset),
        "issues": texts.issues,
        "summary": summary,
        "status_bar": charts.status_bar(summary.bar),
        "issue_for": _issue_finder(issue_numbers(texts.issues)),
        "open_questions": lambda f: _open_questions(f, answers),
        "unknown_by_area": [(ar, len(ar.unknowns), len([f for f in ar.findings if f.status != Status.NOT_APPLICABLE]))
                            for ar in areas if ar.unknowns],
        "annex_groups": annex_groups,
        "css": stylesheet(),
        "source_labels": source_labels(ruleset),
    }


def render_html(result: Assessment, *, ruleset=None, paper: str = "a4", medium: str = "screen",
                generated: Optional[dt.datetime] = None, full: bool = False, brief: bool = False,
                link_css: bool = True) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no script).

    ``full`` prints every quote and note of Annex A in full; by default they are
    cut at about two lines (the attached JSON keeps every word), which keeps a
    country's report near a dozen pages. ``brief`` keeps only what a Committee
    member drafts from: the summary, the concluding observations and the list of
    issues (no findings, no annexes). ``link_css=False`` leaves the print
    stylesheet out of the page: render_pdf hands WeasyPrint the parsed sheet."""
    view = build_view(result, paper=paper, medium=medium, ruleset=ruleset, generated=generated)
    view["full"], view["brief"], view["link_css"] = full, brief, link_css
    return environment().get_template("report.html.j2").render(**view)


def print_job(result: Assessment, paper: str = "a4", *, ruleset=None, tagged: bool = True,
              variant: Optional[str] = "pdf/a-3b", generated: Optional[dt.datetime] = None,
              full: bool = False, brief: bool = False) -> PrintJob:
    """Everything of the PDF that comes from the assessment (no WeasyPrint needed)."""
    from .glyphs import with_placeholders
    html = with_placeholders(render_html(result, ruleset=ruleset, paper=paper, medium="print", generated=generated,
                                         full=full, brief=brief, link_css=False))
    return PrintJob(html=html, data=to_json(result),
                    description=f"lexgap assessment of {result.country.name} (format {result.format})",
                    identifier=result.questionnaire.fingerprint[:32], tagged=tagged, variant=variant)


def render_pdf(result: Assessment, paper: str = "a4", *, ruleset=None, tagged: bool = True,
               variant: Optional[str] = "pdf/a-3b", fetcher=None,
               generated: Optional[dt.datetime] = None, full: bool = False, brief: bool = False,
               printer=None) -> bytes:
    """The report as PDF bytes: A4 or letter, TOC, bookmarks, header/footer,
    the assessment JSON attached as ``assessment.json``.

    ``tagged`` adds the structure tree for screen readers (about 6% more time,
    docs/benchmarks.md); ``variant`` is WeasyPrint's ``pdf_variant``; ``fetcher``
    defaults to a fresh :class:`lexgap.render.fetcher.AssetFetcher` (tests pass a
    spy). Characters no installed font covers become ``[U+XXXX]`` (see
    :mod:`lexgap.render.glyphs`). ``printer`` (a warm
    :class:`lexgap.render.printer.Printer`) prints the job instead of this process.
    """
    job = print_job(result, paper, ruleset=ruleset, tagged=tagged, variant=variant, generated=generated,
                    full=full, brief=brief)
    if printer is not None and fetcher is None:
        return printer(job)
    return write_pdf(job, fetcher)
