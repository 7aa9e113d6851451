"""The views of a path: the pick at each step as a row (one varied question) or a grid (two) with
today's answers marked, in the terminal (rich, imported only there) and in Markdown ("As the
company grows", a section the recommend memo can carry too)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from execadvisor.core.contract import QUESTIONS
from execadvisor.core.growth import PathReport, PathStep
from execadvisor.core.knowledge import KnowledgeBase
from execadvisor.untrusted import markdown
from execadvisor.views.words import STAFFING_WORDS, pick_label, pick_name, value_text

if TYPE_CHECKING:
    from rich.console import Console

TODAY = "*"  # marks today's answers
CLOSE = "?"  # marks a close call
MARKS = f"{CLOSE} a close call, A = B a tie"
TODAY_BOLD = "; today's in bold"


def pick_text(step: PathStep) -> str:
    """'CRO', 'CRO?' for a close call, 'CSO = CRO' for a tie."""
    return pick_label(step.recommendation, step.tied) + (CLOSE if step.confidence == "close-call" else "")


def _known(path: PathReport) -> bool:
    """Whether today's answers to the varied questions were all given, so that a step is today's."""
    return all(v is not None for v in path.today.values())


def is_today(path: PathReport, step: PathStep) -> bool:
    """Whether the step is at today's answers (every varied question answered, and with these values)."""
    plain = step.answers.as_plain()
    return _known(path) and all(plain[q] == value for q, value in path.today.items())


def _grid(path: PathReport) -> tuple[tuple[str, ...], tuple[str, ...], dict[tuple[str, str], PathStep]]:
    """A two-question path as rows (the first question's values), columns (the second's) and cells."""
    first, second = path.vary
    cells = {(s.answers.as_plain()[first], s.answers.as_plain()[second]): s for s in path.steps}
    return QUESTIONS[first][1], QUESTIONS[second][1], cells


def change_text(kb: KnowledgeBase, change: Any) -> str:
    """'Company size midsize -> large (Revenue streams: many): CSO -> CRO+CSO'."""
    where = "".join(f" ({kb.question(q).title}: {v})" for q, v in change.at.items())
    before, after = (pick_label(pick, tied) for pick, tied in zip(change.recommendation, change.tied))
    return f"{kb.question(change.question).title} {getattr(change, 'from')} -> {change.to}{where}: {before} -> {after}"


def heading(path: PathReport, kb: KnowledgeBase) -> str:
    titles = [kb.question(q).title.lower() for q in path.vary]
    if len(titles) == 1:
        return f"The pick by {titles[0]}, the other answers held"
    return f"The pick by {titles[0]} (rows) and {titles[1]} (columns), the other answers held"


# --- the terminal -------------------------------------------------------------------------------


def render_path(path: PathReport, kb: KnowledgeBase, console: Console) -> None:
    """The row or grid of picks, today's marked, and where the pick changes."""
    from execadvisor.views.display import knowledge_for_display

    kb = knowledge_for_display(kb)
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text(heading(path, kb), style="bold"))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    if len(path.vary) == 1:
        (question,) = path.vary
        table.add_column(kb.question(question).title, style="bold", no_wrap=True)
        for step in path.steps:
            value = step.answers.as_plain()[question]
            table.add_column(value + (TODAY if is_today(path, step) else ""))
        table.add_row("Pick", *(Text(pick_text(s), style="bold" if is_today(path, s) else "") for s in path.steps))
        table.add_row("Score", *(f"{s.score:.1f}" for s in path.steps))
        if len({s.staffing for s in path.steps}) > 1:
            table.add_row("Staffing", *(s.staffing.replace("-", " ") for s in path.steps))
    else:
        rows, columns, cells = _grid(path)
        table.add_column(kb.question(path.vary[0]).title, style="bold", no_wrap=True)
        for value in columns:
            table.add_column(value)
        for row in rows:
            steps = [cells[(row, column)] for column in columns]
            table.add_row(row, *(Text(pick_text(s) + (TODAY if is_today(path, s) else ""), style="bold" if is_today(path, s) else "")
                                 for s in steps))
    console.print(table)
    staffing = {s.staffing for s in path.steps}
    if len(staffing) == 1:
        console.print(Text.assemble(("Staffing at every step: ", "bold"), STAFFING_WORDS[staffing.pop()] + "."))
    elif len(path.vary) == 2:
        console.print(Text.assemble(("Staffing: ", "bold"), "it differs from step to step; --format markdown shows where."))
    today = f"{TODAY} today's answers, " if _known(path) else ""
    console.print(Text(today + MARKS, style="dim"))
    if not path.changes:
        console.print(Text.assemble(("Where the pick changes: ", "bold"), "nowhere - the pick is the same at every step."))
        return
    console.print(Text("Where the pick changes:", style="bold"))
    for change in path.changes:
        console.print(Text(f"• {change_text(kb, change)}"))


