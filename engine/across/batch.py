"""Assess every questionnaire under a folder: one report per questionnaire, an
index page and the comparison matrix.

Work is spread over worker processes (`--jobs`, default: the number of cores,
at most twice that). Unchanged inputs are skipped on a re-run: each output set
is keyed by a fingerprint of the questionnaire bytes, the ruleset, the report
templates, the formats and lexgap's version, and the state file records each
questionnaire as soon as its reports are written, so a re-run after an
interruption redoes only what is missing.

One bad questionnaire never stops the others: a problem in it, an unreadable
file, a bug, a crash of its worker or a run over `--timeout` each become one
failed line, and the exit code is 1. Batch reads only what it was given:
symbolic links that lead out of the input folder, files over the size limit
(checked with stat() before anything is read), special files and unsafe file
names are refused without being read. Output names are unique: an input whose
reports would overwrite the index, the comparison, the state file or another
input's reports is refused, naming the other file. Every file is written
atomically, and an interrupted run (Ctrl-C or SIGTERM) stops and reaps its
workers and removes its partial temporary files.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import signal
import stat
import sys
import unicodedata
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import OutputError, write_atomic

STATE_FILE = ".lexgap-batch.json"
SUFFIXES = (".yaml", ".yml", ".xlsx")
"""Questionnaires: YAML, and workbooks made from `lexgap template --format xlsx`."""
DEFAULT_TIMEOUT = 300.0
# stems whose reports would overwrite the batch's own files
RESERVED = {"index": "the batch index (index.html)", "compare": "the comparison (compare.*)",
            Path(STATE_FILE).stem: f"the batch state file ({STATE_FILE})"}
EXIT_FAILED, EXIT_INTERRUPTED, EXIT_TERMINATED = 1, 130, 143
INTERRUPTED = "lexgap: batch interrupted; only complete reports were kept"


@dataclass
class Outcome:
    source: str
    stem: str
    ok: bool
    skipped: bool = False
    problems: list[str] = field(default_factory=list)
    result_json: str | None = None
    warnings: list[str] = field(default_factory=list)
    assessment: Any = field(default=None, repr=False, compare=False)
    """`result_json` read back, in the parent (as each outcome arrives): the index and the comparison use it."""


def _failed(source: str, message: str, stem: str = "") -> Outcome:
    return Outcome(source, stem, ok=False, problems=[f"{source}: {message}"])


def _warn(message: str) -> None:
    print(f"lexgap: warning: {message}", file=sys.stderr)


def _unsafe_name(name: str) -> str | None:
    """Why a file's path (under the input folder) cannot be shown or written safely, if it cannot.

    A name that is not UTF-8 breaks the JSON output; control characters in it
    would reach the terminal and the index page."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "the file or folder name is not valid UTF-8; rename it"
    if any(unicodedata.category(c) == "Cc" for c in name):
        return "the file or folder name contains control characters; rename it"
    return None


def _shown(path: Path | str) -> str:
    """A path fit for a terminal or a page: undecodable bytes and control characters escaped."""
    text = os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    return "".join(c if unicodedata.category(c) != "Cc" else repr(c)[1:-1] for c in text)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _classify(path: Path, directory: Path, root_real: Path) -> str | None:
    """None if `path` may be read; otherwise why it is refused (nothing is read)."""
    why = _unsafe_name(str(path.relative_to(directory)))
    if why:
        return why
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "a symbolic link that leads nowhere (or in a loop); not read"
        if not _inside(target, root_real):
            return "a symbolic link to a file outside the input folder; not read"
    try:
        st = path.stat()
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    if stat.S_ISDIR(st.st_mode):
        return ""  # a folder named *.yaml: walked, not refused
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a pipe, socket or device); not read"
    return None


