"""What `execadvisor questions` lists: each question as scripts see it (flag, kind, allowed values).

A pydantic model like every other JSON document the tool prints; imported only by that command.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter

from execadvisor.contract import flag_for
from execadvisor.knowledge import KnowledgeBase


class AllowedValue(BaseModel):
    value: str
    label: str


class QuestionInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    flag: str
    kind: Literal["one", "many", "yes_no"]
    prompt: str
    help: str
    values: list[AllowedValue]
    min_choices: int
    max_choices: int


def question_listing(kb: KnowledgeBase) -> list[QuestionInfo]:
    return [
        QuestionInfo(
            id=q.id,
            flag=flag_for(q.id),
            kind=q.kind,
            prompt=q.prompt,
            help=q.help,
            values=[AllowedValue(value=v, label=q.label(v)) for v in q.values],
            min_choices=q.min_choices if q.kind == "many" else 1,
            max_choices=q.max_choices if q.kind == "many" else 1,
        )
        for q in kb.questions
    ]


def listing_json(listing: list[QuestionInfo]) -> str:
    return TypeAdapter(list[QuestionInfo]).dump_json(listing, indent=2).decode()
