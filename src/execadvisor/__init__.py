"""execadvisor: who should lead your revenue — CSO, CRO, CMO, CCO, or a combination?"""

__version__ = "0.2.0"


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
