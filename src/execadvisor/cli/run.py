"""What each command does once its flags are parsed: gather the answers (flags over an answers file
over the questionnaire), call the API, hand the result to the views and the files, and - in a
terminal - to the founder's session. The order of the work is chosen for start-up: heavy modules
are imported where they are used, and the first question is asked before the knowledge base is
loaded when nothing needs it sooner."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import ChainMap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from execadvisor.cli.commandline import flag_words
from execadvisor.cli.deliver import chosen_format, console, deliver, json_text, memo_text, page, report_text, table
from execadvisor.cli.exits import EXIT_BAD_INPUT
from execadvisor.cli.options import OutputFormat
from execadvisor.errors import InputError, OutputError
from execadvisor.streams import say
from execadvisor.untrusted import shorten

if TYPE_CHECKING:
    from execadvisor.core.contract import Answers
    from execadvisor.core.knowledge import KnowledgeBase, Role
    from execadvisor.core.result import Report

Asker = Callable[[list[str], dict[str, Any]], dict[str, Any]]  # (the questions to ask, the answers given) -> answers


def stdin_is_terminal() -> bool:
    """Whether a person can answer questions; never wait for input from a pipe, CI or cron (or a
    stdin that is closed)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):  # None, or a closed file
        return False


def knowledge(rules: Path | None) -> KnowledgeBase:
    from execadvisor.api import load_knowledge

    return load_knowledge(rules)


def gather_answers(flags: Mapping[str, Any], from_file: Mapping[str, Any], ask: Asker | None,
                   not_asking: str = "no terminal to ask in") -> Answers:
    """The one place that layers the sources of answers: flags over the answers file, the
    questionnaire (`ask`) for what is left. `ask` is None when there is no one to ask; then
    anything missing is an error that lists the flags to pass."""
    from execadvisor.core.answers import check_partial
    from execadvisor.core.contract import QUESTIONS, Answers, flag_for

    given = check_partial({k: v for k, v in flags.items() if v is not None}, "command line", lambda qid: flag_for(qid).split(" ")[0])
    layers = ChainMap(given, dict(from_file))
    missing = [qid for qid in QUESTIONS if qid not in layers]
    if missing:
        if ask is None:
            needed = ", ".join(flag_for(qid) for qid in missing)
            raise InputError(f"missing answers and {not_asking}: {needed}\n"
                             "Pass them as flags or in --answers FILE; `execadvisor questions` lists the allowed values.")
        layers.maps.append(ask(missing, dict(layers)))
    return Answers.model_validate(dict(layers))


def memo_date(given: Optional[str]) -> str:
    import datetime

    if given is None:
        return datetime.date.today().isoformat()
    try:
        return datetime.date.fromisoformat(given.strip()).isoformat()
    except ValueError:
        raise InputError(f"--date: {shorten(repr(given))} is not a date; use YYYY-MM-DD, e.g. 2026-11-23") from None


def memo_of(company: str | None, date: str | None) -> dict[str, str]:
    return {"company": " ".join((company or "").split()), "date": memo_date(date)}


def refuse_overwriting_inputs(inputs: dict[str, Optional[Path]], outputs: dict[str, Optional[Path]]) -> None:
    """A run never writes over a file it reads, nor writes two outputs to one file: exit 2 first."""
    from execadvisor.streams.writing import same_file

    named = [(flag, path) for flag, path in outputs.items() if path is not None and str(path) != "-"]
    for i, (flag, path) in enumerate(named):
        for other, source in [*((f, p) for f, p in inputs.items() if p is not None), *named[:i]]:
            if same_file(path, source):
                raise InputError(f"{flag} {path}: is the same file as {other} {source}; the run would overwrite it. "
                                 "Write to another file.")


def writes_stdout(path: Path) -> bool:
    """Whether an output path is stdout: '-', or a name for it (/dev/stdout, /dev/fd/1)."""
    from execadvisor.streams.writing import stream_descriptor

    return str(path) == "-" or stream_descriptor(path) == 1


def options_to_explain(kb: KnowledgeBase, names: list[str]) -> list[str]:
    """Option ids named by --why, in the knowledge base's spelling; 'all' names every option."""
    known = {o.id.lower(): o.id for o in kb.options}
    chosen: list[str] = []
    for name in names:
        if name.lower() == "all":
            return list(known.values())
        if name.lower() not in known:
            raise InputError(f"--why: unknown option {shorten(repr(name))}; allowed: {', '.join(known.values())}, all")
        chosen.append(known[name.lower()])
    return chosen


