"""The one error type the program reports to the user as bad input (exit code 2)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


class InputError(Exception):
    """Bad input: an unknown value, a missing answer, a broken answers or knowledge file.

    The message is complete and ready to print; the CLI prints it on stderr and exits with code 2.
    """


def format_location(loc: Sequence[Any]) -> str:
    """Turn a pydantic location such as ('rules', 12, 'weight') into 'rules[12].weight'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def describe_problems(where: str, problems: Iterable[tuple[str, str]], limit: int = 10) -> str:
    """One message, one line per problem: `WHERE: path.to.field: problem`."""
    lines = [f"{where}: {path}: {problem}" if path else f"{where}: {problem}" for path, problem in problems]
    if len(lines) > limit:
        lines = lines[:limit] + [f"{where}: ... and {len(lines) - limit} more problems"]
    return "\n".join(lines)


def pydantic_problems(exc: Any) -> list[tuple[str, str]]:
    """(path, problem) pairs from a pydantic ValidationError, with the offending input quoted."""
    problems = []
    for err in exc.errors(include_url=False):
        msg = err["msg"]
        if err["type"] in ("enum", "literal_error", "missing", "extra_forbidden"):
            if err["type"] == "extra_forbidden":
                msg = "unknown key"
            elif err["type"] != "missing":
                msg = f"{err['input']!r} is not allowed; {msg[0].lower()}{msg[1:]}"
        problems.append((format_location(err["loc"]), msg))
    return problems
