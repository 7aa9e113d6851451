"""The questions as the command-line contract fixes them: ids, allowed values, flags, and `Answers`.

These ids and values are a promise to scripts (see cli-contract.md), so they live in code; the
knowledge base supplies everything else about a question (prompt, help, labels) and must declare
exactly these questions and values, which `knowledge.py` checks on load.
"""


from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator


class CompanySize(str, Enum):
    startup = "startup"
    small = "small"
    midsize = "midsize"
    large = "large"
    enterprise = "enterprise"


class GrowthStage(str, Enum):
    early = "early"
    scaling = "scaling"
    mature = "mature"


class BusinessModel(str, Enum):
    transactional = "transactional"
    subscription = "subscription"
    hybrid = "hybrid"


class RevenueStreams(str, Enum):
    single = "single"
    few = "few"
    many = "many"


class SalesMarketing(str, Enum):
    separate = "separate"
    integrated = "integrated"
    siloed = "siloed"


class Priority(str, Enum):
    scale_sales = "scale-sales"
    sales_expertise = "sales-expertise"
    retention = "retention"
    alignment = "alignment"
    new_revenue_streams = "new-revenue-streams"
    brand = "brand"
    lead_generation = "lead-generation"
    market_expansion = "market-expansion"
    partnerships = "partnerships"
    customer_experience = "customer-experience"


class Budget(str, Enum):
    full_time = "full-time"
    constrained = "constrained"


MIN_PRIORITIES = 1
MAX_PRIORITIES = 3

# question id -> (kind, allowed values); the order is the questionnaire's order.
QUESTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "company_size": ("one", tuple(v.value for v in CompanySize)),
    "growth_stage": ("one", tuple(v.value for v in GrowthStage)),
    "business_model": ("one", tuple(v.value for v in BusinessModel)),
    "revenue_streams": ("one", tuple(v.value for v in RevenueStreams)),
    "sales_marketing": ("one", tuple(v.value for v in SalesMarketing)),
    "priorities": ("many", tuple(v.value for v in Priority)),
    "sales_leader": ("yes_no", ("yes", "no")),
    "marketing_leader": ("yes_no", ("yes", "no")),
    "budget": ("one", tuple(v.value for v in Budget)),
}


# The questions whose values run from less to more, in the order of QUESTIONS' values: a team's
# answer to them is the median, and `execadvisor path` walks along them.
ORDERED_QUESTIONS = ("company_size", "growth_stage", "revenue_streams")


PRIORITY_VALUES = QUESTIONS["priorities"][1]


def _spelt(value: Any, allowed: tuple[str, ...]) -> Any:
    """An answer in any case and with spaces around, as the allowed value it spells; anything else
    as it was given, so that an error quotes what the person wrote, not a lower-cased copy."""
    if isinstance(value, str):
        spelt = value.strip().lower()
        if spelt in allowed:
            return spelt
    return value


def flag_for(question_id: str) -> str:
    """The command-line flag that answers a question, as the contract names it."""
    if question_id == "priorities":
        return "--priority"
    flag = "--" + question_id.replace("_", "-")
    if QUESTIONS[question_id][0] == "yes_no":
        return f"{flag} / --no-{flag[2:]}"
    return flag


