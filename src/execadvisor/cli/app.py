"""The commands: each parses its flags (declared once, in options.py) and hands them to what does
the work (run.py), inside `reported_errors`, which turns every failure into its exit code. No
domain logic; heavy modules are imported by the work itself, so `--help`, `--version` and scripted
`--json` runs start fast."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from execadvisor.cli import options as o
from execadvisor.cli import run
from execadvisor.cli.exits import new_run, reported_errors
from execadvisor.version import __version__

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


def _version(value: bool) -> None:
    if value:
        print(f"execadvisor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Who should lead your revenue - a CSO, CRO, CMO, CCO, or a combination?

    Run `execadvisor recommend` and answer the questions, or pass every answer as flags.

    Example: execadvisor recommend --company-size small --growth-stage early --business-model transactional --revenue-streams single --sales-marketing separate --priority scale-sales --no-sales-leader --marketing-leader --budget full-time
    """
    new_run()


@app.command(
    epilog="Example: execadvisor recommend --company-size large --growth-stage scaling --business-model subscription "
    "--revenue-streams many --sales-marketing siloed --priority alignment --priority retention --sales-leader "
    "--marketing-leader --budget full-time --json"
)
def recommend(
    company_size: o.CompanySize = None, growth_stage: o.GrowthStage = None, business_model: o.BusinessModel = None,
    revenue_streams: o.RevenueStreams = None, sales_marketing: o.SalesMarketing = None, priority: o.Priorities = None,
    sales_leader: o.SalesLeader = None, marketing_leader: o.MarketingLeader = None, budget: o.Budget = None,
    answers_file: o.AnswersFile = None, save_answers_to: o.SaveAnswers = None, rules: o.Rules = None, output_format: o.Format = None,
    as_json: o.Json = False, why: o.Why = None, detail: o.Detail = False, no_pager: o.NoPager = False, no_input: o.NoInput = False,
    fresh: o.Fresh = False, company: o.Company = None, memo_date: o.MemoDate = None, output: o.Output = None,
) -> None:
    """Recommend who should lead your revenue.

    Answers come from flags, then from --answers FILE; whatever is still missing is asked in the terminal. Without a terminal (a pipe, CI, cron) missing answers are an error listing the flags.
    """
    with reported_errors():
        run.recommend(o.given_answers(company_size, growth_stage, business_model, revenue_streams, sales_marketing, priority,
                                      sales_leader, marketing_leader, budget),
                      answers_file=answers_file, save_answers_to=save_answers_to, rules=rules, output_format=output_format,
                      as_json=as_json, why=why, detail=detail, no_pager=no_pager, no_input=no_input, fresh=fresh, company=company,
                      date=memo_date, output=output)


@app.command(epilog="Example: execadvisor team ana.yaml ben.yaml cho.yaml  (each written by `execadvisor recommend "
             "--save-answers NAME.yaml`)")
def team(
    files: Annotated[list[Path], typer.Argument(metavar="FILE FILE [FILE...]", dir_okay=False, show_default=False,
                                                help="2 to 50 answers files, one a person, named after them (ana.yaml is ana).")],
    rules: o.Rules = None, output_format: o.Format = None, as_json: o.Json = False, detail: o.Detail = False,
    no_pager: o.NoPager = False, company: o.Company = None, memo_date: o.MemoDate = None, output: o.Output = None,
) -> None:
    """Decide together: each person's pick, the team's answers and pick, and which disagreements change it.

    Everyone answers alone (`execadvisor recommend --save-answers ana.yaml`, or a file written by hand that answers every question); then the team's files go in together. The team's answer to a question is the median of an ordered scale (size, stage, streams), the most common answer otherwise, and the up to three most named priorities; a tie among the people is broken by a stated rule. A disagreement matters when one person's answer, put in the team's, changes the pick.
    """
    with reported_errors():
        run.team(files, rules=rules, output_format=output_format, as_json=as_json, detail=detail, no_pager=no_pager,
                 company=company, date=memo_date, output=output)


@app.command(epilog="Examples: execadvisor path --answers today.yaml | execadvisor path --answers today.yaml "
             "--vary growth-stage --vary revenue-streams --json")