# --- Markdown -----------------------------------------------------------------------------------


def growth_lines(path: PathReport, kb: KnowledgeBase) -> list[str]:
    """The section "As the company grows": the pick at each step, today's marked, and where it changes."""
    out = ["## As the company grows", ""]
    if len(path.vary) == 1:
        (question,) = path.vary
        out += [f"{markdown(heading(path, kb))}{TODAY_BOLD if _known(path) else ''}:", "",
                f"| {markdown(kb.question(question).title)} | Pick | Score | How sure | Staffing |", "|---|---|---:|---|---|"]
        for step in path.steps:
            value = step.answers.as_plain()[question]
            pick = markdown(pick_name(kb, step.recommendation, step.tied))
            row = [value, pick, f"{step.score:.1f}", step.confidence, STAFFING_WORDS[step.staffing]]
            out.append("| " + " | ".join(f"**{cell}**" if is_today(path, step) else cell for cell in row) + " |")
    else:
        out += [f"{markdown(heading(path, kb))}{TODAY_BOLD if _known(path) else ''}; {MARKS}:", ""] + _markdown_grid(path, kb, pick_text)
        staffing = {s.staffing for s in path.steps}
        if len(staffing) == 1:
            out += ["", f"Staffing at every step: {STAFFING_WORDS[staffing.pop()]}."]
        else:
            out += ["", "Staffing at each step:", ""] + _markdown_grid(path, kb, lambda s: STAFFING_WORDS[s.staffing])
    out += ["", "**Where the pick changes**", ""]
    out += [f"- {markdown(change_text(kb, c))}" for c in path.changes] or ["- Nowhere: the pick is the same at every step."]
    return [*out, ""]


def _markdown_grid(path: PathReport, kb: KnowledgeBase, cell: Callable[[PathStep], str]) -> list[str]:
    rows, columns, cells = _grid(path)
    out = [f"| {markdown(kb.question(path.vary[0]).title)} | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for row in rows:
        steps = [cells[(row, column)] for column in columns]
        out.append(f"| {row} | " + " | ".join(f"**{cell(s)}**" if is_today(path, s) else cell(s) for s in steps) + " |")
    return out


def render_path_markdown(path: PathReport, kb: KnowledgeBase, *, company: str = "", date: str = "") -> str:
    """A short memo: the path's section under a title, with what it was scored with."""
    whose = f"{markdown(company)}'s" if company else "our"
    out = [f"# Memo: who should lead {whose} revenue as the company grows?", ""]
    if date:
        out.append(f"**Date:** {date}  ")
    out += [f"**Prepared with:** execadvisor {path.version}, knowledge base {markdown(path.knowledge.name)} "
            f"(sha256 `{path.knowledge.sha256}`)", ""]
    held = {q: v for q, v in path.steps[0].answers.as_plain().items() if q not in path.vary}
    out += ["**Held:** " + "; ".join(f"{markdown(kb.question(q).title)}: {value_text(v)}" for q, v in held.items()), ""]
    return "\n".join([*out, *growth_lines(path, kb)])
