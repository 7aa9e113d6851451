"""Batch mode: JSON Lines of answers in, JSON Lines of results out, one for one and in order.

Streams: one line is read, scored and written before the next is read, so memory stays flat
whatever the size of the input. A bad line is answered in place with {"line": N, "error": ...}
and the run goes on. Pure apart from the stream it is handed: the CLI opens files and draws the
progress bar.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import BinaryIO

from pydantic_core import to_json

from execadvisor.answers import parse_answers
from execadvisor.contract import Answers
from execadvisor.errors import InputError, echoed
from execadvisor.yamlfile import loads_json
from execadvisor.knowledge import KnowledgeBase
from execadvisor.result import SCHEMA_VERSION, BatchError, BatchReport
from execadvisor.scoring import recommend, summarise

MAX_LINE_BYTES = 1024 * 1024


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number from 1, the line's bytes) for each line; None for a line over the size limit,
    whose rest is skipped without being held in memory."""
    number = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def answer_line(number: int, raw: bytes | None, kb: KnowledgeBase, full: bool) -> tuple[str, bool] | None:
    """The JSON text answering one input line, and whether the line was good; None for a blank line.

    A line may carry "id" (a string or a number), which its output line echoes."""
    if raw is not None and not raw.strip():
        return None
    line_id = None
    try:
        if raw is None:
            raise InputError(f"longer than {MAX_LINE_BYTES:,} bytes")
        try:
            data = loads_json(raw)
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text") from None
        except RecursionError:
            raise InputError("nested too deeply to read") from None
        except ValueError as exc:  # includes a duplicate key
            key = getattr(exc, "key", None)
            raise InputError(f"the key {echoed(key)} is given twice" if key is not None else f"not valid JSON: {exc}") from None
        if not isinstance(data, dict):
            raise InputError(f"expected a JSON object of answers, found {type(data).__name__}")
        if "id" in data:
            line_id = data.pop("id")
            if isinstance(line_id, bool) or not isinstance(line_id, (str, int, float)) or (isinstance(line_id, float) and not math.isfinite(line_id)):
                line_id = None
                raise InputError("id: must be a string or a finite number")
        answers = Answers.canonical(data) or parse_answers(data)
    except InputError as exc:
        error = {"schema_version": SCHEMA_VERSION, "line": number, "error": str(exc).replace("\n", "; ")}
        return BatchError.model_validate(error if line_id is None else {**error, "id": line_id}).model_dump_json(exclude_none=True), False
    if full:
        report = BatchReport.model_construct(**dict(recommend(answers, kb)), line=number, id=line_id)
        return report.model_dump_json(exclude=None if line_id is not None else {"id"}), True
    return to_json(summarise(answers, kb, number, line_id)).decode(), True


def run_batch(stream: BinaryIO, kb: KnowledgeBase, full: bool = False) -> Iterator[tuple[int, str, bool]]:
    """(line number, output JSON, ok) for every line of `stream`, in order."""
    for number, raw in read_lines(stream):
        answered = answer_line(number, raw, kb, full)
        if answered is not None:
            yield number, *answered
