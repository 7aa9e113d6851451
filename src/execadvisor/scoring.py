"""Scoring: answers + knowledge base -> Report. Pure: it prints nothing, reads no file, asks nothing.

How an option is scored
-----------------------
1. Raw points. Every rule is (question, answer, option, weight). An option collects the weights of
   the rules whose answer was given (for priorities: each picked priority counts).
2. Combinations. An option made of several roles (e.g. CRO+CMO) needs the case for *each* role, so
   its raw points are the mean of its roles' raw points plus the rules written for the combination
   itself (size, complexity, budget). Each member rule therefore counts at 1/n of its weight, and
   the rationale says which member it came through (`via`).
3. One 0-100 scale. `low` and `high` are the least and most raw points that any option can reach
   anywhere in the answer space (computed exactly: questions are independent, and for priorities
   the best and worst one-to-three picks are taken). Every option uses the same linear map
   score = 100 * (raw - low) / (high - low), so ranking by score is ranking by evidence, and
   score = baseline + sum of effects, where effect = weight * 100 / (high - low).
4. Ranking is by score rounded to one decimal, best first; exact ties go to the option listed first
   in the knowledge base. The margin is the top score minus the runner-up's; below
   `settings.close_call_margin` the recommendation is a close call.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from execadvisor import __version__
from execadvisor.contract import MAX_PRIORITIES, MIN_PRIORITIES, QUESTIONS, Answers
from execadvisor.knowledge import Alternative, KnowledgeBase, Rule
from execadvisor.result import (
    AlternativeOut,
    BatchLine,
    Contribution,
    HireProfile,
    RankedOption,
    Recommendation,
    Report,
    SourceRef,
    WhatIf,
)


@dataclass(frozen=True)
class Scorecard:
    """The numbers only: each option's score, the ranking, the margin. No explanations."""

    scores: list[float]
    order: list[int]  # option indexes, best first
    margin: float
    confidence: str  # "clear", or "close-call" when the margin is under settings.close_call_margin


@dataclass(frozen=True)
class Term:
    """A rule as it counts for one option: at full weight, or at 1/n through a combination member."""

    option: int
    weight: float
    rule: Rule
    via: str | None


class ScoringTable:
    """The knowledge base compiled for fast scoring: per (question, answer), each option's points."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.option_ids = [o.id for o in kb.options]
        index = {oid: i for i, oid in enumerate(self.option_ids)}
        single = {o.roles[0]: o.id for o in kb.options if len(o.roles) == 1}
        self.terms: dict[tuple[str, str], list[Term]] = {
            (qid, value): [] for qid, (_, values) in QUESTIONS.items() for value in values
        }
        for rule in kb.rules:
            key = (rule.question, rule.answer)
            self.terms[key].append(Term(index[rule.option], rule.weight, rule, None))
            for j, combo in enumerate(kb.options):
                members = [single.get(role) for role in combo.roles]
                if len(combo.roles) > 1 and rule.option in members:
                    self.terms[key].append(Term(j, rule.weight / len(combo.roles), rule, rule.option))
        n = len(self.option_ids)
        self.points: dict[tuple[str, str], tuple[float, ...]] = {}
        for key, terms in self.terms.items():
            row = [0.0] * n
            for term in terms:
                row[term.option] += term.weight
            self.points[key] = tuple(row)
        self.low, self.high = self._bounds(n)
        span = self.high - self.low
        self.scale = 100.0 / span if span > 0 else 0.0
        self.close_call_margin = kb.settings.close_call_margin

    def _bounds(self, n: int) -> tuple[float, float]:
        """The least and most raw points any option can reach over the whole answer space."""
        lows, highs = [0.0] * n, [0.0] * n
        for qid, (kind, values) in QUESTIONS.items():
            for i in range(n):
                weights = [self.points[(qid, v)][i] for v in values]
                if kind == "many":
                    sums = [sum(c) for k in range(MIN_PRIORITIES, MAX_PRIORITIES + 1) for c in combinations(weights, k)]
                else:
                    sums = weights
                lows[i] += min(sums)
                highs[i] += max(sums)
        return min(lows), max(highs)

    def raw(self, items: list[tuple[str, str]]) -> list[float]:
        points = self.points
        return [sum(column) for column in zip(*(points[key] for key in items))]

    def scores(self, raw: list[float]) -> list[float]:
        if self.scale == 0.0:
            return [50.0] * len(raw)
        return [round((r - self.low) * self.scale, 1) for r in raw]

    def ranking(self, scores: list[float]) -> list[int]:
        """Option indexes, best first; ties go to the option listed first."""
        return sorted(range(len(scores)), key=lambda i: (-scores[i], i))

    @property
    def baseline(self) -> float:
        """Every option's score before any answer counts (raw points 0)."""
        return 50.0 if self.scale == 0.0 else round(-self.low * self.scale, 2)

    def scorecard(self, items: list[tuple[str, str]]) -> Scorecard:
        scores = self.scores(self.raw(items))
        order = self.ranking(scores)
        margin = round(scores[order[0]] - scores[order[1]], 1) if len(order) > 1 else 100.0
        return Scorecard(scores, order, margin, "close-call" if margin < self.close_call_margin else "clear")

    def winner(self, items: list[tuple[str, str]]) -> str:
        scores = self.scores(self.raw(items))
        return self.option_ids[self.ranking(scores)[0]]


