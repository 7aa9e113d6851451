"""Walk the whole answer space (567,000 questionnaires) through `execadvisor batch`, twice.

Checks every result: no error, exactly one recommendation (the top of a ranking that holds every
option once), scores within 0-100, scores that equal baseline + the sum of the rules' effects
(recomputed here straight from the knowledge base's rules, not from the scorer's tables), the
0-100 scale's ends actually reached, and the same output bytes on the second run. Counts every
implausible outcome (each must be 0, or the run fails): an unqualified full-time pick on a
constrained budget, a fractional team that does not fit, a filled seat not named, a tie shown as
a win, a combination at a startup or a small company (or a CRO+CSO below a large one), and a
Chief Customer Officer nobody asked for. Prints how many questionnaires each option wins, as a
Markdown table for the README.

    python benchmarks/answer_space.py
"""

from __future__ import annotations

import collections
import hashlib
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _shared import SIZE, all_profiles, console_script  # noqa: E402

from execadvisor.knowledge import builtin_knowledge  # noqa: E402
from execadvisor.scoring import table_for  # noqa: E402


def oracle(kb):
    """Raw points per option straight from the rules: own rules, plus for a combination the weaker
    of its member roles' points."""
    single = {o.roles[0]: o.id for o in kb.options if len(o.roles) == 1}
    members = {o.id: [single[r] for r in o.roles if r in single] for o in kb.options if len(o.roles) > 1}
    rules = collections.defaultdict(list)
    for rule in kb.rules:
        rules[(rule.question, rule.answer)].append(rule)

    def raw(answers: dict) -> dict[str, float]:
        pairs = [(q, v) for q, v in answers.items() if q != "priorities"] + [("priorities", p) for p in answers["priorities"]]
        pairs = [(q, ("yes" if v else "no") if isinstance(v, bool) else v) for q, v in pairs]
        own = collections.Counter()
        for pair in pairs:
            for rule in rules[pair]:
                own[rule.option] += rule.weight
        return {o.id: own[o.id] + (min(own[m] for m in members[o.id]) if o.id in members else 0) for o in kb.options}

    return raw


IMPLAUSIBLE = {
    "full-time pick on a constrained budget": "staffing is full-time although the budget is constrained",
    "misfitting fractional team": "a fractional marketing team offered or used where it fills no role and marketing is led",
    "filled seat not named": "a CSO (or CMO) picked over strong sales (or marketing) leadership without saying so",
    "tie shown as a win": "the top two scores are equal but confidence is not 'tie'",
    "combination where the sources do not place one": "two executives at a startup or small company, or a CRO+CSO below large",
    "Chief Customer Officer nobody asked for": "a CCXO pick without customer experience among the priorities",
}


def implausible(result: dict, profile: dict) -> list[str]:
    """The names (keys of IMPLAUSIBLE) of every implausible thing in one batch result."""
    found = []
    roles, staffing, alternatives = result["roles"], result["staffing"], result["alternatives"]
    constrained = profile["budget"] == "constrained"
    if constrained and staffing == "full-time" or not constrained and staffing != "full-time":
        found.append("full-time pick on a constrained budget")
    fills = bool({"CRO", "CMO"} & set(roles))
    fits = fills or not profile["marketing_leader"]
    if ("fractional-marketing-team" in alternatives and not fits) or (staffing == "fractional") != (constrained and fills):
        found.append("misfitting fractional team")
    seats = [r for r in roles if (r == "CSO" and profile["sales_leader"]) or (r == "CMO" and profile["marketing_leader"])]
    if result["existing"] != seats:
        found.append("filled seat not named")
    if (result["margin"] == 0.0) != (result["confidence"] == "tie"):
        found.append("tie shown as a win")
    if len(roles) > 1 and (profile["company_size"] in ("startup", "small") or profile["budget"] == "constrained"
                           or result["recommendation"] == "CRO+CSO" and profile["company_size"] == "midsize"):
        found.append("combination where the sources do not place one")
    if result["recommendation"] == "CCXO" and "customer-experience" not in profile["priorities"]:
        found.append("Chief Customer Officer nobody asked for")
    return found


