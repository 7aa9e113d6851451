"""The Markdown view: a board-ready memo rendered from the same Report as the terminal and JSON."""

from __future__ import annotations

from collections.abc import Iterable

from execadvisor.knowledge import KnowledgeBase
from execadvisor.result import ClaimOut, NodeOut, Report
from execadvisor.terminal import STAFFING_WORDS, answer_text, citation, explained_options, option_name, robustness_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _claim(kb: KnowledgeBase, claim: ClaimOut) -> str:
    """A claim and where it comes from; the advisor's own guidance is marked as such."""
    return f"{claim.text} *({citation(kb, claim.source, claim.section)})*"


def _list(kb: KnowledgeBase, claims: Iterable[ClaimOut]) -> list[str]:
    return [f"- {_claim(kb, c)}" for c in claims]


def _tree(kb: KnowledgeBase, nodes: Iterable[NodeOut], depth: int = 0) -> list[str]:
    lines = []
    for node in nodes:
        lines.append(f"{'  ' * depth}- {_claim(kb, node)}")
        lines += _tree(kb, node.reports, depth + 1)
    return lines


def render_markdown(report: Report, kb: KnowledgeBase, explain: list[str] | None = None) -> str:
    rec = report.recommendation
    out = [
        "# Who should lead our revenue?",
        "",
        f"*execadvisor {report.version}, knowledge base {report.knowledge.name} (sha256 {report.knowledge.sha256}). "
        "The question: which revenue leadership - a Chief Sales, Revenue, Marketing, Commercial or Customer Officer, "
        "or a combination - fits the company as described below.*",
        "",
        "## Recommendation",
        "",
    ]
    if report.confidence == "tie":
        names = " or ".join(f"**{option_name(kb, t)}**" for t in report.tied)
        out += [f"A tie: {names}, each at {rec.score:.1f} / 100. The answers give them exactly the same score, so this is "
                "not a recommendation of either: both cases are set out below.", ""]
    else:
        out += [f"**{option_name(kb, rec.id)}** - score {rec.score:.1f} / 100; {STAFFING_WORDS[rec.staffing]}.", ""]
        if len(report.ranking) > 1:
            runner_up = option_name(kb, report.ranking[1].id)
            if report.confidence == "close-call":
                out.append(f"This is a **close call**: {report.margin:.1f} points ahead of {runner_up}; both cases are set out below.")
            else:
                out.append(f"A clear lead of {report.margin:.1f} points over {runner_up}.")
            out.append("")
    out += [f"**How sure:** {robustness_text(report, kb)}", "", rec.summary, ""]

    if rec.staffing != "full-time":
        out += ["## Budget", ""] + _list(kb, rec.staffing_note) + [""]
    if rec.existing:
        out += [f"## Already in place: the {' and '.join(rec.existing)} seat", ""] + _list(kb, rec.existing_note) + [""]

    out += ["## Our situation", "", "| Question | Answer |", "|---|---|"]
    for qid, value in report.answers.as_plain().items():
        question = kb.question(qid)
        if isinstance(value, list):
            shown = "; ".join(question.label(v) for v in value)
        elif isinstance(value, bool):
            shown = "yes" if value else "no"
        else:
            shown = question.label(value)
        out.append(f"| {_cell(question.prompt)} | {_cell(shown)} |")
    out.append("")

    out += ["## Ranking", "", "| # | Option | Score |", "|---:|---|---:|"]
    out += [f"| {r.rank} | {_cell(option_name(kb, r.id))} | {r.score:.1f} |" for r in report.ranking]
    out.append("")

    for option_id in explained_options(report, explain or ()):
        out += [f"## Why {option_name(kb, option_id)}", "", "| Answer | Effect | Reason | Source |", "|---|---:|---|---|"]
        rows = sorted((c for c in report.rationale if c.option == option_id), key=lambda c: -abs(c.effect))
        for c in rows:
            via = f"({c.via}'s case) " if c.via else ""
            out.append(f"| {_cell(answer_text(kb, c.question, c.answer))} | {c.effect:+.1f} | {_cell(via + c.reason)} | "
                       f"{_cell(citation(kb, c.source, c.section))} |")
        out.append("")

    if report.organisation is not None:
        org = report.organisation
        out += ["## How it is organised", "", org.summary, ""] + _list(kb, org.structure) + ["", "**Reporting lines**", ""]
        out += _tree(kb, org.tree) + [""]
        if org.revisit_when:
            out += ["**When to revisit**", ""] + _list(kb, org.revisit_when) + [""]

    out += ["## What would change the pick", ""]
    if report.what_if:
        out += [f"- {kb.question(w.question).title}: {w.change} -> **{option_name(kb, w.recommendation)}**" for w in report.what_if]
    else:
        out.append("No single changed answer changes the recommendation.")
    out.append("")

    for profile in report.hire:
        out += [f"## What the {profile.name} ({profile.role}) would own", ""]
        out += ["**Reports to**", ""] + _list(kb, profile.reports_to) + [""]
        out += ["**Owns**", ""] + _list(kb, profile.owns) + [""]
        out += ["**KPIs**", ""] + _list(kb, profile.kpis) + [""]
        if profile.reporting_lines:
            out += ["**Reporting lines**", "", f"- {profile.role}"] + _tree(kb, profile.reporting_lines, 1) + [""]
        out += ["**Background to hire for**", ""] + _list(kb, profile.background) + [""]
        out += ["**Challenges to expect**", ""] + _list(kb, profile.challenges) + [""]
        if profile.revisit_when:
            out += ["**When to revisit**", ""] + _list(kb, profile.revisit_when) + [""]

    if report.alternatives:
        out += ["## Alternatives", ""]
        out += [f"- **{a.title}** - {a.note + ' ' if a.note else ''}{a.reason} *({citation(kb, a.source, a.section)})*"
                for a in report.alternatives]
        out.append("")

    out += ["## Sources", "", "Cited as number and section: the heading, or the opening words of the line, where the article "
            "says it. *Advisor's own guidance* is general advice that no article states.", ""]
    out += [f"- `{s.file}` - {s.title}" for s in report.sources]
    return "\n".join(out) + "\n"
