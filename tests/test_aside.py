"""Work done in a forked child while the parent does another (engine/across/aside.py): the child's
bytes come back, a child that fails is replaced by the parent's own call (same exception), and no
child outlives its block."""
import os

import pytest

from lexgap.across.aside import aside


def _children() -> set[int]:
    """Our living children, from /proc (none are left as zombies: each is reaped)."""
    me = str(os.getpid())
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                found.add(int(entry))
    return found


needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or not os.path.isdir("/proc"), reason="fork and /proc")


@needs_fork
def test_the_childs_bytes_come_back_and_the_child_is_reaped():
    parent = os.getpid()
    before = _children()
    with aside(lambda: f"{os.getpid()} {os.getppid()}".encode() + b"x" * 200_000) as child:
        made_by, its_parent = child.result()[:-200_000].decode().split()
    assert int(made_by) != parent and int(its_parent) == parent  # made in a child, not here
    assert _children() == before


@needs_fork
def test_a_child_that_fails_leaves_the_work_to_the_parent():
    calls = []

    def flaky() -> bytes:
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != parent:
            os._exit(3)  # the child dies without an answer (a crash)
        return b"made here"

    parent = os.getpid()
    with aside(flaky) as child:
        assert child.result() == b"made here"
    assert calls == [parent]  # this process's list: the child's own call was in its copy


def test_an_error_is_the_parents_own():
    def broken() -> bytes:
        raise ValueError("no comparison")
    with aside(broken) as child:
        with pytest.raises(ValueError, match="no comparison"):
            child.result()


@needs_fork
def test_a_child_never_asked_is_stopped_when_the_block_ends():
    import time
    before = _children()
    with pytest.raises(KeyboardInterrupt):
        with aside(lambda: time.sleep(60) or b""):
            raise KeyboardInterrupt  # Ctrl-C while the parent does its part
    assert _children() == before
