"""The built-in knowledge base as files inside the installed package, and the questions' words read
from them without the pydantic models - so the questionnaire puts its first question on screen
before the models are defined and the knowledge base loaded (15-20 ms sooner, about a seventh of
`import typer`); they are loaded once the questions are answered.

The wheel carries data/roles.yaml, roles.json (the same data compiled at build time, with the
YAML's SHA-256) and roles.pickle (the models validated at build time); see hatch_build.py. An
editable checkout has only the repository's data/roles.yaml, and there the questionnaire simply
waits for the knowledge base.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

BUILTIN_NAME = "data/roles.yaml"


def packaged(name: str) -> Any:
    """A data file shipped inside the package. An installed package is plain files beside this
    module, read as such; `importlib.resources` (8-11 ms to import, about a tenth of `import typer`)
    is only for a package that is not, such as one inside a zip archive."""
    here = Path(__file__).parent.parent / "data" / name  # execadvisor/data, beside the package's rooms
    if here.is_file():
        return here
    from importlib.resources import files

    return files("execadvisor") / "data" / name


def builtin_text() -> str:
    """The built-in knowledge file, read from inside the installed package.

    An editable install (a development checkout) has no copy inside the package, so there it is
    read from the repository's own data/roles.yaml.
    """
    path = packaged("roles.yaml")
    if not path.is_file():
        path = Path(__file__).resolve().parents[3] / BUILTIN_NAME
    return path.read_text(encoding="utf-8")


def compiled_data(text: str) -> dict[str, Any] | None:
    """The built-in knowledge as plain data compiled at build time, when it was compiled from this
    very text; else None (also for a damaged file: the YAML is read instead)."""
    compiled = packaged("roles.json")
    if not compiled.is_file():
        return None
    import hashlib
    import json

    try:
        data = json.loads(compiled.read_text(encoding="utf-8"))
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("sha256") != hashlib.sha256(text.encode("utf-8")).hexdigest():
        return None
    return data.get("knowledge")


class QuestionWords:
    """A question's answers in words; shared by the knowledge base's Question model and the plain
    QuestionText below, which both have `kind` and `choices` (each with `value` and `label`). It
    declares no fields of its own, so the model's stay exactly as the model declares them."""

    __slots__ = ()

    @property
    def values(self) -> tuple[str, ...]:
        return ("yes", "no") if self.kind == "yes_no" else tuple(c.value for c in self.choices)

    def label(self, value: str) -> str:
        return next((c.label for c in self.choices if c.value == value), value)


class ChoiceText:
    __slots__ = ("label", "value")

    def __init__(self, value: str, label: str) -> None:
        self.value, self.label = value, label


class QuestionText(QuestionWords):
    """What the questionnaire shows of a question - the Question model's fields it reads."""

    __slots__ = ("choices", "help", "id", "kind", "prompt", "title")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.id, self.title, self.prompt, self.help, self.kind = (data[key] for key in ("id", "title", "prompt", "help", "kind"))
        self.choices = tuple(ChoiceText(c["value"], c["label"]) for c in data.get("choices", ()))
        if not all(isinstance(v, str) and v for v in (self.id, self.title, self.prompt, self.help, self.kind)):
            raise ValueError(f"question {self.id!r}: every text must be a non-empty string")


class QuestionSet:
    """The questions in order, found by id - the part of the knowledge base the questionnaire reads."""

    __slots__ = ("questions",)

    def __init__(self, questions: list[QuestionText]) -> None:
        self.questions = tuple(questions)

    def question(self, question_id: str) -> QuestionText:
        return next(q for q in self.questions if q.id == question_id)


def builtin_questions() -> QuestionSet | None:
    """The built-in questions from the data compiled at build time, when its SHA-256 matches the
    YAML shipped beside it and the build validated it (it ships roles.pickle only then); None
    otherwise, or where it is not as expected, so that the caller loads the knowledge base first
    and reports any problem before a question is asked."""
    try:
        if not packaged("roles.pickle").is_file():
            return None
        data = compiled_data(builtin_text())
        return None if data is None else QuestionSet([QuestionText(q) for q in data["questions"]])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
