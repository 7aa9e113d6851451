"""The interactive questionnaire (questionary). Imported only when a question must really be asked.

A founder can go back (the "Back" choice, or the left arrow) to the previous question with its
answer pre-selected, as many steps as needed; after the last question a review lists every answer
in words, any of which can be changed before scoring. Cancelling (Ctrl-C or Esc) after at least
one answer keeps the answers in the state directory (see session.py), and the next interactive run
offers to resume them.

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
from typing import TYPE_CHECKING, Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.output import create_output

from execadvisor import session
from execadvisor._entry import default_key_bindings_built_once
from execadvisor.contract import MAX_PRIORITIES, MIN_PRIORITIES
from execadvisor.errors import Terminated

if TYPE_CHECKING:  # the questionnaire runs on the knowledge base, or on the built-in questions read before it
    from execadvisor.knowledge import KnowledgeBase, Question
    from execadvisor.packaged import QuestionSet, QuestionText

default_key_bindings_built_once()  # see its docstring: ~25 ms sooner to the first question

BACK = "\x00back"  # what a prompt returns when the person goes back
SCORE = "\x00score"
YES_NO = {True: "Yes", False: "No"}


def _keys(question: questionary.Question, can_go_back: bool) -> questionary.Question:
    """Esc cancels (like Ctrl-C); the left arrow goes back to the previous question."""
    bindings = KeyBindings()

    @bindings.add("escape", eager=True)
    def _cancel(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    if can_go_back:
        @bindings.add("left", eager=True)
        def _back(event: Any) -> None:
            question.went_back_by_key = True  # type: ignore[attr-defined] - the prompt line shows no answer then
            event.app.exit(result=BACK)

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings]) if app.key_bindings else bindings
    return question


def _priorities_valid(picked: list[str]) -> bool | str:
    if MIN_PRIORITIES <= len(picked) <= MAX_PRIORITIES:
        return True
    return f"Pick {MIN_PRIORITIES} to {MAX_PRIORITIES} priorities (space to select); you picked {len(picked)}."


def _question(question: Question | QuestionText, title: str, output: Any, current: Any, can_go_back: bool) -> questionary.Question:
    back = [questionary.Separator(" "), questionary.Choice("<- Back to the previous question", value=BACK)] if can_go_back else []
    if question.kind == "many":
        picked = set(current or ())
        choices = [questionary.Choice(title=c.label, value=c.value, checked=c.value in picked) for c in question.choices]
        instruction = f"(space picks {MIN_PRIORITIES} to {MAX_PRIORITIES}, enter confirms" + (", left arrow goes back)" if can_go_back else ")")
        return questionary.checkbox(title, choices=choices, validate=_priorities_valid, instruction=instruction, output=output)
    if question.kind == "yes_no":
        choices = [questionary.Choice(title=YES_NO[v], value=v) for v in (True, False)]
        default = next(c for c in choices if c.value == (current if isinstance(current, bool) else False))
    else:
        choices = [questionary.Choice(title=c.label, value=c.value) for c in question.choices]
        default = next((c for c in choices if c.value == current), choices[0])
    instruction = "(arrows move, enter picks" + (", left arrow or Back goes back)" if can_go_back else ")")
    return questionary.select(title, choices=[*choices, *back], default=default, instruction=instruction, output=output)


def answer_words(question: Question | QuestionText, value: Any) -> str:
    """An answer in words: the choice's label, Yes or No, or the picked priorities' labels."""
    if question.kind == "yes_no":
        return YES_NO[bool(value)]
    if question.kind == "many":
        return "; ".join(question.label(v) for v in value)
    return question.label(value)


@contextlib.contextmanager
def terminal_restored_on_signals(stream: Any) -> Iterator[None]:
    """SIGTERM or SIGHUP while a prompt holds the terminal: put the terminal back as it was (line
    mode, echo, a visible cursor) and raise Terminated, which the CLI turns into exit 143 or 129.
    A SIGINT likewise, raising KeyboardInterrupt (so the answers so far are kept)."""
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
        if signum == signal.SIGINT:  # a Ctrl-C sent as a signal (the key itself reaches the prompt as a key)
            raise KeyboardInterrupt
        raise Terminated(signum, signal.Signals(signum).name)

    wanted = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {signum: signal.signal(signum, stop) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def ask_questions(kb: KnowledgeBase | QuestionSet, question_ids: list[str], fresh: bool = False, known: dict[str, Any] | None = None) -> dict[str, Any]:
    """Ask each question in turn, with a way back and a review at the end; returns
    {question id: answer} in the Answers model's terms. Offers to resume an interrupted run's
    answers unless `fresh`. `known`: the answers already given by flags or a file, shown in the
    review but not asked."""
    stream = sys.stdout if sys.stdout.isatty() else sys.stderr
    output = create_output(stdout=stream)
    with terminal_restored_on_signals(stream):
        answers = {} if fresh else _offer_resume(kb, question_ids, output, stream)
        try:
            _ask_in_turn(kb, question_ids, answers, output, stream)
            _review(kb, question_ids, answers, known or {}, output, stream)
        except KeyboardInterrupt:
            if answers:
                kept = session.save(answers)
                if kept is not None:
                    several = len(answers) != 1
                    print(f"\nYour {len(answers)} answer{'s' * several} so far {'are' if several else 'is'} kept in {kept}; "
                          f"run `execadvisor recommend` again to resume {'them' if several else 'it'} (--fresh starts over).", file=stream)
            raise
    return answers


def _offer_resume(kb: KnowledgeBase | QuestionSet, question_ids: list[str], output: Any, stream: Any) -> dict[str, Any]:
    kept = {qid: value for qid, value in session.load().items() if qid in question_ids and _valid(kb.question(qid), value)}
    if not kept:
        return {}
    print(f"\n  An earlier run was interrupted after {len(kept)} of these {len(question_ids)} questions.", file=stream)
    prompt = questionary.select(
        "Resume with those answers?",
        choices=[questionary.Choice("Yes - resume (you can review and change them at the end)", value=True),
                 questionary.Choice("No - start over", value=False)],
        output=output,
    )
    if _keys(prompt, can_go_back=False).unsafe_ask():
        return kept
    session.forget()
    return {}


def _valid(question: Question | QuestionText, value: Any) -> bool:
    """Whether a kept answer is still one of this question's answers."""
    if question.kind == "yes_no":
        return isinstance(value, bool)
    if question.kind == "many":
        return (isinstance(value, list) and MIN_PRIORITIES <= len(value) <= MAX_PRIORITIES
                and all(v in question.values for v in value) and len(set(value)) == len(value))
    return value in question.values


