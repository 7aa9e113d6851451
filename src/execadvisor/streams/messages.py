"""Messages for the person at the terminal: one way to say something on stderr, every text in it
visible (see untrusted.py), never a failure of its own when the stream is gone."""

from __future__ import annotations

import sys
from typing import TextIO

from execadvisor.untrusted import visible


def say(message: str, stream: TextIO | None = None) -> None:
    """Write one message (and a newline) to `stream`, stderr by default. Control characters and
    bidi controls in it - from a file name, a knowledge base, a flag - are shown, not obeyed."""
    target = sys.stderr if stream is None else stream
    try:
        target.write(visible(message) + "\n")
        target.flush()
    except (OSError, ValueError, AttributeError):  # a closed or missing stream: nowhere left to say it
        pass
