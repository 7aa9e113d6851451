"""The terminal view: renders a Report (and role details) with rich. Reads well at 80 columns and
with NO_COLOR (rich honours it); nothing here decides anything, it only shows the result."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from execadvisor.knowledge import KnowledgeBase, ReportingNode, Role
from execadvisor.result import Contribution, HireProfile, Report

if TYPE_CHECKING:
    from execadvisor.listing import QuestionInfo

BAR = 20  # cells for a full 100-point score bar


def answer_text(kb: KnowledgeBase, question: str, answer: str) -> str:
    """'Revenue streams: many' for a rationale row."""
    return f"{kb.question(question).title}: {answer}"


def option_name(kb: KnowledgeBase, option_id: str) -> str:
    title = kb.option(option_id).title
    return f"{title} ({option_id})" if title != option_id else option_id


def score_bar(score: float, width: int = BAR) -> Text:
    cells = round(score / 100 * width)
    return Text("█" * cells, style="green") + Text("░" * (width - cells), style="dim")


def effect_bar(effect: float, scale: float) -> Text:
    """A signed bar: green to the right for a push up, red for a push down."""
    cells = max(1, round(abs(effect) / scale * 10)) if effect else 0
    style = "green" if effect > 0 else "red"
    return Text(f"{effect:+6.1f} ", style=style) + Text(("▶" if effect > 0 else "◀") * cells, style=style)


def _why_table(kb: KnowledgeBase, rows: list[Contribution], biggest: float) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    table.add_column("Answer", ratio=3)
    table.add_column("Effect", no_wrap=True, min_width=17)
    table.add_column("Why (source)", ratio=5)
    for row in sorted(rows, key=lambda c: -abs(c.effect)):
        reason = Text(row.reason)
        if row.via:
            reason = Text(f"[via {row.via}] ", style="dim") + reason
        reason.append(f" ({row.source})", style="dim cyan")
        table.add_row(answer_text(kb, row.question, row.answer), effect_bar(row.effect, biggest), reason)
    return table


def why(report: Report, kb: KnowledgeBase, option_id: str) -> RenderableType:
    """The answers that pushed one option up or down, biggest push first, each with its source."""
    rows = [c for c in report.rationale if c.option == option_id]
    biggest = max((abs(c.effect) for c in report.rationale), default=1.0) or 1.0
    ranked = next(r for r in report.ranking if r.id == option_id)
    title = Text.assemble(("Why ", "bold"), (option_name(kb, option_id), "bold"),
                          (f" - starts at {ranked.baseline:.1f}, these answers take it to {ranked.score:.1f}", "dim"))
    return Group(title, _why_table(kb, rows, biggest))


def reporting_tree(root: str, lines: Iterable[ReportingNode]) -> Tree:
    tree = Tree(Text(root, style="bold"))

    def add(branch: Tree, nodes: Iterable[ReportingNode]) -> None:
        for node in nodes:
            label = Text(node.title)
            if node.note:
                label.append(f" - {node.note}", style="dim")
            add(branch.add(label), node.reports)

    add(tree, lines)
    return tree


def _bullets(items: Iterable[str]) -> Table:
    """A bulleted list whose wrapped lines stay indented under their bullet."""
    grid = Table.grid()
    grid.add_column(width=2, no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row("•", item)
    return grid


def _sources(rows: Iterable[tuple[str, str]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(style="dim")
    for file, title in rows:
        grid.add_row(file, title)
    return grid


def hire_section(profile: HireProfile) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Reports to", profile.reports_to)
    grid.add_row("KPIs", _bullets(profile.kpis))
    grid.add_row("Team", reporting_tree(profile.role, profile.reporting_lines))
    grid.add_row("Hire for", _bullets(profile.background))
    grid.add_row("Watch for", _bullets(profile.challenges))
    grid.add_row("Revisit", _bullets(profile.revisit_when))
    grid.add_row("Sources", Text(", ".join(profile.sources), style="dim cyan"))
    return Panel(grid, title=f"What the {profile.name} ({profile.role}) would own", title_align="left", box=box.ROUNDED)


def headline(report: Report, kb: KnowledgeBase) -> Panel:
    rec = report.recommendation
    runner_up = report.ranking[1] if len(report.ranking) > 1 else None
    body = Text()
    body.append(option_name(kb, rec.id), style="bold")
    body.append(f"   {rec.score:.1f}/100\n", style="bold green")
    if runner_up is not None:
        if report.confidence == "close-call":
            body.append("Close call: ", style="bold yellow")
            body.append(f"only {report.margin:.1f} points ahead of {option_name(kb, runner_up.id)}. "
                        "Both cases are shown below; weigh them yourself.\n")
        else:
            body.append("Clear lead: ", style="bold")
            body.append(f"{report.margin:.1f} points ahead of {option_name(kb, runner_up.id)}.\n")
    body.append(rec.summary)
    return Panel(body, title="Recommendation", title_align="left", box=box.HEAVY, border_style="green")


def ranking_table(report: Report, kb: KnowledgeBase) -> Table:
    table = Table(title="Every option, best first", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Option")
    table.add_column("Score", justify="right")
    table.add_column("", no_wrap=True)
    for row in report.ranking:
        style = "bold" if row.rank == 1 else ""
        table.add_row(str(row.rank), Text(option_name(kb, row.id), style=style), f"{row.score:.1f}", score_bar(row.score))
    return table


def what_if_section(report: Report, kb: KnowledgeBase) -> RenderableType:
    if not report.what_if:
        return Text("What would change the pick: no single changed answer changes it.", style="dim")
    lines = Text("What would change the pick (one answer at a time, re-scored):\n", style="bold")
    for item in report.what_if:
        lines.append(f"• {kb.question(item.question).title}: {item.change} ")
        lines.append(f"-> {option_name(kb, item.recommendation)}\n")
    return lines


def explained_options(report: Report, explain: Iterable[str] = ()) -> list[str]:
    """The options whose case is shown: the pick, the runner-up in a close call, and any asked for,
    in ranking order."""
    wanted = {report.recommendation.id, *explain}
    if report.confidence == "close-call" and len(report.ranking) > 1:
        wanted.add(report.ranking[1].id)
    return [r.id for r in report.ranking if r.id in wanted]


def render_report(report: Report, kb: KnowledgeBase, console: Console, explain: Iterable[str] = ()) -> None:
    console.print(headline(report, kb))
    console.print(ranking_table(report, kb))
    for option_id in explained_options(report, explain):
        console.print(why(report, kb, option_id))
        console.print()
    if report.structure:
        source = kb.option(report.recommendation.id).source
        console.print(Text.assemble(("How it is organised: ", "bold"), report.structure, (f" ({source})", "dim cyan")), "")
    for profile in report.hire:
        console.print(hire_section(profile))
    for alt in report.alternatives:
        console.print(Panel(Text.assemble(alt.reason, (f" ({alt.source})", "dim cyan")),
                            title=f"Alternative: {alt.title}", title_align="left", border_style="yellow"))
    console.print(what_if_section(report, kb))
    console.print(Text("Sources", style="bold"))
    console.print(_sources((s.file, s.title) for s in report.sources))


# --- roles and compare ----------------------------------------------------------------------

ROLE_SECTIONS: list[tuple[str, str]] = [
    ("Scope", "scope"),
    ("Responsibilities", "responsibilities"),
    ("KPIs", "kpis"),
    ("Reporting lines", "reporting_lines"),
    ("Background to hire for", "background"),
    ("Challenges", "challenges"),
    ("Choose it when", "choose_when"),
    ("Revisit when", "revisit_when"),
]


def role_section(role: Role, field: str) -> RenderableType:
    if field == "reporting_lines":
        return reporting_tree(f"{role.id} (reports to {role.reports_to})", role.reporting_lines)
    return _bullets(getattr(role, field))


def render_role_list(kb: KnowledgeBase, console: Console) -> None:
    """One line per role: id, name and what it owns, cut to the terminal's width."""
    id_width = max(len(r.id) for r in kb.roles) + 2
    name_width = max(len(r.name) for r in kb.roles) + 2
    for role in kb.roles:
        line = Text.assemble((role.id.ljust(id_width), "bold"), role.name.ljust(name_width), (role.tagline, "dim"))
        line.truncate(console.width, overflow="ellipsis")
        console.print(line, no_wrap=True)
    console.print(Text("Options scored: " + ", ".join(o.id for o in kb.options), style="dim"))


