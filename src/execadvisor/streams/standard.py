"""The standard streams and the terminal's size as the program finds them: closed streams given
stand-ins, an encoding that cannot show every character given ASCII stand-ins instead of an
error, absurd COLUMNS and LINES clamped. Done once, first thing in a run."""

from __future__ import annotations

import os
import sys

from execadvisor.errors import InputError, OutputError

MIN_WIDTH = 40  # a narrower terminal (COLUMNS=1) is drawn at this width, which it wraps, rather than one letter a line
MAX_SIZE = 1000  # COLUMNS or LINES beyond this (COLUMNS=1000000000000 was a MemoryError) are taken as this


class _ClosedStream:
    """Stands in for a standard stream that was closed (`0<&-`, `>&-`, `2>&-`), which Python leaves
    as None. Reading it is bad input (exit 2), writing the output to it output that cannot be
    written (exit 1); a message for a closed stderr has nowhere to go and is dropped, never an
    error of its own nor a reason to print on stdout."""

    closed = True

    def __init__(self, name: str) -> None:
        self.name = name

    def write(self, text: str) -> int:
        if self.name == "stderr":
            return len(text)
        raise OutputError(f"cannot write the output: {self.name} is closed")

    def read(self, size: int = -1) -> bytes:
        raise InputError(f"{self.name}: is closed (0<&-), so there is nothing to read")

    readline = read

    @property
    def buffer(self) -> "_ClosedStream":
        return self

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


# The program's own glyphs on a stream that cannot show them (LANG=C without UTF-8 mode,
# PYTHONIOENCODING=ascii): score bars, effect arrows and bullets by one character each, as rich
# measured them (so a box keeps its edge), and the ellipsis that ends a prompt's cut line by three
# dots. rich draws its boxes in ASCII by itself there. Anything else that cannot be encoded (text from
# a knowledge base or a file name) is written as a \uXXXX escape, which in JSON output is the very
# same character.
ASCII_GLYPHS = {"█": "#", "░": "-", "▶": ">", "◀": "<", "•": "*", "…": "..."}


def _ascii_stand_ins(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if char in ASCII_GLYPHS:
            shown.append(ASCII_GLYPHS[char])
        elif code > 0xFFFF:  # as JSON spells it: a surrogate pair
            shown.append(f"\\u{0xD800 + ((code - 0x10000) >> 10):04x}\\u{0xDC00 + ((code - 0x10000) & 0x3FF):04x}")
        else:
            shown.append(f"\\u{code:04x}")
    return "".join(shown), error.end


def standard_streams() -> None:
    """Closed standard streams get stand-ins (and /dev/null behind their descriptors, so that no file
    the run opens takes their place and receives what was meant for them); stdout and stderr write
    what their encoding cannot show with the stand-ins above, never an encoding error."""
    import codecs

    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        if getattr(sys, name) is None:
            try:
                os.fstat(fd)
            except OSError:
                null = os.open(os.devnull, os.O_RDWR)
                if null != fd:
                    os.dup2(null, fd)
                    os.close(null)
            setattr(sys, name, _ClosedStream(name))
    codecs.register_error("execadvisor.ascii", _ascii_stand_ins)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="execadvisor.ascii")


def clamp_terminal_size() -> None:
    """COLUMNS and LINES as a terminal could have them: at least MIN_WIDTH columns and a line, at most MAX_SIZE."""
    for name, least in (("COLUMNS", MIN_WIDTH), ("LINES", 1)):
        try:
            given = int(os.environ.get(name, ""))
        except ValueError:
            continue
        if not least <= given <= MAX_SIZE:
            os.environ[name] = str(min(max(given, least), MAX_SIZE))
