"""The knowledge base: pydantic models for data/roles.yaml, and loading it safely.

A broken file never produces a traceback: every problem becomes `FILE: path.to.field: problem`
inside an `InputError`.
"""


import functools
import math
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from execadvisor.contract import MAX_PRIORITIES, MIN_PRIORITIES, QUESTIONS
from execadvisor.errors import InputError, describe_problems, pydantic_problems

BUILTIN_NAME = "data/roles.yaml"
MAX_KNOWLEDGE_BYTES = 2 * 1024 * 1024

NonEmpty = Field(min_length=1)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(_Model):
    file: str = NonEmpty
    title: str = NonEmpty


class ReportingNode(_Model):
    """A team or a leader in a reporting tree; `reports` hangs below it."""

    title: str = NonEmpty
    note: str = ""
    reports: tuple["ReportingNode", ...] = ()


class Role(_Model):
    id: str = NonEmpty
    name: str = NonEmpty
    aliases: tuple[str, ...] = ()
    tagline: str = Field(min_length=1, max_length=48)  # fits one 80-column line in `execadvisor roles`
    summary: str = NonEmpty
    scope: tuple[str, ...] = NonEmpty
    responsibilities: tuple[str, ...] = NonEmpty
    kpis: tuple[str, ...] = NonEmpty
    reports_to: str = NonEmpty
    reporting_lines: tuple[ReportingNode, ...] = NonEmpty
    background: tuple[str, ...] = NonEmpty
    challenges: tuple[str, ...] = NonEmpty
    choose_when: tuple[str, ...] = NonEmpty
    revisit_when: tuple[str, ...] = NonEmpty
    sources: tuple[str, ...] = NonEmpty


class Option(_Model):
    """Something the advisor can recommend: one role, or a combination of roles."""

    id: str = NonEmpty
    roles: tuple[str, ...] = NonEmpty
    title: str = NonEmpty
    structure: str = ""
    source: str | None = None


class Alternative(_Model):
    """Offered beside the recommendation when every (question, answer) in `when` holds."""

    id: str = NonEmpty
    title: str = NonEmpty
    when: dict[str, str] = NonEmpty
    reason: str = NonEmpty
    source: str = NonEmpty


class Choice(_Model):
    value: str = NonEmpty
    label: str = NonEmpty


class Question(_Model):
    id: str = NonEmpty
    title: str = NonEmpty  # a short heading, e.g. "Revenue streams"
    prompt: str = NonEmpty
    help: str = NonEmpty
    kind: Literal["one", "many", "yes_no"]
    ordinal: bool = False  # choices run from less to more; what-if tries the nearest steps first
    choices: tuple[Choice, ...] = ()
    min_choices: int = 1
    max_choices: int = 1

    @property
    def values(self) -> tuple[str, ...]:
        return ("yes", "no") if self.kind == "yes_no" else tuple(c.value for c in self.choices)

    def label(self, value: str) -> str:
        return next((c.label for c in self.choices if c.value == value), value)


class Rule(_Model):
    question: str = NonEmpty
    answer: str = NonEmpty
    option: str = NonEmpty
    weight: float
    reason: str = NonEmpty
    source: str = NonEmpty

    @field_validator("weight")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value


class Settings(_Model):
    close_call_margin: float = Field(default=5.0, ge=0, le=100)


class KnowledgeBase(_Model):
    schema_version: Literal[1]
    settings: Settings = Settings()
    sources: tuple[Source, ...] = NonEmpty
    roles: tuple[Role, ...] = NonEmpty
    options: tuple[Option, ...] = NonEmpty
    alternatives: tuple[Alternative, ...] = ()
    questions: tuple[Question, ...] = NonEmpty
    rules: tuple[Rule, ...] = NonEmpty

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


