"""Interview-signal detection: the hand-labelled sets are well-formed, and the detectors keep the
quality measured on them (benchmarks/grader_asag.py prints the figures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gauntlet.grade.signals import SIGNAL_IDS, detect_signals
from gauntlet.grade.text import clean, sentences

DATA = Path(__file__).resolve().parents[1] / "data"


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def found(answer: str) -> dict[str, bool]:
    return {r.id: r.present for r in detect_signals(answer, sentences(clean(answer)))}


@pytest.mark.parametrize("name", ["signals_labelled.jsonl", "signals_heldout.jsonl"])
def test_labelled_sets_label_every_signal_for_every_answer(name):
    items = load(name)
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert set(item["signals"]) == set(SIGNAL_IDS) and item["answer"].strip()
    assert all(any(i["signals"][s] for i in items) for s in SIGNAL_IDS)


def test_development_set_has_at_least_sixty_answers():
    assert len(load("signals_labelled.jsonl")) >= 60


def test_detectors_keep_their_precision_and_recall_on_the_development_set():
    # A regression guard, not a target: these answers were used while writing the cue lists.
    items = load("signals_labelled.jsonl")
    for signal in SIGNAL_IDS:
        predicted = [found(i["answer"])[signal] for i in items]
        truth = [i["signals"][signal] for i in items]
        tp = sum(p and t for p, t in zip(predicted, truth, strict=True))
        assert tp / max(sum(predicted), 1) >= 0.8, signal
        assert tp / max(sum(truth), 1) >= 0.6, signal


@pytest.mark.parametrize("answer, signal, expected", [
    ("We minimise the cost function with gradient descent.", "business_impact", False),
    ("Dropout regularises at the cost of slower convergence.", "tradeoffs", True),
    ("Dropout regularises at the cost of slower convergence.", "business_impact", False),
    ("The new ranker lifted conversion by 3%, about $1.2M a year.", "business_impact", True),
    ("Since 2019 we have used XGBoost.", "why", False),
    ("Gradients vanish because the sigmoid saturates.", "why", True),
    ("Check whether the labels leak the outcome.", "data_skepticism", True),
    ("Models like BERT produce contextual vectors.", "examples", True),
    ("Retrain it regularly, like every week.", "examples", False),
    ("```\nif x: because = 1  # for example\n```", "why", False),  # code is not prose
])
def test_cue_cases(answer, signal, expected):
    assert found(answer)[signal] is expected


def test_evidence_is_the_sentence_that_shows_the_signal():
    answer = "Batch norm uses batch statistics. It breaks with batch size 2 because the estimates are noisy."
    [why] = [r for r in detect_signals(answer, sentences(answer)) if r.id == "why"]
    assert why.span.text == "It breaks with batch size 2 because the estimates are noisy."
    assert answer[why.span.start: why.span.end] == why.span.text
