"""Start-up cost of a scripted run, as a ratio to `python -c "import typer"` in the same venv.

Runs the two commands interleaved (so machine noise hits both alike) and prints the medians and
their ratio. The goal (issue 5) is a ratio of at most 2.5. Also lists the heavy modules a scripted
run must not import, read from `python -X importtime`.

    python benchmarks/startup.py [--runs 31]
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
         "--no-sales-leader", "--marketing-leader", "--budget", "constrained", "--json"]
FORBIDDEN = ("questionary", "prompt_toolkit", "rich", "pygments")


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def imported_modules(cmd: list[str]) -> set[str]:
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    err = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env).stderr
    return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in err.splitlines() if line.startswith("import time:")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    args = parser.parse_args()

    baseline = [sys.executable, "-c", "import typer"]
    scripted = [console_script(), "recommend", *FLAGS]
    for cmd in (baseline, scripted):  # warm the file cache and the bytecode
        timed(cmd)
    base_times, run_times = [], []
    for _ in range(args.runs):
        base_times.append(timed(baseline))
        run_times.append(timed(scripted))
    base, run = statistics.median(base_times), statistics.median(run_times)
    ratio = run / base
    print(f"python -c 'import typer'        median {base * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"execadvisor recommend ... --json median {run * 1000:7.1f} ms  ({args.runs} runs, interleaved)")
    print(f"ratio {ratio:.2f}x  (goal <= 2.5x: {'met' if ratio <= 2.5 else 'NOT met'})")
    heavy = sorted(imported_modules(scripted) & set(FORBIDDEN))
    print(f"heavy modules imported by the scripted run: {', '.join(heavy) if heavy else 'none'} (checked: {', '.join(FORBIDDEN)})")


if __name__ == "__main__":
    main()