_tables: dict[int, ScoringTable] = {}


def table_for(kb: KnowledgeBase) -> ScoringTable:
    """The compiled table of a knowledge base, built once per knowledge base object."""
    table = _tables.get(id(kb))
    if table is None or table.kb is not kb:
        table = _tables[id(kb)] = ScoringTable(kb)
    return table


def recommend(answers: Answers, kb: KnowledgeBase) -> Report:
    """Score every option for `answers` and explain the result.

    The result objects are built with `model_construct`: the values are correct by construction
    (the JSON Schema test checks real output), and validating them again would cost a schema
    build per result model at every start-up.
    """
    table = table_for(kb)
    items = answers.items()
    card = table.scorecard(items)
    scores, order, baseline = card.scores, card.order, table.baseline

    ranking = []
    for rank, i in enumerate(order, start=1):
        option = kb.options[i]
        ranking.append(
            RankedOption.model_construct(id=option.id, roles=list(option.roles), title=option.title, score=scores[i], rank=rank, baseline=baseline)
        )
    best = kb.options[order[0]]

    rationale = [
        Contribution.model_construct(
            question=qid,
            answer=value,
            option=kb.options[i].id,
            effect=round(term.weight * table.scale, 2),
            weight=round(term.weight, 4),
            via=term.via,
            reason=term.rule.reason,
            source=term.rule.source,
        )
        for i in order
        for qid, value in items
        for term in table.terms[(qid, value)]
        if term.option == i and term.weight != 0
    ]
    alternatives = [
        AlternativeOut.model_construct(id=a.id, title=a.title, reason=a.reason, source=a.source)
        for a in alternatives_for(items, kb)
    ]
    hire = [_hire_profile(kb, role_id) for role_id in best.roles]
    cited = {c.source for c in rationale if c.option == best.id} | {a.source for a in alternatives}
    cited |= {file for profile in hire for file in profile.sources}
    if best.source:
        cited.add(best.source)

    return Report.model_construct(
        recommendation=Recommendation.model_construct(
            id=best.id,
            roles=list(best.roles),
            title=best.title,
            score=scores[order[0]],
            summary=best.structure or kb.role(best.roles[0]).summary,
        ),
        ranking=ranking,
        margin=card.margin,
        confidence=card.confidence,
        structure=best.structure,
        rationale=rationale,
        alternatives=alternatives,
        what_if=what_if(answers, kb),
        hire=hire,
        answers=answers,
        sources=[SourceRef.model_construct(file=s.file, title=s.title) for s in kb.sources if s.file in cited],
        version=__version__,
    )


def alternatives_for(items: list[tuple[str, str]], kb: KnowledgeBase) -> list[Alternative]:
    """The alternatives whose every condition holds for these answers."""
    given = set(items)
    return [a for a in kb.alternatives if all((qid, value) in given for qid, value in a.when.items())]


def summarise(answers: Answers, kb: KnowledgeBase, line: int) -> BatchLine:
    """The compact result of one batch line: the pick, the margin and every option's score."""
    table = table_for(kb)
    items = answers.items()
    card = table.scorecard(items)
    best = kb.options[card.order[0]]
    # One validation from plain data (done in pydantic-core) is cheaper than a model_construct
    # per ranked option, and batch mode runs this for every line.
    return BatchLine.model_validate(
        {
            "line": line,
            "recommendation": best.id,
            "roles": best.roles,
            "score": card.scores[card.order[0]],
            "margin": card.margin,
            "confidence": card.confidence,
            "ranking": [{"id": table.option_ids[i], "score": card.scores[i]} for i in card.order],
            "alternatives": [a.id for a in alternatives_for(items, kb)],
            "answers": answers,
        }
    )


def _hire_profile(kb: KnowledgeBase, role_id: str) -> HireProfile:
    role = kb.role(role_id)
    return HireProfile.model_construct(
        role=role.id,
        name=role.name,
        reports_to=role.reports_to,
        kpis=list(role.kpis),
        reporting_lines=list(role.reporting_lines),
        background=list(role.background),
        challenges=list(role.challenges),
        revisit_when=list(role.revisit_when),
        sources=list(role.sources),
    )


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
    """For each question, the nearest different answer that changes the recommendation, if any."""
    table = table_for(kb)
    current = table.winner(answers.items())
    found = []
    for qid in QUESTIONS:
        for changed, text in neighbours(answers, kb, qid):
            winner = table.winner(changed.items())
            if winner != current:
                found.append(WhatIf.model_construct(question=qid, answer=changed.as_plain()[qid], change=text, recommendation=winner))
                break
    return found


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"
