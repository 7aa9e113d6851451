"""prompt_toolkit's key bindings, built once per run: a start-up short cut that fails safe."""

from __future__ import annotations

import functools


def default_key_bindings_built_once() -> None:
    """prompt_toolkit builds its default key bindings (about 600, Emacs and Vi) afresh for every
    Application, and questionary makes three Applications per prompt (two only to borrow their
    layouts): about 25 ms before the first question and 35 ms at every later prompt. The bindings
    are declarative - their filters and handlers look at the application running when a key is
    pressed - so one set serves every prompt of the run.

    A short cut around prompt_toolkit's internals, so it fails safe: it only wraps the two loaders
    `prompt_toolkit.application.application` calls, when they are there and callable, in a cache
    that passes any arguments through; where a release has moved or renamed them, nothing is
    changed and every prompt builds its own bindings, as prompt_toolkit does by itself (a test
    simulates that release)."""
    from prompt_toolkit.application import application

    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        loader = getattr(application, name, None)
        if callable(loader) and not hasattr(loader, "cache_info"):
            setattr(application, name, functools.lru_cache(maxsize=4)(loader))
