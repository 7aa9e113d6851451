"""The founder's session in a real pseudo-terminal (80x24): going back and forward, the keys at every
level, the one-key "What next?", files asked before they are replaced, the command that repeats the
run, the resume state's safety, two sessions at once, signals at every prompt and in the pager."""

from __future__ import annotations

import json
import os
import signal
import stat
import time
from pathlib import Path

import pytest
from conftest import children, console_script, program_under

pexpect = pytest.importorskip("pexpect", reason="pexpect drives a pseudo-terminal; it does not exist on this platform")

if not hasattr(os, "openpty") or not os.path.isdir("/proc"):
    pytest.skip("needs pseudo-terminals and /proc", allow_module_level=True)

DOWN, UP, LEFT, SPACE, ENTER, ESC, CTRL_C, CTRL_D = "\x1b[B", "\x1b[A", "\x1b[D", " ", "\r", "\x1b", "\x03", "\x04"
ROWS, COLS = 24, 80
ALL_BUT_MARKETING = ["--company-size", "large", "--growth-stage", "scaling", "--business-model", "subscription",
                     "--revenue-streams", "many", "--sales-marketing", "siloed", "--priority", "alignment", "--sales-leader",
                     "--budget", "full-time"]


def _env(tmp_path: Path, extra: dict | None = None) -> dict:
    return {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "XDG_STATE_HOME": str(tmp_path / "state"), "PROMPT_TOOLKIT_NO_CPR": "1",
            "PAGER": "cat", **(extra or {})}


def spawn(args: list[str], tmp_path: Path, extra_env: dict | None = None, rows: int = ROWS, cols: int = COLS) -> pexpect.spawn:
    env = {k: v for k, v in _env(tmp_path, extra_env).items() if k not in ("COLUMNS", "LINES")}
    return pexpect.spawn(console_script(), args, cwd=str(tmp_path), env=env, encoding="utf-8", codec_errors="replace", timeout=20,
                         dimensions=(rows, cols))


def in_shell(args: list[str], tmp_path: Path, extra_env: dict | None = None) -> pexpect.spawn:
    """The program under a shell that then reports its exit code and the terminal's modes."""
    quoted = " ".join(f"'{a}'" for a in args)
    # set -m: the program runs in a process group of its own, as at an interactive shell, so that a
    # Ctrl-C typed into the terminal reaches the program (and its pager), not the shell.
    script = f"set -m; '{console_script()}' {quoted}; echo \"exit=$?\"; stty -a; echo \"cursor-shown\""
    env = {k: v for k, v in _env(tmp_path, extra_env).items() if k not in ("COLUMNS", "LINES")}
    return pexpect.spawn("/bin/bash", ["-c", script], cwd=str(tmp_path), env=env, encoding="utf-8", codec_errors="replace",
                         timeout=20, dimensions=(ROWS, COLS))


def terminal_restored(child: pexpect.spawn, code: int) -> None:
    child.expect(r"exit=(\d+)")
    assert child.match.group(1) == str(code), child.before
    child.expect("cursor-shown")
    modes = child.before.split()
    assert "icanon" in modes and "echo" in modes and "-echo" not in modes and "-icanon" not in modes, "line mode and echo are back"
    assert "Traceback" not in child.before
    child.expect(pexpect.EOF)


def plain(screen: str) -> str:
    """What the screen says: no escape sequences, no box edges, one space between words."""
    import re

    return " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|[┃│]", " ", screen).split())


def to_what_next(child: pexpect.spawn) -> None:
    child.expect("Do you already have strong marketing")
    child.send(ENTER)  # no
    child.expect("Check your answers")
    child.send(ENTER)
    child.expect(r"What next\? ")


