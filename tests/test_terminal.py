"""The interactive questionnaire in a real pseudo-terminal: keyboard answers, and Ctrl-C."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import console_script, program_under

pexpect = pytest.importorskip("pexpect", reason="pexpect drives a pseudo-terminal; it does not exist on this platform")

if not hasattr(os, "openpty"):
    pytest.skip("no pseudo-terminals on this platform", allow_module_level=True)

DOWN, UP, LEFT, SPACE, ENTER, CTRL_C = "\x1b[B", "\x1b[A", "\x1b[D", " ", "\r", "\x03"


def spawn(args: list[str], tmp_path, extra_env: dict | None = None) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100", "LINES": "40",
           "XDG_STATE_HOME": str(tmp_path / "state"), "PROMPT_TOOLKIT_NO_CPR": "1", **(extra_env or {})}
    return pexpect.spawn(console_script(), args, cwd=str(tmp_path), env=env, encoding="utf-8", timeout=20, dimensions=(40, 100))


def test_keyboard_answers_complete_the_run(tmp_path):
    out = tmp_path / "result.json"
    child = spawn(["recommend", "--company-size", "large", "--growth-stage", "scaling", "--json", "--output", str(out)], tmp_path)
    child.expect(r"\(1/7\) How do customers pay you\?")
    child.send(DOWN)  # transactional -> subscription
    child.send(ENTER)
    child.expect(r"\(2/7\) How many distinct revenue streams")
    child.send(DOWN + DOWN + ENTER)  # many
    child.expect(r"\(3/7\) How are sales and marketing organised")
    child.send(DOWN + DOWN + ENTER)  # siloed
    child.expect(r"\(4/7\) What are your top priorities")
    # Enter with nothing picked is refused by the validator: had it been accepted, the run would
    # end with no priorities and exit 2, not with ["alignment"] as asserted below.
    child.send(ENTER)
    child.send(DOWN + DOWN + DOWN + SPACE)  # alignment
    child.send(ENTER)
    child.expect("Picked: Align sales, marketing and customer success"), "picked priorities are echoed by name"
    child.expect(r"\(5/7\) Do you already have strong sales leadership")
    child.send(UP + ENTER)  # Yes (No is shown first)
    child.expect(r"\(6/7\) Do you already have strong marketing leadership")
    child.send(ENTER)  # No, as shown: Enter answers what is on screen
    child.expect(r"\(7/7\) Can you afford a full-time C-level hire")
    child.send(ENTER)  # full-time
    child.expect("Check your answers")
    child.send(ENTER)  # score
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["answers"] == {
        "company_size": "large", "growth_stage": "scaling", "business_model": "subscription", "revenue_streams": "many",
        "sales_marketing": "siloed", "priorities": ["alignment"], "sales_leader": True, "marketing_leader": False,
        "budget": "full-time",
    }
    assert doc["recommendation"]["id"].startswith("CRO")


def test_the_first_question_is_asked_before_the_knowledge_base_is_loaded(tmp_path):
    """With the built-in knowledge base, the first question is on screen before the pydantic models
    of the knowledge base are even imported (execadvisor.core.packaged) - and the run still ends with
    the knowledge base's recommendation."""
    from execadvisor.core.packaged import packaged

    if not packaged("roles.pickle").is_file():
        pytest.skip("an editable checkout has no compiled questions; CI installs the wheel")
    imports = tmp_path / "imports.txt"
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "XDG_STATE_HOME": str(tmp_path / "state"), "PROMPT_TOOLKIT_NO_CPR": "1",
           "PYTHONPROFILEIMPORTTIME": "1"}
    flags = "--company-size large --growth-stage scaling --business-model subscription --revenue-streams many --sales-marketing siloed " \
            "--priority alignment --sales-leader --no-marketing-leader"
    child = pexpect.spawn("/bin/sh", ["-c", f"'{console_script()}' recommend {flags} --json 2>'{imports}'"], cwd=str(tmp_path), env=env,
                          encoding="utf-8", timeout=20, dimensions=(40, 100))
    child.expect(r"\(1/1\) Can you afford a full-time C-level hire")
    before = imports.read_text(encoding="utf-8")
    assert "execadvisor.core.packaged" in before and "execadvisor.core.knowledge" not in before, "the models are loaded after the question"
    child.send(ENTER)  # full-time
    child.expect("Check your answers")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert '"id": "CRO' in child.before and "execadvisor.core.knowledge" in imports.read_text(encoding="utf-8")


