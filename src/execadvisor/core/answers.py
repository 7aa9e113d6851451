"""Answers given as a mapping (an answers file's, a batch line's, the API's): their keys normalised,
checked on their own or as a whole, every problem named by key.

Where answers come from - flags over an answers file over the questionnaire - is decided in one
place on the command line (execadvisor.cli.run.gather_answers); a file is read by the API
(execadvisor.api.read_answers)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from execadvisor.core.contract import QUESTIONS, Answers
from execadvisor.errors import InputError, describe_problems, echoed, pydantic_problems

MAX_ANSWERS_BYTES = 1024 * 1024
KNOWLEDGE_KEY = "knowledge"  # saved answers record the knowledge base they were scored with

# A valid answer per question, used to check a partial set of answers on its own.
_PROBE = {qid: (values[0] if kind == "one" else [values[0]] if kind == "many" else True) for qid, (kind, values) in QUESTIONS.items()}

def normalise_keys(data: Mapping[Any, Any], where: str) -> dict[str, Any]:
    """Accept kebab-case or snake_case keys; refuse unknown keys and the same key spelled twice."""
    if data.keys() <= QUESTIONS.keys():  # already question ids: the common case in batch mode
        return dict(data)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            raise InputError(f"{where}: {echoed(key)}: keys must be question ids; known: {', '.join(QUESTIONS)}")
        qid = key.strip().replace("-", "_")
        if qid not in QUESTIONS or qid in out:
            from execadvisor.untrusted import shorten

            problem = "unknown key; known keys: " + ", ".join(QUESTIONS) if qid not in QUESTIONS else "given twice (as snake_case and kebab-case)"
            raise InputError(f"{where}: {shorten(key)}: {problem}")
        out[qid] = value
    return out


def check_partial(answers: Mapping[str, Any], where: str, name: Callable[[str], str] | None = None) -> dict[str, Any]:
    """Validate the answers given so far on their own, so a bad file fails before any prompt; they
    are returned as the answers spell them (' LARGE' as 'large', yes/no as true/false)."""
    try:
        checked = Answers.model_validate({**_PROBE, **answers}).as_plain()
    except ValidationError as exc:
        raise InputError(describe_problems(where, pydantic_problems(exc, name))) from None
    return {qid: checked[qid] for qid in answers}


def parse_answers(data: Mapping[Any, Any], where: str = "") -> Answers:
    """A complete set of answers from one mapping (a batch line); every problem named by key."""
    given = normalise_keys(data, where or "answers")
    try:
        return Answers.model_validate(given)
    except ValidationError as exc:
        raise InputError(describe_problems(where, pydantic_problems(exc))) from None

