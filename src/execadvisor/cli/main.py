"""The process around a command: the standard streams set up, shell completion, the command line
run, and every way it can end turned into one message and an exit code - then a quick exit."""

from __future__ import annotations

import os
import sys

import typer

from execadvisor.cli.app import app
from execadvisor.cli.exits import EXIT_ABORTED, EXIT_BAD_INPUT, say_aborted
from execadvisor.errors import InputError, OutputError
from execadvisor.streams import say
from execadvisor.streams.standard import clamp_terminal_size, standard_streams

COMPLETION_FLAGS = ("--install-completion", "--show-completion")
PROGRAM = "execadvisor"  # completion is for the command of that name, however the program was started


def _completion(args: list[str]) -> int:
    """`--install-completion [SHELL]` and `--show-completion [SHELL]`, before typer parses the line.

    typer's own options detect the shell and take no name: a name after them was never read
    (`--install-completion nosuchshell` installed bash completion and exited 0), and a detected
    shell typer does not support was exit 1. Here a name is checked against typer's shells, or the
    shell is detected as typer does (shellingham, its dependency) when none is named, and an
    unsupported one is exit 2; the work is typer's own (typer.completion). Returns the exit code."""
    from typer.completion import Shells, get_completion_script, install

    from execadvisor.untrusted import shorten

    flag, names = args[0], args[1:]
    supported = ", ".join(shell.value for shell in Shells)
    try:
        if len(names) > 1:
            raise InputError(f"{flag} takes one shell name at most; supported: {supported}")
        shell = names[0] if names else _detected_shell(flag, supported)
        if shell not in {s.value for s in Shells}:
            raise InputError(f"{flag}: {shorten(repr(shell))} is not a shell execadvisor can complete in; supported: {supported}")
    except InputError as exc:
        say(f"Error: {exc}")
        return EXIT_BAD_INPUT
    if flag == "--show-completion":
        print(get_completion_script(prog_name=PROGRAM, complete_var=f"_{PROGRAM.upper()}_COMPLETE", shell=shell))
    else:
        shell, path = install(shell=shell, prog_name=PROGRAM)
        say(f"{shell} completion installed in {path}\nCompletion will take effect once you restart the terminal", sys.stdout)
    return 0


def _detected_shell(flag: str, supported: str) -> str:
    try:
        import shellingham

        return shellingham.detect_shell()[0]
    except (ImportError, OSError):  # shellingham.ShellDetectionFailure is an OSError
        raise InputError(f"{flag}: cannot tell which shell this is; name it, e.g. {flag} bash (supported: {supported})") from None



def main() -> None:
    """The console script's work (see execadvisor.cli.entry) and `python -m execadvisor`.

    A bug never shows the user a traceback unless they ask for one (EXECADVISOR_DEBUG=1); a reader
    that closes the pipe early (`| head`) ends the run quietly; output that cannot be written (a
    full disk, a closed stdout) is one message and exit 1; Ctrl-C anywhere gives "Aborted." and 130;
    SIGTERM and SIGHUP during the questionnaire restore the terminal and give 143 and 129. The
    process then leaves through `os._exit` once its output is flushed: tearing down the interpreter
    (freeing every module and pydantic schema) costs about 30 ms, a fifth of a scripted run, and
    nothing of ours needs to run at exit (files are written and closed by then).
    """
    standard_streams()
    clamp_terminal_size()
    try:
        if sys.argv[1:2] and sys.argv[1] in COMPLETION_FLAGS and not any(a.startswith("-") for a in sys.argv[2:]):
            code = _completion(sys.argv[1:])
        else:
            code = _exit_code(app(standalone_mode=False))  # click's own errors are said below, visibly
    except COMMAND_LINE_ERRORS as exc:
        if exc.format_message():  # type: ignore[attr-defined] - empty when the help was shown instead (no arguments)
            say(_click_message(exc))
        code = exc.exit_code  # type: ignore[attr-defined]
    except typer.Abort:
        code = EXIT_ABORTED
    except SystemExit as exc:
        code = _exit_code(exc.code)
    except KeyboardInterrupt:
        say_aborted()
        code = EXIT_ABORTED
    except BrokenPipeError:
        code = 1
    except OutputError as exc:
        say(f"Error: {exc}")
        code = 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        code = _signalled() or _last_defence(exc)
    if code == EXIT_ABORTED:
        say_aborted()  # typer turns a Ctrl-C while it parses the command line into a silent 130
    _flush_and_exit(code)


# What click (inside typer) raises for a command line it cannot parse: its ClickException, found
# through the public typer.BadParameter (typer 0.19 uses click itself, later ones a copy of their own).
COMMAND_LINE_ERRORS: tuple[type[Exception], ...] = tuple(
    {c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"} | {getattr(typer, "TyperException", typer.BadParameter)})


def _click_message(exc: Exception) -> str:
    """click's message for a command line it cannot parse, as click words it: the usage, where to
    find help, the problem - said through say(), so an option named with control characters is
    shown, not obeyed."""
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return f"Error: {exc.format_message()}"  # type: ignore[attr-defined]
    helps = ctx.help_option_names
    return f"{ctx.get_usage()}\nTry '{ctx.command_path} {helps[0] if helps else '--help'}' for help.\n\nError: {exc.format_message()}"


def _signalled() -> int | None:
    """The exit code for a signal whose exception a library wrapped in one of its own (pydantic-core
    serializing when SIGINT or SIGTERM arrived, say): what the signal itself would have given."""
    if "execadvisor.streams.tty" not in sys.modules:
        return None
    from execadvisor.streams.tty import signal_received

    signum = signal_received()
    if signum is None:
        return None
    import signal

    if signum == signal.SIGINT:
        say_aborted()
        return EXIT_ABORTED
    say(f"Stopped by {signal.Signals(signum).name}.")
    return 128 + signum


def _last_defence(exc: Exception) -> int:
    """An OSError that is not bad input: output that cannot be written (naming the file where it
    has one: a shell's rc file, say); anything else is a bug, said in one line."""
    if os.environ.get("EXECADVISOR_DEBUG"):
        raise exc
    if isinstance(exc, OSError):
        what = f"cannot write {os.fsdecode(exc.filename)}" if exc.filename else "cannot write the output"
        say(f"Error: {what}: {exc.strerror or exc}")
        return 1
    from execadvisor.untrusted import shorten

    say(f"execadvisor: internal error: {shorten(repr(exc), 300)}\nPlease report it; set EXECADVISOR_DEBUG=1 to see the traceback.")
    return 1


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    say(str(code))
    return 1


def _flush_and_exit(code: int) -> None:
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        code = code or 1
    except OSError as exc:  # a full disk shows itself when the last buffer is written
        say(f"Error: cannot write the output: {exc.strerror or exc}")
        code = code or 1
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)
