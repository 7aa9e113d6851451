"""The knowledge base: pydantic models for data/roles.yaml, and loading it safely.

A broken file never produces a traceback: every problem becomes `FILE: path.to.field: problem`
inside an `InputError`.
"""


import functools
import math
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from execadvisor.core.contract import MAX_PRIORITIES, MIN_PRIORITIES, QUESTIONS
from execadvisor.errors import InputError, describe_problems, echoed, pydantic_problems
from execadvisor.untrusted import is_plain
from execadvisor.core.packaged import BUILTIN_NAME, QuestionWords, builtin_text, compiled_data, packaged

MAX_KNOWLEDGE_BYTES = 2 * 1024 * 1024

NonEmpty = Field(min_length=1)
# Ids (of roles, options, sources, alternatives) are plain words: they are matched, looked up and
# shown everywhere, so they carry nothing a terminal or the memo could read as more than text.
PLAIN_ID = r"^[A-Za-z0-9][A-Za-z0-9+._-]{0,63}$"
PlainId = Annotated[str, Field(pattern=PLAIN_ID)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


MAX_SECTION = 80
MAX_WEIGHT = 1000.0
MIN_WEIGHT = 0.01  # a non-zero weight smaller than this cannot give a usable 0-100 scale
# Bounds on what one recommendation costs, whatever the file (the built-in has 7 options, 69 rules and
# 1,000 draws): robustness re-weights every rule in every draw, and the rule whose smallest change
# flips the pick is searched rule by rule against every option. At these bounds a recommendation
# takes about 0.3 s and 60 MB (README, "Your own knowledge base").
MAX_OPTIONS = 50
MAX_RULES = 1000
MAX_DRAWS = 10_000
MAX_REWEIGHTED = 1_000_000  # robustness_draws x rules


class Source(_Model):
    file: PlainId
    title: str = NonEmpty


class Claim(_Model):
    """One thing the advisor says. With `source`, it is what that article says at `section` (a
    heading, or the opening words of a line, verbatim); without, it is the advisor's own general
    guidance, and every view marks it so. In YAML a plain string is a claim without a source."""

    text: str = NonEmpty
    source: str | None = None
    section: str | None = Field(default=None, min_length=1, max_length=MAX_SECTION)

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _cited_together(self) -> "Claim":
        if (self.source is None) != (self.section is None):
            raise ValueError("source and section go together: give both, or neither for the advisor's own guidance")
        return self


class Revisit(Claim):
    """A condition for revisiting the decision; left out when the answers already meet it
    (`unless`: question id -> answers; for priorities, any of them picked)."""

    unless: dict[str, tuple[str, ...]] = {}


class ReportingNode(Claim):
    """A team or a leader in a reporting tree; `reports` hangs below it."""

    reports: tuple["ReportingNode", ...] = ()


Claims = tuple[Claim, ...]


class Role(_Model):
    id: PlainId
    name: str = NonEmpty
    aliases: tuple[PlainId, ...] = ()
    tagline: str = Field(min_length=1, max_length=48)  # fits one 80-column line in `execadvisor roles`
    summary: str = NonEmpty
    reports_to: Claims = NonEmpty
    scope: Claims = NonEmpty
    responsibilities: Claims = NonEmpty
    kpis: Claims = NonEmpty
    reporting_lines: tuple[ReportingNode, ...] = NonEmpty
    background: Claims = NonEmpty
    challenges: Claims = NonEmpty
    choose_when: Claims = NonEmpty
    revisit_when: tuple[Revisit, ...] = NonEmpty
    sources: tuple[str, ...] = NonEmpty


class Member(_Model):
    """One executive of a combination: whom they report to and what they own in it."""

    role: str = NonEmpty
    reports_to: Claims = NonEmpty
    owns: Claims = NonEmpty


class Option(_Model):
    """Something the advisor can recommend: one role, or a combination of roles with a profile of
    its own (how it is organised, each member's remit, one reporting tree, revisit advice)."""

    id: PlainId
    roles: tuple[str, ...] = NonEmpty
    title: str = NonEmpty
    summary: str = ""
    structure: Claims = ()
    members: tuple[Member, ...] = ()
    organisation: tuple[ReportingNode, ...] = ()
    revisit_when: tuple[Revisit, ...] = ()

    @property
    def is_combination(self) -> bool:
        return len(self.roles) > 1


class Alternative(_Model):
    """Offered beside the recommendation when every question in `when` has its answer (or one of
    its answers) and it fits: it `fills` a role of the pick (stands in for it), or `covers` part of
    one. It staffs the pick only when it fills every role of it; otherwise `covers_note` says what
    it does for the pick, or, in a tie where it fits only another tied option, `tie_note`."""

    id: PlainId
    title: str = NonEmpty
    when: dict[str, str | tuple[str, ...]] = NonEmpty
    fills: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()
    covers_note: str = ""
    tie_note: str = ""
    reason: str = NonEmpty
    source: str = NonEmpty
    section: str = Field(min_length=1, max_length=MAX_SECTION)

    def holds(self, given: set[tuple[str, str]]) -> bool:
        """Whether every condition in `when` holds for these (question, answer) pairs."""
        return all((q, values) in given if isinstance(values, str) else any((q, v) in given for v in values)
                   for q, values in self.when.items())


PLACEHOLDER = "{name}"  # the pick's name, in the staffing texts: the one placeholder (see _placeholder_problems)
FILLED = ("fractional", "when-budget-allows")  # the staffing texts that take it


class Staffing(_Model):
    """What the report says about filling the pick on a constrained budget: the `fractional` texts
    when an alternative fills it, else the `when-budget-allows` texts and what to do `meanwhile`
    for each of its roles. {name} is the title of the option spoken of."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, populate_by_name=True)

    fractional: Claims = NonEmpty
    when_budget_allows: Claims = Field(alias="when-budget-allows", min_length=1)
    meanwhile: dict[str, Claims] = {}


class ExistingSeat(_Model):
    """A seat that a strong leader already in place may fill: `role` when `question` is answered yes."""

    role: str = NonEmpty
    question: str = NonEmpty
    says: Claims = NonEmpty


class Choice(_Model):
    value: str = NonEmpty
    label: str = NonEmpty


class Question(_Model, QuestionWords):
    id: str = NonEmpty
    title: str = NonEmpty  # a short heading, e.g. "Revenue streams"
    prompt: str = NonEmpty
    help: str = NonEmpty
    kind: Literal["one", "many", "yes_no"]
    ordinal: bool = False  # choices run from less to more; what-if tries the nearest steps first
    choices: tuple[Choice, ...] = ()
    min_choices: int = 1
    max_choices: int = 1


Evidence = Literal["recommends", "describes", "infers"]
EVIDENCE: tuple[str, ...] = Evidence.__args__


class Rule(_Model):
    """When `question` has `answer`, add `weight` raw points to `option`. `evidence` grades the cited
    section's support: `recommends` (the article says to choose this option in this situation),
    `describes` (it says what the role does, and the fit is read from that) or `infers` (the
    advisor's own reading: a contrast, a negative, a direction or a proxy)."""

    question: str = NonEmpty
    answer: str = NonEmpty
    option: str = NonEmpty
    weight: float
    evidence: Evidence = Field(default=None, validate_default=True)  # type: ignore[assignment] - required, with its own message
    reason: str = NonEmpty
    source: str = NonEmpty
    section: str = Field(min_length=1, max_length=MAX_SECTION)

    @field_validator("evidence", mode="before")
    @classmethod
    def _graded(cls, value: Any) -> Any:
        if value is None:
            raise ValueError(f"missing: grade the rule as one of {', '.join(EVIDENCE)}")
        return value

    @field_validator("weight")
    @classmethod
    def _bounded(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        if value and not MIN_WEIGHT <= abs(value) <= MAX_WEIGHT:
            raise ValueError(f"must be 0 or between {MIN_WEIGHT:g} and {MAX_WEIGHT:g} in size (plus or minus), got {value:g}")
        return value


class Settings(_Model):
    close_call_margin: float = Field(default=5.0, ge=0, le=100)
    robustness_spread: float = Field(default=0.25, gt=0, le=1)
    robustness_draws: int = Field(default=1000, ge=1000, le=MAX_DRAWS)
    fragile_below: float = Field(default=0.8, ge=0, le=1)


class KnowledgeId(_Model):
    """Which knowledge base a result comes from: "built-in" or the file given, and its SHA-256."""

    name: str
    sha256: str


class KnowledgeBase(_Model):
    schema_version: Literal[2]
    settings: Settings = Settings()
    sources: tuple[Source, ...] = NonEmpty
    roles: tuple[Role, ...] = NonEmpty
    options: tuple[Option, ...] = Field(min_length=1, max_length=MAX_OPTIONS)
    staffing: Staffing
    existing: tuple[ExistingSeat, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    questions: tuple[Question, ...] = NonEmpty
    rules: tuple[Rule, ...] = Field(min_length=1, max_length=MAX_RULES)
    _identity: KnowledgeId = PrivateAttr(default=KnowledgeId(name="unnamed", sha256=""))
    _plain_text: bool = PrivateAttr(default=False)

    @property
    def identity(self) -> KnowledgeId:
        return self._identity

    @property
    def plain_text(self) -> bool:
        """Whether every text in it is shown as it is (no control character, no bidi control): then
        the views need no display copy of it. Found when it is loaded; the built-in one's at build time."""
        return self._plain_text

    def named(self, name: str, text: str | bytes) -> "KnowledgeBase":
        """Record where this knowledge base came from (a name and its file's SHA-256); returns self."""
        import hashlib

        raw = text.encode("utf-8") if isinstance(text, str) else text
        self._identity = KnowledgeId(name=name, sha256=hashlib.sha256(raw).hexdigest())
        return self

    def __repr__(self) -> str:  # the whole base runs to tens of kilobytes; tests and tracebacks show this
        return f"KnowledgeBase({len(self.roles)} roles, {len(self.options)} options, {len(self.rules)} rules)"

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def source_title(self, file: str) -> str:
        return next(s.title for s in self.sources if s.file == file)

    def find_role(self, name: str) -> Role | None:
        """A role by id or alias, ignoring case (`cro`, `chief-revenue-officer`)."""
        wanted = name.strip().lower()
        for role in self.roles:
            if wanted == role.id.lower() or wanted in (a.lower() for a in role.aliases):
                return role
        return None


def _walk(path: str, value: Any) -> Iterator[tuple[str, Any]]:
    """`value` and everything below it (fields of models, items of tuples, values of dicts), each with
    its path as a message names it (`roles[0].reporting_lines[1].reports[0].text`): the one walk over
    what a knowledge base can contain."""
    yield path, value
    if isinstance(value, BaseModel):
        for key, field in type(value).model_fields.items():
            name = field.alias or key
            yield from _walk(f"{path}.{name}" if path else name, getattr(value, key))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk(f"{path}[{i}]", item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(f"{path}.{key}", item)


def _claims(path: str, value: Any) -> Iterator[tuple[str, Claim]]:
    """Every claim below `value` (a claim, a reporting tree, or a tuple or dict of them), with its path."""
    return ((where, item) for where, item in _walk(path, value) if isinstance(item, Claim))


_BRACES = re.compile(r"\{[^{}]*\}")


def _placeholder_problems(kb: "KnowledgeBase") -> list[tuple[str, str]]:
    """Texts are data, never templates: the staffing texts take {name} (replaced as it is, see
    scoring), and no text takes anything else in braces - no field, index, attribute or format spec."""
    from execadvisor.untrusted import shorten

    filled = tuple(f"staffing.{key}[" for key in FILLED)
    problems = []
    for path, text in _walk("", kb):
        if not isinstance(text, str):
            continue
        for found in _BRACES.findall(text):
            if path.startswith(filled) and path.endswith(".text"):
                if found != PLACEHOLDER:
                    problems.append((path, f"unknown placeholder {shorten(found)}; the only one is {PLACEHOLDER} (the pick's name)"))
            else:
                problems.append((path, f"{shorten(found)} looks like a placeholder, but this text is shown as written; only the "
                                       f"staffing texts ({', '.join(FILLED)}) take one: {PLACEHOLDER}"))
    return problems


def _answer_problem(qid: str, values: Any) -> str | None:
    """Why (question id, answers) names no real answer, or None."""
    if qid not in QUESTIONS:
        return f"unknown question {echoed(qid)}; known: {', '.join(QUESTIONS)}"
    allowed = QUESTIONS[qid][1]
    bad = [v for v in ((values,) if isinstance(values, str) else values) if v not in allowed]
    return f"{', '.join(map(echoed, bad))} is not an answer to {qid}; allowed: {', '.join(allowed)}" if bad else None


def _consistency_problems(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Cross-references pydantic cannot see: ids, sources, and the questions the contract fixes."""
    problems: list[tuple[str, str]] = []
    source_files = {s.file for s in kb.sources}
    role_ids = [r.id for r in kb.roles]
    option_ids = [o.id for o in kb.options]
    single_roles = {o.roles[0] for o in kb.options if not o.is_combination}

    def check_source(path: str, file: str | None) -> None:
        if file is not None and file not in source_files:
            problems.append((path, f"unknown source {echoed(file)}; listed sources: {', '.join(sorted(source_files))}"))

    def check_role(path: str, role_id: str) -> None:
        if role_id not in role_ids:
            problems.append((path, f"unknown role {echoed(role_id)}; known: {', '.join(role_ids)}"))

    def check_answers(path: str, conditions: dict[str, Any]) -> None:
        for qid, values in conditions.items():
            problem = _answer_problem(qid, values)
            if problem:
                problems.append((f"{path}.{qid}", problem))

    for name, ids in (("roles", role_ids), ("options", option_ids)):
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                problems.append((f"{name}[{i}].id", f"duplicate id {echoed(item_id)}"))
            seen.add(item_id)
    for i, role in enumerate(kb.roles):
        for j, file in enumerate(role.sources):
            check_source(f"roles[{i}].sources[{j}]", file)
        for j, item in enumerate(role.revisit_when):
            check_answers(f"roles[{i}].revisit_when[{j}].unless", item.unless)
    for i, option in enumerate(kb.options):
        for j, role_id in enumerate(option.roles):
            check_role(f"options[{i}].roles[{j}]", role_id)
            if option.is_combination and role_id in role_ids and role_id not in single_roles:
                problems.append((f"options[{i}].roles[{j}]", f"a combination's roles must each be an option of their own; {echoed(role_id)} is not"))
        if option.is_combination:
            for key in ("summary", "structure", "members", "organisation", "revisit_when"):
                if not getattr(option, key):
                    problems.append((f"options[{i}].{key}", "a combination needs its own profile: summary, structure, members, organisation, revisit_when"))
            if option.members and [m.role for m in option.members] != list(option.roles):
                problems.append((f"options[{i}].members", f"must describe exactly the roles {', '.join(option.roles)}, in that order"))
        for j, item in enumerate(option.revisit_when):
            check_answers(f"options[{i}].revisit_when[{j}].unless", item.unless)

    for role_id in kb.staffing.meanwhile:
        check_role(f"staffing.meanwhile.{role_id}", role_id)
    for i, seat in enumerate(kb.existing):
        check_role(f"existing[{i}].role", seat.role)
        if QUESTIONS.get(seat.question, ("",))[0] != "yes_no":
            problems.append((f"existing[{i}].question", f"must be a yes/no question; those are: {', '.join(q for q, (k, _) in QUESTIONS.items() if k == 'yes_no')}"))

    # The questions must be exactly the contract's: same ids, order, kinds and values.
    declared = [q.id for q in kb.questions]
    if declared != list(QUESTIONS):
        problems.append(("questions", f"must declare exactly these questions in this order: {', '.join(QUESTIONS)}"))
    for i, question in enumerate(kb.questions):
        if question.id not in QUESTIONS:
            continue
        kind, values = QUESTIONS[question.id]
        if question.kind != kind:
            problems.append((f"questions[{i}].kind", f"must be {kind!r} for {question.id}"))
        elif kind != "yes_no" and question.values != values:
            problems.append((f"questions[{i}].choices", f"values must be, in order: {', '.join(values)}"))
        if kind == "many" and (question.min_choices, question.max_choices) != (MIN_PRIORITIES, MAX_PRIORITIES):
            problems.append((f"questions[{i}]", f"min_choices/max_choices must be {MIN_PRIORITIES}/{MAX_PRIORITIES}"))

    for i, rule in enumerate(kb.rules):
        problem = _answer_problem(rule.question, rule.answer)
        if problem:
            problems.append((f"rules[{i}].{'question' if rule.question not in QUESTIONS else 'answer'}", problem))
        if rule.option not in option_ids:
            problems.append((f"rules[{i}].option", f"unknown option {echoed(rule.option)}; known: {', '.join(option_ids)}"))
        check_source(f"rules[{i}].source", rule.source)
    if not any(rule.weight for rule in kb.rules):
        problems.append(("rules", "every weight is 0, so no answer moves any option and there is no scale to score on"))

    for i, alt in enumerate(kb.alternatives):
        check_answers(f"alternatives[{i}].when", alt.when)
        for key in ("fills", "covers"):
            for j, role_id in enumerate(getattr(alt, key)):
                check_role(f"alternatives[{i}].{key}[{j}]", role_id)
        check_source(f"alternatives[{i}].source", alt.source)

    for name in ("roles", "options", "staffing", "existing"):
        for path, claim in _claims(name, getattr(kb, name)):
            check_source(f"{path}.source", claim.source)
    return problems


def _cost_problems(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Robustness re-weights every rule in every draw: their product is bounded (see MAX_REWEIGHTED)."""
    draws, rules = kb.settings.robustness_draws, len(kb.rules)
    if draws * rules <= MAX_REWEIGHTED:
        return []
    return [("settings.robustness_draws", f"{draws:,} draws of {rules:,} rules is more than {MAX_REWEIGHTED:,} re-weighted rules; "
                                          f"with {rules:,} rules use at most {MAX_REWEIGHTED // rules:,} draws")]


def parse_knowledge(data: Any, where: str) -> KnowledgeBase:
    """Validate already-loaded YAML data as a knowledge base; `where` names it in messages."""
    try:
        kb = KnowledgeBase.model_validate(data)
    except ValidationError as exc:
        raise InputError(describe_problems(where, pydantic_problems(exc))) from None
    problems = _consistency_problems(kb) + _placeholder_problems(kb) + _cost_problems(kb)
    if problems:
        raise InputError(describe_problems(where, problems))
    kb._plain_text = all(is_plain(value) for _, value in _walk("", kb) if isinstance(value, str))
    return kb


def _builtin_data(text: str) -> dict[str, Any]:
    """The built-in knowledge as plain data: from the JSON compiled at build time when it matches
    the YAML (see hatch_build.py), else parsed from the YAML itself."""
    compiled = compiled_data(text)
    if compiled is not None:
        return compiled
    from execadvisor.streams.reading import parse_mapping

    return parse_mapping(text, BUILTIN_NAME)


def _prevalidated(text: str) -> KnowledgeBase | None:
    """The knowledge base validated at build time (see hatch_build.py), when it was made from this
    very text by this pydantic and this execadvisor; else None."""
    pickled = packaged("roles.pickle")
    if not pickled.is_file():
        return None
    import hashlib
    import pickle

    import pydantic

    from execadvisor.version import __version__

    try:
        stamp = pickle.loads(pickled.read_bytes())  # noqa: S301 - written by our own build, inside the package
    except Exception:  # noqa: BLE001 - a stale or foreign file: validate from the text instead
        return None
    expected = {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "pydantic": pydantic.VERSION, "execadvisor": __version__}
    if {key: stamp.get(key) for key in expected} != expected or not isinstance(stamp.get("knowledge"), KnowledgeBase):
        return None
    return stamp["knowledge"]


BUILTIN_ID = "built-in"


@functools.lru_cache(maxsize=1)
def builtin_knowledge() -> KnowledgeBase:
    text = builtin_text()
    return (_prevalidated(text) or parse_knowledge(_builtin_data(text), BUILTIN_NAME)).named(BUILTIN_ID, text)
