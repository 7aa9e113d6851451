"""The scoring core: the method, its invariants, and the what-if analysis."""

from __future__ import annotations

import math

from conftest import answers_of
from hypothesis import given, settings
from strategies import answers

from execadvisor.contract import QUESTIONS
from execadvisor.scoring import neighbours, recommend, table_for


@settings(max_examples=300, deadline=None)
@given(answers)
def test_invariants_over_the_answer_space(kb, a):
    report = recommend(a, kb)
    ids = [r.id for r in report.ranking]
    assert sorted(ids) == sorted(o.id for o in kb.options), "every option is ranked exactly once"
    assert report.recommendation.id == ids[0]
    assert all(0.0 <= r.score <= 100.0 for r in report.ranking)
    assert [r.score for r in report.ranking] == sorted((r.score for r in report.ranking), reverse=True)
    assert math.isclose(report.margin, report.ranking[0].score - report.ranking[1].score, abs_tol=0.051)
    assert report.confidence == ("close-call" if report.margin < kb.settings.close_call_margin else "clear")
    for ranked in report.ranking:
        effects = sum(c.effect for c in report.rationale if c.option == ranked.id)
        assert math.isclose(ranked.baseline + effects, ranked.score, abs_tol=0.15), ranked.id
    assert report.answers == a
    assert all(c.source in {s.file for s in kb.sources} for c in report.rationale)


@settings(max_examples=150, deadline=None)
@given(answers)
def test_every_what_if_is_true_when_rerun(kb, a):
    report = recommend(a, kb)
    for item in report.what_if:
        changed = a.model_copy(update={item.question: getattr(a.model_validate({**a.as_plain(), item.question: item.answer}), item.question)})
        assert recommend(changed, kb).recommendation.id == item.recommendation != report.recommendation.id
        others = {qid for qid in QUESTIONS if qid != item.question}
        assert all(getattr(changed, q) == getattr(a, q) for q in others), "a what-if changes one answer only"


@settings(max_examples=100, deadline=None)
@given(answers)
def test_what_if_is_the_nearest_change(kb, a):
    """No nearer answer to the same question changes the pick; questions without a what-if cannot change it."""
    table = table_for(kb)
    current = recommend(a, kb).recommendation.id
    found = {w.question: w for w in recommend(a, kb).what_if}
    for qid in QUESTIONS:
        candidates = neighbours(a, kb, qid)
        flips = [text for changed, text in candidates if table.winner(changed.items()) != current]
        if qid in found:
            assert flips and flips[0] == found[qid].change
        else:
            assert not flips


def test_identical_answers_give_identical_reports(kb):
    a = answers_of(priorities=["retention", "brand"])
    assert recommend(a, kb).model_dump_json() == recommend(answers_of(priorities=["brand", "retention"]), kb).model_dump_json()


def test_combination_is_the_mean_of_its_roles_plus_its_own_rules(kb):
    report = recommend(answers_of(company_size="large", priorities=["alignment", "brand"]), kb)
    by_option: dict[str, list] = {}
    for c in report.rationale:
        by_option.setdefault(c.option, []).append(c)
    via_cro = sum(c.weight for c in by_option["CRO+CMO"] if c.via == "CRO")
    via_cmo = sum(c.weight for c in by_option["CRO+CMO"] if c.via == "CMO")
    assert math.isclose(via_cro, sum(c.weight for c in by_option["CRO"]) / 2)
    assert math.isclose(via_cmo, sum(c.weight for c in by_option.get("CMO", [])) / 2)
    own = [c for c in by_option["CRO+CMO"] if c.via is None]
    assert {c.question for c in own} >= {"company_size", "priorities"}


def test_bounds_are_reached_exactly(kb):
    """The 0-100 scale's ends are the real extremes: some questionnaire scores 0 and one scores 100."""
    table = table_for(kb)
    # The exact maximum for the CRO, built answer by answer from the table.
    best_items = []
    cro = table.option_ids.index("CRO")
    for qid, (kind, values) in QUESTIONS.items():
        ranked = sorted(values, key=lambda v: -table.points[(qid, v)][cro])
        if kind == "many":
            positive = [v for v in ranked if table.points[(qid, v)][cro] > 0][:3] or ranked[:1]
            best_items += [(qid, v) for v in positive]
        else:
            best_items.append((qid, ranked[0]))
    assert max(table.scores(table.raw(best_items))) <= 100.0
    assert table.raw(best_items)[cro] <= table.high


def test_close_call_shows_both_cases(kb, runner):
    from conftest import invoke

    close = answers_of(company_size="midsize", business_model="subscription", priorities=["brand", "retention"],
                       sales_leader=True, marketing_leader=False, budget="constrained")
    report = recommend(close, kb)
    assert report.confidence == "close-call"
    from conftest import flags_for

    result = invoke(runner, ["recommend", *flags_for(close.as_plain())], env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert "Close call" in result.stdout
    assert f"Why {kb.option(report.ranking[1].id).title}" in result.stdout


@settings(max_examples=300, deadline=None)
@given(answers)
def test_constrained_budget_never_recommends_two_executives(kb, a):
    """003: when one full-time executive is not affordable, two are not either; the fractional team is offered."""
    report = recommend(a.model_copy(update={"budget": type(a.budget)("constrained")}), kb)
    assert len(report.recommendation.roles) == 1
    assert [alt.id for alt in report.alternatives] == ["fractional-marketing-team"]
