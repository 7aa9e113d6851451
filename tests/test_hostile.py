"""Hostile files and lines: each ends in exit 2, quickly, with one message naming the file and the
problem - never a traceback, never code execution. The corpus lives in tests/hostile/; files too
big to keep in the repository are generated here."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import full_flags, invoke, run_script
from hypothesis import given, settings
from hypothesis import strategies as st

from execadvisor.errors import InputError

HOSTILE = Path(__file__).parent / "hostile"

# file -> what the message must say about it
CORPUS = {
    "empty.yaml": "the file is empty",
    "blank.yaml": "the file is empty",
    "binary.yaml": "binary file",
    "random.bin": "binary file",
    "latin1.yaml": "not UTF-8 text",
    "list.yaml": "expected a mapping of keys to values, found a list",
    "scalar.yaml": "found a single string",
    "number.json": "found a single int",
    "deep.yaml": "nested more than 50 levels deep",
    "deep.json": "nested too deeply",
    "alias_bomb.yaml": "anchors and aliases",
    "python_tag.yaml": "the YAML tag '!!python/object/apply:os.system' is not allowed",
    "python_name.yaml": "the YAML tag '!!python/name:os.system' is not allowed",
    "bad_yaml.yaml": "not valid YAML",
    "bad_json.json": "not valid JSON",
    "unknown_keys.yaml": "favourite_colour: unknown key",
    "wrong_types.yaml": "is not allowed",
    "merge_bomb.yaml": "line 2: YAML anchors and aliases",
    "duplicate_keys.yaml": "line 3: the key 'company_size' is given twice (first on line 1)",
    "duplicate_keys.json": "line 4: the key 'company_size' is given twice (first on line 2)",
    "bad_float.yaml": "not valid YAML",
    "utf16_unknown_key.yaml": "favourite_colour: unknown key",
    "sequence_key.yaml": "not valid YAML",
}


def test_corpus_is_complete():
    assert {p.name for p in HOSTILE.iterdir()} == set(CORPUS)


def _assert_refused(result, path: Path, expected: str, seconds: float) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"Error: {path}: "), result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert seconds < 3, f"took {seconds:.1f} s"
    assert not (path.parent / "PWNED").exists() and not Path("PWNED").exists()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_answers_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes((HOSTILE / name).read_bytes())
    start = time.perf_counter()
    result = run_script(["recommend", "--answers", str(path), "--company-size", "large"], cwd=tmp_path)
    _assert_refused(result, path, CORPUS[name], time.perf_counter() - start)
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("name", sorted(set(CORPUS) - {"unknown_keys.yaml", "wrong_types.yaml", "utf16_unknown_key.yaml"}))
@pytest.mark.parametrize("command", [["rules", "validate"], ["recommend", *full_flags(), "--rules"]], ids=["validate", "recommend"])
def test_hostile_knowledge_file(tmp_path, name, command):
    path = tmp_path / name
    path.write_bytes((HOSTILE / name).read_bytes())
    start = time.perf_counter()
    result = run_script([*command, str(path)], cwd=tmp_path)
    _assert_refused(result, path, CORPUS[name], time.perf_counter() - start)


@pytest.mark.parametrize(("limit_of", "command", "size"), [
    ("answers", ["recommend", "--answers"], 3 * 1024 * 1024),
    ("knowledge", ["rules", "validate"], 5 * 1024 * 1024),
])
def test_huge_files_hit_the_size_limit(tmp_path, limit_of, command, size):
    path = tmp_path / f"huge-{limit_of}.yaml"
    line = "company_size: large  # " + "x" * 100 + "\n"
    path.write_text(line * (size // len(line)), encoding="utf-8")
    start = time.perf_counter()
    result = run_script([*command, str(path)], cwd=tmp_path)
    _assert_refused(result, path, "larger than the limit of", time.perf_counter() - start)


@pytest.mark.parametrize(("name", "text"), [
    ("deep-list.yaml", "a: " + "[" * 30_000 + "]" * 30_000 + "\n"),
    ("deep-flow-map.yaml", "a: " + "{b: " * 40_000 + "1" + "}" * 40_000 + "\n"),
    ("deep-block.yaml", "".join(" " * i + f"k{i}:\n" for i in range(600))),
])
@pytest.mark.parametrize("command", [["recommend", "--answers"], ["rules", "validate"]], ids=["answers", "knowledge"])
def test_nesting_at_any_depth_is_refused_before_parsing(tmp_path, name, text, command):
    """A 30,000-deep list or a 40,000-deep flow mapping used to crash the C YAML loader (exit 139)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = run_script([*command, str(path)], cwd=tmp_path)
    _assert_refused(result, path, "nested more than 50 levels deep", time.perf_counter() - start)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_input_is_not_read_to_the_end(tmp_path):
    start = time.perf_counter()
    result = run_script(["recommend", "--answers", "/dev/zero"], cwd=tmp_path)
    assert result.returncode == 2 and "/dev/zero: larger than the limit of 1,048,576 bytes" in result.stderr
    assert time.perf_counter() - start < 3
    import subprocess

    endless = subprocess.Popen(["yes", "company_size: large"], stdout=subprocess.PIPE)
    try:
        result = run_script(["recommend", "--answers", "-"], cwd=tmp_path, stdin=endless.stdout)
    finally:
        endless.kill()
    assert result.returncode == 2 and "stdin: larger than the limit" in result.stderr


