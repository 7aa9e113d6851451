"""`execadvisor team`: the group's answers by stated rules, which disagreements change the pick (each
checked here by re-scoring through scoring.recommend), ties among the people, bad files and names."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import answers_of, invoke, random_profiles, run_script
from hypothesis import given, settings
from hypothesis import strategies as st
from scenarios import BASE, SCENARIOS
from strategies import answer_dicts

from execadvisor.core.contract import ORDERED_QUESTIONS, QUESTIONS, Answers
from execadvisor.core.team import decide_together
from execadvisor.views.documents import json_schema
from execadvisor.core.scoring import recommend

ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
SCENARIO = {name: (passage, answers, expected) for name, passage, answers, expected in SCENARIOS}


def write_team(folder, people: dict[str, dict], suffix: str = ".yaml") -> list[str]:
    """One answers file a person, as `recommend --save-answers` writes them (YAML, or JSON for .json)."""
    files = []
    for name, answers in people.items():
        path = folder / f"{name}{suffix}"
        path.write_text(json.dumps(answers) if suffix == ".json" else yaml.safe_dump(answers), encoding="utf-8")
        files.append(str(path))
    return files


def team_json(runner, files: list[str], *args: str) -> dict:
    result = invoke(runner, ["team", *files, *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def rescored(group: dict, question: str, value) -> list[str]:
    """The pick for the group's answers with one question's value replaced, scored independently:
    [the pick], or every option of a tie."""
    return verdict(Answers.model_validate({**group, question: value}))


def verdict(answers: Answers) -> list[str]:
    report = recommend(answers, _kb())
    return report.tied or [report.recommendation.id]


def _kb():
    from execadvisor.core.knowledge import builtin_knowledge

    return builtin_knowledge()


def _same(a, b) -> bool:
    """One answer: priorities are the same answer in any order (their order does not score)."""
    return sorted(a) == sorted(b) if isinstance(a, list) else a == b


def check_every_disagreement(doc: dict) -> None:
    """Each disagreement's picks and `matters`, re-scored through scoring.recommend, and the order."""
    group = doc["group"]["answers"]
    pick = verdict(Answers.model_validate(group))
    assert (doc["group"]["report"]["tied"] or [doc["group"]["report"]["recommendation"]["id"]]) == pick
    for d in doc["disagreements"]:
        given = list(d["values"].values())
        assert len({json.dumps(sorted(v) if isinstance(v, list) else v) for v in given}) > 1, "people disagree on it"
        for p in d["picks"]:
            assert (p["tied"] or [p["recommendation"]]) == rescored(group, d["question"], p["value"]), (d["question"], p["value"])
            assert p["recommendation"] == rescored(group, d["question"], p["value"])[0]
            assert all(_same(d["values"][name], p["value"]) for name in p["people"])
        assert d["matters"] == any((p["tied"] or [p["recommendation"]]) != pick for p in d["picks"]), "a tie is no win for its first"
    matters = [d["matters"] for d in doc["disagreements"]]
    assert matters == sorted(matters, reverse=True), "those that matter come first"
    agree = sum((p["tied"] or [p["recommendation"]]) == pick for p in doc["participants"])
    assert doc["agreement"] == round(agree / len(doc["participants"]), 4), "the same pick, or the same tie"


TIED = {"company_size": "midsize", "growth_stage": "mature", "business_model": "subscription", "revenue_streams": "single",
        "sales_marketing": "separate", "priorities": ["retention", "brand", "partnerships"], "sales_leader": True,
        "marketing_leader": True, "budget": "constrained"}


