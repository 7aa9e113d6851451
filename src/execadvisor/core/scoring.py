"""Scoring: answers + knowledge base -> Report. Pure: it prints nothing, reads no file, asks nothing.

How an option is scored
-----------------------
1. Raw points. Every rule is (question, answer, option, weight). An option collects the weights of
   the rules whose answer was given (for priorities: each picked priority counts).
2. Combinations. A combination is two executives, so it needs a case for *each* of them: its raw
   points are the weaker of its members' raw points, plus the rules written for the combination
   itself (the sources place one in larger organisations or those with complex needs; a tight
   budget weighs against two executives). Evidence split between two roles therefore never makes
   "hire both" win by itself: without its own rules a combination can at best equal its weaker
   member, and its own rules are negative wherever the sources do not place it. In the rationale
   the weaker member's rules carry `via`.
3. One 0-100 scale. `low` and `high` are the least and most raw points that any option can reach
   anywhere in the answer space (computed exactly: see `_bounds`). Every option uses the same linear map
   score = 100 * (raw - low) / (high - low), so ranking by score is ranking by evidence, and
   score = baseline + sum of effects, where effect = weight * 100 / (high - low).
4. Ranking is by score rounded to one decimal, best first; exact ties go to the option listed
   first in the knowledge base, and are reported as a tie (confidence "tie"), never as a win.
   Below `settings.close_call_margin` the pick is a close call.
5. Robustness. The weights are judgement calls, so the pick is re-scored under `robustness_draws`
   random weightings (each rule's weight times its own factor in [1 - spread, 1 + spread], seeded by
   the answers), and the single rule whose smallest change of weight flips the pick is found. A
   clear pick that holds in fewer than `settings.fragile_below` of the draws is a close call.
6. Evidence. Every rule is graded `recommends`, `describes` or `infers` (knowledge.Rule). The pick's
   points that lifted it are split by grade (`recommendation.evidence`), and the pick is found again
   with every `infers` rule dropped, on that smaller knowledge base's own scale
   (`robustness.without_inferred`); where that differs, the pick is never `clear`.
"""

from __future__ import annotations

import math
import random
import sys
import zlib
from array import array
from dataclasses import dataclass
from itertools import combinations, repeat
from math import floor
from functools import reduce
from operator import add, mul, or_
from typing import Any, NamedTuple

from execadvisor.version import __version__
from execadvisor.core.contract import MAX_PRIORITIES, MIN_PRIORITIES, QUESTIONS, Answers
from execadvisor.errors import InputError
from execadvisor.core.knowledge import EVIDENCE, MIN_WEIGHT, PLACEHOLDER, Alternative, Claim, ExistingSeat, KnowledgeBase, Option, ReportingNode, Revisit, Rule
from execadvisor.core.result import (
    SCHEMA_VERSION,
    AlternativeOut,
    ClaimOut,
    Contribution,
    CriticalRule,
    Evidence,
    HireProfile,
    KnowledgeRef,
    NodeOut,
    Organisation,
    RankedOption,
    Recommendation,
    Report,
    Robustness,
    SourceRef,
    WhatIf,
)

Items = list[tuple[str, str]]


class Scorecard(NamedTuple):
    """The numbers only: each option's score, the ranking, the margin. No explanations. (A named
    tuple: batch mode builds one per line, and a frozen dataclass costs several times as much.)"""

    scores: list[float]
    order: list[int]  # option indexes, best first
    margin: float
    confidence: str  # from the margin alone: "tie", "close-call" or "clear"


@dataclass(frozen=True)
class Term:
    """A rule as it counts for its option, for one (question, answer)."""

    option: int
    weight: float
    rule: Rule


