"""After the answer, in an interactive session: one key - change an answer and re-score (saying what
moved), the full case, the pick as the company grows, save the answers, write the board memo, or
quit, which prints the command that repeats the run.

"What next?" is the top level here: Esc, Ctrl-D and Ctrl-C quit like q. Below it Esc or Ctrl-D
goes back one level (from a file name to "What next?", from an answer being changed to the list).
Saving or writing the memo over a file that exists asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import questionary

from execadvisor.core.contract import Answers
from execadvisor.session.prompts import UP, ask, one_key
from execadvisor.session.questionnaire import answer_summary, ask_one
from execadvisor.errors import InputError
from execadvisor.streams import say
from execadvisor.streams.writing import exists_already
from execadvisor.views.words import option_name, staffing_words

CHANGE, DETAIL, PATH, SAVE, MEMO, QUIT = "change", "detail", "path", "save", "memo", "quit"
WORDS = {CHANGE: "change an answer", DETAIL: "full case", PATH: "path", SAVE: "save", MEMO: "memo", QUIT: "quit"}


@dataclass(frozen=True)
class Actions:
    """What the loop can do, given by the command line: score answers, show a report (the first
    screen, or the full case), show the pick as the company grows, write a file, and the command
    that repeats the run for these answers."""

    rescore: Callable[[Answers], Any]
    show: Callable[[Any, bool], None]
    write: Callable[[Path, Any, str], None]
    again: Callable[[Answers], str]
    grow: Callable[[Answers], None] | None = None


QUESTION = "What next?"


def menu(actions: Actions) -> tuple[str, dict[str, str]]:
    """The keys, said after the question on one line that fits 80 columns, and what each does."""
    keys = {"c": CHANGE, "f": DETAIL, **({"p": PATH} if actions.grow else {}), "s": SAVE, "m": MEMO, "q": QUIT}
    return "  ".join(f"{key} {WORDS[value]}" for key, value in keys.items()), keys


def explore(kb: Any, report: Any, actions: Actions, stream: Any, output: Any) -> None:
    """The loop after the first screen, until the person quits; then the command that repeats it."""
    hint, keys = menu(actions)
    while True:
        picked = one_key(QUESTION, hint, keys, output, lambda choice: WORDS[choice])
        if picked == QUIT:
            say(f"To repeat this run: {actions.again(report.answers)}", stream)
            return
        if picked == DETAIL:
            actions.show(report, True)
        elif picked == PATH and actions.grow is not None:
            actions.grow(report.answers)
        elif picked == CHANGE:
            new = _change_one(kb, report.answers, stream, output)
            if new is None:
                continue
            before, report = report, actions.rescore(new)
            say("\n" + what_moved(kb, before, report), stream)
            actions.show(report, False)
        else:
            _write(picked, report, actions, output)


def _write(picked: str, report: Any, actions: Actions, output: Any) -> None:
    """Ask for a file name (asking again before replacing a file that exists) and write it."""
    default = "answers.yaml" if picked == SAVE else "memo.md"
    while True:
        name = ask(questionary.path("Write it to which file?", default=default, output=output), top=False)
        if name == UP or not str(name).strip():
            return
        try:
            path = Path(str(name).strip()).expanduser()
            replacing = exists_already(path) and not path.is_dir()
        except RuntimeError as exc:  # '~someone' who is no user here, or '~' without a home
            say(f"Not written: {str(name).strip()}: {exc}")
            default = str(name)
            continue
        except InputError as exc:  # a name the system refuses: too long, say
            say(f"Not written: {exc}")
            default = str(name)
            continue
        if replacing:
            sure = ask(questionary.confirm(f"{path} exists. Replace it?", default=False, output=output), top=False)
            if sure is not True:
                default = str(name)
                continue
        actions.write(path, report, "answers" if picked == SAVE else "memo")
        return


def _change_one(kb: Any, answers: Answers, stream: Any, output: Any) -> Answers | None:
    plain = answers.as_plain()
    choices = [questionary.Choice(answer_summary(q, plain[q.id]), value=q.id) for q in kb.questions]
    prompt = questionary.select("Which answer?", choices=[*choices, questionary.Choice("Never mind", value=UP)],
                                instruction="(arrows move, enter picks, Esc goes back)", output=output)
    while True:
        qid = ask(prompt, top=False)
        if qid == UP:
            return None
        value = ask_one(kb, qid, "Change: ", plain[qid], output, stream, top=False, can_go_back=False)
        if value != UP:
            return Answers.model_validate({**plain, qid: value})
        prompt = questionary.select("Which answer?", choices=[*choices, questionary.Choice("Never mind", value=UP)], default=qid,
                                    instruction="(arrows move, enter picks, Esc goes back)", output=output)


def what_moved(kb: Any, before: Any, after: Any) -> str:
    """'The pick changed from CRO to CRO+CMO', or what happened to its score."""
    old, new = before.recommendation, after.recommendation
    if after.confidence == "tie":
        names = " and ".join(option_name(kb, t) for t in after.tied)
        was = f"{option_name(kb, old.id)} at {old.score:.1f}" if before.confidence != "tie" else "a tie"
        return f"Now a tie between {names} at {new.score:.1f}/100 each (was {was})."
    if before.confidence == "tie":
        return f"The tie is broken: {option_name(kb, new.id)} at {new.score:.1f}/100."
    if old.id != new.id:
        return (f"The pick changed from {option_name(kb, old.id)} to {option_name(kb, new.id)} "
                f"({old.score:.1f} -> {new.score:.1f}/100).")
    score = (f"at {new.score:.1f}/100" if f"{old.score:.1f}" == f"{new.score:.1f}"
             else f"its score went from {old.score:.1f} to {new.score:.1f}/100")
    hire, was = staffing_words(new), staffing_words(old)
    staffing = f" - {hire} (was: {was})" if hire != was else ""  # the headline's words
    return f"The pick is still {option_name(kb, new.id)}, {score}{staffing}."
