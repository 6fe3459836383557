"""The PDF report as a whole process, paired with Chromium printing the same HTML.

    .venv/bin/python bench/bench_pdf_process.py [--pairs 8] [--example PHL-2015.yaml] [--baseline DIR] [--write]

The machine is shared, so a lone wall time misleads: each pair runs, in
alternating order, one whole `lexgap assess EXAMPLE --format pdf -o FILE` process
and one cold `chromium --headless --print-to-pdf` of the very HTML lexgap prints
(`--format html`), with the calibration loop (bench/docsection.py) between pairs.
Printed: per arm the median wall and CPU time (of the process and all its
children, from wait4's rusage), the median of the per-pair ratios lexgap/Chromium
with their range, and the loop. Chromium is optional (Debian: `apt install
chromium`); without it the lexgap arm is still measured in loops.

Chromium's PDF lacks what the product needs (contents page numbers, running heads,
PDF/A-3b, the attached JSON: docs/benchmarks.md): it is a yardstick, not an
alternative.

``--baseline DIR`` adds a third arm to every round: the same command run from another
checkout's sources (e.g. ``git archive REV | tar -x -C DIR``), with this environment's
Python and packages, so that a change is measured against what it replaced in one run.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]


# The process as a user runs it: with its bytecode cache (some shells set PYTHONDONTWRITEBYTECODE,
# which makes every run compile the package again).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the process and its reaped children: Chromium's
    zygote and renderer processes are reaped by Chromium itself, so its CPU may be undercounted)."""
    before = os.times()
    t = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    wall = time.perf_counter() - t
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def lexgap_argv(example: Path, out: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "lexgap"), "assess", str(example), "--format", "pdf", "-o", str(out)]


def baseline_argv(example: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "lexgap", "assess", str(example), "--format", "pdf", "-o", str(out)]


def timed_in(argv: list[str], pythonpath: str) -> tuple[float, float]:
    """As :func:`timed`, with the sources of another checkout first on the path."""
    global ENV
    saved, ENV = ENV, {**ENV, "PYTHONPATH": pythonpath}
    try:
        return timed(argv, Path(pythonpath.split(os.pathsep)[-1]))
    finally:
        ENV = saved


def chromium_argv(browser: str, html: Path, out: Path, profile: Path) -> list[str]:
    return [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}", html.as_uri()]


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=8)
    ap.add_argument("--example", default="PHL-2015.yaml")
    ap.add_argument("--baseline", metavar="DIR", help="another checkout's sources, run as a third arm")
    ap.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = ap.parse_args(argv)
    from docsection import calibration, machine, replace_section

    example = ROOT / "questionnaires" / "examples" / args.example
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        html = d / "report.html"
        subprocess.run([*lexgap_argv(example, html)[:3], "--format", "html", "-o", str(html)], check=True, env=ENV)
        runs: dict[str, list[tuple[float, float]]] = {"lexgap": [], "chromium": [], "baseline": []}
        base_path = None
        if args.baseline:
            base = Path(args.baseline).resolve()
            base_path = os.pathsep.join([str(base / "dev"), str(base)])
            timed_in(baseline_argv(example, d / "warm-base.pdf"), base_path)
        loops: list[float] = []
        timed(lexgap_argv(example, d / "warm.pdf"), ROOT)  # warm the page cache and fontconfig once
        for i in range(args.pairs):
            arms = ["lexgap", "chromium"] + (["baseline"] if base_path else [])
            arms = arms[i % len(arms):] + arms[:i % len(arms)]  # each arm first in turn
            for arm in arms:
                if arm == "baseline":
                    runs[arm].append(timed_in(baseline_argv(example, d / "b.pdf"), base_path))
                elif arm == "lexgap":
                    runs[arm].append(timed(lexgap_argv(example, d / "l.pdf"), ROOT))
                elif browser:
                    profile = d / f"profile{i}"  # a cold browser: a new, empty profile every time
                    runs[arm].append(timed(chromium_argv(browser, html, d / "c.pdf", profile), ROOT))
            loops.append(calibration())
            print(f"pair {i + 1}: lexgap {runs['lexgap'][-1][0]:.2f} s"
                  + (f", chromium {runs['chromium'][-1][0]:.2f} s" if browser else "")
                  + (f", baseline {runs['baseline'][-1][0]:.2f} s" if base_path else "")
                  + f", loop {loops[-1]:.3f} s", flush=True)

    loop = statistics.median(loops)
    lw = [w for w, _ in runs["lexgap"]]
    lc = [c for _, c in runs["lexgap"]]
    lines = [f"`bench/bench_pdf_process.py` on {machine()}: {args.pairs} pairs, alternating order, "
             f"`{args.example}`; calibration loop median {loop:.3f} s (between pairs); load average "
             f"{os.getloadavg()[0]:.1f} at the end. CPU is user + "
             "system time of the process and every child it reaped (wait4; Chromium's own children may escape "
             "it, so read its CPU as a lower bound).", "",
             "| Arm | Wall (median) | CPU (median) | Wall in loops |", "|---|---:|---:|---:|",
             f"| whole `lexgap assess --format pdf` process | {summary(lw)} | {summary(lc)} | "
             f"{statistics.median(lw) / loop:.1f} |"]
    if browser:
        cw = [w for w, _ in runs["chromium"]]
        cc = [c for _, c in runs["chromium"]]
        ratios = [a / b for a, b in zip(lw, cw)]
        cpu_ratios = [a / b for a, b in zip(lc, cc) if b > 0]
        lines.append(f"| Chromium, cold, printing the same HTML | {summary(cw)} | {summary(cc)} | "
                     f"{statistics.median(cw) / loop:.1f} |")
        lines += ["", f"lexgap / Chromium per pair: wall {statistics.median(ratios):.2f} "
                      f"[{min(ratios):.2f}-{max(ratios):.2f}], CPU "
                      + (f"{statistics.median(cpu_ratios):.2f} [{min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}]"
                         if cpu_ratios else "n/a")
                      + ". Target (issue 21): wall at most 1.5."]
    else:
        lines += ["", "Chromium not installed: no comparison in this run."]
    if base_path:
        bw = [w for w, _ in runs["baseline"]]
        bc = [c for _, c in runs["baseline"]]
        at = lines.index("|---|---:|---:|---:|") + 2
        lines.insert(at, f"| the same command from `{args.baseline}` (baseline) | {summary(bw)} | {summary(bc)} | "
                         f"{statistics.median(bw) / loop:.1f} |")
        ratios = [a / b for a, b in zip(lw, bw)]
        cpu_ratios = [a / b for a, b in zip(lc, bc)]
        lines += ["", f"lexgap / baseline per round: wall {statistics.median(ratios):.2f} "
                      f"[{min(ratios):.2f}-{max(ratios):.2f}], CPU {statistics.median(cpu_ratios):.2f} "
                      f"[{min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}]."]
    print("\n".join(lines))
    if args.write:
        replace_section("PDF report as a process, beside Chromium", "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
