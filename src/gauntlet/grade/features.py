"""The numbers the score model reads: how close the answer is to the reference, in meaning and words.

Every feature is a function of (question, reference, answer[, key points]) alone, so the same code
computes them for the human-graded data the model is fit on and for a user's answer in the product.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gauntlet.grade import text as textlib
from gauntlet.grade.analysis import EncodedText

# Chosen by grouped cross-validation on the human-graded dev set (benchmarks/grader_asag.py); every
# one measures how much of the reference the answer says, in meaning or in words, after "question
# demoting": words the question already contains earn nothing when the answer repeats them.
FEATURE_NAMES = (
    "sim_reference_demoted",  # cosine of mean content-word vectors, answer vs reference
    "bertscore_recall",  # each reference content piece: its best match among the answer's pieces
    "bertscore_precision",  # each answer content piece: its best match among the reference's pieces
    "aligned_fraction",  # share of reference content pieces with a close match (cosine >= 0.7)
    "unit_coverage",  # each reference unit (key point or clause): its best answer span, averaged
)
ALIGNED_THRESHOLD = 0.7
# Off-topic gate: answers whose embedding is about as close to the reference and the question as an
# unrelated sentence is ("I like pizza", "not answered") get their score scaled towards 0. The model
# alone cannot learn this: the human-graded data has almost no off-topic answers. Bounds chosen by
# grouped CV among a handful of candidates (benchmarks/grader_asag.py reports with the gate applied).
RELEVANCE_FLOOR = 0.05
RELEVANCE_FULL = 0.15


def relevance_gate(relevance: float) -> float:
    """1 for on-topic answers, falling linearly to 0 as relevance drops from RELEVANCE_FULL to the floor."""
    return float(min(max((relevance - RELEVANCE_FLOOR) / (RELEVANCE_FULL - RELEVANCE_FLOOR), 0.0), 1.0))


@dataclass(frozen=True)
class ReferenceUnits:
    """The points a full answer makes: key points when the question has them, else the reference's
    clauses. ``embeddings`` (k, 384) are normalised; ``stems`` are each unit's content stems."""

    texts: tuple[str, ...]
    embeddings: np.ndarray
    stems: tuple[frozenset[str], ...]


def units_from_reference(reference: EncodedText) -> ReferenceUnits:
    chosen = [i for i, s in enumerate(reference.spans) if s.kind == "clause"]
    sentences = [i for i, s in enumerate(reference.spans) if s.kind == "sentence"]
    # Use a sentence's clauses where it has them, the sentence itself otherwise.
    covered_by_clauses = {i for i in sentences
                          if any(reference.spans[c].start >= reference.spans[i].start
                                 and reference.spans[c].end <= reference.spans[i].end for c in chosen)}
    indices = sorted(chosen + [i for i in sentences if i not in covered_by_clauses],
                     key=lambda i: reference.spans[i].start)
    if not indices:
        return ReferenceUnits((reference.text,), reference.embedding[None, :],
                              (frozenset(textlib.content_stems(reference.text)),))
    texts = tuple(reference.text[reference.spans[i].start: reference.spans[i].end] for i in indices)
    return ReferenceUnits(texts, reference.span_embeddings[indices],
                          tuple(frozenset(textlib.content_stems(t)) for t in texts))


def _content_mask(piece_words: list[str], exclude: frozenset[str]) -> np.ndarray:
    return np.array([bool(w) and w not in textlib.STOPWORDS and textlib.stem(w) not in exclude
                     for w in piece_words], dtype=bool)


def compute_features(
    answer: EncodedText,
    reference: EncodedText,
    question_stems: frozenset[str],
    units: ReferenceUnits,
    question_embedding: np.ndarray | None = None,
) -> dict[str, float]:
    """The FEATURE_NAMES values for one answer against one reference (all in [-1, 1], mostly [0, 1]),
    plus ``relevance``: the answer's cosine to the reference or the question, whichever is higher."""
    features = dict.fromkeys(FEATURE_NAMES, 0.0)
    relevance = float(answer.embedding @ reference.embedding)
    if question_embedding is not None:
        relevance = max(relevance, float(answer.embedding @ question_embedding))
    features["relevance"] = relevance
    answer_mask = _content_mask(answer.piece_words, question_stems)
    reference_mask = _content_mask(reference.piece_words, question_stems)
    if answer_mask.any() and reference_mask.any():
        a = _unit_rows(answer.pieces[answer_mask])
        r = _unit_rows(reference.pieces[reference_mask])
        # Mean of the raw piece vectors (what mean pooling does), not of the normalised rows.
        features["sim_reference_demoted"] = float(_unit(answer.pieces[answer_mask].mean(axis=0))
                                                  @ _unit(reference.pieces[reference_mask].mean(axis=0)))
        similarity = r @ a.T
        best_for_reference = similarity.max(axis=1)
        features["bertscore_recall"] = float(best_for_reference.mean())
        features["bertscore_precision"] = float(similarity.max(axis=0).mean())
        features["aligned_fraction"] = float((best_for_reference >= ALIGNED_THRESHOLD).mean())
    if len(answer.spans) and len(units.texts):
        features["unit_coverage"] = float((units.embeddings @ answer.span_embeddings.T).max(axis=1).mean())
    return features


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def _unit_rows(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms > 0, norms, 1.0)


def feature_vector(features: dict[str, float]) -> np.ndarray:
    return np.array([features[name] for name in FEATURE_NAMES], dtype=np.float64)