def render_role(role: Role, kb: KnowledgeBase, console: Console) -> None:
    console.print(Panel(Text(role.summary), title=f"{role.name} ({role.id})", title_align="left", box=box.HEAVY))
    for heading, field in ROLE_SECTIONS:
        console.print(Text(heading, style="bold"))
        console.print(role_section(role, field))
        console.print()
    console.print(Text("Sources", style="bold"))
    console.print(_sources((file, kb.source_title(file)) for file in role.sources))


def render_question_table(listing: list[QuestionInfo], console: Console) -> None:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Flag", no_wrap=True, style="bold")
    table.add_column("Question and meaning")
    table.add_column("Values", no_wrap=True)
    for q in listing:
        values = "\n".join(v.value for v in q.values) if q.kind != "yes_no" else "(flag on / off)"
        extra = f" Pick {q.min_choices} to {q.max_choices}: repeat the flag." if q.kind == "many" else ""
        table.add_row(q.flag.replace(" / ", "\n"), Text.assemble(q.prompt + "\n", (q.help + extra, "dim")), values)
    console.print(table)


def render_compare(roles: list[Role], console: Console) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, pad_edge=False, expand=True)
    table.add_column("", style="bold", no_wrap=True)
    for role in roles:
        table.add_column(f"{role.name} ({role.id})", ratio=1)
    table.add_row("Summary", *(Text(r.summary) for r in roles))
    table.add_row("Reports to", *(r.reports_to for r in roles))
    for heading, field in ROLE_SECTIONS:
        table.add_row(heading, *(role_section(r, field) for r in roles))
    table.add_row("Sources", *(_bullets(r.sources) for r in roles))
    console.print(table)
