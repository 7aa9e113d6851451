"""Where answers come from: flags, an answers file, the questionnaire — layered in one place.

Precedence is decided only by `gather_answers`: flags > answers file > interactive prompt. A
prompt is asked only for what neither flags nor file answered, and only when there is a terminal.
"""

from __future__ import annotations

import json
from collections import ChainMap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from execadvisor.contract import QUESTIONS, Answers, flag_for
from execadvisor.errors import InputError, describe_problems, pydantic_problems
from execadvisor.yamlfile import atomic_write, read_mapping

MAX_ANSWERS_BYTES = 1024 * 1024

# A valid answer per question, used to check a partial set of answers on its own.
_PROBE = {qid: (values[0] if kind == "one" else [values[0]] if kind == "many" else True) for qid, (kind, values) in QUESTIONS.items()}

Asker = Callable[[list[str]], dict[str, Any]]


def normalise_keys(data: Mapping[Any, Any], where: str) -> dict[str, Any]:
    """Accept kebab-case or snake_case keys; refuse unknown keys and the same key spelled twice."""
    if data.keys() <= QUESTIONS.keys():  # already question ids: the common case in batch mode
        return dict(data)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            raise InputError(f"{where}: {key!r}: keys must be question ids; known: {', '.join(QUESTIONS)}")
        qid = key.strip().replace("-", "_")
        if qid not in QUESTIONS:
            raise InputError(f"{where}: {key}: unknown key; known keys: {', '.join(QUESTIONS)}")
        if qid in out:
            raise InputError(f"{where}: {key}: given twice (as snake_case and kebab-case)")
        out[qid] = value
    return out


def check_partial(answers: Mapping[str, Any], where: str, name: Callable[[str], str] | None = None) -> None:
    """Validate the answers given so far on their own, so a bad file fails before any prompt."""
    try:
        Answers.model_validate({**_PROBE, **answers})
    except ValidationError as exc:
        raise InputError(describe_problems(where, pydantic_problems(exc, name))) from None


def parse_answers(data: Mapping[Any, Any], where: str = "") -> Answers:
    """A complete set of answers from one mapping (a batch line); every problem named by key."""
    given = normalise_keys(data, where or "answers")
    try:
        return Answers.model_validate(given)
    except ValidationError as exc:
        raise InputError(describe_problems(where, pydantic_problems(exc))) from None


def read_answers_file(path: Path) -> dict[str, Any]:
    """The answers in a YAML or JSON file, checked, possibly incomplete."""
    given = normalise_keys(read_mapping(path, max_bytes=MAX_ANSWERS_BYTES), str(path))
    check_partial(given, str(path))
    return given


def gather_answers(flags: Mapping[str, Any], from_file: Mapping[str, Any], ask: Asker | None) -> Answers:
    """Layer the sources of answers: flags over the answers file, the prompt for what is left.

    `ask` is None when there is no terminal to ask in; then anything missing is an error that lists
    the flags to pass.
    """
    given = {k: v for k, v in flags.items() if v is not None}
    check_partial(given, "command line", lambda qid: flag_for(qid).split(" ")[0])
    layers = ChainMap(given, dict(from_file))
    missing = [qid for qid in QUESTIONS if qid not in layers]
    if missing:
        if ask is None:
            needed = ", ".join(flag_for(qid) for qid in missing)
            raise InputError(
                f"missing answers and no terminal to ask in: {needed}\n"
                "Pass them as flags or in --answers FILE; `execadvisor questions` lists the allowed values."
            )
        layers.maps.append(ask(missing))
    return Answers.model_validate(dict(layers))


def save_answers(answers: Answers, path: Path) -> None:
    """Write the answers as used, as JSON for a `.json` file and YAML otherwise, atomically."""
    plain = answers.as_plain()
    if path.suffix.lower() == ".json":
        text = json.dumps(plain, indent=2) + "\n"
    else:
        import yaml

        text = yaml.safe_dump(plain, sort_keys=False, allow_unicode=True)
    atomic_write(path, text)