def test_a_team_whose_answers_tie_is_not_given_the_first_option(runner, tmp_path):
    """The group's answers tie CRO and CMO: no one 'gets CRO', and the one person whose answer
    turns the tie into a pick is a disagreement that matters, in every view."""
    files = write_team(tmp_path, {"tia": TIED, "tib": TIED, "tid": {**TIED, "company_size": "large"}})
    doc = team_json(runner, files)
    assert doc["group"]["report"]["tied"] == ["CRO", "CMO"] and doc["group"]["report"]["confidence"] == "tie"
    check_every_disagreement(doc)
    (size,) = doc["disagreements"]
    assert size["question"] == "company_size" and size["matters"] is True
    assert [(p["value"], p["recommendation"], p["tied"]) for p in size["picks"]] == [("midsize", "CRO", ["CRO", "CMO"]),
                                                                                        ("large", "CRO", [])]
    assert doc["agreement"] == round(2 / 3, 4)
    screen = invoke(runner, ["team", *files], env=ENV).stdout
    assert "2 of 3 people (67%) get CRO = CMO from their own answers" in screen
    assert "midsize (tia and tib) -> CRO = CMO; large (tid) -> CRO" in " ".join(screen.split())
    assert "CRO = CMO  tia and tib (the team's pick)" in screen and "pick unchanged" not in screen
    memo = invoke(runner, ["team", *files, "--format", "markdown"]).stdout
    assert "a tie: Chief Revenue Officer (CRO) or Chief Marketing Officer (CMO)" in memo.replace("\\", "")
    assert "get CRO = CMO from their own answers" in memo


def test_identical_files_agree_completely(runner, tmp_path):
    """A team that answered alike: agreement 1, no disagreement, the group's report is recommend's."""
    files = write_team(tmp_path, {"ana": BASE, "ben": BASE, "cho": BASE})
    doc = team_json(runner, files)
    alone = invoke(runner, ["recommend", "--answers", files[0], "--json"])
    assert doc["agreement"] == 1.0 and doc["disagreements"] == []
    assert doc["group"]["answers"] == BASE
    assert doc["group"]["report"] == json.loads(alone.stdout), "the group's report is the whole recommend --json document"
    assert [p["name"] for p in doc["participants"]] == ["ana", "ben", "cho"]
    assert {p["recommendation"] for p in doc["participants"]} == {doc["group"]["report"]["recommendation"]["id"]}
    assert doc["schema_version"] == 2


def _changes_from(base: dict) -> tuple[tuple[str, object] | None, tuple[str, object] | None]:
    """From `base`: a question (not priorities) and a value whose change alone changes the pick, and
    one whose change does not - each found by re-scoring (None where there is none)."""
    pick = recommend(Answers.model_validate(base), _kb()).recommendation.id
    found: dict[bool, tuple[str, object]] = {}
    for qid, (kind, values) in QUESTIONS.items():
        for value in ([True, False] if kind == "yes_no" else values if kind == "one" else []):
            if value != base[qid]:
                moved = recommend(Answers.model_validate({**base, qid: value}), _kb()).recommendation.id != pick
                found.setdefault(moved, (qid, value))
    return found.get(True), found.get(False)


def _team_base() -> tuple[dict, tuple[str, object], tuple[str, object]]:
    """A profile in which one answer changed moves the pick and another does not, with the two changes."""
    for base in [BASE, *random_profiles(400, seed=5)]:
        moving, still = _changes_from(base)
        if moving and still and moving[0] != still[0]:
            return base, moving, still
    raise AssertionError("no such profile in the knowledge base")


def test_a_disagreement_that_matters_and_one_that_does_not(runner, tmp_path):
    """Two of three agree on everything; the third differs on two questions: one change moves the
    pick (found and checked by re-scoring), the other does not."""
    base, (moving, to), (still, stays) = _team_base()
    files = write_team(tmp_path, {"ana": base, "ben": base, "cho": {**base, moving: to, still: stays}})
    doc = team_json(runner, files)
    assert doc["group"]["answers"] == base, "two of three: the median and the most common answer are theirs"
    by_question = {d["question"]: d for d in doc["disagreements"]}
    assert set(by_question) == {moving, still}
    assert by_question[moving]["matters"] is True and by_question[still]["matters"] is False
    assert doc["disagreements"][0]["question"] == moving, "what matters comes first"
    assert by_question[moving]["values"] == {"ana": base[moving], "ben": base[moving], "cho": to}
    assert [p["people"] for p in by_question[still]["picks"] if p["value"] == stays] == [["cho"]]
    check_every_disagreement(doc)
    pick = doc["group"]["report"]["recommendation"]["id"]
    assert doc["agreement"] == round(sum(p["recommendation"] == pick for p in doc["participants"]) / 3, 4)


