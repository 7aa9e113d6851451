"""The command line: parses flags, dispatches, and turns errors into exit codes. No domain logic.

Heavy modules (rich, questionary, the scoring core) are imported inside the commands that use
them, so `--help`, `--version` and scripted `--json` runs start fast.
"""

import contextlib
import os
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, Optional

import typer

from execadvisor import __version__
from execadvisor.errors import InputError, OutputError, Terminated
from execadvisor.streams import say
from execadvisor.untrusted import json_visible, shorten

if TYPE_CHECKING:
    from execadvisor.contract import Answers
    from execadvisor.knowledge import KnowledgeBase
    from execadvisor.result import Report

EXIT_BAD_INPUT = 2
EXIT_ABORTED = 130

COMPANY = "The company"
NEEDS = "Needs and leadership"
FILES = "Files and output"


def rules_option(panel: Optional[str] = None) -> typer.models.OptionInfo:
    """The --rules option, the same on every command that reads the knowledge base."""
    return typer.Option("--rules", help="Use this knowledge base instead of the built-in one.", dir_okay=False,
                        show_default=False, rich_help_panel=panel)


def _values(question_id: str):  # noqa: ANN202 - a typer completion callback
    """Shell completion for one question's flag: its allowed values that start with what is typed."""

    def complete(incomplete: str) -> list[str]:
        from execadvisor.contract import QUESTIONS

        return [v for v in QUESTIONS[question_id][1] if v.startswith(incomplete.lower())]

    return complete


