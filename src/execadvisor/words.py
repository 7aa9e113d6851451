"""The report's words, shared by the terminal and Markdown views: names, citations, how sure it is.

Plain strings only - no rich - so the Markdown memo starts without importing the terminal library.
"""

from __future__ import annotations

from collections.abc import Iterable

from execadvisor.knowledge import KnowledgeBase
from execadvisor.result import Recommendation, Report, WhatIf


def answer_text(kb: KnowledgeBase, question: str, answer: object) -> str:
    """'Revenue streams: many' for a rationale row; yes/no answers as yes or no."""
    if isinstance(answer, bool):
        answer = "yes" if answer else "no"
    return f"{kb.question(question).title}: {answer}"


def option_name(kb: KnowledgeBase, option_id: str) -> str:
    title = kb.option(option_id).title
    return f"{title} ({option_id})" if title != option_id else option_id


def source_label(kb: KnowledgeBase, file: str) -> str:
    """A short name for a source: its number ('000') when that is unique, else the file name."""
    prefix = file.split("_", 1)[0]
    unique = sum(s.file.split("_", 1)[0] == prefix for s in kb.sources) == 1
    return prefix if unique and prefix != file else file


def citation(kb: KnowledgeBase, source: str | None, section: str | None) -> str:
    """Where a claim comes from, in a few words: '000: "Business model"', or the advisor's own."""
    if source is None:
        return "advisor's own guidance"
    return f'{source_label(kb, source)}: "{section}"'


SCORE_MEANING = ("A score is a 0-100 fit: how strongly these answers point to each option on this knowledge "
                 "base's scale - not a probability; compare options with each other, not with 100.")

STAFFING_WORDS = {
    "full-time": "a full-time hire",
    "fractional": "a fractional (part-time) team now",
    "when-budget-allows": "when the budget allows",
}


def what_if_text(kb: KnowledgeBase, item: WhatIf, shown: str | None = None) -> str:
    """'Company size: enterprise -> small would make it Chief Marketing Officer (CMO)'."""
    return f"{kb.question(item.question).title}: {item.change} would make it {shown or option_name(kb, item.recommendation)}"


def budget_heading(report: Report) -> str:
    """'Budget', or in a tie 'Budget, in the CSO case': staffing speaks for the first tied option."""
    return f"Budget, in the {report.recommendation.id} case" if report.confidence == "tie" else "Budget"


def seats_text(rec: Recommendation) -> str:
    """'CSO seat' - the seats of the pick a leader already in place could take ('... seats' for two)."""
    return " and ".join(rec.existing) + (" seats" if len(rec.existing) > 1 else " seat")


def staffing_words(rec: Recommendation) -> str:
    """How to fill the pick, in the words every view uses: 'a full-time hire', and where a strong
    leader already in place could fill a seat of the pick, 'unless the leader you have takes it'."""
    words = STAFFING_WORDS[rec.staffing]
    if rec.staffing == "full-time" and len(rec.roles) > 1:
        words = "two full-time hires"
    if rec.existing:
        words += f", unless a leader you already have takes the {seats_text(rec)}"
    return words


def robustness_text(report: Report, kb: KnowledgeBase) -> str:
    """'Holds in 96% of 1,000 reasonable weightings (every weight +-25%); most sensitive to ...'."""
    robust = report.robustness
    if report.confidence == "tie":
        text = (f"Of {robust.draws:,} reasonable weightings (every weight ±{robust.spread:.0%}), {robust.holds:.0%} put "
                f"{report.recommendation.id} first; ")
    else:
        text = (f"Holds in {robust.holds:.0%} of {robust.draws:,} reasonable weightings (every weight "
                f"±{robust.spread:.0%}); ")
    critical = robust.critical
    if critical is None:
        return text + "no single weight, even doubled or removed, changes it."
    direction = "more" if critical.change > 0 else "less"
    return (text + f"most sensitive to how much \"{answer_text(kb, critical.question, critical.answer)}\" counts for the "
            f"{critical.option}: {abs(critical.change):.0%} {direction} would make it {option_name(kb, critical.recommendation)}.")


def explained_options(report: Report, explain: Iterable[str] = ()) -> list[str]:
    """The options whose case is shown: the pick, the runner-up in a close call, every option tied
    at the top, and any asked for, in ranking order."""
    wanted = {report.recommendation.id, *report.tied, *explain}
    if report.confidence == "close-call" and len(report.ranking) > 1:
        wanted.add(report.ranking[1].id)
    return [r.id for r in report.ranking if r.id in wanted]


def value_text(value: bool | str | list[str]) -> str:
    """An answer as JSON gives it, in words: yes or no, several priorities joined with '+'."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " + ".join(value) if isinstance(value, list) else value
