"""The Markdown view: a board-ready memo rendered from the same Report as the terminal and JSON.

Every text that comes from outside the program - the knowledge base's texts, its name, --company -
goes into the memo through `m` (untrusted.markdown): shown visibly and escaped, so that it cannot
add a heading, a list, a link, an image, HTML or a table cell. Only the memo's own markup is markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from execadvisor.views.display import report_for_display
from execadvisor.core.knowledge import KnowledgeBase
from execadvisor.core.result import ClaimOut, NodeOut, Report
from execadvisor.untrusted import markdown as m
from execadvisor.views.words import (
    SCORE_MEANING, ahead_of, answer_text, budget_heading, case_groups, citation, counted_member, explained_options, footing_text,
    graded_citation, option_name, robustness_text, seats_text, staffing_words, what_if_text,
)


def _claim(kb: KnowledgeBase, claim: ClaimOut) -> str:
    """A claim and where it comes from; the advisor's own guidance is marked as such."""
    return f"{m(claim.text)} *({m(citation(kb, claim.source, claim.section))})*"


def _list(kb: KnowledgeBase, claims: Iterable[ClaimOut]) -> list[str]:
    return [f"- {_claim(kb, c)}" for c in claims]


def _tree(kb: KnowledgeBase, nodes: Iterable[NodeOut], depth: int = 0) -> list[str]:
    lines = []
    for node in nodes:
        lines.append(f"{'  ' * depth}- {_claim(kb, node)}")
        lines += _tree(kb, node.reports, depth + 1)
    return lines