@pytest.mark.parametrize("names", [
    ("small company that mainly needs sales growth", "large organisation overseeing multiple revenue streams",
     "larger organisation where a CSO reports to the CRO"),
    ("brand building is the priority", "lead generation is critical, with advanced marketing needed",
     "sales and marketing in silos", "retention and customer lifecycle"),
])
def test_a_team_whose_members_each_read_the_company_as_one_passage_describes_it(runner, tmp_path, names):
    """Each founder describes the company as one of the articles' passages (see the scenarios'
    citations); every disagreement, and whether it matters, holds up when re-scored."""
    people = {f"p{i}": SCENARIO[name][1] for i, name in enumerate(names)}
    doc = team_json(runner, write_team(tmp_path, people, ".json"))
    check_every_disagreement(doc)
    for person, answers in zip(doc["participants"], people.values()):
        own = recommend(Answers.model_validate(answers), _kb())
        assert (person["recommendation"], person["score"], person["confidence"], person["staffing"], person["tied"]) == \
            (own.recommendation.id, own.recommendation.score, own.confidence, own.recommendation.staffing, own.tied)


def test_ties_among_the_people_are_broken_by_the_stated_rules_and_listed(runner, tmp_path):
    ana = {**BASE, "company_size": "startup", "business_model": "subscription", "sales_leader": False,
           "priorities": ["brand", "retention"]}
    ben = {**BASE, "company_size": "large", "business_model": "transactional", "sales_leader": True,
           "priorities": ["alignment", "partnerships"]}
    doc = team_json(runner, write_team(tmp_path, {"ana": ana, "ben": ben}))
    group = doc["group"]["answers"]
    assert group["company_size"] == "startup", "an even count: the lower of the two middle answers"
    assert group["business_model"] == "transactional", "equally common: the first listed among the question's values"
    assert group["sales_leader"] is True, "yes before no"
    # All four named once; brand and alignment first in their lists, then the question's order.
    assert group["priorities"] == ["alignment", "brand", "retention"]
    ties = {d["question"]: d for d in doc["disagreements"] if d["tie"]}
    assert set(ties) == {"company_size", "business_model", "sales_leader", "priorities"}
    assert "lower" in ties["company_size"]["rule"] and "listed first" in ties["business_model"]["rule"]
    assert "named earlier" in ties["priorities"]["rule"]
    check_every_disagreement(doc)


def test_medians_and_priorities_without_a_tie(runner, tmp_path):
    sizes = ["small", "small", "large", "enterprise", "startup"]
    people = {f"p{i}": {**BASE, "company_size": size, "priorities": ["retention", "brand"] if i < 3 else ["brand"]}
              for i, size in enumerate(sizes)}
    doc = team_json(runner, write_team(tmp_path, people))
    assert doc["group"]["answers"]["company_size"] == "small"
    assert doc["group"]["answers"]["priorities"] == ["brand", "retention"], "by count: brand 5, retention 3"
    size = next(d for d in doc["disagreements"] if d["question"] == "company_size")
    assert size["tie"] is False and [p["value"] for p in size["picks"]] == ["startup", "small", "large", "enterprise"]
    even = {f"q{i}": {**BASE, "company_size": size} for i, size in enumerate(["small", "midsize", "midsize", "large"])}
    assert team_json(runner, write_team(tmp_path, even))["group"]["answers"]["company_size"] == "midsize"


