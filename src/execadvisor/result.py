"""The result of one recommendation: the single model that the terminal, JSON and Markdown views render.

`recommend --json` prints exactly `Report.model_dump_json(...)`, and `execadvisor schema` prints
this model's JSON Schema, so the two can never drift apart.
"""


from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from execadvisor.contract import Answers
from execadvisor.knowledge import ReportingNode


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class ScoredOption(_Out):
    id: str = Field(description="Option id, e.g. 'CRO' or 'CRO+CMO'.")
    roles: list[str] = Field(description="The role ids this option consists of.")
    title: str
    score: float = Field(ge=0, le=100, description="0-100; higher is a better fit.")


class RankedOption(ScoredOption):
    rank: int = Field(ge=1)
    baseline: float = Field(description="The score before any answer counts: score = baseline + sum of this option's effects.")


class Recommendation(ScoredOption):
    summary: str = Field(description="What the recommended leadership would own, in a sentence or two.")


class Contribution(_Out):
    """One answer's push on one option, with the reason and the source article it comes from."""

    question: str
    answer: str = Field(description="The answer value; for priorities one picked priority; yes/no as 'yes' or 'no'.")
    option: str
    effect: float = Field(description="Points on the 0-100 scale this answer adds to (or takes from) the option.")
    weight: float = Field(description="The rule's raw weight in the knowledge base.")
    via: str | None = Field(description="For a combination: the member role whose rule this is; null for the option's own rule.")
    reason: str
    source: str = Field(description="File name of the source article.")


class AlternativeOut(_Out):
    id: str
    title: str
    reason: str
    source: str


class WhatIf(_Out):
    """The nearest different answer to one question that changes the recommendation (true when re-run)."""

    question: str
    answer: str | bool | list[str] = Field(description="The new answer, in the same form as in `answers`.")
    change: str = Field(description="The change in words, e.g. 'many -> few' or 'add brand'.")
    recommendation: str = Field(description="The option id that would then be recommended.")


class HireProfile(_Out):
    """What one role in the recommendation would own."""

    role: str
    name: str
    reports_to: str
    kpis: list[str]
    reporting_lines: list[ReportingNode]
    background: list[str]
    challenges: list[str]
    revisit_when: list[str]
    sources: list[str]


class SourceRef(_Out):
    file: str
    title: str


class Report(_Out):
    """Everything `execadvisor recommend` concludes from one set of answers."""

    recommendation: Recommendation
    ranking: list[RankedOption] = Field(description="Every option, best first.")
    margin: float = Field(ge=0, description="Top score minus the runner-up's.")
    confidence: Literal["clear", "close-call"]
    structure: str = Field(description="How a combination is organised; empty for a single role.")
    rationale: list[Contribution] = Field(description="Every non-zero contribution, options in ranking order, answers in questionnaire order.")
    alternatives: list[AlternativeOut]
    what_if: list[WhatIf]
    hire: list[HireProfile] = Field(description="One profile per role in the recommendation.")
    answers: Answers
    sources: list[SourceRef] = Field(description="The source articles cited anywhere in this report.")
    version: str


class RankedScore(_Out):
    id: str
    score: float = Field(ge=0, le=100)


class BatchLine(_Out):
    """One line of `execadvisor batch` output for a good input line (see BatchError for a bad one)."""

    line: int = Field(ge=1, description="The input line this result answers, counting from 1.")
    recommendation: str = Field(description="The recommended option's id.")
    roles: list[str]
    score: float = Field(ge=0, le=100)
    margin: float = Field(ge=0)
    confidence: Literal["clear", "close-call"]
    ranking: list[RankedScore] = Field(description="Every option, best first.")
    alternatives: list[str] = Field(description="Ids of the alternatives offered, e.g. fractional-marketing-team.")
    answers: Answers


class BatchReport(_Out):
    """One line of `execadvisor batch --full` output: the whole recommend --json document."""

    line: int = Field(ge=1)
    report: Report


class BatchError(_Out):
    line: int = Field(ge=1)
    error: str
