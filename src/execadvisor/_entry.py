"""The console script's entry point, kept tiny: it is imported before anything heavy, so Ctrl-C
from the first instant of start-up gives "Aborted." and exit code 130, never a traceback. It also
holds the program's start-up short cuts around its libraries, so benchmarks/_floor.py can take the
same ones."""

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


def default_key_bindings_built_once() -> None:
    """prompt_toolkit builds its default key bindings (about 600 of them, Emacs and Vi) afresh
    for every Application, and questionary makes three Applications for each prompt (two only to
    borrow their layouts): about 25 ms before the first question appears and 35 ms at every later
    prompt, measured in a pseudo-terminal. The bindings are declarative - their filters and
    handlers look at the application that is running when a key is pressed, and every prompt's
    state (its key processor, Vi state, buffers) belongs to its Application - so one set serves
    every prompt of the run. Left alone when prompt_toolkit no longer has these two loaders.
    Called by the questionnaire (execadvisor.prompting), and by benchmarks/_floor.py."""
    import functools

    from prompt_toolkit.application import application

    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        loader = getattr(application, name, None)
        if callable(loader) and not hasattr(loader, "cache_info"):
            setattr(application, name, functools.lru_cache(maxsize=1)(loader))


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