def _consistency_problems(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Cross-references pydantic cannot see: ids, sources, and the questions the contract fixes."""
    problems: list[tuple[str, str]] = []
    source_files = {s.file for s in kb.sources}
    role_ids = [r.id for r in kb.roles]
    option_ids = [o.id for o in kb.options]

    def check_source(path: str, file: str) -> None:
        if file not in source_files:
            problems.append((path, f"unknown source {file!r}; listed sources: {', '.join(sorted(source_files))}"))

    for name, ids in (("roles", role_ids), ("options", option_ids)):
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                problems.append((f"{name}[{i}].id", f"duplicate id {item_id!r}"))
            seen.add(item_id)
    for i, role in enumerate(kb.roles):
        for j, file in enumerate(role.sources):
            check_source(f"roles[{i}].sources[{j}]", file)
    for i, option in enumerate(kb.options):
        for j, role_id in enumerate(option.roles):
            if role_id not in role_ids:
                problems.append((f"options[{i}].roles[{j}]", f"unknown role {role_id!r}; known: {', '.join(role_ids)}"))
        if len(option.roles) > 1 and option.source is None:
            problems.append((f"options[{i}].source", "a combination must cite the source that describes it"))
        if option.source is not None:
            check_source(f"options[{i}].source", option.source)

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
        if rule.question not in QUESTIONS:
            problems.append((f"rules[{i}].question", f"unknown question {rule.question!r}; known: {', '.join(QUESTIONS)}"))
        elif rule.answer not in QUESTIONS[rule.question][1]:
            allowed = ", ".join(QUESTIONS[rule.question][1])
            problems.append((f"rules[{i}].answer", f"{rule.answer!r} is not an answer to {rule.question}; allowed: {allowed}"))
        if rule.option not in option_ids:
            problems.append((f"rules[{i}].option", f"unknown option {rule.option!r}; known: {', '.join(option_ids)}"))
        check_source(f"rules[{i}].source", rule.source)

    for i, alt in enumerate(kb.alternatives):
        for qid, answer in alt.when.items():
            if qid not in QUESTIONS or answer not in QUESTIONS[qid][1]:
                problems.append((f"alternatives[{i}].when.{qid}", f"{answer!r} is not an answer to a known question"))
        check_source(f"alternatives[{i}].source", alt.source)
    return problems


def parse_knowledge(data: Any, where: str) -> KnowledgeBase:
    """Validate already-loaded YAML data as a knowledge base; `where` names it in messages."""
    try:
        kb = KnowledgeBase.model_validate(data)
    except ValidationError as exc:
        raise InputError(describe_problems(where, pydantic_problems(exc))) from None
    problems = _consistency_problems(kb)
    if problems:
        raise InputError(describe_problems(where, problems))
    return kb


def _packaged(name: str) -> Any:
    from importlib.resources import files

    return files("execadvisor") / "data" / name


def builtin_text() -> str:
    """The built-in knowledge file, read from inside the installed package.

    An editable install (a development checkout) has no copy inside the package, so there it is
    read from the repository's own data/roles.yaml.
    """
    packaged = _packaged("roles.yaml")
    if not packaged.is_file():
        packaged = Path(__file__).resolve().parents[2] / BUILTIN_NAME
    return packaged.read_text(encoding="utf-8")


def _builtin_data(text: str) -> dict[str, Any]:
    """The built-in knowledge as plain data: from the JSON compiled at build time when it matches
    the YAML (see hatch_build.py), else parsed from the YAML itself."""
    compiled = _packaged("roles.json")
    if compiled.is_file():
        import hashlib
        import json

        data = json.loads(compiled.read_text(encoding="utf-8"))
        if data.get("sha256") == hashlib.sha256(text.encode("utf-8")).hexdigest():
            return data["knowledge"]
    from execadvisor.yamlfile import parse_mapping

    return parse_mapping(text, BUILTIN_NAME)


@functools.lru_cache(maxsize=1)
def builtin_knowledge() -> KnowledgeBase:
    return parse_knowledge(_builtin_data(builtin_text()), BUILTIN_NAME)


def load_knowledge(path: Path | None = None) -> KnowledgeBase:
    """The built-in knowledge base, or the one in `path` (a consultant's edited copy)."""
    if path is None:
        return builtin_knowledge()
    from execadvisor.yamlfile import read_mapping

    return parse_knowledge(read_mapping(path, max_bytes=MAX_KNOWLEDGE_BYTES), str(path))