def warn_other_knowledge(kb: KnowledgeBase, saved: list[tuple[Path, Optional[dict]]]) -> None:
    """One warning naming the answers files saved with another knowledge base than this run's."""
    other = [(path, recorded) for path, recorded in saved if recorded is not None and recorded.get("sha256") != kb.identity.sha256]
    if len(other) == 1:
        path, recorded = other[0]
        say(f"Warning: {path} was saved with the knowledge base {shorten(str(recorded.get('name', '?')))} "
            f"(sha256 {shorten(str(recorded.get('sha256')), 15)}); this run uses {kb.identity.name} "
            f"(sha256 {kb.identity.sha256[:12]}...), so the advice may differ.")
    elif other:
        say(f"Warning: {', '.join(str(path) for path, _ in other)} were saved with another knowledge base; this run "
            f"uses {kb.identity.name} (sha256 {kb.identity.sha256[:12]}...), so the advice may differ.")


def no_stdout_file(output: Optional[Path]) -> Optional[Path]:
    """`--output -` is stdout, as if no file were named."""
    return None if output is not None and str(output) == "-" else output


# --- recommend ---------------------------------------------------------------------------------------------


def recommend(flags: dict[str, Any], *, answers_file: Optional[Path], save_answers_to: Optional[Path], rules: Optional[Path],
              output_format: Optional[OutputFormat], as_json: bool, why: Optional[list[str]], detail: bool, no_pager: bool,
              no_input: bool, fresh: bool, company: Optional[str], date: Optional[str], output: Optional[Path]) -> None:
    """The recommendation: answers from flags, the file and the questionnaire; the report in the
    format asked for, to the terminal or files; then, after a questionnaire, the session's loop."""
    from execadvisor.core.contract import answer_flags

    fmt = chosen_format(as_json, output_format)
    output = no_stdout_file(output)
    memo = memo_of(company, date)
    refuse_overwriting_inputs({"--answers": answers_file, "--rules": rules}, {"--output": output, "--save-answers": save_answers_to})
    if output is None and save_answers_to is not None and writes_stdout(save_answers_to):
        raise InputError(f"--save-answers {save_answers_to}: the report goes to stdout too, and one output takes one document; "
                         "save the answers to a file, or give the report one with --output")
    interactive = stdin_is_terminal() and not no_input
    # In a terminal, with the built-in knowledge base and nothing to check against it first (--why,
    # an answers file), the questionnaire starts from the built-in questions alone and the knowledge
    # base is loaded after it: the first question is on screen sooner (see execadvisor.core.packaged).
    questions_first = rules is None and not why and answers_file is None and interactive
    kb = None if questions_first else knowledge(rules)
    explain = options_to_explain(kb, why or []) if kb is not None else []
    from_file: dict[str, Any] = {}
    if answers_file is not None:
        from execadvisor.api import read_answers

        from_file, recorded = read_answers(answers_file)
        if kb is not None:
            warn_other_knowledge(kb, [(answers_file, recorded)])

    # What the run was given, to say how to resume it; and what changes its result, for the repeat line.
    carried = flag_words(("--rules", rules), ("--why", why), ("--company", company), ("--date", date))
    given = answer_flags({qid: value for qid, value in flags.items() if value is not None}) + flag_words(
        ("--answers", answers_file), ("--json", as_json), ("--format", output_format and output_format.value), ("--output", output),
        ("--save-answers", save_answers_to), ("--detail", detail), ("--no-pager", no_pager)) + carried
    asked = None

    def ask(missing: list[str], known: dict[str, Any]) -> dict:
        nonlocal asked
        from execadvisor.cli.commandline import shell_words
        from execadvisor.core.packaged import builtin_questions
        from execadvisor.session import ask_questions
        from execadvisor.views.display import knowledge_for_display

        questions = (builtin_questions() if kb is None else None) or knowledge_for_display(kb if kb is not None else knowledge(rules))
        asked = ask_questions(questions, missing, fresh=fresh, known=known, again=shell_words(["execadvisor", "recommend", *given]))
        return asked.answers

    from execadvisor.streams.tty import holding_terminal

    with holding_terminal() if interactive else contextlib.nullcontext():
        answers = gather_answers(flags, from_file, ask if interactive else None, "--no-input given" if no_input else "no terminal to ask in")
        kb = kb if kb is not None else knowledge(rules)
        from execadvisor.api import recommend as score  # after any questions: the first one is on screen sooner

        report = score(answers, kb)
        exploring = asked is not None and fmt is OutputFormat.table and output is None and sys.stdout.isatty()
        text = report_text(report, kb, fmt, to_file=output is not None, explain=explain, memo=memo, detail=detail, pager=not no_pager,
                           interactive=exploring)
        # Everything is computed: now write every file, or none if any cannot be written.
        outputs: list[tuple[Path, str]] = []
        if save_answers_to is not None:
            from execadvisor.views.saved import answers_text

            outputs.append((save_answers_to, answers_text(answers, save_answers_to, report.knowledge.model_dump())))
        if output is not None:
            outputs.append((output, text or ""))
        if outputs:
            from execadvisor.streams.writing import write_outputs

            write_outputs(outputs)
        if output is not None:
            say(f"Wrote {fmt.value} report to {output}")
        elif text is not None:
            sys.stdout.write(text)
        if asked is not None:
            from execadvisor.session import forget

            forget(asked.resumed)  # the run is complete: the answers it resumed are no longer needed
        elif fresh:
            from execadvisor.session import forget_all

            forget_all()  # nothing was asked (the questionnaire discards them as it starts): once the run has succeeded
        if exploring:
            _explore(kb, report, explain, memo, pager=not no_pager, inputs=[p for p in (answers_file, rules) if p is not None],
                     carried=carried)


