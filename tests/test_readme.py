"""The README cannot drift from what the tool prints (the way sqlite-utils checks its docs with cog).

Every block of command output in README.md follows a marker naming the command that produced it:

    <!-- output: execadvisor recommend --company-size large ... | head -12 -->
    ```text
    ...exactly what that command prints at 80 columns without colour...
    ```

This test runs each command through the installed console script and compares. The Python API's
examples are checked alike: a ```python block after `<!-- python -->` is run, and what it prints is
the ```text block after `<!-- prints -->`. After changing what the tool prints, regenerate the
blocks with `python tests/test_readme.py --update`.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
MARKER = re.compile(r"<!-- output: (?P<command>.+?) -->\n```(?P<lang>\w*)\n(?P<body>.*?)```", re.S)
PYTHON = re.compile(r"<!-- python -->\n```python\n(?P<code>.*?)```\n+<!-- prints -->\n```text\n(?P<body>.*?)```", re.S)


def _run(command: str) -> str:
    """The command's stdout (and stderr with ` 2>&1`), as the README shows it: 80 columns, no colour,
    `| head -N` applied."""
    command, _, head = command.partition(" | head -")
    merged = command.endswith(" 2>&1")
    args = shlex.split(command.removesuffix(" 2>&1"))
    assert args[0] == "execadvisor", command
    here = Path(sys.executable).parent / "execadvisor"
    exe = str(here) if here.exists() else "execadvisor"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "TERM": "dumb"}
    env.pop("FORCE_COLOR", None)
    result = subprocess.run([exe, *args[1:]], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60,
                            cwd=README.parent)
    lines = [line.rstrip() for line in (result.stdout + result.stderr if merged else result.stdout).splitlines()]
    if head:
        lines = lines[: int(head)]
    return "\n".join(lines) + "\n"


def _python(code: str) -> str:
    """What a Python example prints, run as a program of its own in the repository's folder."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=README.parent,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, f"the README's Python example fails:\n{result.stderr}"
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def test_every_python_example_in_the_readme_runs_and_prints_what_it_shows():
    examples = list(PYTHON.finditer(README.read_text(encoding="utf-8")))
    assert examples, "the README shows the Python API"
    for match in examples:
        assert match["body"] == _python(match["code"]), "README Python output is out of date: run `python tests/test_readme.py --update`"


def blocks(text: str) -> list[re.Match]:
    return list(MARKER.finditer(text))


def test_readme_has_checked_outputs():
    assert len(blocks(README.read_text(encoding="utf-8"))) >= 4


def test_every_output_in_the_readme_is_what_the_tool_prints():
    for match in blocks(README.read_text(encoding="utf-8")):
        shown = "\n".join(line.rstrip() for line in match["body"].splitlines()) + "\n"
        assert shown == _run(match["command"]), f"README output of `{match['command']}` is out of date: " \
            "run `python tests/test_readme.py --update`"


def update() -> None:
    text = README.read_text(encoding="utf-8")
    text = MARKER.sub(lambda m: f"<!-- output: {m['command']} -->\n```{m['lang']}\n{_run(m['command'])}```", text)
    text = PYTHON.sub(lambda m: f"<!-- python -->\n```python\n{m['code']}```\n\n<!-- prints -->\n```text\n{_python(m['code'])}```", text)
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update()
    else:
        sys.exit("usage: python tests/test_readme.py --update")
