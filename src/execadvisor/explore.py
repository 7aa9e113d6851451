"""After the answer, in an interactive session: change an answer and re-score (saying what moved),
show the full case, save the answers, write the board memo, or quit. Imported only then."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import questionary

from execadvisor.contract import Answers, command_line
from execadvisor.knowledge import KnowledgeBase
from execadvisor.prompting import _ask_one, _keys, answer_words
from execadvisor.result import Report
from execadvisor.words import option_name

CHANGE, DETAIL, SAVE, MEMO, QUIT = "change", "detail", "save", "memo", "quit"


def explore(kb: KnowledgeBase, report: Report, score: Callable[[Answers], Report], show: Callable[[Report, bool], None],
            write: Callable[[Path, Report, str], None], stream: Any, output: Any) -> None:
    """The loop after the first screen; returns when the person quits (Ctrl-C and Esc quit too)."""
    answers = report.answers
    print(f"\nTo repeat this run: {command_line(answers)}", file=stream)
    while True:
        menu = questionary.select(
            "What next?",
            choices=[questionary.Choice("Change an answer and re-score", value=CHANGE),
                     questionary.Choice("Show the full case", value=DETAIL),
                     questionary.Choice("Save the answers to a file", value=SAVE),
                     questionary.Choice("Write the board memo to a file", value=MEMO),
                     questionary.Choice("Quit", value=QUIT)],
            instruction="(arrows move, enter picks)", output=output)
        try:
            picked = _keys(menu, can_go_back=False).unsafe_ask()
        except KeyboardInterrupt:
            return
        if picked == QUIT:
            return
        if picked == DETAIL:
            show(report, True)
        elif picked == CHANGE:
            new = _change_one(kb, answers, stream, output)
            if new is None:
                continue
            before, report = report, score(new)
            answers = report.answers
            print("\n" + _what_moved(kb, before, report), file=stream)
            show(report, False)
            print(f"\nTo repeat this run: {command_line(answers)}", file=stream)
        else:
            default = "answers.yaml" if picked == SAVE else "memo.md"
            path = questionary.path("Write it to which file?", default=default, output=output).unsafe_ask()
            if path:
                write(Path(path).expanduser(), report, "answers" if picked == SAVE else "memo")


def _change_one(kb: KnowledgeBase, answers: Answers, stream: Any, output: Any) -> Answers | None:
    plain = answers.as_plain()
    choices = [questionary.Choice(f"{q.title}: {answer_words(q, plain[q.id])}", value=q.id) for q in kb.questions]
    prompt = questionary.select("Which answer?", choices=[*choices, questionary.Choice("Never mind", value=None)],
                                instruction="(arrows move, enter picks)", output=output)
    try:
        qid = _keys(prompt, can_go_back=False).unsafe_ask()
        if qid is None:
            return None
        value = _ask_one(kb, qid, "Change: ", dict(plain), output, stream, can_go_back=False)
    except KeyboardInterrupt:
        return None
    return Answers.model_validate({**plain, qid: value})


def _what_moved(kb: KnowledgeBase, before: Report, after: Report) -> str:
    """'The pick changed from CRO to CRO+CMO', or what happened to its score."""
    old, new = before.recommendation, after.recommendation
    if old.id != new.id:
        return (f"The pick changed from {option_name(kb, old.id)} to {option_name(kb, new.id)} "
                f"({old.score:.1f} -> {new.score:.1f}/100).")
    return f"The pick is still {option_name(kb, new.id)}; its score went from {old.score:.1f} to {new.score:.1f}/100."
