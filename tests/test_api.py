"""The Python API: `from execadvisor import recommend, team, path, load_knowledge, Answers, Report`.
Each result's JSON is exactly what the command line prints, bad input is one exception type with
the command line's message, and the command line calls these same functions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BASE, flags_for, invoke, random_profiles

import execadvisor
from execadvisor import Answers, InputError, KnowledgeBase, PathReport, Report, TeamReport, load_knowledge, path, recommend, team

ROOT = Path(__file__).resolve().parents[1]


def cli_json(runner, args: list[str]) -> dict:
    result = invoke(runner, args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("profile", [BASE, *random_profiles(5, seed=41)])
def test_recommend_is_what_the_command_line_prints(runner, profile):
    report = recommend(profile)
    assert isinstance(report, Report)
    assert report.model_dump(mode="json") == cli_json(runner, ["recommend", *flags_for(profile), "--json"])
    kebab = {key.replace("_", "-"): (value.upper() if isinstance(value, str) else value) for key, value in profile.items()}
    assert recommend(kebab) == report, "an answers file's keys and values, in either spelling and any case"
    assert recommend(Answers.model_validate(profile)) == report


def test_a_knowledge_base_of_ones_own(runner, tmp_path):
    rules = tmp_path / "rules.yaml"
    data = yaml.safe_load((ROOT / "data" / "roles.yaml").read_text(encoding="utf-8"))
    data["rules"][0]["weight"] = 9
    rules.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    kb = load_knowledge(rules)
    assert isinstance(kb, KnowledgeBase) and kb.identity.name == str(rules)
    expected = cli_json(runner, ["recommend", *flags_for(BASE), "--rules", str(rules), "--json"])
    assert recommend(BASE, kb).model_dump(mode="json") == expected
    assert recommend(BASE, knowledge=str(rules)).model_dump(mode="json") == expected
    assert load_knowledge() is load_knowledge(None), "the built-in knowledge base, loaded once"


def test_team_and_path_are_what_the_command_line_prints(runner):
    files = [str(ROOT / "examples" / "team" / f"{name}.yaml") for name in ("ana", "ben", "cho")]
    decision = team(files)
    assert isinstance(decision, TeamReport)
    assert decision.model_dump(mode="json") == cli_json(runner, ["team", *files, "--json"])
    by_name = team({name: yaml.safe_load(Path(f).read_text(encoding="utf-8")) for name, f in zip(("ana", "ben", "cho"), files)})
    assert by_name.group == decision.group and by_name.disagreements == decision.disagreements

    grid = path(BASE, vary=["company_size", "revenue_streams"])
    assert isinstance(grid, PathReport)
    assert grid.model_dump(mode="json") == cli_json(runner, ["path", *flags_for(BASE), "--vary", "company-size", "--vary",
                                                             "revenue-streams", "--json"])
    held = {k: v for k, v in BASE.items() if k != "company_size"}
    assert path(held).model_dump(mode="json") == cli_json(runner, ["path", *flags_for(held), "--json"])


@pytest.mark.parametrize(("call", "command", "where"), [
    (lambda: recommend({**BASE, "company_size": "huge"}), ["recommend", "--answers", "FILE", "--json"], "answers"),
    (lambda: recommend({**BASE, "favourite_colour": "blue"}), ["recommend", "--answers", "FILE", "--json"], "answers"),
    (lambda: recommend({k: v for k, v in BASE.items() if k != "budget"}), None, "answers"),
    (lambda: path(BASE, vary="business-model"), ["path", *flags_for(BASE), "--vary", "business-model"], None),
    (lambda: team({"ana": BASE}), ["team", "FILE"], None),
])
def test_bad_input_is_one_exception_with_the_command_lines_message(runner, tmp_path, call, command, where):
    with pytest.raises(InputError) as raised:
        call()
    message = str(raised.value)
    assert message and "Traceback" not in message
    if command is None:
        assert message.startswith(f"{where}: ")
        return
    given = {**BASE, "company_size": "huge"} if "huge" in message else {**BASE, "favourite_colour": "blue"}
    answers_file = tmp_path / "FILE.yaml"
    answers_file.write_text(yaml.safe_dump(given), encoding="utf-8")
    result = invoke(runner, [str(answers_file) if word == "FILE" else word for word in command])
    assert result.exit_code == 2
    said = result.stderr.removeprefix("Error: ").strip()
    if where:  # the same problem, named by the answers' place: "answers" here, the file on the command line
        assert said.replace(str(answers_file), where) == message
    else:
        assert said == message


def test_errors_from_files_carry_the_command_lines_message(runner, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 2\nrules: [\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_knowledge(broken)
    result = invoke(runner, ["rules", "validate", str(broken)])
    assert result.exit_code == 2 and result.stderr == f"Error: {raised.value}\n"


def test_the_face_lists_the_api_and_loads_it_on_first_use():
    assert set(execadvisor.__all__) >= {"recommend", "team", "path", "load_knowledge", "read_answers", "Answers", "Report", "InputError"}
    assert all(callable(getattr(execadvisor, name)) for name in execadvisor.__all__ if name != "__version__"), "each name loads"
    probe = subprocess.run([sys.executable, "-c", "import sys, execadvisor; print('execadvisor.api' in sys.modules, "
                            "'pydantic' in sys.modules); execadvisor.recommend; print('execadvisor.api' in sys.modules)"],
                           capture_output=True, text=True, timeout=60)
    assert probe.stdout.split() == ["False", "False", "True"], probe.stderr
    with pytest.raises(AttributeError):
        execadvisor.no_such_thing  # noqa: B018


def test_a_saved_answers_file_is_taken_as_a_mapping_too(runner, tmp_path):
    """What --save-answers writes, loaded as a mapping, is what the API takes - the knowledge base it
    records is checked and set aside (for a team, kept as the person's saved_with)."""
    saved = tmp_path / "ana.yaml"
    result = invoke(runner, ["recommend", *flags_for(BASE), "--json", "--save-answers", str(saved)])
    assert result.exit_code == 0, result.stderr
    mapping = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert mapping["knowledge"]["name"] == "built-in"
    assert recommend(mapping).model_dump(mode="json") == json.loads(result.stdout)
    assert path(mapping).steps and team({"ana": mapping, "ben": BASE}).participants[0].saved_with.name == "built-in"
    with pytest.raises(InputError, match="knowledge: expected name and sha256"):
        recommend({**mapping, "knowledge": "built-in"})


def test_the_package_is_typed():
    import execadvisor as package

    assert (Path(package.__file__).parent / "py.typed").is_file()


def test_the_command_line_calls_the_api(monkeypatch, runner):
    """The command line's recommend, team and path are the API's functions, not copies."""
    import execadvisor.api as api

    called = []
    real = api.recommend

    def spy(answers, knowledge=None):
        called.append("recommend")
        return real(answers, knowledge)

    monkeypatch.setattr(api, "recommend", spy)
    invoke(runner, ["recommend", *flags_for(BASE), "--json"])
    assert called == ["recommend"]
