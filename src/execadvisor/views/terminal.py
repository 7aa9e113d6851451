"""The terminal view: renders a Report (and role details) with rich. Reads well at 80 columns and
with NO_COLOR (rich honours it); nothing here decides anything, it only shows the result."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import zip_longest
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from execadvisor.views.display import for_display, knowledge_for_display, report_for_display
from execadvisor.core.knowledge import Claim, KnowledgeBase, ReportingNode, Role
from execadvisor.core.result import ClaimOut, Contribution, HireProfile, NodeOut, Report
from execadvisor.views.words import (
    FIRST_SCREEN, SCORE_MEANING, ahead_of, answer_text, budget_heading, budget_line, case_groups, citation, counted_member, explained_options,
    footing_text, graded_citation, option_name, robustness_text, seats_text, source_label, staffing_words, what_if_text,
)

if TYPE_CHECKING:
    from rich.tree import Tree

    from execadvisor.views.documents import QuestionInfo

BAR = 20  # cells for a full 100-point score bar


def _panel(body: RenderableType, title: str, **options: Any) -> Panel:
    """A panel with its title on the left, as plain text: a title (names come from knowledge
    files) is never read as rich markup or emoji codes."""
    return Panel(body, title=Text(title), title_align="left", **options)


def claim_text(kb: KnowledgeBase, claim: ClaimOut | Claim) -> Text:
    """A claim with its citation after it, dimmed; the advisor's own guidance is marked as such."""
    style = "dim cyan" if claim.source else "dim italic"
    return Text.assemble(claim.text, (f" ({citation(kb, claim.source, claim.section)})", style))


def claims_text(kb: KnowledgeBase, claims: Iterable[ClaimOut | Claim], separator: str = " ") -> Text:
    return Text(separator).join(claim_text(kb, c) for c in claims)


def score_bar(score: float, width: int = BAR) -> Text:
    cells = round(score / 100 * width)
    return Text("█" * cells, style="green") + Text("░" * (width - cells), style="dim")


def effect_bar(effect: float, scale: float) -> Text:
    """A signed bar: green to the right for a push up, red for a push down."""
    cells = max(1, round(abs(effect) / scale * 10)) if effect else 0
    style = "green" if effect > 0 else "red"
    return Text(f"{effect:+6.1f} ", style=style) + Text(("▶" if effect > 0 else "◀") * cells, style=style)


def _why_table(kb: KnowledgeBase, groups: list[tuple[str, list[Contribution]]], biggest: float) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    table.add_column("Answer", ratio=3)
    table.add_column("Points", no_wrap=True, min_width=17)
    table.add_column("Why (source)", ratio=5)
    for whose, rows in groups:
        for row in sorted(rows, key=lambda c: -abs(c.effect)):
            reason = Text(row.reason)
            if len(groups) > 1:
                reason = Text(f"[{whose}] ", style="dim") + reason
            reason.append(f" ({graded_citation(kb, row)})", style="dim cyan")
            table.add_row(answer_text(kb, row.question, row.answer), effect_bar(row.effect, biggest), reason)
    return table


def why(report: Report, kb: KnowledgeBase, option_id: str) -> RenderableType:
    """The answers that pushed one option up or down, biggest push first, each with its source and
    how strongly the source says it. A combination's case is both members' cases and its own."""
    groups = case_groups(report, kb, option_id)
    biggest = max((abs(c.effect) for c in report.rationale), default=1.0) or 1.0
    ranked = next(r for r in report.ranking if r.id == option_id)
    title = Text.assemble(("Why ", "bold"), (option_name(kb, option_id), "bold"),
                          (f" - starts at {ranked.baseline:.1f}, these answers take it to {ranked.score:.1f}", "dim"))
    parts: list[RenderableType] = [title]
    if kb.option(option_id).is_combination:
        counted = counted_member(report, option_id)
        whose = f" - here the {counted}'s -" if counted else ""
        parts.append(Text(f"Two executives, so both cases are shown: the score counts the weaker of the two{whose} plus "
                          "what speaks for having both.", style="dim"))
    parts.append(_why_table(kb, groups, biggest))
    return Group(*parts)


def reporting_tree(kb: KnowledgeBase, root: str | Text, lines: Iterable[NodeOut | ReportingNode]) -> Tree:
    from rich.tree import Tree  # only the full case and the role views draw trees, not the first screen

    tree = Tree(Text(root, style="bold") if isinstance(root, str) else root)

    def add(branch: Tree, nodes: Iterable[NodeOut | ReportingNode]) -> None:
        for node in nodes:
            add(branch.add(claim_text(kb, node)), node.reports)

    add(tree, lines)
    return tree


