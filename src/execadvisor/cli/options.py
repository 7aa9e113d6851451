"""The flags, declared once: each command that takes a flag takes this declaration of it, so that it
is spelled, explained, completed and grouped alike everywhere (`recommend`, `team`, `path`...)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

COMPANY = "The company"
NEEDS = "Needs and leadership"
FILES = "Files and output"


def values_of(question_id: str) -> Callable[[str], list[str]]:
    """Shell completion for one question's flag: its allowed values that start with what is typed."""

    def complete(incomplete: str) -> list[str]:
        from execadvisor.core.contract import QUESTIONS

        return [v for v in QUESTIONS[question_id][1] if v.startswith(incomplete.lower())]

    return complete


def varied_questions(incomplete: str) -> list[str]:
    from execadvisor.core.contract import ORDERED_QUESTIONS

    return [q for q in ORDERED_QUESTIONS if q.startswith(incomplete.lower().replace("-", "_"))]


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class SchemaSubject(str, Enum):
    recommend = "recommend"
    batch = "batch"
    questions = "questions"
    roles = "roles"
    role = "role"
    team = "team"
    path = "path"


def _option(*names: str, panel: str | None = None, **settings: object) -> typer.models.OptionInfo:
    return typer.Option(*names, rich_help_panel=panel, show_default=False, **settings)  # type: ignore[arg-type]


# --- the answers ---------------------------------------------------------------------------------

CompanySize = Annotated[Optional[str], _option(
    "--company-size", metavar="SIZE", autocompletion=values_of("company_size"), panel=COMPANY,
    help="startup (under 20 people), small (20-200), midsize (200-1,000), large (1,000-5,000) or enterprise (5,000+).")]
GrowthStage = Annotated[Optional[str], _option(
    "--growth-stage", metavar="STAGE", autocompletion=values_of("growth_stage"), panel=COMPANY, help="early, scaling or mature.")]
BusinessModel = Annotated[Optional[str], _option(
    "--business-model", metavar="MODEL", autocompletion=values_of("business_model"), panel=COMPANY,
    help="transactional (one-off sales), subscription (recurring revenue) or hybrid.")]
RevenueStreams = Annotated[Optional[str], _option(
    "--revenue-streams", metavar="STREAMS", autocompletion=values_of("revenue_streams"), panel=COMPANY,
    help="single, few or many distinct revenue channels (products, services, partnerships, resellers...).")]
SalesMarketing = Annotated[Optional[str], _option(
    "--sales-marketing", metavar="SETUP", autocompletion=values_of("sales_marketing"), panel=COMPANY,
    help="separate (distinct teams, clear hand-offs), integrated (one revenue team) or siloed (separate and poorly aligned).")]
Priorities = Annotated[Optional[list[str]], _option(
    "--priority", metavar="PRIORITY", autocompletion=values_of("priorities"), panel=NEEDS,
    help="A top priority; repeat for two or three: scale-sales, sales-expertise, retention, alignment, new-revenue-streams, "
         "brand, lead-generation, market-expansion, partnerships, customer-experience.")]
SalesLeader = Annotated[Optional[bool], _option(
    "--sales-leader/--no-sales-leader", panel=NEEDS, help="Is there already strong sales leadership?")]
MarketingLeader = Annotated[Optional[bool], _option(
    "--marketing-leader/--no-marketing-leader", panel=NEEDS, help="Is there already strong marketing leadership?")]
Budget = Annotated[Optional[str], _option(
    "--budget", metavar="BUDGET", autocompletion=values_of("budget"), panel=NEEDS,
    help="full-time, or constrained (a full-time C-level hire is not affordable now).")]


def given_answers(company_size: str | None, growth_stage: str | None, business_model: str | None, revenue_streams: str | None,
                  sales_marketing: str | None, priority: list[str] | None, sales_leader: bool | None, marketing_leader: bool | None,
                  budget: str | None) -> dict[str, object]:
    """The answer flags, by question id (None where a flag was not given)."""
    return {"company_size": company_size, "growth_stage": growth_stage, "business_model": business_model,
            "revenue_streams": revenue_streams, "sales_marketing": sales_marketing, "priorities": priority or None,
            "sales_leader": sales_leader, "marketing_leader": marketing_leader, "budget": budget}


# --- files and output ----------------------------------------------------------------------------

AnswersFile = Annotated[Optional[Path], _option(
    "--answers", panel=FILES, dir_okay=False, help="Read answers from a YAML or JSON file (- reads stdin); flags override it.")]
SaveAnswers = Annotated[Optional[Path], _option(
    "--save-answers", panel=FILES, dir_okay=False, help="Write the answers as used to a YAML (or .json) file, to repeat the run.")]
Rules = Annotated[Optional[Path], _option(
    "--rules", panel=FILES, dir_okay=False, help="Use this knowledge base instead of the built-in one.")]
Format = Annotated[Optional[OutputFormat], _option(
    "--format", metavar="FORMAT", panel=FILES, help="table (default), json or markdown.")]
Json = Annotated[bool, _option("--json", panel=FILES, help="Short for --format json.")]
Why = Annotated[Optional[list[str]], _option(
    "--why", metavar="OPTION", panel=FILES,
    help="Also chart what pushed this option up or down (an id such as CSO, or 'all'); repeatable.")]
Detail = Annotated[bool, _option(
    "--detail", panel=FILES, help="Show the full case (every reason, the hire profile, the sources), not just the first screen.")]
NoPager = Annotated[bool, _option("--no-pager", panel=FILES, help="Never page long output in a terminal (see PAGER).")]
NoInput = Annotated[bool, _option(
    "--no-input", panel=FILES, help="Never ask: missing answers are an error (exit 2), even in a terminal.")]
Fresh = Annotated[bool, _option(
    "--fresh", panel=FILES, help="Start the questionnaire over, discarding the answers kept from interrupted runs.")]
Company = Annotated[Optional[str], _option(
    "--company", metavar="NAME", panel=FILES, help="The company's name, for the memo's title (--format markdown).")]
MemoDate = Annotated[Optional[str], _option(
    "--date", metavar="YYYY-MM-DD", panel=FILES, help="The memo's date (default: today), so a memo can be made again word for word.")]
Output = Annotated[Optional[Path], _option(
    "--output", "-o", panel=FILES, dir_okay=False, help="Write the report to this file (atomically; - is stdout) instead of stdout.")]
Vary = Annotated[Optional[list[str]], _option(
    "--vary", metavar="QUESTION", autocompletion=varied_questions, panel=COMPANY,
    help="The question to walk along: company_size (the default), growth_stage or revenue_streams; give two for a grid.")]
JsonListing = Annotated[bool, _option("--json", help="Print JSON instead of a table.")]
RulesOnly = Annotated[Optional[Path], _option("--rules", dir_okay=False, help="Use this knowledge base instead of the built-in one.")]
