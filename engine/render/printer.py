"""A printer process warmed up while the questionnaire is read.

A one-shot ``lexgap assess --format pdf`` spends about 0.4 s making WeasyPrint
ready (importing it and its C libraries, the font map, the parsed report.css)
and about 0.55 s reading, judging and wording the questionnaire, one after the
other. Neither needs the other, and the machine has more than one core (a cold
Chromium print uses several processes). :func:`start` forks a child that gets
WeasyPrint ready while the parent does the rest; the parent then hands it the
:class:`lexgap.render.report.PrintJob` (the page and the JSON, as text) and
reads back the PDF. The same code prints it (:func:`lexgap.render.report.write_pdf`),
so the bytes are those an in-process render gives.

The child says nothing: its standard streams are /dev/null, it ignores Ctrl-C
(the parent's), and it ends without teardown. If the parent never asks (a
problem in the questionnaire, an error), the child reads end-of-file and ends.
Whatever goes wrong in the child (WeasyPrint's libraries missing, an error
while printing, no fork on this platform) the parent is told
:class:`PrinterUnavailable` and renders in-process as before, so every message
and exit code is the one it would have been.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
from typing import Optional

from .pdfprint import PrintJob


class PrinterUnavailable(Exception):
    """The warm printer could not print this job; render in this process instead."""


class Printer:
    """The parent's handle on the child: call it with a job for the PDF, once."""

    def __init__(self, pid: int, jobs: int, results: int):
        self.pid, self._jobs, self._results = pid, jobs, results

    def __call__(self, job: PrintJob) -> bytes:
        try:
            with os.fdopen(self._jobs, "wb") as out:
                self._jobs = -1
                out.write(json.dumps(dataclasses.asdict(job)).encode("utf-8"))
            with os.fdopen(self._results, "rb") as back:
                self._results = -1
                answer = back.read()
        except OSError as exc:
            raise PrinterUnavailable(str(exc)) from None
        finally:
            self.close()
        if answer[:1] != b"K":
            raise PrinterUnavailable(answer[1:].decode("utf-8", "replace") or "the printer ended")
        return answer[1:]

    def close(self, stop: bool = False) -> None:
        """Let the child go (it reads end-of-file and ends) and reap it; ``stop`` ends it at once
        (the job was never sent: an error before the render)."""
        for fd in (self._jobs, self._results):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._jobs = self._results = -1
        if self.pid:
            try:
                if stop:
                    import signal
                    os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = 0


def start() -> Optional[Printer]:
    """A printer getting ready in a child process, or None where there is no fork."""
    if not hasattr(os, "fork") or sys.platform == "win32":
        return None
    jobs_r, jobs_w = os.pipe()
    results_r, results_w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (jobs_r, jobs_w, results_r, results_w):
            os.close(fd)
        return None
    if pid == 0:  # the child: never returns
        os.close(jobs_w)
        os.close(results_r)
        _serve(jobs_r, results_w)
    os.close(jobs_r)
    os.close(results_w)
    return Printer(pid, jobs_w, results_r)


def _serve(jobs: int, results: int) -> None:
    code = 0
    try:
        import gc
        import signal
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        gc.disable()  # one document, then os._exit: collecting would only cost time
        ready = _warm()
        with os.fdopen(jobs, "rb") as inp:
            raw = inp.read()
        if not raw:  # never asked
            return
        try:
            answer = b"E" + ready.encode("utf-8", "replace") if ready is not None else b"K" + _print(raw)
        except Exception as exc:  # noqa: BLE001 - told to the parent, which renders itself
            code, answer = 1, b"E" + f"{type(exc).__name__}: {exc}".encode("utf-8", "replace")[:2000]
        with os.fdopen(results, "wb") as out:
            out.write(answer)
    except BaseException:  # noqa: BLE001 - the parent reads end-of-file: PrinterUnavailable
        code = 1
    finally:
        os._exit(code)


def _warm() -> Optional[str]:
    """Import WeasyPrint and set up what every report uses; what went wrong, if anything."""
    try:
        from .pdfprint import font_configuration, print_stylesheet
        from .weasy import import_weasyprint
        import_weasyprint()
        from . import fetcher, pdfwrite  # noqa: F401 - imported now, not while the parent waits
        font_configuration()
        print_stylesheet()
    except (ImportError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _print(raw: bytes) -> bytes:
    from .pdfprint import write_pdf
    return write_pdf(PrintJob(**json.loads(raw.decode("utf-8"))))
