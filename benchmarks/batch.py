"""Batch throughput: profiles per second through `execadvisor batch`, end to end on one core.

Writes a JSON Lines file of random profiles, runs the installed console script on it with the
output going to /dev/null, and prints the rate (start-up included). Runs a second, larger file to
show that memory stays flat as the input grows (peak RSS of the child process). Goal (issue 5):
at least 20,000 profiles per second.

    python benchmarks/batch.py [--profiles 200000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _shared import console_script, random_profiles  # noqa: E402


def run(path: Path) -> tuple[float, int]:
    """Seconds for one batch run of `path`, and the peak RSS (KiB) of that run."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "with open(sys.argv[2], 'rb') as src, open(__import__('os').devnull, 'wb') as dst:\n"
        "    rc = subprocess.run([sys.argv[1], 'batch'], stdin=src, stdout=dst).returncode\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, console_script(), str(path)], capture_output=True, text=True, check=True)
    seconds, rss, rc = out.stdout.split()
    if rc != "0":
        sys.exit(f"batch run failed with exit code {rc}")
    return float(seconds), int(rss)


def write_profiles(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for profile in random_profiles(count):
            handle.write(json.dumps(profile) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=200_000)
    args = parser.parse_args()
    cpu = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small.jsonl", Path(tmp) / "large.jsonl"
        write_profiles(small, args.profiles)
        write_profiles(large, args.profiles * 4)
        run(small)  # warm the caches
        rates = []
        for _ in range(3):
            seconds, rss_small = run(small)
            rates.append(args.profiles / seconds)
        seconds_large, rss_large = run(large)
    rate = sorted(rates)[1]
    print(f"execadvisor batch: {args.profiles:,} profiles, median of 3 runs: {rate:,.0f} profiles/s "
          f"(goal >= 20,000: {'met' if rate >= 20_000 else 'NOT met'}); start-up included; one process, one core"
          + (f" (of {len(cpu)} available)" if cpu else ""))
    print(f"{args.profiles * 4:,} profiles: {args.profiles * 4 / seconds_large:,.0f} profiles/s")
    print(f"peak memory: {rss_small / 1024:.1f} MiB for {args.profiles:,} lines, {rss_large / 1024:.1f} MiB for "
          f"{args.profiles * 4:,} lines (flat: {'yes' if rss_large < rss_small * 1.2 else 'NO'})")


if __name__ == "__main__":
    main()
