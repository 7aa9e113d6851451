"""The interactive questionnaire in a real pseudo-terminal: keyboard answers, and Ctrl-C."""

from __future__ import annotations

import json
import os

import pytest
from conftest import console_script

pexpect = pytest.importorskip("pexpect", reason="pexpect drives a pseudo-terminal; it does not exist on this platform")

if not hasattr(os, "openpty"):
    pytest.skip("no pseudo-terminals on this platform", allow_module_level=True)

DOWN, SPACE, ENTER, CTRL_C = "\x1b[B", " ", "\r", "\x03"


def spawn(args: list[str], tmp_path) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}
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
    child.expect(r"\(5/7\) Do you already have strong sales leadership")
    child.send("y")
    child.expect(r"\(6/7\) Do you already have strong marketing leadership")
    child.send("n")
    child.expect(r"\(7/7\) Can you afford a full-time C-level hire")
    child.send(ENTER)  # full-time
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


def _children(pid: int) -> list[int]:
    found = []
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                with open(f"/proc/{stat}/stat", encoding="utf-8") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(stat))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="finds the program's process through /proc")
@pytest.mark.parametrize(("signame", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_and_sighup_restore_the_terminal(tmp_path, signame, code):
    import signal
    import time

    script = f'"{console_script()}" recommend; echo "exit=$?"; stty -a'
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn("/bin/sh", ["-c", script], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=20, dimensions=(40, 100))
    child.expect(r"\(1/9\) How big is the company\?")
    deadline = time.monotonic() + 5
    while not (program := _children(child.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert program, "the program runs under the shell"
    os.kill(program[0], getattr(signal, signame))
    child.expect(r"exit=(\d+)")
    assert child.match.group(1) == str(code)
    child.expect(pexpect.EOF)
    modes = child.before.split()
    assert "Traceback" not in child.before
    assert "icanon" in modes and "echo" in modes and "-echo" not in modes, "the terminal is back in line mode with echo"


@pytest.mark.parametrize("delay", [0.03, 0.06, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3])
def test_ctrl_c_at_any_moment_of_start_up(tmp_path, delay):
    """From the moment the interpreter runs (before that, only the operating system's default
    can act), Ctrl-C gives "Aborted." and 130, never a traceback or a death by the signal."""
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
