"""execadvisor: who should lead your revenue - CSO, CRO, CMO, CCO, or a combination?

The Python API (see execadvisor.api and the README):

    from execadvisor import recommend, team, path, load_knowledge, Answers, Report

The names are loaded on first use, so that `import execadvisor` - which the command line does
first of all - stays cheap.
"""

from typing import TYPE_CHECKING

from execadvisor.version import __version__

API = ("Answers", "InputError", "KnowledgeBase", "PathReport", "Report", "TeamReport", "load_knowledge", "path", "read_answers",
       "recommend", "team")
__all__ = ["__version__", *API]

if TYPE_CHECKING:  # what a type checker sees; at run time __getattr__ below loads them
    from execadvisor.api import (Answers, InputError, KnowledgeBase, PathReport, Report, TeamReport, load_knowledge, path, read_answers,
                                 recommend, team)


def __getattr__(name: str) -> object:
    """The public API, loaded on first use (PEP 562)."""
    if name in API:
        from execadvisor import api

        return getattr(api, name)
    raise AttributeError(f"module 'execadvisor' has no attribute {name!r}")


def _abort_at_once_on_ctrl_c() -> None:
    """When this package is imported by the execadvisor program itself, Ctrl-C from this instant on
    prints "Aborted." and exits 130 at once - no traceback, whatever is being imported or built
    (a KeyboardInterrupt inside pydantic-core's schema building would otherwise surface as a Rust
    panic). The questionnaire swaps in its own handler, which restores the terminal first. Imported
    as a library (tests, other programs), nothing is changed."""
    import os
    import signal
    import sys

    program = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if program.removesuffix(".exe") != "execadvisor" or not hasattr(signal, "SIGINT"):
        return

    def abort(signum: int, frame: object) -> None:
        try:
            os.write(2, b"Aborted.\n")
        finally:
            os._exit(130)

    try:
        signal.signal(signal.SIGINT, abort)
    except ValueError:  # not the main thread
        pass


_abort_at_once_on_ctrl_c()