@settings(max_examples=25, deadline=None)
@given(st.lists(answer_dicts, min_size=2, max_size=6))
def test_the_group_answers_and_disagreements_over_the_answer_space(kb, team):
    people = [(f"p{i}", f"p{i}.yaml", Answers.model_validate(a)) for i, a in enumerate(team)]
    report = decide_together(people, kb)
    doc = report.model_dump(mode="json")
    group = doc["group"]["answers"]
    assert doc["group"]["report"] == recommend(Answers.model_validate(group), kb).model_dump(mode="json")
    for qid in ORDERED_QUESTIONS:
        scale = QUESTIONS[qid][1]
        below = sum(scale.index(a[qid]) <= scale.index(group[qid]) for a in team)
        above = sum(scale.index(a[qid]) >= scale.index(group[qid]) for a in team)
        assert below * 2 >= len(team) and above * 2 >= len(team), "a median"
    named = [p for a in team for p in a["priorities"]]
    assert set(group["priorities"]) <= set(named) and len(group["priorities"]) == min(3, len(set(named)))
    assert all(named.count(p) >= named.count(q) for p in group["priorities"] for q in set(named) - set(group["priorities"]))
    differ = {qid for qid in QUESTIONS
              if len({json.dumps(sorted(a[qid]) if isinstance(a[qid], list) else a[qid]) for a in team}) > 1}
    assert {d["question"] for d in doc["disagreements"]} == differ
    for d in doc["disagreements"]:
        if d["question"] not in ("priorities", *ORDERED_QUESTIONS):
            given = list(d["values"].values())
            assert given.count(d["group"]) == max(map(given.count, given)), "the most common answer"
    check_every_disagreement(doc)


def test_memo_and_first_screen_show_the_pick_what_to_settle_and_who_stands_where(runner, tmp_path):
    base, (moving, to), (still, stays) = _team_base()
    files = write_team(tmp_path, {"ana": base, "ben": base, "cho": {**base, moving: to, still: stays}})
    doc = team_json(runner, files)
    pick = doc["group"]["report"]["recommendation"]["id"]
    screen = invoke(runner, ["team", *files], env=ENV).stdout
    lines = screen.splitlines()
    assert len(lines) <= 24 and max(map(len, lines)) <= 80
    assert "The team's pick" in screen and f"({pick})" in screen
    moved = next(d for d in doc["disagreements"] if d["matters"])
    assert "Settle first" in screen and f"{to} (cho) -> {' = '.join(rescored(base, moving, to))}" in screen
    assert "Who stands where" in screen and all(name in screen for name in ("ana", "ben", "cho"))
    assert moved["question"] == moving
    memo = invoke(runner, ["team", *files, "--format", "markdown", "--date", "2026-11-23", "--company", "Acme"]).stdout
    assert "## Where the team disagrees" in memo and "### Settle first: these change the pick" in memo
    assert "## Who stands where" in memo and "| cho |" in memo and "**Date:** 2026-11-23" in memo
    assert memo.index("## Where the team disagrees") < memo.index("## Sources")
    detail = invoke(runner, ["team", *files, "--detail", "--no-pager"], env=ENV).stdout
    assert "Where the team disagrees" in detail and "Every option, best first" in detail


def test_json_validates_against_the_published_schema(runner, tmp_path):
    files = write_team(tmp_path, {"ana": BASE, "ben": {**BASE, "budget": "constrained", "priorities": ["brand"]}})
    doc = team_json(runner, files)
    schema = json.loads(invoke(runner, ["schema", "team"]).stdout)
    assert schema["$id"].endswith(":team")
    jsonschema.validate(doc, schema)
    assert json_schema("team") == schema


