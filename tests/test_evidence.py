"""Evidence weighed: every rule's grade checked against the words of its section, and the weights
that follow the grades. The grading table below quotes, for every rule, the passage it rests on.

- recommends: the article says to choose (or, for a negative weight, not to choose) this option in
  this situation. The entry also quotes the advice itself ("A CSO may be the better choice in the
  following situations:"), which must read as advice.
- describes: the article says what the role does or owns; the passage holds no advice.
- infers: the advisor's own reading of the passage - a contrast, a negative drawn from a condition
  stated the other way round, a direction read into a neutral passage, a proxy.
"""

from __future__ import annotations

import re

import pytest
from test_knowledge import _article_lines, seeds_beside_the_checkout

ADVICE = re.compile(
    r"may need|might need|may require|might benefit|may be the better|may find|can leverage|is the right choice"
    r"|Consider hiring|scenarios where a CRO is beneficial|might not be feasible|both roles can complement each other"
)

CSO_SCENARIOS = "A CSO may be the better choice in the following situations:"
CRO_SCENARIOS = "A CRO may be the better fit in the following scenarios:"
CRO_CHOICE = "Here are some scenarios where a CRO is beneficial"
CMO_CHOICE = "Consider hiring a CMO if:"
SIZE = "Larger organizations may require a CRO to oversee multiple revenue streams"
SMALLER = "smaller companies might need a CSO to focus on sales growth"
MODEL_CRO = "a subscription-based model may require a CRO to manage recurring revenue"
CHANNELS = "Companies with multiple revenue channels (e.g., product, services, and partnerships) may need a CRO to orchestrate"
BOTH = "In larger organizations or those with complex needs, both roles can complement each other"
COEXIST = "both roles can coexist in larger organizations, with the CSO reporting to the CRO or vice versa"
EVOLVE = "a CSO can potentially evolve into a CRO role as the organization grows and its revenue streams become more complex"
CSO_POST = "a CRO may create a CSO position to focus on specific sales channels or markets"
CSO_SPHERE = "their sphere of influence is predominantly within the sales department"
ASSESS = "Assess whether your organization already has a strong sales leadership or requires a more holistic approach"
SATISFACTION_CMO = "A CMO is valuable for companies focusing on maintaining long-term customer relationships and improving customer satisfaction"
BUDGET = "hiring full-time executives like a CRO or CMO might not be feasible"

