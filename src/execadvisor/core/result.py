"""The result of one recommendation: the single model that the terminal, JSON and Markdown views render.

`recommend --json` prints exactly `Report.model_dump_json(...)`, and `execadvisor schema` prints
this model's JSON Schema, so the two can never drift apart.
"""


from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from execadvisor.core.contract import Answers


SCHEMA_VERSION = 2  # the version of the JSON documents this release prints (cli-contract.md)

Confidence = Literal["clear", "close-call", "tie"]
Staffing = Literal["full-time", "fractional", "when-budget-allows"]
Grade = Literal["recommends", "describes", "infers"]
YesNoOrText = Union[bool, str]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class ClaimOut(_Out):
    """Something the report says: what `source` says at `section`, or - when `source` is null - the
    advisor's own general guidance, which no article states."""

    text: str
    source: Optional[str] = Field(description="File name of the source article; null for the advisor's own guidance.")
    section: Optional[str] = Field(description="Heading or opening words of the line in the article where it is said.")


class NodeOut(ClaimOut):
    """A leader or team in a reporting tree, with those reporting to it."""

    reports: list["NodeOut"] = []


class ScoredOption(_Out):
    id: str = Field(description="Option id, e.g. 'CRO' or 'CRO+CMO'.")
    roles: list[str] = Field(description="The role ids this option consists of.")
    title: str
    score: float = Field(ge=0, le=100, description="0-100; higher is a better fit.")


class RankedOption(ScoredOption):
    rank: int = Field(ge=1)
    baseline: float = Field(description="The score before any answer counts: score = baseline + sum of this option's effects.")


class Evidence(_Out):
    """What the pick rests on: the shares of the points that lifted it above its baseline (its
    positive contributions) that come from each grade of evidence; they sum to 1, or are all 0
    when nothing lifted it."""

    recommends: float = Field(ge=0, le=1, description="From rules where an article says to choose this option in this situation.")
    describes: float = Field(ge=0, le=1, description="From rules read from what an article says the role does or owns.")
    infers: float = Field(ge=0, le=1, description="From the advisor's own readings (contrasts, negatives, proxies).")


class Recommendation(ScoredOption):
    summary: str = Field(description="What the recommended leadership would own, in a sentence or two.")
    staffing: Staffing = Field(description="How to fill the pick on the budget given: full-time (the budget allows it), fractional "
                               "(a part-time alternative from the sources fits, listed first in alternatives) or when-budget-allows.")
    staffing_note: list[ClaimOut] = Field(description="What the report says about filling the pick now (in a tie, each tied option); "
                                          "empty when full-time.")
    existing: list[str] = Field(description="Role ids in the pick (in a tie: in any tied option) whose seat a strong leader already "
                                "in place could fill.")
    existing_note: list[ClaimOut] = Field(description="What that means, for each such seat.")
    evidence: Evidence
    tied_staffing: dict[str, Staffing] = Field(description="With a tie: how each tied option would be staffed on this budget "
                                               "(staffing_note covers each); empty otherwise.")


class Contribution(_Out):
    """One answer's push on one option, with the reason, how strongly and where the source article says so."""

    question: str
    answer: YesNoOrText = Field(description="The answer value; for priorities one picked priority; yes/no as true or false.")
    option: str
    effect: float = Field(description="Points on the 0-100 scale this answer adds to (or takes from) the option.")
    weight: float = Field(description="The rule's raw weight in the knowledge base.")
    via: Optional[str] = Field(description="For a combination: the member whose case this rule is part of; null for the "
                               "combination's own rule. The pair counts its weaker member's case, so the stronger member's "
                               "rules are listed with effect 0.")
    evidence: Grade = Field(description="recommends (the article says to choose this option in this situation), describes (the fit "
                            "is read from what the article says the role does) or infers (the advisor's own reading).")
    reason: str
    source: str = Field(description="File name of the source article.")
    section: str = Field(description="Heading or opening words of the line in the article where the claim is made.")


class AlternativeOut(_Out):
    """Something to do instead of, or beside, the hire - not a C-level role."""

    id: str
    title: str
    fills_pick: bool = Field(description="Whether it is a way to fill the pick now (staffing 'fractional') rather than help beside it.")
    note: str = Field(description="What it does for the pick when it does not fill it (or, in a tie, which side it fills); empty when it does.")
    reason: str
    source: str
    section: str


class WhatIf(_Out):
    """The nearest different answer to one question that changes the recommendation - to another
    option, into a tie or out of one (true when re-run)."""

    question: str
    answer: Union[bool, str, list[str]] = Field(description="The new answer, in the same form as in `answers`.")
    change: str = Field(description="The change in words, e.g. 'many -> few' or 'add brand'.")
    recommendation: str = Field(description="The option id that would then be recommended (in a tie, the option listed first).")
    tied: list[str] = Field(default_factory=list, description="With a tie there: every option sharing the top score; else "
                            "empty. A change into or out of a tie changes the recommendation: a tie is no win for its first.")


class CriticalRule(_Out):
    """The single rule whose smallest change of weight flips the pick."""

    question: str
    answer: YesNoOrText
    option: str
    change: float = Field(ge=-1, le=1, description="The relative change of the rule's weight that flips the pick, e.g. -0.35.")
    recommendation: str = Field(description="The option id that would then be recommended.")


