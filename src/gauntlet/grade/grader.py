"""Grade one answer: the public core function and its convenience for bank questions.

``grade_answer(question, reference, answer, key_points=None, pitfalls=())`` works for any question,
in the bank or not. Everything about the question side (reference, key points, pitfalls) is encoded
once and kept in a small in-process cache, so grading a second answer to the same question costs
one encoder pass over the answer plus a few milliseconds.

The score is ``max`` over references of the calibrated score model: the reference answer itself and,
when the question has key points, the key points read as one compact reference. Taking the better of
several references is the usual way to grade against more than one correct phrasing; the compact one
matters for long model answers, which no good spoken answer repeats in full. Two penalties that the
human-graded data cannot teach are applied on top, as policy: -1 for asserting a known pitfall, and
-0.5 per key point the answer contradicts (at most -1).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from gauntlet.grade import text as textlib
from gauntlet.grade.analysis import EncodedText, encode_text
from gauntlet.grade.calibration import ScoreModel, load_score_model
from gauntlet.grade.coverage import PreparedKeyPoint, match_key_points, prepare_key_point
from gauntlet.grade.encoder import SentenceEncoder, get_encoder
from gauntlet.grade.features import ReferenceUnits, compute_features, units_from_reference
from gauntlet.grade.pitfalls import PreparedPitfall, find_pitfall
from gauntlet.grade.result import Grade, describe_score
from gauntlet.grade.signals import MAX_SCANNED_CHARS, detect_signals

PITFALL_PENALTY = 1.0
CONTRADICTION_PENALTY = 0.5
MAX_CONTRADICTION_PENALTY = 1.0
PREPARED_CACHE_SIZE = 256


@dataclass(frozen=True)
class PreparedQuestion:
    """The question side of grading, encoded once."""

    question_stems: frozenset[str]
    question_embedding: np.ndarray
    references: tuple[EncodedText, ...]  # the reference answer, then the key points as one text
    units: ReferenceUnits
    key_points: tuple[PreparedKeyPoint, ...]
    pitfalls: tuple[PreparedPitfall, ...]


def _as_pair(point) -> tuple[str, tuple[str, ...]]:
    if isinstance(point, str):
        return point, ()
    return str(point.text), tuple(str(s) for s in getattr(point, "synonyms", ()) or ())


def _as_pitfall(pitfall) -> tuple[str, str]:
    if isinstance(pitfall, (tuple, list)):
        return str(pitfall[0]), str(pitfall[1])
    return str(pitfall.mistake), str(pitfall.correction)


_CACHE: "OrderedDict[str, PreparedQuestion]" = OrderedDict()
_CACHE_LOCK = threading.Lock()


def prepare_question(question: str, reference: str, key_points: Sequence | None = None, pitfalls: Sequence = (),
                     encoder: SentenceEncoder | None = None) -> PreparedQuestion:
    """Encode the question side (cached by content). ``key_points``: KeyPoint objects or strings;
    ``pitfalls``: Pitfall objects or (mistake, correction) pairs."""
    points = [_as_pair(p) for p in (key_points or []) if _as_pair(p)[0].strip()]
    traps = [_as_pitfall(p) for p in pitfalls]
    key = hashlib.sha256(json.dumps([question, reference, points, traps]).encode("utf-8", "surrogatepass")).hexdigest()
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    prepared = _prepare(question, reference, points, traps, encoder or get_encoder())
    with _CACHE_LOCK:
        _CACHE[key] = prepared
        while len(_CACHE) > PREPARED_CACHE_SIZE:
            _CACHE.popitem(last=False)
    return prepared


def _prepare(question: str, reference: str, points: list[tuple[str, tuple[str, ...]]], traps: list[tuple[str, str]],
             encoder: SentenceEncoder) -> PreparedQuestion:
    reference_encoded = encode_text(encoder, reference)
    references = [reference_encoded]
    # A correction is compared whole and, when it has several sentences or clauses, part by part.
    correction_parts = [[c] + _parts(c) for _, c in traps]
    single_texts = [p[0] for p in points] + [m for m, _ in traps] + [part for parts in correction_parts for part in parts]
    singles = encoder.embed(single_texts) if single_texts else np.zeros((0, encoder.hidden), np.float32)
    if points:
        # Blank lines make each key point its own sentence for the compact reference.
        references.append(encode_text(encoder, "\n\n".join(p[0] for p in points)))
        embeddings = singles[: len(points)]
        units = ReferenceUnits(tuple(p[0] for p in points), embeddings,
                               tuple(frozenset(textlib.content_stems(p[0])) for p in points))
        prepared_points = tuple(prepare_key_point(text, synonyms, embeddings[i]) for i, (text, synonyms) in enumerate(points))
    else:
        # No key points given: the reference's own clauses stand in for them.
        units = units_from_reference(reference_encoded)
        prepared_points = tuple(prepare_key_point(text, (), units.embeddings[i]) for i, text in enumerate(units.texts))
    mistake_vectors = singles[len(points): len(points) + len(traps)]
    at = len(points) + len(traps)
    prepared_traps = []
    for i, (mistake, correction) in enumerate(traps):
        parts = singles[at: at + len(correction_parts[i])]
        at += len(correction_parts[i])
        prepared_traps.append(PreparedPitfall(mistake, correction, mistake_vectors[i], parts, textlib.is_negated(mistake)))
    return PreparedQuestion(frozenset(textlib.content_stems(question)), encoder.embed([question])[0], tuple(references), units,
                            prepared_points, tuple(prepared_traps))


def _parts(text: str) -> list[str]:
    cleaned = textlib.clean(text)
    pieces = [cleaned[a:b] for segment in textlib.sentences(cleaned) for a, b in textlib.clauses(segment)]
    return pieces if len(pieces) > 1 else []


def grade_answer(question: str, reference: str, answer: str, key_points: Sequence | None = None,
                 pitfalls: Sequence = (), score_model: ScoreModel | None = None) -> Grade:
    """Grade ``answer`` to ``question`` against ``reference`` (and key points/pitfalls when known).

    Never raises on any answer text (empty, huge, any script, control characters, lone surrogates).
    Raises ``SentenceModelMissingError`` if the sentence model package is not installed.
    """
    answer = answer if isinstance(answer, str) else str(answer)
    encoder = get_encoder()
    prepared = prepare_question(question, reference, key_points, pitfalls, encoder)
    encoded = encode_text(encoder, answer)
    signals = detect_signals(answer, encoded.segments)
    coverage = match_key_points(encoded, list(prepared.key_points), answer)
    notes = []
    if encoded.truncated:
        notes.append(f"The answer is very long: only its first {len(textlib.words(encoded.text[:encoded.embedded_chars])):,} "
                     f"words were compared for meaning"
                     + (f", and its first {MAX_SCANNED_CHARS:,} characters searched for interview signals."
                        if len(answer) > MAX_SCANNED_CHARS else "."))
    if not textlib.words(encoded.text):
        label, meaning = "empty", "Empty: there is nothing to grade yet."
        return Grade(0.0, label, meaning, coverage, signals, None, tuple(notes))

    model = score_model or load_score_model()
    best_score, best_features = -1.0, {}
    for features in answer_features(prepared, encoded):
        score = model.score(features)
        if score > best_score:
            best_score, best_features = score, features
    pitfall = find_pitfall(encoded, list(prepared.pitfalls), answer)
    score = best_score
    if pitfall is not None:
        score -= PITFALL_PENALTY
        notes.append("Score lowered by 1 for the pitfall below.")
    contradictions = sum(1 for k in coverage if k.contradicted)
    if contradictions:
        score -= min(CONTRADICTION_PENALTY * contradictions, MAX_CONTRADICTION_PENALTY)
        notes.append("Score lowered for saying the opposite of a key point.")
    score = float(min(max(score, 0.0), 5.0))
    label, meaning = describe_score(score)
    return Grade(score, label, meaning, coverage, signals, pitfall, tuple(notes), features=best_features)


def answer_features(prepared: PreparedQuestion, encoded: EncodedText) -> list[dict[str, float]]:
    """The score model's features of an encoded answer, once per reference of the question."""
    return [compute_features(encoded, reference, prepared.question_stems, prepared.units, prepared.question_embedding)
            for reference in prepared.references]


def grade_question(question, answer: str) -> Grade:
    """Grade an answer to a bank ``Question`` (its prompt, model answer, key points and pitfalls)."""
    return grade_answer(question.prompt, question.model_answer, answer, question.key_points, question.pitfalls)


def prepare_bank_question(question) -> PreparedQuestion:
    """Encode the question side of a bank ``Question`` now, so its first grade costs what later ones do."""
    return prepare_question(question.prompt, question.model_answer, question.key_points, question.pitfalls)
