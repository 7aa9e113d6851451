"""Where a command's result goes: rendered by the views in the format asked for, then to the
terminal (the first screen as it is, a longer full case through the pager), to stdout, or to files
written all or nothing - saying what was written where."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from execadvisor.cli.options import OutputFormat
from execadvisor.errors import InputError
from execadvisor.streams import say
from execadvisor.untrusted import json_visible

if TYPE_CHECKING:
    from execadvisor.core.knowledge import KnowledgeBase
    from execadvisor.core.result import Report

FILE_WIDTH = 100  # the table view written to a file


def chosen_format(as_json: bool, output_format: OutputFormat | None) -> OutputFormat:
    if as_json and output_format not in (None, OutputFormat.json):
        raise InputError(f"--json and --format {output_format.value} disagree; pass one of them")  # type: ignore[union-attr]
    return OutputFormat.json if as_json else (output_format or OutputFormat.table)


def console(file: object | None = None, width: int | None = None) -> Any:
    """A rich console for the terminal, or (`file`) plain text at `width` columns, no colour."""
    from rich.console import Console

    if file is None:
        return Console(highlight=False, soft_wrap=False, emoji=False, markup=False)
    return Console(file=file, width=width, highlight=False, emoji=False, markup=False, no_color=True, force_terminal=False,
                   color_system=None)


def json_text(document: Any) -> str:
    """A JSON document as the program prints it: indented, nothing raw that a terminal would obey."""
    return json_visible(document.model_dump_json(indent=2)) + "\n"


def table(draw: Callable[[Any, int], None], to_file: bool, page_it: bool) -> str | None:
    """What `draw(console, lines)` shows: in the terminal now (None is returned), or as text for a file.

    In the terminal the first screen gets the terminal's real height (never more than 24 lines), a
    line left for what comes next, and is never paged; what is paged (`page_it`, the full case)
    goes through the pager when it is longer than the screen."""
    from execadvisor.views.words import FIRST_SCREEN

    if to_file:
        import io

        buffer = io.StringIO()
        draw(console(buffer, width=FILE_WIDTH), FIRST_SCREEN)
        return buffer.getvalue()
    shown = console()
    height = shown.size.height if shown.is_terminal else FIRST_SCREEN + 1
    with shown.capture() as captured:
        draw(shown, min(FIRST_SCREEN, height - 1))
    text = captured.get()
    if page_it:
        page(text, height)
    else:
        sys.stdout.write(text)
    return None


def report_text(report: Report, kb: KnowledgeBase, fmt: OutputFormat, to_file: bool, explain: list[str], memo: dict[str, str],
                detail: bool = True, pager: bool = False, interactive: bool = False) -> str | None:
    """A report in `fmt`; None when the table view was shown straight in the terminal. The table
    view is the first screen unless `detail` or an option to explain is asked for."""
    if fmt is OutputFormat.json:
        return json_text(report)
    if fmt is OutputFormat.markdown:
        return memo_text(report, kb, explain, memo)
    from execadvisor.views.terminal import render_report, render_summary

    def draw(shown: Any, lines: int) -> None:
        if detail or explain:
            render_report(report, kb, shown, explain)
        else:
            render_summary(report, kb, shown, next_step=not interactive, lines=lines,
                           more="Press f for both cases" if interactive else "--detail shows both cases")

    return table(draw, to_file, page_it=bool(detail or explain) and pager)


def memo_text(report: Report, kb: KnowledgeBase, explain: list[str], memo: dict[str, str]) -> str:
    """The board memo, with "As the company grows": the pick at every company size, the other answers held."""
    from execadvisor.api import path
    from execadvisor.views.markdown import render_markdown
    from execadvisor.views.path import growth_lines

    return render_markdown(report, kb, explain, more=growth_lines(path(report.answers, knowledge=kb), kb), **memo)


def page(text: str, height: int) -> None:
    """Text for the terminal: through the pager when stdout is a terminal and the text does not fit
    on the screen with a line to spare, else printed."""
    if not sys.stdout.isatty() or text.count("\n") < height - 1:
        sys.stdout.write(text)
        return
    from execadvisor.streams.tty import holding_terminal
    from execadvisor.streams.tty import page as through_pager

    with holding_terminal():
        through_pager(text)


def deliver(text: str | None, output: Path | None, what: str) -> None:
    """Text to stdout, or to the --output file (saying so); None: already shown in the terminal."""
    if output is not None:
        from execadvisor.streams.writing import write_outputs

        write_outputs([(output, text or "")])
        say(f"Wrote {what} to {output}")
    elif text is not None:
        sys.stdout.write(text)


def batch_lines(stream: BinaryIO, size: int | None, kb: KnowledgeBase, full: bool) -> tuple[int, int, int]:
    """Every result line of a batch to stdout, with a progress bar on stderr when it is a terminal.
    Returns how many lines were answered, how many failed, and the first that failed (0 if none)."""
    from execadvisor.core.batch import run_batch

    write = sys.stdout.write
    answered = failed = first = lines = 0
    with _progress_bar(stream, size) as update:
        for lines, text, ok in run_batch(stream, kb, full):
            write(text + "\n")
            answered += 1
            if not ok:
                failed += 1
                first = first or lines
            if update is not None:
                update(lines, failed, False)
        if update is not None:
            update(lines, failed, True)
    return answered, failed, first


@contextlib.contextmanager
def _progress_bar(stream: BinaryIO, size: int | None) -> Iterator[Callable[[int, int, bool], None] | None]:
    """On a terminal, a bar on stderr and the function that moves it - `update(lines, failed,
    last)`, which draws at most ten times a second, and always the last time; else None.

    The bar is drawn from this thread, not by rich's refresh thread: with one thread, nothing but
    the batch's loop stands between a signal and its handler (in CI, under Python 3.10, a SIGTERM
    once went unhandled for 20 s while rich's thread drew the bar). Ctrl-C, SIGTERM or SIGHUP while
    the bar is drawn: the bar is closed and the cursor shown again."""
    if not sys.stderr.isatty():
        yield None
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from execadvisor.streams.tty import holding_terminal

    clock = time.monotonic
    drawn = clock()
    with holding_terminal(sys.stderr), Progress(TextColumn("scoring"), BarColumn(),
                                                TextColumn("{task.fields[lines]:,} lines, {task.fields[failed]:,} failed"),
                                                TimeElapsedColumn(), console=Console(stderr=True), auto_refresh=False) as progress:
        task = progress.add_task("batch", total=size, lines=0, failed=0)

        def update(lines: int, failed: int, last: bool) -> None:
            nonlocal drawn
            if last or clock() - drawn >= 0.1:
                done = (stream.tell() if not last else size) if size else lines  # bytes read of a file, lines of a pipe
                progress.update(task, completed=done, lines=lines, failed=failed, refresh=True)
                drawn = clock()

        yield update