class ScoringTable:
    """The knowledge base compiled for fast scoring: per (question, answer), each option's own points.
    `rules` scores a part of the knowledge base's rules (see `kept`) on a scale of their own."""

    def __init__(self, kb: KnowledgeBase, rules: tuple[Rule, ...] | None = None) -> None:
        self.kb = kb
        self._kept: ScoringTable | None = None
        self.option_ids = [o.id for o in kb.options]
        index = {oid: i for i, oid in enumerate(self.option_ids)}
        single = {o.roles[0]: i for i, o in enumerate(kb.options) if not o.is_combination}
        # combination index -> its members' option indexes
        self.members = {i: tuple(single[r] for r in o.roles) for i, o in enumerate(kb.options) if o.is_combination}
        self.terms: dict[tuple[str, str], list[Term]] = {
            (qid, value): [] for qid, (_, values) in QUESTIONS.items() for value in values
        }
        for rule in kb.rules if rules is None else rules:
            self.terms[(rule.question, rule.answer)].append(Term(index[rule.option], rule.weight, rule))
        n = len(self.option_ids)
        self.points: dict[tuple[str, str], tuple[float, ...]] = {}
        self.moves: dict[tuple[str, str], int] = {}  # a bit for each option that some rule moves
        # Per (question, answer), in one row each option's points and its points without `infers`
        # rules (summed together by `sums`), and each option's positive points by grade.
        self.wide: dict[tuple[str, str], tuple[float, ...]] = {}
        self.lift: dict[tuple[str, str], list[tuple[float, ...]]] = {}
        grade = {g: k for k, g in enumerate(EVIDENCE)}
        for key, terms in self.terms.items():
            row, kept, lift = [0.0] * n, [0.0] * n, [[0.0] * len(EVIDENCE) for _ in range(n)]
            for term in terms:
                row[term.option] += term.weight
                if term.rule.evidence != "infers":
                    kept[term.option] += term.weight
                if term.weight > 0:
                    lift[term.option][grade[term.rule.evidence]] += term.weight
            self.points[key] = tuple(row)
            self.wide[key] = (*row, *kept)
            self.lift[key] = [tuple(points) for points in lift]
            self.moves[key] = sum({1 << term.option for term in terms if term.weight})
        # The answers that staffing and the seats already filled depend on (see `advice`).
        questions = {"budget", *(q for a in kb.alternatives for q in a.when), *(s.question for s in kb.existing)}
        self.advice_answers = frozenset(key for key in self.terms if key[0] in questions)
        self._advice: dict[tuple[tuple[int, ...], frozenset[tuple[str, str]]], Advice] = {}
        self.low, self.high = self._bounds(n)
        span = self.high - self.low
        self.scale = 100.0 / span if span > 0 else 0.0
        self.close_call_margin = kb.settings.close_call_margin

    def _bounds(self, n: int) -> tuple[float, float]:
        """The least and most raw points any option can reach over the whole answer space.

        A single role's points add up question by question, so its extremes are exact. A
        combination's points are min over its members m of (own + m's points), each of which also
        adds up question by question: the least of those minima is its exact minimum, and the
        least of the maxima bounds its maximum from above."""
        lows, highs = [], []
        for i in range(n):
            sums = [self._extremes((i,))] if i not in self.members else [self._extremes((i, m)) for m in self.members[i]]
            lows.append(min(low for low, _ in sums))
            highs.append(min(high for _, high in sums))
        return min(lows), max(highs)

    def _extremes(self, options: tuple[int, ...]) -> tuple[float, float]:
        """The least and most total points of `options` together, over the whole answer space."""
        low = high = 0.0
        for qid, (kind, values) in QUESTIONS.items():
            weights = [sum(self.points[(qid, v)][i] for i in options) for v in values]
            if kind == "many":
                weights = [sum(c) for k in range(MIN_PRIORITIES, MAX_PRIORITIES + 1) for c in combinations(weights, k)]
            low += min(weights)
            high += max(weights)
        return low, high

    def own(self, items: Items) -> list[float]:
        """Each option's points from its own rules."""
        points = self.points
        return list(map(sum, zip(*map(points.__getitem__, items))))

    def sums(self, items: Items) -> tuple[list[float], list[float]]:
        """In one pass: each option's own points, and its own points without `infers` rules."""
        n = len(self.option_ids)
        total = list(map(sum, zip(*map(self.wide.__getitem__, items))))
        return total[:n], total[n:]

    def combine(self, own: list[float]) -> list[float]:
        """Raw points: own points, plus for a combination its weaker member's points."""
        raw = list(own)
        for i, members in self.members.items():
            raw[i] += min(map(own.__getitem__, members))
        return raw

    def weaker_member(self, own: list[float], combination: int) -> int:
        """The member whose case a combination rests on (the first of equals)."""
        return min(self.members[combination], key=own.__getitem__)

    def raw(self, items: Items) -> list[float]:
        return self.combine(self.own(items))

    def scores(self, raw: list[float]) -> list[float]:
        if self.scale == 0.0:
            return [50.0] * len(raw)
        low, scale = self.low, self.scale
        return [round((r - low) * scale, 1) for r in raw]

    def ranking(self, scores: list[float]) -> list[int]:
        """Option indexes, best first; ties go to the option listed first (the sort is stable)."""
        return sorted(range(len(scores)), key=scores.__getitem__, reverse=True)

    def pick(self, own: list[float]) -> int:
        """The top option for these own points (ties to the option listed first), without sorting."""
        low, scale = self.low, self.scale
        best, best_score = 0, -math.inf
        for i, r in enumerate(self.combine(own)):
            score = round((r - low) * scale, 1)
            if score > best_score:
                best, best_score = i, score
        return best

    @property
    def baseline(self) -> float:
        """Every option's score before any answer counts (raw points 0)."""
        return 50.0 if self.scale == 0.0 else round(-self.low * self.scale, 2)

    def scorecard(self, items: Items, own: list[float] | None = None) -> Scorecard:
        """The numbers for these answers (`own`: their own points, when already summed)."""
        scores = self.scores(self.combine(self.own(items) if own is None else own))
        order = self.ranking(scores)
        margin = round(scores[order[0]] - scores[order[1]], 1) if len(order) > 1 else 100.0
        if margin == 0.0:
            confidence = "tie"
        elif margin < self.close_call_margin:
            confidence = "close-call"
        else:
            confidence = "clear"
        return Scorecard(scores, order, margin, confidence)

    def outcome(self, items: Items) -> tuple[str, ...]:
        """What recommend concludes for these answers, as one value: (the pick,), or in a tie every
        option tied at the top, as its `tied` lists them - so that a tie never counts as a win for
        the option listed first."""
        scores = self.scores(self.combine(self.own(items)))
        top = max(scores)
        # Scores are rounded to tenths, so equal top scores are a margin of 0.0: a tie (tied_at_top's order).
        return tuple(option for option, score in zip(self.option_ids, scores) if score == top)

    @property
    def kept(self) -> ScoringTable:
        """The table of the rules that are not the advisor's own reading (every `infers` rule dropped)."""
        if self._kept is None:
            self._kept = ScoringTable(self.kb, tuple(r for r in self.kb.rules if r.evidence != "infers"))
        return self._kept

    def lead(self, own: list[float]) -> str | None:
        """For these own points, the top option's id, or None when the top score is shared. (Scores
        are rounded raw points, and rounding keeps the order: only the top two can share a score.)"""
        raw = self.combine(own)
        ranked = sorted(raw, reverse=True)
        low, scale = self.low, self.scale
        if round((ranked[1] - low) * scale, 1) == round((ranked[0] - low) * scale, 1):
            return None
        return self.option_ids[raw.index(ranked[0])]

    def advice(self, shown: tuple[int, ...], given: set[tuple[str, str]]) -> Advice:
        """`budget_and_seats` for these options, kept per answers it depends on (a few hundred at
        most); shared, so never to be changed by the caller."""
        key = (shown, self.advice_answers & given)  # a frozenset: the left operand's type
        found = self._advice.get(key)
        if found is None:
            found = self._advice[key] = budget_and_seats([self.kb.options[i] for i in shown], given, self.kb)
        return found

    def counted(self, own: list[float], i: int) -> tuple[int, ...]:
        """The options whose rules count for option i: itself, and for a combination its weaker member."""
        return (i,) if i not in self.members else (i, self.weaker_member(own, i))

    def has_case(self, items: Items, own: list[float], i: int) -> bool:
        """Whether any rule that counts for option i moved it (a rule for it, or for the member it counts)."""
        weaker = self.weaker_member(own, i) if i in self.members else i
        if own[i] or own[weaker]:  # points that count for it: some rule moved it (the common case, and cheap)
            return True
        moved = reduce(or_, map(self.moves.__getitem__, items))  # rules that moved it by a net 0 count too
        return bool(moved >> i & 1 or moved >> weaker & 1)

    def evidence(self, items: Items, own: list[float], i: int) -> dict[str, float]:
        """The shares of the points that lifted option i (its positive contributions) from each grade
        of evidence; all 0 when none did. Rounded to 0.001, the largest share taking the remainder,
        so that they sum to 1."""
        lift, counted = self.lift, self.counted(own, i)
        points = [sum(column) for column in zip(*(lift[key][j] for key in items for j in counted))]
        total = sum(points)
        if not total:
            return dict.fromkeys(EVIDENCE, 0.0)
        shares = [round(p / total, 3) for p in points]
        largest = shares.index(max(shares))
        shares[largest] = round(1.0 - sum(shares) + shares[largest], 3)
        return dict(zip(EVIDENCE, shares))