def _ask_one(kb: KnowledgeBase | QuestionSet, qid: str, step: str, answers: dict[str, Any], output: Any, stream: Any, can_go_back: bool) -> Any:
    question = kb.question(qid)
    width = min(shutil.get_terminal_size().columns, 100) - 1
    print("\n" + textwrap.fill(question.help, width=width, initial_indent="  ", subsequent_indent="  "), file=stream)
    prompt = _keys(_question(question, f"{step}{question.prompt}", output, answers.get(qid), can_go_back), can_go_back)
    value = prompt.unsafe_ask()
    if value == BACK and getattr(prompt, "went_back_by_key", False):
        print("  <- back to the previous question", file=stream)
    elif question.kind == "many" and value != BACK:
        print(f"  Picked: {answer_words(question, value)}", file=stream)
    return value


def _ask_in_turn(kb: KnowledgeBase | QuestionSet, question_ids: list[str], answers: dict[str, Any], output: Any, stream: Any) -> None:
    """Each question not yet answered, in order. Going back re-asks the previous question (answered
    or not) with its answer pre-selected; going forward again skips those already answered."""
    total, i, going_back = len(question_ids), 0, False
    while i < total:
        qid = question_ids[i]
        if qid in answers and not going_back:
            i += 1
            continue
        value = _ask_one(kb, qid, f"({i + 1}/{total}) ", answers, output, stream, can_go_back=i > 0)
        if value == BACK:
            i, going_back = i - 1, True
            continue
        answers[qid] = value
        i, going_back = i + 1, False


def answer_summary(question: Question | QuestionText, value: Any, reserve: int = 0) -> str:
    """'Revenue streams: Many - four or more, interconnected' on one line of the terminal (less
    `reserve` characters), cut with an ellipsis where it is longer: changing it shows it in full."""
    text = f"{question.title}: {answer_words(question, value)}"
    width = shutil.get_terminal_size((80, 24)).columns - 4 - reserve  # the pointer and a margin
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip(" ,;-") + "…"


def _review(kb: KnowledgeBase | QuestionSet, question_ids: list[str], answers: dict[str, Any], known: dict[str, Any], output: Any,
            stream: Any) -> None:
    """'Check your answers': every answer in words, in questionnaire order; change any asked one,
    then confirm to score. Answers given by flags or a file are shown, not changeable here."""
    order = [q.id for q in kb.questions if q.id in answers or q.id in known]
    fixed = "from a flag or file"
    while True:
        choices = [questionary.Choice(answer_summary(kb.question(q), answers[q]), value=q) if q in answers else
                   questionary.Choice(answer_summary(kb.question(q), known[q], reserve=len(fixed) + 5), value=q, disabled=fixed)
                   for q in order]
        score = questionary.Choice("Score these answers", value=SCORE)
        prompt = questionary.select("Check your answers - pick one to change it, or score them:",
                                    choices=[score, questionary.Separator(" "), *choices], default=score,
                                    instruction="(arrows move, enter picks)", output=output)
        picked = _keys(prompt, can_go_back=False).unsafe_ask()
        if picked == SCORE:
            return
        value = _ask_one(kb, picked, "Change: ", answers, output, stream, can_go_back=False)
        answers[picked] = value
