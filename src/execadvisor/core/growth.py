"""The pick as the company grows: every value of one or two ordered questions, the other answers
held, and where the pick changes. Pure: it reads no file and prints nothing.

Every step is what `recommend` concludes for that step's answers (scoring.verdict: the same steps,
without the explanations), so each equals what `recommend` gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import product
from typing import Any, Literal, Optional

from pydantic import Field, create_model

from execadvisor.version import __version__
from execadvisor.core.answers import normalise_keys, parse_answers
from execadvisor.core.contract import ORDERED_QUESTIONS, QUESTIONS, Answers
from execadvisor.errors import InputError
from execadvisor.core.knowledge import KnowledgeBase
from execadvisor.core.result import SCHEMA_VERSION, Confidence, KnowledgeRef, Staffing, _Out
from execadvisor.core.scoring import verdict
from execadvisor.untrusted import shorten

DEFAULT_VARY = ("company_size",)


class PathStep(_Out):
    answers: Answers = Field(description="The whole answers scored at this step: the held answers with the varied ones set.")
    recommendation: str = Field(description="The option id recommend gives for these answers.")
    score: float = Field(ge=0, le=100)
    confidence: Confidence
    tied: list[str] = Field(description="With a tie: every option sharing the top score; else empty.")
    staffing: Staffing


# "from" is a Python keyword, so this model is made from a mapping of its fields.
PathChange = create_model(
    "PathChange",
    __base__=_Out,
    __doc__="Where the pick changes between two neighbouring values of one varied question.",
    question=(str, ...),
    at=(dict[str, str], Field(description="With two varied questions: the other one's value along which this change "
                                          "happens; empty with one.")),
    **{"from": (str, Field(description="The value before the change, one step down the scale.")),
       "to": (str, Field(description="The value after it, one step up."))},
    recommendation=(list[str], Field(description="The pick before and after: [BEFORE, AFTER] (in a tie, the option "
                                                 "listed first, as a step's `recommendation`).")),
    tied=(list[list[str]], Field(default_factory=lambda: [[], []], description="The ties before and after: [BEFORE, AFTER], "
                                 "each every option sharing the top score, or empty with no tie. A change to or from a tie "
                                 "is a change.")),
)


class PathReport(_Out):
    """Everything `execadvisor path` finds: the pick at every step, and where it changes."""

    schema_version: Literal[2] = Field(description="The version of this document's shape.")
    vary: list[str] = Field(description="The varied questions: one, or two for a grid.")
    today: dict[str, Optional[str]] = Field(description="Each varied question's answer as given (today's), or null when not given.")
    steps: list[PathStep] = Field(description="Every combination of the varied values, in scale order (a grid row by row: "
                                  "the first question's value, then the second's).")
    changes: list[PathChange] = Field(  # type: ignore[valid-type]
        description="Where the pick changes between neighbouring steps, along each varied question.")
    knowledge: KnowledgeRef
    version: str


def varied_questions(names: Sequence[str]) -> list[str]:
    """The question ids to vary (default company_size): one or two questions with ordered values,
    snake_case or kebab-case."""
    if not names:
        return list(DEFAULT_VARY)
    allowed = ", ".join(ORDERED_QUESTIONS)
    chosen = []
    for name in names:
        qid = name.strip().lower().replace("-", "_")
        if qid not in ORDERED_QUESTIONS:
            what = "a question whose values have no order" if qid in QUESTIONS else "not a question"
            raise InputError(f"--vary {shorten(name)}: {what}; allowed: {allowed}")
        if qid in chosen:
            raise InputError(f"--vary {shorten(name)}: given twice; vary one question, or two different ones for a grid")
        chosen.append(qid)
    if len(chosen) > 2:
        raise InputError(f"--vary: at most two questions (a grid); got {len(chosen)}: {', '.join(chosen)}")
    return chosen


def growth_path(held: Answers | Mapping[str, Any], vary: Sequence[str], kb: KnowledgeBase) -> PathReport:
    """The pick at every value of the varied questions, every other answer as in `held`.

    `held` answers every question but may leave out the varied ones; those it gives are today's."""
    vary = varied_questions(vary)
    given = held.as_plain() if isinstance(held, Answers) else normalise_keys(held, "answers")
    # The varied questions not given get a stand-in, so that the rest is checked as one set of answers.
    base = parse_answers({**{q: QUESTIONS[q][1][0] for q in vary}, **given})
    plain = base.as_plain()
    today = {q: plain[q] if q in given else None for q in vary}
    steps = []
    for combo in product(*(QUESTIONS[q][1] for q in vary)):
        answers = base.model_copy(update={q: type(getattr(base, q))(value) for q, value in zip(vary, combo)})
        pick, score, confidence, tied, staffing = verdict(answers, kb)
        steps.append(PathStep.model_construct(answers=answers, recommendation=pick, score=score, confidence=confidence,
                                              tied=tied, staffing=staffing))
    return PathReport.model_construct(schema_version=SCHEMA_VERSION, vary=vary, today=today, steps=steps,
                                      changes=_changes(vary, steps), knowledge=KnowledgeRef.model_construct(
                                          name=kb.identity.name, sha256=kb.identity.sha256), version=__version__)


def _changes(vary: list[str], steps: list[PathStep]) -> list[Any]:
    """Each pair of neighbouring steps along one varied question whose picks differ: along the
    first question (for each value of the second), then along the second."""
    at = {tuple(s.answers.as_plain()[q] for q in vary): s for s in steps}
    scales = [QUESTIONS[q][1] for q in vary]
    found = []
    for axis, question in enumerate(vary):
        others = [scales[i] if i != axis else (None,) for i in range(len(vary))]
        for fixed in product(*others):
            line = [at[tuple(v if i == axis else fixed[i] for i in range(len(vary)))] for v in scales[axis]]
            for (low, before), (high, after) in zip(zip(scales[axis], line), zip(scales[axis][1:], line[1:])):
                if (before.tied or before.recommendation) != (after.tied or after.recommendation):  # a tie is no win
                    where = {vary[i]: fixed[i] for i in range(len(vary)) if i != axis}
                    found.append(PathChange.model_construct(**{"question": question, "at": where, "from": low, "to": high,
                                                              "recommendation": [before.recommendation, after.recommendation],
                                                              "tied": [before.tied, after.tied]}))
    return found