def path(
    company_size: o.CompanySize = None, growth_stage: o.GrowthStage = None, business_model: o.BusinessModel = None,
    revenue_streams: o.RevenueStreams = None, sales_marketing: o.SalesMarketing = None, priority: o.Priorities = None,
    sales_leader: o.SalesLeader = None, marketing_leader: o.MarketingLeader = None, budget: o.Budget = None,
    answers_file: o.AnswersFile = None, vary: o.Vary = None, rules: o.Rules = None, output_format: o.Format = None,
    as_json: o.Json = False, company: o.Company = None, memo_date: o.MemoDate = None, output: o.Output = None,
) -> None:
    """The pick as the company grows: at every value of an ordered question, the other answers held, and where it changes.

    Answers come from flags and --answers FILE, as for recommend, but path never asks: every answer is needed except the varied questions'. Those that are given are today's, marked in the view. Each step is exactly what recommend gives for its answers.
    """
    with reported_errors():
        run.path(o.given_answers(company_size, growth_stage, business_model, revenue_streams, sales_marketing, priority,
                                 sales_leader, marketing_leader, budget),
                 answers_file=answers_file, vary=vary, rules=rules, output_format=output_format, as_json=as_json, company=company,
                 date=memo_date, output=output)


@app.command(epilog="Examples: execadvisor roles | execadvisor roles CRO | execadvisor roles chief-customer-officer --json")
def roles(
    role: Annotated[Optional[str], typer.Argument(help="A role id or alias (CSO, CRO, CMO, CCO, CCXO...); omit to list them all.",
                                                  show_default=False)] = None,
    as_json: o.JsonListing = False, rules: o.RulesOnly = None,
) -> None:
    """List the roles the advisor knows, one line each, or show one role in full."""
    with reported_errors():
        run.roles(role, as_json, rules)


@app.command(epilog="Example: execadvisor compare CSO CRO CMO")
def compare(
    role_ids: Annotated[list[str], typer.Argument(metavar="ROLE ROLE [ROLE...]", help="Two or more role ids or aliases.")],
    rules: o.RulesOnly = None,
) -> None:
    """Compare roles side by side: scope, responsibilities, KPIs, reporting lines, background, challenges."""
    with reported_errors():
        run.compare(role_ids, rules)


@app.command(epilog="Examples: execadvisor questions | execadvisor questions --json")
def questions(as_json: o.JsonListing = False) -> None:
    """List the questions: their flags, what they mean and the values they allow."""
    with reported_errors():
        run.questions(as_json)


@app.command(
    epilog="Examples: execadvisor batch profiles.jsonl > results.jsonl | "
    "cat profiles.jsonl | execadvisor batch - --full > reports.jsonl"
)
def batch(
    file: Annotated[Optional[str], typer.Argument(metavar="[FILE|-]", help="JSON Lines, one answers object per line; - reads stdin.",
                                                  show_default=False)] = None,
    full: Annotated[bool, typer.Option("--full", help="Write the whole recommend --json document for each line.")] = False,
    rules: o.RulesOnly = None,
) -> None:
    """Score many profiles: JSON Lines in, JSON Lines out, one result per line in the same order.

    A bad line is answered in place with {"line": N, "error": "..."} and the run goes on; the exit code is 0 when every line succeeded and 2 otherwise. Keys as in `execadvisor questions`.
    """
    with reported_errors():
        run.batch(file, full, rules)


@app.command(epilog="Examples: execadvisor schema > report.schema.json | execadvisor schema batch")
def schema(
    subject: Annotated[o.SchemaSubject, typer.Argument(help="Which document: recommend (the default), batch (one output line), "
                                                       "questions, roles (the list), role (one role), team or path.")]
    = o.SchemaSubject.recommend,
) -> None:
    """Print the JSON Schema of a JSON document the tool prints, with $schema and $id."""
    run.schema(subject.value)


@rules_app.command("export", epilog="Example: execadvisor rules export my-rules.yaml")
def rules_export(
    file: Annotated[Optional[Path], typer.Argument(help="Where to write it; omit it, or -, for stdout.", dir_okay=False,
                                                   show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write the built-in knowledge base (roles, questions, rules, weights, texts, sources) as YAML."""
    with reported_errors():
        run.rules_export(file, force)


@rules_app.command("validate", epilog="Example: execadvisor rules validate my-rules.yaml")
def rules_validate(file: Annotated[Path, typer.Argument(help="The knowledge base file to check.", dir_okay=False)]) -> None:
    """Check an edited knowledge base; exit 0 when it is usable, 2 with `FILE: path: problem` when not."""
    with reported_errors():
        run.rules_validate(file)
