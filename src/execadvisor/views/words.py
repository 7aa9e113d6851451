"""The report's words, shared by the terminal and Markdown views: names, citations, how sure it is.

Plain strings only - no rich - so the Markdown memo starts without importing the terminal library.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from execadvisor.core.knowledge import KnowledgeBase
from execadvisor.core.result import Contribution, Recommendation, Report, WhatIf


FIRST_SCREEN = 24  # lines: the first screen of an 80x24 terminal (a smaller one gets its height, less a line)


def answer_text(kb: KnowledgeBase, question: str, answer: object) -> str:
    """'Revenue streams: many' for a rationale row; yes/no answers as yes or no."""
    if isinstance(answer, bool):
        answer = "yes" if answer else "no"
    return f"{kb.question(question).title}: {answer}"


def option_name(kb: KnowledgeBase, option_id: str) -> str:
    title = kb.option(option_id).title
    return f"{title} ({option_id})" if title != option_id else option_id


def pick_label(recommendation: str, tied: Sequence[str]) -> str:
    """A pick as its id - or for a tie every tied option's, 'CSO = CRO': a tie is no win for the first."""
    return " = ".join(tied) if tied else recommendation


def pick_name(kb: KnowledgeBase, recommendation: str, tied: Sequence[str]) -> str:
    """A pick by name - or for a tie 'a tie: Chief Sales Officer (CSO) or Chief Revenue Officer (CRO)'."""
    return "a tie: " + " or ".join(option_name(kb, t) for t in tied) if tied else option_name(kb, recommendation)


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


# How strongly a reason's section says it (a rule's `evidence`), before its citation.
GRADE_WORDS = {"recommends": "advice in", "describes": "described in", "infers": "advisor's reading of"}


def graded_citation(kb: KnowledgeBase, c: Contribution) -> str:
    """'advice in 003: "When to Choose a CMO"': where a reason comes from, and how strongly it says so."""
    return f"{GRADE_WORDS[c.evidence]} {citation(kb, c.source, c.section)}"


def footing_text(report: Report, kb: KnowledgeBase) -> str:
    """What the pick rests on, in one sentence: what the articles recommend, what they describe, or
    the advisor's own reading - and, where the pick would differ without that reading, what it would be."""
    rec, without = report.recommendation, report.robustness.without_inferred
    other = option_name(kb, without) if without else "a tie at the top"
    if report.confidence == "tie":
        return ("Without the advisor's own reading it would still be a tie." if without is None
                else f"Without the advisor's own reading, {other} would lead.")
    if without != rec.id:
        return f"Rests partly on the advisor's own reading, not only on the articles: without it, {other}."
    shares = rec.evidence.model_dump()
    grade = max(shares, key=shares.__getitem__)
    if not shares[grade]:
        return "No answer speaks for it: it leads only because the answers pushed every other option lower."
    said = {"recommends": "Rests on what the articles recommend",
            "describes": "Rests mostly on what the articles describe roles doing, not on their advice",
            "infers": "Rests mostly on the advisor's own reading, though it holds without it"}[grade]
    return f"{said} ({shares[grade]:.0%} of the points that lift it)."


def ahead_of(report: Report, kb: KnowledgeBase) -> str:
    """'8.1 points ahead of Chief Revenue Officer (CRO)', or - when no rule moved the option after
    the pick - that no other option has a case."""
    if report.runner_up is None:
        return "no other option has a case - none rose above where it started"
    return f"{report.margin:.1f} points ahead of {option_name(kb, report.runner_up)}"


def case_groups(report: Report, kb: KnowledgeBase, option_id: str, named: bool = False) -> list[tuple[str, list[Contribution]]]:
    """One option's case as (whose case, its rows). A combination's case is both members' cases -
    each member's rows as they count for that member - and what speaks for having both; `named`
    puts the combination's id before those ('CRO+CMO, CMO's case'), for when several options are heard."""
    option = kb.option(option_id)
    if not option.is_combination:
        return [(option_id, [c for c in report.rationale if c.option == option_id])]
    prefix = f"{option_id}, " if named else ""
    groups = [(f"{prefix}{role}'s case", [c for c in report.rationale if c.option == role]) for role in option.roles]
    return groups + [(f"{prefix}having both", [c for c in report.rationale if c.option == option_id and c.via is None])]


