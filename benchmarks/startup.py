"""Start-up cost of the founder's and the scripts' paths, as ratios to `python -c "import typer"`.

Runs each command interleaved with the baseline (so machine noise hits both alike) and prints the
medians and their ratios against the goals:

- scripted `recommend ... --json`                  <= 2.5x
- the table view (first screen)                    <= 2.6x
- `--format markdown`                              <= 2.4x
- the first question on screen, in a pseudo-terminal <= 3.5x

Also lists the heavy modules a scripted run must not import, read from `python -X importtime`.

    python benchmarks/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _shared import console_script  # noqa: E402

FLAGS = ["--company-size", "small", "--growth-stage", "early", "--business-model", "transactional",
         "--revenue-streams", "single", "--sales-marketing", "separate", "--priority", "scale-sales",
         "--no-sales-leader", "--marketing-leader", "--budget", "constrained"]
FORBIDDEN = ("questionary", "prompt_toolkit", "rich", "pygments")
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "PAGER": "cat"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV)
    return time.perf_counter() - start


def first_question(cmd: list[str]) -> float:
    """Seconds until the first question is on screen in a pseudo-terminal."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(cmd[0], cmd[1:], env={**ENV, "TERM": "xterm", "XDG_STATE_HOME": "/nonexistent"}, encoding="utf-8",
                          timeout=30, dimensions=(24, 80))
    child.expect(r"\(1/\d\)")
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def imported_modules(cmd: list[str]) -> set[str]:
    env = {**ENV, "PYTHONPROFILEIMPORTTIME": "1"}
    err = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env).stderr
    return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in err.splitlines() if line.startswith("import time:")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    exe = console_script()
    baseline = [sys.executable, "-c", "import typer"]
    paths = {
        "recommend ... --json": ([exe, "recommend", *FLAGS, "--json"], timed, 2.5),
        "recommend ... (table, first screen)": ([exe, "recommend", *FLAGS], timed, 2.6),
        "recommend ... --format markdown": ([exe, "recommend", *FLAGS, "--format", "markdown", "--date", "2026-11-23"], timed, 2.4),
        "first question in a terminal": ([exe, "recommend", "--fresh"], first_question, 3.5),
    }
    for cmd, measure, _ in paths.values():  # warm the file cache and the bytecode
        measure(cmd)
    times: dict[str, list[float]] = {name: [] for name in ["baseline", *paths]}
    for _ in range(args.runs):
        for name, (cmd, measure, _) in paths.items():
            times["baseline"].append(timed(baseline))
            times[name].append(measure(cmd))
    base = statistics.median(times["baseline"])
    print(f"python -c 'import typer'              median {base * 1000:7.1f} ms  ({len(times['baseline'])} runs, interleaved)")
    for name, (_, _, goal) in paths.items():
        run = statistics.median(times[name])
        ratio = run / base
        print(f"{name:38s} median {run * 1000:7.1f} ms  ratio {ratio:.2f}x  (goal <= {goal}x: {'met' if ratio <= goal else 'NOT met'})")
    heavy = sorted(imported_modules(paths["recommend ... --json"][0]) & set(FORBIDDEN))
    print(f"heavy modules imported by the scripted --json run: {', '.join(heavy) if heavy else 'none'} (checked: {', '.join(FORBIDDEN)})")
    markdown = sorted(imported_modules(paths["recommend ... --format markdown"][0]) & set(FORBIDDEN))
    print(f"heavy modules imported by the markdown run: {', '.join(markdown) if markdown else 'none'}")


if __name__ == "__main__":
    main()
