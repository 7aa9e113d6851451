"""The questionnaire: each question in turn, a way back, a review of every answer, and resuming an
interrupted run.

Going back (the left arrow or the Back choice) re-asks the previous question with its answer
pre-selected, as many steps as needed; going forward again asks each question in turn, pre-selected,
until the person is back where they turned round - never skipping ahead over answers they may have
meant to change. The picks of a several-picks question are kept when going back from it.

Cancelling (Ctrl-C, Esc or Ctrl-D at a question) after at least one answer keeps the answers in a
file of their own in the state directory (see state.py) and says so, with the command that resumes
them; answers that cannot be kept are said to be lost, and why.

Prompts go to stdout when it is a terminal and to stderr otherwise, so that
`execadvisor recommend --json > result.json` still asks its questions on screen.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.output import create_output

from execadvisor.core.contract import MAX_PRIORITIES, MIN_PRIORITIES
from execadvisor.session import state
from execadvisor.session.keys import default_key_bindings_built_once
from execadvisor.session.prompts import BACK, UP, YES_NO, ask, question_prompt
from execadvisor.streams import say

SCORE = "\x00score"


@dataclass
class Asked:
    """What the questionnaire gathered: the answers (question id -> value, in the Answers model's
    terms) and the kept file it resumed, which the run removes once it completes."""

    answers: dict[str, Any] = field(default_factory=dict)
    resumed: Path | None = None


def answer_words(question: Any, value: Any) -> str:
    """An answer in words: the choice's label, Yes or No, or the picked priorities' labels."""
    if question.kind == "yes_no":
        return YES_NO[bool(value)]
    if question.kind == "many":
        return "; ".join(question.label(v) for v in value)
    return question.label(value)


def answer_summary(question: Any, value: Any, reserve: int = 0) -> str:
    """'Revenue streams: Many - four or more, interconnected' on one line of the terminal (less
    `reserve` characters), cut with an ellipsis where it is longer: changing it shows it in full."""
    text = f"{question.title}: {answer_words(question, value)}"
    width = shutil.get_terminal_size((80, 24)).columns - 4 - reserve  # the pointer and a margin
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip(" ,;-") + "…"


def prompt_stream() -> Any:
    return sys.stdout if sys.stdout.isatty() else sys.stderr


def ask_questions(questions: Any, question_ids: list[str], *, fresh: bool = False, known: dict[str, Any] | None = None,
                  again: str = "execadvisor recommend") -> Asked:
    """Ask each question in `question_ids` (of `questions`: a knowledge base, or the built-in
    questions read before it) with a way back and a review at the end. Offers to resume an
    interrupted run's answers unless `fresh`, which discards every kept answer at once. `known`:
    the answers given by flags or a file, shown in the review but not asked. `again`: the command
    that resumes this run, said when it is cancelled."""
    stream = prompt_stream()
    output = create_output(stdout=stream)
    default_key_bindings_built_once()
    if fresh:
        state.forget_all()
    asked = Asked() if fresh else _offer_resume(questions, question_ids, output, stream)
    try:
        _ask_in_turn(questions, question_ids, asked.answers, output, stream)
        _review(questions, asked.answers, known or {}, output, stream)
    except KeyboardInterrupt:
        _keep(asked, stream, again)
        raise
    return asked


def _keep(asked: Asked, stream: Any, again: str) -> None:
    """Keep the answers of a cancelled questionnaire, or say that they are lost, and why."""
    count = len(asked.answers)
    if not count:
        return
    several = count != 1
    these = f"Your {count} answer{'s' * several} so far"
    try:
        kept = state.keep(asked.answers)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"\n{these} could not be kept ({where}{exc.strerror or exc}): {'they are' if several else 'it is'} lost.", stream)
        return
    state.forget(asked.resumed)  # now kept in the new file
    say(f"\n{these} {'are' if several else 'is'} kept in {kept}; run `{again}` again to resume "
        f"{'them' if several else 'it'} (--fresh starts over).", stream)


def _offer_resume(questions: Any, question_ids: list[str], output: Any, stream: Any) -> Asked:
    every = state.kept()
    for item in every:
        usable = {qid: v for qid, v in item.answers.items() if qid in question_ids and _valid(questions.question(qid), v)}
        if usable:
            break
    else:
        return Asked()
    others = len(every) - 1
    more = f" ({others} more kept from other runs.)" if others else ""
    say(f"\n  An earlier run was interrupted after {len(usable)} of these {len(question_ids)} questions.{more}", stream)
    prompt = questionary.select(
        "Resume with those answers?",
        choices=[questionary.Choice("Yes - resume (you can review and change them at the end)", value=True),
                 questionary.Choice("No - start over", value=False)],
        output=output,
    )
    if ask(prompt, top=True) is True:
        return Asked(dict(usable), item.path)
    state.forget(item.path)
    return Asked()


def _valid(question: Any, value: Any) -> bool:
    """Whether a kept answer is still one of this question's answers."""
    if question.kind == "yes_no":
        return isinstance(value, bool)
    if question.kind == "many":
        return (isinstance(value, list) and MIN_PRIORITIES <= len(value) <= MAX_PRIORITIES
                and all(isinstance(v, str) and v in question.values for v in value) and len(set(value)) == len(value))
    return isinstance(value, str) and value in question.values


