"""A team decides together: each person's pick, the group's answers and recommendation, and which
of the people's disagreements change the pick. Pure: it reads no file and prints nothing.

The group's answer to each question, and how a tie among the people is broken:
- an ordered scale (company size, growth stage, revenue streams): the median; with an even count
  whose two middle answers differ, the lower of the two (the earlier on the scale);
- priorities: the (up to) three named by the most people; among those named equally often, the one
  named earlier (the smaller sum of its places in the lists, first place = 1), then the one listed
  first among the question's values; the group's list is in that order;
- any other question, yes/no included: the most common answer; among equally common answers, the
  one listed first among the question's values (yes before no).

A disagreement is a question the people answer differently (priorities: different sets). It
matters when scoring the group's answers with one person's value for that question - for
priorities, that person's whole list in place of the group's - changes the pick. A pick is what
recommend concludes: one option, or a tie among several; a tie is no win for the option listed
first, so a value that turns the pick into a tie (or a tie into a pick) matters, and a person
agrees with the group only with the same pick or the same tie.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Literal, Optional, Union

from pydantic import Field

from execadvisor.core.contract import MAX_PRIORITIES, ORDERED_QUESTIONS, QUESTIONS, Answers
from execadvisor.errors import InputError
from execadvisor.core.knowledge import KnowledgeBase
from execadvisor.core.result import SCHEMA_VERSION, Confidence, KnowledgeRef, Report, Staffing, _Out
from execadvisor.core.scoring import recommend, table_for, verdict
from execadvisor.untrusted import shorten

MIN_PEOPLE, MAX_PEOPLE = 2, 50

AnswerValue = Union[bool, str, list[str]]
Person = tuple[str, str, Answers]  # name, file, answers


class Participant(_Out):
    name: str = Field(description="The answers file's name without its suffix.")
    file: str = Field(description="The answers file, as given.")
    answers: Answers
    recommendation: str = Field(description="The option id this person's own answers give (recommend's pick).")
    score: float = Field(ge=0, le=100)
    confidence: Confidence = Field(description="As recommend reports it for this person's answers.")
    tied: list[str] = Field(description="With a tie: every option sharing the top score; else empty.")
    staffing: Staffing
    saved_with: Optional[KnowledgeRef] = Field(default=None, description="The knowledge base recorded in the person's file "
                                               "(--save-answers records it); null when none was recorded.")


class GroupAnswers(_Out):
    answers: Answers = Field(description="The group's answers: the median of an ordered scale, the most common value "
                             "otherwise, the up to three most named priorities.")
    report: Report = Field(description="The whole recommend --json document for the group's answers.")


class ValuePick(_Out):
    value: AnswerValue = Field(description="One value given for the question, in the form of `answers`.")
    people: list[str] = Field(description="The names of those who gave it.")
    recommendation: str = Field(description="The pick for the group's answers with this value for the question.")
    tied: list[str] = Field(default_factory=list, description="With a tie there: every option sharing the top score; else empty.")


class Disagreement(_Out):
    """A question the people answer differently, and whether that changes the pick."""

    question: str
    values: dict[str, AnswerValue] = Field(description="Each person's answer, by name.")
    group: AnswerValue = Field(description="The group's answer to this question.")
    matters: bool = Field(description="Whether any person's value, put in the group's answers, changes the pick.")
    picks: list[ValuePick] = Field(description="The pick for each value given: scale or list order; priorities as first named.")
    tie: bool = Field(description="Whether the people were tied and a stated rule chose the group's answer.")
    rule: str = Field(description="How the group's answer was chosen, and how a tie was broken.")


class TeamReport(_Out):
    """Everything `execadvisor team` concludes from the team's answers files."""

    schema_version: Literal[2] = Field(description="The version of this document's shape.")
    participants: list[Participant] = Field(description="One a file, in the order given.")
    group: GroupAnswers
    disagreements: list[Disagreement] = Field(description="Those that matter first, then in questionnaire order.")
    agreement: float = Field(ge=0, le=1, description="The share of people whose own pick is the group's pick.")