_tables: dict[int, ScoringTable] = {}


def table_for(kb: KnowledgeBase) -> ScoringTable:
    """The compiled table of a knowledge base, built once per knowledge base object."""
    table = _tables.get(id(kb))
    if table is None or table.kb is not kb:
        table = _tables[id(kb)] = ScoringTable(kb)
    return table


def check_scale(kb: KnowledgeBase) -> None:
    """Refuse a knowledge base with no 0-100 scale: when over every possible set of answers the
    options' points differ by less than the smallest weight, the weights cancel out, and every
    option would score 50.0 in a tie that robustness could not see. Called on loading every file
    given with --rules (the built-in one is checked by a test)."""
    table = table_for(kb)
    if table.high - table.low < MIN_WEIGHT:
        from execadvisor.untrusted import visible

        raise InputError(f"{visible(kb.identity.name)}: rules: the weights cancel out: over every possible set of answers the "
                         f"options' points differ by less than {MIN_WEIGHT:g}, so there is no 0-100 scale to score on; "
                         "give some answer a weight that moves an option")


# --- the report ----------------------------------------------------------------------------------


def recommend(answers: Answers, kb: KnowledgeBase) -> Report:
    """Score every option for `answers` and explain the result.

    The result objects are built with `model_construct`: the values are correct by construction
    (the JSON Schema test checks real output), and validating them again would cost a schema
    build per result model at every start-up.
    """
    table = table_for(kb)
    items = answers.items()
    found = _verdict(table, items)
    own, card, robust, confidence, at_top, tied = found.own, found.card, found.robust, found.confidence, found.at_top, found.tied
    staffing_of, offered, seats = found.staffing_of, found.offered, found.seats
    scores, order, baseline = card.scores, card.order, table.baseline

    ranking = [
        RankedOption.model_construct(id=kb.options[i].id, roles=list(kb.options[i].roles), title=kb.options[i].title,
                                     score=scores[i], rank=rank, baseline=baseline)
        for rank, i in enumerate(order, start=1)
    ]
    best = kb.options[order[0]]
    given = set(items)

    rationale = []
    for i in order:
        # A combination's rows: its own rules, and each member's case (`via`); the pair's score counts
        # the weaker member's case, so the stronger member's rules are listed with effect 0.
        members = table.members.get(i, ())
        weaker = table.weaker_member(own, i) if members else None
        for qid, value in items:
            for term in table.terms[(qid, value)]:
                if term.weight and (term.option == i or term.option in members):
                    rationale.append(Contribution.model_construct(
                        question=qid, answer=_plain_answer(qid, value), option=kb.options[i].id,
                        effect=round(term.weight * table.scale, 2) if term.option in (i, weaker) else 0.0,
                        weight=round(term.weight, 4), via=None if term.option == i else kb.options[term.option].id,
                        evidence=term.rule.evidence, reason=term.rule.reason, source=term.rule.source, section=term.rule.section,
                    ))

    shown = [kb.options[i] for i in at_top]

    organisation = _organisation(best, given) if best.is_combination else None
    hire = [_hire_profile(kb, best, role_id, given) for role_id in best.roles]
    alternatives = [_alternative(a, best) for a in offered]

    cited = {c.source for c in rationale if c.option in tied or c.option == best.id} | {a.source for a in alternatives}
    cited |= {file for profile in hire for file in profile.sources}
    notes = [note for o in shown for note in staffing_note(o, staffing_of[o.id], kb)]
    said = [_claim(c) for seat in seats for c in seat.says]
    cited |= {c.source for c in (*notes, *said) if c.source}
    if organisation is not None:
        cited |= _files(organisation.structure) | _files(organisation.tree) | _files(organisation.revisit_when)

    return Report.model_construct(
        schema_version=SCHEMA_VERSION,
        recommendation=Recommendation.model_construct(
            id=best.id, roles=list(best.roles), title=best.title, score=scores[order[0]],
            summary=best.summary or kb.role(best.roles[0]).summary,
            staffing=staffing_of[best.id], staffing_note=notes, existing=[s.role for s in seats], existing_note=said,
            evidence=Evidence.model_construct(**table.evidence(items, own, order[0])),
            tied_staffing=dict(staffing_of) if tied else {},
        ),
        ranking=ranking,
        margin=card.margin,
        runner_up=runner_up(table, items, own, order),
        confidence=confidence,
        tied=tied,
        robustness=robust,
        structure=" ".join(_sentence(c.text) for c in best.structure),
        organisation=organisation,
        rationale=rationale,
        alternatives=alternatives,
        what_if=what_if(answers, kb),
        hire=hire,
        answers=answers,
        sources=[SourceRef.model_construct(file=s.file, title=s.title) for s in kb.sources if s.file in cited],
        knowledge=KnowledgeRef.model_construct(name=kb.identity.name, sha256=kb.identity.sha256),
        version=__version__,
    )


