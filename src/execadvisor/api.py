"""The Python API: the one way into execadvisor, for other programs and for its own command line.

    from execadvisor import recommend, team, path, load_knowledge, Answers, Report

    report = recommend({"company-size": "large", "growth-stage": "scaling", ...})
    report.recommendation.id                 # 'CRO'
    report.model_dump(mode="json")           # exactly what `execadvisor recommend --json` prints

Answers are given as a mapping with the keys and values of an `--answers` file (question ids in
snake_case or kebab-case, values in any case) or as an `Answers`. The knowledge base is the built-in
one unless `knowledge` names a file (as `--rules` does) or is a `KnowledgeBase`. Bad input raises
`InputError`, whose message is the one the command line prints after "Error: ".
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

from execadvisor.core.answers import KNOWLEDGE_KEY, MAX_ANSWERS_BYTES, check_partial, normalise_keys, parse_answers
from execadvisor.core.contract import Answers
from execadvisor.core.knowledge import MAX_KNOWLEDGE_BYTES, KnowledgeBase, builtin_knowledge, parse_knowledge
from execadvisor.core.result import Report
from execadvisor.core.scoring import check_scale
from execadvisor.core.scoring import recommend as score
from execadvisor.errors import InputError
from execadvisor.streams.reading import STDIN, read_bytes, read_mapping

if TYPE_CHECKING:  # loaded by the functions that use them, so that scoring one set of answers starts sooner
    from execadvisor.core.growth import PathReport
    from execadvisor.core.team import TeamReport

__all__ = ["Answers", "InputError", "KnowledgeBase", "PathReport", "Report", "TeamReport", "load_knowledge", "path", "read_answers",
           "recommend", "team"]

AnswersLike = Union[Answers, Mapping[str, Any]]
KnowledgeLike = Union[KnowledgeBase, str, "os.PathLike[str]", None]
PERSON_FILE = "A person's file answers every question; `execadvisor recommend --save-answers FILE` writes one."


def load_knowledge(path: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    """The built-in knowledge base, or the one in the YAML or JSON file at `path` - validated as
    `execadvisor rules validate` does, its weights checked to give a usable 0-100 scale."""
    if path is None:
        return builtin_knowledge()
    where = os.fspath(path)
    raw = read_bytes(where, max_bytes=MAX_KNOWLEDGE_BYTES)
    kb = parse_knowledge(read_mapping(where, max_bytes=MAX_KNOWLEDGE_BYTES, raw=raw), where).named(where, raw)
    check_scale(kb)
    return kb


def read_answers(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The answers in a YAML or JSON file (`-`: stdin), checked but possibly incomplete, keyed by
    question id and spelt as the answers spell them; and the knowledge base recorded in it by `--save-answers`, if any."""
    where = "stdin" if os.fspath(path) == STDIN else os.fspath(path)

    def check_key(key: str) -> None:  # each key is checked while the file is read: a file of many is refused at once
        if key != KNOWLEDGE_KEY:
            normalise_keys({key: None}, where)

    data, recorded = _split_record(read_mapping(os.fspath(path), max_bytes=MAX_ANSWERS_BYTES, check_key=check_key), where)
    return check_partial(normalise_keys(data, where), where), recorded


def _split_record(data: Mapping[str, Any], where: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """An answers file's mapping without the knowledge base `--save-answers` records in it, and that
    record (None without one)."""
    data = dict(data)
    recorded = data.pop(KNOWLEDGE_KEY, None)
    if recorded is not None and not (isinstance(recorded, Mapping) and isinstance(recorded.get("sha256"), str)):
        raise InputError(f"{where}: {KNOWLEDGE_KEY}: expected name and sha256, as --save-answers writes them")
    return data, None if recorded is None else dict(recorded)


def knowledge_of(knowledge: KnowledgeLike) -> KnowledgeBase:
    """A knowledge base as the functions here take it: given, named by its file, or the built-in one."""
    if isinstance(knowledge, KnowledgeBase):
        return knowledge
    if knowledge is None or isinstance(knowledge, (str, os.PathLike)):
        return load_knowledge(knowledge)
    raise InputError(f"knowledge: expected a KnowledgeBase, a file name or None, got {type(knowledge).__name__}")


def answers_of(answers: AnswersLike, where: str = "answers") -> Answers:
    """Complete answers from a mapping with an answers file's keys and values (the knowledge base
    `--save-answers` records in it is checked and left aside), or an Answers."""
    if isinstance(answers, Answers):
        return answers
    if not isinstance(answers, Mapping):
        raise InputError(f"{where}: expected a mapping of question ids to answers, got {type(answers).__name__}")
    return parse_answers(_split_record(answers, where)[0], where)


def recommend(answers: AnswersLike, knowledge: KnowledgeLike = None) -> Report:
    """Score every option for one set of answers and explain the result: the `recommend --json`
    document as a model."""
    return score(answers_of(answers), knowledge_of(knowledge))


def person(file: str | os.PathLike[str]) -> tuple[Answers, dict[str, Any] | None]:
    """One person's answers from their file - every question answered - and the knowledge base
    recorded with them."""
    given, recorded = read_answers(file)
    try:
        return parse_answers(given, os.fspath(file)), recorded
    except InputError as exc:
        raise InputError(f"{exc}\n{PERSON_FILE}") from None


def team(people: Mapping[str, AnswersLike] | Sequence[str | os.PathLike[str]], knowledge: KnowledgeLike = None) -> "TeamReport":
    """A team's decision: each person's pick, the group's answers and recommendation, and which
    disagreements change the pick - the `team --json` document as a model. `people` maps each
    person's name to their answers, or lists their answers files (a name is the file's name
    without its suffix); 2 to 50 of them."""
    from execadvisor.core.team import decide_together, person_names

    kb = knowledge_of(knowledge)
    if isinstance(people, Mapping):
        saved = {str(name): _split_record(given, str(name))[1] for name, given in people.items() if isinstance(given, Mapping)}
        return decide_together([(str(name), "", answers_of(given, str(name))) for name, given in people.items()], kb, saved=saved)
    files = [os.fspath(file) for file in people]
    names = person_names(files)
    read = [person(file) for file in files]
    return decide_together([(name, file, answers) for name, file, (answers, _) in zip(names, files, read)], kb,
                           saved={name: recorded for name, (_, recorded) in zip(names, read)})


def path(answers: AnswersLike, vary: str | Sequence[str] = ("company_size",), knowledge: KnowledgeLike = None) -> "PathReport":
    """The pick at every value of one or two ordered questions (company_size, growth_stage,
    revenue_streams), the other answers held - the `path --json` document as a model. The varied
    questions' own answers may be left out; those given are today's."""
    from execadvisor.core.growth import growth_path

    if not isinstance(answers, (Answers, Mapping)):
        raise InputError(f"answers: expected a mapping of question ids to answers, got {type(answers).__name__}")
    held = answers if isinstance(answers, Answers) else _split_record(answers, "answers")[0]
    return growth_path(held, [vary] if isinstance(vary, str) else list(vary), knowledge_of(knowledge))


def __getattr__(name: str) -> object:
    """TeamReport and PathReport, loaded on first use."""
    if name == "TeamReport":
        from execadvisor.core.team import TeamReport

        return TeamReport
    if name == "PathReport":
        from execadvisor.core.growth import PathReport

        return PathReport
    raise AttributeError(f"module 'execadvisor.api' has no attribute {name!r}")
