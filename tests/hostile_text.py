"""A hostile knowledge base and hostile names: every text a person can put in a shared file, laced
with what a terminal or a Markdown renderer would obey - an OSC 52 clipboard write, a colour, BEL,
backspace, CR, a bidi override, C1 CSI - and Markdown that would add a heading, a link, an image or HTML."""

from __future__ import annotations

from pathlib import Path

import yaml

from execadvisor.untrusted import pattern

ATTACK = "\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[31m\x08\r\u202e\x9b2J"
MARKUP = "\n# Heading [link](http://evil.example) ![img](http://evil.example/i.png) <b>html</b> www.evil.example"
HOSTILE = ATTACK + MARKUP + " "
SHORT = "\x1b[31m\u202e[l](http://e.x)<b>"  # for the texts with a length limit (a tagline, a section)
LIMITS = {"tagline": 48, "section": 80}

# Keys whose values are texts, and lists whose plain strings are texts (claims), in data/roles.yaml.
TEXT_KEYS = {"title", "name", "tagline", "summary", "text", "reason", "prompt", "help", "label", "note", "also_note", "section"}
CLAIM_LISTS = {"reports_to", "scope", "responsibilities", "kpis", "background", "challenges", "choose_when", "revisit_when",
               "reporting_lines", "structure", "owns", "organisation", "reports", "fractional", "when-budget-allows", "says"}


def _laced(key: str, text: str) -> str:
    return (SHORT + text)[: LIMITS[key]] if key in LIMITS else HOSTILE + text


def _lace(node, key=None, in_claims=False):
    if isinstance(node, dict):
        return {k: (_laced(k, v) if k in TEXT_KEYS and isinstance(v, str) else
                    _lace(v, k, k in CLAIM_LISTS or (key == "meanwhile"))) for k, v in node.items()}
    if isinstance(node, list):
        return [HOSTILE + item if in_claims and isinstance(item, str) else _lace(item, key, in_claims) for item in node]
    return node


def hostile_knowledge(source: Path, target: Path) -> Path:
    """The knowledge base at `source` with every text laced; written to `target`."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    laced = _lace(data)
    laced["sources"] = [{**s, "title": HOSTILE + s["title"]} for s in data["sources"]]
    target.write_text(yaml.safe_dump(laced, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def raw_controls(text: str) -> list[str]:
    """The control characters and bidi controls that reached the output raw."""
    return sorted({f"U+{ord(c):04X}" for c in pattern("unsafe").findall(text)})