# (question, answer, option, grade, the passage the rule rests on, the advice quoted for `recommends`)
GRADES = [
    ("company_size", "startup", "CSO", "recommends", SMALLER, SMALLER),
    ("company_size", "startup", "CRO", "infers", SIZE, None),
    ("company_size", "small", "CSO", "recommends", SMALLER, SMALLER),
    ("company_size", "small", "CRO", "infers", SIZE, None),
    ("company_size", "large", "CRO", "recommends", SIZE, SIZE),
    ("company_size", "enterprise", "CRO", "recommends", SIZE, SIZE),
    ("company_size", "startup", "CRO+CMO", "infers", BOTH, None),
    ("company_size", "small", "CRO+CMO", "infers", BOTH, None),
    ("company_size", "midsize", "CRO+CMO", "infers", BOTH, None),
    ("company_size", "large", "CRO+CMO", "recommends", BOTH, BOTH),
    ("company_size", "enterprise", "CRO+CMO", "recommends", BOTH, BOTH),
    ("company_size", "startup", "CRO+CSO", "infers", COEXIST, None),
    ("company_size", "small", "CRO+CSO", "infers", COEXIST, None),
    ("company_size", "midsize", "CRO+CSO", "infers", COEXIST, None),
    ("company_size", "large", "CRO+CSO", "describes", COEXIST, None),
    ("company_size", "enterprise", "CRO+CSO", "describes", COEXIST, None),
    ("growth_stage", "early", "CSO", "infers", EVOLVE, None),
    ("growth_stage", "mature", "CRO", "infers", EVOLVE, None),
    ("business_model", "transactional", "CSO", "recommends", "A transactional business might benefit from a CSO",
     "A transactional business might benefit from a CSO"),
    ("business_model", "transactional", "CRO", "infers", MODEL_CRO, None),
    ("business_model", "subscription", "CRO", "recommends", MODEL_CRO, MODEL_CRO),
    ("business_model", "subscription", "CSO", "infers", MODEL_CRO, None),
    ("business_model", "hybrid", "CRO", "infers", MODEL_CRO, None),
    ("revenue_streams", "single", "CSO", "infers", EVOLVE, None),
    ("revenue_streams", "single", "CRO", "infers", CHANNELS, None),
    ("revenue_streams", "few", "CRO", "recommends", CHANNELS, CHANNELS),
    ("revenue_streams", "many", "CRO", "recommends", CHANNELS, CHANNELS),
    ("revenue_streams", "many", "CRO+CMO", "infers", BOTH, None),
    ("revenue_streams", "many", "CRO+CSO", "describes", CSO_POST, None),
    ("sales_marketing", "separate", "CSO", "recommends",
     "If your organization has a distinct sales and marketing structure, a CSO can focus on sales-specific strategies", CSO_SCENARIOS),
    ("sales_marketing", "integrated", "CRO", "describes",
     "The CRO's scope is broader, and they require a more integrated team structure", None),
    ("sales_marketing", "integrated", "CSO", "infers", CSO_SPHERE, None),
    ("sales_marketing", "siloed", "CRO", "recommends",
     "If your sales and marketing teams are working in silos, a CRO can break down barriers", CRO_CHOICE),
    ("sales_marketing", "siloed", "CSO", "infers", "The CSO's primary focus is on sales", None),
    ("sales_marketing", "siloed", "CRO+CMO", "describes", "With both roles in place, sales and marketing teams work in tandem", None),
    ("priorities", "scale-sales", "CSO", "recommends",
     "If your organization needs to rapidly scale its sales team or refine its sales processes, a CSO can help drive growth",
     CSO_SCENARIOS),
    ("priorities", "sales-expertise", "CSO", "recommends",
     "If your sales team requires specialized expertise (e.g., industry-specific knowledge), a CSO with a strong sales "
     "background can provide guidance", CSO_SCENARIOS),
    ("priorities", "sales-expertise", "CRO+CSO", "describes", CSO_POST, None),
    ("priorities", "retention", "CRO", "recommends",
     "Companies prioritizing customer retention and expansion may find a CRO's holistic approach to revenue management more effective",
     CRO_SCENARIOS),
    ("priorities", "retention", "CMO", "recommends", SATISFACTION_CMO, CMO_CHOICE),
    ("priorities", "alignment", "CRO", "recommends",
     "Organizations seeking to harmonize their customer-facing teams can leverage a CRO's cross-functional expertise", CRO_SCENARIOS),
    ("priorities", "alignment", "CSO", "infers", CSO_SPHERE, None),
    ("priorities", "new-revenue-streams", "CRO", "recommends",
     "A CRO can optimize existing revenue streams and identify new ones, driving continuous growth", CRO_CHOICE),
    ("priorities", "brand", "CMO", "recommends",
     "When establishing or strengthening your brand in the marketplace is the priority, a CMO can create marketing initiatives",
     CMO_CHOICE),
    ("priorities", "lead-generation", "CMO", "recommends",
     "If lead generation is critical to your business model, a CMO will develop campaigns that attract and nurture qualified prospects",
     CMO_CHOICE),
    ("priorities", "market-expansion", "CCO", "describes", "They're tasked with identifying new market opportunities, driving market growth",
     None),
    ("priorities", "market-expansion", "CMO", "describes", "Go-to-Market Strategy: Focuses on launching new products or entering new markets",
     None),
    ("priorities", "market-expansion", "CRO", "describes", "Identifying new market opportunities and developing strategies to capitalize on them",
     None),
    ("priorities", "partnerships", "CCO", "describes", "building relationships with key business partners", None),
    ("priorities", "partnerships", "CRO", "describes",
     "Strategic Partnerships: Fosters partnerships that can lead to new revenue streams and business expansion", None),
    ("priorities", "partnerships", "CSO", "describes",
     "The CSO manages the company’s sales channels, including direct sales, indirect sales, and partnerships", None),
    ("priorities", "customer-experience", "CRO", "recommends",
     "For companies focusing on improving customer retention and satisfaction, a CRO’s attention to the entire customer journey",
     CRO_CHOICE),
    ("priorities", "customer-experience", "CMO", "recommends", SATISFACTION_CMO, CMO_CHOICE),
    ("priorities", "customer-experience", "CCXO", "describes",
     "A Chief Customer Officer (CCO) is responsible for creating and implementing the customer experience strategy", None),
    ("sales_leader", "yes", "CSO", "infers", ASSESS, None),
    ("sales_leader", "yes", "CRO", "infers", ASSESS, None),
    ("sales_leader", "no", "CSO", "infers", ASSESS, None),
    ("marketing_leader", "yes", "CMO", "infers", "Overlapping roles and unclear responsibilities between executives can lead to "
     "disjointed decision-making", None),
    ("marketing_leader", "no", "CMO", "infers", "A CMO is essential when you need expertise in sophisticated marketing strategies", None),
    ("budget", "constrained", "CRO+CMO", "recommends", BUDGET, BUDGET),
    ("budget", "constrained", "CRO+CSO", "recommends", BUDGET, BUDGET),
]
INFERS_CAP = 3.0  # an `infers` rule corrects at the margin: at most this many raw points either way


