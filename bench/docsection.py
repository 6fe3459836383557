"""Replace one "## " section of docs/benchmarks.md (atomically), keeping the others."""
from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"


def machine() -> str:
    """One phrase naming the machine the figures come from."""
    return (f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}")


def calibration() -> float:
    """Seconds for a fixed pure-Python loop (median of 3): this shared machine's speed
    varies by up to a factor of two over a day, so each section records it beside
    its figures."""
    import statistics
    import time

    def loop() -> float:
        t = time.perf_counter()
        total = 0
        for i in range(5_000_000):
            total += i
        return time.perf_counter() - t
    return statistics.median(loop() for _ in range(3))


def replace_section(title: str, body: str) -> None:
    sys.path.insert(0, str(ROOT))
    from lexgap.atomic import write_atomic

    heading = f"## {title}"
    section = heading + "\n\n" + body.strip("\n") + "\n"
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    start = text.find(heading + "\n")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        nxt = text.find("\n## ", start + len(heading))
        text = text[:start] + section + ("" if nxt == -1 else "\n" + text[nxt + 1:])
    write_atomic(DOC, text)
    print(f"wrote {DOC} ({title})")
