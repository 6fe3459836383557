"""Run every benchmark with its default settings and print their medians (make bench)."""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for script in ("bench_engine.py", "bench_loader.py", "bench_render.py", "bench_pdf_parts.py", "bench_pdf_process.py",
               "bench_batch.py", "bench_reader.py"):
    print(f"== {script}", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=True)
