"""Shared by the benchmarks: the installed console script, and the answer space - every
questionnaire (567,000 of them) or a seeded random sample."""

from __future__ import annotations

import itertools
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from execadvisor.core.contract import MAX_PRIORITIES, MIN_PRIORITIES, QUESTIONS


def _choices(kind: str, values: tuple[str, ...]) -> list:
    if kind == "yes_no":
        return [True, False]
    if kind == "many":
        return [list(c) for k in range(MIN_PRIORITIES, MAX_PRIORITIES + 1) for c in itertools.combinations(values, k)]
    return list(values)


CHOICES = {qid: _choices(kind, values) for qid, (kind, values) in QUESTIONS.items()}
SIZE = 1
for options in CHOICES.values():
    SIZE *= len(options)


def all_profiles() -> Iterator[dict]:
    for combo in itertools.product(*CHOICES.values()):
        yield dict(zip(CHOICES, combo))


def random_profiles(count: int, seed: int = 2026) -> Iterator[dict]:
    rng = random.Random(seed)
    for _ in range(count):
        yield {qid: rng.choice(options) for qid, options in CHOICES.items()}


def console_script() -> str:
    """The `execadvisor` installed beside the Python running the benchmark."""
    here = Path(sys.executable).parent / "execadvisor"
    return str(here) if here.exists() else (shutil.which("execadvisor") or sys.exit("execadvisor is not installed"))