def test_the_review_shows_answers_from_flags_in_words_however_they_were_typed(tmp_path):
    typed = [" LARGE" if a == "large" else "Alignment" if a == "alignment" else a for a in ALL_BUT_MARKETING]
    child = spawn(["recommend", *typed], tmp_path)
    child.expect("Do you already have strong marketing")
    child.send(ENTER)
    child.expect("Check your answers")
    child.expect("Score these answers")
    child.expect("Budget")
    screen = plain(child.before)
    assert "Large - 1,000 to 5,000 people" in screen and "LARGE" not in screen
    assert "Align sales, marketing" in screen and "Alignment" not in screen
    child.send(CTRL_C)
    child.expect(pexpect.EOF)


def test_what_next_is_one_key_and_fits_80_columns(tmp_path):
    child = spawn(["recommend", *ALL_BUT_MARKETING], tmp_path)
    to_what_next(child)
    child.expect(r"c change an answer  f full case  p path  s save  m memo  q quit")
    line = "? What next? " + child.after
    assert len(line) <= COLS, line
    child.send(ENTER + "x")  # a stray Enter or another key does nothing
    time.sleep(0.3)
    child.send("f")  # the full case, at once
    child.expect("Every option, best first")
    child.expect(r"What next\? ")
    child.send("p")  # the pick as the company grows
    child.expect("startup")
    child.expect("enterprise")
    child.expect(r"What next\? ")
    child.send("q")
    child.expect("To repeat this run: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_in_the_loop_the_report_names_the_key_not_the_flag(tmp_path):
    """A close call in the session says 'press f', which is how to see both cases there."""
    args = ["recommend", "--company-size", "midsize", "--growth-stage", "scaling", "--business-model", "subscription",
            "--revenue-streams", "few", "--sales-marketing", "separate", "--priority", "brand", "--priority", "retention",
            "--sales-leader", "--budget", "constrained"]
    child = spawn(args, tmp_path)
    to_what_next(child)
    screen = plain(child.before)
    assert "--detail" not in screen
    assert "Close call" in screen and "Press f for both" in screen, screen
    child.send("q")
    child.expect(pexpect.EOF)


@pytest.mark.parametrize("key", [ESC, CTRL_D, CTRL_C], ids=["esc", "ctrl-d", "ctrl-c"])
def test_cancelling_at_what_next_quits_with_the_repeat_line(tmp_path, key):
    child = spawn(["recommend", *ALL_BUT_MARKETING], tmp_path)
    to_what_next(child)
    child.send(key)
    child.expect("To repeat this run: execadvisor recommend --company-size large")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize("key", [ESC, CTRL_D], ids=["esc", "ctrl-d"])
def test_esc_goes_back_one_level_below_the_top(tmp_path, key):
    child = spawn(["recommend", *ALL_BUT_MARKETING], tmp_path)
    to_what_next(child)
    child.send("c")
    child.expect("Which answer")
    child.send(DOWN * 5 + ENTER)  # priorities
    child.expect("Change: What are your top")
    child.send(key)  # back to the list, not out of the run
    child.expect("Which answer")
    child.send(key)  # back to What next
    child.expect(r"What next\? ")
    child.send("s")
    child.expect("Write it to which file")
    child.send(key)  # back, nothing written
    child.expect(r"What next\? ")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not (tmp_path / "answers.yaml").exists()


def test_saving_over_a_file_asks_first(tmp_path):
    mine = tmp_path / "answers.yaml"
    mine.write_text("precious\n", encoding="utf-8")
    child = spawn(["recommend", *ALL_BUT_MARKETING], tmp_path)
    to_what_next(child)
    child.send("s")
    child.expect("Write it to which file")
    child.send(ENTER)
    child.expect("answers.yaml exists. Replace it")
    child.send(ENTER)  # No, the default
    child.expect("Write it to which file")
    child.send(ESC)
    child.expect(r"What next\? ")
    assert mine.read_text(encoding="utf-8") == "precious\n"
    child.send("m")
    child.expect("Write it to which file")
    child.send(ENTER)  # memo.md, new
    child.expect("Wrote the memo to memo.md")
    child.expect(r"What next\? ")
    child.send("m")
    child.expect("Write it to which file")
    child.send(ENTER)
    child.expect("memo.md exists. Replace it")
    child.send("y")
    child.expect("Wrote the memo to memo.md")
    child.send("q")
    child.expect(pexpect.EOF)
    assert mine.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize("name", ["a" * 300 + ".md", "~no-such-user-here/memo.md"])
def test_a_file_name_the_system_refuses_is_said_and_asked_again(tmp_path, name):
    """A name too long for the file system, or the home of a user who does not exist: 'Not
    written', the question again, and the session goes on."""
    child = spawn(["recommend", *ALL_BUT_MARKETING], tmp_path)
    to_what_next(child)
    child.send("m")
    child.expect("Write it to which file")
    child.send("\x15" + name + ENTER)  # Ctrl-U clears the default first
    child.expect("Not written: ")
    child.expect("Write it to which file")
    child.send(ESC)
    child.expect(r"What next\? ")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "internal error" not in child.before
    assert not list(tmp_path.rglob("*.md")), "nothing written"


def test_the_repeat_line_carries_every_flag_that_changes_the_result(tmp_path):
    import shlex
    import subprocess

    rules = tmp_path / "my rules.yaml"
    rules.write_text((Path(__file__).resolve().parents[1] / "data" / "roles.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    child = spawn(["recommend", *ALL_BUT_MARKETING, "--rules", str(rules), "--why", "CSO", "--company", "O'Hara & Sons",
                   "--date", "2026-11-29"], tmp_path)
    to_what_next(child)
    child.send("q")
    child.expect(r"To repeat this run: (execadvisor recommend .*)\r\n")
    line = child.match.group(1).replace("\r\n", "")
    child.expect(pexpect.EOF)
    words = shlex.split(line)
    for flag, value in (("--rules", str(rules)), ("--why", "CSO"), ("--company", "O'Hara & Sons"), ("--date", "2026-11-29")):
        assert words[words.index(flag) + 1] == value, line
    again = subprocess.run([console_script(), *words[1:], "--json"], capture_output=True, text=True, cwd=tmp_path,
                           stdin=subprocess.DEVNULL)
    assert again.returncode == 0 and json.loads(again.stdout)["knowledge"]["name"] == str(rules)


def test_back_then_forward_one_question_at_a_time(tmp_path):
    child = spawn(["recommend", "--fresh"], tmp_path)
    child.expect(r"\(1/9\) How big")
    child.send(DOWN + ENTER)  # small
    child.expect(r"\(2/9\) Which growth")
    child.send(DOWN + ENTER)  # scaling
    child.expect(r"\(3/9\) How do customers pay")
    child.send(DOWN + ENTER)  # subscription
    child.expect(r"\(4/9\) How many distinct")
    child.send(ENTER)  # single
    child.expect(r"\(5/9\) How are sales")
    child.send(LEFT)
    child.expect(r"\(4/9\) How many distinct")
    child.send(LEFT)
    child.expect(r"\(3/9\) How do customers pay")
    child.send(LEFT)
    child.expect(r"\(2/9\) Which growth")
    child.expect(r"» (\x1b\[[0-9;]*m)*Scaling"), "the answer is pre-selected"
    for step, question in ((3, "How do customers pay"), (4, "How many distinct"), (5, "How are sales")):
        child.send(ENTER)
        child.expect(rf"\({step}/9\) {question}"), "one question at a time, never skipping ahead"
    child.send(CTRL_C)
    child.expect(pexpect.EOF)


def test_the_priorities_question_has_a_back_choice_that_keeps_its_picks(tmp_path):
    child = spawn(["recommend", "--company-size", "small", "--growth-stage", "early", "--business-model", "transactional",
                   "--revenue-streams", "single", "--fresh", "--json", "--output", "out.json"], tmp_path)
    child.expect(r"\(1/5\) How are sales")
    child.send(ENTER)
    child.expect(r"\(2/5\) What are your top")
    child.expect("Back to the previous question"), "a Back choice on the priorities question"
    child.send(SPACE + DOWN + DOWN + SPACE)  # scale-sales and retention
    child.send(UP * 3 + ENTER)  # up past the first choice to Back; Enter on it goes back, not counted as a pick
    child.expect("<- back to the previous question")
    child.expect(r"\(1/5\) How are sales")
    child.send(ENTER)
    child.expect(r"\(2/5\) What are your top")
    child.send(LEFT)  # the left arrow keeps the picks too
    child.expect(r"\(1/5\) How are sales")
    child.send(ENTER)
    child.expect(r"\(2/5\) What are your top")
    child.send(ENTER)  # the kept picks, as they were
    child.expect("Picked: Scale the sales team and sharpen sales processes; Retain and expand existing customers")
    child.send(ENTER + ENTER + ENTER)
    child.expect("Check your answers")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["answers"]["priorities"] == ["scale-sales", "retention"]


def test_esc_while_changing_an_answer_in_the_review_returns_to_the_review(tmp_path):
    child = spawn(["recommend", *ALL_BUT_MARKETING, "--json", "--output", "out.json"], tmp_path)
    child.expect("Do you already have strong marketing")
    child.send(ENTER)
    child.expect("Check your answers")
    child.send(DOWN + ENTER)  # the one changeable answer (the others came from flags)
    child.expect("Change: Do you already have strong marketing")
    child.send(ESC)
    child.expect("Check your answers"), "Esc goes back one level, it does not end the run"
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["answers"]["marketing_leader"] is False


def test_kill_int_at_a_question_ends_it_like_the_key(tmp_path):
    child = in_shell(["recommend", "--fresh"], tmp_path)
    child.expect(r"\(1/9\) How big")
    child.send(ENTER)
    child.expect(r"\(2/9\) Which growth")
    os.kill(program_under(child), signal.SIGINT)
    child.expect(r"Your 1 answer so far is kept in \S+; run `execadvisor recommend` again to resume it \(--fresh starts over\)")
    child.expect("Aborted.")
    terminal_restored(child, 130)


@pytest.mark.parametrize(("signame", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
@pytest.mark.parametrize("where", ["what next", "which answer", "file name", "pager"])
def test_signals_at_every_prompt_and_in_the_pager_restore_the_terminal(tmp_path, signame, code, where):
    extra = {"PAGER": "less"} if where == "pager" else {}
    child = in_shell(["recommend", *ALL_BUT_MARKETING], tmp_path, extra)
    to_what_next(child)
    if where == "which answer":
        child.send("c")
        child.expect("Which answer")
    elif where == "file name":
        child.send("m")
        child.expect("Write it to which file")
    elif where == "pager":
        child.send("f")
        child.expect("Recommendation")
        time.sleep(0.5)
    program = program_under(child)
    pagers = children(program)
    assert bool(pagers) == (where == "pager")
    os.kill(program, getattr(signal, signame))
    terminal_restored(child, code)
    assert not [p for p in pagers if os.path.exists(f"/proc/{p}")], "no pager is left behind"


def test_ctrl_c_in_the_pager_returns_to_the_program(tmp_path):
    child = in_shell(["recommend", *ALL_BUT_MARKETING], tmp_path, {"PAGER": "less"})
    to_what_next(child)
    child.send("f")
    child.expect("Recommendation")
    time.sleep(0.5)
    program = program_under(child)
    pagers = children(program)
    assert pagers, "the full case is paged"
    child.send(CTRL_C)
    child.expect(r"What next\? (\x1b\[[0-9;]*m)*c change an answer"), "back in the program, at a new prompt"
    assert not [p for p in pagers if os.path.exists(f"/proc/{p}")], "the pager is gone"
    child.send("q")
    terminal_restored(child, 0)


def test_less_gets_R_added_to_the_users_own_LESS(tmp_path):
    pager = tmp_path / "pager.sh"
    pager.write_text('#!/bin/sh\ncat > /dev/null\necho "LESS=[$LESS]"\n', encoding="utf-8")
    pager.chmod(0o755)
    less = tmp_path / "bin" / "less"
    less.parent.mkdir()
    less.symlink_to(pager)
    child = spawn(["recommend", *ALL_BUT_MARKETING, "--marketing-leader", "--detail"], tmp_path,
                  {"PAGER": "less", "LESS": "-i", "PATH": f"{less.parent}:{os.environ['PATH']}"}, rows=10)
    child.expect(r"LESS=\[(.*)\]")
    assert child.match.group(1).split() == ["-i", "-R"]
    child.expect(pexpect.EOF)


def test_the_first_screen_fits_the_real_height_and_is_not_paged(tmp_path):
    child = spawn(["recommend", *ALL_BUT_MARKETING, "--marketing-leader"], tmp_path, {"PAGER": "false"}, rows=20, cols=60)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = child.before.rstrip("\r\n").split("\r\n")
    assert "Recommendation" in lines[0] and len(lines) <= 19, lines


def test_the_teams_first_screen_fits_the_real_height_too(tmp_path):
    examples = Path(__file__).resolve().parents[1] / "examples" / "team"
    child = spawn(["team", *(str(examples / f"{name}.yaml") for name in ("ana", "ben", "cho"))], tmp_path, {"PAGER": "false"},
                  rows=16, cols=80)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = child.before.rstrip("\r\n").split("\r\n")
    assert "The team's pick" in lines[0] and len(lines) <= 15, lines


# --- the resume state --------------------------------------------------------------------------


def _cancel_after_one_answer(tmp_path: Path, extra: dict | None = None) -> str:
    child = spawn(["recommend"], tmp_path, extra)
    child.expect(r"\(1/9\) How big")
    child.send(DOWN + ENTER)  # small
    child.expect(r"\(2/9\) Which growth")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    return child.before


def test_a_kept_file_that_is_a_link_is_neither_read_nor_followed(tmp_path):
    folder = tmp_path / "state" / "execadvisor"
    folder.mkdir(parents=True)
    target = tmp_path / "elsewhere.json"
    target.write_text(json.dumps({"answers": {"company_size": "enterprise"}}), encoding="utf-8")
    (folder / "session.json").symlink_to(target)
    said = _cancel_after_one_answer(tmp_path)  # no offer to resume: the link is passed over
    assert "interrupted after" not in said
    assert json.loads(target.read_text(encoding="utf-8")) == {"answers": {"company_size": "enterprise"}}, "the link's target is untouched"
    kept = [p for p in folder.iterdir() if p.name.startswith("session-")]
    assert len(kept) == 1 and not kept[0].is_symlink()


def test_a_fifo_or_a_huge_file_in_the_state_directory_is_passed_over(tmp_path):
    folder = tmp_path / "state" / "execadvisor"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "session.json")
    (folder / "session-1-1.json").write_text(json.dumps({"answers": {"company_size": "large"}, "pad": "x" * 200_000}), encoding="utf-8")
    start = time.monotonic()
    said = _cancel_after_one_answer(tmp_path)
    assert "interrupted after" not in said and time.monotonic() - start < 10, "no wait on the FIFO, no read of the big file"


def test_answers_that_cannot_be_kept_are_said_to_be_lost(tmp_path):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "execadvisor").write_text("not a folder\n", encoding="utf-8")  # even root cannot make a folder here
    said = _cancel_after_one_answer(tmp_path)
    assert "Your 1 answer so far could not be kept" in said and "it is lost" in said, said
    assert "execadvisor" in said and ("File exists" in said or "Not a directory" in said), "the reason, with the file it is about"


def test_a_read_only_state_directory_is_said(tmp_path):
    folder = tmp_path / "state" / "execadvisor"
    folder.mkdir(parents=True)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    if os.access(folder, os.W_OK):
        folder.chmod(0o700)
        pytest.skip("running as a user who may write anywhere (root); the test above covers the message")
    try:
        said = _cancel_after_one_answer(tmp_path)
    finally:
        folder.chmod(0o700)
    assert "Your 1 answer so far could not be kept" in said and "Permission denied" in said and "it is lost" in said


def test_two_sessions_at_once_keep_each_others_answers(tmp_path):
    first = spawn(["recommend"], tmp_path)
    second = spawn(["recommend"], tmp_path)
    first.expect(r"\(1/9\) How big")
    second.expect(r"\(1/9\) How big")
    first.send(ENTER)  # startup
    first.expect(r"\(2/9\)")
    second.send(DOWN * 4 + ENTER)  # enterprise
    second.expect(r"\(2/9\)")
    first.send(CTRL_C)
    first.expect(pexpect.EOF)
    second.send(CTRL_C)
    second.expect(pexpect.EOF)
    folder = tmp_path / "state" / "execadvisor"
    kept = sorted(json.loads(p.read_text(encoding="utf-8"))["answers"]["company_size"] for p in folder.glob("session-*.json"))
    assert kept == ["enterprise", "startup"]

    # A run that resumes the newest and completes removes only that one.
    third = spawn(["recommend", "--growth-stage", "early", "--business-model", "transactional", "--revenue-streams", "single",
                   "--sales-marketing", "separate", "--priority", "scale-sales", "--sales-leader", "--marketing-leader",
                   "--budget", "full-time", "--json", "--output", "out.json"], tmp_path)
    third.expect(r"interrupted after 1 of these 1 questions\. \(1 more kept from other runs\.\)")
    third.send(ENTER)  # resume
    third.expect("Check your answers")
    third.send(ENTER)
    third.expect(pexpect.EOF)
    third.close()
    assert third.exitstatus == 0
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["answers"]["company_size"] == "enterprise"
    left = [json.loads(p.read_text(encoding="utf-8"))["answers"]["company_size"] for p in folder.glob("session-*.json")]
    assert left == ["startup"], "the other session's answers are still kept"


@pytest.mark.parametrize(("how", "code"), [("ctrl-c", 130), ("SIGTERM", 143)])
def test_the_batch_progress_bar_gives_the_cursor_back(tmp_path, how, code):
    import subprocess

    line = json.dumps({"company_size": "small", "growth_stage": "early", "business_model": "transactional", "revenue_streams": "single",
                       "sales_marketing": "separate", "priorities": ["scale-sales"], "sales_leader": False, "marketing_leader": True,
                       "budget": "full-time"})
    fifo = tmp_path / "lines"
    os.mkfifo(fifo)
    script = f"set -m; '{console_script()}' batch '{fifo}' > /dev/null; echo \"exit=$?\""
    child = pexpect.spawn("/bin/bash", ["-c", script], cwd=str(tmp_path), env=_env(tmp_path), encoding="utf-8",
                          codec_errors="replace", timeout=20, dimensions=(ROWS, COLS))
    with open(fifo, "w", encoding="utf-8") as feed:  # endless input, from outside the terminal
        writer = subprocess.Popen(["yes", line], stdout=feed)
    try:
        child.expect("lines, 0 failed")
        if how == "ctrl-c":
            child.send(CTRL_C)
        else:
            os.kill(program_under(child), signal.SIGTERM)
        child.expect(r"exit=(\d+)")
    finally:
        writer.kill()
        writer.wait()
    assert child.match.group(1) == str(code), child.before[-500:]
    assert "\x1b[?25h" in child.before, "the cursor is shown again"
    assert "Traceback" not in child.before