def render_markdown(report: Report, kb: KnowledgeBase, explain: list[str] | None = None, *, company: str = "",
                    date: str = "", more: Sequence[str] = ()) -> str:
    """The board memo. Identical reports, company and date give identical text. `more`: lines of
    further sections (a team's disagreements, "As the company grows"), placed after what would
    change the pick."""
    report, kb = report_for_display(report, kb)
    rec = report.recommendation
    out = [
        f"# Memo: who should lead {m(company) + chr(39) + 's' if company else 'our'} revenue?",
        "",
    ]
    if company:
        out.append(f"**Company:** {m(company)}  ")
    if date:
        out.append(f"**Date:** {date}  ")
    out += [
        f"**Prepared with:** execadvisor {report.version}, knowledge base {m(report.knowledge.name)} "
        f"(sha256 `{report.knowledge.sha256}`)",
        "",
        "*The question: which revenue leadership - a Chief Sales, Revenue, Marketing, Commercial or Customer Officer, "
        "or a combination - fits the company as described below.*",
        "",
        "## Recommendation",
        "",
    ]
    if report.confidence == "tie":
        names = " or ".join(f"**{m(option_name(kb, t))}**" for t in report.tied)
        out += [f"A tie: {names}, each at {rec.score:.1f} / 100. The answers give them exactly the same score, so this is "
                "not a recommendation of either: both cases are set out below.", ""]
    else:
        out += [f"**{m(option_name(kb, rec.id))}** - score {rec.score:.1f} / 100; {m(staffing_words(rec))}.", ""]
        if len(report.ranking) > 1:
            if report.confidence == "close-call":
                both = "; both cases are set out below" if report.runner_up else ""
                out.append(f"This is a **close call**: {m(ahead_of(report, kb))}{both}.")
            else:
                out.append(f"A **clear lead**: {m(ahead_of(report, kb))}.")
            out.append("")
    out += [f"**How sure:** {m(robustness_text(report, kb))}", ""]
    out += [f"**Evidence:** {m(footing_text(report, kb))}", ""]
    if report.confidence != "tie":  # in a tie no one option's summary speaks for the pick
        out += [m(rec.summary), ""]

    if rec.staffing != "full-time":
        out += [f"## {m(budget_heading(report))}", ""] + _list(kb, rec.staffing_note) + [""]
    if rec.existing:
        out += [f"## Already in place: the {m(seats_text(rec))}", ""] + _list(kb, rec.existing_note) + [""]

    out += ["## Our situation", "", "| Question | Answer |", "|---|---|"]
    for qid, value in report.answers.as_plain().items():
        question = kb.question(qid)
        if isinstance(value, list):
            shown = "; ".join(question.label(v) for v in value)
        elif isinstance(value, bool):
            shown = "yes" if value else "no"
        else:
            shown = question.label(value)
        out.append(f"| {m(question.prompt)} | {m(shown)} |")
    out.append("")

    out += ["## Ranking", "", "| # | Option | Score |", "|---:|---|---:|"]
    out += [f"| {r.rank} | {m(option_name(kb, r.id))} | {r.score:.1f} |" for r in report.ranking]
    out += ["", SCORE_MEANING, ""]

    shown: set[tuple[str, str, str]] = set()
    for option_id in explained_options(report, explain or ()):
        out += [f"## Why {m(option_name(kb, option_id))}", ""]
        groups = case_groups(report, kb, option_id)
        if len(groups) > 1:
            counted = counted_member(report, option_id)
            whose = f" - here the {m(counted)}'s -" if counted else ""
            out += [f"Two executives, so both cases are set out: the score counts the weaker of the two{whose} plus what "
                    "speaks for having both.", ""]
        for whose, rows in groups:
            rows = sorted(rows, key=lambda c: -abs(c.effect))
            for heading, group in (("For", [c for c in rows if c.effect > 0]), ("Against", [c for c in rows if c.effect < 0])):
                if not group:
                    continue
                out += [f"**{heading}**" + (f" ({m(whose)})" if len(groups) > 1 else ""), ""]
                for c in group:
                    key = (c.question, str(c.answer), c.reason)
                    if key in shown:
                        out.append(f"- {m(answer_text(kb, c.question, c.answer))}: {c.effect:+.1f}, for the reason given above.")
                    else:
                        out.append(f"- {m(answer_text(kb, c.question, c.answer))}: {c.effect:+.1f}. {m(c.reason)} "
                                   f"*({m(graded_citation(kb, c))})*")
                    shown.add(key)
                out.append("")

    if report.organisation is not None:
        org = report.organisation
        out += ["## How it is organised", "", m(org.summary), ""] + _list(kb, org.structure) + ["", "**Reporting lines**", ""]
        out += _tree(kb, org.tree) + [""]
        if org.revisit_when:
            out += ["**When to revisit**", ""] + _list(kb, org.revisit_when) + [""]

    out += ["## What would change the pick", ""]
    if report.what_if:
        out += [f"- {m(what_if_text(kb, w))}" for w in report.what_if]
    else:
        out.append("No single changed answer changes the recommendation.")
    out.append("")
    out += more

    for profile in report.hire:
        out += [f"## What the {m(profile.name)} ({m(profile.role)}) would own", ""]
        out += ["**Reports to**", ""] + _list(kb, profile.reports_to) + [""]
        out += ["**Owns**", ""] + _list(kb, profile.owns) + [""]
        out += ["**KPIs**", ""] + _list(kb, profile.kpis) + [""]
        if profile.reporting_lines:
            out += ["**Reporting lines**", "", f"- {m(profile.role)}"] + _tree(kb, profile.reporting_lines, 1) + [""]
        out += ["**Background to hire for**", ""] + _list(kb, profile.background) + [""]
        out += ["**Challenges to expect**", ""] + _list(kb, profile.challenges) + [""]
        if profile.revisit_when:
            out += ["**When to revisit**", ""] + _list(kb, profile.revisit_when) + [""]

    if report.alternatives:
        out += ["## Alternatives", ""]
        out += [f"- **{m(a.title)}** - {m(a.note) + ' ' if a.note else ''}{m(a.reason)} *({m(citation(kb, a.source, a.section))})*"
                for a in report.alternatives]
        out.append("")

    out += ["## Sources", "", "Cited as number and section: the heading, or the opening words of the line, where the article "
            "says it. *Advisor's own guidance* is general advice that no article states.", ""]
    sections = _sections_cited(report, kb)
    for source in report.sources:
        out.append(f"- `{source.file}` - {m(source.title)}")
        out += [f"  - \"{m(section)}\"" for section in sections.get(source.file, [])]
    return "\n".join(out) + "\n"


def _sections_cited(report: Report, kb: KnowledgeBase) -> dict[str, list[str]]:
    """Each source's sections that this memo cites, in the order first cited."""
    found: dict[str, list[str]] = {}

    def add(source: str | None, section: str | None) -> None:
        if source and section and section not in found.setdefault(source, []):
            found[source].append(section)

    def walk(nodes: Iterable[NodeOut]) -> None:
        for node in nodes:
            add(node.source, node.section)
            walk(node.reports)

    rec = report.recommendation
    for claim in (*rec.staffing_note, *rec.existing_note):
        add(claim.source, claim.section)
    for option_id in explained_options(report):
        for _, rows in case_groups(report, kb, option_id):
            for c in rows:
                add(c.source, c.section)
    if report.organisation is not None:
        for claim in (*report.organisation.structure, *report.organisation.revisit_when):
            add(claim.source, claim.section)
        walk(report.organisation.tree)
    for profile in report.hire:
        for claim in (*profile.reports_to, *profile.owns, *profile.kpis, *profile.background, *profile.challenges, *profile.revisit_when):
            add(claim.source, claim.section)
        walk(profile.reporting_lines)
    for alt in report.alternatives:
        add(alt.source, alt.section)
    return found