class Verdict(NamedTuple):
    """What a report concludes before it explains anything: the scores, how sure, how to staff it."""

    own: list[float]
    card: Scorecard
    robust: Robustness
    confidence: str
    at_top: list[int]
    tied: list[str]
    staffing_of: dict[str, str]
    offered: list[Alternative]
    seats: list[ExistingSeat]


def _verdict(table: ScoringTable, items: Items) -> Verdict:
    kb = table.kb
    own, kept = table.sums(items)
    card = table.scorecard(items, own)
    best = kb.options[card.order[0]]
    without_inferred = table.kept.lead(kept)
    robust = robustness(table, items, own, card.order[0], without_inferred)
    confidence = card.confidence
    if confidence == "clear" and (robust.holds < kb.settings.fragile_below or without_inferred != best.id):
        confidence = "close-call"
    at_top = tied_at_top(card)
    tied = [kb.options[i].id for i in at_top] if confidence == "tie" else []
    staffing_of, offered, seats = table.advice(at_top, set(items))
    return Verdict(own, card, robust, confidence, at_top, tied, staffing_of, offered, seats)


def verdict(answers: Answers, kb: KnowledgeBase) -> tuple[str, float, str, list[str], str]:
    """What `recommend` concludes for these answers - the pick, its score, how sure, the options
    tied at the top, how to staff the pick - without the explanations: exactly recommend's fields,
    computed by the same steps (a path of several steps needs no more)."""
    found = _verdict(table_for(kb), answers.items())
    best = kb.options[found.card.order[0]]
    return best.id, found.card.scores[found.card.order[0]], found.confidence, found.tied, found.staffing_of[best.id]


