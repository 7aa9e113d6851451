"""Writing files that survive: all of them or none, never half-written, never a temporary left
behind; links written through, streams, FIFOs and devices written as they are."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from execadvisor.errors import InputError, OutputError
from execadvisor.streams.reading import STDIN


# errno values that mean the output cannot be written at all (exit 1), as opposed to a bad path (exit 2)
_DEVICE_FULL = {28, 5, 122, 27}  # ENOSPC, EIO, EDQUOT, EFBIG


def _write_failed(target: object, exc: OSError) -> Exception:
    message = f"{target}: cannot write: {exc.strerror or exc}"
    return OutputError(message) if exc.errno in _DEVICE_FULL else InputError(message)


# A stream named as a path: written to the descriptor already open, never opened anew (which would
# truncate a file opened for appending, or fail for a pipe) and never replaced.
_STREAM = re.compile(r"/dev/(?:std(in|out|err)|fd/(\d+))|/proc/self/fd/(\d+)")
_STD = {"in": 0, "out": 1, "err": 2}


def stream_descriptor(path: Path | str) -> int | None:
    """The descriptor an output path names when it names a stream (/dev/stdout, /dev/fd/3,
    /proc/self/fd/3...), else None."""
    found = _STREAM.fullmatch(os.path.normpath(str(path)))
    if found is None:
        return None
    std, number, proc = found.groups()
    return _STD[std] if std else int(number or proc)


def exists_already(path: Path) -> bool:
    """Whether an output path names something that exists, to ask or refuse before writing over it
    (a stream never does: it is written to, not over). A name the system refuses (too long, say)
    is the InputError writing it would give."""
    if stream_descriptor(path) is not None:
        return False
    try:
        return path.exists()
    except OSError as exc:
        raise _write_failed(path, exc) from None


MAX_KEPT_NAME = 100  # bytes of an output's name kept in its temporary's name, which then always fits
UNENCODABLE = "backslashreplace"  # a lone surrogate (a command-line byte that was not UTF-8) is written as \udcff


def _temporary(directory: Path, name: str, live: set[str]) -> tuple[int, str]:
    """A new file beside the output, named after it (`.NAME.1f2e3d4c.tmp`, NAME cut to 100 bytes so
    that a 255-byte NAME still leaves room): its descriptor and path, the path in `live` before the
    file exists (see _removed_on_signals)."""
    kept = os.fsdecode(os.fsencode(name)[:MAX_KEPT_NAME])
    for _ in range(100):
        path = str(directory / f".{kept}.{os.urandom(4).hex()}.tmp")
        live.add(path)
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600), path
        except FileExistsError:
            live.discard(path)
    raise FileExistsError(f"no free temporary name in {directory}")


class _Staged:
    """One output, prepared so that committing it cannot fail half-way for a regular file."""

    def __init__(self, target: Path, text: str, live: set[str]) -> None:
        self.shown, self.text, self.tmp, self.stat = target, text, None, None
        self.fd = stream_descriptor(target)
        if self.fd is not None:
            _check_stream(target, self.fd)
            return
        self.path = Path(os.path.realpath(target))  # a symlink is written through, to its target
        try:
            self.stat = os.stat(self.path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise _write_failed(target, exc) from None
        if self.stat is not None and stat.S_ISDIR(self.stat.st_mode):
            raise InputError(f"{target}: is a directory, not a file")
        if self.in_place:
            return  # a FIFO, a device or a hard-linked file: written to, never replaced
        try:
            fd, self.tmp = _temporary(self.path.parent, self.path.name, live)
            with os.fdopen(fd, "w", encoding="utf-8", errors=UNENCODABLE, newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if self.stat is not None:
                os.chmod(self.tmp, self.stat.st_mode & 0o777)  # never setuid, setgid or sticky
                if (self.stat.st_uid, self.stat.st_gid) != (os.getuid(), os.getgid()) and hasattr(os, "chown"):
                    try:
                        os.chown(self.tmp, self.stat.st_uid, self.stat.st_gid)
                    except PermissionError:
                        pass  # only root may give a file away; the content still goes to the same path
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self.tmp, 0o666 & ~umask)
        except OSError as exc:
            raise _write_failed(target, exc) from None

    @property
    def in_place(self) -> bool:
        return self.fd is not None or (self.stat is not None and (not stat.S_ISREG(self.stat.st_mode) or self.stat.st_nlink > 1))

    def commit(self, live: set[str]) -> None:
        try:
            if self.fd is not None:
                _write_stream(self.fd, self.text)
            elif self.tmp is None:
                with open(self.path, "w", encoding="utf-8", errors=UNENCODABLE, newline="\n") as handle:
                    handle.write(self.text)
            else:
                os.replace(self.tmp, self.path)
                live.discard(self.tmp)
        except BrokenPipeError:
            raise  # the reader left: the program ends quietly (see execadvisor.cli.app)
        except OSError as exc:
            raise _write_failed(self.shown, exc) from None


def _std_stream(fd: int) -> Any:
    return {0: sys.stdin, 1: sys.stdout, 2: sys.stderr}.get(fd)


def _check_stream(target: Path, fd: int) -> None:
    """A stream named as an output must be open: exit 2 naming it, before anything is written."""
    stream = _std_stream(fd)
    if fd in (0, 1, 2) and (stream is None or getattr(stream, "closed", False)):
        raise InputError(f"{target}: not open: {('stdin', 'stdout', 'stderr')[fd]} is closed")
    if fd not in (1, 2):
        try:
            os.fstat(fd)
        except OSError:
            raise InputError(f"{target}: not open: there is no file descriptor {fd}") from None


def _write_stream(fd: int, text: str) -> None:
    """Write to an open descriptor as it is (its position, its append mode): stdout and stderr
    through their Python streams, so that what the run printed before stays in order."""
    stream = _std_stream(fd)
    if fd in (1, 2):
        stream.write(text)
        stream.flush()
        return
    data = text.encode("utf-8", errors=UNENCODABLE)
    while data:
        data = data[os.write(fd, data):]


_CAUGHT = ("SIGINT", "SIGTERM", "SIGHUP")


@contextlib.contextmanager
def _removed_on_signals(live: set[str]) -> Iterator[None]:
    """While outputs are written, SIGINT, SIGTERM and SIGHUP first remove the temporaries in `live`,
    then do what they did before (Ctrl-C's "Aborted.", the default end of a process): an
    interrupted write leaves no hidden file behind. Nothing changes where a signal is ignored, or
    away from the main thread (where Python cannot handle signals)."""
    import signal

    previous: dict[int, Any] = {}

    def remove_then_resume(signum: int, frame: Any) -> None:
        for path in list(live):
            Path(path).unlink(missing_ok=True)
        old = previous[signum]
        if callable(old):
            old(signum, frame)
        else:  # SIG_DFL: end the process as the signal would have
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    try:
        for name in _CAUGHT:
            signum = getattr(signal, name, None)
            old = signal.getsignal(signum) if signum is not None else None
            if old is not None and old != signal.SIG_IGN:
                signal.signal(signum, remove_then_resume)
                previous[signum] = old
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def write_outputs(outputs: list[tuple[Path | str, str]]) -> None:
    """Write every output, or - when any cannot be prepared - none of them.

    `-` is stdout. A regular file is written to a temporary file beside it and renamed over it, so a
    reader sees the old file or the new one, never half of either, and on any error (Ctrl-C, SIGTERM
    or SIGHUP too) the old file is left as it was and the temporary removed. A symlink is followed
    and its target written. A stream named as a path (/dev/stdout, /dev/fd/N) is written to that
    open descriptor, as it is. A FIFO or a device is written to, never replaced; so is a file with
    other hard links, which a rename would split off - those are written first, so that when one
    fails no other output has been touched. An existing file keeps its owner (where the user may
    set it) and its permission bits, never a setuid, setgid or sticky bit."""
    live: set[str] = set()  # temporaries that exist, or are about to
    with _removed_on_signals(live):
        try:
            staged = [_Staged(Path(target), text, live) for target, text in outputs if str(target) != STDIN]
            # What is written in place (a stream, a device, a FIFO, a hard-linked file) can fail half-way
            # and cannot be undone, so it goes first: if it fails, no prepared file has replaced anything yet.
            for item in sorted(staged, key=lambda item: not item.in_place):
                item.commit(live)
        finally:
            for path in list(live):
                Path(path).unlink(missing_ok=True)
    for target, text in outputs:
        if str(target) == STDIN:
            sys.stdout.write(text)


def atomic_write(path: Path | str, text: str) -> None:
    """Write one file (or stdout for `-`) as `write_outputs` does."""
    write_outputs([(path, text)])


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name the same existing file (through links, `..` and the like)."""
    if STDIN in (str(a), str(b)):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