app = typer.Typer(
    name="execadvisor",
    help="Who should lead your revenue - a CSO, CRO, CMO, CCO, or a combination? Answer a few questions, get a reasoned recommendation.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(help="Export, check and use a knowledge base of your own (roles, questions, rules, weights).", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


@contextlib.contextmanager
def reported_errors() -> Iterator[None]:
    """Bad input -> one message on stderr and exit 2; Ctrl-C or Esc -> "Aborted." and exit 130."""
    try:
        yield
    except InputError as exc:
        say(f"Error: {exc}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except OutputError as exc:
        say(f"Error: {exc}")
        raise typer.Exit(1) from None
    except (KeyboardInterrupt, EOFError):
        _say_aborted()
        raise typer.Exit(EXIT_ABORTED) from None
    except Terminated as exc:
        say(f"Stopped by {exc.name}.")  # after a hang-up there may be no terminal left to say it on: say() minds that
        raise typer.Exit(exc.code) from None


_aborted_said = False


def _say_aborted() -> None:
    """"Aborted." on stderr, once per run."""
    global _aborted_said
    if not _aborted_said:
        _aborted_said = True
        print("Aborted.", file=sys.stderr)


def stdin_is_terminal() -> bool:
    """Whether a person can answer questions; never wait for input from a pipe, CI or cron (or a
    stdin that is closed)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):  # None, or a closed file
        return False


def _version(value: bool) -> None:
    if value:
        print(f"execadvisor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Who should lead your revenue - a CSO, CRO, CMO, CCO, or a combination?

    Run `execadvisor recommend` and answer the questions, or pass every answer as flags.

    Example: execadvisor recommend --company-size small --growth-stage early --business-model transactional --revenue-streams single --sales-marketing separate --priority scale-sales --no-sales-leader --marketing-leader --budget full-time
    """
    global _aborted_said
    _aborted_said = False  # per run (tests run many in one process)


def _knowledge(rules: Path | None) -> "KnowledgeBase":
    from execadvisor.knowledge import load_knowledge

    kb = load_knowledge(rules)
    if rules is not None:
        from execadvisor.scoring import check_scale

        check_scale(kb)
    return kb


def _console(file: object | None = None, width: int | None = None):  # noqa: ANN202 - rich is imported lazily
    from rich.console import Console

    if file is None:
        return Console(highlight=False, soft_wrap=False, emoji=False, markup=False)
    return Console(file=file, width=width, highlight=False, emoji=False, markup=False, no_color=True, force_terminal=False, color_system=None)


def _render(report: "Report", kb: "KnowledgeBase", fmt: OutputFormat, to_file: bool, explain: list[str], memo: dict[str, str],
            detail: bool = True, pager: bool = False, interactive: bool = False) -> str | None:
    """The report as text in `fmt`; None when the table view was shown straight in the terminal.

    The table view is the first screen (the pick, how sure, the top reasons, what would change it)
    unless `detail` or an option to explain is asked for; then the full case, which in a terminal
    goes through a pager when it is longer than the screen."""
    if fmt is OutputFormat.json:
        return json_visible(report.model_dump_json(indent=2)) + "\n"
    if fmt is OutputFormat.markdown:
        return _memo(report, kb, explain, memo)
    from execadvisor.terminal import FIRST_SCREEN, render_report, render_summary

    def draw(console, lines: int = FIRST_SCREEN) -> None:  # noqa: ANN001 - rich is imported lazily
        if detail or explain:
            render_report(report, kb, console, explain)
        else:
            render_summary(report, kb, console, next_step=not interactive, lines=lines, more="Press f for both cases" if interactive else "--detail shows both cases")

    if not to_file:
        console = _console()
        # The first screen fits the terminal's real height (never more than 24 lines), a line left for
        # what comes next; it is never paged. The full case is, when it is longer than the screen.
        height = console.size.height if console.is_terminal else FIRST_SCREEN + 1
        with console.capture() as captured:
            draw(console, lines=min(FIRST_SCREEN, height - 1))
        text = captured.get()
        if (detail or explain) and pager:
            _page(text, height)
        else:
            sys.stdout.write(text)
        return None
    import io

    buffer = io.StringIO()
    draw(_console(buffer, width=100))
    return buffer.getvalue()


def _memo(report: "Report", kb: "KnowledgeBase", explain: list[str], memo: dict[str, str]) -> str:
    """The board memo, with "As the company grows": the pick at every company size, the other answers held."""
    from execadvisor.growth_path import growth_path
    from execadvisor.markdown import render_markdown
    from execadvisor.path_views import growth_lines

    return render_markdown(report, kb, explain, more=growth_lines(growth_path(report.answers, [], kb), kb), **memo)


def _page(text: str, height: int) -> None:
    """Text for the terminal: through the pager when stdout is a terminal and the text does not fit
    on the screen with a line to spare, else printed."""
    if not sys.stdout.isatty() or text.count("\n") < height - 1:
        sys.stdout.write(text)
        return
    from execadvisor.streams.tty import holding_terminal, page

    with holding_terminal():
        page(text)


def _options_to_explain(kb: "KnowledgeBase", names: list[str]) -> list[str]:
    """Option ids named by --why, in the knowledge base's spelling; 'all' names every option."""
    known = {o.id.lower(): o.id for o in kb.options}
    chosen: list[str] = []
    for name in names:
        if name.lower() == "all":
            return list(known.values())
        if name.lower() not in known:
            raise InputError(f"--why: unknown option {name!r}; allowed: {', '.join(known.values())}, all")
        chosen.append(known[name.lower()])
    return chosen


@app.command(
    epilog="Example: execadvisor recommend --company-size large --growth-stage scaling --business-model subscription "
    "--revenue-streams many --sales-marketing siloed --priority alignment --priority retention --sales-leader "
    "--marketing-leader --budget full-time --json"
)
def recommend(
    company_size: Annotated[
        Optional[str],
        typer.Option(metavar="SIZE", autocompletion=_values("company_size"), help="startup (under 20 people), small (20-200), midsize (200-1,000), large (1,000-5,000) "
                     "or enterprise (5,000+).", rich_help_panel=COMPANY, show_default=False),
    ] = None,
    growth_stage: Annotated[
        Optional[str],
        typer.Option(metavar="STAGE", autocompletion=_values("growth_stage"), help="early, scaling or mature.", rich_help_panel=COMPANY, show_default=False)
    ] = None,
    business_model: Annotated[
        Optional[str],
        typer.Option(metavar="MODEL", autocompletion=_values("business_model"), help="transactional (one-off sales), subscription (recurring revenue) or hybrid.",
                     rich_help_panel=COMPANY, show_default=False),
    ] = None,
    revenue_streams: Annotated[
        Optional[str],
        typer.Option(metavar="STREAMS", autocompletion=_values("revenue_streams"), help="single, few or many distinct revenue channels (products, services, partnerships, "
                     "resellers...).", rich_help_panel=COMPANY, show_default=False),
    ] = None,
    sales_marketing: Annotated[
        Optional[str],
        typer.Option(metavar="SETUP", autocompletion=_values("sales_marketing"), help="separate (distinct teams, clear hand-offs), integrated (one revenue team) or "
                     "siloed (separate and poorly aligned).", rich_help_panel=COMPANY, show_default=False),
    ] = None,
    priority: Annotated[
        Optional[list[str]],
        typer.Option("--priority", metavar="PRIORITY", autocompletion=_values("priorities"), help="A top priority; repeat for two or three: scale-sales, sales-expertise, "
                     "retention, alignment, new-revenue-streams, brand, lead-generation, market-expansion, partnerships, "
                     "customer-experience.", rich_help_panel=NEEDS, show_default=False),
    ] = None,
    sales_leader: Annotated[
        Optional[bool],
        typer.Option("--sales-leader/--no-sales-leader", help="Is there already strong sales leadership?",
                     rich_help_panel=NEEDS, show_default=False),
    ] = None,
    marketing_leader: Annotated[
        Optional[bool],
        typer.Option("--marketing-leader/--no-marketing-leader", help="Is there already strong marketing leadership?",
                     rich_help_panel=NEEDS, show_default=False),
    ] = None,
    budget: Annotated[
        Optional[str],
        typer.Option(metavar="BUDGET", autocompletion=_values("budget"), help="full-time, or constrained (a full-time C-level hire is not affordable now).",
                     rich_help_panel=NEEDS, show_default=False),
    ] = None,
    answers_file: Annotated[
        Optional[Path],
        typer.Option("--answers", help="Read answers from a YAML or JSON file (- reads stdin); flags override it.",
                     rich_help_panel=FILES, dir_okay=False, show_default=False),
    ] = None,
    save_answers_to: Annotated[
        Optional[Path],
        typer.Option("--save-answers", help="Write the answers as used to a YAML (or .json) file, to repeat the run.",
                     rich_help_panel=FILES, dir_okay=False, show_default=False),
    ] = None,
    rules: Annotated[Optional[Path], rules_option(FILES)] = None,
    output_format: Annotated[
        Optional[OutputFormat],
        typer.Option("--format", metavar="FORMAT", help="table (default), json or markdown.", rich_help_panel=FILES, show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Short for --format json.", rich_help_panel=FILES)] = False,
    why: Annotated[
        Optional[list[str]],
        typer.Option("--why", metavar="OPTION", help="Also chart what pushed this option up or down (an id such as CSO, or 'all'); repeatable.",
                     rich_help_panel=FILES, show_default=False),
    ] = None,
    detail: Annotated[bool, typer.Option("--detail", help="Show the full case (every reason, the hire profile, the sources), "
                                         "not just the first screen.", rich_help_panel=FILES)] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never page long output in a terminal (see PAGER).", rich_help_panel=FILES)] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask: missing answers are an error (exit 2), even in a terminal.",
                                           rich_help_panel=FILES)] = False,
    fresh: Annotated[bool, typer.Option("--fresh", help="Start the questionnaire over instead of offering to resume an "
                                        "interrupted one.", rich_help_panel=FILES)] = False,
    company: Annotated[
        Optional[str],
        typer.Option("--company", metavar="NAME", help="The company's name, for the memo's title (--format markdown).",
                     rich_help_panel=FILES, show_default=False),
    ] = None,
    memo_date: Annotated[
        Optional[str],
        typer.Option("--date", metavar="YYYY-MM-DD", help="The memo's date (default: today), so a memo can be made again word for word.",
                     rich_help_panel=FILES, show_default=False),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Write the report to this file (atomically; - is stdout) instead of stdout.",
                     rich_help_panel=FILES, dir_okay=False, show_default=False),
    ] = None,
) -> None:
    """Recommend who should lead your revenue.

    Answers come from flags, then from --answers FILE; whatever is still missing is asked in the terminal. Without a terminal (a pipe, CI, cron) missing answers are an error listing the flags.
    """
    with reported_errors():
        if as_json and output_format not in (None, OutputFormat.json):
            raise InputError(f"--json and --format {output_format.value} disagree; pass one of them")
        fmt = OutputFormat.json if as_json else (output_format or OutputFormat.table)

        from execadvisor.answers import answers_text, gather_answers, read_answers_file
        from execadvisor.contract import answer_flags

        output = None if output is not None and str(output) == "-" else output
        memo = {"company": " ".join((company or "").split()), "date": _memo_date(memo_date)}
        _refuse_overwriting_inputs({"--answers": answers_file, "--rules": rules}, {"--output": output, "--save-answers": save_answers_to})
        # In a terminal, with the built-in knowledge base and nothing to check against it first (--why,
        # an answers file), the questionnaire starts from the built-in questions alone and the knowledge
        # base is loaded after it: the first question is on screen sooner (see execadvisor.packaged).
        questions_first = rules is None and not why and answers_file is None and stdin_is_terminal() and not no_input
        kb = None if questions_first else _knowledge(rules)
        explain = _options_to_explain(kb, why or []) if kb is not None else []
        flags = {
            "company_size": company_size,
            "growth_stage": growth_stage,
            "business_model": business_model,
            "revenue_streams": revenue_streams,
            "sales_marketing": sales_marketing,
            "priorities": priority or None,
            "sales_leader": sales_leader,
            "marketing_leader": marketing_leader,
            "budget": budget,
        }
        from_file, recorded = read_answers_file(answers_file) if answers_file else ({}, None)
        if kb is not None and recorded is not None and recorded.get("sha256") != kb.identity.sha256:
            say(f"Warning: {answers_file} was saved with the knowledge base {shorten(str(recorded.get('name', '?')))} "
                f"(sha256 {shorten(str(recorded.get('sha256')), 15)}); this run uses {kb.identity.name} "
                f"(sha256 {kb.identity.sha256[:12]}...), so the advice may differ.")

        # What the run was given, to say how to resume it; and what changes its result, for the repeat line.
        carried = _words(("--rules", rules), ("--why", why), ("--company", company), ("--date", memo_date))
        given = answer_flags({qid: value for qid, value in flags.items() if value is not None}) + _words(
                       ("--answers", answers_file), ("--json", as_json), ("--format", output_format and output_format.value), ("--output", output),
                       ("--save-answers", save_answers_to), ("--detail", detail), ("--no-pager", no_pager)) + carried
        interactive = stdin_is_terminal() and not no_input
        asked = None

        def ask(missing: list[str]) -> dict:
            nonlocal asked
            from execadvisor.display import knowledge_for_display
            from execadvisor.packaged import builtin_questions
            from execadvisor.session import ask_questions

            known = {**from_file, **{k: v for k, v in flags.items() if v is not None}}
            questions = builtin_questions() if kb is None else None
            questions = questions or knowledge_for_display(kb if kb is not None else _knowledge(rules))
            asked = ask_questions(questions, missing, fresh=fresh, known=known, again=_shell_line(["execadvisor", "recommend", *given]))
            return asked.answers

        if fresh:
            from execadvisor.session import forget_all

            forget_all()  # --fresh discards every kept answer at once
        from execadvisor.streams.tty import holding_terminal

        with holding_terminal() if interactive else contextlib.nullcontext():
            answers = gather_answers(flags, from_file, ask if interactive else None, "--no-input given" if no_input else "no terminal to ask in")
            kb = kb if kb is not None else _knowledge(rules)
            from execadvisor.scoring import recommend as score  # after any questions: the first one is on screen sooner

            report = score(answers, kb)
            exploring = asked is not None and fmt is OutputFormat.table and output is None and sys.stdout.isatty()
            text = _render(report, kb, fmt, to_file=output is not None, explain=explain, memo=memo, detail=detail, pager=not no_pager,
                           interactive=exploring)
            # Everything is computed: now write every file, or none if any cannot be written.
            outputs: list[tuple[Path, str]] = []
            if save_answers_to is not None:
                outputs.append((save_answers_to, answers_text(answers, save_answers_to, report.knowledge.model_dump())))
            if output is not None:
                outputs.append((output, text or ""))
            if outputs:
                from execadvisor.yamlfile import write_outputs

                write_outputs(outputs)
            if output is not None:
                say(f"Wrote {fmt.value} report to {output}")
            elif text is not None:
                sys.stdout.write(text)
            if asked is not None:
                from execadvisor.session import forget

                forget(asked.resumed)  # the run is complete: the answers it resumed are no longer needed
            if exploring:
                _explore(kb, report, explain, memo, pager=not no_pager, inputs=[p for p in (answers_file, rules) if p is not None],
                         carried=carried)


def _words(*pairs: tuple[str, object]) -> list[str]:
    """Command-line words for the flags given: a value, each of a list, or a flag that is on."""
    words: list[str] = []
    for flag, value in pairs:
        if value is None or value is False or value == []:
            continue
        if value is True:
            words.append(flag)
        elif isinstance(value, list):
            words += [word for item in value for word in (flag, str(item))]
        else:
            words += [flag, str(value)]
    return words


def _shell_line(words: list[str]) -> str:
    from execadvisor.contract import shell_words

    return shell_words(words)


def _explore(kb: "KnowledgeBase", report: "Report", explain: list[str], memo: dict[str, str], pager: bool, inputs: list[Path],
             carried: list[str]) -> None:
    """After the answer in an interactive session: change an answer and re-score, show the full
    case, save the answers, write the memo, or quit with the command that repeats the run."""
    from prompt_toolkit.output import create_output

    from execadvisor.answers import answers_text
    from execadvisor.contract import command_line
    from execadvisor.display import knowledge_for_display
    from execadvisor.scoring import recommend as score
    from execadvisor.session import Actions, explore
    from execadvisor.yamlfile import same_file, write_outputs

    def show(shown: "Report", detail: bool) -> None:
        _render(shown, kb, OutputFormat.table, False, explain, memo, detail=detail, pager=pager, interactive=True)

    def write(path: Path, shown: "Report", what: str) -> None:
        if any(same_file(path, source) for source in inputs):
            say(f"Not written: {path} is a file this run reads.")
            return
        if what == "answers":
            text = answers_text(shown.answers, path, shown.knowledge.model_dump())
        else:
            text = _memo(shown, kb, explain, memo)
        try:
            write_outputs([(path, text)])
        except (InputError, OutputError) as exc:
            say(f"Not written: {exc}")
            return
        say(f"Wrote the {what} to {path}")

    def grow(answers: "Answers") -> None:
        from execadvisor.growth_path import growth_path
        from execadvisor.path_views import render_path

        console = _console()
        with console.capture() as captured:
            render_path(growth_path(answers, [], kb), kb, console)
        _page(captured.get(), console.size.height)

    actions = Actions(rescore=lambda answers: score(answers, kb), show=show, write=write,
                      again=lambda answers: command_line(answers, tuple(carried)), grow=grow)
    explore(knowledge_for_display(kb), report, actions, sys.stdout, create_output(stdout=sys.stdout))


def _memo_date(given: Optional[str]) -> str:
    import datetime

    if given is None:
        return datetime.date.today().isoformat()
    try:
        return datetime.date.fromisoformat(given.strip()).isoformat()
    except ValueError:
        raise InputError(f"--date: {given!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-23") from None


def _refuse_overwriting_inputs(inputs: dict[str, Optional[Path]], outputs: dict[str, Optional[Path]]) -> None:
    """A run never writes over a file it reads, nor writes two outputs to one file: exit 2 first."""
    from execadvisor.yamlfile import same_file

    named = [(flag, path) for flag, path in outputs.items() if path is not None and str(path) != "-"]
    for i, (flag, path) in enumerate(named):
        for other, source in [*((f, p) for f, p in inputs.items() if p is not None), *named[:i]]:
            if same_file(path, source):
                raise InputError(f"{flag} {path}: is the same file as {other} {source}; the run would overwrite it. "
                                 "Write to another file.")


@app.command(epilog="Examples: execadvisor roles | execadvisor roles CRO | execadvisor roles chief-customer-officer --json")
def roles(
    role: Annotated[Optional[str], typer.Argument(help="A role id or alias (CSO, CRO, CMO, CCO, CCXO...); omit to list them all.", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    rules: Annotated[Optional[Path], rules_option()] = None,
) -> None:
    """List the roles the advisor knows, one line each, or show one role in full."""
    with reported_errors():
        kb = _knowledge(rules)
        if role is None:
            if as_json:
                from execadvisor.listing import roles_json

                print(roles_json(kb))
                return
            from execadvisor.terminal import render_role_list

            render_role_list(kb, _console())
            return
        found = _find_roles(kb, [role])[0]
        if as_json:
            from execadvisor.listing import role_json

            print(role_json(found))
            return
        from execadvisor.terminal import render_role

        render_role(found, kb, _console())


@app.command(epilog="Example: execadvisor compare CSO CRO CMO")
def compare(
    role_ids: Annotated[list[str], typer.Argument(metavar="ROLE ROLE [ROLE...]", help="Two or more role ids or aliases.")],
    rules: Annotated[Optional[Path], rules_option()] = None,
) -> None:
    """Compare roles side by side: scope, responsibilities, KPIs, reporting lines, background, challenges."""
    with reported_errors():
        if len(role_ids) < 2:
            raise InputError("compare needs at least two roles, e.g. `execadvisor compare CSO CRO`")
        kb = _knowledge(rules)
        from execadvisor.terminal import render_compare

        render_compare(_find_roles(kb, role_ids), kb, _console())


@app.command(epilog="Examples: execadvisor questions | execadvisor questions --json")
def questions(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the questions: their flags, what they mean and the values they allow."""
    with reported_errors():
        from execadvisor.listing import listing_json, question_listing

        listing = question_listing(_knowledge(None))
        if as_json:
            print(listing_json(listing))
            return
        from execadvisor.terminal import render_question_table

        render_question_table(listing, _console())


@app.command(
    epilog="Examples: execadvisor batch profiles.jsonl > results.jsonl | "
    "cat profiles.jsonl | execadvisor batch - --full > reports.jsonl"
)
def batch(
    file: Annotated[
        Optional[str],
        typer.Argument(metavar="[FILE|-]", help="JSON Lines, one answers object per line; - reads stdin.", show_default=False),
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="Write the whole recommend --json document for each line.")] = False,
    rules: Annotated[Optional[Path], rules_option()] = None,
) -> None:
    """Score many profiles: JSON Lines in, JSON Lines out, one result per line in the same order.

    A bad line is answered in place with {"line": N, "error": "..."} and the run goes on; the exit code is 0 when every line succeeded and 2 otherwise. Keys as in `execadvisor questions`.
    """
    with reported_errors():
        if file is None and stdin_is_terminal():
            raise InputError("batch reads JSON Lines from FILE, or from stdin with '-' or a pipe; stdin is a terminal")
        kb = _knowledge(rules)
        if file in (None, "-"):
            failed = _write_batch(sys.stdin.buffer, None, kb, full)
        else:
            try:
                stream = open(file, "rb")  # noqa: SIM115 - closed below
            except OSError as exc:
                raise InputError(f"{file}: cannot read: {exc.strerror or exc}") from None
            with stream:
                size = os.fstat(stream.fileno()).st_size
                failed = _write_batch(stream, size or None, kb, full)
        if failed:
            raise typer.Exit(EXIT_BAD_INPUT)


def _write_batch(stream: BinaryIO, size: int | None, kb: "KnowledgeBase", full: bool) -> int:
    """Write every result line to stdout, with a progress bar on stderr when it is a terminal.
    Returns how many lines failed."""
    from execadvisor.batch import run_batch

    write = sys.stdout.write
    results = run_batch(stream, kb, full)
    failed = lines = 0
    if not sys.stderr.isatty():
        for _, text, ok in results:
            write(text + "\n")
            failed += not ok
        return failed

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    def done() -> int:  # bytes read of a file, lines of a pipe
        return stream.tell() if size else lines

    from execadvisor.streams.tty import holding_terminal

    # Ctrl-C, SIGTERM or SIGHUP while the bar is drawn: the bar is closed and the cursor shown again.
    with holding_terminal(sys.stderr), Progress(TextColumn("scoring"), BarColumn(),
                                                TextColumn("{task.fields[lines]:,} lines, {task.fields[failed]:,} failed"),
                                                TimeElapsedColumn(), console=Console(stderr=True)) as progress:
        task = progress.add_task("batch", total=size, lines=0, failed=0)
        for lines, text, ok in results:
            write(text + "\n")
            failed += not ok
            if lines % 1000 == 0:
                progress.update(task, completed=done(), lines=lines, failed=failed)
        progress.update(task, completed=size or lines, lines=lines, failed=failed)
    return failed


# --- team and path: decide together, and look ahead ------------------------------------------------


def _declared_like_recommend(command):  # noqa: ANN001, ANN202 - a decorator for typer commands
    """Parameters of `command` declared bare (no annotation) take the recommend command's
    declaration of the same name - type, flag, help, panel, default - so that a flag is spelled
    and explained alike on every command (typer reads the signature)."""
    import inspect

    theirs = inspect.signature(recommend).parameters
    own = inspect.signature(command)
    command.__signature__ = own.replace(parameters=[theirs[p.name] if p.annotation is p.empty else p
                                                    for p in own.parameters.values()])
    return command


def _chosen_format(as_json: bool, output_format: Optional[OutputFormat]) -> OutputFormat:
    if as_json and output_format not in (None, OutputFormat.json):
        raise InputError(f"--json and --format {output_format.value} disagree; pass one of them")
    return OutputFormat.json if as_json else (output_format or OutputFormat.table)


def _table_text(draw, to_file: bool, pager: bool) -> str | None:  # noqa: ANN001 - rich is imported lazily
    """What `draw(console)` shows: in the terminal now (None is returned), or as text for --output."""
    if not to_file:
        console = _console()
        with console.capture() as captured:
            draw(console)
        text = captured.get()
        if pager:
            _page(text, console.size.height if console.is_terminal else len(text))
        else:
            sys.stdout.write(text)
        return None
    import io

    buffer = io.StringIO()
    draw(_console(buffer, width=100))
    return buffer.getvalue()


def _deliver(text: str | None, output: Optional[Path], fmt: OutputFormat, what: str) -> None:
    if output is not None:
        from execadvisor.untrusted import visible
        from execadvisor.yamlfile import write_outputs

        write_outputs([(output, text or "")])
        print(f"Wrote the {what} ({fmt.value}) to {visible(str(output))}", file=sys.stderr)
    elif text is not None:
        sys.stdout.write(text)


def _warn_other_knowledge(kb: "KnowledgeBase", saved: list[tuple[Path, Optional[dict]]]) -> None:
    """One warning naming the answers files saved with another knowledge base than this run's."""
    from execadvisor.untrusted import visible

    other = [visible(str(path)) for path, recorded in saved if recorded is not None and recorded.get("sha256") != kb.identity.sha256]
    if other:
        print(f"Warning: {', '.join(other)} {'was' if len(other) == 1 else 'were'} saved with another knowledge base; this run "
              f"uses {visible(kb.identity.name)} (sha256 {kb.identity.sha256[:12]}...), so the advice may differ.", file=sys.stderr)


def _person(path: Path) -> tuple["Answers", Optional[dict]]:
    """One person's answers - every question answered - and the knowledge base recorded with them."""
    from execadvisor.answers import parse_answers, read_answers_file
    from execadvisor.untrusted import visible

    given, recorded = read_answers_file(path)
    try:
        return parse_answers(given, visible(str(path))), recorded
    except InputError as exc:
        raise InputError(f"{exc}\nA person's file answers every question; `execadvisor recommend --save-answers FILE` "
                         "writes one.") from None


@app.command(epilog="Example: execadvisor team ana.yaml ben.yaml cho.yaml  (each written by `execadvisor recommend "
             "--save-answers NAME.yaml`)")
@_declared_like_recommend
def team(
    files: Annotated[list[Path], typer.Argument(metavar="FILE FILE [FILE...]", dir_okay=False, show_default=False,
                                                help="2 to 50 answers files, one a person, named after them (ana.yaml is ana).")],
    rules=None, output_format=None, as_json=False, detail=False, no_pager=False, company=None, memo_date=None, output=None,
) -> None:
    """Decide together: each person's pick, the team's answers and pick, and which disagreements change it.

    Everyone answers alone (`execadvisor recommend --save-answers ana.yaml`, or a file written by hand that answers every question); then the team's files go in together. The team's answer to a question is the median of an ordered scale (size, stage, streams), the most common answer otherwise, and the up to three most named priorities; a tie among the people is broken by a stated rule. A disagreement matters when one person's answer, put in the team's, changes the pick.
    """
    with reported_errors():
        fmt = _chosen_format(as_json, output_format)
        from execadvisor.group_decision import decide_together, person_names

        names = person_names([str(f) for f in files])
        output = None if output is not None and str(output) == "-" else output
        memo = {"company": " ".join((company or "").split()), "date": _memo_date(memo_date)}
        for file in files:
            _refuse_overwriting_inputs({"the team's file": file, "--rules": rules}, {"--output": output})
        kb = _knowledge(rules)
        read = [_person(file) for file in files]
        _warn_other_knowledge(kb, [(file, recorded) for file, (_, recorded) in zip(files, read)])
        report = decide_together([(name, str(file), answers) for name, file, (answers, _) in zip(names, files, read)], kb)
        if fmt is OutputFormat.json:
            from execadvisor.untrusted import json_visible

            text = json_visible(report.model_dump_json(indent=2)) + "\n"
        elif fmt is OutputFormat.markdown:
            from execadvisor.group_views import render_team_markdown

            text = render_team_markdown(report, kb, **memo)
        else:
            from execadvisor.group_views import render_team_detail, render_team_summary

            text = _table_text(lambda console: render_team_detail(report, kb, console) if detail
                               else render_team_summary(report, kb, console), output is not None, detail and not no_pager)
        _deliver(text, output, fmt, "team's report")


def _vary_values(incomplete: str) -> list[str]:
    from execadvisor.contract import ORDERED_QUESTIONS

    return [q for q in ORDERED_QUESTIONS if q.startswith(incomplete.lower().replace("-", "_"))]


@app.command(epilog="Examples: execadvisor path --answers today.yaml | execadvisor path --answers today.yaml "
             "--vary growth-stage --vary revenue-streams --json")
@_declared_like_recommend
def path(
    company_size=None, growth_stage=None, business_model=None, revenue_streams=None, sales_marketing=None, priority=None,
    sales_leader=None, marketing_leader=None, budget=None, answers_file=None,
    vary: Annotated[
        Optional[list[str]],
        typer.Option("--vary", metavar="QUESTION", autocompletion=_vary_values, rich_help_panel=COMPANY, show_default=False,
                     help="The question to walk along: company_size (the default), growth_stage or revenue_streams; "
                     "give two for a grid."),
    ] = None,
    rules=None, output_format=None, as_json=False, company=None, memo_date=None, output=None,
) -> None:
    """The pick as the company grows: at every value of an ordered question, the other answers held, and where it changes.

    Answers come from flags and --answers FILE, as for recommend, but path never asks: every answer is needed except the varied questions'. Those that are given are today's, marked in the view. Each step is exactly what recommend gives for its answers.
    """
    with reported_errors():
        fmt = _chosen_format(as_json, output_format)
        from execadvisor.answers import gather_answers, read_answers_file
        from execadvisor.contract import QUESTIONS
        from execadvisor.growth_path import growth_path, varied_questions

        varied = varied_questions(vary or [])
        output = None if output is not None and str(output) == "-" else output
        memo = {"company": " ".join((company or "").split()), "date": _memo_date(memo_date)}
        _refuse_overwriting_inputs({"--answers": answers_file, "--rules": rules}, {"--output": output})
        kb = _knowledge(rules)
        flags = {"company_size": company_size, "growth_stage": growth_stage, "business_model": business_model,
                 "revenue_streams": revenue_streams, "sales_marketing": sales_marketing, "priorities": priority or None,
                 "sales_leader": sales_leader, "marketing_leader": marketing_leader, "budget": budget}
        from_file, recorded = read_answers_file(answers_file) if answers_file else ({}, None)
        _warn_other_knowledge(kb, [(answers_file, recorded)])
        # A varied question needs no answer: a stand-in lets the one layering function check all the others.
        stand_ins = {q: QUESTIONS[q][1][0] for q in varied if flags[q] is None and q not in from_file}
        answers = gather_answers({**flags, **stand_ins}, from_file, None, "path never asks")
        report = growth_path({q: v for q, v in answers.as_plain().items() if q not in stand_ins}, varied, kb)
        if fmt is OutputFormat.json:
            from execadvisor.untrusted import json_visible

            text = json_visible(report.model_dump_json(indent=2)) + "\n"
        elif fmt is OutputFormat.markdown:
            from execadvisor.path_views import render_path_markdown

            text = render_path_markdown(report, kb, **memo)
        else:
            from execadvisor.path_views import render_path

            text = _table_text(lambda console: render_path(report, kb, console), output is not None, False)
        _deliver(text, output, fmt, "path")


class SchemaSubject(str, Enum):
    recommend = "recommend"
    batch = "batch"
    questions = "questions"
    roles = "roles"
    role = "role"
    team = "team"
    path = "path"


@app.command(epilog="Examples: execadvisor schema > report.schema.json | execadvisor schema batch")
def schema(
    subject: Annotated[SchemaSubject, typer.Argument(help="Which document: recommend (the default), batch (one output line), "
                                                   "questions, roles (the list), role (one role), team or path.")] = SchemaSubject.recommend,
) -> None:
    """Print the JSON Schema of a JSON document the tool prints, with $schema and $id."""
    import json

    from execadvisor.listing import json_schema

    print(json.dumps(json_schema(subject.value), indent=2, ensure_ascii=False))


@rules_app.command("export", epilog="Example: execadvisor rules export my-rules.yaml")
def rules_export(
    file: Annotated[Optional[Path], typer.Argument(help="Where to write it; omit it, or -, for stdout.", dir_okay=False, show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write the built-in knowledge base (roles, questions, rules, weights, texts, sources) as YAML."""
    from execadvisor.knowledge import builtin_text

    with reported_errors():
        text = builtin_text()
        if file is None or str(file) == "-":
            sys.stdout.write(text)
            return
        from execadvisor.yamlfile import atomic_write, stream_descriptor

        if file.exists() and not force and stream_descriptor(file) is None:  # a stream is written to, not over
            raise InputError(f"{file}: already exists; pass --force to overwrite it")
        atomic_write(file, text)
        say(f"Wrote the built-in knowledge base to {file}")


@rules_app.command("validate", epilog="Example: execadvisor rules validate my-rules.yaml")
def rules_validate(
    file: Annotated[Path, typer.Argument(help="The knowledge base file to check.", dir_okay=False)],
) -> None:
    """Check an edited knowledge base; exit 0 when it is usable, 2 with `FILE: path: problem` when not."""
    with reported_errors():
        kb = _knowledge(file)
        say(f"{file}: OK - {len(kb.roles)} roles, {len(kb.options)} options, {len(kb.questions)} questions, {len(kb.rules)} rules", sys.stdout)


def _find_roles(kb: "KnowledgeBase", names: list[str]) -> list:
    found = []
    for name in names:
        role = kb.find_role(name)
        if role is None:
            known = ", ".join(r.id for r in kb.roles)
            raise InputError(f"unknown role {name!r}; known roles: {known} (aliases such as chief-revenue-officer work too)")
        found.append(role)
    return found


MIN_WIDTH = 40  # a narrower terminal (COLUMNS=1) is drawn at this width, which it wraps, rather than one letter a line
MAX_SIZE = 1000  # COLUMNS or LINES beyond this (COLUMNS=1000000000000 was a MemoryError) are taken as this


class _ClosedStream:
    """Stands in for a standard stream that was closed (`0<&-`, `>&-`, `2>&-`), which Python leaves
    as None. Reading it is bad input (exit 2), writing the output to it output that cannot be
    written (exit 1); a message for a closed stderr has nowhere to go and is dropped, never an
    error of its own nor a reason to print on stdout."""

    closed = True

    def __init__(self, name: str) -> None:
        self.name = name

    def write(self, text: str) -> int:
        if self.name == "stderr":
            return len(text)
        raise OutputError(f"cannot write the output: {self.name} is closed")

    def read(self, size: int = -1) -> bytes:
        raise InputError(f"{self.name}: is closed (0<&-), so there is nothing to read")

    readline = read

    @property
    def buffer(self) -> "_ClosedStream":
        return self

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


# The program's own glyphs on a stream that cannot show them (LANG=C without UTF-8 mode,
# PYTHONIOENCODING=ascii): score bars, effect arrows, bullets, the robustness "±" and an ellipsis.
# rich draws its boxes in ASCII by itself there. Anything else that cannot be encoded (text from
# a knowledge base or a file name) is written as a \uXXXX escape, which in JSON output is the very
# same character.
ASCII_GLYPHS = {"█": "#", "░": "-", "▶": ">", "◀": "<", "•": "*", "±": "+/-", "…": "..."}


def _ascii_stand_ins(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if char in ASCII_GLYPHS:
            shown.append(ASCII_GLYPHS[char])
        elif code > 0xFFFF:  # as JSON spells it: a surrogate pair
            shown.append(f"\\u{0xD800 + ((code - 0x10000) >> 10):04x}\\u{0xDC00 + ((code - 0x10000) & 0x3FF):04x}")
        else:
            shown.append(f"\\u{code:04x}")
    return "".join(shown), error.end


def _standard_streams() -> None:
    """Closed standard streams get stand-ins (and /dev/null behind their descriptors, so that no file
    the run opens takes their place and receives what was meant for them); stdout and stderr write
    what their encoding cannot show with the stand-ins above, never an encoding error."""
    import codecs

    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        if getattr(sys, name) is None:
            try:
                os.fstat(fd)
            except OSError:
                null = os.open(os.devnull, os.O_RDWR)
                if null != fd:
                    os.dup2(null, fd)
                    os.close(null)
            setattr(sys, name, _ClosedStream(name))
    codecs.register_error("execadvisor.ascii", _ascii_stand_ins)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="execadvisor.ascii")


def _clamp_terminal_size() -> None:
    """COLUMNS and LINES as a terminal could have them: at least MIN_WIDTH columns and a line, at most MAX_SIZE."""
    for name, least in (("COLUMNS", MIN_WIDTH), ("LINES", 1)):
        try:
            given = int(os.environ.get(name, ""))
        except ValueError:
            continue
        if not least <= given <= MAX_SIZE:
            os.environ[name] = str(min(max(given, least), MAX_SIZE))


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

    from execadvisor.untrusted import shorten, visible

    flag, names = args[0], args[1:]
    supported = ", ".join(shell.value for shell in Shells)
    try:
        if len(names) > 1:
            raise InputError(f"{flag} takes one shell name at most; supported: {supported}")
        shell = names[0] if names else _detected_shell(flag, supported)
        if shell not in {s.value for s in Shells}:
            raise InputError(f"{flag}: {shorten(repr(shell))} is not a shell execadvisor can complete in; supported: {supported}")
    except InputError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if flag == "--show-completion":
        print(get_completion_script(prog_name=PROGRAM, complete_var=f"_{PROGRAM.upper()}_COMPLETE", shell=shell))
    else:
        shell, path = install(shell=shell, prog_name=PROGRAM)
        print(f"{shell} completion installed in {visible(str(path))}\nCompletion will take effect once you restart the terminal")
    return 0


def _detected_shell(flag: str, supported: str) -> str:
    try:
        import shellingham

        return shellingham.detect_shell()[0]
    except (ImportError, OSError):  # shellingham.ShellDetectionFailure is an OSError
        raise InputError(f"{flag}: cannot tell which shell this is; name it, e.g. {flag} bash (supported: {supported})") from None


def main() -> None:
    """The console script's work (see execadvisor._entry) and `python -m execadvisor`.

    A bug never shows the user a traceback unless they ask for one (EXECADVISOR_DEBUG=1); a reader
    that closes the pipe early (`| head`) ends the run quietly; output that cannot be written (a
    full disk, a closed stdout) is one message and exit 1; Ctrl-C anywhere gives "Aborted." and 130;
    SIGTERM and SIGHUP during the questionnaire restore the terminal and give 143 and 129. The
    process then leaves through `os._exit` once its output is flushed: tearing down the interpreter
    (freeing every module and pydantic schema) costs about 30 ms, a fifth of a scripted run, and
    nothing of ours needs to run at exit (files are written and closed by then).
    """
    _standard_streams()
    _clamp_terminal_size()
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
        _say_aborted()
        code = EXIT_ABORTED
    except BrokenPipeError:
        code = 1
    except OutputError as exc:
        say(f"Error: {exc}")
        code = 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        code = _signalled() or _last_defence(exc)
    if code == EXIT_ABORTED:
        _say_aborted()  # typer turns a Ctrl-C while it parses the command line into a silent 130
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
        _say_aborted()
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
    print(code, file=sys.stderr)
    return 1


def _flush_and_exit(code: int) -> None:
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        code = code or 1
    except OSError as exc:  # a full disk shows itself when the last buffer is written
        print(f"Error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        code = code or 1
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)
