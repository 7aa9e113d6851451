"""The one error type the program reports to the user as bad input (exit code 2)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


class InputError(Exception):
    """Bad input: an unknown value, a missing answer, a broken answers or knowledge file.

    The message is complete and ready to print; the CLI prints it on stderr and exits with code 2.
    """


class OutputError(Exception):
    """Output that cannot be written: a full disk, a closed stdout. Exit code 1, with this message."""


class Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived while the program held the terminal (exit code 128 + the signal).
    A SystemExit, so that the event loop running a prompt passes it on instead of logging it and
    going on, as it does with other exceptions raised in its callbacks."""

    def __init__(self, signum: int, name: str) -> None:
        super().__init__(128 + signum)
        self.name = name


def format_location(loc: Sequence[Any]) -> str:
    """Turn a pydantic location such as ('rules', 12, 'weight') into 'rules[12].weight'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def echoed(value: Any) -> str:
    """A value from input as a message quotes it: a string in quotes as it was given, anything else
    as its repr; visible (control characters shown as `untrusted` shows them everywhere) and cut
    short when long."""
    from execadvisor.untrusted import shorten  # its patterns take 3 ms to compile: not on a run without errors

    return shorten(f"'{value}'" if isinstance(value, str) else repr(value))


MAX_PATH, MAX_PROBLEM = 120, 400  # characters of a problem's path and text; keys and values come from the file


def describe_problems(where: str, problems: Iterable[tuple[str, str]], limit: int = 10) -> str:
    """One message, one line per problem: `WHERE: path.to.field: problem` (long paths and texts cut short)."""
    from execadvisor.untrusted import shorten

    lines = [": ".join(part for part in (where, shorten(path, MAX_PATH), shorten(problem, MAX_PROBLEM)) if part)
             for path, problem in problems]
    if len(lines) > limit:
        lines = lines[:limit] + [f"{where}: ... and {len(lines) - limit} more problems"]
    return "\n".join(lines)


def _problem(err: dict[str, Any]) -> str:
    kind, msg, ctx = err["type"], err["msg"], err.get("ctx") or {}
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "missing"
    if kind in ("enum", "literal_error"):
        return f"{echoed(err['input'])} is not allowed; {msg[0].lower()}{msg[1:]}{_did_you_mean(err)}"
    if kind == "value_error":
        return str(ctx.get("error", msg.removeprefix("Value error, ")))
    if kind in ("too_long", "too_short"):
        bound = ctx.get("max_length") if kind == "too_long" else ctx.get("min_length")
        limit = "at most" if kind == "too_long" else "at least"
        return f"{limit} {bound} allowed, got {ctx.get('actual_length', len(err['input']))}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, got {echoed(err['input'])}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{echoed(err['input'])} is not allowed; use true or false (yes or no)"
    return f"{msg} (got {echoed(err['input'])})" if "input" in err and not isinstance(err["input"], (dict, list)) else msg


def _did_you_mean(err: dict[str, Any]) -> str:
    """' - did you mean 'large'?' for a near miss among the allowed values, else ''."""
    import difflib
    import re

    allowed = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
    if not isinstance(err.get("input"), str) or not allowed:
        return ""
    near = difflib.get_close_matches(err["input"].strip().lower(), allowed, n=1, cutoff=0.6)
    return f" - did you mean {near[0]!r}?" if near else ""


def pydantic_problems(exc: Any, name: Any = None) -> list[tuple[str, str]]:
    """(path, problem) pairs from a pydantic ValidationError, in words a user can act on.

    `name` renames the first part of each path (a question id to its flag, say).
    """
    problems = []
    errors = exc.errors(include_url=False)
    # A list with a bad item is also "too short" when the bad items leave too few: one problem, the item's.
    has_bad_items = {err["loc"][:-1] for err in errors if len(err["loc"]) > 1 and isinstance(err["loc"][-1], int)}
    for err in errors:
        if err["type"] == "too_short" and tuple(err["loc"]) in has_bad_items:
            continue
        loc = list(err["loc"])
        if name is not None and loc and isinstance(loc[0], str):
            loc[0] = name(loc[0])
        problems.append((format_location(loc), _problem(err)))
    return problems
