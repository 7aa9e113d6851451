"""Hostile files and lines: each ends in exit 2, quickly, with one message naming the file and the
problem - never a traceback, never code execution. The corpus lives in tests/hostile/; files too
big to keep in the repository are generated here."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from conftest import full_flags, invoke, run_script

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


@pytest.mark.parametrize("name", sorted(set(CORPUS) - {"unknown_keys.yaml", "wrong_types.yaml"}))
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
    _assert_refused(result, path, "is too large; the limit is", time.perf_counter() - start)


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
        good.encode(),
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    start = time.perf_counter()
    result = run_script(["batch", str(path)], cwd=tmp_path)
    assert time.perf_counter() - start < 5
    assert result.returncode == 2 and "Traceback" not in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["line"] for o in out] == list(range(1, len(lines) + 1)), "one result per line, in order"
    assert "recommendation" in out[0] and "recommendation" in out[-1]
    errors = {o["line"]: o["error"] for o in out if "error" in o}
    assert set(errors) == set(range(2, 9))
    assert "not UTF-8" in errors[2] or "not valid JSON" in errors[2]
    assert "longer than" in errors[4]
    assert "found str" in errors[5]
    assert "empty line" in errors[7]
    assert "colour: unknown key" in errors[8]


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
    assert result.exit_code == 2 and "No space left on device" in result.stderr
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
    assert out.stat().st_mode & 0o777 == 0o640 and out.read_text(encoding="utf-8").startswith("# Who should")