def summarise(answers: Answers, kb: KnowledgeBase, line: int, line_id: str | int | float | None = None) -> dict[str, Any]:
    """The compact result of one batch line, as plain data (the answers stay a model) in the shape
    of BatchLine, which `schema batch` publishes and the tests hold it to byte for byte: the pick,
    the margin and the runner-up, the pick without the advisor's readings, staffing, seats and
    every score. Plain data, because batch mode builds one for every line, and serializing it with
    pydantic_core.to_json skips validating a model first."""
    table = table_for(kb)
    items = answers.items()
    own, kept = table.sums(items)
    card = table.scorecard(items, own)
    order = card.order
    best = kb.options[order[0]]
    staffing_of, offered, seats = table.advice(tied_at_top(card), set(items))
    summary: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "line": line}
    if line_id is not None:
        summary["id"] = line_id
    scores, ids = card.scores, table.option_ids  # scores are floats already: rounded, or 50.0 on a flat scale
    summary.update(
        recommendation=best.id,
        roles=list(best.roles),
        score=scores[order[0]],
        margin=card.margin,
        runner_up=runner_up(table, items, own, order),
        confidence=card.confidence,
        without_inferred=table.kept.lead(kept),
        staffing=staffing_of[best.id],
        existing=[s.role for s in seats],
        ranking=[{"id": ids[i], "score": scores[i]} for i in order],
        alternatives=[a.id for a in offered],
        answers=answers,
    )
    return summary


def tied_at_top(card: Scorecard) -> tuple[int, ...]:
    """The options the advice speaks for: the pick, or in a tie every option sharing the top score,
    in list order (the pick first)."""
    if card.confidence != "tie":
        return (card.order[0],)
    top = card.scores[card.order[0]]
    return tuple(sorted(i for i in card.order if card.scores[i] == top))


def runner_up(table: ScoringTable, items: Items, own: list[float], order: list[int]) -> str | None:
    """The option after the pick, or None when no rule moved it: an option without a case is never
    the one the pick is 'ahead of'."""
    return table.option_ids[order[1]] if len(order) > 1 and table.has_case(items, own, order[1]) else None


# --- budget and the leaders already in place ---------------------------------------------------------


