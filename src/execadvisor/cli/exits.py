"""How a command ends: bad input is one message and exit 2, output that cannot be written exit 1,
Ctrl-C or Esc "Aborted." and 130, SIGTERM or SIGHUP 143 or 129."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import typer

from execadvisor.errors import InputError, OutputError, Terminated
from execadvisor.streams import say

EXIT_BAD_INPUT = 2
EXIT_ABORTED = 130

_aborted_said = False


def say_aborted() -> None:
    """"Aborted." on stderr, once per run."""
    global _aborted_said
    if not _aborted_said:
        _aborted_said = True
        print("Aborted.", file=sys.stderr)


def new_run() -> None:
    """Each run says "Aborted." once (tests run many in one process)."""
    global _aborted_said
    _aborted_said = False


@contextlib.contextmanager
def reported_errors() -> Iterator[None]:
    """Bad input -> one message on stderr and exit 2; Ctrl-C or Esc -> "Aborted." and exit 130."""
    try:
        yield
    except InputError as exc:
        say(f"Error: {exc}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except OutputError as exc:
        say(f"Error: {exc}")
        raise typer.Exit(1) from None
    except (KeyboardInterrupt, EOFError):
        say_aborted()
        raise typer.Exit(EXIT_ABORTED) from None
    except Terminated as exc:
        say(f"Stopped by {exc.name}.")  # after a hang-up there may be no terminal left to say it on: say() minds that
        raise typer.Exit(exc.code) from None
