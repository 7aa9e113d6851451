"""The command-line contract through typer's CliRunner: flags, values, JSON keys, exit codes."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import ALL_QUESTIONS, flags_for, full_flags, invoke
from scenarios import BASE

from execadvisor.version import __version__

ENV = {"NO_COLOR": "1", "COLUMNS": "80"}


def recommend_json(runner, *args):
    result = invoke(runner, ["recommend", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_version(runner):
    result = invoke(runner, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"execadvisor {__version__}"


@pytest.mark.parametrize("command", [[], ["recommend"], ["roles"], ["questions"], ["compare"], ["schema"],
                                     ["rules"], ["rules", "export"], ["rules", "validate"]])
def test_help_everywhere_with_an_example(runner, command):
    result = invoke(runner, [*command, "--help"], env=ENV)
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    if command not in ([], ["rules"]):
        assert "Example" in result.stdout


def test_recommend_help_lists_every_flag_and_value(runner):
    text = invoke(runner, ["recommend", "--help"], env={**ENV, "COLUMNS": "200"}).stdout
    for flag in ["--company-size", "--growth-stage", "--business-model", "--revenue-streams", "--sales-marketing",
                 "--priority", "--sales-leader", "--no-sales-leader", "--marketing-leader", "--no-marketing-leader",
                 "--budget", "--answers", "--json", "--format", "--output", "--save-answers", "--rules"]:
        assert flag in text
    for value in ["startup", "enterprise", "subscription", "siloed", "customer-experience", "constrained"]:
        assert value in text


def test_json_document_has_the_contract_keys(runner):
    doc = recommend_json(runner, *full_flags(company_size="large", revenue_streams="many"))
    assert set(doc) >= {"recommendation", "ranking", "rationale", "alternatives", "answers", "version", "what_if",
                        "margin", "confidence"}
    assert set(doc["recommendation"]) >= {"id", "roles", "title", "score"}
    assert doc["ranking"][0]["id"] == doc["recommendation"]["id"]
    assert len(doc["ranking"]) == 7 and all(set(r) >= {"id", "roles", "score"} for r in doc["ranking"])
    assert all(set(c) >= {"question", "answer", "option", "effect", "reason", "source"} for c in doc["rationale"])
    assert doc["answers"] == {**BASE, "company_size": "large", "revenue_streams": "many"}
    assert doc["version"] == __version__
    assert doc["confidence"] in ("clear", "close-call")


def test_json_is_byte_identical_for_identical_answers(runner):
    args = full_flags(priorities=["retention", "brand"])
    first = invoke(runner, ["recommend", *args, "--json"]).stdout
    again = invoke(runner, ["recommend", *args, "--json"]).stdout
    reordered = invoke(runner, ["recommend", *full_flags(priorities=["brand", "retention"]), "--json"]).stdout
    assert first == again
    one, other = json.loads(first), json.loads(reordered)
    assert one["answers"]["priorities"] == ["retention", "brand"] and other["answers"]["priorities"] == ["brand", "retention"]
    for key in ("recommendation", "ranking", "margin", "confidence", "robustness", "what_if", "hire"):
        assert one[key] == other[key], f"{key} does not depend on the order priorities were given in"


def test_json_stdout_holds_only_the_document(runner):
    result = invoke(runner, ["recommend", *full_flags(budget="constrained"), "--json"])
    json.loads(result.stdout)
    assert result.stdout.strip().startswith("{") and result.stdout.strip().endswith("}")


def test_format_json_equals_json_flag(runner):
    args = ["recommend", *full_flags()]
    assert invoke(runner, [*args, "--json"]).stdout == invoke(runner, [*args, "--format", "json"]).stdout


def test_json_and_another_format_conflict(runner):
    result = invoke(runner, ["recommend", *full_flags(), "--json", "--format", "markdown"])
    assert result.exit_code == 2 and "disagree" in result.stderr


@pytest.mark.parametrize("missing", ALL_QUESTIONS)
def test_missing_answer_without_terminal_lists_the_flag(runner, missing):
    answers = {k: v for k, v in BASE.items() if k != missing}
    result = invoke(runner, ["recommend", *flags_for(answers), "--json"], input="")
    assert result.exit_code == 2
    flag = "--priority" if missing == "priorities" else "--" + missing.replace("_", "-")
    assert flag in result.stderr and "no terminal" in result.stderr
    assert result.stdout == ""


def test_no_answers_at_all_lists_every_flag(runner):
    result = invoke(runner, ["recommend"], input="")
    assert result.exit_code == 2
    for flag in ["--company-size", "--growth-stage", "--business-model", "--revenue-streams", "--sales-marketing",
                 "--priority", "--sales-leader", "--marketing-leader", "--budget"]:
        assert flag in result.stderr


@pytest.mark.parametrize(
    ("flag", "value", "allowed"),
    [("--company-size", "huge", "enterprise"), ("--growth-stage", "teen", "mature"), ("--business-model", "barter", "hybrid"),
     ("--revenue-streams", "lots", "many"), ("--sales-marketing", "merged", "siloed"), ("--priority", "world-domination", "partnerships"),
     ("--budget", "unlimited", "constrained"), ("--format", "pdf", "markdown")],
)
def test_unknown_value_exits_2_naming_allowed_values(runner, flag, value, allowed):
    result = invoke(runner, ["recommend", flag, value], env=ENV)
    assert result.exit_code == 2
    assert value in result.stderr and allowed in result.stderr


@pytest.mark.parametrize(("priorities", "problem"), [(["brand"] * 2, "only once"), (["brand", "retention", "alignment", "partnerships"], "at most 3")])
def test_bad_priority_sets(runner, priorities, problem):
    result = invoke(runner, ["recommend", *full_flags(priorities=priorities)])
    assert result.exit_code == 2 and "--priority" in result.stderr and problem in result.stderr


def test_answers_file_flags_override_and_kebab_keys(runner, tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("company-size: enterprise\ngrowth_stage: mature\nbusiness-model: subscription\nrevenue-streams: many\n"
                    "sales-marketing: siloed\npriorities: [alignment]\nsales-leader: yes\nmarketing-leader: true\nbudget: full-time\n",
                    encoding="utf-8")
    doc = recommend_json(runner, "--answers", str(path), "--company-size", "small", "--no-sales-leader")
    assert doc["answers"]["company_size"] == "small" and doc["answers"]["sales_leader"] is False
    assert doc["answers"]["growth_stage"] == "mature" and doc["answers"]["priorities"] == ["alignment"]


def test_answers_file_may_be_partial_with_the_rest_as_flags(runner, tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"company_size": "large", "priorities": "retention"}), encoding="utf-8")
    answers = {k: v for k, v in BASE.items() if k not in ("company_size", "priorities")}
    doc = recommend_json(runner, "--answers", str(path), *flags_for(answers))
    assert doc["answers"]["company_size"] == "large" and doc["answers"]["priorities"] == ["retention"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [("company-size: huge\n", "company_size: 'huge' is not allowed"), ("colour: red\n", "colour: unknown key"),
     ("- a\n- b\n", "expected a mapping"), ("", "empty"), ("a: [\n", "not valid YAML"),
     ("sales_leader: maybe\n", "sales_leader: 'maybe' is not allowed"),
     ("company_size: large\ncompany-size: small\n", "given twice")],
)
def test_bad_answers_file_names_file_and_key(runner, tmp_path, content, problem):
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    result = invoke(runner, ["recommend", "--answers", str(path), *full_flags()])
    assert result.exit_code == 2
    assert str(path) in result.stderr and problem in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_answers_file(runner, tmp_path):
    result = invoke(runner, ["recommend", "--answers", str(tmp_path / "nope.yaml"), *full_flags()])
    assert result.exit_code == 2 and "no such file" in result.stderr


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_save_answers_repeats_the_run_exactly(runner, tmp_path, suffix):
    saved = tmp_path / f"saved{suffix}"
    args = full_flags(company_size="enterprise", priorities=["brand", "alignment"], sales_leader=True)
    first = invoke(runner, ["recommend", *args, "--json", "--save-answers", str(saved)])
    assert first.exit_code == 0 and saved.exists()
    again = invoke(runner, ["recommend", "--answers", str(saved), "--json"])
    assert again.exit_code == 0 and again.stdout == first.stdout


def test_output_file_and_formats(runner, tmp_path):
    for fmt, marker in [("json", '"recommendation"'), ("markdown", "# Memo: who should lead our revenue?"), ("table", "Recommendation")]:
        out = tmp_path / f"report.{fmt}"
        result = invoke(runner, ["recommend", *full_flags(), "--format", fmt, "--output", str(out)])
        assert result.exit_code == 0 and result.stdout == ""
        text = out.read_text(encoding="utf-8")
        assert marker in text
        assert "\x1b[" not in text, "files never get terminal colour codes"


def test_output_never_clobbered_on_error(runner, tmp_path):
    out = tmp_path / "report.md"
    out.write_text("the board's copy\n", encoding="utf-8")
    result = invoke(runner, ["recommend", "--company-size", "large", "--output", str(out)], input="")
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "the board's copy\n"
    assert list(tmp_path.iterdir()) == [out], "no temporary file left behind"


def test_markdown_memo_sections(runner, kb):
    text = invoke(runner, ["recommend", *full_flags(budget="constrained", marketing_leader=False, company_size="small",
                                                    priorities=["brand"]), "--format", "markdown"]).stdout
    for heading in ["## Recommendation", "## Our situation", "## Ranking", "## Why", "## What would change the pick",
                    "would own", "**KPIs**", "**Reporting lines**", "## Budget", "## Alternatives", "## Sources", "**How sure:**"]:
        assert heading in text
    assert "003_ea8b8b9421cb1737.txt" in text
    assert "(advisor's own guidance)" in text, "guidance no article gives is marked as the advisor's own"


def test_table_view_cites_a_source_for_every_reason(runner, kb):
    from execadvisor.core.scoring import recommend
    from conftest import answers_of

    result = invoke(runner, ["recommend", *full_flags(), "--detail"], env={**ENV, "COLUMNS": "400"})
    assert result.exit_code == 0
    report = recommend(answers_of(), kb)
    best = [c for c in report.rationale if c.option == report.recommendation.id]
    assert best
    lines = result.stdout.splitlines()
    for c in best:
        assert any(c.reason in line and f'{c.source[:3]}: "{c.section}"' in line for line in lines), c.reason
    for heading in ["Recommendation", "Every option, best first", "KPIs", "Reports to", "Hire for", "Sources", "Holds in"]:
        assert heading in result.stdout
    for s in report.sources:
        assert any(line.startswith(f"{s.file[:3]}  {s.file}") for line in lines), "the sources list maps each number to its file"


def test_table_view_fits_80_columns(runner):
    result = invoke(runner, ["recommend", *full_flags(company_size="enterprise", revenue_streams="many"), "--detail"], env=ENV)
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_interactive_asks_only_what_is_missing(runner, monkeypatch):
    import execadvisor.session as session

    asked: list[list[str]] = []

    def fake_ask(kb, missing, **options):
        asked.append(missing)
        return session.Asked({qid: BASE[qid] for qid in missing})

    monkeypatch.setattr(session, "ask_questions", fake_ask)
    monkeypatch.setattr("execadvisor.cli.run.stdin_is_terminal", lambda: True)
    partial = {k: v for k, v in BASE.items() if k not in ("growth_stage", "priorities", "budget")}
    result = invoke(runner, ["recommend", *flags_for(partial), "--json"])
    assert result.exit_code == 0, result.stderr
    assert asked == [["growth_stage", "priorities", "budget"]]
    assert json.loads(result.stdout)["answers"] == BASE


def test_every_prompt_shares_one_set_of_default_key_bindings(kb):
    """prompt_toolkit's ~600 default key bindings are built for the first prompt of a run, not for
    each of the three Applications questionary makes per prompt (prompts.default_key_bindings_built_once
    says why that is safe; the pseudo-terminal tests drive every kind of prompt with them shared)."""
    from prompt_toolkit.output import DummyOutput

    from execadvisor.session.keys import default_key_bindings_built_once
    from execadvisor.session.prompts import build_question

    default_key_bindings_built_once()
    built = [build_question(kb.question(qid), "?", DummyOutput(), None, can_go_back=True)[0]
             for qid in ("company_size", "priorities", "sales_leader")]
    defaults = {id(prompt.application._default_bindings) for prompt in built}
    assert len(defaults) == 1
    assert len(built[0].application._default_bindings.bindings) > 100  # the real defaults, not an empty set


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, EOFError])
def test_cancelled_questionnaire_exits_130(runner, monkeypatch, interrupt):
    import execadvisor.session as session

    def cancel(kb, missing, **options):
        raise interrupt

    monkeypatch.setattr(session, "ask_questions", cancel)
    monkeypatch.setattr("execadvisor.cli.run.stdin_is_terminal", lambda: True)
    result = invoke(runner, ["recommend", "--company-size", "large"])
    assert result.exit_code == 130
    assert result.stderr.strip() == "Aborted."


def test_roles_one_line_each(runner, kb):
    result = invoke(runner, ["roles"], env=ENV)
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == len(kb.roles) + 1, "one line per role, then the options line"
    for role, line in zip(kb.roles, lines):
        assert line.startswith(role.id + " ") and role.name in line and len(line) <= 80


def test_role_detail_and_aliases(runner):
    result = invoke(runner, ["roles", "cro"], env={**ENV, "COLUMNS": "120"})
    assert result.exit_code == 0
    for section in ["Scope", "Responsibilities", "KPIs", "Reporting lines", "Background to hire for", "Challenges",
                    "Choose it when", "Revisit when", "Sources", "VP of Customer Success", "Net revenue retention",
                    '000: "Reporting Structures under a CRO"']:
        assert section in result.stdout
    assert "├──" in result.stdout or "└──" in result.stdout, "reporting lines are drawn as a tree"
    alias = invoke(runner, ["roles", "chief-customer-officer", "--json"])
    assert json.loads(alias.stdout)["id"] == "CCXO"


def test_unknown_role(runner):
    result = invoke(runner, ["roles", "CFO"])
    assert result.exit_code == 2 and "CFO" in result.stderr and "CSO, CRO, CMO, CCO, CCXO" in result.stderr


def test_compare(runner):
    result = invoke(runner, ["compare", "CSO", "CRO", "CMO"], env={**ENV, "COLUMNS": "160"})
    assert result.exit_code == 0
    for text in ["Chief Sales Officer", "Chief Revenue Officer", "Chief Marketing Officer", "KPIs", "Background to hire for"]:
        assert text in result.stdout
    assert invoke(runner, ["compare", "CSO"]).exit_code == 2
    assert invoke(runner, ["compare", "CSO", "nobody"]).exit_code == 2


def test_questions_json(runner):
    document = json.loads(invoke(runner, ["questions", "--json"]).stdout)
    assert document["schema_version"] == 2
    listing = document["questions"]
    assert [q["id"] for q in listing] == ALL_QUESTIONS
    by_id = {q["id"]: q for q in listing}
    assert by_id["priorities"]["flag"] == "--priority" and by_id["priorities"]["max_choices"] == 3
    assert by_id["sales_leader"]["flag"] == "--sales-leader / --no-sales-leader"
    assert [v["value"] for v in by_id["company_size"]["values"]] == ["startup", "small", "midsize", "large", "enterprise"]
    assert "20" in by_id["company_size"]["values"][0]["label"]
    table = invoke(runner, ["questions"], env={**ENV, "COLUMNS": "120"})
    assert table.exit_code == 0 and "--revenue-streams" in table.stdout


def test_schema_validates_real_output(runner):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(invoke(runner, ["schema"]).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    for changes in [{}, {"budget": "constrained"}, {"company_size": "enterprise", "priorities": ["brand", "alignment"]}]:
        doc = recommend_json(runner, *full_flags(**changes))
        jsonschema.validate(doc, schema)
    broken = recommend_json(runner, *full_flags())
    broken["confidence"] = "certain"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_every_document_has_a_versioned_schema_that_validates_it(runner):
    jsonschema = pytest.importorskip("jsonschema")
    from scenarios import BASE

    lines = json.dumps({**BASE, "id": "a"}) + "\n" + json.dumps({"x": 1}) + "\n"
    documents = {
        "recommend": [recommend_json(runner, *full_flags())],
        "batch": [json.loads(line) for args in (["batch", "-"], ["batch", "-", "--full"])
                  for line in invoke(runner, args, input=lines).stdout.splitlines()],
        "questions": [json.loads(invoke(runner, ["questions", "--json"]).stdout)],
        "roles": [json.loads(invoke(runner, ["roles", "--json"]).stdout)],
        "role": [json.loads(invoke(runner, ["roles", role, "--json"]).stdout) for role in ("CSO", "CCXO")],
    }
    for subject, docs in documents.items():
        schema = json.loads(invoke(runner, ["schema", subject]).stdout)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"urn:execadvisor:schema:2:{subject}"
        jsonschema.Draft202012Validator.check_schema(schema)
        for doc in docs:
            assert doc["schema_version"] == 2, subject
            jsonschema.validate(doc, schema)
    full = [d for d in documents["batch"] if "ranking" in d and "rationale" in d]
    assert full, "batch --full lines validate against the recommend schema too"
    for doc in full:
        jsonschema.validate(doc, json.loads(invoke(runner, ["schema", "recommend"]).stdout))


def test_why_charts_any_option(runner, kb):
    args = ["recommend", *full_flags(business_model="transactional")]
    def charts(text: str) -> int:
        return sum(line.startswith("Why ") for line in text.splitlines())

    plain = invoke(runner, [*args, "--detail"], env={**ENV, "COLUMNS": "120"}).stdout
    assert charts(plain) == 1
    one = invoke(runner, [*args, "--why", "cro"], env={**ENV, "COLUMNS": "120"}).stdout
    assert "Why Chief Revenue Officer (CRO) - starts at" in one and charts(one) == 2
    every = invoke(runner, [*args, "--why", "all"], env={**ENV, "COLUMNS": "120"}).stdout
    assert charts(every) == len(kb.options)
    memo = invoke(runner, [*args, "--why", "CCO", "--format", "markdown"]).stdout
    assert "## Why Chief Commercial Officer (CCO)" in memo
    bad = invoke(runner, [*args, "--why", "CFO"])
    assert bad.exit_code == 2 and "CRO+CMO" in bad.stderr and "all" in bad.stderr


def test_why_chart_matches_the_json_numbers(runner, kb):
    args = ["recommend", *full_flags(company_size="enterprise", priorities=["brand", "alignment"])]
    doc = json.loads(invoke(runner, [*args, "--json"]).stdout)
    text = invoke(runner, [*args, "--why", "CSO"], env={**ENV, "COLUMNS": "200"}).stdout
    for c in (c for c in doc["rationale"] if c["option"] == "CSO"):
        assert f"{c['effect']:+.1f}" in text


def test_values_are_case_insensitive_and_near_misses_suggested(runner, tmp_path):
    upper = invoke(runner, ["recommend", *full_flags(company_size="Large", priorities=["Brand"]), "--json"])
    assert upper.exit_code == 0 and json.loads(upper.stdout)["answers"]["company_size"] == "large"
    typo = invoke(runner, ["recommend", *full_flags(company_size="larg")])
    assert typo.exit_code == 2 and "did you mean 'large'?" in typo.stderr and "--company-size" in typo.stderr
    path = tmp_path / "a.yaml"
    path.write_text("budget: Full-Time\ngrowth_stage: scalling\n", encoding="utf-8")
    from_file = invoke(runner, ["recommend", "--answers", str(path)])
    assert from_file.exit_code == 2 and "did you mean 'scaling'?" in from_file.stderr and "budget" not in from_file.stderr


def test_batch_echoes_ids(runner):
    from scenarios import BASE

    lines = "\n".join(json.dumps({**BASE, "id": i}) for i in ("a-1", 2)) + "\n" + json.dumps({"id": "x", "colour": 1}) + "\n"
    out = [json.loads(line) for line in invoke(runner, ["batch", "-"], input=lines).stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a-1", 2, "x"] and "error" in out[2]
    full = json.loads(invoke(runner, ["batch", "-", "--full"], input=json.dumps({**BASE, "id": 9}) + "\n").stdout)
    assert full["id"] == 9 and full["line"] == 1


def test_board_memo_reads_as_a_memo_and_repeats_word_for_word(runner):
    args = ["recommend", *full_flags(company_size="enterprise", revenue_streams="many", sales_marketing="siloed",
                                     priorities=["brand", "lead-generation", "alignment"], sales_leader=True,
                                     marketing_leader=False), "--format", "markdown", "--company", "Acme Ltd", "--date", "2026-11-23"]
    memo = invoke(runner, args).stdout
    assert memo == invoke(runner, args).stdout, "identical inputs and date give identical text"
    assert memo.startswith("# Memo: who should lead Acme Ltd's revenue?")
    assert "**Date:** 2026-11-23" in memo and "**How sure:**" in memo
    assert "| Which growth stage is the company in? | Scaling - growing fast on what works |" in memo, "answers in words"
    assert "## How it is organised" in memo and "**For**" in memo
    reasons = {c["reason"] for c in recommend_json(runner, *args[1:-6])["rationale"]}
    assert reasons and all(memo.count(reason) <= 1 for reason in reasons), "no reason is repeated"
    assert '  - "Reporting Structures under a CRO"' in memo, "the sources list the sections cited"
    bad = invoke(runner, ["recommend", *full_flags(), "--format", "markdown", "--date", "2026-13-01"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.stderr


def test_no_input_never_asks_even_in_a_terminal(runner, monkeypatch):
    import execadvisor.session as session

    def must_not_ask(kb, missing, **options):
        raise AssertionError("asked despite --no-input")

    monkeypatch.setattr(session, "ask_questions", must_not_ask)
    monkeypatch.setattr("execadvisor.cli.run.stdin_is_terminal", lambda: True)
    result = invoke(runner, ["recommend", "--company-size", "large", "--no-input"])
    assert result.exit_code == 2 and "--no-input given" in result.stderr and "--growth-stage" in result.stderr


def test_the_first_screen_fits_24_lines_at_80_columns(kb):
    """The default table view: the pick, how sure, the top reasons with sources, what would change
    it and the next step, within 24 lines at 80 columns, over a sample of the answer space."""
    import io

    from rich.console import Console

    from execadvisor.core.contract import Answers
    from execadvisor.core.scoring import recommend
    from execadvisor.views.terminal import render_summary

    from conftest import random_profiles

    for profile in random_profiles(300, seed=5):
        report = recommend(Answers.model_validate(profile), kb)
        buffer = io.StringIO()
        render_summary(report, kb, Console(file=buffer, width=80, no_color=True, force_terminal=False))
        text = buffer.getvalue()
        assert text.count("\n") <= 24, text
        assert "Holds in" in text or "reasonable weightings" in text
        assert "What would change it" in text and "--detail" in text
        if report.confidence != "tie":
            assert kb.option(report.recommendation.id).title in text
        else:
            heard = [t for t in report.tied if any(c.option == t and c.effect > 0 for c in report.rationale)]
            # a pair's case is heard through its members' cases: "CRO+CMO, CMO's case: ..."
            assert all(f"{t}: " in text or f"{t}, " in text for t in heard[:2]), "in a tie, each case is heard on the first screen"


@pytest.mark.parametrize("budget", ["full-time", "constrained"])
def test_a_filled_seat_reads_the_same_in_every_view(runner, budget):
    """000 "Current organizational structure": with strong sales leadership in place, no view tells
    the founder plainly to hire a CSO; the first screen, the full case and the memo all name the
    leader already there, and the headline words agree with `staffing` and `existing` in the JSON."""
    args = full_flags(company_size="small", growth_stage="early", business_model="transactional", revenue_streams="single",
                      sales_marketing="separate", priorities=["scale-sales"], sales_leader=True, marketing_leader=True, budget=budget)
    doc = recommend_json(runner, *args)
    rec = doc["recommendation"]
    assert rec["id"] == "CSO" and rec["existing"] == ["CSO"]
    assert (rec["staffing"] == "full-time") == (budget == "full-time")
    said = "unless a leader you already have takes the CSO seat"
    first = invoke(runner, ["recommend", *args], env={**ENV, "COLUMNS": "200"}).stdout
    detail = invoke(runner, ["recommend", *args, "--detail"], env={**ENV, "COLUMNS": "200"}).stdout
    memo = invoke(runner, ["recommend", *args, "--format", "markdown"]).stdout
    for view in (first, detail, memo):
        view = " ".join(view.replace("┃", " ").split())  # as read, wherever the terminal wrapped it
        assert said in view
        assert "Current organizational structure" in view, "the view says what the article says about the leader in place"
    assert ("hire when the budget allows" in first) == (budget == "constrained")
    assert "Already in place" in first and "Already in place" in detail and "## Already in place: the CSO seat" in memo


def test_plain_words_what_a_score_means_and_no_jargon(runner):
    """The full case and the memo say what a score is; no 'effect' or 'via' column jargon."""
    args = ["recommend", *full_flags(priorities=["brand", "alignment"], company_size="enterprise", revenue_streams="many")]
    detail = " ".join(invoke(runner, [*args, "--detail", "--why", "all"], env={**ENV, "COLUMNS": "200"}).stdout.split())
    memo = " ".join(invoke(runner, [*args, "--format", "markdown", "--why", "all"]).stdout.split())
    for view in (detail, memo):
        assert "A score is a 0-100 fit" in view and "not a probability" in view
        assert " Effect " not in view and " via " not in view.lower()


# The four cases of issue 15 whose views must read true: a CRO on a constrained budget, a CRO and a
# CMO, a tie beside a filled seat, and a filled seat.
ISSUE_15_VIEWS = {
    "constrained CRO": dict(company_size="small", business_model="subscription", sales_marketing="siloed",
                            priorities=["retention", "alignment"], marketing_leader=False, budget="constrained"),
    "CRO and CMO": dict(company_size="enterprise", business_model="subscription", revenue_streams="many", sales_marketing="siloed",
                        priorities=["brand", "lead-generation", "alignment"], sales_leader=True, marketing_leader=False),
    "tie": dict(growth_stage="mature", business_model="subscription", revenue_streams="single",
                priorities=["retention", "brand", "partnerships"], sales_leader=True, marketing_leader=True, budget="constrained"),
    "filled seat": dict(company_size="small", growth_stage="early", business_model="transactional", revenue_streams="single",
                        priorities=["scale-sales"], sales_leader=True, marketing_leader=True, budget="constrained"),
}


@pytest.mark.parametrize("case", ISSUE_15_VIEWS)
def test_every_view_says_what_the_pick_rests_on(runner, kb, case):
    """cli-contract 'Evidence weighed': the first screen, --detail and the memo say what the pick rests
    on, and every reason its grade in words; the JSON carries both; a marketing team never staffs a
    CRO; a pair's views show both halves; a tie names each side's seats and budget; an option without
    a case is never 'ahead of' the pick."""
    from execadvisor.core.result import Report
    from execadvisor.views.words import GRADE_WORDS, footing_text, option_name

    args = full_flags(**ISSUE_15_VIEWS[case])
    doc = recommend_json(runner, *args)
    assert set(doc["recommendation"]["evidence"]) == {"recommends", "describes", "infers"}
    assert "without_inferred" in doc["robustness"] and "runner_up" in doc
    assert all(c["evidence"] in GRADE_WORDS for c in doc["rationale"])
    report = Report.model_validate(doc)
    first = invoke(runner, ["recommend", *args], env={**ENV, "COLUMNS": "200"}).stdout
    detail = invoke(runner, ["recommend", *args, "--detail"], env={**ENV, "COLUMNS": "200"}).stdout
    memo = invoke(runner, ["recommend", *args, "--format", "markdown"]).stdout
    for name, view in (("first screen", first), ("full case", detail), ("memo", memo)):
        view = " ".join(view.replace("┃", " ").replace("│", " ").split())  # as read, wherever the terminal wrapped it
        assert footing_text(report, kb) in view
        assert any(words in view for words in GRADE_WORDS.values())
        assert "fractional (part-time) team now" not in view, "a fractional team is a marketing team"
        if case == "constrained CRO":
            assert "does not staff a CRO" in view and "marketing part" in view
        if case == "CRO and CMO":
            assert "CRO's case" in view and "CMO's case" in view
        if case == "tie":
            assert "CMO seat" in view
            sides = ["for each side of the tie"] if name == "first screen" else [f"A full-time Chief {role} Officer is not affordable"
                                                                         for role in ("Revenue", "Marketing")]
            assert all(side in view for side in sides), name
        if report.runner_up is None and report.confidence != "tie":
            assert "no other option has a case" in view
            assert f"ahead of {option_name(kb, report.ranking[1].id)}" not in view


def test_rules_validate_requires_a_grade_for_every_rule(tmp_path, runner):
    """cli-contract: `rules export` writes each rule's evidence and `rules validate` requires it,
    naming the rule and the grades allowed."""
    exported = tmp_path / "mine.yaml"
    assert invoke(runner, ["rules", "export", str(exported)]).exit_code == 0
    text = exported.read_text(encoding="utf-8")
    assert text.count("evidence: ") == len(yaml.safe_load(text)["rules"])
    for grade, changed in [("evidence: infers, ", ""), ("evidence: infers,", "evidence: inferred,")]:  # missing; misspelt
        broken = tmp_path / "broken.yaml"
        broken.write_text(text.replace(grade, changed, 1), encoding="utf-8")
        result = invoke(runner, ["rules", "validate", str(broken)])
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        assert re.search(r"rules\[\d+\]\.evidence: ", result.stderr)
        assert "recommends" in result.stderr and "describes" in result.stderr, "the message names the grades allowed"


def test_fresh_discards_kept_answers_only_once_the_run_has_succeeded(tmp_path):
    """`--fresh` with a bad answer is exit 2 and leaves every file as it was; a run that succeeds
    discards the kept answers."""
    from conftest import run_script

    state = tmp_path / "state" / "execadvisor"
    state.mkdir(parents=True)
    kept = state / "session-1-1.json"
    kept.write_text(json.dumps({"answers": {"growth_stage": "mature"}}), encoding="utf-8")
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    bad = run_script(["recommend", "--fresh", *full_flags(company_size="bogus"), "--json"], cwd=tmp_path, env=env)
    assert bad.returncode == 2 and kept.exists(), "a failed run keeps them"
    good = run_script(["recommend", "--fresh", *full_flags(), "--json"], cwd=tmp_path, env=env)
    assert good.returncode == 0 and not kept.exists()


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_the_answers_and_the_report_are_not_both_sent_to_stdout(runner, target, tmp_path):
    """One output, one document: --save-answers to stdout beside a report on stdout is exit 2."""
    result = invoke(runner, ["recommend", *full_flags(), "--json", "--save-answers", target])
    assert result.exit_code == 2 and "--save-answers" in result.stderr and result.stdout == ""
    apart = invoke(runner, ["recommend", *full_flags(), "--json", "--save-answers", target, "--output", str(tmp_path / "r.json")])
    assert apart.exit_code == 0 and yaml.safe_load(apart.stdout)["company_size"] == BASE["company_size"]


@pytest.mark.parametrize("where", ["flag", "file"])
def test_a_bad_priority_is_one_problem_not_two(runner, tmp_path, where):
    """The only priority given is not allowed: that is the problem, not also 'at least 1 allowed, got 0'."""
    if where == "flag":
        result = invoke(runner, ["recommend", *full_flags(priorities=["bogus"]), "--json"])
    else:
        given = tmp_path / "p.json"
        given.write_text(json.dumps({"priorities": ["bogus"]}), encoding="utf-8")
        rest = [a for a in full_flags() if a not in ("--priority", BASE["priorities"][0])]
        result = invoke(runner, ["recommend", "--answers", str(given), *rest, "--json"])
    assert result.exit_code == 2 and "'bogus' is not allowed" in result.stderr
    assert "at least 1" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
