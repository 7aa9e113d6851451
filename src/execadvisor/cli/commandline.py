"""The command lines the program prints: the one that repeats a run, the one that resumes it -
each word quoted for the shell, visibly."""

from __future__ import annotations

from execadvisor.core.contract import Answers, answer_flags


def flag_words(*pairs: tuple[str, object]) -> list[str]:
    """Command-line words for the flags given: a value, each of a list, or a flag that is on."""
    words: list[str] = []
    for flag, value in pairs:
        if value is None or value is False or value == []:
            continue
        if value is True:
            words.append(flag)
        elif isinstance(value, list):
            words += [word for item in value for word in (flag, str(item))]
        else:
            words += [flag, str(value)]
    return words


def command_line(answers: Answers, extra: tuple[str, ...] = ()) -> str:
    """The `execadvisor recommend ...` command that gives exactly these answers (and `extra`), quoted
    for the shell."""
    return shell_words(["execadvisor", "recommend", *answer_flags(answers.as_plain()), *extra])


def shell_words(words: list[str]) -> str:
    """Words as one shell command line, each quoted as it needs: plainly where it can be
    (`shlex.quote`), and as $'...' (bash, zsh, ksh) where it holds a control character or a
    bidi control - so the line is both visible and exactly the words given."""
    import shlex

    from execadvisor.untrusted import is_plain

    def quoted(word: str) -> str:
        if is_plain(word):
            return shlex.quote(word)
        escaped = "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 or ord(c) == 0x7F else f"\\u{ord(c):04x}" if not is_plain(c)
                          else "\\" + c if c in "\\'" else c for c in word)
        return f"$'{escaped}'"

    return " ".join(quoted(word) for word in words)
