"""Our NumPy encoder against the reference implementation (sentence-transformers on PyTorch).

Slow, and needs a separate environment with torch==2.13.0 and sentence-transformers (the default
install has no PyTorch); skipped where they are absent. The reference loads the same extracted
model folder from the cache, offline: nothing is fetched from a model hub.
"""

from __future__ import annotations

import itertools
import os

import numpy as np
import pytest

BASE = [
    "Batch norm normalises each feature across the examples in a mini-batch.",
    "Layer norm normalises each example across its own features.",
    "L1 does not produce sparse weights.",
    "L1 drives some weights to exactly zero.",
    "Why does my validation loss go up while the training loss keeps going down?",
    "The model memorised the training set.",
    "Precision = TP / (TP + FP); recall = TP / (TP + FN).",
    "p99 latency went from 80 ms to 310 ms after the 2.3.1 release!",
    "We cut serving cost by 40% by distilling BERT-base into a 6-layer student.",
    "Selection bias: the logged clicks only cover items the old ranker showed.",
    "def sigmoid(x): return 1 / (1 + np.exp(-x))",
    "SELECT user_id, COUNT(*) FROM events GROUP BY 1 HAVING COUNT(*) > 10;",
    "注意力机制让每个词都能看到其他词。",
    "التعلم الآلي يحتاج إلى بيانات نظيفة.",
    "L'apprentissage automatique nécessite des données propres et représentatives.",
    "Maschinelles Lernen braucht saubere Daten — und viele davon.",
    "Машинное обучение требует чистых данных.",
    "🔥 The GPU is on fire 🔥 but the loss is NaN 😭",
    "a",
    "",
    "   ",
    "OK.",
    "Don't shuffle time-series data before splitting it!!!",
    "e.g. k-NN, t-SNE, UMAP, k-means++ and DBSCAN",
    "The quick brown fox jumps over the lazy dog.",
    "colour, behaviour, normalisation (British) vs color, behavior, normalization (American)",
    "Ｆｕｌｌｗｉｄｔｈ ｃｈａｒａｃｔｅｒｓ and accents: naïve café résumé",
    "Tab\tseparated\tvalues and\nnew lines\r\nin one string",
    "\u200fright-to-left mark and zero\u200bwidth space",
    "x" * 300,
]
SUBJECTS = ["gradient descent", "the attention layer", "a random forest", "the feature store", "our fraud model",
            "k-means", "the A/B test", "dropout", "the tokenizer", "PCA"]
VERBS = ["overfits when", "breaks because", "is cheaper than the alternative if", "needs monitoring since",
         "fails silently whenever"]
TAILS = ["the data drifts.", "labels leak from the future.", "the batch size is 2.",
         "users change behaviour after a UI update, which costs revenue.",
         "nobody checks the inputs; " + "it keeps going and going " * 12 + "until the budget runs out."]


def sentences() -> list[str]:
    generated = [f"{s.capitalize()} {v} {t}" for s, v, t in itertools.product(SUBJECTS, VERBS, TAILS)]
    rng = np.random.default_rng(0)
    picked = [generated[i] for i in rng.choice(len(generated), size=200, replace=False)]
    return BASE + picked


@pytest.mark.slow
def test_numpy_encoder_matches_sentence_transformers(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    pytest.importorskip("torch")
    sentence_transformers = pytest.importorskip("sentence_transformers")
    from gauntlet.grade.encoder import get_encoder

    encoder = get_encoder()
    texts = sentences()
    assert len(texts) >= 200
    assert all(encoder.count_pieces(t) <= 254 for t in texts)  # within the reference's 256-token window
    reference_model = sentence_transformers.SentenceTransformer(str(encoder.folder), device="cpu")
    assert reference_model.max_seq_length == 256
    expected = reference_model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    ours = encoder.embed(texts)
    cosines = np.sum(ours * expected, axis=1) / np.linalg.norm(expected, axis=1)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.9999, f"cosine {cosines[worst]:.6f} for {texts[worst]!r}"
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
