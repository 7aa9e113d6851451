"""Text from outside the program is shown, never obeyed: a walk over every view and message with a
hostile knowledge base, a hostile answers file, a hostile file name and a hostile --company. Nothing
may reach the output raw that a terminal would act on (control characters, escape sequences, bidi
controls), and nothing may add a heading, a link, an image or HTML to the memo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import full_flags, run_script
from hostile_text import ATTACK, HOSTILE, hostile_knowledge, raw_controls

from execadvisor.untrusted import json_visible, markdown, visible

ROOT = Path(__file__).resolve().parents[1]
EVIL_NAME = "evil\x1b]52;c;aGk=\x07\u202e"


@pytest.fixture(scope="module")
def evil_kb(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kb")
    return hostile_knowledge(ROOT / "data" / "roles.yaml", folder / f"{EVIL_NAME}.yaml")


def _clean(result, *, allow_exit=(0,)) -> str:
    shown = result.stdout + result.stderr
    assert result.returncode in allow_exit, shown[-2000:]
    assert raw_controls(shown) == [], f"raw control characters reached the output: {raw_controls(shown)}"
    assert "Traceback" not in shown
    return shown


CASES = {
    "first screen": ["recommend", *full_flags()],
    "first screen, a tie": ["recommend", *full_flags(company_size="small", growth_stage="scaling", business_model="subscription",
                                                     revenue_streams="few", sales_marketing="integrated", priorities=["brand"],
                                                     sales_leader=False, marketing_leader=True, budget="constrained")],
    "full case": ["recommend", *full_flags(), "--detail", "--no-pager"],
    "every case": ["recommend", *full_flags(budget="constrained", sales_leader=True), "--why", "all", "--no-pager"],
    "a combination": ["recommend", *full_flags(company_size="enterprise", business_model="subscription", revenue_streams="many",
                                               sales_marketing="siloed", priorities=["brand", "lead-generation", "alignment"],
                                               sales_leader=True, marketing_leader=False), "--detail"],
    "memo": ["recommend", *full_flags(), "--format", "markdown", "--company", HOSTILE],
    "json": ["recommend", *full_flags(), "--json"],
    "roles": ["roles"],
    "one role": ["roles", "CRO"],
    "roles as JSON": ["roles", "--json"],
    "compare": ["compare", "CSO", "CRO", "CMO"],
    "validate": ["rules", "validate"],
    "path": ["path", *full_flags()],
    "path grid memo": ["path", *full_flags(), "--vary", "company-size", "--vary", "revenue-streams", "--format", "markdown",
                       "--company", HOSTILE],
    "team": ["team", "TEAM"],
    "team, full case": ["team", "TEAM", "--detail", "--no-pager"],
    "team memo": ["team", "TEAM", "--format", "markdown", "--company", HOSTILE],
}


def _team_files(folder: Path) -> list[str]:
    """Three people, one named with control characters, who disagree on what moves the pick."""
    files = []
    for name, changes in ((EVIL_NAME, {}), ("ben", {"priorities": ["brand"]}), ("cho", {"company_size": "enterprise"})):
        path = folder / f"{name}.yaml"
        args = full_flags(**changes)
        pairs = {}
        i = 0
        while i < len(args):
            flag = args[i][2:]
            if flag.startswith("no-"):
                pairs[flag[3:].replace("-", "_")] = False
                i += 1
            elif i + 1 < len(args) and not args[i + 1].startswith("--"):
                key = flag.replace("-", "_")
                key = "priorities" if key == "priority" else key
                pairs[key] = [*pairs.get(key, []), args[i + 1]] if key == "priorities" else args[i + 1]
                i += 2
            else:
                pairs[flag.replace("-", "_")] = True
                i += 1
        path.write_text(json.dumps(pairs), encoding="utf-8")
        files.append(str(path))
    return files


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_view_of_a_hostile_knowledge_base_shows_its_text_visibly(tmp_path, evil_kb, case):
    args = CASES[case]
    if "TEAM" in args:
        at = args.index("TEAM")
        args = [*args[:at], *_team_files(tmp_path), *args[at + 1:]]
    if case == "validate":
        args = [*args, str(evil_kb)]
    else:
        args = [*args, "--rules", str(evil_kb)]
    shown = _clean(run_script(args, cwd=tmp_path))
    if "memo" in case:
        assert "\\\\x1b\\]52;c;" in shown, "the hostile text is there, made visible and escaped as Markdown"
    elif case not in ("json", "roles as JSON"):
        assert "\\x1b]52;c;" in shown or "\\x1b[31m" in shown, "the hostile text is there, made visible"
    else:
        assert "\\u001b]52;c;" in shown and "\\u202e" in shown


@pytest.mark.parametrize("full", [False, True])
def test_batch_lines_carry_no_raw_control_or_bidi_character(tmp_path, evil_kb, full):
    """An echoed id and a --rules knowledge base's texts reach batch lines as JSON escapes, as they
    reach `recommend --json`."""
    from scenarios import BASE

    lines = tmp_path / "lines.jsonl"
    lines.write_text("\n".join(json.dumps({"id": ATTACK + f" {n}", **BASE}) for n in range(3)) + "\n", encoding="utf-8")
    shown = _clean(run_script(["batch", str(lines), "--rules", str(evil_kb), *(["--full"] if full else [])], cwd=tmp_path))
    out = [json.loads(line) for line in shown.splitlines()]
    assert [line["id"] for line in out] == [ATTACK + f" {n}" for n in range(3)], "the same data, safely spelled"
    assert "\\u202e" in shown and "\\u009b" in shown


@pytest.mark.parametrize("case", ["memo", "path grid memo", "team memo"])
def test_the_memo_is_escaped_as_markdown(tmp_path, evil_kb, case):
    from markdown_it import MarkdownIt

    args = CASES[case]
    if "TEAM" in args:
        at = args.index("TEAM")
        args = [*args[:at], *_team_files(tmp_path), *args[at + 1:]]
    memo = _clean(run_script([*args, "--rules", str(evil_kb)], cwd=tmp_path))
    tokens = MarkdownIt("commonmark").parse(memo)
    flat = [t for token in tokens for t in (token, *(token.children or []))]
    kinds = {t.type for t in flat}
    assert not kinds & {"link_open", "image", "html_inline", "html_block"}, kinds
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not [h for h in headings if h.startswith(("Heading", "\\"))], "no heading comes from the knowledge base"
    assert all("Heading" not in h or h.startswith(("Memo", "Why", "What")) for h in headings), headings


def test_a_hostile_answers_file_and_its_name(tmp_path):
    evil = tmp_path / f"{EVIL_NAME}.yaml"
    evil.write_text(f'company_size: large\n"{ATTACK.encode("unicode_escape").decode()}": 1\n', encoding="utf-8")
    shown = _clean(run_script(["recommend", "--answers", str(evil)], cwd=tmp_path), allow_exit=(2,))
    assert "unknown key" in shown and "\\x1b]52" in shown

    wrong = tmp_path / "wrong.yaml"
    wrong.write_text('company_size: "huge\\e]52;c;aGk=\\a"\n', encoding="utf-8")
    shown = _clean(run_script(["recommend", "--answers", str(wrong)], cwd=tmp_path), allow_exit=(2,))
    assert "is not allowed" in shown

    saved = tmp_path / "saved.yaml"
    saved.write_text(
        "company_size: small\ngrowth_stage: early\nbusiness_model: transactional\nrevenue_streams: single\n"
        "sales_marketing: separate\npriorities: [scale-sales]\nsales_leader: false\nmarketing_leader: true\nbudget: full-time\n"
        'knowledge: {name: "built-in\\e]52;c;Y3VybCBldmlsfHNo\\a\\u202e", sha256: "0123\\e[2J"}\n', encoding="utf-8")
    shown = _clean(run_script(["recommend", "--answers", str(saved), "--json"], cwd=tmp_path))
    assert "Warning: " in shown and "\\x1b]52;c;Y3VybCBldmlsfHNo\\x07<U+202E>" in shown, "the warning shows the name, visibly"


def test_hostile_file_names_in_messages(tmp_path):
    out = tmp_path / f"{EVIL_NAME}.md"
    shown = _clean(run_script(["recommend", *full_flags(), "--format", "markdown", "--output", str(out)], cwd=tmp_path))
    assert "Wrote markdown report to" in shown and out.exists()
    missing = tmp_path / f"{EVIL_NAME}-missing.yaml"
    shown = _clean(run_script(["recommend", "--answers", str(missing)], cwd=tmp_path), allow_exit=(2,))
    assert "no such file" in shown


def test_hostile_flags_in_messages(tmp_path):
    shown = _clean(run_script(["recommend", "--company-size", ATTACK], cwd=tmp_path), allow_exit=(2,))
    assert "--company-size" in shown
    shown = _clean(run_script(["recommend", f"--no-such-{ATTACK}"], cwd=tmp_path), allow_exit=(2,))
    shown = _clean(run_script(["recommend", "--x\u202eabc\x9b"], cwd=tmp_path), allow_exit=(2,))
    assert "No such option" in shown
    shown = _clean(run_script(["roles", ATTACK], cwd=tmp_path), allow_exit=(2,))
    assert "unknown role" in shown


@pytest.mark.parametrize("text", [ATTACK, HOSTILE, "plain text", "\u202e\u2066\u061c\u200e", "".join(map(chr, range(0x100)))])
def test_the_helpers(text):
    assert raw_controls(visible(text)) == []
    md = markdown(text)
    assert raw_controls(md) == [] and "\n" not in md
    document = json_visible(json.dumps({"t": text}, ensure_ascii=False))
    assert raw_controls(document) == [] and json.loads(document) == {"t": text}, "the same data, safely spelled"


def test_reports_of_a_plain_knowledge_base_need_no_display_copy(kb):
    """The views skip walking a report when its knowledge base's texts are plain: that holds only
    while a report's texts are its knowledge base's and that base's name - this test fails the day a
    report carries text from elsewhere."""
    from conftest import random_profiles

    from execadvisor.core.contract import Answers
    from execadvisor.core.scoring import recommend
    from execadvisor.views.display import for_display

    assert kb.plain_text
    for profile in random_profiles(60, seed=9):
        report = recommend(Answers.model_validate(profile), kb)
        assert for_display(report) is report
