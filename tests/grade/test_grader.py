"""grade_answer as a specification: coverage with evidence, negation, pitfalls, score bands, and a
dict layout that survives a round trip through JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gauntlet.bank.model import KeyPoint, Pitfall
from gauntlet.grade import Grade, grade_answer, prepare_question

QUESTION = "What is the difference between L1 and L2 regularisation?"
REFERENCE = (
    "L1 regularisation adds the sum of absolute weights to the loss and drives some weights to exactly zero, "
    "so it performs feature selection. L2 adds the sum of squared weights and shrinks all weights smoothly "
    "towards zero, rarely to exactly zero, which handles correlated features gracefully."
)
KEY_POINTS = (
    KeyPoint("L1 drives some weights to exactly zero, so it selects features.",
             ("sparse", "feature selection", "exactly zero")),
    KeyPoint("L2 shrinks all weights smoothly towards zero but rarely to exactly zero.", ("weight decay", "shrinks")),
    KeyPoint("L2 handles correlated features more gracefully than L1.", ("correlated features", "collinear")),
)
PITFALLS = (
    Pitfall("L2 regularisation makes the model sparse by setting weights to zero.",
            "L2 shrinks weights towards zero but almost never exactly to zero; sparsity comes from L1."),
)
GOOD = ("L1 pushes some coefficients to exactly zero, which gives a sparse model and acts as feature selection. "
        "L2 only shrinks the weights smoothly and rarely makes any of them exactly zero. With correlated "
        "features L2 spreads the weight across them, whereas L1 picks one somewhat arbitrarily.")


def grade(answer: str) -> Grade:
    return grade_answer(QUESTION, REFERENCE, answer, KEY_POINTS, PITFALLS)


def status(result: Grade) -> list[str]:
    return [k.status for k in result.key_points]


def test_a_complete_answer_covers_every_key_point_and_scores_high():
    result = grade(GOOD)
    assert status(result) == ["covered"] * 3
    assert result.score >= 4.0 and result.label in ("strong", "excellent")
    assert result.pitfall is None


def test_evidence_spans_are_offsets_into_the_answer_as_given():
    answer = "  \u200f" + GOOD  # leading spaces and an RTL mark shift every offset
    for point in grade(answer).key_points:
        assert point.span is not None
        assert answer[point.span.start: point.span.end] == point.span.text


def test_negation_does_not_count_as_coverage():
    result = grade("L1 does not produce sparse weights.")
    first = result.key_points[0]
    assert first.status == "contradicted" and first.contradicted
    assert "opposite" in first.tip
    assert result.score <= 2.5 and result.label == "wrong"


def test_a_key_point_that_contrasts_two_opposites_is_covered_not_contradicted():
    point = "Training error is low but validation error is high."
    for answer in ("The model memorises noise: training error is low, validation error is high.",
                   "Training error is low but validation error is high."):
        result = grade_answer("What is overfitting?", "Overfitting is fitting noise.", answer, key_points=[point])
        assert result.key_points[0].status == "covered" and not result.key_points[0].contradicted, answer
    # a single antonym still reads as the opposite
    result = grade_answer("What does L2 do to variance?", "L2 reduces variance.", "L2 increases variance.",
                          key_points=["L2 reduces variance."])
    assert result.key_points[0].contradicted


def test_a_clause_negating_something_else_still_covers():
    result = grade("L1 drives some weights to exactly zero, which does not happen with L2.")
    assert result.key_points[0].status == "covered"


def test_a_partial_answer_names_what_to_add():
    result = grade("L1 makes weights exactly zero, so it does feature selection.")
    assert status(result)[0] == "covered"
    missed = [k for k in result.key_points if k.status == "missed"]
    assert missed and all(k.tip.startswith("Add: ") for k in missed)
    assert result.score < grade(GOOD).score


def test_asserting_a_pitfall_is_caught_and_lowers_the_score():
    said = "L2 regularisation makes the model sparse because it sets weights to zero."
    result = grade(said)
    assert result.pitfall is not None and result.pitfall.mistake == PITFALLS[0].mistake
    assert said[result.pitfall.span.start: result.pitfall.span.end] == result.pitfall.span.text


def test_rejecting_a_pitfall_is_not_falling_into_it():
    result = grade("It is a myth that L2 makes the model sparse by setting weights to zero; only L1 does that.")
    assert result.pitfall is None


@pytest.mark.parametrize("answer", ["I like pizza and long walks on the beach.", "not answered"])
def test_off_topic_answers_score_near_zero(answer):
    result = grade(answer)
    assert result.score <= 1.0 and result.label in ("off target", "weak")


@pytest.mark.parametrize("answer", ["", "   \n\t  ", "...", "\x00\x01"])
def test_empty_answers_score_zero(answer):
    result = grade(answer)
    assert result.score == 0.0 and result.label == "empty"
    assert status(result) == ["missed"] * 3


def test_grading_without_key_points_uses_the_reference_clauses():
    result = grade_answer(QUESTION, REFERENCE, GOOD)
    assert len(result.key_points) >= 2
    assert all(k.status == "covered" for k in result.key_points), [(k.text, k.status) for k in result.key_points]


def test_plain_strings_work_as_key_points_and_pairs_as_pitfalls():
    said = "L2 makes the model sparse by setting weights to zero."
    result = grade_answer(QUESTION, REFERENCE, said, [k.text for k in KEY_POINTS],
                          [(p.mistake, p.correction) for p in PITFALLS])
    assert [k.text for k in result.key_points] == [k.text for k in KEY_POINTS]
    assert result.pitfall is not None
    assert (result.pitfall.mistake, result.pitfall.correction) == (PITFALLS[0].mistake, PITFALLS[0].correction)
    assert (result.pitfall.span.start, result.pitfall.span.end, result.pitfall.span.text) == (0, len(said), said)
    assert result.label == "wrong" and result.false_claims == 1
    assert f"In fact: {PITFALLS[0].correction}" in result.meaning  # the correction the caller passed


def test_all_five_signals_are_reported_with_evidence_or_a_tip():
    answer = GOOD + " L1 gives a smaller model, but it is less stable when features are correlated."
    result = grade(answer)
    assert [s.id for s in result.signals] == ["why", "tradeoffs", "business_impact", "data_skepticism", "examples"]
    assert all(s.tip for s in result.signals)
    tradeoffs = result.signals[1]
    assert tradeoffs.present
    assert tradeoffs.span.text == "L1 gives a smaller model, but it is less stable when features are correlated."
    assert not result.signals[2].present  # nothing about cost, users or revenue


def test_to_dict_is_json_and_round_trips():
    result = grade(GOOD + " Also, a myth: L2 makes the model sparse by setting weights to zero.")
    data = json.loads(json.dumps(result.to_dict()))
    assert Grade.from_dict(data).to_dict() == result.to_dict()
    assert set(data) >= {"score", "label", "meaning", "key_points", "signals", "pitfall", "notes", "version"}
    assert set(data["key_points"][0]) >= {"text", "status", "tip", "span"}
    assert set(data["signals"][0]) >= {"id", "name", "present", "span", "tip"}


def test_the_question_side_is_prepared_once():
    first = prepare_question(QUESTION, REFERENCE, KEY_POINTS, PITFALLS)
    assert prepare_question(QUESTION, REFERENCE, KEY_POINTS, PITFALLS) is first


def test_importing_the_package_does_not_load_numpy():
    code = "import sys, gauntlet.grade; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_an_answer_to_another_question_is_credited_with_no_signal():
    # Every signal's cue is here (why, trade-off, cost, data doubt, an example), but about pizza: praising
    # "Shows data skepticism" beside "Off target" would tell the candidate the answer was partly right.
    result = grade("For example, I prefer thin crust because it bakes faster, but the trade-off is a soggier "
                   "centre, which costs the restaurant revenue; the reviews may be biased by a small sample.")
    assert result.label in ("off target", "weak") and result.score <= 1.5
    assert not any(s.present for s in result.signals)
    assert all(s.tip.startswith("Not credited") for s in result.signals)


def test_an_answer_to_this_question_keeps_its_signals():
    result = grade(GOOD + " For example, with thousands of sparse text features L1 keeps the model small, "
                          "which cuts serving cost.")
    assert {s.id for s in result.signals if s.present} >= {"examples", "business_impact"}
