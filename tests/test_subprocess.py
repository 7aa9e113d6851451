"""The installed console script as scripts really run it: a real process, another folder, no stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import full_flags, run_script

from execadvisor.version import __version__


def test_json_run_from_another_folder(tmp_path):
    result = run_script(["recommend", *full_flags(), "--json"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["recommendation"]["id"] and doc["version"] == __version__
    assert result.stderr == ""


def test_missing_answers_with_no_stdin_exit_2_without_waiting(tmp_path):
    result = run_script(["recommend", "--company-size", "large", "--json"], cwd=tmp_path)
    assert result.returncode == 2
    assert "--growth-stage" in result.stderr and "--budget" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_missing_answers_with_a_closed_pipe(tmp_path):
    result = run_script(["recommend"], cwd=tmp_path, stdin=subprocess.PIPE)
    assert result.returncode == 2 and "no terminal" in result.stderr


def test_bad_value_exit_2_no_traceback(tmp_path):
    result = run_script(["recommend", "--company-size", "huge"], cwd=tmp_path)
    assert result.returncode == 2
    assert "huge" in result.stderr and "enterprise" in result.stderr and "Traceback" not in result.stderr


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "execadvisor", "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"execadvisor {__version__}"
    same = subprocess.run([sys.executable, "-m", "execadvisor", "recommend", *full_flags(), "--json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert same.stdout == run_script(["recommend", *full_flags(), "--json"], cwd=tmp_path).stdout


def test_table_report_without_colour(tmp_path):
    result = run_script(["recommend", *full_flags(), "--detail"], cwd=tmp_path)
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert "Recommendation" in result.stdout and "Sources" in result.stdout
    first = run_script(["recommend", *full_flags()], cwd=tmp_path)
    assert first.returncode == 0 and "\x1b[" not in first.stdout and "--detail" in first.stdout


SPY = """
import os, sys
from execadvisor.cli.entry import main

real_exit = os._exit

def report_then_exit(code):
    print(" ".join(sorted(sys.modules)), file=sys.stderr, flush=True)
    real_exit(code)

os._exit = report_then_exit
sys.argv = ["execadvisor", *sys.argv[1:]]
main()
"""


def test_scripted_run_imports_no_prompt_or_terminal_library(tmp_path):
    result = subprocess.run([sys.executable, "-c", SPY, "recommend", *full_flags(), "--json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    modules = set(result.stderr.split())
    loaded = {m.split(".")[0] for m in modules}
    assert "execadvisor.core.scoring" in modules, "the spy saw the run"
    assert not loaded & {"questionary", "prompt_toolkit", "rich"}, loaded & {"questionary", "prompt_toolkit", "rich"}
    assert "importlib.metadata" not in modules, "pydantic's plugin loader (entry points) is not imported"


def test_output_that_cannot_be_written_is_exit_1_with_a_message(tmp_path):
    """A full disk (/dev/full) and a closed stdout get one clear message and exit 1, not an internal error."""
    import subprocess

    from conftest import console_script, full_flags

    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            result = subprocess.run([console_script(), "recommend", *full_flags(), "--json"], stdout=full, stderr=subprocess.PIPE,
                                    stdin=subprocess.DEVNULL, text=True, timeout=60)
        assert result.returncode == 1 and "No space left on device" in result.stderr and "internal error" not in result.stderr
    closed = subprocess.run(f'"{console_script()}" recommend {" ".join(full_flags())} --json >&-', shell=True,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, timeout=60)
    assert closed.returncode == 1 and "stdout is closed" in closed.stderr and "Traceback" not in closed.stderr
    to_file = subprocess.run(f'"{console_script()}" recommend {" ".join(full_flags())} -o "{tmp_path / "r.txt"}" >&-', shell=True,
                             stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, timeout=60)
    assert to_file.returncode == 0 and (tmp_path / "r.txt").read_text(encoding="utf-8").startswith("┏")


@pytest.mark.parametrize("columns", ["1", "10", "0"])
def test_a_tiny_terminal_still_gets_a_readable_report(tmp_path, columns):
    from conftest import full_flags, run_script

    result = run_script(["recommend", *full_flags()], cwd=tmp_path, env={"COLUMNS": columns})
    assert result.returncode == 0 and "Chief Sales Officer" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) == 40


def test_shell_completion_completes_flags_and_values(tmp_path):
    from conftest import console_script

    def complete(words: str) -> list[str]:
        env = {**os.environ, "_EXECADVISOR_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
        done = subprocess.run([console_script()], env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        return done.stdout.split()

    assert complete("execadvisor recommend --company-size s") == ["startup", "small"]
    assert complete("execadvisor recommend --priority sa") == ["sales-expertise"]
    assert "--budget" in complete("execadvisor recommend --bud")
    shown = subprocess.run([console_script(), "--show-completion", "bash"], capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
    assert shown.returncode == 0 and "_EXECADVISOR_COMPLETE" in shown.stdout
