"""The Markdown view: a board-ready memo rendered from the same Report as the terminal and JSON."""

from __future__ import annotations

from execadvisor.knowledge import KnowledgeBase, ReportingNode
from execadvisor.result import Report
from execadvisor.terminal import answer_text, explained_options, option_name


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _tree(nodes: list[ReportingNode], depth: int = 1) -> list[str]:
    lines = []
    for node in nodes:
        note = f" - {node.note}" if node.note else ""
        lines.append(f"{'  ' * depth}- {node.title}{note}")
        lines += _tree(list(node.reports), depth + 1)
    return lines


def render_markdown(report: Report, kb: KnowledgeBase, explain: list[str] | None = None) -> str:
    rec = report.recommendation
    out = [
        "# Who should lead our revenue?",
        "",
        f"*execadvisor {report.version}. The question: which revenue leadership - a Chief Sales, Revenue, "
        "Marketing, Commercial or Customer Officer, or a combination - fits the company as described below.*",
        "",
        "## Recommendation",
        "",
        f"**{option_name(kb, rec.id)}** - score {rec.score:.1f} / 100.",
        "",
    ]
    if len(report.ranking) > 1:
        runner_up = option_name(kb, report.ranking[1].id)
        if report.confidence == "close-call":
            out.append(f"This is a **close call**: only {report.margin:.1f} points ahead of {runner_up}; both cases are set out below.")
        else:
            out.append(f"A clear lead of {report.margin:.1f} points over {runner_up}.")
        out.append("")
    out += [rec.summary, ""]

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
            via = f"(via {c.via}) " if c.via else ""
            out.append(f"| {_cell(answer_text(kb, c.question, c.answer))} | {c.effect:+.1f} | {_cell(via + c.reason)} | {c.source} |")
        out.append("")

    if report.structure:
        out += ["## How it is organised", "", f"{report.structure} ({kb.option(rec.id).source})", ""]

    out += ["## What would change the pick", ""]
    if report.what_if:
        out += [f"- {kb.question(w.question).title}: {w.change} -> **{option_name(kb, w.recommendation)}**" for w in report.what_if]
    else:
        out.append("No single changed answer changes the recommendation.")
    out.append("")

    for profile in report.hire:
        out += [f"## What the {profile.name} ({profile.role}) would own", "", f"**Reports to:** {profile.reports_to}", ""]
        out += ["**KPIs**", ""] + [f"- {k}" for k in profile.kpis] + [""]
        out += ["**Reporting lines**", "", f"- {profile.role}"] + _tree(profile.reporting_lines) + [""]
        out += ["**Background to hire for**", ""] + [f"- {b}" for b in profile.background] + [""]
        out += ["**Challenges to expect**", ""] + [f"- {c}" for c in profile.challenges] + [""]
        out += ["**When to revisit**", ""] + [f"- {r}" for r in profile.revisit_when] + [""]
        out += [f"*Sources: {', '.join(profile.sources)}*", ""]

    if report.alternatives:
        out += ["## Alternatives", ""]
        out += [f"- **{a.title}** - {a.reason} ({a.source})" for a in report.alternatives]
        out.append("")

    out += ["## Sources", ""]
    out += [f"- `{s.file}` - {s.title}" for s in report.sources]
    return "\n".join(out) + "\n"
