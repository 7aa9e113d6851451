"""Text from outside the program - answers files, knowledge bases, file names, --company - is shown,
never obeyed. One rule, applied where text is shown:

- `visible(text)`: control characters (C0 other than newline and tab, DEL, C1) and bidi controls
  become visible text (`\\x1b`, `<U+202E>`), so no escape sequence, clipboard write, cursor move,
  backspace, carriage return or reordering can reach a terminal or a message;
- `markdown(text)`: that, on one line, with everything Markdown or HTML could read as markup escaped
  (headings, emphasis, links and autolinks, images, HTML, tables), for the memo;
- `json_visible(document)`: a JSON text with DEL, C1 and bidi controls written as \\u escapes (JSON
  escapes C0 itself), so printing JSON carries none of them either - the same data, safely spelled;
- `shorten(text)`: a value echoed in a message, cut short when it is long.

Plain `str` functions, no imports: every room may use them.
"""

from __future__ import annotations

import functools
import re

# C0 except tab and newline, DEL, C1; and the bidi controls (ALM, LRM, RLM, LRE..RLO, LRI..PDI).
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_PATTERNS = {
    "unsafe": f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]",
    "json": f"[\x7f-\x9f{BIDI}]",
    # Markdown: every character that can open markup anywhere in a line, a list or heading marker at
    # the start, and what GFM's autolinks look for (a scheme's "://", "www.", an e-mail's "@").
    "markup": r"[\\`*_\[\]<>&|~#!{}]",
    "line start": r"^(\s*)(?:([-+=>])|(\d+)([.)])(?=\s|$))",  # "37.2 points" opens no list; "1. x" would
    "autolink": r"(?i)(://|www\.|@)",
}


@functools.cache
def pattern(name: str) -> re.Pattern[str]:
    """One of the patterns above, compiled when first needed (compiling them all costs a few
    milliseconds that most runs never need: most text is printable and needs none)."""
    return re.compile(_PATTERNS[name])


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    return f"<U+{ord(char):04X}>" if char in BIDI else f"\\x{ord(char):02x}"


def is_plain(text: str) -> bool:
    """Whether the text is shown as it is (it has nothing `visible` would change)."""
    # isprintable: no control and no format character (the bidi controls are format characters) -
    # then certainly plain; otherwise (a newline, a tab, a soft hyphen) the pattern decides.
    return text.isprintable() or pattern("unsafe").search(text) is None


def visible(text: str) -> str:
    """The text with every control character and bidi control shown as visible text."""
    return text if is_plain(text) else pattern("unsafe").sub(_shown, text)


def markdown(text: str) -> str:
    """Untrusted text for one line of the memo: visible, whitespace (newlines too) collapsed, and
    escaped so that it cannot add a heading, a list, a link, an image, HTML or a table cell."""
    text = " ".join(visible(text).split())
    text = pattern("markup").sub(lambda m: "\\" + m.group(), text)
    text = pattern("autolink").sub(lambda m: {"://": ":\\/\\/", "@": "\\@"}.get(m.group(), m.group()[:3] + "\\."), text)
    return pattern("line start").sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"), text)


def json_visible(document: str) -> str:
    """A JSON text with DEL, C1 and bidi controls as \\uXXXX escapes: the same data, nothing raw.
    (They can only stand inside JSON strings, where the escape means the same character.)"""
    if (document.isascii() and "\x7f" not in document) or pattern("json").search(document) is None:
        return document
    return pattern("json").sub(lambda m: f"\\u{ord(m.group()):04x}", document)


MAX_SHOWN = 80


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """A value as a message echoes it: visible, and cut short with its length when it is long."""
    text = visible(text)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 3]}... ({len(text):,} characters)"
