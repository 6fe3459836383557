"""Run tasks in worker processes that neither a crash nor a hang can take down the caller.

`concurrent.futures.ProcessPoolExecutor` cannot give one task a time limit,
and a worker that dies (PyYAML's C composer segfaults on very deep nesting)
breaks the whole pool. Here every worker is a long-lived child process (its
caches stay warm) that runs one task at a time; a worker that crashes or
overruns the time limit is killed and replaced, and only its task fails.
Even one job runs in a child, so a segfault never reaches the main process.

Workers ignore SIGINT and take SIGTERM's default action: the parent alone
decides when they stop, and it always stops and reaps them before returning,
also when it is interrupted. A worker whose parent has died exits when its
pipe closes, and a per-task alarm kills a stuck one even then.
"""
from __future__ import annotations

import gc
import math
import multiprocessing as mp
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable

# (task index, ok, value): value is the function's result, or why the task failed
Done = Callable[[int, bool, Any], None]
_GRACE = 5  # seconds past the limit before a worker's own alarm fires


def _context():
    """Fork where available: workers start at once and inherit the loaded rulesets."""
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else None)


def _worker_main(func: Callable, conn, alarm_after: int, inherited: list) -> None:
    """Child loop: run tasks until told to stop or the parent goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for other in inherited:  # the parent's ends of every pipe: held open here, no worker would see EOF
        other.close()
    tasks_done = 0
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        index, args = item
        if alarm_after and hasattr(signal, "alarm"):
            signal.alarm(alarm_after)  # backstop if the parent cannot kill us
        gc.disable()
        try:
            message = (index, True, func(*args))
        except Exception as exc:  # any bug or bad input becomes one failed task
            message = (index, False, f"unexpected error: {type(exc).__name__}: {exc}"[:300])
        if hasattr(signal, "alarm"):
            signal.alarm(0)
        try:
            conn.send(message)
        except (EOFError, OSError):
            return
        _after_task(first=tasks_done == 0)
        tasks_done += 1


def _after_task(first: bool) -> None:
    """The garbage collector of a warm worker: off while a task runs, one full collection after it
    (once its answer is sent, so the parent goes on meanwhile), and after the first task the heap
    that stays (imports, rulesets, templates, fonts) is frozen, so no later collection walks it.
    A task's cyclic garbage lives only until its task ends. Measured in
    ../shared/reviews/performance-2.md section 5: about 7% less CPU per document."""
    gc.collect()
    if first:
        gc.freeze()
    gc.enable()


@dataclass
class _Slot:
    proc: Any
    conn: Any
    index: int | None = None
    started: float = 0.0


def _crash_message(exitcode: int | None, timeout: float) -> str:
    """Why a worker died, in words."""
    if exitcode is not None and exitcode < 0:
        if -exitcode == getattr(signal, "SIGALRM", None):
            return f"took longer than {timeout:g} s"
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the assessment crashed ({name}); nothing was written for this file"
    return f"the assessment stopped unexpectedly (exit code {exitcode}); nothing was written for this file"


class WorkerPool:
    """`jobs` worker processes; `run` hands out tasks and reports each outcome."""

    def __init__(self, func: Callable, jobs: int, timeout: float):
        self.func, self.jobs, self.timeout = func, jobs, timeout
        self._ctx = _context()
        self._slots: list[_Slot] = []
        self._pending: deque = deque()

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        alarm_after = min(math.ceil(self.timeout) + _GRACE, 2**31 - 1) if self.timeout else 0
        inherited = [parent] + [s.conn for s in self._slots] if self._ctx.get_start_method() == "fork" else []
        proc = self._ctx.Process(target=_worker_main, args=(self.func, child, alarm_after, inherited),
                                 daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    def _kill(self, slot: _Slot) -> None:
        """Stop a worker now and reap it (no zombie, no orphan)."""
        if slot.proc.is_alive():
            slot.proc.kill()
        slot.proc.join()
        slot.conn.close()

    def run(self, tasks: list[tuple], on_done: Done) -> None:
        """Run every task; call `on_done` in the parent as each one ends."""
        self._pending = deque(enumerate(tasks))
        self._slots = []
        for _ in range(min(self.jobs, len(tasks))):
            self._slots.append(self._start())  # one by one: each closes the pipes of those before
        finished = False
        try:
            while self._pending or any(s.index is not None for s in self._slots):
                for slot in self._slots:
                    self._hand_out(slot)
                self._wait_once(on_done)
            finished = True
        finally:
            self._stop(graceful=finished)

    def _hand_out(self, slot: _Slot) -> None:
        """Give an idle worker the next task, if any."""
        if slot.index is None and self._pending:
            slot.index, args = self._pending.popleft()
            slot.started = time.monotonic()
            slot.conn.send((slot.index, args))

    def _wait_once(self, on_done: Done) -> None:
        """Wait for a result, a dead worker or the nearest time limit; handle each."""
        busy = [s for s in self._slots if s.index is not None]
        now = time.monotonic()
        left = min(s.started + self.timeout - now for s in busy) if self.timeout else None
        wait([s.conn for s in busy] + [s.proc.sentinel for s in busy],
             timeout=None if left is None else max(left, 0))
        for i, slot in enumerate(self._slots):
            if slot.index is None:
                continue
            if slot.conn.poll():
                try:
                    index, ok, value = slot.conn.recv()
                except (EOFError, OSError):
                    pass  # died while answering: treated as a crash below
                else:
                    slot.index = None
                    self._hand_out(slot)  # the worker goes on while the parent records this one
                    on_done(index, ok, value)
                    continue
            if not slot.proc.is_alive():
                index, slot.index = slot.index, None
                self._kill(slot)
                self._slots[i] = self._start()
                on_done(index, False, _crash_message(slot.proc.exitcode, self.timeout))
            elif self.timeout and time.monotonic() - slot.started > self.timeout:
                index, slot.index = slot.index, None
                self._kill(slot)
                self._slots[i] = self._start()
                on_done(index, False, f"took longer than {self.timeout:g} s")

    def _stop(self, graceful: bool) -> None:
        """Ask idle workers to leave; kill the rest. Always reap every child,
        even if a second Ctrl-C or SIGTERM arrives meanwhile (held until done)."""
        if not hasattr(signal, "pthread_sigmask"):
            return self._stop_all(graceful)
        before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            self._stop_all(graceful)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)

    def _stop_all(self, graceful: bool) -> None:
        for slot in self._slots:
            if graceful and slot.index is None:
                try:
                    slot.conn.send(None)
                except (OSError, ValueError):
                    pass
                slot.proc.join(timeout=5)
            self._kill(slot)
        self._slots = []
