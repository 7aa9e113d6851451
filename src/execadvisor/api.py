"""The Python API: the one way into execadvisor, for other programs and for its own command line.

    from execadvisor import recommend, team, path, load_knowledge, Answers, Report

    report = recommend({"company-size": "large", "growth-stage": "scaling", ...})
    report.recommendation.id                 # 'CRO'
    report.model_dump(mode="json")           # exactly what `execadvisor recommend --json` prints

Answers are given as a mapping with the keys and values of an `--answers` file (question ids in
snake_case or kebab-case, values in any case) or as an `Answers`. A knowledge base is the built-in
one unless `knowledge` names a file (as `--rules` does) or is a `KnowledgeBase`. Bad input raises
`InputError`, whose message is the one the command line prints after "Error: ".
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Union

from execadvisor.answers import parse_answers, read_answers_file
from execadvisor.contract import Answers
from execadvisor.errors import InputError
from execadvisor.group_decision import TeamReport, decide_together, person_names
from execadvisor.growth_path import DEFAULT_VARY, PathReport, growth_path
from execadvisor.knowledge import KnowledgeBase, builtin_knowledge, load_knowledge_file
from execadvisor.result import Report
from execadvisor.scoring import recommend as _score

__all__ = ["Answers", "InputError", "KnowledgeBase", "PathReport", "Report", "TeamReport", "load_knowledge", "path", "recommend", "team"]

AnswersLike = Union[Answers, Mapping[str, Any]]
KnowledgeLike = Union[KnowledgeBase, str, "os.PathLike[str]", None]


def load_knowledge(path: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    """The built-in knowledge base, or the one in the YAML or JSON file at `path` (validated as
    `execadvisor rules validate` does)."""
    return builtin_knowledge() if path is None else load_knowledge_file(Path(path))


def _knowledge(knowledge: KnowledgeLike) -> KnowledgeBase:
    if isinstance(knowledge, KnowledgeBase):
        return knowledge
    if knowledge is None or isinstance(knowledge, (str, os.PathLike)):
        return load_knowledge(knowledge)
    raise InputError(f"knowledge: expected a KnowledgeBase, a file name or None, got {type(knowledge).__name__}")


def _answers(answers: AnswersLike, where: str = "answers") -> Answers:
    if isinstance(answers, Answers):
        return answers
    if not isinstance(answers, Mapping):
        raise InputError(f"{where}: expected a mapping of question ids to answers, got {type(answers).__name__}")
    return parse_answers(answers, where)


def recommend(answers: AnswersLike, knowledge: KnowledgeLike = None) -> Report:
    """Score every option for one set of answers and explain the result: the `recommend --json`
    document as a model."""
    return _score(_answers(answers), _knowledge(knowledge))


def team(people: Mapping[str, AnswersLike] | Sequence[str | os.PathLike[str]], knowledge: KnowledgeLike = None) -> TeamReport:
    """A team's decision: each person's pick, the group's answers and recommendation, and which
    disagreements change the pick - the `team --json` document as a model. `people` maps each
    person's name to their answers, or lists their answers files (a name is the file's name
    without its suffix), 2 to 50 of them."""
    kb = _knowledge(knowledge)
    if isinstance(people, Mapping):
        members = [(str(name), "", _answers(given, str(name))) for name, given in people.items()]
    else:
        files = [str(file) for file in people]
        names = person_names(files)
        members = [(name, file, _answer_file(file)) for name, file in zip(names, files)]
    return decide_together(members, kb)


def _answer_file(file: str) -> Answers:
    given, _ = read_answers_file(Path(file))
    try:
        return parse_answers(given, file)
    except InputError as exc:
        raise InputError(f"{exc}\nA person's file answers every question; `execadvisor recommend --save-answers FILE` "
                         "writes one.") from None


def path(answers: AnswersLike, vary: str | Sequence[str] = DEFAULT_VARY, knowledge: KnowledgeLike = None) -> PathReport:
    """The pick at every value of one or two ordered questions (company_size, growth_stage,
    revenue_streams), the other answers held - the `path --json` document as a model. The varied
    questions' own answers may be left out; those given are today's."""
    varied = [vary] if isinstance(vary, str) else list(vary)
    given = answers if isinstance(answers, Answers) else dict(answers) if isinstance(answers, Mapping) else answers
    if not isinstance(given, (Answers, dict)):
        raise InputError(f"answers: expected a mapping of question ids to answers, got {type(answers).__name__}")
    return growth_path(given, varied, _knowledge(knowledge))
