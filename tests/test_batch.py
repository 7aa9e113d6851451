"""`execadvisor batch`: JSON Lines in, JSON Lines out, one for one, in order."""

from __future__ import annotations

import io
import json

from conftest import answers_of, invoke
from hypothesis import given, settings
from hypothesis import strategies as st
from scenarios import BASE, SCENARIOS
from strategies import answer_dicts

from execadvisor.core.batch import run_batch
from execadvisor.core.contract import QUESTIONS
from execadvisor.core.scoring import recommend


BAD_ROWS = ["garbage", {"budget": 1}, [1, 2], {**BASE, "priorities": []}]


def jsonl(*objects) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects)


def test_results_in_order_and_agreeing_with_recommend(runner, kb):
    profiles = [answers for _, _, answers, _ in SCENARIOS]
    result = invoke(runner, ["batch", "-"], input=jsonl(*profiles))
    assert result.exit_code == 0 and result.stderr == ""
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["line"] for o in out] == list(range(1, len(profiles) + 1))
    for line, (_, _, answers, expected) in zip(out, SCENARIOS):
        assert line["recommendation"] == expected
        report = recommend(answers_of(**answers), kb)
        assert line["ranking"] == [{"id": r.id, "score": r.score} for r in report.ranking]
        assert line["margin"] == report.margin and line["confidence"] == report.confidence


def test_bad_line_answered_in_place_and_exit_2(runner):
    result = invoke(runner, ["batch", "-"], input=jsonl(BASE, {"company_size": "huge"}, "oops", BASE))
    assert result.exit_code == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3, 4]
    assert "recommendation" in out[0] and "recommendation" in out[3]
    assert "'huge' is not allowed" in out[1]["error"] and "growth_stage: missing" in out[1]["error"]
    assert result.stderr == "Error: 2 of 4 lines could not be scored (the first: line 2); each one's error is on its own line of the output.\n"
    assert "not valid JSON" in out[2]["error"]


def test_file_argument_and_kebab_keys(runner, tmp_path):
    path = tmp_path / "profiles.jsonl"
    path.write_text(jsonl({k.replace("_", "-"): v for k, v in BASE.items()}), encoding="utf-8")
    result = invoke(runner, ["batch", str(path)])
    assert result.exit_code == 0 and json.loads(result.stdout)["answers"] == BASE


def test_full_reports(runner):
    result = invoke(runner, ["batch", "-", "--full"], input=jsonl(BASE))
    line = json.loads(result.stdout)
    assert line["line"] == 1 and set(line) >= {"recommendation", "ranking", "rationale", "what_if", "robustness", "version"}
    single = invoke(runner, ["recommend", *__import__("conftest").full_flags(), "--json"]).stdout
    assert {k: v for k, v in line.items() if k != "line"} == json.loads(single), "a --full line is the recommend document plus line"


def test_no_input_from_a_terminal(runner, monkeypatch):
    monkeypatch.setattr("execadvisor.cli.run.stdin_is_terminal", lambda: True)
    result = invoke(runner, ["batch"])
    assert result.exit_code == 2 and "stdin is a terminal" in result.stderr


def test_unreadable_file(runner, tmp_path):
    result = invoke(runner, ["batch", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2 and "cannot read" in result.stderr


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(answer_dicts, st.sampled_from(BAD_ROWS)), min_size=1, max_size=20))
def test_one_result_per_line_whatever_the_mix(kb, rows):
    data = jsonl(*rows).encode()
    out = list(run_batch(io.BytesIO(data), kb))
    assert [n for n, _, _ in out] == list(range(1, len(rows) + 1))
    for (_, text, ok), row in zip(out, rows):
        good = row not in BAD_ROWS
        assert ok == good and ("error" in json.loads(text)) != good


