"""Atomic file writes: a temporary file in the same folder, then rename.

A reader never sees a half-written report, and a failure (or Ctrl-C) leaves
any existing file untouched.

Only regular files are replaced. A rename over a device node, a FIFO or a
symlink would swap the node itself for a regular file: as root, ``-o
/dev/null`` would destroy the system's /dev/null. So the target is looked at
first (see :func:`write_atomic`):

* a character device or a FIFO (``/dev/null``, ``/dev/stdout``, ``mkfifo``)
  is written *through*: opened for writing, never replaced. A FIFO is opened
  without blocking, so one that nobody reads is an error, not a hang;
* a symlink is followed: the file it points to is replaced atomically (the
  link stays a link), or written through if it points to a device or FIFO or
  passes through /proc (``/dev/stdout`` when the shell redirected it to a file);
  a dangling link is refused (it could point anywhere, e.g. in a shared /tmp);
* a folder, a block device, a socket or anything else is refused.
"""
from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written there (a folder, no permission, a full disk)."""


_REFUSED = {stat.S_IFDIR: "folder", stat.S_IFBLK: "block device", stat.S_IFSOCK: "socket"}


def write_atomic(path: Path | str, data: bytes | str) -> None:
    """Write ``data`` to ``path`` atomically; :class:`OutputError` says why not.

    A character device or FIFO (directly or behind a symlink) is written
    through; a symlink to a regular file has its target replaced."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = _resolve_target(Path(path), str(path))
    if target is None:
        _write_through(str(path), payload)
    else:
        _replace(target, str(path), payload)


def _kind(mode: int) -> str:
    return _REFUSED.get(stat.S_IFMT(mode), "special file")


def _resolve_target(path: Path, shown: str) -> Path | None:
    """The regular file to replace, or None when ``path`` must be written through."""
    try:
        st = os.stat(path)  # follows symlinks
    except FileNotFoundError:
        if path.is_symlink():
            raise OutputError(f"cannot write {shown}: it is a symlink to {os.readlink(path)}, "
                              f"which does not exist") from None
        return path
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"cannot write {shown}: it is a {_kind(st.st_mode)}")
    if not path.is_symlink():
        return path
    if _through_proc(path):
        return None
    return Path(os.path.realpath(path))


def _through_proc(path: Path) -> bool:
    """True when a link in the chain is one of /proc's (``/dev/stdout`` -> ``/proc/self/fd/1``).

    Such a link names an open file (perhaps a shell's ``>> log``): it is
    appended to, never replaced."""
    p = str(path)
    try:
        for _ in range(40):
            if not os.path.islink(p):
                return False
            if os.path.realpath(os.path.dirname(os.path.abspath(p))).startswith("/proc/"):
                return True
            p = os.path.join(os.path.dirname(p), os.readlink(p))
    except OSError:
        return True  # a link that cannot be read is not replaced
    return False


def _write_through(shown: str, payload: bytes) -> None:
    """Write into an existing device, FIFO or /proc file link without replacing it
    (appending: the file behind ``/dev/stdout`` may be a shell's ``>> log``)."""
    try:
        fd = os.open(shown, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        if exc.errno == errno.ENXIO and _is_fifo(shown):
            raise OutputError(f"cannot write {shown}: it is a pipe (FIFO) with no reader") from None
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            flags = fcntl.fcntl(fd, fcntl.F_GETFL)
            fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)  # a full pipe waits for its reader
            fh.write(payload)
    except BrokenPipeError:
        raise OutputError(f"cannot write {shown}: the reader closed the pipe") from None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None


def _is_fifo(path: str) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


def _mode_for(target: Path) -> int:
    """The permissions the new file gets: those of the file it replaces (a private 0600
    questionnaire stays private), else what the umask allows of 0666, as open() would give."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where Linux shows it (setting it to
    read it would, for an instant, widen what other threads create)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _replace(target: Path, shown: str, payload: bytes) -> None:
    """Temporary file next to ``target``, fsync, rename over it."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
        raise