def staffing_for(option: Option, given: set[tuple[str, str]], kb: KnowledgeBase) -> tuple[str, list[Alternative]]:
    """How to fill an option on the budget given, and the alternatives that fit it.

    An alternative fits when every condition in its `when` holds and it fills or covers a role of
    the option; those that fill every role come first. On a full-time budget the staffing is
    `full-time`; on a constrained one `fractional` when a fitting alternative fills every role
    (003's fractional marketing team, for a CMO), `when-budget-allows` otherwise."""
    roles = set(option.roles)
    eligible = [a for a in kb.alternatives if a.holds(given)]
    filling = [a for a in eligible if roles.issubset(a.fills)]
    fitting = filling + [a for a in eligible if a not in filling and not (roles.isdisjoint(a.fills) and roles.isdisjoint(a.covers))]
    if ("budget", "constrained") not in given:
        return "full-time", fitting
    return ("fractional" if filling else "when-budget-allows"), fitting


Advice = tuple[dict[str, str], list[Alternative], list[ExistingSeat]]


def budget_and_seats(options: list[Option], given: set[tuple[str, str]], kb: KnowledgeBase) -> Advice:
    """For the pick - or every option tied at the top, the pick first: how each is staffed, the
    alternatives that fit any of them (the pick's first), and the seats a strong leader already
    in place could fill in any of them."""
    staffing_of: dict[str, str] = {}
    offered: list[Alternative] = []
    roles: set[str] = set()
    for option in options:
        staffing_of[option.id], fitting = staffing_for(option, given, kb)
        offered += [a for a in fitting if a not in offered]
        roles.update(option.roles)
    seats = [s for s in kb.existing if s.role in roles and (s.question, "yes") in given]
    return staffing_of, offered, seats


def _alternative(alt: Alternative, pick: Option) -> AlternativeOut:
    """An alternative as the report shows it beside the pick: whether it staffs the pick, and if not, why it is there."""
    roles = set(pick.roles)
    fills = roles <= set(alt.fills)
    note = "" if fills else alt.covers_note if not roles.isdisjoint((*alt.fills, *alt.covers)) else alt.tie_note
    return AlternativeOut.model_construct(id=alt.id, title=alt.title, fills_pick=fills, note=" ".join(note.split()),
                                          reason=alt.reason, source=alt.source, section=alt.section)


def staffing_note(option: Option, staffing: str, kb: KnowledgeBase) -> list[ClaimOut]:
    """What the report says about filling an option now: nothing on a full-time budget; with a
    fractional alternative, its texts; otherwise why to wait, and what to do meanwhile."""
    if staffing == "full-time":
        return []
    name = option.title if not option.is_combination else " and ".join(option.roles) + " pair"
    if staffing == "fractional":
        return [_claim(c, name=name) for c in kb.staffing.fractional]
    notes = [_claim(c, name=name) for c in kb.staffing.when_budget_allows]
    return notes + [_claim(c) for role in option.roles for c in kb.staffing.meanwhile.get(role, ())]


# --- robustness -------------------------------------------------------------------------------------------


