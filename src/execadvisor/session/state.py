"""The answers of interrupted questionnaires, kept so that a later run can resume them.

Small JSON files in the user's state directory: $XDG_STATE_HOME/execadvisor (default
~/.local/state/execadvisor) on Linux and macOS, %LOCALAPPDATA%\\execadvisor on Windows. Each
interrupted run keeps its answers in a file of its own (`session-TIME-PID.json`), so two
questionnaires at once never replace each other's; a run removes only the file it resumed.

A kept file is read only if it is a regular file of the user's own, no larger than MAX_BYTES,
opened without following a link and without waiting (a FIFO there is passed over, not read); it is
written to a new temporary file that is then renamed into place, so a link planted at its name is
replaced, never followed. Light on purpose: no prompt library is imported here.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_BYTES = 64 * 1024
PREFIX, SUFFIX = "session-", ".json"
OLD_NAME = "session.json"  # where the second release kept one run's answers


@dataclass(frozen=True)
class Kept:
    """One interrupted run's answers and the file they are kept in."""

    path: Path
    answers: dict[str, Any]


def state_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "execadvisor"
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "execadvisor"


def _read(path: Path) -> dict[str, Any] | None:
    """The answers in one kept file, or None when it is not a file of ours to read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:  # a link (ELOOP), gone, unreadable
        return None
    try:
        info = os.fstat(fd)
        own = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not stat.S_ISREG(info.st_mode) or not own or info.st_size > MAX_BYTES:
            return None
        raw = os.read(fd, MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    try:
        data = json.loads(raw) if len(raw) <= MAX_BYTES else None
    except ValueError:
        return None
    answers = data.get("answers") if isinstance(data, dict) else None
    return answers if isinstance(answers, dict) and answers else None


def _candidates() -> list[Path]:
    try:
        names = os.listdir(state_dir())
    except OSError:
        return []
    return [state_dir() / n for n in names if n == OLD_NAME or (n.startswith(PREFIX) and n.endswith(SUFFIX))]


def kept() -> list[Kept]:
    """Every interrupted run's answers that can be read, the most recent first."""
    found = []
    for path in _candidates():
        answers = _read(path)
        if answers is not None:
            try:
                when = os.lstat(path).st_mtime_ns
            except OSError:
                continue
            found.append((when, path.name, Kept(path, answers)))
    return [item for _, _, item in sorted(found, key=lambda f: (f[0], f[1]), reverse=True)]


def keep(answers: dict[str, Any]) -> Path:
    """Keep these answers in a new file of their own; returns it. Raises OSError when they cannot
    be kept (the caller says they are lost, and why)."""
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".session-", suffix=".tmp", dir=folder)  # O_EXCL: never an existing file or link
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({"answers": answers}, indent=2) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        target = folder / f"{PREFIX}{time.time_ns()}-{os.getpid()}{SUFFIX}"
        os.replace(tmp, target)  # a rename replaces a link at the target's name; it never follows it
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def forget(path: Path | None) -> None:
    """Remove one kept file (a link there is removed, not followed)."""
    if path is None:
        return
    try:
        os.unlink(path)
    except OSError:
        pass


def forget_all() -> None:
    """Remove every kept file: `--fresh` starts over at once."""
    for path in _candidates():
        forget(path)