def person_names(files: Sequence[str]) -> list[str]:
    """Each person's name - the file's name without its suffix - once the files are checked as a team."""
    if "-" in files:
        raise InputError("team: '-' (stdin) cannot stand for a person; give each person's answers file by name")
    names = [PurePath(f).stem for f in files]
    _check_team(names, files)
    return names


def _check_team(names: Sequence[str], files: Sequence[str]) -> None:
    """2 to 50 people, each with a name of their own (names differing only in case are one name)."""
    if not MIN_PEOPLE <= len(names) <= MAX_PEOPLE:
        raise InputError(f"team needs {MIN_PEOPLE} to {MAX_PEOPLE} answers files, one a person; got {len(names)}")
    seen: dict[str, str] = {}
    for name, file in zip(names, files):
        if name.casefold() in seen:
            raise InputError(f"team: {shorten(seen[name.casefold()])} and {shorten(file)} both name {shorten(name)!r}; each "
                             "person's file needs a name of its own (the file's name without its suffix), e.g. ana.yaml "
                             "and ben.yaml")
        seen[name.casefold()] = file


def decide_together(people: Sequence[Person], kb: KnowledgeBase, saved: Mapping[str, Mapping[str, str] | None] | None = None) -> TeamReport:
    """The team's report. `people`: (name, file, answers), one a person, in the order given;
    `saved`: by name, the knowledge base each person's file recorded."""
    _check_team([name for name, _, _ in people], [file for _, file, _ in people])
    verdicts: dict[Answers, tuple[str, float, str, list[str], str]] = {}

    def verdict_for(answers: Answers) -> tuple[str, float, str, list[str], str]:
        # recommend's conclusions without its explanations; people with the same answers are scored once
        if answers not in verdicts:
            verdicts[answers] = verdict(answers, kb)
        return verdicts[answers]

    group_answers, ties = _group_answers([answers for _, _, answers in people])
    group = recommend(group_answers, kb)  # the group's whole report
    pick = outcome(group)
    participants = [
        Participant.model_construct(name=name, file=file, answers=answers, recommendation=own, score=score, confidence=confidence,
                                    tied=tied, staffing=staffing, saved_with=_saved_with((saved or {}).get(name)))
        for name, file, answers in people for own, score, confidence, tied, staffing in [verdict_for(answers)]
    ]
    disagreements = [d for qid in QUESTIONS if (d := _disagreement(qid, people, group_answers, pick, ties[qid], kb)) is not None]
    disagreements.sort(key=lambda d: not d.matters)
    agreement = round(sum(outcome(p) == pick for p in participants) / len(participants), 4)
    return TeamReport.model_construct(schema_version=SCHEMA_VERSION, participants=participants,
                                      group=GroupAnswers.model_construct(answers=group_answers, report=group),
                                      disagreements=disagreements, agreement=agreement)


def _saved_with(recorded: Mapping[str, str] | None) -> KnowledgeRef | None:
    if not recorded:
        return None
    return KnowledgeRef.model_construct(name=str(recorded.get("name", "?")), sha256=str(recorded.get("sha256", "")))


def _group_answers(everyone: Sequence[Answers]) -> tuple[Answers, dict[str, tuple[bool, str]]]:
    """The group's answers, and per question (whether the people were tied, the rule in words)."""
    plain = [a.as_plain() for a in everyone]
    chosen: dict[str, object] = {}
    ties: dict[str, tuple[bool, str]] = {}
    for qid, (kind, values) in QUESTIONS.items():
        given = [p[qid] for p in plain]
        if kind == "many":
            chosen[qid], ties[qid] = _top_priorities(given, values)
        elif qid in ORDERED_QUESTIONS:
            chosen[qid], ties[qid] = _median(given, values)
        else:
            allowed = [True, False] if kind == "yes_no" else list(values)
            chosen[qid], ties[qid] = _most_common(given, allowed)
    return Answers.model_validate(chosen), ties


