"""The views of a team's decision: the terminal's first screen and full case (rich, imported only
there), and the Markdown memo with "Where the team disagrees". Names come from file names, so
they are shown through `untrusted`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from execadvisor.core.team import Disagreement, TeamReport, outcome
from execadvisor.core.knowledge import KnowledgeBase
from execadvisor.views.display import for_display, knowledge_for_display
from execadvisor.untrusted import markdown, visible
from execadvisor.views.words import FIRST_SCREEN, STAFFING_WORDS, pick_label, pick_name, value_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

NAMES_SHOWN = 3  # names listed beside a value before "and N more"


def names_text(names: list[str], limit: int | None = NAMES_SHOWN) -> str:
    """'ana, ben and cho', or 'ana, ben, cho and 12 more' past the limit; each name made visible."""
    shown = [visible(n) for n in (names if limit is None or len(names) <= limit else names[:limit])]
    if len(shown) < len(names):
        return f"{', '.join(shown)} and {len(names) - len(shown)} more"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def group_pick(team: TeamReport) -> str:
    """The team's pick as its id, or for a tie 'CSO = CRO'."""
    report = team.group.report
    return pick_label(report.recommendation.id, report.tied)


def agreement_text(team: TeamReport) -> str:
    """'2 of 3 people (67%) get CRO from their own answers.' - a tie only from those with the same tie."""
    pick = outcome(team.group.report)
    agree = sum(outcome(p) == pick for p in team.participants)
    return f"{agree} of {len(team.participants)} people ({team.agreement:.0%}) get {group_pick(team)} from their own answers."


def picks_text(d: Disagreement) -> str:
    """'startup (ana) -> CSO; midsize (ben and cho) -> CRO'; past NAMES_SHOWN people, '(12 people)'."""
    return "; ".join(f"{value_text(p.value)} ({names_text(p.people) if len(p.people) <= NAMES_SHOWN else f'{len(p.people)} people'})"
                     f" -> {pick_label(p.recommendation, p.tied)}" for p in d.picks)


PICKS_SHOWN = 4  # values listed one by one on the first screen; past that they are counted by the pick they give


def picks_summary(d: Disagreement) -> str:
    """picks_text, or for many different answers, how many give each pick: '14 different answers:
    7 give CRO (9 people), 5 give CSO (6 people), 2 give CMO (2 people)'."""
    if len(d.picks) <= PICKS_SHOWN:
        return picks_text(d)
    by_pick: dict[str, list[int]] = {}
    for p in d.picks:
        counts = by_pick.setdefault(pick_label(p.recommendation, p.tied), [0, 0])
        counts[0] += 1
        counts[1] += len(p.people)
    ranked = sorted(by_pick.items(), key=lambda item: (-item[1][1], item[0]))
    return f"{len(d.picks)} different answers: " + ", ".join(
        f"{values} give{'s' * (values == 1)} {pick} ({people} {'person' if people == 1 else 'people'})" for pick, (values, people) in ranked)


def standings(team: TeamReport) -> list[tuple[str, list[str]]]:
    """Who stands where: each own pick (a tie as 'CSO = CRO'), the group's first, with its people."""
    groups: dict[str, list[str]] = {}
    for p in team.participants:
        groups.setdefault(pick_label(p.recommendation, p.tied), []).append(p.name)
    pick = group_pick(team)
    return sorted(groups.items(), key=lambda item: (item[0] != pick, -len(item[1])))


# --- the terminal -------------------------------------------------------------------------------


def render_team_summary(team: TeamReport, kb: KnowledgeBase, console: Console, next_step: bool = True, lines: int = FIRST_SCREEN) -> None:
    """The first screen: the team's pick and how sure, what to settle first (the disagreements that
    change the pick, with the pick each value gives) and who stands where. Fits `lines` lines (at
    most FIRST_SCREEN, as recommend's first screen) where it can: past that, the last disagreements to settle give way to '... and N more', then
    the next step, then the list of those that do not matter, then the smallest groups of who
    stands where."""
    team, kb = for_display(team), knowledge_for_display(kb)
    from rich.segment import Segment, Segments
    from rich.table import Table
    from rich.text import Text

    from execadvisor.views.terminal import headline

    report = team.group.report
    panel = headline(report, kb, full=False)
    panel.title = Text("The team's pick, from the group's answers")
    matter = [d for d in team.disagreements if d.matters]
    rest = [d for d in team.disagreements if not d.matters]
    where = standings(team)
    pick = group_pick(team)

    def stand(rows: int) -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column()
        for option, names in where[:rows]:
            grid.add_row(option, names_text(names, NAMES_SHOWN + 1) + (" (the team's pick)" if option == pick else ""))
        if rows < len(where):
            grid.add_row("", Text(f"... and {len(where) - rows} other picks: --detail lists them.", style="dim"))
        return grid

    def settle(shown: list[Disagreement]) -> list[RenderableType]:
        if not matter:
            return [Text.assemble(("Settle first: ", "bold"), "nothing - no one's answer, put in the group's, changes the pick.")]
        bullets = Table.grid()
        bullets.add_column(width=2, no_wrap=True)
        bullets.add_column()
        for d in shown:
            tie = ", a tie settled by rule" if d.tie else ""
            bullets.add_row("•", Text(f"{kb.question(d.question).title} (the team's: {value_text(d.group)}{tie}): {picks_summary(d)}"))
        if len(shown) < len(matter):
            bullets.add_row("", Text(f"... and {len(matter) - len(shown)} more: --detail lists them.", style="dim"))
        return [Text.assemble(("Settle first", "bold"), " - each changes the team's pick:"), bullets]

    height = lines

    def lines(*parts: RenderableType) -> list:
        return [line for part in parts for line in console.render_lines(part, pad=False)]

    top = lines(panel, Text.assemble(("Agreement: ", "bold"), agreement_text(team)))
    also = lines(Text.assemble(("Also differ, pick unchanged: ", "bold"),
                               ", ".join(kb.question(d.question).title for d in rest) + ".")) if rest else []
    rows = len(where)
    stands = lines(Text("Who stands where - each person's own pick:", style="bold"), stand(rows))
    after = lines(Text.assemble(("Next: ", "bold"), "--detail for the team's full case and every disagreement, "
                                "--format markdown for a memo.")) if next_step else []
    shown = matter
    while True:  # the last disagreements to settle give way first, then the next step, then what does not
        middle = lines(*settle(shown))  # matter, then the smallest groups of who stands where
        if len(top) + len(middle) + len(also) + len(stands) + len(after) <= height:
            break
        if len(shown) > 1:
            shown = shown[:-1]
        elif after or also:
            after, also = ([], also) if after else (after, [])
        elif rows > 1:
            rows -= 1
            stands = lines(Text("Who stands where - each person's own pick:", style="bold"), stand(rows))
        else:
            break
    console.print(Segments(segment for line in (*top, *middle, *also, *stands, *after) for segment in (*line, Segment.line())),
                  end="")