@pytest.mark.parametrize("content, says", [
    ("company_size: [large\n", "ben.yaml"),
    ("{company_size: large}\n", "budget: missing"),
    ("colour: red\n", "colour: unknown key"),
    ("company_size: huge\n", "'huge' is not allowed"),
])
def test_a_bad_file_is_exit_2_naming_it(runner, tmp_path, content, says):
    ana, = write_team(tmp_path, {"ana": BASE})
    (tmp_path / "ben.yaml").write_text(content, encoding="utf-8")
    result = invoke(runner, ["team", ana, str(tmp_path / "ben.yaml"), "--json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "ben.yaml" in result.stderr and says in result.stderr and "Traceback" not in result.stderr


def test_bad_names_and_counts_are_exit_2(runner, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    ana, = write_team(tmp_path / "a", {"ana": BASE})
    other, = write_team(tmp_path / "b", {"Ana": BASE}, ".json")
    for files, says in [([ana, other], "both name"), ([ana, ana], "both name"), ([ana], "2 to 50"),
                        ([ana, "-"], "stdin"), ([ana, str(tmp_path / "nobody.yaml")], "no such file")]:
        result = invoke(runner, ["team", *files])
        assert result.exit_code == 2 and says in result.stderr, (files, result.stderr)
    assert str(tmp_path / "a" / "ana.yaml") in invoke(runner, ["team", ana, other]).stderr
    many = write_team(tmp_path, {f"p{i:02}": BASE for i in range(51)})
    result = invoke(runner, ["team", *many])
    assert result.exit_code == 2 and "got 51" in result.stderr


def test_the_output_never_overwrites_a_persons_file(runner, tmp_path):
    files = write_team(tmp_path, {"ana": BASE, "ben": BASE})
    before = (tmp_path / "ben.yaml").read_text(encoding="utf-8")
    result = invoke(runner, ["team", *files, "--output", files[1]])
    assert result.exit_code == 2 and "would overwrite" in result.stderr
    assert (tmp_path / "ben.yaml").read_text(encoding="utf-8") == before


def test_names_from_files_are_untrusted_text(runner, tmp_path):
    """A file name carrying an escape sequence or Markdown is shown, never obeyed."""
    files = write_team(tmp_path, {"\x1b[2Jeve": {**BASE, "budget": "constrained"}, "<img src=x>bob": BASE})
    screen = invoke(runner, ["team", *files], env=ENV).stdout
    assert "\x1b" not in screen and "\\x1b[2Jeve" in screen
    memo = invoke(runner, ["team", *files, "--format", "markdown"]).stdout
    assert "\\<img src=x\\>bob" in memo and memo.count("<img") == memo.count("\\<img")
    assert json.loads(invoke(runner, ["team", *files, "--json"]).stdout)["participants"][0]["name"] == "\x1b[2Jeve"


def test_fifty_people_in_a_real_run(tmp_path):
    """50 files, through the installed program: every person, every disagreement re-scored (the
benchmark times it: under a second)."""
    files = write_team(tmp_path, {f"person{i:02}": p for i, p in enumerate(random_profiles(50, seed=16))})
    result = run_script(["team", *files, "--json"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["participants"]) == 50 and doc["participants"][49]["name"] == "person49"
    check_every_disagreement(doc)
    screen = run_script(["team", *files], cwd=tmp_path, env=ENV).stdout
    assert len(screen.splitlines()) <= 24


def test_files_saved_with_another_knowledge_base_are_named_in_one_warning(runner, tmp_path):
    other = {"name": "old-rules.yaml", "sha256": "0" * 64}
    files = write_team(tmp_path, {"ana": {**BASE, "knowledge": other}, "ben": {**BASE, "knowledge": other}, "cho": BASE})
    result = invoke(runner, ["team", *files, "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["agreement"] == 1.0
    warning, = result.stderr.splitlines()
    assert warning.startswith("Warning: ") and "ana.yaml" in warning and "ben.yaml" in warning and "cho.yaml" not in warning


def test_output_to_a_file(runner, tmp_path):
    files = write_team(tmp_path, {"ana": BASE, "ben": {**BASE, "budget": "constrained"}})
    memo = tmp_path / "memo.md"
    result = invoke(runner, ["team", *files, "--format", "markdown", "--output", str(memo), "--date", "2026-11-23"])
    assert result.exit_code == 0 and result.stdout == "" and str(memo) in result.stderr
    assert memo.read_text(encoding="utf-8") == invoke(runner, ["team", *files, "--format", "markdown", "--date", "2026-11-23"]).stdout


def test_scripted_team_and_path_import_no_terminal_library(tmp_path):
    import subprocess
    import sys

    from conftest import flags_for
    from test_subprocess import SPY

    files = write_team(tmp_path, {"ana": BASE, "ben": {**BASE, "budget": "constrained"}})
    for args in (["team", *files, "--json"], ["path", *flags_for(BASE), "--json"]):
        result = subprocess.run([sys.executable, "-c", SPY, *args], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                                stdin=subprocess.DEVNULL)
        assert result.returncode == 0
        loaded = {m.split(".")[0] for m in result.stderr.split()}
        assert "execadvisor" in loaded and not loaded & {"questionary", "prompt_toolkit", "rich", "pygments"}, args
