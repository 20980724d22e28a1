"""Any input at all: the grader never raises, never hangs, and every span it reports indexes the
answer exactly as given. The Hypothesis test (slow suite) runs 2,000 generated answers."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gauntlet.bank.model import KeyPoint, Pitfall
from gauntlet.grade import Grade, grade_answer

QUESTION = "Why do Transformers use layer norm rather than batch norm?"
REFERENCE = ("Layer norm normalises each example across its own features, so it does not depend on the batch and "
             "behaves the same in training and inference; sequences vary in length and contain padding.")
KEY_POINTS = (KeyPoint("Layer norm normalises each example across its own features.", ("per example", "per token")),
              KeyPoint("Layer norm does not depend on batch size.", ("batch size",)),
              KeyPoint("Sequences vary in length and contain padding.", ("variable length", "padding")))
PITFALLS = (Pitfall("Layer norm is just batch norm applied per layer.", "They normalise over different axes."),)


def check(answer: str) -> Grade:
    result = grade_answer(QUESTION, REFERENCE, answer, KEY_POINTS, PITFALLS)
    if result.score is None:  # not English: a note, never a made-up score
        assert result.findings == ("not_english",) and "English" in result.meaning
        assert not result.key_points and result.label == "not graded"
    else:
        assert 0.0 <= result.score <= 5.0
        assert len(result.key_points) == 3 and len(result.signals) == 5
    spans = [k.span for k in result.key_points] + [s.span for s in result.signals]
    spans += [result.pitfall.span] if result.pitfall else []
    for span in spans:
        if span is not None:
            assert 0 <= span.start <= span.end <= len(answer)
            assert answer[span.start: span.end] == span.text
    json.dumps(result.to_dict())  # always serialisable (lone surrogates are escaped by json)
    return result


EDGE_CASES = {
    "empty": "",
    "whitespace": " \t\n\r\n   \u3000",
    "control characters": "layer\x00norm\x07 is per\x1bexample\x7f.",
    "lone surrogates": "\ud800 layer norm \udfff normalises per example \ud83d.",
    "rtl and bidi marks": "\u200fLayer norm\u202e normalises each example\u202c. مرحبا بالعالم.",
    "cjk": "层归一化对每个样本的特征进行归一化，不依赖批大小。",
    "emoji": "🔥🔥 layer norm 🧠 per example 👍🏽👩‍💻",
    "code block": ("Here:\n```python\nx = (x - x.mean(-1, keepdims=True)) / x.std(-1, keepdims=True)\n```\n"
                   "That is layer norm."),
    "unterminated fence": "```\nprint('no end",
    "markdown": "- **Layer norm**: per example\n- *Batch norm*: per feature\n\n1. padding\n2) variable length",
    "only punctuation": "?!?!... ;;; ,,, ---",
    "one long word": "a" * 5000,
    "html": "<script>alert('x')</script> layer norm &amp; batch norm",
}


@pytest.mark.parametrize("answer", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_edge_cases_grade_without_error(answer):
    check(answer)


PATHOLOGICAL_MEGABYTES = {
    "prose": ("Layer norm normalises per example, but batch norm depends on the batch. " * 14_000)[:1_000_000],
    "dots": "." * 1_000_000,
    "digits": "1." * 500_000,
    "abbreviations": "e.g. " * 200_000,
    "repeated cue": "but " * 250_000,
    "cjk": "数据模型。" * 200_000,
}


FAST_MEGABYTES = ("prose", "dots")  # the rest run in the slow suite: each embeds the full piece budget


@pytest.mark.parametrize("answer", [
    pytest.param(text, id=name, marks=() if name in FAST_MEGABYTES else pytest.mark.slow)
    for name, text in PATHOLOGICAL_MEGABYTES.items()
])
@pytest.mark.slow
def test_a_megabyte_answer_is_graded_quickly_and_says_it_was_long(answer):
    started = time.perf_counter()
    result = check(answer)
    # ~1 s on an idle core; the bound only catches super-linear blow-ups (it was minutes before).
    assert time.perf_counter() - started < 60
    if any(ch.isalnum() for ch in answer):
        assert any("very long" in note for note in result.notes)


@pytest.mark.slow
def test_a_long_answer_is_embedded_in_full_up_to_the_budget():
    sentence = "Layer norm normalises each example across its own features, independent of the batch. "
    result = check("Filler about something else entirely, like cooking pasta. " * 60 + sentence)
    assert not result.notes  # ~700 words: well inside the budget, nothing cut
    assert result.key_points[0].status == "covered"  # found at the very end


WORDS = st.sampled_from(["layer", "norm", "batch", "because", "not", "padding", "per", "example", "but", "cost",
                         "users", "leakage", "e.g.", "1.5%", "$3", "L1", "GroupNorm", "```", "\n", ".", ",", ";"])
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=400)  # includes surrogates
MIXED = st.lists(st.one_of(WORDS, ANY_TEXT.map(lambda s: s[:20])), max_size=80).map(" ".join)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(ANY_TEXT, MIXED))
def test_any_generated_answer_grades(answer):
    check(answer)
