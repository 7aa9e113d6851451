"""The console script's entry point, kept tiny: it is imported before anything heavy, so Ctrl-C
from the first instant of start-up gives "Aborted." and exit code 130, never a traceback. It also
holds the program's start-up short cut around pydantic, so benchmarks/_floor.py can take the same."""

import os
import sys


def _without_pydantic_plugins() -> None:
    """The program runs without pydantic plugins, as typer's own parameter adapters already do.

    pydantic looks for plugins (through `importlib.metadata` entry points) the first time it builds
    a validator, and importing that machinery alone costs about a tenth of a scripted run. A stand-in
    for its loader module, `pydantic.plugin._loader`, finds none and so skips it.

    A short cut around pydantic's internals, so it fails safe: the stand-in's `get_plugins` takes any
    arguments and returns no plugins, and any other name pydantic asks of it comes from the real
    module, loaded then (a test simulates a release that asks for one). A release that no longer
    imports this module simply never uses the stand-in."""
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    import types

    stand_in = types.ModuleType(name, "execadvisor: pydantic plugins are not loaded by this program")

    def get_plugins(*args: object, **kwargs: object) -> tuple[()]:
        return ()

    def real(attribute: str) -> object:
        """What pydantic asks for beyond get_plugins: the real module's, which replaces the stand-in."""
        if attribute.startswith("__"):  # the import system's own questions (__path__, __spec__...)
            raise AttributeError(attribute)
        import importlib

        sys.modules.pop(name, None)
        module = importlib.import_module(name)
        return getattr(module, attribute)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[attr-defined] - a module's __getattr__ (PEP 562)
    sys.modules[name] = stand_in


def main() -> None:
    try:
        _without_pydantic_plugins()
        from execadvisor.cli.main import main as run
    except KeyboardInterrupt:
        try:
            sys.stderr.write("Aborted.\n")
            sys.stderr.flush()
        finally:
            os._exit(130)
    run()