def _median(given: list[str], scale: tuple[str, ...]) -> tuple[str, tuple[bool, str]]:
    ordered = sorted(given, key=scale.index)
    lower, upper = ordered[(len(ordered) - 1) // 2], ordered[len(ordered) // 2]
    rule = f"the median of {len(given)} answers on the scale {' < '.join(scale)}"
    if lower != upper:
        return lower, (True, f"{rule}; an even count with two middle answers, {lower} and {upper}: the lower, {lower}, is taken")
    return lower, (False, rule)


def _most_common(given: list[bool | str], allowed: list[bool | str]) -> tuple[bool | str, tuple[bool, str]]:
    counts = Counter(given)
    top = max(counts.values())
    best = [v for v in allowed if counts[v] == top]
    rule = f"the most common answer ({_word(best[0])}, given by {top} of {len(given)})"
    if len(best) > 1:
        return best[0], (True, f"{rule}; {', '.join(_word(v) for v in best)} are equally common: the one listed first among "
                               f"the question's values, {_word(best[0])}, is taken")
    return best[0], (False, rule)


def _top_priorities(given: list[list[str]], values: tuple[str, ...]) -> tuple[list[str], tuple[bool, str]]:
    counts: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for picked in given:
        for place, priority in enumerate(picked, start=1):
            counts[priority] += 1
            places[priority] += place
    ranked = sorted(counts, key=lambda p: (-counts[p], places[p], values.index(p)))
    chosen = ranked[:MAX_PRIORITIES]
    rule = (f"the {len(chosen)} named by the most people ({', '.join(f'{p}: {counts[p]}' for p in chosen)}), "
            "most named first")
    if len(ranked) > MAX_PRIORITIES and counts[ranked[MAX_PRIORITIES - 1]] == counts[ranked[MAX_PRIORITIES]]:
        level = counts[ranked[MAX_PRIORITIES]]
        tied = [p for p in ranked if counts[p] == level]
        return chosen, (True, f"{rule}; {', '.join(tied)} are each named by {level}: those named earlier in the lists "
                              "(the smaller sum of places), then those listed first among the question's values, are taken")
    return chosen, (False, rule)


def _word(value: bool | str) -> str:
    return ("yes" if value else "no") if isinstance(value, bool) else value


def outcome(result: Report | Participant | ValuePick) -> tuple[str, ...]:
    """A pick as one value: (the pick,), or every option of a tie - a tie is no win for its first."""
    rec = result.recommendation
    tied = result.tied
    return tuple(tied) if tied else (rec if isinstance(rec, str) else rec.id,)


def _disagreement(qid: str, people: Sequence[Person], group: Answers, pick: tuple[str, ...], tie: tuple[bool, str],
                  kb: KnowledgeBase) -> Disagreement | None:
    """The question's disagreement, each value given re-scored in the group's answers; None when all agree."""
    kind, values = QUESTIONS[qid]
    by_value: dict[object, tuple[Answers, list[str]]] = {}  # value (a set for priorities) -> (a holder's answers, names)
    for name, _, answers in people:
        value = getattr(answers, qid)
        key = frozenset(value) if kind == "many" else value
        by_value.setdefault(key, (answers, []))[1].append(name)
    if len(by_value) == 1:
        return None
    if kind != "many":  # scale or list order; yes before no
        order = [True, False] if kind == "yes_no" else [type(getattr(group, qid))(v) for v in values]
        by_value = {key: by_value[key] for key in order if key in by_value}
    table = table_for(kb)
    picks = []
    for holder, names in by_value.values():
        # outcome() is recommend's pick (or its tie), without the report
        changed = table.outcome(group.model_copy(update={qid: getattr(holder, qid)}).items())
        picks.append(ValuePick.model_construct(value=holder.as_plain()[qid], people=names, recommendation=changed[0],
                                               tied=list(changed) if len(changed) > 1 else []))
    return Disagreement.model_construct(
        question=qid, values={name: answers.as_plain()[qid] for name, _, answers in people}, group=group.as_plain()[qid],
        matters=any(outcome(p) != pick for p in picks), picks=picks, tie=tie[0], rule=tie[1])
