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

from execadvisor.core.answers import parse_answers
from execadvisor.core.contract import Answers
from execadvisor.errors import InputError, echoed
from execadvisor.untrusted import json_visible
from execadvisor.streams.reading import loads_json
from execadvisor.core.knowledge import KnowledgeBase
from execadvisor.core.result import SCHEMA_VERSION, BatchError, BatchReport
from execadvisor.core.scoring import recommend, summarise

MAX_LINE_BYTES = 1024 * 1024
MAX_UNENDED_BYTES = 16 * MAX_LINE_BYTES  # a line with no end within this is taken for endless input


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | str]]:
    """(line number from 1, the line's bytes) for each line; for a line over the size limit, why it
    is refused instead (its rest is skipped without being held in memory). A line that has not
    ended after MAX_UNENDED_BYTES (/dev/zero, a runaway producer) is refused, and then the input
    is: InputError, after its line."""
    number = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            skipped = len(line)
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                skipped += len(rest)
                if skipped > MAX_UNENDED_BYTES:
                    endless = f"no end of line within {MAX_UNENDED_BYTES // MAX_LINE_BYTES} MiB; the rest of the input is not read"
                    yield number, endless
                    raise InputError(f"line {number:,}: {endless}")
            yield number, f"longer than {MAX_LINE_BYTES:,} bytes"
            continue
        yield number, line


def answer_line(number: int, raw: bytes | str, kb: KnowledgeBase, full: bool) -> tuple[str, bool] | None:
    """The JSON text answering one input line (or why it could not be read, see read_lines), and
    whether the line was good; None for a blank line.

    A line may carry "id" (a string or a number), which its output line echoes."""
    if isinstance(raw, bytes) and not raw.strip():
        return None
    line_id = None
    try:
        if isinstance(raw, str):
            raise InputError(raw)
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
    """(line number, output JSON, ok) for every line of `stream`, in order. The JSON carries no raw
    DEL, C1 or bidi control (an echoed id, a --rules knowledge base's texts): they are \\u escapes."""
    for number, raw in read_lines(stream):
        answered = answer_line(number, raw, kb, full)
        if answered is not None:
            text, ok = answered
            yield number, json_visible(text), ok