def _rule(kb, question, answer, option):
    [rule] = [r for r in kb.rules if (r.question, r.answer, r.option) == (question, answer, option)]
    return rule


def _near(source: str, section: str, text: str, before: int = 3, after: int = 12) -> bool:
    """Whether `text` is said at `section` of the article: on the section's line, or a few lines
    around it (a heading's list, or the scenarios line above a list item)."""
    lines = _article_lines(source)
    at = next(i for i, line in enumerate(lines) if line == section or line.startswith(section))
    return any(text in line for line in lines[max(0, at - before):at + after])


def test_the_grading_table_covers_every_rule_once(kb):
    assert sorted((q, a, o) for q, a, o, *_ in GRADES) == sorted((r.question, r.answer, r.option) for r in kb.rules)


@pytest.mark.parametrize(("question", "answer", "option", "grade", "passage", "advice"), GRADES,
                         ids=[f"{q}={a}->{o}" for q, a, o, *_ in GRADES])
def test_every_grade_is_the_one_its_section_supports(kb, question, answer, option, grade, passage, advice):
    """The rule's grade is the one in the table, and the table's quotation is what the cited section
    says: advice where the grade is `recommends`, no advice where it is `describes`."""
    seeds_beside_the_checkout()
    rule = _rule(kb, question, answer, option)
    assert rule.evidence == grade
    assert _near(rule.source, rule.section, passage), f"{passage!r} is not said at {rule.source} {rule.section!r}"
    if grade == "recommends":
        assert advice and ADVICE.search(advice) and _near(rule.source, rule.section, advice), advice
    else:
        assert advice is None
    if grade == "describes":
        assert not ADVICE.search(passage), f"{passage!r} is advice, not a description"
    if grade == "infers":
        assert abs(rule.weight) <= INFERS_CAP, f"an inference of {rule.weight:+g} decides rather than corrects"


def test_what_is_described_never_outweighs_what_is_recommended(kb):
    """domain.md 'Grading the evidence': for the same answer, no `describes` rule weighs more than a
    `recommends` rule, and no `infers` rule more than either."""
    answers = {(r.question, r.answer) for r in kb.rules}
    for question, answer in answers:
        rules = [r for r in kb.rules if (r.question, r.answer) == (question, answer)]
        weight = {g: [abs(r.weight) for r in rules if r.evidence == g] for g in ("recommends", "describes", "infers")}
        if weight["recommends"]:
            assert max(weight["describes"], default=0) <= min(weight["recommends"]), (question, answer)
            assert max(weight["infers"], default=0) <= min(weight["recommends"]), (question, answer)


def test_no_reason_of_a_pair_contradicts_a_reason_of_its_members(kb):
    """A combination's case shows its members' cases beside its own: no answer may count against a
    member ("a CMO would leave the gap with sales in place") and for the pair that includes it
    ("with both roles in place, sales and marketing work in tandem")."""
    for option in (o for o in kb.options if o.is_combination):
        for rule in (r for r in kb.rules if r.option == option.id and r.weight > 0):
            against = [r for r in kb.rules if (r.question, r.answer) == (rule.question, rule.answer) and r.option in option.roles
                       and r.weight < 0]
            assert not against, f"{option.id}: {rule.reason!r} beside {[r.reason for r in against]}"