def scan(directory: Path, skip: Path | None = None) -> tuple[list[Path], list[Outcome]]:
    """Every *.yaml / *.yml / *.xlsx under `directory` that may be read, and a failed
    outcome for each that may not and for each folder that cannot be listed.

    Symbolic links to folders are not followed (one warning each); links to
    files are read only when they resolve inside the folder. ``skip`` (the output
    folder, when it lies inside the input folder) is not walked: the batch's own
    compare.xlsx is not a questionnaire."""
    root_real = directory.resolve()
    found: list[Path] = []
    refused: list[Outcome] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or directory
        refused.append(_failed(_shown(where), f"cannot read folder: {exc.strerror or exc}; "
                                              "the questionnaires in it were not assessed"))

    for folder, dirs, names in os.walk(directory, onerror=unreadable, followlinks=False):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if d != "schema" and (skip is None or (base / d).resolve() != skip))
        for d in list(dirs):
            if (base / d).is_symlink():
                _warn(f"{_shown(base / d)}: symbolic link to a folder; not followed")
                dirs.remove(d)
        for name in sorted(names):
            path = base / name
            if path.suffix not in SUFFIXES or name.startswith("~$"):  # ~$x.xlsx: Excel's lock file
                continue
            why = _classify(path, directory, root_real)
            if why is None:
                found.append(path)
            elif why:
                refused.append(_failed(_shown(path), why))
    return sorted(found), refused


def output_stem(directory: Path, path: Path) -> str:
    rel = path.relative_to(directory).with_suffix("")
    return "__".join(rel.parts)


def _stem_key(stem: str) -> str:
    """Stems equal on a case-insensitive or normalising file system collide too."""
    return unicodedata.normalize("NFC", stem).casefold()


def assign_stems(directory: Path, paths: list[Path]) -> tuple[dict[Path, str], list[Outcome]]:
    """A unique output stem per input; reserved stems and every member of a
    colliding group are refused, each naming the other file(s)."""
    groups: dict[str, list[Path]] = {}
    for path in paths:
        groups.setdefault(_stem_key(output_stem(directory, path)), []).append(path)
    stems: dict[Path, str] = {}
    refused: list[Outcome] = []
    reserved = {_stem_key(k): v for k, v in RESERVED.items()}
    for key, members in groups.items():
        for path in members:
            stem = output_stem(directory, path)
            if key in reserved:
                refused.append(_failed(_shown(path), f"its reports would overwrite {reserved[key]}; "
                                                     "rename the file"))
            elif len(members) > 1:
                others = ", ".join(_shown(m) for m in members if m != path)
                refused.append(_failed(_shown(path), f"its reports ({stem}.*) would overwrite those of {others}; "
                                                     "rename one of them"))
            else:
                stems[path] = stem
    return stems, refused


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            digest.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return digest.hexdigest()


