"""After the answer, in an interactive session: change an answer and re-score (saying what moved),
show the full case, save the answers, write the board memo, or quit. Imported only then."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import questionary

from execadvisor.contract import Answers, command_line
from execadvisor.knowledge import KnowledgeBase
from execadvisor.prompting import _ask_one, _keys, answer_summary
from execadvisor.result import Report
from execadvisor.words import option_name, staffing_words

CHANGE, DETAIL, SAVE, MEMO, QUIT = "change", "detail", "save", "memo", "quit"


KEYS = {"c": CHANGE, "f": DETAIL, "s": SAVE, "m": MEMO, "q": QUIT}
MENU = "What next? c) change an answer  f) full case  s) save answers  m) memo  q) quit"


def _next_step(output: Any) -> str:
    """One short prompt (two lines at most), so the first screen above stays in view."""
    prompt = questionary.text(MENU, validate=lambda text: text.strip().lower()[:1] in KEYS or "Type c, f, s, m or q",
                              output=output)
    try:
        return KEYS[_keys(prompt, can_go_back=False).unsafe_ask().strip().lower()[:1]]
    except KeyboardInterrupt:
        return QUIT


def explore(kb: KnowledgeBase, report: Report, score: Callable[[Answers], Report], show: Callable[[Report, bool], None],
            write: Callable[[Path, Report, str], None], stream: Any, output: Any) -> None:
    """The loop after the first screen; on quit (q, Ctrl-C or Esc) it prints the command that
    repeats the run."""
    while True:
        picked = _next_step(output)
        if picked == QUIT:
            print(f"To repeat this run: {command_line(report.answers)}", file=stream)
            return
        if picked == DETAIL:
            show(report, True)
        elif picked == CHANGE:
            new = _change_one(kb, report.answers, stream, output)
            if new is None:
                continue
            before, report = report, score(new)
            print("\n" + _what_moved(kb, before, report), file=stream)
            show(report, False)
        else:
            default = "answers.yaml" if picked == SAVE else "memo.md"
            path = questionary.path("Write it to which file?", default=default, output=output).unsafe_ask()
            if path:
                write(Path(path).expanduser(), report, "answers" if picked == SAVE else "memo")


def _change_one(kb: KnowledgeBase, answers: Answers, stream: Any, output: Any) -> Answers | None:
    plain = answers.as_plain()
    choices = [questionary.Choice(answer_summary(q, plain[q.id]), value=q.id) for q in kb.questions]
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