def robustness(table: ScoringTable, items: Items, own: list[float], pick: int, without_inferred: str | None) -> Robustness:
    """How often the pick holds under random weightings, the rule whose smallest change flips it,
    and (given) the pick without the advisor's own readings."""
    settings = table.kb.settings
    spread, draws = settings.robustness_spread, settings.robustness_draws
    items = sorted(items)  # the order priorities were given in changes nothing here
    active = [(qid, value, term) for qid, value in items for term in table.terms[(qid, value)] if term.weight]

    # Each active rule's points become weight * (1 - spread + 2 * spread * u), with u uniform in
    # [0, 1) drawn draw by draw, rule by rule, as 32-bit integers from one generator seeded by the
    # answers. An option whose points cannot reach the pick's under any such weighting cannot take
    # the pick in any draw, so only the pick and its reachable rivals are computed, column by column
    # (one list per option over all draws), and ranked on scores in tenths: floor(10 * score + 0.5).
    count = len(active)
    bits = random.Random(zlib.crc32(repr(items).encode("utf-8"))).getrandbits(32 * draws * count) if count else 0
    u = array("I", bits.to_bytes(4 * draws * count, "little"))
    if sys.byteorder == "big":
        u.byteswap()
    swing = [0.0] * len(own)
    for _, _, term in active:
        swing[term.option] += spread * abs(term.weight)
    low = [p - d for p, d in zip(own, swing)]
    high = [p + d for p, d in zip(own, swing)]
    for i, members in table.members.items():
        low[i] += min(low[m] for m in members)
        high[i] += min(high[m] for m in members)
    tenths = table.scale * 10
    rivals = [i for i in range(len(own)) if i == pick or (high[i] - low[pick]) * tenths >= -1]
    needed = set(rivals) | {m for i in rivals for m in table.members.get(i, ())}
    start = list(own)
    for _, _, term in active:
        start[term.option] -= spread * term.weight
    columns = {i: [start[i]] * draws for i in needed}
    for k, (_, _, term) in enumerate(active):
        if term.option in needed:
            slope = 2 * spread * term.weight / 2**32
            columns[term.option] = list(map(add, columns[term.option], map(mul, repeat(slope, draws), u[k::count])))
    for i in rivals:
        if i in table.members:
            columns[i] = list(map(add, columns[i], map(min, *(columns[m] for m in table.members[i]))))
    offset = 0.5 - table.low * tenths
    scored = [list(map(floor, map(add, repeat(offset, draws), map(mul, repeat(tenths, draws), columns[i])))) for i in rivals]
    mine = rivals.index(pick)
    holds = sum(row.index(max(row)) == mine for row in zip(*scored)) if len(rivals) > 1 else draws

    critical = None
    smallest = math.inf
    for qid, value, term in active:
        found = _smallest_flip(table, own, pick, term)
        if found is not None and abs(found[0]) < smallest:
            smallest = abs(found[0])
            critical = CriticalRule.model_construct(question=qid, answer=_plain_answer(qid, value), option=table.option_ids[term.option],
                                                    change=found[0], recommendation=table.option_ids[found[1]])
    return Robustness.model_construct(spread=spread, draws=draws, holds=round(holds / draws, 3), critical=critical,
                                      without_inferred=without_inferred)


def _smallest_flip(table: ScoringTable, own: list[float], pick: int, term: Term) -> tuple[float, int] | None:
    """The smallest relative change t of one rule's weight (|t| <= 1, in steps of 0.01) that changes
    the pick, and the new pick; None when none does.

    Only the rule's option's own points move (by t * weight), and every score is piecewise linear in
    that move, so the pick can only change where the pick's raw points meet another option's: those
    crossings are the candidates, each checked (rounded outward to 0.01) with the real ranking."""
    i, w = term.option, term.weight
    raw = table.combine(own)

    def pieces(j: int) -> list[tuple[float, bool]]:
        """Option j's raw points as a function of the move d: constant pieces (c, False) and c + d pieces (c, True)."""
        if j == i:
            return [(raw[j], True)]
        members = table.members.get(j, ())
        if i in members:
            others = min((own[m] for m in members if m != i), default=math.inf)
            return [(own[j] + others, False), (own[j] + own[i], True)]
        return [(raw[j], False)]

    mine = pieces(pick)
    candidates: set[float] = set()
    for j in range(len(raw)):
        if j == pick:
            continue
        for a, a_moves in mine:
            for b, b_moves in pieces(j):
                if a_moves != b_moves:
                    d = (b - a) if a_moves else (a - b)
                    candidates.add(d / w)
    # A crossing at t = 0 is a tie already: the smallest step either way may decide it.
    tries = {sign * k for t in candidates if abs(t) <= 1 + 1e-9
             for sign in ((1,) if t > 0 else (-1,) if t < 0 else (1, -1))
             for k in range(math.ceil(abs(t) * 100 - 1e-9) - 1, math.ceil(abs(t) * 100 - 1e-9) + 2) if 1 <= k <= 100}
    for step in sorted(tries, key=lambda k: (abs(k), k)):
        moved = list(own)
        moved[i] += step / 100 * w
        new = table.pick(moved)
        if new != pick:
            return step / 100, new
    return None


# --- profiles -----------------------------------------------------------------------------------------------


def _claim(claim: Claim, name: str | None = None) -> ClaimOut:
    """A claim as the report carries it; in a staffing text {name} becomes `name`, a fixed
    substitution (the text is data, never a format string)."""
    text = claim.text if name is None else claim.text.replace(PLACEHOLDER, name)
    return ClaimOut.model_construct(text=text, source=claim.source, section=claim.section)


def _node(node: ReportingNode) -> NodeOut:
    return NodeOut.model_construct(text=node.text, source=node.source, section=node.section, reports=[_node(n) for n in node.reports])


def _applies(item: Revisit, given: set[tuple[str, str]]) -> bool:
    """A revisit condition is advice only while the answers do not already meet it."""
    return not any((qid, value) in given for qid, values in item.unless.items() for value in values)