@pytest.mark.parametrize(("text", "expected"), [
    ("{company_size: large, company_size: small}\n", "line 1, column 23: the key 'company_size' is given twice (first at column 2)"),
    ("priorities: [brand]\nextra: {a: 1, b: 2, a: 3}\n", "line 2, column 21: the key 'a' is given twice (first at column 9)"),
    ('{"budget": "full-time", "budget": "constrained"}', "line 1, column 25: the key 'budget' is given twice (first at column 2)"),
])
def test_duplicate_keys_on_one_line_name_the_column(tmp_path, text, expected):
    path = tmp_path / ("answers.json" if text.startswith('{"') else "answers.yaml")
    path.write_text(text, encoding="utf-8")
    result = run_script(["recommend", "--answers", str(path)], cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == f"Error: {path}: {expected}\n"


KNOWN_KEYS = "known keys: company_size, growth_stage, business_model, revenue_streams, sales_marketing, priorities, sales_leader, " \
             "marketing_leader, budget\n"


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_file_of_a_hundred_thousand_keys_is_refused_at_once(tmp_path, suffix):
    """A 1 MiB answers file of 95,000 unknown keys took 7 s and more to refuse: its YAML was walked by
    PyYAML's pure-Python parser (yaml has no top-level CParser), then every key was loaded. Now the C
    parser walks it and the first unknown key ends the reading - with the same message as before."""
    keys = [f"k{i:06d}" for i in range(95_000 if suffix == ".yaml" else 74_000)]
    text = "".join(f"{k}: 1\n" for k in keys) if suffix == ".yaml" else "{" + ", ".join(f'"{k}": 1' for k in keys) + "}"
    path = tmp_path / f"keys{suffix}"
    path.write_text(text, encoding="utf-8")
    assert 1_000_000 < path.stat().st_size <= 1024 * 1024

    def cpu_seconds(answers: Path) -> tuple[float, subprocess.CompletedProcess]:  # the run's own, whatever else the machine does
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = run_script(["recommend", "--answers", str(answers)], cwd=tmp_path)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, result

    seconds, result = cpu_seconds(path)
    assert result.returncode == 2 and result.stderr == f"Error: {path}: k000000: unknown key; {KNOWN_KEYS}"
    baseline, _ = cpu_seconds(HOSTILE / "unknown_keys.yaml")
    assert seconds < baseline + 1.5, f"{seconds:.1f} s of CPU, against {baseline:.1f} s for a two-key file (it was 10 s)"


_KEYS = ["company_size", "budget", "foo", "bar", "Company-Size", "1", "yes", "knowledge", "'quoted'", "? [a]\n"]
_VALUES = ["large", "large", "large", "{a: 1, a: 2}", "!!python/name:os.system", "[x, {b: 1}]", "&a 1", "*a", "{name: x, sha256: y}", "{1: a, yes: b}",
           "[[["]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_KEYS), st.sampled_from(_VALUES)), min_size=1, max_size=5), st.booleans())
