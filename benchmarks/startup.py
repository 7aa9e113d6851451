"""Start-up cost of the founder's and the scripts' paths, as ratios to `python -c "import typer"`.

Runs each command interleaved with the baseline (so machine noise hits both alike) and prints the
medians and their ratios against the goals:

- scripted `recommend ... --json`                  <= 2.5x
- the table view (first screen)                    <= 2.6x
- `--format markdown`                              <= 2.4x
- the first question on screen, in a pseudo-terminal <= 3.5x
- `team` with three files and `path` (the table view): no slower than the table view plus the
  full reports they score beyond its one (each a few milliseconds, measured and printed here);
  team is held to the table view of `recommend --answers FILE`, which reads a YAML answers file
  as each person's is read (importing PyYAML alone is some 20 ms), path to the one with flags
- `team` with 50 files (--json): under a second

Beside each path it measures its floor: the least a program on the same libraries can do (a typer
command building one pydantic model, plus a rich table or one questionary question on screen;
benchmarks/_floor.py), so it shows how much of each goal is left for our own code.
Also lists the heavy modules a scripted run must not import, read from `python -X importtime`.

    python benchmarks/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _shared import console_script, random_profiles  # noqa: E402

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


# Each path's floor: the least a program on the same libraries can do (benchmarks/_floor.py) - a
# typer command with one option that builds one pydantic model (typer 0.29 itself builds a pydantic
# TypeAdapter for each option on every run), plus a rich table in a panel for the table view, or
# one questionary question on screen for the questionnaire. A goal below its floor cannot be met by
# our code.
FLOOR = str(Path(__file__).parent / "_floor.py")
FLOORS = {
    "typer + pydantic": "plain",
    "typer + pydantic + rich": "rich",
    "typer + pydantic + a questionary question": "question",
}


def team_files(folder: Path, count: int) -> list[str]:
    """`count` answers files of different people (seeded random profiles), as --save-answers writes them."""
    import yaml

    files = []
    for i, profile in enumerate(random_profiles(count, seed=count)):
        path = folder / f"person{count}-{i:02}.yaml"
        path.write_text(yaml.safe_dump(profile), encoding="utf-8")
        files.append(str(path))
    return files


def report_cost(count: int = 200) -> float:
    """Seconds one full report (scoring.recommend: robustness and what-if included) takes, median."""
    from execadvisor.core.contract import Answers
    from execadvisor.core.knowledge import builtin_knowledge
    from execadvisor.core.scoring import recommend

    kb = builtin_knowledge()
    runs = []
    for profile in random_profiles(count, seed=7):
        answers = Answers.model_validate(profile)
        start = time.perf_counter()
        recommend(answers, kb)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    exe = console_script()
    baseline = [sys.executable, "-c", "import typer"]
    paths = {  # name: (command, how to time it, goal, its floor)
        "recommend ... --json": ([exe, "recommend", *FLAGS, "--json"], timed, 2.5, "typer + pydantic"),
        "recommend ... (table, first screen)": ([exe, "recommend", *FLAGS], timed, 2.6, "typer + pydantic + rich"),
        "recommend ... --format markdown": ([exe, "recommend", *FLAGS, "--format", "markdown", "--date", "2026-11-23"], timed, 2.4,
                                            "typer + pydantic"),
        "first question in a terminal": ([exe, "recommend", "--fresh"], first_question, 3.5, "typer + pydantic + a questionary question"),
    }
    folder = Path(tempfile.mkdtemp(prefix="execadvisor-bench-"))
    # Decide together and look ahead: (command, the table view it is held to, full reports scored beyond that one's)
    three = team_files(folder, 3)
    from_file = "recommend --answers FILE (table)"
    ahead = {
        "team, 3 files (table)": ([exe, "team", *three], from_file, 3),  # 3 people and the group
        "path, company size (table)": ([exe, "path", *FLAGS], "recommend ... (table, first screen)", 4),  # 5 steps
    }
    fifty = [exe, "team", *team_files(folder, 50), "--json"]
    measured = {name: (cmd, measure) for name, (cmd, measure, _, _) in paths.items()}
    measured[from_file] = ([exe, "recommend", "--answers", three[0]], timed)
    measured.update({name: (cmd, timed) for name, (cmd, _, _) in ahead.items()})
    measured["team, 50 files (--json)"] = (fifty, timed)
    measured.update({name: ([sys.executable, FLOOR, what], first_question if what == "question" else timed) for name, what in FLOORS.items()})
    for cmd, measure in measured.values():  # warm the file cache and the bytecode
        measure(cmd)
    times: dict[str, list[float]] = {name: [] for name in ["baseline", *measured]}
    for _ in range(args.runs):
        for name, (cmd, measure) in measured.items():
            times["baseline"].append(timed(baseline))
            times[name].append(measure(cmd))
    base = statistics.median(times["baseline"])
    ratio = {name: statistics.median(runs) / base for name, runs in times.items()}
    print(f"python -c 'import typer'              median {base * 1000:7.1f} ms  ({len(times['baseline'])} runs, interleaved)")
    for name, (_, _, goal, floor) in paths.items():
        run = statistics.median(times[name])
        print(f"{name:38s} median {run * 1000:7.1f} ms  ratio {ratio[name]:.2f}x  (goal <= {goal}x: {'met' if ratio[name] <= goal else 'NOT met'})")
        reach = "is below it: no change to our code can meet it" if goal < ratio[floor] else f"leaves {goal - ratio[floor]:.2f}x for our code"
        print(f"{'':38s} floor {ratio[floor]:.2f}x ({floor}, doing nothing): the goal {reach}; "
              f"ours takes {ratio[name] - ratio[floor]:.2f}x")
    report = report_cost()
    print(f"{'one full report (in-process)':38s} median {report * 1000:7.1f} ms")
    print(f"{from_file:38s} median {statistics.median(times[from_file]) * 1000:7.1f} ms")
    for name, (_, held_to, reports) in ahead.items():
        run, table = statistics.median(times[name]), statistics.median(times[held_to])
        goal = table + reports * report
        print(f"{name:38s} median {run * 1000:7.1f} ms  goal <= {held_to.split(' (')[0]} + {reports} reports = {goal * 1000:.1f} ms: "
              f"{'met' if run <= goal else 'NOT met'} ({(run - table) * 1000:+.1f} ms beside {held_to.split(' (')[0]} alone)")
    run = statistics.median(times["team, 50 files (--json)"])
    print(f"{'team, 50 files (--json)':38s} median {run * 1000:7.1f} ms  goal < 1000 ms: {'met' if run < 1 else 'NOT met'}")
    heavy = sorted(imported_modules(paths["recommend ... --json"][0]) & set(FORBIDDEN))
    print(f"heavy modules imported by the scripted --json run: {', '.join(heavy) if heavy else 'none'} (checked: {', '.join(FORBIDDEN)})")
    markdown = sorted(imported_modules(paths["recommend ... --format markdown"][0]) & set(FORBIDDEN))
    print(f"heavy modules imported by the markdown run: {', '.join(markdown) if markdown else 'none'}")
    team = sorted(imported_modules(fifty) & set(FORBIDDEN))
    print(f"heavy modules imported by team --json: {', '.join(team) if team else 'none'}")
    print(f"libraries: {', '.join(versions())} on Python {sys.version.split()[0]}")
    shutil.rmtree(folder, ignore_errors=True)


def versions() -> list[str]:
    from importlib.metadata import version

    return [f"{name} {version(name)}" for name in ("typer", "pydantic", "rich", "questionary", "prompt_toolkit", "wcwidth")]


if __name__ == "__main__":
    main()