def test_one_kept_answer_is_spoken_of_as_one(tmp_path):
    child = spawn(["recommend", "--fresh"], tmp_path)
    child.expect(r"\(1/9\) How big is the company")
    child.send(ENTER)
    child.expect(r"\(2/9\) Which growth stage")
    child.send(CTRL_C)
    child.expect(r"Your 1 answer so far is kept in \S+; run `execadvisor recommend` again to resume it \(--fresh starts over\)\.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_going_back_and_changing_an_answer_in_the_review(tmp_path):
    out = tmp_path / "result.json"
    args = ["recommend", "--company-size", "large", "--growth-stage", "scaling", "--revenue-streams", "many",
            "--sales-marketing", "siloed", "--priority", "alignment", "--budget", "full-time", "--json", "--output", str(out)]
    child = spawn(args, tmp_path)
    child.expect(r"\(1/3\) How do customers pay you\?")
    child.send(DOWN + ENTER)  # subscription
    child.expect(r"\(2/3\) Do you already have strong sales leadership")
    child.expect("Back to the previous question"), "the way back is on screen"
    child.send(LEFT)  # back
    child.expect("<- back to the previous question"), "the abandoned question says where the user went"
    child.expect(r"\(1/3\) How do customers pay you\?"), "the step counter follows"
    child.send(DOWN + ENTER)  # subscription was pre-selected: one down is hybrid
    child.expect(r"\(2/3\) Do you already have strong sales leadership")
    child.send(DOWN + ENTER)  # from "No", one down is the Back choice (the blank line is skipped)
    child.expect(r"\(1/3\) How do customers pay you\?")
    child.send(ENTER)  # hybrid, pre-selected
    child.expect(r"\(2/3\) Do you already")
    child.send(UP + ENTER)  # yes
    child.expect(r"\(3/3\) Do you already have strong marketing")
    child.send(ENTER)  # no
    child.expect("Check your answers")
    child.expect("Company size: Large")
    child.expect("Business model: Hybrid")
    child.send(DOWN + ENTER)  # the first changeable answer: business model
    child.expect("Change: How do customers pay you")
    child.send(UP + ENTER)  # hybrid -> subscription
    child.expect("Business model: Subscription")
    child.send(ENTER)  # score
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    answers = json.loads(out.read_text(encoding="utf-8"))["answers"]
    assert (answers["business_model"], answers["sales_leader"], answers["marketing_leader"]) == ("subscription", True, False)


def test_cancelled_answers_are_kept_and_resumed(tmp_path):
    state = tmp_path / "state"
    out = tmp_path / "result.json"
    env = {"XDG_STATE_HOME": str(state)}
    child = spawn(["recommend", "--company-size", "small", "--json", "--output", str(out)], tmp_path, env)
    child.expect(r"\(1/8\) Which growth stage")
    child.send(ENTER)  # early
    child.expect(r"\(2/8\) How do customers pay you")
    child.send(DOWN + DOWN + ENTER)  # hybrid
    child.expect(r"\(3/8\) How many distinct")
    child.send(CTRL_C)
    child.expect(r"Your 2 answers so far are kept in (\S+);")
    kept = Path(child.match.group(1))
    assert kept.parent == state / "execadvisor" and kept.name.startswith("session-"), "a file of its own in the state directory"
    child.expect("Aborted.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert json.loads(kept.read_text(encoding="utf-8"))["answers"] == {"growth_stage": "early", "business_model": "hybrid"}

    child = spawn(["recommend", "--company-size", "small", "--json", "--output", str(out)], tmp_path, env)
    child.expect("interrupted after 2 of these 8 questions")
    child.send(ENTER)  # resume
    child.expect(r"\(3/8\) How many distinct"), "resumes where it stopped"
    child.send(ENTER + ENTER)  # single; separate
    child.expect(r"\(5/8\) What are your top")
    child.send(SPACE + ENTER)  # scale-sales
    child.expect(r"\(6/8\)")
    child.send(ENTER + ENTER + ENTER)  # no, no, full-time
    child.expect("Check your answers")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert json.loads(out.read_text(encoding="utf-8"))["answers"]["business_model"] == "hybrid"
    assert not kept.exists(), "stored answers are removed once a run completes"

    # --fresh starts over without asking, and discards kept answers at once.
    kept.write_text(json.dumps({"answers": {"growth_stage": "mature"}}), encoding="utf-8")
    child = spawn(["recommend", "--company-size", "small", "--fresh"], tmp_path, env)
    child.expect(r"\(1/8\) Which growth stage")
    assert not kept.exists(), "--fresh discards the kept answers before the first question"
    child.send(CTRL_C)
    child.expect(pexpect.EOF)


@pytest.mark.parametrize("key", [CTRL_C, "\x1b"], ids=["ctrl-c", "esc"])
def test_cancel_exits_130_and_restores_the_terminal(tmp_path, key):
    # A shell runs the program, then reports its exit code and the terminal's modes afterwards.
    script = f'"{console_script()}" recommend; echo "exit=$?"; stty -a'
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn("/bin/sh", ["-c", script], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=20, dimensions=(40, 100))
    child.expect(r"\(1/9\) How big is the company\?")
    child.send(DOWN)
    child.send(key)
    child.expect("Aborted.")
    child.expect(r"exit=(\d+)")
    assert child.match.group(1) == "130"
    child.expect(pexpect.EOF)
    modes = child.before.split()
    assert "Traceback" not in child.before
    assert "icanon" in modes and "echo" in modes, "the terminal is back in line mode with echo"
    assert "-icanon" not in modes and "-echo" not in modes


def test_batch_draws_a_progress_bar_on_a_terminal(tmp_path):
    profile = {"company_size": "small", "growth_stage": "early", "business_model": "transactional",
               "revenue_streams": "single", "sales_marketing": "separate", "priorities": ["scale-sales"],
               "sales_leader": False, "marketing_leader": True, "budget": "full-time"}
    source = tmp_path / "in.jsonl"
    source.write_text((json.dumps(profile) + "\n") * 2500 + "oops\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    script = f'"{console_script()}" batch "{source}" > "{out}"; echo "exit=$?"'
    child = pexpect.spawn("/bin/sh", ["-c", script], env={**os.environ, "TERM": "xterm"}, encoding="utf-8", timeout=30,
                          dimensions=(10, 100))
    child.expect(r"2,501 lines, 1 failed")
    child.expect(r"exit=(\d+)")
    assert child.match.group(1) == "2"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2501 and "error" in json.loads(lines[-1]), "the bar went to stderr, the results to stdout"


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="finds the program's process through /proc")
@pytest.mark.parametrize(("signame", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_and_sighup_restore_the_terminal(tmp_path, signame, code):
    import signal

    script = f'"{console_script()}" recommend; echo "exit=$?"; stty -a'
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn("/bin/sh", ["-c", script], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=20, dimensions=(40, 100))
    child.expect(r"\(1/9\) How big is the company\?")
    os.kill(program_under(child), getattr(signal, signame))
    child.expect(r"exit=(\d+)")
    assert child.match.group(1) == str(code)
    child.expect(pexpect.EOF)
    modes = child.before.split()
    assert "Traceback" not in child.before
    assert "icanon" in modes and "echo" in modes and "-echo" not in modes, "the terminal is back in line mode with echo"


@pytest.mark.parametrize("delay", [0.1, 0.13, 0.16, 0.2, 0.25, 0.3, 0.4])
def test_ctrl_c_at_any_moment_of_start_up(tmp_path, delay):
    """From the moment the package is imported, Ctrl-C gives "Aborted." and 130, never a traceback
    or a death by the signal. (Before that - the interpreter starting and the console script's
    first import, a few tens of milliseconds - only Python's own default can act.)"""
    import signal
    import subprocess
    import time

    from conftest import full_flags

    proc = subprocess.Popen([console_script(), "recommend", *full_flags(), "--json"], cwd=tmp_path, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert "Traceback" not in err
    assert (proc.returncode, err.strip()) == (130, "Aborted.") or (proc.returncode == 0 and json.loads(out)), (proc.returncode, err)


def test_explore_after_the_answer_rescores_and_saves(tmp_path):
    args = ["recommend", "--company-size", "large", "--growth-stage", "scaling", "--business-model", "subscription",
            "--revenue-streams", "many", "--sales-marketing", "siloed", "--priority", "alignment", "--sales-leader",
            "--budget", "full-time"]
    child = spawn(args, tmp_path, {"PAGER": "cat"})
    child.expect("Do you already have strong marketing")
    child.send(ENTER)  # no
    child.expect("Check your answers")
    child.send(ENTER)
    child.expect("Chief Revenue Officer")
    child.expect("What next")
    child.send("c")  # one key: change an answer
    child.expect("Which answer")
    child.send(DOWN * 5 + ENTER)  # priorities
    child.expect("Change: What are your top")
    child.send(DOWN * 5 + SPACE + DOWN + SPACE + ENTER)  # add brand and lead generation
    child.expect(r"The pick changed from Chief Revenue Officer \(CRO\) to A CRO and a CMO \(CRO\+CMO\)")
    child.expect("What next")
    child.send("s")  # save the answers
    child.expect("Write it to which file")
    child.send(ENTER)  # answers.yaml
    child.expect("Wrote the answers to answers.yaml")
    child.expect("What next")
    child.send("m")  # write the memo
    child.expect("Write it to which file")
    child.send(ENTER)  # memo.md
    child.expect("Wrote the memo to memo.md")
    child.expect("What next")
    child.send("q")
    child.expect(r"To repeat this run: execadvisor recommend --company-size large .*--priority alignment --priority brand")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    import yaml

    saved = yaml.safe_load((tmp_path / "answers.yaml").read_text(encoding="utf-8"))
    assert saved["priorities"] == ["alignment", "brand", "lead-generation"] and saved["marketing_leader"] is False
    assert "A CRO and a CMO" in (tmp_path / "memo.md").read_text(encoding="utf-8")