@settings(max_examples=200, deadline=None)
@given(answer_dicts, st.one_of(st.none(), st.text(max_size=8), st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_summary_lines_are_exactly_the_published_batch_line(kb, answers, line_id):
    """Summary lines are serialized from plain data for speed; each must be what the BatchLine
    model (the one `schema batch` publishes) would have written itself, byte for byte - every key
    it has, `id` only when the input line had one, and a null runner-up or pick without the
    advisor's readings written as null; DEL, C1 and bidi controls as \\u escapes, as every JSON
    output spells them."""
    from execadvisor.core.result import BatchLine
    from execadvisor.untrusted import json_visible

    row = {**answers, **({} if line_id is None else {"id": line_id})}
    [(_, text, ok)] = list(run_batch(io.BytesIO((json.dumps(row) + "\n").encode()), kb))
    assert ok
    line = BatchLine.model_validate_json(text)
    assert json_visible(line.model_dump_json(exclude_unset=True)) == text
    assert line.model_fields_set == set(BatchLine.model_fields) - ({"id"} if line_id is None else set())


_ODD_VALUES = st.one_of(st.none(), st.integers(-1, 2), st.booleans(), st.sampled_from(["Large", " small", "yes", "no", "true", "",
                        "brand", "BRAND", "full-time", "mature"]), st.lists(st.sampled_from(["brand", "retention", "Brand", 1]), max_size=4))


@settings(max_examples=400, deadline=None)
@given(answer_dicts, st.dictionaries(st.sampled_from([*QUESTIONS, "extra", "company-size"]), _ODD_VALUES, max_size=3),
       st.sets(st.sampled_from(["company_size", "priorities", "sales_leader", "budget"]), max_size=2))
def test_canonical_answers_are_what_validation_gives(good, changes, dropped):
    """Batch mode builds canonical lines without validation (Answers.canonical); for any input it
    accepts, the answers are exactly those Answers.model_validate gives, and any other input falls
    back to validation (None)."""
    from pydantic import ValidationError

    from execadvisor.core.contract import Answers

    assert Answers.canonical(good) == Answers.model_validate(good), "a canonical line takes the fast way"
    data = {k: v for k, v in {**good, **changes}.items() if k not in dropped}
    fast = Answers.canonical(data)
    if fast is None:
        return
    try:
        slow = Answers.model_validate(data)
    except ValidationError as exc:
        raise AssertionError(f"accepted without validation but invalid: {data}") from exc
    assert fast == slow and fast.model_dump_json() == slow.model_dump_json() and fast.items() == slow.items()
    assert hash(fast) == hash(slow) and fast.model_fields_set == slow.model_fields_set and repr(fast) == repr(slow)


def test_batch_errors_cut_long_keys_and_values_short(runner):
    """A 500 KB key or value of a batch line is not echoed whole in its error line."""
    long = "k" * 500_000
    result = invoke(runner, ["batch", "-"], input=jsonl({**BASE, long: 1}, {**BASE, "budget": long}, '{"a": 1, "a": 2, "' + long + '": 3}'))
    assert result.exit_code == 2
    errors = [json.loads(line)["error"] for line in result.stdout.splitlines()]
    assert errors[0] == "answers: kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk... (500,000 characters): unknown key; " \
                        "known keys: company_size, growth_stage, business_model, revenue_streams, sales_marketing, priorities, " \
                        "sales_leader, marketing_leader, budget"
    assert errors[1].startswith("budget: 'kkkkkkk") and "... (500,002 characters) is not allowed; input should be 'full-time'" in errors[1]
    assert errors[2] == "the key 'a' is given twice"
    assert all(len(error) < 300 for error in errors)


def test_an_endless_line_ends_the_run(kb):
    """`batch /dev/zero` spun forever, skipping one endless line: a line with no end within 16 MiB
    is answered with its error line, and then the run ends (exit 2 in the CLI)."""
    import pytest

    from execadvisor.core.batch import MAX_UNENDED_BYTES
    from execadvisor.errors import InputError

    stream = io.BytesIO(jsonl(BASE).encode() + b"x" * (2 * 1024 * 1024) + b"\n" + b"\0" * (MAX_UNENDED_BYTES + 2 * 1024 * 1024))
    results = run_batch(stream, kb)
    assert [ok for _, _, ok in (next(results), next(results))] == [True, False], "an over-long line is an error line; the run goes on"
    number, text, ok = next(results)
    assert (number, ok, json.loads(text)["error"]) == (3, False, "no end of line within 16 MiB; the rest of the input is not read")
    with pytest.raises(InputError, match=r"^line 3: no end of line within 16 MiB; the rest of the input is not read$"):
        next(results)
    assert stream.tell() < MAX_UNENDED_BYTES + 5 * 1024 * 1024, "no more is read than it takes to tell"


def test_batch_of_dev_zero_ends_with_exit_2(tmp_path):
    import os
    import time

    import pytest
    from conftest import run_script

    if not os.path.exists("/dev/zero"):
        pytest.skip("needs /dev/zero")
    start = time.perf_counter()
    result = run_script(["batch", "/dev/zero"], cwd=tmp_path)
    assert time.perf_counter() - start < 10
    assert result.returncode == 2
    assert result.stdout == '{"schema_version":2,"line":1,"error":"no end of line within 16 MiB; the rest of the input is not read"}\n'
    assert result.stderr == "Error: line 1: no end of line within 16 MiB; the rest of the input is not read\n"
