"""Engine benchmarks: start-up, loading and assessing questionnaires.

Prints medians of repeated runs (not a timed test). Usage:
    .venv/bin/python bench/bench_engine.py [--repeat N]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--count", type=int, default=200)
    args = ap.parse_args()

    lexgap = [sys.executable, "-m", "engine"]
    help_s = median_of(lambda: subprocess.run([*lexgap, "--help"], capture_output=True, check=True), args.repeat)
    print(f"lexgap --help (process start to exit): median {help_s * 1000:.0f} ms")

    from engine.assess import assess
    from engine.questionnaire_loader import load_questionnaire_text
    from engine.ruleset_loader import load_ruleset
    from engine.synthetic import synthetic_questionnaire

    t0 = time.perf_counter()
    ruleset = load_ruleset()
    print(f"load ruleset demand-sec ({len(ruleset.rules)} rules, {len(ruleset.questions)} questions): "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms (once per process)")
    import yaml
    texts = [yaml.safe_dump(synthetic_questionnaire(ruleset, seed, country="XEX"), allow_unicode=True)
             for seed in range(args.count)]
    load_questionnaire_text(texts[0], "warm.yaml")  # build the schema validator once

    def run_all():
        for i, text in enumerate(texts):
            assess(load_questionnaire_text(text, f"q{i}.yaml"))

    total = median_of(run_all, args.repeat)
    print(f"validate + assess {args.count} fully answered questionnaires in one process: "
          f"median {total:.2f} s ({total / args.count * 1000:.1f} ms each)")
    one = texts[0]
    load = median_of(lambda: load_questionnaire_text(one, "q.yaml"), args.repeat * 5)
    loaded = load_questionnaire_text(one, "q.yaml")
    ass = median_of(lambda: assess(loaded), args.repeat * 5)
    print(f"  of which load+validate {load * 1000:.1f} ms, assess {ass * 1000:.1f} ms per questionnaire")


if __name__ == "__main__":
    main()
