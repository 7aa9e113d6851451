"""Shared fixtures: the built-in knowledge base, a CLI runner, and answers <-> flags helpers."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from execadvisor.cli.app import app
from execadvisor.core.contract import QUESTIONS, Answers, answer_flags
from execadvisor.core.knowledge import builtin_knowledge

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "benchmarks"))  # the benchmarks' profile sampler
from _shared import random_profiles  # noqa: E402, F401 - re-exported for the tests that sample the answer space
from scenarios import BASE  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def kb():
    return builtin_knowledge()


@pytest.fixture()
def runner():
    return CliRunner()


def flags_for(answers: dict) -> list[str]:
    """The command-line flags that give exactly these answers."""
    return answer_flags(answers)


def full_flags(**changes) -> list[str]:
    return flags_for({**BASE, **changes})


def answers_of(**changes) -> Answers:
    return Answers.model_validate({**BASE, **changes})


def invoke(runner: CliRunner, args: list[str], **kwargs):
    return runner.invoke(app, args, catch_exceptions=False, **kwargs)


def console_script() -> str:
    """The installed `execadvisor` console script of the Python running the tests."""
    here = Path(sys.executable).parent / ("execadvisor.exe" if os.name == "nt" else "execadvisor")
    found = str(here) if here.exists() else shutil.which("execadvisor")
    if not found:
        pytest.fail("the execadvisor console script is not installed; run `pip install .[test]` first")
    return found


def children(pid: int) -> list[int]:
    """The pids whose parent is `pid`, read from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def program_under(shell) -> int:
    """The pid of the program a shell spawned by pexpect runs, waited for up to 5 seconds."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        found = children(shell.pid)
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError("the program does not run under the shell")


def run_script(args: list[str], cwd: Path, stdin=subprocess.DEVNULL, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [console_script(), *args], cwd=cwd, stdin=stdin, capture_output=True, text=True, timeout=60,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "80", **(env or {})},
    )


ALL_QUESTIONS = list(QUESTIONS)
