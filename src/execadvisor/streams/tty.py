"""The terminal the program holds, and the pager it starts.

While the program holds the terminal - a question on screen, the report in a pager, a progress bar -
`holding_terminal` makes sure it gives it back: SIGTERM or SIGHUP end any child it started (the
pager), put the terminal's modes back as they were (echo, line mode), show the cursor, and end the
run with 143 or 129 (`Terminated`); SIGINT ends what is running as the Ctrl-C key does
(KeyboardInterrupt), with the same clean-up on the way out.

`page(text)` shows text through $PAGER (by default `less -FRX`), waits for it and returns; Ctrl-C
while it shows ends the pager and returns to the program, as git does, leaving no pager behind.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any, TextIO

from execadvisor.errors import Terminated

SHOW_CURSOR = "\x1b[?25h"
DEFAULT_PAGER = "less -FRX"

_children: list[subprocess.Popen[Any]] = []  # started while the terminal is held; ended on SIGTERM/SIGHUP
_received: list[int] = []  # the signals that ended what was running while the terminal was held


def signal_received() -> int | None:
    """The last signal that ended what was running while the terminal was held, if any: a library
    that wraps the exception a signal raised (pydantic-core serializing, say) hides it, and this
    tells what it was."""
    return _received[-1] if _received else None


def _terminal_fd() -> int | None:
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        try:
            if stream is not None and stream.isatty():
                return stream.fileno()
        except (OSError, ValueError, AttributeError):
            continue
    return None


def _modes(fd: int | None) -> list[Any] | None:
    if fd is None:
        return None
    try:
        import termios

        return termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError):
        return None


def _restore(fd: int | None, modes: list[Any] | None, stream: TextIO | None) -> None:
    """The terminal's modes as they were, and the cursor shown; quietly, as the terminal may be gone."""
    if fd is not None and modes is not None:
        try:
            import termios

            termios.tcsetattr(fd, termios.TCSADRAIN, modes)
        except (ImportError, OSError, ValueError):
            pass
    if stream is not None:
        try:
            if stream.isatty():
                stream.write(SHOW_CURSOR)
                stream.flush()
        except (OSError, ValueError, AttributeError):
            pass


def _end_children() -> None:
    """End every child started while the terminal is held. Safe inside a signal handler: it waits
    with os.waitpid, not Popen.wait, whose lock the interrupted main thread may be holding."""
    while _children:
        child = _children.pop()
        if child.returncode is not None:
            continue
        try:
            os.kill(child.pid, signal.SIGTERM)
        except OSError:
            continue
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            try:
                if os.waitpid(child.pid, os.WNOHANG)[0]:
                    break
            except ChildProcessError:  # already reaped
                break
            time.sleep(0.02)
        else:
            with contextlib.suppress(OSError):
                os.kill(child.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
                os.waitpid(child.pid, 0)


@contextlib.contextmanager
def holding_terminal(stream: TextIO | None = None) -> Iterator[None]:
    """Hold the terminal (see the module's docstring); `stream` is where the cursor is shown again
    (stderr by default). Nested uses share the outermost one's saved modes."""
    stream = sys.stderr if stream is None else stream
    fd = _terminal_fd()
    modes = _modes(fd)

    def stop(signum: int, frame: object) -> None:
        _received.append(signum)
        _end_children()
        _restore(fd, modes, stream)
        raise Terminated(signum, signal.Signals(signum).name)

    def interrupt(signum: int, frame: object) -> None:
        _received.append(signum)
        raise KeyboardInterrupt

    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    try:
        previous = {signum: signal.signal(signum, stop) for signum in wanted}
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, interrupt)
    except ValueError:  # not the main thread: nothing to hold
        yield
        return
    try:
        yield
    except BaseException:
        _end_children()
        _restore(fd, modes, stream)
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def page(text: str) -> None:
    """Show `text` through the pager and wait for it. Ctrl-C while it shows ends it and returns here.
    Without a usable pager the text is printed."""
    command = os.environ.get("PAGER", DEFAULT_PAGER)
    try:
        argv = shlex.split(command)
    except ValueError:
        argv = []
    if not argv:
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    if os.path.basename(argv[0]) == "less":
        # less shows colours only with -R: added when the user's own LESS lacks it, as git does.
        given = env.get("LESS")
        env["LESS"] = "FRX" if given is None else given if "R" in given or "r" in given else f"{given} -R"
    sys.stdout.flush()
    fd = _terminal_fd()
    modes = _modes(fd)
    try:
        pager = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env, text=True, encoding=sys.stdout.encoding or "utf-8",
                                 errors="replace")
    except OSError:
        sys.stdout.write(text)  # no such pager
        return
    _children.append(pager)

    def close_pager(signum: int, frame: object) -> None:  # Ctrl-C in the pager reaches us too
        if pager.poll() is None:
            pager.terminate()

    previous = signal.signal(signal.SIGINT, close_pager)
    try:
        try:
            assert pager.stdin is not None
            pager.stdin.write(text)
            pager.stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass  # the reader quit before the end
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
        if pager in _children:
            _children.remove(pager)
        _restore(fd, modes, None)  # a pager ended by a signal may leave the terminal in its own modes
