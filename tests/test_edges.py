"""The edges of a run, as the process meets them: interrupted writes, names at the file system's
limit, outputs that name a stream, endless batch input, ASCII-only or closed standard streams,
absurd terminal sizes and shell completion. Real processes throughout: these are the process's
behaviours, not a function's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import console_script, full_flags, run_script

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals, descriptors and /dev paths are POSIX")

# The program itself, with one of the calls it makes while writing outputs preceded by a signal sent
# to itself: the signal arrives at that exact moment of the write, every time.
INTERRUPTED = """
import os, signal, sys
sys.argv = ["execadvisor", *sys.argv[1:]]  # so that the program's own Ctrl-C handler is installed
when, name = os.environ["SIGNAL_AT"], os.environ["SIGNAL"]
real = getattr(os, when)

def interrupted(*args, **kwargs):
    os.kill(os.getpid(), getattr(signal, name))
    return real(*args, **kwargs)

setattr(os, when, interrupted)
from execadvisor.cli.entry import main
main()
"""


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("when", ["fdopen", "fsync", "chmod", "replace"])
@pytest.mark.parametrize(("name", "code"), [("SIGINT", 130), ("SIGTERM", -signal.SIGTERM), ("SIGHUP", -signal.SIGHUP)])
def test_a_signal_during_a_write_leaves_no_temporary_file(tmp_path, when, name, code):
    """Ctrl-C during a write used to leave a hidden `.NAME.XXXX.tmp` beside the output (2 of 150
    tries): the program's Ctrl-C handler ends the process at once, and SIGTERM and SIGHUP end it
    outright. Now the temporaries go first, and the old files stay as they were."""
    memo, answers = tmp_path / "memo.md", tmp_path / "answers.yaml"
    memo.write_text("old memo\n", encoding="utf-8")
    answers.write_text("old answers\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", INTERRUPTED, "recommend", *full_flags(), "--format", "markdown", "-o", str(memo),
                             "--save-answers", str(answers)], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "SIGNAL_AT": when, "SIGNAL": name}, stdin=subprocess.DEVNULL)
    assert result.returncode == code, result.stderr
    assert _leftovers(tmp_path) == []
    if name == "SIGINT":
        assert result.stderr == "Aborted.\n"
    if when != "replace":  # the signal came before any rename: every file as it was
        assert memo.read_text(encoding="utf-8") == "old memo\n" and answers.read_text(encoding="utf-8") == "old answers\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_ctrl_c_while_a_fifo_waits_for_its_reader_leaves_no_temporary_file(tmp_path):
    """A FIFO is written first, while the other outputs wait as temporaries beside their files;
    Ctrl-C there (the FIFO has no reader yet) removes them."""
    fifo, answers = tmp_path / "pipe", tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    answers.write_text("old answers\n", encoding="utf-8")
    process = subprocess.Popen([console_script(), "recommend", *full_flags(), "-o", str(fifo), "--save-answers", str(answers)],
                               cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not _leftovers(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _leftovers(tmp_path), "the answers wait as a temporary while the FIFO waits for a reader"
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130 and err == "Aborted.\n"
    assert _leftovers(tmp_path) == [] and answers.read_text(encoding="utf-8") == "old answers\n"


def test_the_longest_valid_file_name_can_be_written(tmp_path):
    """A 255-byte name failed with "File name too long": the temporary name beside it was longer."""
    memo, answers = tmp_path / ("m" * 252 + ".md"), tmp_path / ("é" * 125 + ".yaml")
    assert len(os.fsencode(memo.name)) == 255 and len(os.fsencode(answers.name)) == 255
    answers.write_text("old\n", encoding="utf-8")
    result = run_script(["recommend", *full_flags(), "--format", "markdown", "-o", str(memo), "--save-answers", str(answers)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert memo.read_text(encoding="utf-8").startswith("# ") and "company_size: midsize" in answers.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([memo.name, answers.name])


def test_a_command_line_byte_that_is_not_utf8_is_written_not_a_crash(tmp_path):
    """A --company that is not UTF-8 reaches the memo as a lone surrogate, which UTF-8 cannot encode:
    writing the file was an internal error (with nothing left behind, but nothing written)."""
    memo = tmp_path / "memo.md"
    result = subprocess.run([console_script(), "recommend", *full_flags(), "--format", "markdown", b"--company", b"Acme\xff", "-o", memo],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert "Acme\\udcff" in memo.read_text(encoding="utf-8") and _leftovers(tmp_path) == []


# --- outputs that name a stream ------------------------------------------------------------------


def _sh(command: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    """A shell command line with `EXECADVISOR` standing for the console script and `FLAGS` for a full set of answers."""
    line = command.replace("EXECADVISOR", f"'{console_script()}'").replace("FLAGS", " ".join(full_flags()))
    return subprocess.run(line, shell=True, cwd=cwd, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}, **kwargs)


@pytest.mark.parametrize("path", ["/dev/stdout", "/proc/self/fd/1", "/dev/fd/1"])
def test_a_stream_path_into_a_pipe_delivers_the_report(tmp_path, path):
    """`-o /dev/stdout | cat` delivered nothing ("No such file or directory": the pipe was treated as
    a file to replace)."""
    if not os.path.exists(path):
        pytest.skip(f"no {path} here")
    piped = _sh(f"EXECADVISOR recommend FLAGS --json -o {path} | cat", tmp_path)
    assert piped.returncode == 0 and json.loads(piped.stdout)["recommendation"]["id"]
    assert piped.stderr == f"Wrote json report to {path}\n"


def test_a_stream_path_keeps_its_append_mode(tmp_path):
    """`-o /dev/stdout >> log` truncated the log: the file behind stdout was replaced."""
    log = tmp_path / "log"
    log.write_text("first line\n", encoding="utf-8")
    for _ in range(2):
        assert _sh("EXECADVISOR recommend FLAGS --json -o /dev/stdout >> log", tmp_path).returncode == 0
    text = log.read_text(encoding="utf-8")
    assert text.startswith("first line\n{") and text.count('"schema_version"') == 2
    assert log.stat().st_ino == os.stat(log).st_ino and _leftovers(tmp_path) == []


def test_every_output_may_name_a_stream(tmp_path):
    """--save-answers and `rules export` go the same way; a descriptor the shell opened is written
    as it is (no --force needed: nothing is overwritten)."""
    both = _sh("EXECADVISOR recommend FLAGS --json -o /dev/fd/3 --save-answers /dev/stderr 3> report.json", tmp_path)
    assert both.returncode == 0, both.stderr
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["answers"]["company_size"] == "midsize"
    assert "company_size: midsize\n" in both.stderr and both.stdout == ""
    exported = _sh("EXECADVISOR rules export /dev/stdout | head -1", tmp_path)
    assert exported.returncode == 0 and exported.stdout == "# execadvisor knowledge base.\n"


@pytest.mark.parametrize(("command", "message"), [
    ("EXECADVISOR recommend FLAGS -o /dev/fd/7", "Error: /dev/fd/7: not open: there is no file descriptor 7\n"),
    ("EXECADVISOR recommend FLAGS --save-answers /proc/self/fd/9 -o out.txt", "Error: /proc/self/fd/9: not open: there is no file descriptor 9\n"),
    ("EXECADVISOR recommend FLAGS -o /dev/stdout >&-", "Error: /dev/stdout: not open: stdout is closed\n"),
])
def test_a_stream_that_is_not_open_is_exit_2_naming_it(tmp_path, command, message):
    result = _sh(command, tmp_path)
    assert result.returncode == 2 and result.stderr == message
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "nothing written"


# --- the environment: ASCII-only streams, absurd sizes, closed standard streams -----------------------------


ASCII_ONLY = [{"PYTHONIOENCODING": "ascii"}, {"PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""}]


@pytest.mark.parametrize("env", ASCII_ONLY, ids=["PYTHONIOENCODING=ascii", "LC_ALL=C"])
@pytest.mark.parametrize("view", [[], ["--detail", "--why", "CSO"], ["--format", "markdown"]], ids=["first-screen", "detail", "memo"])
def test_an_ascii_only_stdout_gets_an_ascii_rendering(tmp_path, env, view):
    """It was an internal error (UnicodeEncodeError). rich draws ASCII boxes by itself; the
    program's own glyphs get stand-ins."""
    result = subprocess.run([console_script(), "recommend", *full_flags(), *view], cwd=tmp_path, capture_output=True, timeout=60,
                            stdin=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1", "COLUMNS": "80", **env})
    assert result.returncode == 0, result.stderr
    shown = result.stdout.decode("ascii")  # nothing but ASCII
    assert "Chief Sales Officer" in shown and "\\u" not in shown
    if view != ["--format", "markdown"]:
        assert max(map(len, shown.splitlines())) <= 80, "every stand-in takes the cell rich measured: boxes keep their edges"
    if view == ["--detail", "--why", "CSO"]:
        import re

        assert re.search(r"\| #+-+\|", shown), "score bars of # and -"
        assert re.search(r" >+ ", shown) and "* Sales strategy" in shown and "+/-25%" in shown


@pytest.mark.parametrize("command", [["roles"], ["roles", "CRO"], ["compare", "CSO", "CRO"], ["questions"]])
def test_every_view_renders_on_an_ascii_only_stdout(tmp_path, command):
    result = subprocess.run([console_script(), *command], cwd=tmp_path, capture_output=True, timeout=60, stdin=subprocess.DEVNULL,
                            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "60", "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and result.stdout.decode("ascii") and result.stderr == b""


def test_text_an_ascii_stream_cannot_show_is_escaped_as_json_spells_it(tmp_path):
    """Text from a knowledge base or a file name that the stream cannot encode is a \\uXXXX escape:
    in JSON, the same character (so the document is the same data), and never a crash on stderr."""
    from execadvisor.core.knowledge import builtin_text

    rules = tmp_path / "rules.yaml"
    rules.write_text(builtin_text().replace("    title: Chief Sales Officer", "    title: Chief Sales Officer – “Verkauf” 🚀"), encoding="utf-8")
    runs = {}
    for encoding in ("ascii", "utf-8"):
        result = subprocess.run([console_script(), "recommend", *full_flags(), "--rules", str(rules), "--json"], cwd=tmp_path,
                                capture_output=True, timeout=60, stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONIOENCODING": encoding})
        assert result.returncode == 0, result.stderr
        runs[encoding] = result.stdout
    assert runs["ascii"].isascii() and b"\\u2013 \\u201cVerkauf\\u201d \\ud83d\\ude80" in runs["ascii"]
    assert json.loads(runs["ascii"]) == json.loads(runs["utf-8"])
    missing = subprocess.run([console_script(), "recommend", "--answers", "réponses.yaml"], cwd=tmp_path, capture_output=True, timeout=60,
                             stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert missing.returncode == 2 and missing.stderr == b"Error: r\\u00e9ponses.yaml: no such file\n"


@pytest.mark.parametrize(("name", "value"), [("COLUMNS", "1000000000000"), ("LINES", "1000000000000"), ("COLUMNS", "-5"), ("LINES", "0")])
def test_absurd_terminal_sizes_are_clamped(tmp_path, name, value):
    """COLUMNS=1000000000000 was an internal error (MemoryError)."""
    result = run_script(["recommend", *full_flags(), "--detail"], cwd=tmp_path, env={name: value})
    assert result.returncode == 0, result.stderr
    width = max(len(line) for line in result.stdout.splitlines())
    assert width == {"COLUMNS": {"1000000000000": 1000, "-5": 40}.get(value, 80)}.get(name, 80)


@pytest.mark.parametrize(("command", "code", "stdout", "stderr"), [
    ("EXECADVISOR recommend FLAGS --json 0<&-", 0, '{\n  "schema_version": 2', ""),
    ("EXECADVISOR recommend --answers - 0<&-", 2, "", "Error: stdin: is closed (0<&-), so there is nothing to read\n"),
    ("EXECADVISOR batch 0<&-", 2, "", "Error: stdin: is closed (0<&-), so there is nothing to read\n"),
    ("EXECADVISOR recommend --company-size large 0<&-", 2, "", "Error: missing answers and no terminal to ask in"),
])
def test_a_closed_stdin_is_no_terminal_and_nothing_to_read(tmp_path, command, code, stdout, stderr):
    """`0<&-` was an internal error (sys.stdin is None)."""
    result = _sh(command, tmp_path)
    assert result.returncode == code and result.stdout.startswith(stdout) and result.stderr.startswith(stderr), result.stderr


def test_a_closed_stderr_changes_no_exit_code_and_puts_nothing_on_stdout(tmp_path):
    """With `2>&-` every run exited 1, a successful one too, and errors landed on stdout."""
    good = _sh("EXECADVISOR recommend FLAGS --json 2>&-", tmp_path)
    assert good.returncode == 0 and json.loads(good.stdout)["recommendation"]["id"]
    bad = _sh("EXECADVISOR recommend --company-size huge 2>&-", tmp_path)
    assert bad.returncode == 2 and bad.stdout == ""
    written = _sh("EXECADVISOR recommend FLAGS -o report.txt 2>&-", tmp_path)
    assert written.returncode == 0 and written.stdout == "" and (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("┏")


SPY_FDS = """
import os, sys
from execadvisor.cli.entry import main

real_exit = os._exit

def report_then_exit(code):
    with open(os.environ["SPY"], "w") as spy:
        spy.write(" ".join(os.path.realpath(f"/proc/self/fd/{fd}") for fd in (0, 1, 2)))
    real_exit(code)

os._exit = report_then_exit
sys.argv = ["execadvisor", *sys.argv[1:]]
main()
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_closed_standard_descriptors_are_held_by_dev_null(tmp_path):
    """A file the run opens could otherwise take the number of a closed stream, and receive what is
    written there (the "Aborted." of Ctrl-C goes straight to descriptor 2)."""
    command = f"'{sys.executable}' -c '{SPY_FDS}' recommend {' '.join(full_flags())} --json 0<&- >&- 2>&-"
    result = subprocess.run(command, shell=True, cwd=tmp_path, timeout=60, env={**os.environ, "SPY": str(tmp_path / "spy")})
    assert result.returncode == 1, "stdout is closed: the output cannot be written"
    assert (tmp_path / "spy").read_text(encoding="utf-8") == "/dev/null /dev/null /dev/null"


# --- shell completion ---------------------------------------------------------------------------------------


def _completion(args: list[str], home: Path, **env: str) -> subprocess.CompletedProcess:
    """The completion flags with HOME in a test folder: installing writes the shell's rc files there."""
    return subprocess.run([console_script(), *args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, "HOME": str(home), **env})


SHELLS = "supported: bash, zsh, fish, powershell, pwsh\n"


@pytest.mark.parametrize("flag", ["--install-completion", "--show-completion"])
def test_an_unknown_shell_is_exit_2_listing_the_supported_ones(tmp_path, flag):
    """`--install-completion nosuchshell` installed bash completion (the detected shell) and exited 0."""
    result = _completion([flag, "nosuchshell"], tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"Error: {flag}: 'nosuchshell' is not a shell execadvisor can complete in; {SHELLS}"
    assert list(tmp_path.iterdir()) == [], "nothing installed"
    detected = subprocess.run(f"'{console_script()}' {flag}", shell=True, executable="/bin/sh", capture_output=True, text=True,
                              timeout=60, env={**os.environ, "HOME": str(tmp_path)}, stdin=subprocess.DEVNULL)
    if "'sh'" in detected.stderr:  # shellingham saw the sh running it: not a shell completion is written for
        assert detected.returncode == 2 and detected.stderr == f"Error: {flag}: 'sh' is not a shell execadvisor can complete in; {SHELLS}"


def test_a_named_shell_is_the_shell_completed_in(tmp_path):
    """A shell name after the flag was ignored: `--show-completion zsh` showed the detected shell's script."""
    shown = _completion(["--show-completion", "zsh"], tmp_path)
    assert shown.returncode == 0 and shown.stdout.startswith("#compdef execadvisor") and "_EXECADVISOR_COMPLETE=complete_zsh" in shown.stdout
    installed = _completion(["--install-completion", "bash"], tmp_path)
    assert installed.returncode == 0 and installed.stdout.startswith(f"bash completion installed in {tmp_path / '.bash_completions'}")
    assert "source '" in (tmp_path / ".bashrc").read_text(encoding="utf-8")
    assert "_EXECADVISOR_COMPLETE=complete_bash" in (tmp_path / ".bash_completions" / "execadvisor.sh").read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["read-only", "a directory"])
def test_an_rc_file_that_cannot_be_written_is_named(tmp_path, how):
    """With a read-only ~/.bashrc the message was "cannot write the output: Permission denied",
    naming no file."""
    rc = tmp_path / ".bashrc"
    if how == "read-only":
        if os.geteuid() == 0:
            pytest.skip("root writes read-only files")
        rc.write_text("# mine\n", encoding="utf-8")
        rc.chmod(0o444)
    else:
        rc.mkdir()
    result = _completion(["--install-completion", "bash"], tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"Error: cannot write {rc}: {'Permission denied' if how == 'read-only' else 'Is a directory'}\n"
