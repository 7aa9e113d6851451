"""The console script's entry point, kept tiny: it is imported before anything heavy, so Ctrl-C
from the first instant of start-up gives "Aborted." and exit code 130, never a traceback."""

import os
import sys


def _without_pydantic_plugins() -> None:
    """The program runs without pydantic plugins, as typer's own parameter adapters already do.

    pydantic looks for plugins (through `importlib.metadata` entry points) the first time it builds
    a validator, and importing that machinery alone costs about a tenth of a scripted run. A stand-in
    for its loader that finds none skips it; pydantic imports nothing else from that module (2.7 to
    2.14 checked, and the suite runs through this entry point on both)."""
    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        import types

        loader = types.ModuleType(name, "execadvisor: pydantic plugins are not loaded by this program")
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules[name] = loader


def main() -> None:
    try:
        _without_pydantic_plugins()
        from execadvisor.cli import main as run
    except KeyboardInterrupt:
        try:
            sys.stderr.write("Aborted.\n")
            sys.stderr.flush()
        finally:
            os._exit(130)
    run()