def _explore(kb: KnowledgeBase, report: Report, explain: list[str], memo: dict[str, str], pager: bool, inputs: list[Path],
             carried: list[str]) -> None:
    """After the answer in an interactive session: change an answer and re-score, show the full
    case or the path, save the answers, write the memo, or quit with the command that repeats the run."""
    from prompt_toolkit.output import create_output

    from execadvisor.api import path
    from execadvisor.api import recommend as score
    from execadvisor.cli.commandline import command_line
    from execadvisor.session import Actions, explore
    from execadvisor.streams.writing import same_file, write_outputs
    from execadvisor.views.display import knowledge_for_display
    from execadvisor.views.saved import answers_text

    def show(shown: Report, detail: bool) -> None:
        report_text(shown, kb, OutputFormat.table, False, explain, memo, detail=detail, pager=pager, interactive=True)

    def write(where: Path, shown: Report, what: str) -> None:
        if any(same_file(where, source) for source in inputs):
            say(f"Not written: {where} is a file this run reads.")
            return
        text = answers_text(shown.answers, where, shown.knowledge.model_dump()) if what == "answers" else memo_text(shown, kb, explain, memo)
        try:
            write_outputs([(where, text)])
        except (InputError, OutputError) as exc:
            say(f"Not written: {exc}")
            return
        say(f"Wrote the {what} to {where}")

    def grow(answers: Answers) -> None:
        from execadvisor.views.path import render_path

        shown = console()
        with shown.capture() as captured:
            render_path(path(answers, knowledge=kb), kb, shown)
        page(captured.get(), shown.size.height)

    actions = Actions(rescore=lambda answers: score(answers, kb), show=show, write=write,
                      again=lambda answers: command_line(answers, tuple(carried)), grow=grow)
    explore(knowledge_for_display(kb), report, actions, sys.stdout, create_output(stdout=sys.stdout))


# --- team and path -------------------------------------------------------------------------------------


def team(files: list[Path], *, rules: Optional[Path], output_format: Optional[OutputFormat], as_json: bool, detail: bool,
         no_pager: bool, company: Optional[str], date: Optional[str], output: Optional[Path]) -> None:
    """The team's decision from the team's answers files, in the format asked for."""
    from execadvisor.api import team

    fmt = chosen_format(as_json, output_format)
    output = no_stdout_file(output)
    memo = memo_of(company, date)
    for file in files:
        refuse_overwriting_inputs({"the team's file": file, "--rules": rules}, {"--output": output})
    kb = knowledge(rules)
    report = team(files, knowledge=kb)
    warn_other_knowledge(kb, [(Path(p.file), p.saved_with.model_dump() if p.saved_with else None) for p in report.participants])
    if fmt is OutputFormat.json:
        text = json_text(report)
    elif fmt is OutputFormat.markdown:
        from execadvisor.views.team import render_team_markdown

        text = render_team_markdown(report, kb, **memo)
    else:
        from execadvisor.views.team import render_team_detail, render_team_summary

        text = table(lambda shown, lines: render_team_detail(report, kb, shown) if detail else render_team_summary(report, kb, shown, lines=lines),
                     output is not None, detail and not no_pager)
    deliver(text, output, f"the team's report ({fmt.value})")


