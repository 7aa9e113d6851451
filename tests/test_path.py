"""`execadvisor path`: the pick at every value of an ordered question (or a grid of two), each step
equal to what `recommend` gives for its answers, and where the pick changes."""

from __future__ import annotations

import json
from itertools import product

import jsonschema
import pytest
from conftest import flags_for, invoke
from hypothesis import given, settings
from hypothesis import strategies as st
from scenarios import BASE, SCENARIOS
from strategies import answers

from execadvisor.core.contract import ORDERED_QUESTIONS, QUESTIONS, Answers
from execadvisor.core.growth import growth_path
from execadvisor.views.markdown import render_markdown
from execadvisor.views.path import growth_lines
from execadvisor.core.scoring import recommend

ENV = {"NO_COLOR": "1", "COLUMNS": "80"}
# 000 'Company size and growth stage': "smaller companies might need a CSO ... larger organisations may
# require a CRO to oversee multiple revenue streams" - a company with many streams, as it grows.
GROWING = next(answers for name, _, answers, _ in SCENARIOS if name == "large organisation overseeing multiple revenue streams")


def path_json(runner, *args: str) -> dict:
    result = invoke(runner, ["path", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def without(answers: dict, *questions: str) -> dict:
    return {q: v for q, v in answers.items() if q not in questions}


def step_fields(doc: dict) -> tuple:
    """What a step says, taken from a whole recommend --json document."""
    return (doc["recommendation"]["id"], doc["recommendation"]["score"], doc["confidence"], doc["tied"],
            doc["recommendation"]["staffing"])


def expected_changes(steps: list[dict], vary: list[str]) -> list[dict]:
    """Where neighbouring steps' picks differ, worked out here from the steps alone: a tie is a pick
    of its own, not a win for the option listed first."""
    pick = {tuple(s["answers"][q] for q in vary): (s["recommendation"], s["tied"]) for s in steps}
    found = []
    for axis, question in enumerate(vary):
        scale = QUESTIONS[question][1]
        others = [QUESTIONS[q][1] if i != axis else (None,) for i, q in enumerate(vary)]
        for fixed in product(*others):
            at = {vary[i]: fixed[i] for i in range(len(vary)) if i != axis}
            for low, high in zip(scale, scale[1:]):
                key = [low if i == axis else fixed[i] for i in range(len(vary))]
                before = pick[tuple(key)]
                key[axis] = high
                after = pick[tuple(key)]
                if (before[1] or [before[0]]) != (after[1] or [after[0]]):
                    found.append({"question": question, "at": at, "from": low, "to": high,
                                  "recommendation": [before[0], after[0]], "tied": [before[1], after[1]]})
    return found


def test_every_step_is_what_recommend_gives(runner):
    """Along company size (the default), each step is the CLI's own recommend --json for its answers."""
    doc = path_json(runner, *flags_for(without(GROWING, "company_size")))
    assert doc["vary"] == ["company_size"] and doc["today"] == {"company_size": None}
    assert [s["answers"]["company_size"] for s in doc["steps"]] == list(QUESTIONS["company_size"][1])
    for step in doc["steps"]:
        assert without(step["answers"], "company_size") == without(GROWING, "company_size"), "the other answers are held"
        alone = invoke(runner, ["recommend", *flags_for(step["answers"]), "--json"])
        assert (step["recommendation"], step["score"], step["confidence"], step["tied"], step["staffing"]) == \
            step_fields(json.loads(alone.stdout))
    assert doc["changes"] == expected_changes(doc["steps"], ["company_size"])
    assert doc["schema_version"] == 2 and doc["knowledge"]["name"] == "built-in"


def test_where_the_pick_changes_as_the_company_grows(runner):
    """A profile (found here by re-scoring) whose pick differs between a startup and an enterprise:
    the path names every change, and the row marks today's size."""
    def pick(answers: dict, size: str) -> str:
        return recommend(Answers.model_validate({**answers, "company_size": size}), _kb()).recommendation.id

    profile = next(a for _, _, a, _ in SCENARIOS if pick(a, "startup") != pick(a, "enterprise"))
    doc = path_json(runner, *flags_for(profile))
    assert doc["changes"] and doc["changes"] == expected_changes(doc["steps"], ["company_size"])
    assert doc["today"] == {"company_size": profile["company_size"]}
    screen = invoke(runner, ["path", *flags_for(profile)], env=ENV).stdout
    assert f"{profile['company_size']}*" in screen and "* today's answers" in screen
    for change in doc["changes"]:
        picks = [" = ".join(tied) if tied else pick for pick, tied in zip(change["recommendation"], change["tied"])]
        assert f"Company size {change['from']} -> {change['to']}: {' -> '.join(picks)}" in screen
    assert max(len(line) for line in screen.splitlines()) <= 80


def _kb():
    from execadvisor.core.knowledge import builtin_knowledge

    return builtin_knowledge()


TIED_AT_MIDSIZE = {"company_size": "midsize", "growth_stage": "mature", "business_model": "subscription", "revenue_streams": "single",
                   "sales_marketing": "separate", "priorities": ["retention", "brand", "partnerships"], "sales_leader": True,
                   "marketing_leader": True, "budget": "constrained"}


def test_a_change_to_a_tie_and_out_of_it_is_a_change(runner):
    """A tie is no win for the option listed first: CMO at a small company, a CRO = CMO tie at a
    midsize one and a CRO at a large one are two changes, said as such in every view."""
    verdicts = {size: recommend(Answers.model_validate({**TIED_AT_MIDSIZE, "company_size": size}), _kb())
                for size in ("small", "midsize", "large")}
    assert verdicts["midsize"].tied == ["CRO", "CMO"], "the profile still ties at midsize"
    assert (verdicts["small"].recommendation.id, verdicts["large"].recommendation.id) == ("CMO", "CRO")
    assert not verdicts["small"].tied and not verdicts["large"].tied
    doc = path_json(runner, *flags_for(TIED_AT_MIDSIZE))
    said = {(c["from"], c["to"]): c for c in doc["changes"]}
    assert said[("small", "midsize")]["tied"] == [[], ["CRO", "CMO"]]
    assert said[("midsize", "large")]["tied"] == [["CRO", "CMO"], []]
    screen = invoke(runner, ["path", *flags_for(TIED_AT_MIDSIZE)], env=ENV).stdout
    assert "Company size small -> midsize: CMO -> CRO = CMO" in screen and "Company size midsize -> large: CRO = CMO -> CRO" in screen
    memo = invoke(runner, ["path", *flags_for(TIED_AT_MIDSIZE), "--format", "markdown"]).stdout
    assert "Company size midsize -\\> large: CRO = CMO -\\> CRO" in memo
    assert "| **a tie: Chief Revenue Officer (CRO) or Chief Marketing Officer (CMO)** |" in memo, "today's step, a tie"


def test_a_two_question_grid(runner, kb):
    doc = path_json(runner, *flags_for(GROWING), "--vary", "growth-stage", "--vary", "revenue_streams")
    assert doc["vary"] == ["growth_stage", "revenue_streams"]
    assert doc["today"] == {"growth_stage": GROWING["growth_stage"], "revenue_streams": GROWING["revenue_streams"]}
    grid = list(product(QUESTIONS["growth_stage"][1], QUESTIONS["revenue_streams"][1]))
    assert [(s["answers"]["growth_stage"], s["answers"]["revenue_streams"]) for s in doc["steps"]] == grid, "row by row"
    for step in doc["steps"]:
        report = recommend(Answers.model_validate(step["answers"]), kb)
        assert (step["recommendation"], step["score"], step["confidence"], step["tied"], step["staffing"]) == \
            step_fields(report.model_dump(mode="json"))
    assert doc["changes"] == expected_changes(doc["steps"], doc["vary"])
    screen = invoke(runner, ["path", *flags_for(GROWING), "--vary", "growth-stage", "--vary", "revenue_streams"], env=ENV).stdout
    assert "(rows)" in screen and "(columns)" in screen
    assert sum("*" in line for line in screen.splitlines()) == 2, "today's cell and the legend"
    memo = invoke(runner, ["path", *flags_for(GROWING), "--vary", "growth-stage", "--vary", "revenue_streams",
                           "--format", "markdown", "--date", "2026-11-23"]).stdout
    assert "## As the company grows" in memo and "| Growth stage | single | few | many |" in memo


@pytest.mark.parametrize("vary, says", [
    (["business-model"], "--vary business-model: a question whose values have no order; allowed: company_size, "
                         "growth_stage, revenue_streams"),
    (["priorities"], "no order"),
    (["headcount"], "not a question"),
    (["company_size", "company-size"], "given twice"),
    (["company_size", "growth_stage", "revenue_streams"], "at most two"),
])
def test_a_question_without_an_ordered_scale_is_refused(runner, vary, says):
    result = invoke(runner, ["path", *flags_for(BASE), *(w for v in vary for w in ("--vary", v))])
    assert result.exit_code == 2 and says in result.stderr and result.stdout == ""


def test_path_never_asks_and_names_the_missing_flags(runner):
    result = invoke(runner, ["path", *flags_for(without(BASE, "budget", "company_size"))], input="")
    assert result.exit_code == 2
    assert "--budget" in result.stderr and "--company-size" not in result.stderr, "the varied question needs no answer"


def test_answers_from_a_file_and_flags_layered_as_for_recommend(runner, tmp_path):
    saved = tmp_path / "today.yaml"
    assert invoke(runner, ["recommend", *flags_for(GROWING), "--save-answers", str(saved), "--json"]).exit_code == 0
    doc = path_json(runner, "--answers", str(saved), "--budget", "constrained", "--vary", "growth_stage")
    assert {s["answers"]["budget"] for s in doc["steps"]} == {"constrained"}, "a flag wins over the file"
    assert doc["today"] == {"growth_stage": GROWING["growth_stage"]}


def test_json_validates_against_the_published_schema(runner):
    doc = path_json(runner, *flags_for(BASE), "--vary", "company_size", "--vary", "revenue_streams")
    schema = json.loads(invoke(runner, ["schema", "path"]).stdout)
    jsonschema.validate(doc, schema)
    assert schema["$id"].endswith(":path") and set(schema["$defs"]["PathChange"]["properties"]) >= {"from", "to"}


def test_the_recommend_memo_can_carry_as_the_company_grows(kb):
    """The section is lines for render_markdown's `more`: after what would change the pick."""
    report = recommend(Answers.model_validate(GROWING), kb)
    memo = render_markdown(report, kb, date="2026-11-23", more=growth_lines(growth_path(GROWING, [], kb), kb))
    assert memo.index("## What would change the pick") < memo.index("## As the company grows") < memo.index("## Sources")
    today = next(line for line in memo.splitlines() if line.startswith(f"| **{GROWING['company_size']}**"))
    assert f"**{GROWING['company_size']}**" in today and "today's in bold" in memo
    assert render_markdown(report, kb, date="2026-11-23") == render_markdown(report, kb, date="2026-11-23", more=[])


@settings(max_examples=20, deadline=None)
@given(answers, st.lists(st.sampled_from(ORDERED_QUESTIONS), min_size=1, max_size=2, unique=True))
def test_every_step_equals_recommend_over_the_answer_space(kb, a, vary):
    path = growth_path(a, vary, kb)
    doc = path.model_dump(mode="json")
    assert len(doc["steps"]) == len(list(product(*(QUESTIONS[q][1] for q in vary))))
    for step in path.steps:
        report = recommend(step.answers, kb)
        assert (step.recommendation, step.score, step.confidence, step.tied, step.staffing) == \
            (report.recommendation.id, report.recommendation.score, report.confidence, report.tied, report.recommendation.staffing)
        assert without(step.answers.as_plain(), *vary) == without(a.as_plain(), *vary)
    assert doc["changes"] == expected_changes(doc["steps"], vary)
    assert doc["today"] == {q: a.as_plain()[q] for q in vary}


@pytest.mark.parametrize("command", ["team", "path"])
def test_help_with_an_example(runner, command):
    text = invoke(runner, [command, "--help"], env={**ENV, "COLUMNS": "200"}).stdout
    assert "Example" in text and "--format" in text and "--output" in text
    if command == "path":
        assert "--vary" in text and "--company-size" in text and "--answers" in text
