"""No two shipped questions ask the same thing: their prompts' embeddings stay below a threshold.

Why 0.75 (cosine, all-MiniLM-L6-v2, our NumPy encoder): on the 155-question bank, the 99th percentile
of all prompt pairs is 0.43 and the closest distinct pair scores 0.72 (two churn scenarios that share
their setting but ask different things: the accuracy paradox and calibration), while a question and a
light rewording of it score 0.78-0.95 (the calibration pairs below). 0.75 sits between the two. Looser
paraphrases can score lower (a rewording that changes the vocabulary scored 0.43), so this test
catches duplicates written by copy-and-edit, not every possible overlap: that is the reviewer's job
(docs/content-review.md).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from gauntlet.bank import load_bank

THRESHOLD = 0.75
REWORDINGS = [
    ("Explain the bias-variance tradeoff.", "Can you walk me through the trade-off between bias and variance?"),
    ("How does a Transformer use self-attention?", "Explain how self-attention works inside a Transformer."),
    ("Why do gradients vanish or explode in deep networks?",
     "What causes vanishing and exploding gradients when training deep nets?"),
]


@pytest.fixture(scope="module")
def encoder():
    from gauntlet.grade.encoder import get_encoder

    return get_encoder()


def test_the_threshold_catches_reworded_duplicates(encoder):
    for a, b in REWORDINGS:
        ea, eb = encoder.embed([a, b])
        assert float(ea @ eb) >= THRESHOLD, (a, b)


def prompt_embeddings(encoder, prompts: list[str]) -> np.ndarray:
    """The prompts' embeddings, kept between runs in the test cache folder by text and model (encoding
    the whole bank's prompts took 20-50 s of a fast suite that should take under a minute)."""
    import hashlib
    import os
    from pathlib import Path

    from gauntlet.grade.model_files import model_zip_path, zip_fingerprint

    store = Path(os.environ["GAUNTLET_CACHE"]) / f"prompt-embeddings-{zip_fingerprint(model_zip_path())}.npz"
    known = dict(np.load(store)) if store.exists() else {}
    keys = [hashlib.sha256(p.encode("utf-8")).hexdigest() for p in prompts]
    missing = [i for i, k in enumerate(keys) if k not in known]
    if missing:
        for i, vector in zip(missing, encoder.embed([prompts[i] for i in missing]), strict=True):
            known[keys[i]] = vector
        store.parent.mkdir(parents=True, exist_ok=True)
        temporary = store.with_suffix(".tmp.npz")
        np.savez(temporary, **known)
        temporary.replace(store)
    return np.stack([known[k] for k in keys])


@pytest.mark.slow  # embeds every prompt of the bank: seconds on a fresh clone
def test_no_two_shipped_prompts_are_near_duplicates(encoder):
    questions = load_bank().questions
    embeddings = prompt_embeddings(encoder, [q.prompt for q in questions])
    similarity = embeddings @ embeddings.T
    too_close = [(questions[i].id, questions[j].id, round(float(similarity[i, j]), 3))
                 for i, j in itertools.combinations(range(len(questions)), 2) if similarity[i, j] >= THRESHOLD]
    assert too_close == []
    assert np.isfinite(similarity).all()