class Answers(BaseModel):
    """One complete questionnaire. Priorities are unique and kept in the order given.
    Values are case-insensitive (`Large`, ` large `)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    company_size: CompanySize
    growth_stage: GrowthStage
    business_model: BusinessModel
    revenue_streams: RevenueStreams
    sales_marketing: SalesMarketing
    priorities: tuple[Priority, ...] = Field(min_length=MIN_PRIORITIES, max_length=MAX_PRIORITIES)
    sales_leader: bool
    marketing_leader: bool
    budget: Budget

    @field_validator("company_size", "growth_stage", "business_model", "revenue_streams", "sales_marketing", "budget", mode="before")
    @classmethod
    def _any_case(cls, value: Any, info: ValidationInfo) -> Any:
        return _spelt(value, QUESTIONS[info.field_name][1])

    @field_validator("priorities", mode="before")
    @classmethod
    def _one_priority_is_a_list(cls, value: Any) -> Any:
        value = [value] if isinstance(value, str) else value
        if isinstance(value, (list, tuple)):
            return [_spelt(v, PRIORITY_VALUES) for v in value]
        return value

    @field_validator("priorities")
    @classmethod
    def _unique(cls, value: tuple[Priority, ...]) -> tuple[Priority, ...]:
        if len(set(value)) != len(value):
            raise ValueError("each priority may be picked only once")
        return value

    @classmethod
    def canonical(cls, data: dict[str, Any]) -> "Answers | None":
        """The answers in `data` built without validation when `data` is exactly canonical - each
        question once by its id, each value spelled as `--json` writes it (lower case, booleans, a
        list of one to three different priorities) - else None: validate it then, which gives the
        same answers or says what is wrong. Batch mode reads most lines this way; a property test
        holds it to Answers.model_validate."""
        picked = data.get("priorities")
        if len(data) != len(QUESTIONS) or type(picked) is not list or not MIN_PRIORITIES <= len(picked) <= MAX_PRIORITIES:
            return None
        fields: dict[str, Any] = {}
        try:
            for qid, members in _MEMBERS.items():
                value = data[qid]
                if members is not None:
                    fields[qid] = members[value]
                elif qid == "priorities":
                    fields[qid] = tuple(_PRIORITIES[p] for p in value)
                elif type(value) is bool:
                    fields[qid] = value
                else:
                    return None
        except (KeyError, TypeError):  # a missing or unknown key or value; TypeError: an unhashable value
            return None
        if len(set(fields["priorities"])) != len(picked):
            return None
        return cls._built(fields)

    @classmethod
    def _built(cls, fields: dict[str, Any]) -> "Answers":
        """A model of these (already valid) fields, as model_construct makes it.

        A short cut around pydantic's internals, so it fails safe: it sets the instance attributes
        pydantic 2.7 to 2.14 give a model (FAST_ATTRIBUTES) without model_construct's per-field loop,
        a fifth of a batch line's time - but only once a sample so built has proved to be what
        model_construct builds (equal, same hash, repr and JSON). Where a pydantic release lays its
        models out otherwise, the proof fails and model_construct builds every one: only slower (a
        test simulates such a release)."""
        if not cls.__pydantic_complete__:
            cls.model_rebuild()  # the schema is deferred until first use; its serializer must be real
        if _FAST_CONSTRUCT.get(cls) is None:
            _FAST_CONSTRUCT[cls] = _fast_construct_holds(cls, fields)
        if not _FAST_CONSTRUCT[cls]:
            return cls.model_construct(**fields)
        answers = cls.__new__(cls)
        for name, value in _fast_attributes(fields):
            object.__setattr__(answers, name, value)
        return answers

    def items(self) -> list[tuple[str, str]]:
        """Every (question id, answer value) pair, one per picked priority, yes/no as 'yes'/'no'."""
        # `_value_` rather than `.value`: the property costs a descriptor call, and batch mode
        # calls this for every line.
        pairs: list[tuple[str, str]] = []
        for qid, (kind, _) in QUESTIONS.items():
            value = getattr(self, qid)
            if kind == "many":
                pairs.extend((qid, p._value_) for p in value)
            elif kind == "yes_no":
                pairs.append((qid, "yes" if value else "no"))
            else:
                pairs.append((qid, value._value_))
        return pairs

    def as_plain(self) -> dict[str, Any]:
        """The answers as JSON-ready values, keyed by question id, in questionnaire order."""
        return self.model_dump(mode="json")


# For Answers.canonical, in the model's field order: question id -> {value as written: enum
# member}, or None where the value is not one enum member (the priorities, yes/no).
_MEMBERS: dict[str, dict[str, Enum] | None] = {
    qid: {m.value: m for m in Answers.model_fields[qid].annotation} if QUESTIONS[qid][0] == "one" else None  # type: ignore[union-attr]
    for qid in Answers.model_fields
}
_PRIORITIES: dict[str, Priority] = {m.value: m for m in Priority}

# What Answers._built sets on an instance, and whether that has proved to be what model_construct does.
FAST_ATTRIBUTES = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
_FAST_CONSTRUCT: dict[type, bool] = {}


def _fast_attributes(fields: dict[str, Any]) -> list[tuple[str, Any]]:
    values = {"__dict__": fields, "__pydantic_fields_set__": set(fields), "__pydantic_extra__": None, "__pydantic_private__": None}
    return [(name, values[name]) for name in FAST_ATTRIBUTES]


def _fast_construct_holds(cls: type[Answers], fields: dict[str, Any]) -> bool:
    """Whether building a model attribute by attribute gives what model_construct gives."""
    try:
        fast = cls.__new__(cls)
        for name, value in _fast_attributes(dict(fields)):
            object.__setattr__(fast, name, value)
        slow = cls.model_construct(**fields)
        return (fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
                and fast.model_dump_json() == slow.model_dump_json() and fast.model_fields_set == slow.model_fields_set)
    except Exception:  # noqa: BLE001 - any failure of the short cut is a reason not to take it
        return False


def answer_flags(plain: dict[str, Any]) -> list[str]:
    """The command-line flags that give exactly these answers (question id -> JSON-ready value)."""
    words: list[str] = []
    for qid, value in plain.items():
        flag = "--" + qid.replace("_", "-")
        if qid == "priorities":
            for priority in value:
                words += ["--priority", priority]
        elif isinstance(value, bool):
            words.append(flag if value else f"--no-{flag[2:]}")
        else:
            words += [flag, value]
    return words
