"""The interactive questionnaire (questionary). Imported only when a question must really be asked.

Prompts go to stdout when it is a terminal and to stderr otherwise, so that
`execadvisor recommend --json > result.json` still asks its questions on screen. Ctrl-C and Esc
raise KeyboardInterrupt, which the CLI turns into "Aborted." and exit code 130.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.output import create_output

from execadvisor.contract import MAX_PRIORITIES, MIN_PRIORITIES
from execadvisor.errors import Terminated
from execadvisor.knowledge import KnowledgeBase, Question


def _cancel_on_escape(question: questionary.Question) -> questionary.Question:
    bindings = KeyBindings()

    @bindings.add("escape", eager=True)
    def _cancel(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings]) if app.key_bindings else bindings
    return question


def _priorities_valid(picked: list[str]) -> bool | str:
    if MIN_PRIORITIES <= len(picked) <= MAX_PRIORITIES:
        return True
    return f"Pick {MIN_PRIORITIES} to {MAX_PRIORITIES} priorities (space to select); you picked {len(picked)}."


def _question(question: Question, title: str, output: Any) -> questionary.Question:
    if question.kind == "yes_no":
        return questionary.confirm(title, default=False, output=output)
    choices = [questionary.Choice(title=c.label, value=c.value) for c in question.choices]
    if question.kind == "many":
        instruction = f"(space picks {MIN_PRIORITIES} to {MAX_PRIORITIES}, enter confirms)"
        return questionary.checkbox(title, choices=choices, validate=_priorities_valid, instruction=instruction, output=output)
    return questionary.select(title, choices=choices, output=output)


@contextlib.contextmanager
def terminal_restored_on_signals(stream: Any) -> Iterator[None]:
    """SIGTERM or SIGHUP while a prompt holds the terminal: put the terminal back as it was (line
    mode, echo, a visible cursor) and raise Terminated, which the CLI turns into exit 143 or 129."""
    try:
        import termios

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        try:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
            stream.write("\x1b[?25h\n")  # show the cursor again
            stream.flush()
        except (OSError, ValueError):
            pass  # after a hang-up the terminal may be gone
        raise Terminated(signum, signal.Signals(signum).name)

    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {signum: signal.signal(signum, stop) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def ask_questions(kb: KnowledgeBase, question_ids: list[str]) -> dict[str, Any]:
    """Ask each question in turn; returns {question id: answer} in the Answers model's terms."""
    stream = sys.stdout if sys.stdout.isatty() else sys.stderr
    with terminal_restored_on_signals(stream):
        return _ask(kb, question_ids, stream)


def _ask(kb: KnowledgeBase, question_ids: list[str], stream: Any) -> dict[str, Any]:
    output = create_output(stdout=stream)
    answers: dict[str, Any] = {}
    total = len(question_ids)
    width = min(shutil.get_terminal_size().columns, 100) - 1
    for n, qid in enumerate(question_ids, start=1):
        question = kb.question(qid)
        print("\n" + textwrap.fill(question.help, width=width, initial_indent="  ", subsequent_indent="  "), file=stream)
        prompt = _cancel_on_escape(_question(question, f"({n}/{total}) {question.prompt}", output))
        answers[qid] = prompt.unsafe_ask()
    return answers
