"""The console script's entry point, kept tiny: it is imported before anything heavy, so Ctrl-C
from the first instant of start-up gives "Aborted." and exit code 130, never a traceback."""

import os
import sys


def main() -> None:
    try:
        from execadvisor.cli import main as run
    except KeyboardInterrupt:
        try:
            sys.stderr.write("Aborted.\n")
            sys.stderr.flush()
        finally:
            os._exit(130)
    run()