@pytest.mark.parametrize(("text", "claim"), [
    ("most favours", "000 lists its CSO scenarios without ranking them"),
    ("you lack", "the answers say only that no strong marketing leader is in place"),
    ("first thing to weigh", "000 lists the current structure fourth among its factors"),
    ("would leave the gap", "003 does not say what a CMO leaves undone"),
])
def test_no_text_says_more_than_its_section(kb, text, claim):
    """The overclaims found in issue 15 are gone from every reason and every note."""
    from test_knowledge import _cited

    for where, said, _, _ in _cited(kb):
        assert text not in said, f"{where}: {claim}"


# --- over the answer space -----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from strategies import answers  # noqa: E402

from execadvisor.core.scoring import recommend  # noqa: E402


@pytest.fixture(scope="module")
def kb_without_inferred(kb):
    """The built-in knowledge base with every `infers` rule dropped, loaded as a user's file would be."""
    import yaml

    from execadvisor.core.knowledge import builtin_text, parse_knowledge

    data = yaml.safe_load(builtin_text())
    data["rules"] = [r for r in data["rules"] if r["evidence"] != "infers"]
    return parse_knowledge(data, "without-inferred.yaml")


@settings(max_examples=300, deadline=None)
@given(answers)
def test_what_the_pick_rests_on_is_true(kb, kb_without_inferred, a):
    """recommendation.evidence is the split by grade of the points that lifted the pick (its
    counted positive rows); robustness.without_inferred is what scoring without the `infers` rules
    really gives (null for a tie); where it differs, the pick is never clear."""
    report = recommend(a, kb)
    rec = report.recommendation
    lifted = [c for c in report.rationale if c.option == rec.id and c.effect > 0]
    total = sum(c.weight for c in lifted)
    shares = rec.evidence.model_dump()
    for grade, share in shares.items():
        expected = sum(c.weight for c in lifted if c.evidence == grade) / total if total else 0.0
        assert abs(share - expected) <= 0.0015, (grade, share, expected)
    assert abs(sum(shares.values()) - (1.0 if total else 0.0)) < 1e-9

    again = recommend(a, kb_without_inferred)
    assert report.robustness.without_inferred == (None if again.confidence == "tie" else again.recommendation.id)
    if report.robustness.without_inferred != rec.id:
        assert report.confidence != "clear"


@settings(max_examples=300, deadline=None)
@given(answers)
def test_cases_are_whole_and_consistent(kb, a):
    """Every rationale row carries its grade; a combination's case holds both members' cases and no
    answer counts for the pair and against a member at once; the runner-up is named only when a
    rule moved it; no Chief Customer Officer while retention is a priority (003 gives retention and
    satisfaction to a CRO)."""
    report = recommend(a, kb)
    assert all(c.evidence in ("recommends", "describes", "infers") for c in report.rationale)
    for option in (o for o in kb.options if o.is_combination):
        rows = [c for c in report.rationale if c.option == option.id]
        for role in option.roles:
            assert [c.reason for c in rows if c.via == role] == [c.reason for c in report.rationale if c.option == role]
        pair_for = {(c.question, str(c.answer)) for c in rows if c.via is None and c.weight > 0}
        member_against = {(c.question, str(c.answer)) for c in rows if c.via and c.weight < 0}
        assert not pair_for & member_against
    after = report.ranking[1].id
    moved = any(c.option == after and c.effect for c in report.rationale)
    assert report.runner_up == (after if moved else None)
    if "retention" in [p.value for p in a.priorities]:
        assert "CCXO" not in (report.tied or [report.recommendation.id])


@settings(max_examples=150, deadline=None)
@given(answers)
def test_the_memo_says_what_the_pick_rests_on(kb, a):
    """The memo says the footing, never names a runner-up without a case, and every reason it cites
    says how strongly its source says it."""
    from execadvisor.views.markdown import render_markdown
    from execadvisor.views.words import GRADE_WORDS, footing_text, option_name

    report = recommend(a, kb)
    memo = render_markdown(report, kb)
    assert f"**Evidence:** {footing_text(report, kb)}" in memo
    if report.runner_up is None and report.confidence != "tie":
        assert "no other option has a case" in memo
        assert f"ahead of {option_name(kb, report.ranking[1].id)}" not in memo
    cited = [line for line in memo.splitlines() if line.startswith("- ") and (": +" in line or ": -" in line)]
    assert cited or not report.rationale
    for line in cited:
        assert "for the reason given above" in line or any(f"*({words} " in line for words in GRADE_WORDS.values()), line