def environment_key(formats: list[str], params: tuple[str, ...] = ()) -> str:
    """What, besides the questionnaire, decides the outputs (a --param changes every report)."""
    from ..resources import data_dir
    from ..load.ruleset_loader import available_rulesets, load_ruleset
    parts = [__version__, ",".join(sorted(formats)), _tree_digest(data_dir("reports")), "\t".join(params)]
    parts += [load_ruleset(r).fingerprint for r in available_rulesets()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def fingerprint(path: Path, env_key: str) -> str:
    """Hash of the file (streamed, size checked first: a huge file is never
    read) and of the environment. Raises InputError or OSError."""
    from ..load.yamlsource import MAX_BYTES, read_text
    if path.stat().st_size > MAX_BYTES:
        read_text(path)  # raises the loader's own "file is N MB; the limit is 4 MB" without reading
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        read = 0
        while chunk := fh.read(1 << 16):
            read += len(chunk)
            if read > MAX_BYTES:
                break  # grew since stat(): the loader will refuse it
            digest.update(chunk)
    digest.update(env_key.encode())
    return digest.hexdigest()


def _process(source: str, out_base: str, formats: list[str], params: tuple[str, ...] = ()) -> Outcome:
    """Worker: assess one questionnaire through the front door (engine/pipeline.py) and write each
    of its formats (atomically), the JSON last: its presence marks a complete set. `params` are the
    --param texts, checked against the questionnaire's own ruleset."""
    from .. import pipeline
    from ..judge.params import ParamError, parse_params
    from ..load.problems import InputError
    stem = Path(out_base).name
    try:
        loaded = pipeline.load(source)
        result = pipeline.assess(loaded, params=parse_params(list(params), loaded.ruleset))
    except InputError as exc:
        return Outcome(source, stem, ok=False, problems=[str(p) for p in exc.problems])
    except ParamError as exc:
        return Outcome(source, stem, ok=False, problems=[f"{source}: {exc}"])
    warnings: list[str] = []
    for fmt in [f for f in formats if f != "json"]:
        warnings += pipeline.glyph_warnings(result, source, fmt)
        write_atomic(out_base + pipeline.format_of(fmt).suffixes[0], pipeline.render(result, loaded.ruleset, fmt))
    data = pipeline.render(result, loaded.ruleset, "json")
    write_atomic(out_base + ".json", data)
    return Outcome(source, stem, ok=True, result_json=data, warnings=warnings)


def _run_one(source: str, out_base: str, formats: list[str], params: tuple[str, ...] = ()) -> Outcome:
    """`_process`, with any exception turned into a failed outcome (never a traceback)."""
    try:
        return _process(source, out_base, formats, params)
    except OutputError as exc:
        return _failed(source, str(exc), Path(out_base).name)
    except Exception as exc:
        return _failed(source, f"unexpected error: {type(exc).__name__}: {str(exc)[:200]}", Path(out_base).name)


def _read_back(result_json: str | None):
    """The assessment of a worker's JSON, read as it arrives: while the workers print, this costs the
    run half its CPU time in wall time, where after the last report it cost all of it (1.2 s for 200).
    None if it does not read back: the summary reads it again and says why."""
    from ..models.assessment import Assessment
    try:
        return Assessment.model_validate_json(result_json or "")
    except ValueError:
        return None


def _load_state(outdir: Path) -> dict:
    try:
        state = json.loads((outdir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _save_state(outdir: Path, state: dict) -> None:
    """Written after every questionnaire, atomically: an interruption loses no finished work."""
    write_atomic(outdir / STATE_FILE, json.dumps(state, indent=1, sort_keys=True) + "\n")


def _reusable(out: Path, stem: str, formats: list[str]):
    """The JSON of a complete earlier output set and the assessment it reads back as; None if it does not."""
    from ..models.assessment import Assessment
    if not all((out / f"{stem}.{fmt}").is_file() for fmt in formats):
        return None
    try:
        data = (out / f"{stem}.json").read_text(encoding="utf-8")
        return data, Assessment.model_validate_json(data)
    except (OSError, ValueError):
        return None


def _remove_partials(outdir: Path, names: set[str]) -> None:
    """Remove our temporary files only (`.NAME.xxxxxxxx.part` for the names this run writes)."""
    for tmp in outdir.glob(".*.part"):
        if tmp.name[1:].rsplit(".", 2)[0] in names:
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass


def _prepare_output(out: Path) -> None:
    """Make the output folder; an error in words rather than a traceback."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write {out}: it exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None


def cap_jobs(jobs: int | None, todo: int) -> int:
    """At most twice the cores (each worker may need hundreds of MB) and no more than the work."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    limit = 2 * cores
    if jobs is None:
        jobs = cores
    elif jobs > limit:
        _warn(f"--jobs {jobs} is more than twice the {cores} cores; using {limit}")
        jobs = limit
    return max(1, min(jobs, todo))


class BatchTerminated(KeyboardInterrupt):
    """SIGTERM (kill, timeout, a CI cancel), handled like Ctrl-C."""


@contextmanager
def _sigterm_as_interrupt():
    def handler(signum, frame):
        raise BatchTerminated()
    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def check_folder(directory: str) -> None:
    """A missing or wrong DIR is invalid input, said as every command says it of a missing file (exit 1)."""
    src = Path(directory)
    if not src.is_dir():
        from ..load.problems import InputError, Problem
        raise InputError([Problem(str(directory), 1, 1, "folder not found" if not src.exists()
                                  else "not a folder; batch reads the questionnaires in a folder")])


def run_batch(directory: str, outdir: str, formats: list[str], jobs: int | None = None,
              force: bool = False, timeout: float | None = DEFAULT_TIMEOUT, params: list[str] | None = None) -> int:
    src, out = Path(directory), Path(outdir)
    check_folder(directory)
    if out.resolve() == src.resolve():
        raise OutputError(f"cannot write the reports into {_shown(out)}: it is the input folder, where they would "
                          "replace files lexgap did not write (a NAME.html or NAME.pdf beside NAME.yaml, an "
                          "index.html); give another folder with -o, e.g. -o reports")
    with _sigterm_as_interrupt():
        try:
            _prepare_output(out)
            with _locked(out), _without_collector():
                return _run(src, out, formats, jobs, force, timeout, tuple(params or ()))
        except KeyboardInterrupt as exc:
            print(INTERRUPTED, file=sys.stderr)
            return EXIT_TERMINATED if isinstance(exc, BatchTerminated) else EXIT_INTERRUPTED


@contextmanager
def _without_collector():
    """The parent's cyclic garbage collector is off while it runs the batch: what it keeps is
    long-lived (every assessment read back, for the comparison) and what it drops is freed by
    reference counting, so the collector's passes only walked the growing heap again and again
    (reading back 200 assessments: 1.95 s of CPU with it, 0.51 s without; the comparison workbook
    7.3 s, 6.0 s without). Workers turn their own collector on after their first task."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextmanager
def _locked(out: Path):
    """One batch at a time per output folder: a second one would prune the first one's
    reports and overwrite its index. The lock (flock on the folder itself, no lock file
    to leave behind) goes with the process, so a killed batch never leaves it locked."""
    import fcntl
    try:
        fd = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise OutputError(f"cannot write {_shown(out)}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"another lexgap batch is writing to {_shown(out)}; wait for it to finish "
                              "(or give another folder with -o)") from None
        yield
    finally:
        os.close(fd)


def _foreign_files(out: Path) -> list[str]:
    """Files in an output folder no batch has written to (no state file): a batch would
    replace or prune them, so the folder is refused."""
    if (out / STATE_FILE).exists():
        return []
    try:
        return sorted(p.name for p in out.iterdir() if not p.name.startswith(".")
                      and p.suffix in (".html", ".pdf", ".json", ".csv", ".xlsx"))
    except OSError:
        return []


def _plan(src: Path, out: Path, formats: list[str], state: dict, env_key: str, skip: Path | None = None,
          params: tuple[str, ...] = ()):
    """Split the inputs into refused, unchanged (reused) and to-do, with their fingerprints."""
    from ..load.problems import InputError
    files, outcomes = scan(src, skip)
    stems, refused = assign_stems(src, files)
    outcomes += refused
    todo: list[tuple[str, str, list[str], tuple[str, ...]]] = []
    keys: dict[str, str] = {}
    for path, stem in sorted(stems.items(), key=lambda kv: kv[1]):
        try:
            keys[stem] = fingerprint(path, env_key)
        except InputError as exc:
            outcomes.append(Outcome(_shown(path), stem, ok=False, problems=[str(p) for p in exc.problems]))
            continue
        except OSError as exc:
            outcomes.append(_failed(_shown(path), f"cannot read file: {exc.strerror or exc}", stem))
            continue
        reused = _reusable(out, stem, formats) if state.get(stem) == keys[stem] else None
        if reused is not None:
            outcomes.append(Outcome(str(path), stem, ok=True, skipped=True, result_json=reused[0],
                                    assessment=reused[1]))
        else:
            todo.append((str(path), str(out / stem), formats, params))
    return outcomes, todo, keys


def _run(src: Path, out: Path, formats: list[str], jobs: int | None, force: bool,
         timeout: float | None, params: tuple[str, ...] = ()) -> int:
    from tqdm import tqdm
    from .workerpool import WorkerPool
    formats = sorted(set(formats) | {"json"})
    foreign = _foreign_files(out)
    if foreign:
        raise OutputError(f"{_shown(out)} holds files no lexgap batch wrote ({', '.join(map(_shown, foreign[:3]))}"
                          f"{', ...' if len(foreign) > 3 else ''}), which the reports could replace; give an empty "
                          "or new folder with -o")
    env_key = environment_key(formats, params)
    previous = _load_state(out)
    out_real = out.resolve()
    outcomes, todo, keys = _plan(src, out, formats, {} if force else previous, env_key,
                                 out_real if _inside(out_real, src.resolve()) else None, params)
    if not outcomes and not todo:
        print(f"lexgap: no questionnaires (*.yaml, *.yml, *.xlsx) under {src}", file=sys.stderr)
        return EXIT_FAILED
    state = {o.stem: keys[o.stem] for o in outcomes if o.skipped}
    _save_state(out, state)  # also proves the folder writable before any work
    names = {f"{Path(base).name}.{fmt}" for _, base, *_ in todo for fmt in formats}
    names |= {"index.html", STATE_FILE} | {f"compare.{x}" for x in ("json", "csv", "xlsx", "html", "pdf")}

    tqdm.monitor_interval = 0  # no monitor thread: workers are forked
    bar = tqdm(total=len(todo), unit="questionnaire", disable=not sys.stderr.isatty(), file=sys.stderr)

    def done(index: int, ok: bool, value) -> None:
        source, base, *_ = todo[index]
        outcome = value if ok else _failed(_shown(source), value, Path(base).name)
        outcomes.append(outcome)
        if outcome.ok:
            state[outcome.stem] = keys[outcome.stem]
            _save_state(out, state)
            outcome.assessment = _read_back(outcome.result_json)
        bar.update()

    try:
        if todo:
            WorkerPool(_run_one, cap_jobs(jobs, len(todo)), timeout or 0).run(todo, done)
    finally:
        bar.close()
        _remove_partials(out, names)

    for o in sorted((o for o in outcomes if o.warnings), key=lambda o: o.source):
        for line in o.warnings:
            print(_shown(line), file=sys.stderr)
    failed = sorted((o for o in outcomes if not o.ok), key=lambda o: o.source)
    for o in failed:
        for line in o.problems:
            print(_shown(line), file=sys.stderr)
    current = {o.stem for o in outcomes} | {Path(base).name for _, base, *_ in todo}
    _prune(out, previous, current)
    _drop_unrequested(out, previous, current, formats)
    signature = _summary_signature(outcomes, keys, formats)
    if todo or failed or _index_signature(out) != signature:
        try:
            _write_summary(out, outcomes, formats, signature)
        except OutputError:
            raise
        except Exception as exc:  # noqa: BLE001 - one line, as a questionnaire's own failure is
            print(f"lexgap: {_shown(out)}: the index and comparison could not be written: "
                  f"{type(exc).__name__}: {_shown(str(exc)[:200])}", file=sys.stderr)
            failed.append(_failed(_shown(out), "summary not written"))
    _remove_partials(out, names)
    done_count = sum(o.ok and not o.skipped for o in outcomes)
    skipped = sum(o.skipped for o in outcomes)
    print(f"{done_count} assessed, {skipped} unchanged (skipped), {len(failed)} failed; reports in {out}",
          file=sys.stderr)
    return EXIT_FAILED if failed else 0


def _plain_stem(stem) -> bool:
    """A name from the state file that can only name a file directly inside OUTDIR."""
    return isinstance(stem, str) and bool(stem) and "/" not in stem and "\\" not in stem and not stem.startswith(".")


def _prune(out: Path, previous: dict, current: set[str]) -> None:
    """Remove the reports of questionnaires an earlier run assessed that are no longer under DIR
    (only the names that run's state file records, and only inside OUTDIR)."""
    for stem in set(previous) - current:
        if not _plain_stem(stem):
            continue
        for ext in ("json", "html", "pdf"):
            path = out / f"{stem}.{ext}"
            if path.parent == out and path.is_file() and not path.is_symlink():
                path.unlink()


def _drop_unrequested(out: Path, previous: dict, current: set[str], formats: list[str]) -> None:
    """Remove the reports an earlier run wrote in a format this run was not asked for (`--format pdf,html`,
    then `--format html`: the old PDFs stayed beside the new pages, stale and unlisted; newcomer walk,
    review 12, item 7). Only for questionnaires that run's state file records, only inside OUTDIR."""
    from ..pipeline import batch_formats
    others = [ext for ext in batch_formats() if ext not in formats]
    for stem in set(previous) & current:
        if not _plain_stem(stem):
            continue
        for ext in others:
            path = out / f"{stem}.{ext}"
            if path.parent == out and path.is_file() and not path.is_symlink():
                path.unlink()


def _summary_signature(outcomes: list[Outcome], keys: dict[str, str], formats: list[str]) -> str:
    """What the index and the comparison list: the questionnaires (and their fingerprints), the
    failures and the formats. A questionnaire added, changed or deleted changes it."""
    ok = sorted((o.stem, keys.get(o.stem, "")) for o in outcomes if o.ok)
    failed = sorted((o.source, *o.problems) for o in outcomes if not o.ok)
    text = json.dumps([ok, failed, sorted(formats)], ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


_SIGNATURE = "<!-- lexgap-summary: "


def _index_signature(out: Path) -> str | None:
    """The signature an existing index.html was written with; None when there is none."""
    try:
        with (out / "index.html").open(encoding="utf-8", errors="replace") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return None
    at = head.find(_SIGNATURE)
    return head[at + len(_SIGNATURE):at + len(_SIGNATURE) + 64] if at >= 0 else None


def _write_summary(out: Path, outcomes: list[Outcome], formats: list[str], signature: str = "") -> None:
    """The index page and the comparison matrix (JSON, CSV, XLSX, HTML and, with pdf, PDF); with no
    questionnaire left, the comparison files of an earlier run are removed rather than left stale."""
    from .aside import aside
    from .compare import compare
    from ..models.assessment import Assessment
    from ..models.base import to_json
    from .multi_render import render_index_html, render_multi_html, render_multi_pdf
    from .multi_text import comparison_csv, comparison_xlsx
    ok = sorted((o for o in outcomes if o.ok), key=lambda o: o.stem)
    results = [o.assessment or Assessment.model_validate_json(o.result_json) for o in ok]
    comparison = compare(results) if results else None
    if comparison is not None:
        # the PDF is printed in a child while this process writes the rest (docs/benchmarks.md)
        pdf = aside(lambda: render_multi_pdf("comparison", comparison)) if "pdf" in formats else nullcontext()
        with pdf as printing:
            write_atomic(out / "compare.json", to_json(comparison))
            write_atomic(out / "compare.csv", comparison_csv(comparison))
            write_atomic(out / "compare.xlsx", comparison_xlsx(comparison, results))
            write_atomic(out / "compare.html", render_multi_html("comparison", comparison))
            if printing is not None:
                write_atomic(out / "compare.pdf", printing.result())
    stale = ("json", "csv", "xlsx", "html", "pdf") if comparison is None else () if "pdf" in formats else ("pdf",)
    for ext in stale:
        try:
            (out / f"compare.{ext}").unlink()
        except FileNotFoundError:
            pass
    failed = sorted((o for o in outcomes if not o.ok), key=lambda o: o.source)
    entries = [(o.stem, r) for o, r in zip(ok, results)]
    write_atomic(out / "index.html", render_index_html(entries, failed, formats, comparison is not None, signature))