def _revisit(items: tuple[Revisit, ...], given: set[tuple[str, str]]) -> list[ClaimOut]:
    return [_claim(item) for item in items if _applies(item, given)]


def _files(claims: list) -> set[str]:
    """The source files cited in a list of claims or reporting nodes (and their subtrees)."""
    found: set[str] = set()
    for claim in claims:
        if claim.source:
            found.add(claim.source)
        found |= _files(getattr(claim, "reports", []))
    return found


def _organisation(option: Option, given: set[tuple[str, str]]) -> Organisation:
    return Organisation.model_construct(
        summary=option.summary,
        structure=[_claim(c) for c in option.structure],
        tree=[_node(n) for n in option.organisation],
        revisit_when=_revisit(option.revisit_when, given),
    )


def _hire_profile(kb: KnowledgeBase, option: Option, role_id: str, given: set[tuple[str, str]]) -> HireProfile:
    role = kb.role(role_id)
    if option.is_combination:
        member = next(m for m in option.members if m.role == role_id)
        reports_to, owns, lines, revisit = member.reports_to, member.owns, [], []
    else:
        reports_to, owns = role.reports_to, role.scope
        lines, revisit = [_node(n) for n in role.reporting_lines], _revisit(role.revisit_when, given)
    profile = dict(
        reports_to=[_claim(c) for c in reports_to], owns=[_claim(c) for c in owns], kpis=[_claim(c) for c in role.kpis],
        reporting_lines=lines, background=[_claim(c) for c in role.background], challenges=[_claim(c) for c in role.challenges],
        revisit_when=revisit,
    )
    files = set().union(*(_files(v) for v in profile.values()))
    return HireProfile.model_construct(role=role.id, name=role.name, sources=[s.file for s in kb.sources if s.file in files], **profile)


# --- what would change the pick -----------------------------------------------------------------------


def neighbours(answers: Answers, kb: KnowledgeBase, question_id: str) -> list[tuple[Answers, str]]:
    """Every other answer to one question, nearest first, as (changed answers, change in words).

    Nearest means: for an ordinal question (sizes, stages, counts) the fewest steps away; for
    priorities one added or dropped before one swapped; ties in the order the choices are listed.
    """
    kind, values = QUESTIONS[question_id]
    current = getattr(answers, question_id)
    if kind == "yes_no":
        return [(answers.model_copy(update={question_id: not current}), f"{_yes_no(current)} -> {_yes_no(not current)}")]
    if kind == "one":
        here = values.index(current.value)
        ordinal = kb.question(question_id).ordinal
        others = [v for v in values if v != current.value]
        if ordinal:
            others.sort(key=lambda v: abs(values.index(v) - here))
        enum = type(current)
        return [(answers.model_copy(update={question_id: enum(v)}), f"{current.value} -> {v}") for v in others]

    picked = list(current)
    enum = type(picked[0])
    unpicked = [enum(v) for v in values if enum(v) not in picked]
    changes: list[tuple[list, str]] = []
    if len(picked) > MIN_PRIORITIES:
        changes += [([p for p in picked if p != drop], f"drop {drop.value}") for drop in picked]
    if len(picked) < MAX_PRIORITIES:
        changes += [(picked + [add], f"add {add.value}") for add in unpicked]
    changes += [
        ([add if p == drop else p for p in picked], f"swap {drop.value} for {add.value}") for drop in picked for add in unpicked
    ]
    return [(Answers.model_validate({**answers.model_dump(), question_id: new}), text) for new, text in changes]


def what_if(answers: Answers, kb: KnowledgeBase) -> list[WhatIf]:
    """For each question, the nearest different answer that changes the recommendation, if any: to
    another option, into a tie or out of one (a tie is no win for the option listed first)."""
    table = table_for(kb)
    current = table.outcome(answers.items())
    found = []
    for qid in QUESTIONS:
        for changed, text in neighbours(answers, kb, qid):
            outcome = table.outcome(changed.items())
            if outcome != current:
                found.append(WhatIf.model_construct(question=qid, answer=changed.as_plain()[qid], change=text, recommendation=outcome[0],
                                                    tied=list(outcome) if len(outcome) > 1 else []))
                break
    return found


def _plain_answer(question_id: str, value: str) -> bool | str:
    """An answer value as JSON shows it: yes/no questions as booleans."""
    return value == "yes" if QUESTIONS[question_id][0] == "yes_no" else value


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"
