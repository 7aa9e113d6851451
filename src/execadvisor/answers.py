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
from execadvisor.errors import InputError, describe_problems, echoed, pydantic_problems
from execadvisor.yamlfile import read_mapping

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
            raise InputError(f"{where}: {echoed(key)}: keys must be question ids; known: {', '.join(QUESTIONS)}")
        qid = key.strip().replace("-", "_")
        if qid not in QUESTIONS or qid in out:
            from execadvisor.untrusted import shorten

            problem = "unknown key; known keys: " + ", ".join(QUESTIONS) if qid not in QUESTIONS else "given twice (as snake_case and kebab-case)"
            raise InputError(f"{where}: {shorten(key)}: {problem}")
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


KNOWLEDGE_KEY = "knowledge"  # saved answers record the knowledge base they were scored with


def read_answers_file(path: Path) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The answers in a YAML or JSON file (`-`: stdin), checked, possibly incomplete; and the
    knowledge base recorded in it by --save-answers, if any."""
    where = "stdin" if str(path) == "-" else str(path)

    def check_key(key: str) -> None:  # each key is checked while the file is read: a file of many is refused at once
        if key != KNOWLEDGE_KEY:
            normalise_keys({key: None}, where)

    data = read_mapping(path, max_bytes=MAX_ANSWERS_BYTES, check_key=check_key)
    recorded = data.pop(KNOWLEDGE_KEY, None)
    if recorded is not None and not (isinstance(recorded, dict) and isinstance(recorded.get("sha256"), str)):
        raise InputError(f"{where}: {KNOWLEDGE_KEY}: expected name and sha256, as --save-answers writes them")
    given = normalise_keys(data, where)
    check_partial(given, where)
    return given, recorded


def gather_answers(flags: Mapping[str, Any], from_file: Mapping[str, Any], ask: Asker | None,
                   not_asking: str = "no terminal to ask in") -> Answers:
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
                f"missing answers and {not_asking}: {needed}\n"
                "Pass them as flags or in --answers FILE; `execadvisor questions` lists the allowed values."
            )
        layers.maps.append(ask(missing))
    return Answers.model_validate(dict(layers))


def answers_text(answers: Answers, path: Path, knowledge: Mapping[str, str]) -> str:
    """The answers as used, with the knowledge base they were scored with: JSON for a `.json` file
    (or stdout), YAML otherwise."""
    plain = {**answers.as_plain(), KNOWLEDGE_KEY: dict(knowledge)}
    if path.suffix.lower() == ".json" or str(path) == "-":
        return json.dumps(plain, indent=2) + "\n"
    import yaml

    return yaml.safe_dump(plain, sort_keys=False, allow_unicode=True)
