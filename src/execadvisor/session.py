"""The answers of an interrupted questionnaire, kept so that the next run can resume them.

One small JSON file in the user's state directory: $XDG_STATE_HOME/execadvisor (default
~/.local/state/execadvisor) on Linux and macOS, %LOCALAPPDATA%\\execadvisor on Windows. It holds
only answers the person typed, is written atomically, and is removed once a run completes.
Light on purpose: the CLI imports it to forget a finished session without loading the prompt library.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

FILE_NAME = "session.json"


def state_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "execadvisor"
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "execadvisor"


def session_file() -> Path:
    return state_dir() / FILE_NAME


def save(answers: dict[str, Any]) -> Path | None:
    """Keep the answers given so far; returns where, or None when they could not be kept."""
    from execadvisor.yamlfile import atomic_write

    path = session_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps({"answers": answers}, indent=2) + "\n")
    except Exception:  # noqa: BLE001 - keeping them is a courtesy; cancelling must still work
        return None
    return path


def load() -> dict[str, Any]:
    """The answers kept by an interrupted run, or {} (also for a file that is not ours or is broken)."""
    try:
        data = json.loads(session_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    answers = data.get("answers") if isinstance(data, dict) else None
    return answers if isinstance(answers, dict) else {}


def forget() -> None:
    try:
        session_file().unlink()
    except OSError:
        pass