def path(flags: dict[str, Any], *, answers_file: Optional[Path], vary: Optional[list[str]], rules: Optional[Path],
         output_format: Optional[OutputFormat], as_json: bool, company: Optional[str], date: Optional[str], output: Optional[Path]) -> None:
    """The pick along one or two ordered questions, the other answers held, in the format asked for."""
    from execadvisor.api import path, read_answers
    from execadvisor.core.contract import QUESTIONS
    from execadvisor.core.growth import varied_questions

    fmt = chosen_format(as_json, output_format)
    varied = varied_questions(vary or [])
    output = no_stdout_file(output)
    memo = memo_of(company, date)
    refuse_overwriting_inputs({"--answers": answers_file, "--rules": rules}, {"--output": output})
    kb = knowledge(rules)
    from_file, recorded = read_answers(answers_file) if answers_file else ({}, None)
    if answers_file is not None:
        warn_other_knowledge(kb, [(answers_file, recorded)])
    # A varied question needs no answer: a stand-in lets the one layering function check all the others.
    stand_ins = {q: QUESTIONS[q][1][0] for q in varied if flags[q] is None and q not in from_file}
    answers = gather_answers({**flags, **stand_ins}, from_file, None, "path never asks")
    report = path({q: v for q, v in answers.as_plain().items() if q not in stand_ins}, varied, knowledge=kb)
    if fmt is OutputFormat.json:
        text = json_text(report)
    elif fmt is OutputFormat.markdown:
        from execadvisor.views.path import render_path_markdown

        text = render_path_markdown(report, kb, **memo)
    else:
        from execadvisor.views.path import render_path

        text = table(lambda shown, lines: render_path(report, kb, shown), output is not None, False)
    deliver(text, output, f"the path ({fmt.value})")


# --- the roles, the questions, the schemas, the knowledge base ------------------------------------------


def find_roles(kb: KnowledgeBase, names: list[str]) -> list[Role]:
    found = []
    for name in names:
        role = kb.find_role(name)
        if role is None:
            known = ", ".join(r.id for r in kb.roles)
            raise InputError(f"unknown role {shorten(repr(name))}; known roles: {known} (aliases such as chief-revenue-officer work too)")
        found.append(role)
    return found


def roles(role: Optional[str], as_json: bool, rules: Optional[Path]) -> None:
    kb = knowledge(rules)
    if role is None:
        if as_json:
            from execadvisor.views.documents import roles_json

            sys.stdout.write(roles_json(kb) + "\n")
            return
        from execadvisor.views.terminal import render_role_list

        render_role_list(kb, console())
        return
    found = find_roles(kb, [role])[0]
    if as_json:
        from execadvisor.views.documents import role_json

        sys.stdout.write(role_json(found) + "\n")
        return
    from execadvisor.views.terminal import render_role

    render_role(found, kb, console())


def compare(role_ids: list[str], rules: Optional[Path]) -> None:
    if len(role_ids) < 2:
        raise InputError("compare needs at least two roles, e.g. `execadvisor compare CSO CRO`")
    kb = knowledge(rules)
    from execadvisor.views.terminal import render_compare

    render_compare(find_roles(kb, role_ids), kb, console())


def questions(as_json: bool) -> None:
    from execadvisor.views.documents import listing_json, question_listing

    listing = question_listing(knowledge(None))
    if as_json:
        sys.stdout.write(listing_json(listing) + "\n")
        return
    from execadvisor.views.terminal import render_question_table

    render_question_table(listing, console())


def batch(file: Optional[str], full: bool, rules: Optional[Path]) -> None:
    """JSON Lines in, JSON Lines out; exit 2 when any line failed."""
    from execadvisor.cli.deliver import batch_lines

    if file is None and stdin_is_terminal():
        raise InputError("batch reads JSON Lines from FILE, or from stdin with '-' or a pipe; stdin is a terminal")
    kb = knowledge(rules)
    if file in (None, "-"):
        answered, failed, first = batch_lines(sys.stdin.buffer, None, kb, full)
    else:
        try:
            stream = open(file, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise InputError(f"{file}: cannot read: {exc.strerror or exc}") from None
        with stream:
            size = os.fstat(stream.fileno()).st_size
            answered, failed, first = batch_lines(stream, size or None, kb, full)
    if failed:
        say(f"Error: {failed:,} of {answered:,} lines could not be scored (the first: line {first:,}); each one's "
            "error is on its own line of the output.")
        raise typer.Exit(EXIT_BAD_INPUT)


def schema(subject: str) -> None:
    import json

    from execadvisor.views.documents import json_schema

    sys.stdout.write(json.dumps(json_schema(subject), indent=2, ensure_ascii=False) + "\n")


def rules_export(file: Optional[Path], force: bool) -> None:
    from execadvisor.core.packaged import builtin_text

    text = builtin_text()
    if file is None or str(file) == "-":
        sys.stdout.write(text)
        return
    from execadvisor.streams.writing import atomic_write, exists_already

    if not force and exists_already(file):
        raise InputError(f"{file}: already exists; pass --force to overwrite it")
    atomic_write(file, text)
    say(f"Wrote the built-in knowledge base to {file}")


def rules_validate(file: Path) -> None:
    kb = knowledge(file)
    say(f"{file}: OK - {len(kb.roles)} roles, {len(kb.options)} options, {len(kb.questions)} questions, {len(kb.rules)} rules", sys.stdout)