def test_keys_checked_while_reading_give_the_message_loading_gives(pairs, second_document):
    """Refusing an unknown key while the YAML is walked says exactly what loading the whole file and
    then checking its keys said, whatever else is wrong with the file."""
    from execadvisor.core import answers
    from execadvisor.streams import reading as yamlfile

    text = "".join(f"{key}: {value}\n" for key, value in pairs)  # "? [a]\n: value" is a key that is a list
    text += "---\nfoo: 1\n" if second_document else ""

    def message(read) -> str:
        try:
            data = read()
            data.pop(answers.KNOWLEDGE_KEY, None)
            answers.check_partial(answers.normalise_keys(data, "f.yaml"), "f.yaml")
        except InputError as exc:
            return str(exc)
        return "accepted"

    loaded = message(lambda: yamlfile.parse_mapping(text, "f.yaml"))
    walked = message(lambda: yamlfile.parse_mapping(text, "f.yaml", check_key=lambda key: key == answers.KNOWLEDGE_KEY or
                                                    answers.normalise_keys({key: None}, "f.yaml")))
    assert walked == loaded, text


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("value.yaml", "company_size: " + "x" * 1_048_000 + "\n",
     ("company_size: 'xxxxxxxxx", "... (1,048,002 characters) is not allowed; input should be 'startup'")),
    ("key.yaml", "? " + "k" * 1_048_000 + "\n: 1\n", ("kkkkkkkkk", "... (1,048,000 characters): unknown key; ")),
    ("key.json", '{"' + "k" * 1_048_000 + '": 1}', ("kkkkkkkkk", "... (1,048,000 characters): unknown key; ")),
    ("twice.yaml", "knowledge:\n  ? " + "k" * 2000 + "\n  : 1\n  ? " + "k" * 2000 + "\n  : 2\n",
     ("line 4: the key 'kkkkkk", "... (2,002 characters) is given twice (first on line 2)")),
    ("list.yaml", "priorities: {" + ", ".join(f"k{i}: {i}" for i in range(50_000)) + "}\n",
     ("priorities: expected a list, got {'k0': 0", "characters)\n")),
], ids=["value", "key", "json-key", "key-twice", "mapping"])
def test_messages_cut_long_values_short(tmp_path, name, text, expected):
    """A 1 MiB value or key was echoed whole in its error message."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_script(["recommend", "--answers", str(path)], cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr) < 400, result.stderr[:400]
    assert result.stderr.startswith(f"Error: {path}: {expected[0]}") and expected[1] in result.stderr, result.stderr


def test_knowledge_problems_cut_long_names_short(tmp_path):
    from execadvisor.core.knowledge import builtin_text

    path = tmp_path / "rules.yaml"
    long_id = "X" * 500_000
    path.write_text(builtin_text().replace("option: CSO, weight: 6,", f"option: {long_id}, weight: 6,", 1)
                    .replace("  meanwhile:\n", f"  meanwhile:\n    ? {long_id}\n    : [Hire]\n", 1), encoding="utf-8")
    result = run_script(["rules", "validate", str(path)], cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr) < 1000, result.stderr[:1000]
    assert f"{path}: rules[0].option: unknown option 'XXXXXXXXX" in result.stderr and "... (500,002 characters); known: CSO" in result.stderr
    assert f"{path}: staffing.meanwhile.XXXXXXXX" in result.stderr and "... (500,019 characters): unknown role 'XXX" in result.stderr


def test_utf16_answers_are_decoded(tmp_path):
    from conftest import flags_for
    from scenarios import BASE

    path = tmp_path / "answers.yaml"
    path.write_bytes("\n".join(f"{k}: {json.dumps(v)}" for k, v in BASE.items()).encode("utf-16"))
    result = run_script(["recommend", "--answers", str(path), "--json"], cwd=tmp_path)
    direct = run_script(["recommend", *flags_for(BASE), "--json"], cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["answers"] == json.loads(direct.stdout)["answers"]


def test_knowledge_with_wrong_types_names_the_field(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("schema_version: 1\nsources: 3\nroles: {}\noptions: []\nquestions: nope\nrules: [1, 2]\n", encoding="utf-8")
    result = run_script(["rules", "validate", str(path)], cwd=tmp_path)
    assert result.returncode == 2
    for field in ["sources", "roles", "questions", "rules[0]"]:
        assert f"{path}: {field}: " in result.stderr


def test_hostile_batch_lines(tmp_path):
    good = json.dumps({"company_size": "small", "growth_stage": "early", "business_model": "transactional",
                       "revenue_streams": "single", "sales_marketing": "separate", "priorities": ["scale-sales"],
                       "sales_leader": False, "marketing_leader": True, "budget": "full-time"})
    lines = [
        good.encode(),
        b"\x00\xff\xfe binary",
        b"[" * 100_000 + b"]" * 100_000,
        b"x" * (2 * 1024 * 1024),
        b'"a string"',
        b"{not json",
        b"",
        json.dumps({**json.loads(good), "colour": "red"}).encode(),
        good[:-1].encode() + b', "id": NaN}',
        good.replace('"small"', '"Small"').encode(),  # not canonical: validated, and still good
        good.encode(),
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    start = time.perf_counter()
    result = run_script(["batch", str(path)], cwd=tmp_path)
    assert time.perf_counter() - start < 5
    assert result.returncode == 2 and "Traceback" not in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["line"] for o in out] == [n for n in range(1, len(lines) + 1) if n != 7], "one result per line, in order; blank ones skipped"
    assert "recommendation" in out[0] and "recommendation" in out[-1]
    assert all(o["schema_version"] == 2 for o in out)
    errors = {o["line"]: o["error"] for o in out if "error" in o}
    assert set(errors) == {2, 3, 4, 5, 6, 8, 9}
    assert "not UTF-8" in errors[2] or "not valid JSON" in errors[2]
    assert "longer than" in errors[4]
    assert "found str" in errors[5]
    assert "colour: unknown key" in errors[8]
    assert "finite number" in errors[9] and "id" not in out[8], "NaN is no id, and is not echoed as null"
    assert out[9]["answers"]["company_size"] == "small"


# --- writes are atomic and never clobber a file on error --------------------------------------


def test_output_into_a_missing_folder(runner, tmp_path):
    result = invoke(runner, ["recommend", *full_flags(), "--output", str(tmp_path / "no" / "such" / "report.md")])
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_output_to_a_directory_is_refused(runner, tmp_path):
    result = invoke(runner, ["recommend", *full_flags(), "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert tmp_path.is_dir()


def test_failed_replace_keeps_the_old_file_and_no_temp(runner, tmp_path, monkeypatch):
    out = tmp_path / "report.json"
    out.write_text("previous report\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = invoke(runner, ["recommend", *full_flags(), "--json", "--output", str(out)])
    assert result.exit_code == 1 and "No space left on device" in result.stderr, "output that cannot be written is exit 1"
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_save_answers_untouched_when_the_run_fails(runner, tmp_path):
    saved = tmp_path / "answers.yaml"
    saved.write_text("company_size: enterprise\n", encoding="utf-8")
    result = invoke(runner, ["recommend", "--company-size", "huge", "--save-answers", str(saved)])
    assert result.exit_code == 2
    result = invoke(runner, ["recommend", "--company-size", "large", "--save-answers", str(saved)], input="")
    assert result.exit_code == 2
    assert saved.read_text(encoding="utf-8") == "company_size: enterprise\n"


def test_existing_file_keeps_its_permissions(runner, tmp_path):
    out = tmp_path / "report.md"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    assert invoke(runner, ["recommend", *full_flags(), "--format", "markdown", "--output", str(out)]).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640 and out.read_text(encoding="utf-8").startswith("# Memo: who should")


# --- files that survive -------------------------------------------------------------------------


@pytest.mark.parametrize("inputs", [["--answers"], ["--rules"]])
@pytest.mark.parametrize("output", ["--output", "--save-answers"])
def test_a_run_never_writes_over_its_own_input(runner, tmp_path, inputs, output):
    from execadvisor.core.knowledge import builtin_text

    path = tmp_path / "in.yaml"
    original = builtin_text() if inputs == ["--rules"] else "company_size: large\n"
    path.write_text(original, encoding="utf-8")
    alias = tmp_path / "link.yaml"
    alias.symlink_to(path)
    result = invoke(runner, ["recommend", *full_flags(), *inputs, str(path), output, str(alias)])
    assert result.exit_code == 2 and "is the same file as" in result.stderr
    assert path.read_text(encoding="utf-8") == original and alias.is_symlink()


def test_two_outputs_to_one_file_are_refused(runner, tmp_path):
    out = tmp_path / "out.json"
    result = invoke(runner, ["recommend", *full_flags(), "--json", "--output", str(out), "--save-answers", str(out)])
    assert result.exit_code == 2 and not out.exists()


def test_a_failing_output_leaves_save_answers_untouched(runner, tmp_path):
    saved = tmp_path / "answers.yaml"
    saved.write_text("mine\n", encoding="utf-8")
    result = invoke(runner, ["recommend", *full_flags(), "--save-answers", str(saved), "--output", str(tmp_path / "no" / "r.md")])
    assert result.exit_code == 2 and saved.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, a device that is always full")
def test_an_output_written_in_place_fails_before_any_file_is_replaced(runner, tmp_path):
    """A device is written to in place, where a failure cannot be undone: it goes first, so a full
    device leaves the --save-answers file as it was (exit 1, the disk is full)."""
    saved = tmp_path / "answers.yaml"
    saved.write_text("mine\n", encoding="utf-8")
    result = invoke(runner, ["recommend", *full_flags(), "--save-answers", str(saved), "--output", "/dev/full"])
    assert result.exit_code == 1 and "/dev/full" in result.stderr
    assert saved.read_text(encoding="utf-8") == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"], "no temporary file is left behind"


def test_symlinks_are_written_through_and_hard_links_kept(runner, tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert invoke(runner, ["recommend", *full_flags(), "--json", "--output", str(link)]).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 2

    twin = tmp_path / "twin.json"
    os.link(target, twin)
    assert invoke(runner, ["recommend", *full_flags(), "--format", "markdown", "--output", str(target)]).exit_code == 0
    assert os.path.samefile(target, twin) and twin.read_text(encoding="utf-8").startswith("# Memo: who should")


def test_setuid_bits_are_not_kept_and_mode_is(runner, tmp_path):
    out = tmp_path / "report.md"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o4750)
    assert invoke(runner, ["recommend", *full_flags(), "--format", "markdown", "--output", str(out)]).exit_code == 0
    assert out.stat().st_mode & 0o7777 == 0o750


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_written_to_not_replaced(tmp_path):
    import subprocess
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = run_script(["recommend", *full_flags(), "--json", "--output", str(fifo)], cwd=tmp_path)
    reader.join(10)
    assert result.returncode == 0 and json.loads(received[0])["schema_version"] == 2
    assert fifo.is_fifo()
    del subprocess


def test_dash_is_stdout_and_stdin(runner, tmp_path):
    from conftest import flags_for
    from scenarios import BASE

    as_json = invoke(runner, ["recommend", *full_flags(), "--json", "--output", "-"])
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["schema_version"] == 2 and not (tmp_path / "-").exists()
    from_stdin = invoke(runner, ["recommend", "--answers", "-", "--json"], input=json.dumps(BASE))
    assert from_stdin.exit_code == 0 and json.loads(from_stdin.stdout)["answers"] == BASE
    assert invoke(runner, ["rules", "export", "-"]).stdout.startswith("# execadvisor knowledge base")
    del flags_for


def test_saved_answers_record_the_knowledge_base_and_warn_on_another(runner, tmp_path):
    from execadvisor.core.knowledge import builtin_text

    saved = tmp_path / "used.yaml"
    first = invoke(runner, ["recommend", *full_flags(), "--json", "--save-answers", str(saved)])
    knowledge = json.loads(first.stdout)["knowledge"]
    assert knowledge["name"] == "built-in" and len(knowledge["sha256"]) == 64
    assert "knowledge:" in saved.read_text(encoding="utf-8") and knowledge["sha256"] in saved.read_text(encoding="utf-8")
    again = invoke(runner, ["recommend", "--answers", str(saved), "--json"])
    assert again.exit_code == 0 and again.stdout == first.stdout and "Warning" not in again.stderr
    tuned = tmp_path / "tuned.yaml"
    tuned.write_text(builtin_text().replace("weight: 16,", "weight: 17,", 1), encoding="utf-8")
    other = invoke(runner, ["recommend", "--answers", str(saved), "--rules", str(tuned), "--json"])
    assert other.exit_code == 0 and "Warning" in other.stderr and "built-in" in other.stderr
    assert json.loads(other.stdout)["knowledge"]["name"] == str(tuned)
    memo = invoke(runner, ["recommend", *full_flags(), "--format", "markdown"]).stdout
    assert knowledge["sha256"] in memo
