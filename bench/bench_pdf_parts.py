"""What each feature and each part of the PDF report costs, measured in one run.

    .venv/bin/python bench/bench_pdf_parts.py [--rounds 7] [--example PHL-2015.yaml] [--write]

The report is printed in-process (as lexgap.render.pdfprint.write_pdf does: PDF/A-3b, tagged, the JSON
attached, report.css) in its full form and in variants that each leave one thing out: a feature (the
contents' page numbers, the running heads, "of N" in the footer, tagging, PDF/A with its attachment,
keeping cards and rows in one piece) or a part of the page (a chapter cut from the HTML). The rounds
alternate the order of the variants; each figure is the *least* CPU time of its rounds (user + system
of this process): on a shared machine the least is the run the other jobs disturbed least, and CPU
time, unlike wall time, does not count the time they held the core. The calibration loop
(bench/docsection.py) runs before and after. A variant's cost is the full report's time minus its own.

Printed: a Markdown table. --write replaces the "What the PDF's time is spent on" section of
docs/benchmarks.md with it.
"""
from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

FEATURES = {
    "contents page numbers": (".toc a::after { content: none !important; }", {}),
    "running heads and footers": ("@page { @top-left { content: none } @top-right { content: none } "
                                  "@bottom-left { content: none } @bottom-right { content: none } }", {}),
    '"of N" in the footer': ("@page { @bottom-right { content: 'page ' counter(page) } }", {}),
    "keeping cards, rows and items in one piece": (
        "@media print { .card, tr, li, figure, .recommend, .co p, .issue p, .priorities, nav.toc "
        "{ break-inside: auto !important; } }", {}),
    "tagging (PDF/UA structure)": ("", {"tagged": False}),
    "PDF/A-3b and the attached JSON": ("", {"variant": None, "attach": False}),
}
PARTS = {  # chapter id -> what the table calls it
    "summary": "executive summary",
    "pictures": "scores at a glance (charts, status matrix)",
    "findings": "findings chapter",
    "observations": "concluding observations",
    "issues": "list of issues",
    "annex-answers": "Annex A (answers and citations)",
    "annex-method": "Annex B (method)",
}


def without_chapter(html: str, chapter: str) -> str:
    """The page with one chapter cut out (from its <section> to the next chapter's)."""
    starts = [m.start() for m in re.finditer(r'<section class="chapter', html)]
    mine = re.search(rf'<section class="chapter[^"]*" id="{re.escape(chapter)}"', html)
    if mine is None:
        raise SystemExit(f"no chapter {chapter!r} in the page")
    later = [s for s in starts if s > mine.start()]
    end = later[0] if later else html.rindex("</body>")
    return html[:mine.start()] + html[end:]


def printer(job, css: str, tagged: bool = True, variant="pdf/a-3b", attach: bool = True):
    """One print of ``job`` with ``css`` added to report.css, as write_pdf prints it; returns CPU seconds."""
    from lexgap.render.fetcher import AssetFetcher
    from lexgap.render.pdfprint import font_configuration, stylesheet
    from lexgap.render.pdfwrite import write_once
    from lexgap.render.weasy import import_weasyprint
    weasyprint = import_weasyprint()
    fonts = font_configuration()
    sheet = weasyprint.CSS(string=stylesheet() + "\n" + css, font_config=fonts)

    def run(html: str) -> float:
        fetcher = AssetFetcher()
        attachments = [weasyprint.Attachment(string=job.data, name="assessment.json", url_fetcher=fetcher,
                                             description=job.description, relationship="Data")] if attach else []
        gc.disable()
        start = time.process_time()
        try:
            with write_once():
                weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(
                    attachments=attachments, pdf_variant=variant, pdf_tags=tagged,
                    pdf_identifier=job.identifier.encode(), stylesheets=[sheet], font_config=fonts)
            return time.process_time() - start
        finally:
            gc.enable()
            gc.collect()
    return run


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--example", default="PHL-2015.yaml")
    ap.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = ap.parse_args(argv)
    from docsection import calibration, machine, replace_section
    from lexgap import pipeline
    from lexgap.render.report import print_job

    loaded = pipeline.load(str(ROOT / "questionnaires" / "examples" / args.example))
    job = print_job(pipeline.assess(loaded), ruleset=loaded.ruleset)
    variants = {"full report": (printer(job, ""), job.html)}
    for name, (css, options) in FEATURES.items():
        variants[name] = (printer(job, css, **options), job.html)
    full = variants["full report"][0]
    for chapter, name in PARTS.items():
        variants[name] = (full, without_chapter(job.html, chapter))
    loops = [calibration()]
    for run, html in variants.values():  # warm-up: fonts, caches, the first-render costs
        run(html)
    times: dict[str, list[float]] = {name: [] for name in variants}
    for r in range(args.rounds):
        order = list(variants.items()) if r % 2 == 0 else list(variants.items())[::-1]
        for name, (run, html) in order:
            times[name].append(run(html))
        print(f"round {r + 1}: full {times['full report'][-1]:.2f} s", file=sys.stderr)
    loops.append(calibration())
    from lexgap.render.pdfprint import write_pdf
    import io
    from pypdf import PdfReader
    pages = len(PdfReader(io.BytesIO(write_pdf(job))).pages)

    base = min(times["full report"])
    rows = [f"| full report ({pages} pages) | {base:.2f} s | | |"]
    for kind, names in (("feature", FEATURES), ("part", PARTS.values())):
        for name in names:
            cost = base - min(times[name])
            rows.append(f"| {kind}: {name} | {min(times[name]):.2f} s | {cost:+.2f} s | {100 * cost / base:.0f}% |")
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    import os
    body = (f"`bench/bench_pdf_parts.py --rounds {args.rounds}` on {machine()}, {when}, `{args.example}`: "
            f"CPU of one in-process print (PDF/A-3b, tagged, JSON attached), least of {args.rounds} rounds per "
            f"variant, rounds alternating the order; calibration loop {loops[0]:.3f} s before, {loops[1]:.3f} s "
            f"after; load average {os.getloadavg()[0]:.1f} at the end. Each variant leaves one thing out; its "
            "cost is the full report's time minus the variant's.\n\n"
            "| Variant | CPU | Cost | Share |\n|---|---:|---:|---:|\n" + "\n".join(rows) + "\n")
    print(body)
    if args.write:
        replace_section("What the PDF's time is spent on", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
