"""Benchmarks for many countries: assessing, comparing and batch rendering.

Medians of repeated runs, printed; not a timed test. Usage:
    .venv/bin/python bench/bench_batch.py [--count 200] [--batch-count 200] [--repeat 3] [--jobs 1,2] [--write]

Each batch records wall time and CPU time (user + system of the batch process and its workers)
beside the calibration loop, so that figures taken on a shared machine can be compared.

--write replaces the "Many countries" section of docs/benchmarks.md with the figures.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

BATCH_CHILD = """
import resource, sys, time
from lexgap.across.batch import run_batch
t0 = time.perf_counter()
code = run_batch(sys.argv[1], sys.argv[2], formats=["pdf"], jobs=int(sys.argv[3]), force=True)
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if int(sys.argv[3]) == 1:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
          for f in ("ru_utime", "ru_stime"))
print(elapsed, peak, code, cpu)
"""


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--batch-count", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", default="1,2", help="the --jobs values to run batch with (comma-separated)")
    ap.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = ap.parse_args()
    from docsection import calibration
    loops = [calibration()]
    rows: list[tuple[str, str]] = []

    def record(label: str, value: str) -> None:
        rows.append((label, value))
        print(f"{label}: {value}", flush=True)

    import yaml
    from lexgap.word.assess import assess
    from lexgap.across.compare import compare
    from lexgap.across.multi_render import render_multi_pdf
    from lexgap.judge.questionnaire import load_questionnaire
    from lexgap.load.ruleset_loader import load_ruleset
    from lexgap.load.synthetic import synthetic_questionnaire

    ruleset = load_ruleset()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        paths = []
        for seed in range(args.count):
            p = folder / f"q{seed:03d}.yaml"
            p.write_text(yaml.safe_dump(synthetic_questionnaire(ruleset, seed), allow_unicode=True))
            paths.append(p)
        load_questionnaire(paths[0])  # warm: schema validators built once per process

        results = []
        def assess_all():
            memo: dict = {}  # each run starts cold (findings are memoised per answer pattern)
            results.clear()
            results.extend(assess(load_questionnaire(p), memo=memo) for p in paths)
        t = median_time(assess_all, args.repeat)
        record(f"read and assess {args.count} fully answered questionnaire files in one process",
               f"{t:.2f} s ({t / args.count * 1000:.1f} ms each)")

        comparison = compare(results)
        render_multi_pdf("comparison", comparison)  # warm WeasyPrint
        t = median_time(lambda: render_multi_pdf("comparison", comparison), args.repeat)
        compare_s = t
        record(f"`compare` of {args.count} countries rendered to PDF", f"{t:.2f} s")

        batch_dir = Path(tmp) / "batch"
        batch_dir.mkdir()
        for p in paths[: args.batch_count]:
            (batch_dir / p.name).write_text(p.read_text())
        figures = {}
        for jobs in [int(j) for j in args.jobs.split(",")]:
            out = Path(tmp) / f"out{jobs}"
            proc = subprocess.run([sys.executable, "-c", BATCH_CHILD, str(batch_dir), str(out), str(jobs)],
                                  capture_output=True, text=True, cwd=ROOT, check=True)
            elapsed, peak, code, cpu = proc.stdout.split()
            loops.append(calibration())
            figures[jobs] = float(elapsed)
            record(f"`batch` of {args.batch_count} countries to PDF, `--jobs {jobs}`",
                   f"{float(elapsed):.1f} s wall, {float(cpu):.1f} s CPU ({float(elapsed) / args.batch_count:.2f} s "
                   f"per country; peak memory per worker {float(peak):.0f} MB; loop after it {loops[-1]:.3f} s)")
        ratio = figures[2] / figures[1] if 1 in figures and 2 in figures else None
        if ratio is not None:
            record("`--jobs 2` against `--jobs 1`", f"{ratio * 100:.0f}% of the time")
    if args.write:
        write_doc(rows, args, compare_s, ratio, statistics.median(loops))


def write_doc(rows, args, compare_s: float, ratio, loop: float) -> None:
    from docsection import machine, replace_section
    lines = [f"`bench/bench_batch.py` on this machine ({machine()}; a 5-million-step Python loop took "
             f"{loop:.2f} s, median of the runs before and after each batch). Reading, assessing and comparing: medians of "
             f"{args.repeat} runs; each batch is one run (every report re-rendered, `--force`). "
             "The questionnaires come from `lexgap.load.synthetic` (every question answered at random). "
             "Peak memory is the largest resident set of a worker process (`ru_maxrss`).", "",
             "| What | Figure |", "|---|---:|"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    lines += ["", "Targets (issue 4): `compare` of 200 countries to PDF under 10 s — "
              f"{'met' if compare_s < 10 else 'NOT met'} ({compare_s:.1f} s)"
              + (f"; two jobs in at most 60% of the time of one — {'met' if ratio <= 0.6 else 'NOT met'} "
                 f"({ratio * 100:.0f}%)." if ratio is not None else "."),
              "", "Regenerate with `.venv/bin/python bench/bench_batch.py --write` (about 15 minutes)."]
    replace_section("Many countries", "\n".join(lines))


if __name__ == "__main__":
    main()