def feed(stdin) -> None:
    for profile in all_profiles():
        stdin.write((json.dumps(profile) + "\n").encode())
    stdin.close()


def walk(kb, check: bool) -> tuple[str, collections.Counter, dict]:
    table = table_for(kb)
    raw_of = oracle(kb)
    option_ids = {o.id for o in kb.options}
    digest, wins, stats = hashlib.sha256(), collections.Counter(), collections.Counter()
    low, high = 100.0, 0.0
    proc = subprocess.Popen([console_script(), "batch", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    writer = threading.Thread(target=feed, args=(proc.stdin,), daemon=True)
    writer.start()
    for n, (line, profile) in enumerate(zip(proc.stdout, all_profiles()), start=1):
        digest.update(line)
        if not check:
            continue
        result = json.loads(line)
        problems = []
        if "error" in result or result.get("line") != n:
            problems.append(f"error or out of order: {result}")
        else:
            ranking = result["ranking"]
            if {r["id"] for r in ranking} != option_ids or len(ranking) != len(option_ids) or result["recommendation"] != ranking[0]["id"]:
                problems.append("not exactly one recommendation over every option")
            scores = [r["score"] for r in ranking]
            if not all(0.0 <= s <= 100.0 for s in scores) or scores != sorted(scores, reverse=True):
                problems.append(f"scores out of range or order: {scores}")
            low, high = min(low, *scores), max(high, *scores)
            raw = raw_of(profile)
            for r in ranking:
                expected = table.baseline + raw[r["id"]] * table.scale
                if abs(expected - r["score"]) > 0.06:
                    problems.append(f"{r['id']}: score {r['score']} but baseline + effects = {expected:.3f}")
            wins[result["recommendation"]] += 1
            stats["close"] += result["confidence"] == "close-call"
            stats["tie"] += result["confidence"] == "tie"
            for name in implausible(result, profile):
                stats[name] += 1
        if problems:
            proc.kill()
            sys.exit(f"questionnaire {n} {profile}: " + "; ".join(problems))
    proc.wait()
    writer.join()
    if check and not (low == 0.0 and high == 100.0):
        sys.exit(f"the 0-100 scale is not exact: lowest score {low}, highest {high}")
    stats["lines"] = n
    return digest.hexdigest(), wins, stats


def main() -> None:
    kb = builtin_knowledge()
    start = time.perf_counter()
    first, wins, stats = walk(kb, check=True)
    checked = time.perf_counter() - start
    start = time.perf_counter()
    second, _, _ = walk(kb, check=False)
    again = time.perf_counter() - start
    if stats["lines"] != SIZE:
        sys.exit(f"walked {stats['lines']:,} questionnaires, expected {SIZE:,}")
    if first != second:
        sys.exit("the second run's output differs from the first")
    print(f"walked all {SIZE:,} questionnaires through `execadvisor batch`: no error, one recommendation each, "
          "scores within 0-100 with both ends reached, every score = baseline + its rules' effects, "
          f"identical output twice (sha256 {first[:16]}...)")
    print(f"checked run {checked:.1f} s; plain second run {again:.1f} s ({SIZE / again:,.0f} questionnaires/s)")
    print(f"close calls (by margin): {stats['close'] / SIZE:.1%} of the space; ties: {stats['tie']:,} ({stats['tie'] / SIZE:.1%})\n")
    print("| implausible outcome | count |\n|---|---:|")
    for name in IMPLAUSIBLE:
        print(f"| {name} | {stats[name]:,} |")
    print("\n| option | wins | share |\n|---|---:|---:|")
    for option in kb.options:
        print(f"| {option.id} | {wins[option.id]:,} | {wins[option.id] / SIZE:.1%} |")
    if any(stats[name] for name in IMPLAUSIBLE):
        sys.exit("implausible outcomes found (see the table above)")


if __name__ == "__main__":
    main()
