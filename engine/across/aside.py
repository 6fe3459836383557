"""One piece of work done in a forked child while the parent does another.

At the end of a batch the parent alone writes the index and the comparison: the comparison
PDF (about 6 s for 200 countries) and the workbook (about 5 s) one after the other, with the
second core idle. :func:`aside` forks a child that computes the bytes of one of them (it
inherits everything the parent has built) and hands them back through a pipe; the parent
does the other meanwhile and writes both files itself, so the atomic writes, the temporary
files and the messages stay the parent's.

Whatever goes wrong in the child (no fork on this platform, an error, a crash) the parent
computes the bytes itself when it asks for them (`result()`): every message, exception and exit code is
the one it would have been without a child. The child says nothing (its standard streams are
/dev/null), ignores Ctrl-C (the parent's) and ends through ``os._exit``; a parent that is
interrupted while it waits kills and reaps it.
"""
from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import Callable, Iterator


class _Child:
    """The parent's handle on one child: ``result()`` gives its bytes (once), ``close()`` stops it."""

    def __init__(self, func: Callable[[], bytes], pid: int = 0, read_end: int = -1):
        self.func, self.pid, self.read_end = func, pid, read_end

    def result(self) -> bytes:
        """The child's bytes, or ``func()`` computed here when the child gave none."""
        answer = b""
        if self.read_end >= 0:
            try:
                with os.fdopen(self.read_end, "rb") as pipe:
                    self.read_end = -1
                    answer = pipe.read()
            except OSError:
                answer = b""
            self.close()
        return answer[1:] if answer[:1] == b"K" else self.func()

    def close(self) -> None:
        """Reap the child; one still at work (the parent was interrupted or failed) is killed first."""
        if self.read_end >= 0:
            os.close(self.read_end)
            self.read_end = -1
        if self.pid:
            try:
                if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0


@contextmanager
def aside(func: Callable[[], bytes]) -> Iterator[_Child]:
    """``func()`` started in a child; the child is reaped (killed if still at work) when the block ends."""
    child = _start(func)
    try:
        yield child
    finally:
        child.close()


def _start(func: Callable[[], bytes]) -> _Child:
    if not hasattr(os, "fork") or sys.platform == "win32":
        return _Child(func)
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return _Child(func)
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _serve(func, write_end)
    os.close(write_end)
    return _Child(func, pid, read_end)


def _serve(func: Callable[[], bytes], out: int) -> None:
    code = 1
    try:
        import gc
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        gc.disable()  # one piece of work, then os._exit: collecting would only cost time
        answer = b"K" + func()
        with os.fdopen(out, "wb") as pipe:
            pipe.write(answer)
        code = 0
    except BaseException:  # noqa: BLE001 - the parent reads no answer and computes it itself
        pass
    finally:
        os._exit(code)
