"""The answers as a file: what `--save-answers` (and `s` in the session) writes, to repeat the run."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from execadvisor.core.answers import KNOWLEDGE_KEY
from execadvisor.core.contract import Answers


def answers_text(answers: Answers, path: Path, knowledge: Mapping[str, str]) -> str:
    """The answers as used, with the knowledge base they were scored with: JSON for a `.json` file
    (or stdout), YAML otherwise."""
    plain = {**answers.as_plain(), KNOWLEDGE_KEY: dict(knowledge)}
    if path.suffix.lower() == ".json" or str(path) == "-":
        return json.dumps(plain, indent=2) + "\n"
    import yaml

    return yaml.safe_dump(plain, sort_keys=False, allow_unicode=True)
