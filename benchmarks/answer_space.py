"""Walk the whole answer space (567,000 questionnaires) through `execadvisor batch`, twice.

Checks every result: no error, exactly one recommendation (the top of a ranking that holds every
option once), scores within 0-100, scores that equal baseline + the sum of the rules' effects
(recomputed here straight from the knowledge base's rules, not from the scorer's tables), the
runner-up named only when some rule moved it and the pick without the advisor's own readings
(`infers` rules) - both recomputed from the rules too - the 0-100 scale's ends actually reached,
and the same output bytes on the second run. Counts every implausible outcome (each must be 0, or
the run fails), how many picks rest on what the articles recommend, on what they describe or
partly on the advisor's own reading, and how many questionnaires each option wins, as Markdown
tables for the README.

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

from execadvisor.core.knowledge import EVIDENCE, builtin_knowledge  # noqa: E402
from execadvisor.core.scoring import table_for  # noqa: E402


def oracle(kb):
    """Per option, straight from the rules: raw points (own rules, plus for a combination the weaker
    of its member roles' points), raw points without `infers` rules, whether any rule that counts
    moved it, and the positive points by grade that count for it."""
    single = {o.roles[0]: o.id for o in kb.options if len(o.roles) == 1}
    members = {o.id: [single[r] for r in o.roles if r in single] for o in kb.options if len(o.roles) > 1}
    rules = collections.defaultdict(list)
    for rule in kb.rules:
        rules[(rule.question, rule.answer)].append(rule)

    def raw(answers: dict) -> tuple[dict[str, float], dict[str, float], dict[str, bool], dict[str, dict[str, float]]]:
        pairs = [(q, v) for q, v in answers.items() if q != "priorities"] + [("priorities", p) for p in answers["priorities"]]
        pairs = [(q, ("yes" if v else "no") if isinstance(v, bool) else v) for q, v in pairs]
        own, kept, moved = collections.Counter(), collections.Counter(), collections.Counter()
        lift = collections.defaultdict(collections.Counter)
        for pair in pairs:
            for rule in rules[pair]:
                own[rule.option] += rule.weight
                kept[rule.option] += rule.weight if rule.evidence != "infers" else 0.0
                moved[rule.option] += rule.weight != 0
                lift[rule.option][rule.evidence] += max(rule.weight, 0.0)
        counted = {o.id: [o.id] + ([min(members[o.id], key=lambda m: own[m])] if o.id in members else []) for o in kb.options}
        return ({o.id: own[o.id] + (min(own[m] for m in members[o.id]) if o.id in members else 0) for o in kb.options},
                {o.id: kept[o.id] + (min(kept[m] for m in members[o.id]) if o.id in members else 0) for o in kb.options},
                {o.id: any(moved[c] for c in counted[o.id]) for o in kb.options},
                {o.id: {g: sum(lift[c][g] for c in counted[o.id]) for g in EVIDENCE} for o in kb.options})

    return raw


def lead(kb, table, raw: dict[str, float]) -> str | None:
    """The top option on `table`'s scale (scores rounded to tenths, ties to the first listed), or
    None when the top score is shared."""
    scores = [(round((raw[o.id] - table.low) * table.scale, 1), o.id) for o in kb.options]
    best = max(s for s, _ in scores)
    top = [oid for s, oid in scores if s == best]
    return top[0] if len(top) == 1 else None


IMPLAUSIBLE = {
    "full-time pick on a constrained budget": "`staffing` is `full-time` on a constrained budget (or anything else on a full-time one)",
    "fractional staffing of anything but a CMO": "`staffing: fractional` for a pick that is not a CMO - 003's team is a marketing team",
    "fractional team at a large company or beside a marketing leader": "the fractional marketing team offered at a large or "
    "enterprise company (003: \"For smaller companies or startups\") or where a strong marketing leader is in place",
    "misfitting fractional team": "the team offered where no option it speaks for (a CMO, or a CRO's marketing part) is picked "
    "or tied, or missing where one is",
    "filled seat not named": "a seat of the pick (CSO, CMO) has a strong leader already and `existing` does not say exactly that",
    "tie leaving a tied option's filled seat out": "in a tie, `existing` misses a filled seat of a tied option",
    "tie shown as a win": "equal top scores with `confidence` other than `tie`",
    "combination where the sources do not place one": "two executives on a constrained budget, a CRO+CSO below a large company, "
    "or a CRO+CMO at a startup or small company without many revenue streams (003: \"larger organizations or those with complex "
    "needs\")",
    "Chief Customer Officer nobody asked for": "a CCXO pick without customer experience among the priorities",
    "Chief Customer Officer while retention is a priority": "a CCXO pick (or tie) with retention among the priorities "
    "(003 gives retention and satisfaction to a CRO)",
    "unmoved runner-up named": "`runner_up` names an option that no rule moved from its baseline",
}

FOOTING = {
    "recommends": "what the articles recommend",
    "describes": "mostly what the articles describe roles doing",
    "infers": "mostly the advisor's reading, and the pick holds without it",
    "inference decides": "partly the advisor's reading: without it the pick changes",
    "nothing": "nothing lifted it: every other option was pushed lower",
    "tie": "a tie - no pick",
}


def footing(result: dict, lift: dict[str, float]) -> str:
    """What the pick rests on (the keys of FOOTING), as every view says it."""
    if result["confidence"] == "tie":
        return "tie"
    if result["without_inferred"] != result["recommendation"]:
        return "inference decides"
    if not any(lift.values()):
        return "nothing"
    return max(EVIDENCE, key=lift.__getitem__)


def implausible(result: dict, profile: dict) -> list[str]:
    """The names (keys of IMPLAUSIBLE) of every implausible thing in one batch result."""
    found = []
    roles, staffing, alternatives = result["roles"], result["staffing"], result["alternatives"]
    constrained = profile["budget"] == "constrained"
    smaller = profile["company_size"] in ("startup", "small", "midsize")
    top = result["ranking"][0]["score"]
    shown = [r["id"] for r in result["ranking"] if r["score"] == top] if result["confidence"] == "tie" else [result["recommendation"]]
    shown_roles = {role for option in shown for role in option.split("+")}
    if constrained and staffing == "full-time" or not constrained and staffing != "full-time":
        found.append("full-time pick on a constrained budget")
    if staffing == "fractional" and roles != ["CMO"]:
        found.append("fractional staffing of anything but a CMO")
    offered = "fractional-marketing-team" in alternatives
    if offered and (not smaller or profile["marketing_leader"]):
        found.append("fractional team at a large company or beside a marketing leader")
    if offered != (constrained and smaller and not profile["marketing_leader"] and bool({"CRO", "CMO"} & shown_roles)):
        found.append("misfitting fractional team")
    seats = [r for r in ("CSO", "CMO") if r in shown_roles and profile["sales_leader" if r == "CSO" else "marketing_leader"]]
    if result["existing"] != seats:
        found.append("tie leaving a tied option's filled seat out" if result["confidence"] == "tie" else "filled seat not named")
    if (result["margin"] == 0.0) != (result["confidence"] == "tie"):
        found.append("tie shown as a win")
    if len(roles) > 1 and (constrained or result["recommendation"] == "CRO+CSO" and profile["company_size"] not in ("large", "enterprise")
                           or result["recommendation"] == "CRO+CMO" and profile["company_size"] in ("startup", "small")
                           and profile["revenue_streams"] != "many"):
        found.append("combination where the sources do not place one")
    if result["recommendation"] == "CCXO" and "customer-experience" not in profile["priorities"]:
        found.append("Chief Customer Officer nobody asked for")
    if "CCXO" in shown and "retention" in profile["priorities"]:
        found.append("Chief Customer Officer while retention is a priority")
    return found


def feed(stdin) -> None:
    for profile in all_profiles():
        stdin.write((json.dumps(profile) + "\n").encode())
    stdin.close()


def walk(kb, check: bool) -> tuple[str, collections.Counter, dict, collections.Counter]:
    table = table_for(kb)
    raw_of = oracle(kb)
    option_ids = {o.id for o in kb.options}
    digest, wins, stats, footings = hashlib.sha256(), collections.Counter(), collections.Counter(), collections.Counter()
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
            raw, kept, moved, lift = raw_of(profile)
            for r in ranking:
                expected = table.baseline + raw[r["id"]] * table.scale
                if abs(expected - r["score"]) > 0.06:
                    problems.append(f"{r['id']}: score {r['score']} but baseline + effects = {expected:.3f}")
            if result["without_inferred"] != lead(kb, table.kept, kept):
                problems.append(f"without_inferred {result['without_inferred']} but the rules without 'infers' give {lead(kb, table.kept, kept)}")
            after = ranking[1]["id"]
            if result["runner_up"] is not None and not moved[result["runner_up"]]:
                stats["unmoved runner-up named"] += 1
            elif result["runner_up"] != (after if moved[after] else None):
                problems.append(f"runner_up {result['runner_up']}, but the option after the pick is {after}, moved: {moved[after]}")
            wins[result["recommendation"]] += 1
            footings[footing(result, lift[result["recommendation"]])] += 1
            stats["close"] += result["confidence"] == "close-call"
            stats["tie"] += result["confidence"] == "tie"
            stats["clear by margin, changes without inference"] += (result["confidence"] == "clear"
                                                                   and result["without_inferred"] != result["recommendation"])
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
    return digest.hexdigest(), wins, stats, footings


def main() -> None:
    kb = builtin_knowledge()
    start = time.perf_counter()
    first, wins, stats, footings = walk(kb, check=True)
    checked = time.perf_counter() - start
    start = time.perf_counter()
    second, _, _, _ = walk(kb, check=False)
    again = time.perf_counter() - start
    if stats["lines"] != SIZE:
        sys.exit(f"walked {stats['lines']:,} questionnaires, expected {SIZE:,}")
    if first != second:
        sys.exit("the second run's output differs from the first")
    print(f"walked all {SIZE:,} questionnaires through `execadvisor batch`: no error, one recommendation each, "
          "scores within 0-100 with both ends reached, every score = baseline + its rules' effects, "
          f"identical output twice (sha256 {first[:16]}...)")
    print(f"checked run {checked:.1f} s; plain second run {again:.1f} s ({SIZE / again:,.0f} questionnaires/s)")
    print(f"close calls (by margin): {stats['close'] / SIZE:.1%} of the space; ties: {stats['tie']:,} ({stats['tie'] / SIZE:.1%}); "
          f"clear by margin but changed without the advisor's readings (a close call in the full report): "
          f"{stats['clear by margin, changes without inference']:,}\n")
    print("| implausible outcome | count |\n|---|---:|")
    for name in IMPLAUSIBLE:
        print(f"| {name} | {stats[name]:,} |")
    picks = SIZE - footings["tie"]
    print("\n| the pick rests on | questionnaires | share of picks |\n|---|---:|---:|")
    for key, words in FOOTING.items():
        if key != "tie":
            print(f"| {words} | {footings[key]:,} | {footings[key] / picks:.1%} |")
    print(f"| (ties, no pick) | {footings['tie']:,} | |")
    print("\n| option | wins | share |\n|---|---:|---:|")
    for option in kb.options:
        print(f"| {option.id} | {wins[option.id]:,} | {wins[option.id] / SIZE:.1%} |")
    if any(stats[name] for name in IMPLAUSIBLE):
        sys.exit("implausible outcomes found (see the table above)")


if __name__ == "__main__":
    main()