def counted_member(report: Report, option_id: str) -> str | None:
    """The member whose case a combination's score counts (the weaker one), or None for a single role."""
    return next((c.via for c in report.rationale if c.option == option_id and c.via and c.effect), None)


SCORE_MEANING = ("A score is a 0-100 fit: how strongly these answers point to each option on this knowledge "
                 "base's scale - not a probability; compare options with each other, not with 100.")

STAFFING_WORDS = {
    "full-time": "a full-time hire",
    "fractional": "a fractional (part-time) marketing team now",
    "when-budget-allows": "when the budget allows",
}


def what_if_text(kb: KnowledgeBase, item: WhatIf, shown: str | None = None) -> str:
    """'Company size: enterprise -> small would make it Chief Marketing Officer (CMO)'."""
    return f"{kb.question(item.question).title}: {item.change} would make it {shown or pick_name(kb, item.recommendation, item.tied)}"


def budget_heading(report: Report) -> str:
    """'Budget', or in a tie 'Budget, for each side of the tie': the budget note covers each tied option."""
    return "Budget, for each side of the tie" if report.confidence == "tie" else "Budget"


def budget_line(report: Report) -> str:
    """The budget in one line for the first screen; in a tie, for each tied option."""
    rec = report.recommendation
    how = {"fractional": "a fractional (part-time) marketing team can stand in for now",
           "when-budget-allows": "nothing part-time staffs it, so hire when the budget allows"}
    kinds = set(rec.tied_staffing.values())
    if len(kinds) > 1:
        return "a full-time hire is not affordable now - " + "; ".join(
            f"for the {option_id}, {how[kind]}" for option_id, kind in rec.tied_staffing.items()) + "."
    either = ", for each side of the tie" if kinds else ""
    return f"a full-time hire is not affordable now{either} - {how[rec.staffing]}."


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
    """'Holds in 96% of 1,000 reasonable weightings (every weight +/-25%); most sensitive to ...'."""
    robust = report.robustness
    if report.confidence == "tie":
        text = (f"Of {robust.draws:,} reasonable weightings (every weight +/-{robust.spread:.0%}), {robust.holds:.0%} put "
                f"{report.recommendation.id} first; ")
    else:
        text = (f"Holds in {robust.holds:.0%} of {robust.draws:,} reasonable weightings (every weight "
                f"+/-{robust.spread:.0%}); ")
    critical = robust.critical
    if critical is None:
        return text + "no single weight, even doubled or removed, changes it."
    direction = "more" if critical.change > 0 else "less"
    return (text + f"most sensitive to how much \"{answer_text(kb, critical.question, critical.answer)}\" counts for the "
            f"{critical.option}: {abs(critical.change):.0%} {direction} would make it {option_name(kb, critical.recommendation)}.")


def explained_options(report: Report, explain: Iterable[str] = ()) -> list[str]:
    """The options whose case is shown: the pick, the runner-up in a close call (when it has a case),
    the pick without the advisor's own reading, every option tied at the top, and any asked for, in
    ranking order."""
    wanted = {report.recommendation.id, *report.tied, *explain}
    if report.confidence == "close-call" and report.runner_up is not None:
        wanted.add(report.runner_up)
    if report.robustness.without_inferred is not None:
        wanted.add(report.robustness.without_inferred)
    return [r.id for r in report.ranking if r.id in wanted]


def value_text(value: bool | str | list[str]) -> str:
    """An answer as JSON gives it, in words: yes or no, several priorities joined with '+'."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " + ".join(value) if isinstance(value, list) else value
