"""The listing documents (`questions --json`, `roles --json`) and the JSON Schemas of every document.

Pydantic models like every other JSON document the tool prints; imported only by those commands.
"""

from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from execadvisor.core.contract import flag_for
from execadvisor.core.team import TeamReport
from execadvisor.core.growth import PathReport
from execadvisor.core.knowledge import KnowledgeBase, Role
from execadvisor.core.result import SCHEMA_VERSION, BatchError, BatchLine, BatchReport, Report
from execadvisor.untrusted import json_visible


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


class QuestionsDoc(BaseModel):
    """`execadvisor questions --json`."""

    schema_version: Literal[2]
    questions: list[QuestionInfo]


class RolesDoc(BaseModel):
    """`execadvisor roles --json`: every role in full."""

    schema_version: Literal[2]
    roles: list[Role]


class RoleDoc(Role):
    """`execadvisor roles ROLE --json`: one role in full."""

    schema_version: Literal[2] = Field(description="The version of this document's shape.")


def listing_json(listing: list[QuestionInfo]) -> str:
    return json_visible(QuestionsDoc(schema_version=SCHEMA_VERSION, questions=listing).model_dump_json(indent=2))


def roles_json(kb: KnowledgeBase) -> str:
    return json_visible(RolesDoc.model_construct(schema_version=SCHEMA_VERSION, roles=list(kb.roles)).model_dump_json(indent=2))


def role_json(role: Role) -> str:
    return json_visible(RoleDoc.model_construct(schema_version=SCHEMA_VERSION, **dict(role)).model_dump_json(indent=2))


_DOCUMENTS: dict[str, Any] = {
    "recommend": Report,
    "batch": Union[BatchLine, BatchReport, BatchError],
    "questions": QuestionsDoc,
    "roles": RolesDoc,
    "role": RoleDoc,
    "team": TeamReport,
    "path": PathReport,
}


def json_schema(subject: str) -> dict[str, Any]:
    """The JSON Schema of one document, with `$schema` and a stable `$id`."""
    schema = TypeAdapter(_DOCUMENTS[subject]).json_schema()
    if subject == "batch":
        schema["title"] = "BatchOutputLine"
        schema["description"] = ("One line of `execadvisor batch` output: a summary line, a whole report (--full) "
                                 "or an error for a bad input line.")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"urn:execadvisor:schema:{SCHEMA_VERSION}:{subject}", **schema}