def render_team_detail(team: TeamReport, kb: KnowledgeBase, console: Console) -> None:
    """The full case: the group's whole report, then every disagreement with how the group's answer
    was chosen, and each person's own pick."""
    team, kb = for_display(team), knowledge_for_display(kb)
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from execadvisor.views.terminal import render_report

    render_report(team.group.report, kb, console)
    console.print()
    console.print(Text("Where the team disagrees", style="bold"))
    console.print(Text.assemble(("Agreement: ", "bold"), agreement_text(team)))
    if not team.disagreements:
        console.print("Everyone gave the same answers.")
    grid = Table.grid()
    grid.add_column(width=2, no_wrap=True)
    grid.add_column()
    for d in team.disagreements:
        verdict = "changes the pick" if d.matters else "the pick stays the same"
        grid.add_row("•", Text.assemble(f"{kb.question(d.question).title} - ", (verdict, "bold" if d.matters else "")))
        grid.add_row("", Text(f"The team's answer: {value_text(d.group)}; {d.rule}.", style="dim"))
        for p in d.picks:
            grid.add_row("", Text(f"{value_text(p.value)} ({names_text(p.people, None)}) -> {pick_name(kb, p.recommendation, p.tied)}"))
    console.print(grid)
    table = Table(title="Who stands where - each person's own pick", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("Person", "File", "Own pick", "Score", "How sure", "Staffing"):
        table.add_column(column, justify="right" if column == "Score" else "left")
    for p in team.participants:
        table.add_row(visible(p.name), visible(p.file), pick_label(p.recommendation, p.tied), f"{p.score:.1f}", p.confidence, STAFFING_WORDS[p.staffing])
    console.print(table)


# --- the memo -----------------------------------------------------------------------------------


def team_lines(team: TeamReport, kb: KnowledgeBase) -> list[str]:
    """The memo's sections "Where the team disagrees" and "Who stands where"."""
    people = [markdown(p.name) for p in team.participants]
    out = ["## Where the team disagrees", "",
           f"{len(people)} people answered alone: {', '.join(people)}. The answers under *Our situation* are the team's: "
           "for each question the median of an ordered scale (size, stage, streams), the most common answer otherwise, "
           "and the up to three most named priorities. " + agreement_text(team), ""]
    if not team.disagreements:
        out += ["Everyone gave the same answers.", ""]
    matter = [d for d in team.disagreements if d.matters]
    rest = [d for d in team.disagreements if not d.matters]
    for heading, group in (("Settle first: these change the pick", matter), ("These do not change the pick", rest)):
        if not group:
            continue
        out += [f"### {heading}", ""]
        for d in group:
            out.append(f"- **{markdown(kb.question(d.question).title)}** - the team's answer: {value_text(d.group)}; {markdown(d.rule)}.")
            out += [f"  - {value_text(p.value)} ({', '.join(markdown(n) for n in p.people)}): {markdown(pick_name(kb, p.recommendation, p.tied))}"
                    for p in d.picks]
        out.append("")
    out += ["## Who stands where", "", "| Person | Own pick | Score | How sure | Staffing |", "|---|---|---:|---|---|"]
    for p in team.participants:
        out.append(f"| {markdown(p.name)} | {markdown(pick_name(kb, p.recommendation, p.tied))} | {p.score:.1f} | {p.confidence} | {STAFFING_WORDS[p.staffing]} |")
    return [*out, ""]


def render_team_markdown(team: TeamReport, kb: KnowledgeBase, *, company: str = "", date: str = "") -> str:
    """The team's memo: the group's recommendation in full, with where the team disagrees."""
    from execadvisor.views.markdown import render_markdown

    return render_markdown(team.group.report, kb, company=company, date=date, more=team_lines(team, kb))