def ask_one(questions: Any, qid: str, step: str, current: Any, output: Any, stream: Any, *, top: bool, can_go_back: bool,
            drafts: dict[str, Any] | None = None) -> Any:
    """One question, its help above it: the answer, BACK or UP."""
    question = questions.question(qid)
    width = min(shutil.get_terminal_size().columns, 100) - 1
    say("\n" + textwrap.fill(question.help, width=max(width, 20), initial_indent="  ", subsequent_indent="  "), stream)

    def draft(picks: list[str]) -> None:
        if drafts is not None:
            drafts[qid] = picks

    value = question_prompt(question, f"{step}{question.prompt}", output, current, top=top, can_go_back=can_go_back, draft=draft)
    if value == BACK:
        say("  <- back to the previous question", stream)
    elif value == UP:
        say("  <- unchanged", stream)
    elif question.kind == "many":
        say(f"  Picked: {answer_words(question, value)}", stream)
    return value


def _ask_in_turn(questions: Any, question_ids: list[str], answers: dict[str, Any], output: Any, stream: Any) -> None:
    """Each question in turn. Answers kept from an interrupted run are passed over (the review shows
    them) - but after going back, every question is asked again in turn, pre-selected, up to the one
    the person turned round at."""
    total, i, furthest = len(question_ids), 0, 0
    drafts: dict[str, Any] = {}
    while i < total:
        qid = question_ids[i]
        if qid in answers and i >= furthest:
            i += 1
            furthest = i
            continue
        value = ask_one(questions, qid, f"({i + 1}/{total}) ", answers.get(qid, drafts.get(qid)), output, stream,
                        top=True, can_go_back=i > 0, drafts=drafts)
        if value == BACK:
            furthest = max(furthest, i)
            i -= 1
            continue
        answers[qid] = value
        drafts.pop(qid, None)
        i += 1
        furthest = max(furthest, i)


def _review(questions: Any, answers: dict[str, Any], known: dict[str, Any], output: Any, stream: Any) -> None:
    """'Check your answers': every answer in words, in questionnaire order; change any asked one
    (Esc leaves it as it was), then confirm to score. Answers given by flags or a file are shown,
    not changeable here."""
    order = [q.id for q in questions.questions if q.id in answers or q.id in known]
    fixed = "from a flag or file"
    while True:
        choices = [questionary.Choice(answer_summary(questions.question(q), answers[q]), value=q) if q in answers else
                   questionary.Choice(answer_summary(questions.question(q), known[q], reserve=len(fixed) + 5), value=q, disabled=fixed)
                   for q in order]
        score = questionary.Choice("Score these answers", value=SCORE)
        prompt = questionary.select("Check your answers - pick one to change it, or score them:",
                                    choices=[score, questionary.Separator(" "), *choices], default=score,
                                    instruction="(arrows move, enter picks)", output=output)
        picked = ask(prompt, top=True)
        if picked == SCORE:
            return
        value = ask_one(questions, picked, "Change: ", answers[picked], output, stream, top=False, can_go_back=False)
        if value != UP:
            answers[picked] = value
