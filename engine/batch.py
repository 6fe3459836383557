"""Assess every questionnaire under a folder: one report per questionnaire, an
index page and the comparison matrix.

Work is spread over processes (`--jobs`, default: the number of cores).
Unchanged inputs are skipped on a re-run: each output set is keyed by a
fingerprint of the questionnaire bytes, the ruleset, the report templates, the
formats and lexgap's version. A bad questionnaire is reported with its
`file:line:col` problems and does not stop the others. Every file is written
atomically, and an interrupted run (Ctrl-C) removes partial temporary files,
so only complete reports are ever left behind.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .atomic import write_atomic

STATE_FILE = ".lexgap-batch.json"


@dataclass
class Outcome:
    source: str
    stem: str
    ok: bool
    skipped: bool = False
    problems: list[str] = field(default_factory=list)
    result_json: str | None = None


def find_questionnaires(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*")
                  if p.suffix in (".yaml", ".yml") and p.is_file() and "schema" not in p.relative_to(directory).parts)


def output_stem(directory: Path, path: Path) -> str:
    rel = path.relative_to(directory).with_suffix("")
    return "__".join(rel.parts)


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            digest.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return digest.hexdigest()


def environment_key(formats: list[str]) -> str:
    """What, besides the questionnaire, decides the outputs."""
    from .resources import data_dir
    from .ruleset_loader import available_rulesets, load_ruleset
    parts = [__version__, ",".join(sorted(formats)), _tree_digest(data_dir("reports"))]
    parts += [load_ruleset(r).fingerprint for r in available_rulesets()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _process(source: str, out_base: str, formats: list[str]) -> Outcome:
    """Worker: assess one questionnaire and write its outputs (atomically)."""
    from .assess import assess
    from .problems import InputError
    from .questionnaire_loader import load_questionnaire
    stem = Path(out_base).name
    try:
        result = assess(load_questionnaire(source))
    except InputError as exc:
        return Outcome(source, stem, ok=False, problems=[str(p) for p in exc.problems])
    data = result.model_dump_json(indent=2) + "\n"
    if "html" in formats:
        from .render import render_html
        write_atomic(out_base + ".html", render_html(result))
    if "pdf" in formats:
        from .render import render_pdf
        write_atomic(out_base + ".pdf", render_pdf(result))
    write_atomic(out_base + ".json", data)  # last: its presence marks a complete set
    return Outcome(source, stem, ok=True, result_json=data)


def _load_state(outdir: Path) -> dict:
    try:
        return json.loads((outdir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remove_partials(outdir: Path) -> None:
    for tmp in outdir.glob(".*.part"):
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass


def run_batch(directory: str, outdir: str, formats: list[str], jobs: int | None = None,
              force: bool = False) -> int:
    from tqdm import tqdm
    src, out = Path(directory), Path(outdir)
    if not src.is_dir():
        print(f"lexgap: {directory} is not a folder", file=sys.stderr)
        return 2
    files = find_questionnaires(src)
    if not files:
        print(f"lexgap: no questionnaires (*.yaml) under {directory}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    formats = sorted(set(formats) | {"json"})
    env_key = environment_key(formats)
    state = {} if force else _load_state(out)
    jobs = jobs or os.cpu_count() or 1

    outcomes: list[Outcome] = []
    todo: list[tuple[str, str, str]] = []
    new_state: dict[str, str] = {}
    for path in files:
        stem = output_stem(src, path)
        key = hashlib.sha256(path.read_bytes() + env_key.encode()).hexdigest()
        new_state[stem] = key
        complete = all((out / f"{stem}.{fmt}").exists() for fmt in formats)
        if state.get(stem) == key and complete:
            outcomes.append(Outcome(str(path), stem, ok=True, skipped=True,
                                    result_json=(out / f"{stem}.json").read_text(encoding="utf-8")))
        else:
            todo.append((str(path), str(out / stem), stem))

    bar = tqdm(total=len(todo), unit="questionnaire", disable=not sys.stderr.isatty(), file=sys.stderr)
    try:
        if jobs == 1 or len(todo) <= 1:
            for source, base, _ in todo:
                outcomes.append(_process(source, base, formats))
                bar.update()
        else:
            with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
                futures = [pool.submit(_process, source, base, formats) for source, base, _ in todo]
                try:
                    for fut in as_completed(futures):
                        outcomes.append(fut.result())
                        bar.update()
                except KeyboardInterrupt:
                    for proc in list(getattr(pool, "_processes", {}).values()):
                        proc.terminate()
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
    except KeyboardInterrupt:
        bar.close()
        _remove_partials(out)
        print("lexgap: batch interrupted; only complete reports were kept", file=sys.stderr)
        return 130
    bar.close()

    failed = [o for o in outcomes if not o.ok]
    for o in sorted(failed, key=lambda o: o.source):
        for line in o.problems:
            print(line, file=sys.stderr)
        new_state.pop(o.stem, None)
    if todo or not (out / "index.html").exists():
        _write_summary(out, outcomes, formats)
    write_atomic(out / STATE_FILE, json.dumps(new_state, indent=1, sort_keys=True) + "\n")
    _remove_partials(out)
    done = sum(o.ok and not o.skipped for o in outcomes)
    skipped = sum(o.skipped for o in outcomes)
    print(f"{done} assessed, {skipped} unchanged (skipped), {len(failed)} failed; reports in {out}",
          file=sys.stderr)
    return 1 if failed else 0


def _write_summary(out: Path, outcomes: list[Outcome], formats: list[str]) -> None:
    """The index page and the comparison matrix (JSON, CSV, HTML and, with pdf, PDF)."""
    from .compare import compare
    from .models.assessment import Assessment
    from .multi_render import render_index_html, render_multi_html, render_multi_pdf
    from .multi_text import comparison_csv
    ok = sorted((o for o in outcomes if o.ok), key=lambda o: o.stem)
    results = [Assessment.model_validate_json(o.result_json) for o in ok]
    comparison = compare(results) if results else None
    if comparison is not None:
        write_atomic(out / "compare.json", comparison.model_dump_json(indent=2) + "\n")
        write_atomic(out / "compare.csv", comparison_csv(comparison))
        write_atomic(out / "compare.html", render_multi_html("comparison", comparison))
        if "pdf" in formats:
            write_atomic(out / "compare.pdf", render_multi_pdf("comparison", comparison))
    failed = sorted((o for o in outcomes if not o.ok), key=lambda o: o.source)
    entries = [(o.stem, r) for o, r in zip(ok, results)]
    write_atomic(out / "index.html", render_index_html(entries, failed, formats, comparison is not None))