class Robustness(_Out):
    """How much the pick depends on the weights, which are judgement calls."""

    spread: float = Field(description="Each rule's weight is multiplied by its own random factor in [1 - spread, 1 + spread].")
    draws: int = Field(ge=1000, description="How many such random weightings were tried (seeded by the answers).")
    holds: float = Field(ge=0, le=1, description="The share of draws in which the pick stays the same.")
    critical: Optional[CriticalRule] = Field(description="The rule whose smallest change flips the pick; null when no single rule "
                                             "changed by up to 100% flips it.")
    without_inferred: Optional[str] = Field(description="The pick when every rule graded 'infers' (the advisor's own reading) is "
                                            "dropped; null when that leaves a tie at the top. Where it differs from the pick, "
                                            "confidence is never 'clear'.")


class HireProfile(_Out):
    """What one role in the recommendation would own. In a combination, `reports_to` and `owns`
    come from the combination's own profile, and the reporting tree and revisit advice are the
    combination's (`organisation`), not the member's."""

    role: str
    name: str
    reports_to: list[ClaimOut]
    owns: list[ClaimOut]
    kpis: list[ClaimOut]
    reporting_lines: list[NodeOut] = Field(description="The role's own teams; empty in a combination (see organisation.tree).")
    background: list[ClaimOut]
    challenges: list[ClaimOut]
    revisit_when: list[ClaimOut] = Field(description="Conditions the answers do not meet yet; empty in a combination (see organisation).")
    sources: list[str] = Field(description="The articles this profile cites.")


class Organisation(_Out):
    """A combination's one profile: how it is organised, one reporting tree, revisit advice for the pair."""

    summary: str
    structure: list[ClaimOut]
    tree: list[NodeOut]
    revisit_when: list[ClaimOut]


class KnowledgeRef(_Out):
    """The knowledge base a result was scored with."""

    name: str = Field(description='"built-in", or the --rules file given.')
    sha256: str = Field(description="SHA-256 of the knowledge file's bytes.")


class SourceRef(_Out):
    file: str
    title: str


class Report(_Out):
    """Everything `execadvisor recommend` concludes from one set of answers."""

    schema_version: Literal[2] = Field(description="The version of this document's shape; 2 since execadvisor 0.2.")
    recommendation: Recommendation
    ranking: list[RankedOption] = Field(description="Every option, best first.")
    margin: float = Field(ge=0, description="Top score minus the runner-up's.")
    runner_up: Optional[str] = Field(description="The option after the pick in the ranking, or null when no rule moved it: an "
                                     "option without a case is never the one the pick is ahead of.")
    confidence: Confidence = Field(description="tie (margin 0), close-call (a small margin, a clear one that does not hold in "
                                   "most reasonable weightings, or a pick that changes without the advisor's own readings) or clear.")
    tied: list[str] = Field(description="With a tie: every option sharing the top score, in list order; else empty.")
    robustness: Robustness
    structure: str = Field(description="How a combination is organised, in one paragraph; empty for a single role.")
    organisation: Optional[Organisation] = Field(description="A combination's own profile; null for a single role.")
    rationale: list[Contribution] = Field(description="Every rule that moves an option (and for a combination, both members' cases), "
                                          "options in ranking order, answers in questionnaire order.")
    alternatives: list[AlternativeOut]
    what_if: list[WhatIf]
    hire: list[HireProfile] = Field(description="One profile per role in the recommendation.")
    answers: Answers
    sources: list[SourceRef] = Field(description="The source articles cited anywhere in this report.")
    knowledge: KnowledgeRef
    version: str


class RankedScore(_Out):
    id: str
    score: float = Field(ge=0, le=100)


LineId = Optional[Union[str, int, float]]


class BatchLine(_Out):
    """One line of `execadvisor batch` output for a good input line (see BatchError for a bad one)."""

    schema_version: Literal[2]
    line: int = Field(ge=1, description="The input line this result answers, counting from 1 (blank lines count too).")
    id: LineId = Field(default=None, description="The input line's own `id`, echoed; absent when it had none.")
    recommendation: str = Field(description="The recommended option's id.")
    roles: list[str]
    score: float = Field(ge=0, le=100)
    margin: float = Field(ge=0)
    runner_up: Optional[str] = Field(description="As in recommend --json: null when no rule moved the option after the pick.")
    confidence: Confidence = Field(description="From the margin alone (tie, close-call or clear): robustness and without_inferred, "
                                   "which can turn a clear pick into a close call in a full report, do not change it here.")
    without_inferred: Optional[str] = Field(description="As robustness.without_inferred in recommend --json.")
    staffing: Staffing
    existing: list[str] = Field(description="In a tie, the filled seats of every tied option.")
    ranking: list[RankedScore] = Field(description="Every option, best first.")
    alternatives: list[str] = Field(description="Ids of the alternatives offered, e.g. fractional-marketing-team.")
    answers: Answers


class BatchReport(Report):
    """One line of `execadvisor batch --full` output: the whole recommend --json document, with `line`."""

    line: int = Field(ge=1, description="The input line this result answers, counting from 1 (blank lines count too).")
    id: LineId = Field(default=None, description="The input line's own `id`, echoed; absent when it had none.")


class BatchError(_Out):
    """One line of `execadvisor batch` output for a bad input line."""

    schema_version: Literal[2]
    line: int = Field(ge=1)
    id: LineId = Field(default=None, description="The input line's own `id`, echoed; absent when it had none or it was not readable.")
    error: str
