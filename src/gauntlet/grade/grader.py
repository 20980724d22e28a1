"""Grade one answer: the public core function and its convenience for bank questions.

``grade_answer(question, reference, answer, key_points=None, pitfalls=())`` works for any question,
in the bank or not. Everything about the question side (reference, key points, pitfalls, their claims)
is encoded once and kept in a small in-process cache, so grading a second answer to the same question
costs one encoder pass over the answer plus a few milliseconds.

The grader judges claims (docs/grading-rubric.md). For each key point it finds whether the answer
asserts it, asserts its opposite or leaves it out (``coverage``), whether the answer asserts a known
pitfall (``pitfalls``), and what kind of answer it is (``answer_kinds``: "I don't know", a list of
terms, code only, the question copied, another language; ``neighbours``: an answer to another bank
question). The score (``scoring``) is a function of that evidence, capped by what the rubric caps, and
the words shown with it are computed from the same evidence.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from gauntlet.grade import answer_kinds, prepared_cache
from gauntlet.grade import claims as claimlib
from gauntlet.grade import text as textlib
from gauntlet.grade.analysis import EncodedText, encode_text
from gauntlet.grade.blas import one_blas_thread
from gauntlet.grade.coverage import PreparedKeyPoint, match_key_points, missed_tip, prepare_key_point, span_words
from gauntlet.grade.encoder import SentenceEncoder, get_encoder
from gauntlet.grade.features import ReferenceUnits, compute_features, units_from_reference
from gauntlet.grade.neighbours import bank_index, question_fingerprint
from gauntlet.grade.pitfalls import PreparedPitfall, find_pitfall, prepare_pitfall
from gauntlet.grade.result import Grade, KeyPointResult
from gauntlet.grade.scoring import ScoreInputs, judge
from gauntlet.grade.signals import MAX_SCANNED_CHARS, detect_signals
from gauntlet.grade.subjects import with_subject_pairs
from gauntlet.grade.truths import ReferenceStatements, reference_statements, restatement_check

if TYPE_CHECKING:
    from gauntlet.bank.model import KeyPoint, Pitfall, Question

# A key point as the preparation reads it: text, synonyms, contrasting pairs, wrong wordings.
_Point = tuple[str, tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]

# Prepared questions kept in memory (about 1 MB each): the whole shipped bank (282 questions) and users'
# own with room to spare, so a server's warm-up never evicts what it prepared first.
PREPARED_CACHE_SIZE = 512


@dataclass(frozen=True)
class PreparedQuestion:
    """The question side of grading, encoded once."""

    question: str
    question_id: str
    fingerprint: str
    question_embedding: np.ndarray
    reference: EncodedText
    units: ReferenceUnits
    key_points: tuple[PreparedKeyPoint, ...]
    pitfalls: tuple[PreparedPitfall, ...]
    oppositions: tuple[claimlib.Opposition, ...]
    statements: ReferenceStatements  # the reference's claims: what a span restating them says is true
    has_key_points: bool  # False when the reference's clauses stand in for key points


def _as_point(point: str | KeyPoint) -> _Point:
    if isinstance(point, str):
        return point, (), (), ()
    return (str(point.text), tuple(str(s) for s in getattr(point, "synonyms", ()) or ()),
            tuple((str(a), str(b)) for a, b in getattr(point, "contrasts", ()) or ()),
            tuple(str(w) for w in getattr(point, "wrong", ()) or ()))


def _as_pitfall(pitfall: Pitfall | tuple[str, str] | list[str]) -> tuple[str, str]:
    if isinstance(pitfall, (tuple, list)):
        return str(pitfall[0]), str(pitfall[1])
    return str(pitfall.mistake), str(pitfall.correction)


_CACHE: OrderedDict[str, PreparedQuestion] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def prepare_question(question: str, reference: str, key_points: Sequence[str | KeyPoint] | None = None,
                     pitfalls: Sequence[Pitfall | tuple[str, str]] = (),
                     encoder: SentenceEncoder | None = None, question_id: str = "",
                     title: str = "") -> PreparedQuestion:
    """Encode the question side (cached by content). ``key_points``: KeyPoint objects or strings;
    ``pitfalls``: Pitfall objects or (mistake, correction) pairs."""
    points = [_as_point(p) for p in (key_points or [])]
    points = [p for p in points if p[0].strip()]
    traps = [_as_pitfall(p) for p in pitfalls]
    key = hashlib.sha256(json.dumps([question, reference, points, traps, question_id])
                         .encode("utf-8", "surrogatepass")).hexdigest()
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    # The shipped model's preparations are also kept on disk (``prepared_cache``), for the next process.
    prepared = prepared_cache.load(key) if encoder is None else None
    if prepared is not None:
        if prepared.has_key_points:
            bank_index().add(prepared.fingerprint, question_id, title or question, prepared.units.embeddings)
    else:
        with one_blas_thread():
            prepared = _prepare(question, reference, points, traps, encoder or get_encoder(), question_id, title)
        if encoder is None:
            prepared_cache.store(key, prepared)
    with _CACHE_LOCK:
        _CACHE[key] = prepared
        while len(_CACHE) > PREPARED_CACHE_SIZE:
            _CACHE.popitem(last=False)
    return prepared


def _prepare(question: str, reference: str, points: list[_Point], traps: list[tuple[str, str]],
             encoder: SentenceEncoder, question_id: str, title: str) -> PreparedQuestion:
    reference_encoded = encode_text(encoder, reference)
    oppositions = with_subject_pairs((pair for _, _, contrasts, _ in points for pair in contrasts),
                                     [(text, synonyms) for text, synonyms, _, _ in points])
    # A correction is compared whole and, when it has several sentences or clauses, part by part.
    correction_parts = [[c] + _parts(c) for _, c in traps]
    wrong_texts = [w for p in points for w in p[3]]
    single_texts = ([p[0] for p in points] + [m for m, _ in traps]
                    + [part for parts in correction_parts for part in parts]
                    + wrong_texts)
    singles = encoder.embed(single_texts) if single_texts else np.zeros((0, encoder.hidden), np.float32)
    wrong_vectors = singles[len(single_texts) - len(wrong_texts):]
    if points:
        embeddings = singles[: len(points)]
        units = ReferenceUnits(tuple(p[0] for p in points), embeddings,
                               tuple(frozenset(textlib.content_stems(p[0])) for p in points))
        prepared = []
        at = 0
        for i, (text, synonyms, _, wrong) in enumerate(points):
            versions = tuple((w, wrong_vectors[at + n]) for n, w in enumerate(wrong))
            at += len(wrong)
            prepared.append(prepare_key_point(text, synonyms, embeddings[i], oppositions, versions, question))
        prepared_points = tuple(prepared)
    else:
        # No key points given: the reference's own clauses stand in for them.
        units = units_from_reference(reference_encoded)
        prepared_points = tuple(prepare_key_point(text, (), units.embeddings[i], oppositions, (), question)
                                for i, text in enumerate(units.texts))
    mistake_vectors = singles[len(points): len(points) + len(traps)]
    at = len(points) + len(traps)
    prepared_traps = []
    for i, (mistake, correction) in enumerate(traps):
        parts = singles[at: at + len(correction_parts[i])]
        at += len(correction_parts[i])
        prepared_traps.append(prepare_pitfall(mistake, correction, mistake_vectors[i], parts, oppositions))
    fingerprint = question_fingerprint(question, [p[0] for p in points])
    if points:
        bank_index().add(fingerprint, question_id, title or question, units.embeddings)
    return PreparedQuestion(question, question_id, fingerprint, encoder.embed([question])[0], reference_encoded, units,
                            prepared_points, tuple(prepared_traps), oppositions,
                            reference_statements(reference_encoded, oppositions), bool(points))


def _parts(text: str) -> list[str]:
    cleaned = textlib.clean(text)
    pieces = [cleaned[a:b] for segment in textlib.sentences(cleaned) for a, b in textlib.clauses(segment)]
    return pieces if len(pieces) > 1 else []


def grade_answer(question: str, reference: str, answer: str, key_points: Sequence[str | KeyPoint] | None = None,
                 pitfalls: Sequence[Pitfall | tuple[str, str]] = (), question_id: str = "", title: str = "") -> Grade:
    """Grade ``answer`` to ``question`` against ``reference`` (and key points/pitfalls when known).

    Never raises on any answer text (empty, huge, any script, control characters, lone surrogates).
    Raises ``SentenceModelMissingError`` if the sentence model package is not installed.
    """
    answer = answer if isinstance(answer, str) else str(answer)
    prepared = prepare_question(question, reference, key_points, pitfalls, None, question_id, title)
    with one_blas_thread():
        return _grade(prepared, answer, get_encoder())


def _grade(prepared: PreparedQuestion, answer: str, encoder: SentenceEncoder) -> Grade:
    encoded = encode_text(encoder, answer)
    signals = detect_signals(answer, encoded.segments)
    notes = []
    if encoded.truncated:
        compared = len(textlib.words(encoded.text[:encoded.embedded_chars]))
        notes.append(f"The answer is very long: only its first {compared:,} words were compared for meaning"
                     + (f", and its first {MAX_SCANNED_CHARS:,} characters searched for interview signals."
                        if len(answer) > MAX_SCANNED_CHARS else "."))
    if not textlib.words(encoded.text):
        missed = tuple(KeyPointResult(p.text, "missed", 0.0, None, missed_tip(p.text)) for p in prepared.key_points)
        return Grade(0.0, "empty", "Empty: there is nothing to grade yet.", missed, signals, None, tuple(notes))
    language = answer_kinds.language_note(encoded.text[: max(encoded.embedded_chars, 2000)])
    if language:
        return Grade(None, "not graded", language, (), (), None, tuple(notes), findings=("not_english",))

    analysis = claimlib.analyse(encoded.text[: encoded.embedded_chars], prepared.oppositions)
    restates = restatement_check(prepared.statements, encoded, analysis)
    coverage = match_key_points(encoded, analysis, list(prepared.key_points), answer, restates)
    words = [span_words(analysis, s.start, s.end) for s in encoded.spans]
    pitfall = find_pitfall(encoded, analysis, words, list(prepared.pitfalls), answer, restates)
    reference_features = compute_features(encoded, prepared.reference,
                                          frozenset(textlib.content_stems(prepared.question)),
                                          prepared.units, prepared.question_embedding)
    own_fit = reference_features["unit_coverage"]
    neighbour = None
    if prepared.has_key_points and len(encoded.spans):
        neighbour = bank_index().best_other(encoded.span_embeddings, prepared.fingerprint, own_fit,
                                            prepared.question_id)
    text = encoded.text[: encoded.embedded_chars]
    inputs = ScoreInputs(
        coverage=coverage,
        pitfall=pitfall,
        reference_features=reference_features,
        own_fit=own_fit,
        neighbour=neighbour,
        dont_know=answer_kinds.says_dont_know(text),
        list_likeness=claimlib.list_likeness(analysis, text),
        code_share=answer_kinds.code_share(text, encoded.segments),
        # Without authored key points the reference is all that says what answers the question: its
        # words are the answer's own even when the question uses them too.
        copied_share=answer_kinds.copied_share(text, prepared.question,
                                               "" if prepared.has_key_points else prepared.reference.text),
        words=len(textlib.words(text)),
        authored_points=prepared.has_key_points,
    )
    return judge(inputs, signals, tuple(notes))


def grade_question(question: Question, answer: str) -> Grade:
    """Grade an answer to a bank ``Question`` (its prompt, model answer, key points and pitfalls)."""
    return grade_answer(question.prompt, question.model_answer, answer, question.key_points, question.pitfalls,
                        question.id, question.title)


def prepare_bank_question(question: Question) -> PreparedQuestion:
    """Encode the question side of a bank ``Question`` now, so its first grade costs what later ones do."""
    return prepare_question(question.prompt, question.model_answer, question.key_points, question.pitfalls,
                            question_id=question.id, title=question.title)
