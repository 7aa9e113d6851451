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

import re

# C0 except tab and newline, DEL, C1; and the bidi controls (ALM, LRM, RLM, LRE..RLO, LRI..PDI).
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
UNSAFE = re.compile(f"[{_UNSAFE}]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    return f"<U+{ord(char):04X}>" if _BIDI.match(char) else f"\\x{ord(char):02x}"


def visible(text: str) -> str:
    """The text with every control character and bidi control shown as visible text."""
    return UNSAFE.sub(_shown, text) if UNSAFE.search(text) else text


def is_plain(text: str) -> bool:
    """Whether the text is shown as it is (it has nothing `visible` would change)."""
    return UNSAFE.search(text) is None


# Markdown: every character that can open markup anywhere in a line, a list or heading marker at the
# start, and what GFM's autolinks look for (a scheme's "://", "www.", an e-mail's "@").
_MARKUP = re.compile(r"[\\`*_\[\]<>&|~#!{}]")
_LINE_START = re.compile(r"^(\s*)(?:([-+=>])|(\d+)([.)]))")
_AUTOLINK = re.compile(r"(?i)(://|www\.|@)")


def markdown(text: str) -> str:
    """Untrusted text for one line of the memo: visible, whitespace (newlines too) collapsed, and
    escaped so that it cannot add a heading, a list, a link, an image, HTML or a table cell."""
    text = " ".join(visible(text).split())
    text = _MARKUP.sub(lambda m: "\\" + m.group(), text)
    text = _AUTOLINK.sub(lambda m: {"://": ":\\/\\/", "@": "\\@"}.get(m.group(), m.group()[:3] + "\\."), text)
    return _LINE_START.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"), text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_visible(document: str) -> str:
    """A JSON text with DEL, C1 and bidi controls as \\uXXXX escapes: the same data, nothing raw.
    (They can only stand inside JSON strings, where the escape means the same character.)"""
    if _JSON_UNSAFE.search(document) is None:
        return document
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


MAX_SHOWN = 80


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """A value as a message echoes it: visible, and cut short with its length when it is long."""
    text = visible(text)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 3]}... ({len(text):,} characters)"