def _bullets(items: Iterable[RenderableType]) -> Table:
    """A bulleted list whose wrapped lines stay indented under their bullet."""
    grid = Table.grid()
    grid.add_column(width=2, no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row("•", item)
    return grid


def _claim_bullets(kb: KnowledgeBase, claims: Iterable[ClaimOut | Claim]) -> Table:
    return _bullets(claim_text(kb, c) for c in claims)


def _sources(kb: KnowledgeBase, files: Iterable[str]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_column(style="dim")
    for file in files:
        grid.add_row(source_label(kb, file), file, kb.source_title(file))
    return grid


def hire_section(profile: HireProfile, kb: KnowledgeBase) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Reports to", claims_text(kb, profile.reports_to, "; "))
    grid.add_row("Owns", _claim_bullets(kb, profile.owns))
    grid.add_row("KPIs", _claim_bullets(kb, profile.kpis))
    if profile.reporting_lines:
        grid.add_row("Team", reporting_tree(kb, profile.role, profile.reporting_lines))
    grid.add_row("Hire for", _claim_bullets(kb, profile.background))
    grid.add_row("Watch for", _claim_bullets(kb, profile.challenges))
    if profile.revisit_when:
        grid.add_row("Revisit", _claim_bullets(kb, profile.revisit_when))
    return _panel(grid, title=f"What the {profile.name} ({profile.role}) would own", box=box.ROUNDED)


def organisation_section(report: Report, kb: KnowledgeBase) -> RenderableType:
    """A combination's one profile: how it is organised, its one reporting tree, revisit advice."""
    org = report.organisation
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Structure", _claim_bullets(kb, org.structure))
    grid.add_row("Reporting", reporting_tree(kb, claim_text(kb, org.tree[0]), org.tree[0].reports) if org.tree else Text(""))
    if org.revisit_when:
        grid.add_row("Revisit", _claim_bullets(kb, org.revisit_when))
    return _panel(grid, title=f"How it is organised: {option_name(kb, report.recommendation.id)}", box=box.ROUNDED)


def headline(report: Report, kb: KnowledgeBase, full: bool = True, more: str = "--detail shows both cases") -> Panel:
    """The pick, how sure it is; `full`: the full case follows (else `more` says how to see both cases)."""
    rec = report.recommendation
    runner_up = report.ranking[1] if len(report.ranking) > 1 else None
    body = Text()
    if report.confidence == "tie":
        names = " or ".join(option_name(kb, t) for t in report.tied)
        body.append(f"A tie: {names}", style="bold")
        body.append(f"   {rec.score:.1f}/100 each\n", style="bold yellow")
        body.append("Equal scores: the advisor cannot choose; " + ("both cases are shown below.\n" if full else f"{more}.\n"))
    else:
        body.append(option_name(kb, rec.id), style="bold")
        body.append(f"   {rec.score:.1f}/100", style="bold green")
        body.append(f" - {staffing_words(rec)}\n", style="bold")
        if runner_up is not None and report.confidence == "close-call":
            body.append("Close call: ", style="bold yellow")
            both = "" if report.runner_up is None else " Both cases are shown below; weigh them yourself." if full else f" {more}."
            body.append(f"{ahead_of(report, kb)}.{both}\n")
        elif runner_up is not None:
            body.append("Clear lead: ", style="bold")
            body.append(f"{ahead_of(report, kb)}.\n")
    body.append(robustness_text(report, kb), style="dim")
    body.append("\n" + footing_text(report, kb), style="dim")
    if report.confidence != "tie" and full:
        body.append("\n" + rec.summary)
    title = "Recommendation" if report.confidence != "tie" else "No single recommendation: a tie"
    return _panel(body, title=title, box=box.HEAVY, border_style="green" if report.confidence != "tie" else "yellow")


def staffing_section(report: Report, kb: KnowledgeBase) -> RenderableType | None:
    rec = report.recommendation
    if rec.staffing == "full-time":
        return None
    title = budget_heading(report) if rec.tied_staffing else "Budget: " + (
        "start with a fractional marketing team" if rec.staffing == "fractional" else "hire when the budget allows")
    return _panel(_claim_bullets(kb, rec.staffing_note), title=title, border_style="yellow")


def existing_section(report: Report, kb: KnowledgeBase) -> RenderableType | None:
    rec = report.recommendation
    if not rec.existing:
        return None
    return _panel(_claim_bullets(kb, rec.existing_note), title=f"Already in place: a leader for the {seats_text(rec)}",
                  border_style="yellow")


def ranking_table(report: Report, kb: KnowledgeBase) -> Table:
    table = Table(title="Every option, best first", title_justify="left", caption=SCORE_MEANING, caption_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Option")
    table.add_column("Score", justify="right")
    table.add_column("", no_wrap=True)
    for row in report.ranking:
        style = "bold" if row.rank == 1 or row.id in report.tied else ""
        table.add_row(str(row.rank), Text(option_name(kb, row.id), style=style), f"{row.score:.1f}", score_bar(row.score))
    return table


def what_if_section(report: Report, kb: KnowledgeBase) -> RenderableType:
    if not report.what_if:
        return Text("What would change the pick: no single changed answer changes it.", style="dim")
    lines = Text("What would change the pick (one answer at a time, re-scored):\n", style="bold")
    for item in report.what_if:
        lines.append(f"• {what_if_text(kb, item)}\n")
    return lines


def render_report(report: Report, kb: KnowledgeBase, console: Console, explain: Iterable[str] = ()) -> None:
    report, kb = report_for_display(report, kb)
    console.print(headline(report, kb))
    for section in (staffing_section(report, kb), existing_section(report, kb)):
        if section is not None:
            console.print(section)
    console.print(ranking_table(report, kb))
    console.print()
    for option_id in explained_options(report, explain):
        console.print(why(report, kb, option_id))
        console.print()
    if report.organisation is not None:
        console.print(organisation_section(report, kb))
    for profile in report.hire:
        console.print(hire_section(profile, kb))
    for alt in report.alternatives:
        body = Text.assemble(alt.reason, (f" ({citation(kb, alt.source, alt.section)})", "dim cyan"))
        if alt.note:
            body = Text.assemble((alt.note + "\n", "bold"), body)
        title = f"{'Alternative' if alt.fills_pick else 'Also worth a look'}: {alt.title}"
        console.print(_panel(body, title=title, border_style="yellow"))
    console.print(what_if_section(report, kb))
    console.print(Text("Sources", style="bold"))
    console.print(_sources(kb, (s.file for s in report.sources)))




def render_summary(report: Report, kb: KnowledgeBase, console: Console, next_step: bool = True, lines: int = FIRST_SCREEN,
                   more: str = "--detail shows both cases") -> None:
    """The first screen: the pick, how sure it is, the top three reasons with their sources, what
    would change the pick, and the next step. `--detail` shows the full case (render_report).

    It fits `lines` lines (at most FIRST_SCREEN) at the console's width: where a tie, a budget line and a leader
    already in place leave no room for three reasons, the weakest give way (in a tie, keeping one
    for each tied option as long as possible)."""
    report, kb = report_for_display(report, kb)
    rec = report.recommendation
    top: list[RenderableType] = [headline(report, kb, full=False, more=more)]
    if rec.staffing != "full-time":
        top.append(Text.assemble(("Budget: ", "bold"), budget_line(report)))
    covering = next((a for a in report.alternatives if not a.fills_pick and a.note), None)
    if covering is not None and not rec.tied_staffing:
        top.append(Text.assemble((f"{covering.title}. ", "bold"), f"{covering.note} ",
                                 (f"({citation(kb, covering.source, covering.section)})", "dim cyan")))
    if rec.existing and rec.existing_note:
        first = rec.existing_note[0]
        top.append(Text.assemble((f"Already in place ({seats_text(rec)}): ", "bold yellow"), f"{first.text}. ",
                                 (f"({citation(kb, first.source, first.section)})", "dim cyan")))
    bottom: list[RenderableType] = []
    if report.what_if:
        more = f" (and {len(report.what_if) - 1} other single changes)" if len(report.what_if) > 1 else ""
        bottom.append(Text.assemble(("What would change it: ", "bold"),
                                    f"{what_if_text(kb, report.what_if[0])}{more}."))
    else:
        bottom.append(Text.assemble(("What would change it: ", "bold"), "no single changed answer."))
    if next_step:
        bottom.append(Text.assemble(("Next: ", "bold"), "--detail for the full case, --format markdown for a board memo."))

    # The strongest reasons, taken in turn from each case so that every one is heard: each tied
    # option's in a tie, and a combination's members' cases and what speaks for having both.
    groups = [group for option in (report.tied or [rec.id]) for group in case_groups(report, kb, option, named=bool(report.tied))]
    ranked = [[(whose, c) for c in sorted((c for c in rows if c.effect > 0), key=lambda c: -c.effect)] for whose, rows in groups]
    # Where the screen is short, the last taken gives way first; they are shown strongest first. A
    # reason two cases share (a CRO's, alone and in a pair) is shown once.
    taken = [pair for turn in zip_longest(*ranked) for pair in turn if pair is not None]
    rows = [pair for k, pair in enumerate(taken) if pair[1].reason not in {c.reason for _, c in taken[:k]}][:3]
    # Each part is rendered once, to count its lines, and those very lines are printed.
    top_lines, bottom_lines = ([line for part in parts for line in console.render_lines(part, pad=False)] for parts in (top, bottom))
    while True:
        reasons = [line for part in _reasons(kb, sorted(rows, key=lambda pair: -pair[1].effect), several=len(groups) > 1)
                   for line in console.render_lines(part, pad=False)]
        if not rows or len(top_lines) + len(reasons) + len(bottom_lines) <= lines:
            break
        rows = rows[:-1]
    console.print(Segments(segment for line in (*top_lines, *reasons, *bottom_lines) for segment in (*line, Segment.line())), end="")


def _reasons(kb: KnowledgeBase, rows: list[tuple[str, Contribution]], several: bool) -> list[RenderableType]:
    """The top reasons, each as (whose case, row): its points, whose case when several are heard,
    the reason, and how strongly which source says it."""
    if not rows:
        return []
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="green")
    grid.add_column()
    for whose, c in rows:
        who = f"{whose}: " if several else ""
        grid.add_row(f"{c.effect:+.1f}", Text.assemble(f"{who}{c.reason} ", (f"({graded_citation(kb, c)})", "dim cyan")))
    return [Text.assemble(("Top reasons", "bold"), (" - points each adds to the 0-100 fit score", "dim")), grid]


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


def role_section(role: Role, field: str, kb: KnowledgeBase) -> RenderableType:
    if field == "reporting_lines":
        root = Text.assemble((role.id, "bold"), " (reports to: ", claims_text(kb, role.reports_to, "; "), ")")
        return reporting_tree(kb, root, role.reporting_lines)
    return _claim_bullets(kb, getattr(role, field))


def render_role_list(kb: KnowledgeBase, console: Console) -> None:
    """One line per role: id, name and what it owns, cut to the terminal's width."""
    kb = knowledge_for_display(kb)
    id_width = max(len(r.id) for r in kb.roles) + 2
    name_width = max(len(r.name) for r in kb.roles) + 2
    for role in kb.roles:
        line = Text.assemble((role.id.ljust(id_width), "bold"), role.name.ljust(name_width), (role.tagline, "dim"))
        line.truncate(console.width, overflow="ellipsis")
        console.print(line, no_wrap=True)
    console.print(Text("Options scored: " + ", ".join(o.id for o in kb.options), style="dim"))


def render_role(role: Role, kb: KnowledgeBase, console: Console) -> None:
    role, kb = for_display(role), knowledge_for_display(kb)
    console.print(_panel(Text(role.summary), title=f"{role.name} ({role.id})", box=box.HEAVY))
    for heading, field in ROLE_SECTIONS:
        console.print(Text(heading, style="bold"))
        console.print(role_section(role, field, kb))
        console.print()
    console.print(Text("Sources", style="bold"))
    console.print(_sources(kb, role.sources))


def render_question_table(listing: list[QuestionInfo], console: Console) -> None:
    listing = for_display(listing)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Flag", no_wrap=True, style="bold")
    table.add_column("Question and meaning")
    table.add_column("Values", no_wrap=True)
    for q in listing:
        values = "\n".join(v.value for v in q.values) if q.kind != "yes_no" else "(flag on / off)"
        extra = f" Pick {q.min_choices} to {q.max_choices}: repeat the flag." if q.kind == "many" else ""
        table.add_row(q.flag.replace(" / ", "\n"), Text.assemble(q.prompt + "\n", (q.help + extra, "dim")), values)
    console.print(table)


def render_compare(roles: list[Role], kb: KnowledgeBase, console: Console) -> None:
    roles, kb = for_display(roles), knowledge_for_display(kb)
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, pad_edge=False, expand=True)
    table.add_column("", style="bold", no_wrap=True)
    for role in roles:
        table.add_column(f"{role.name} ({role.id})", ratio=1)
    table.add_row("Summary", *(Text(r.summary) for r in roles))
    table.add_row("Reports to", *(claims_text(kb, r.reports_to, "; ") for r in roles))
    for heading, field in ROLE_SECTIONS:
        table.add_row(heading, *(role_section(r, field, kb) for r in roles))
    table.add_row("Sources", *(_bullets(r.sources) for r in roles))
    console.print(table)
