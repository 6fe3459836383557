"""Benchmarks for many countries: assessing, comparing and batch rendering.

Medians of repeated runs, printed; not a timed test. Usage:
    .venv/bin/python bench/bench_batch.py [--count 200] [--batch-count 200] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH_CHILD = """
import resource, sys, time
from engine.batch import run_batch
t0 = time.perf_counter()
code = run_batch(sys.argv[1], sys.argv[2], formats=["pdf"], jobs=int(sys.argv[3]), force=True)
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if int(sys.argv[3]) == 1:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(elapsed, peak, code)
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
    args = ap.parse_args()

    import yaml
    from engine.assess import assess
    from engine.compare import compare
    from engine.multi_render import render_multi_pdf
    from engine.questionnaire_loader import load_questionnaire
    from engine.ruleset_loader import load_ruleset
    from engine.synthetic import synthetic_questionnaire

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
            results.clear()
            results.extend(assess(load_questionnaire(p)) for p in paths)
        t = median_time(assess_all, args.repeat)
        print(f"assess {args.count} fully answered questionnaires (read, validate, assess) in one process: "
              f"median {t:.2f} s ({t / args.count * 1000:.1f} ms each)")

        comparison = compare(results)
        render_multi_pdf("comparison", comparison)  # warm WeasyPrint
        t = median_time(lambda: render_multi_pdf("comparison", comparison), args.repeat)
        print(f"compare {args.count} countries to PDF: median {t:.2f} s")

        batch_dir = Path(tmp) / "batch"
        batch_dir.mkdir()
        for p in paths[: args.batch_count]:
            (batch_dir / p.name).write_text(p.read_text())
        figures = {}
        for jobs in (1, 2):
            out = Path(tmp) / f"out{jobs}"
            proc = subprocess.run([sys.executable, "-c", BATCH_CHILD, str(batch_dir), str(out), str(jobs)],
                                  capture_output=True, text=True, cwd=ROOT, check=True)
            elapsed, peak, code = proc.stdout.split()
            figures[jobs] = float(elapsed)
            print(f"batch {args.batch_count} countries to PDF, --jobs {jobs}: {float(elapsed):.1f} s "
                  f"({float(elapsed) / args.batch_count:.2f} s per country), peak memory per worker {float(peak):.0f} MB")
        print(f"2 jobs take {figures[2] / figures[1] * 100:.0f}% of the time of 1 job")


if __name__ == "__main__":
    main()
