"""Key-point coverage: for each point a full answer makes, did this answer assert it, assert its
opposite, or leave it out - and where?

Each key point is compared with every candidate span of the answer (sentences, clauses, adjacent
sentence pairs). *Relatedness* says whether a span talks about the point at all: embedding cosine plus
lexical evidence (the point's synonyms as phrases, its words and numbers), where a paired term counts
for its opposite too, so that "L2 gives sparse weights" is as related to "L1 gives sparse weights" as
the right claim is. *What the span says* about the point is then read by ``claims.read_span``:
supports, contradicts, or states a different claim. The status follows:

- contradicted: a related span that asserts the opposite (swapped terms, negation, reversed
  direction), unless a clearly more related span asserts the point itself;
- covered: a span that asserts the point (it relates terms - a verb, a relation - and is not a bare
  list of them) with relatedness >= COVERED_AT;
- partly: a supporting span between PARTLY_AT and COVERED_AT, or a covered-level span that only names
  the terms (a list);
- missed: otherwise.

Thresholds are set on the graded answer set (tests/data/graded_answers, benchmarks/grader_indomain.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gauntlet.grade import claims as claimlib
from gauntlet.grade import text as textlib
from gauntlet.grade.analysis import EncodedText, Span
from gauntlet.grade.result import Evidence, KeyPointResult

COVERED_AT = 0.66
PARTLY_AT = 0.50
CONTRADICTED_AT = 0.7
# A contradiction stands only when it is this much more related to the point than the best span that
# asserts the point: an answer that states the point and elsewhere says something that reads as its
# opposite is given the benefit of the doubt.
CONTRADICTION_MARGIN = 0.05
LEXICAL_WEIGHT = 0.18
CANDIDATES = 16
# Right versus wrong: a span contradicts the point when it says one of the point's wrong versions
# (fit >= WRONG_AT) better than it says the point (by WRONG_MARGIN). The fit adds the share of the
# statement's words the span repeats as written, EXACT_WEIGHT times.
WRONG_AT = 0.8
WRONG_MARGIN = 0.15
EXACT_WEIGHT = 0.3
USE_WORD_READING = True


@dataclass(frozen=True)
class Version:
    """A statement to compare a span with: the key point itself or one of its wrong versions."""

    text: str
    embedding: np.ndarray
    claim: claimlib.Claim
    keys: frozenset[str]  # its content keys, paired terms as written (not blind)


def make_version(text: str, embedding: np.ndarray, oppositions: tuple[claimlib.Opposition, ...],
                 synonyms: tuple[str, ...] = ()) -> Version:
    claim = claimlib.make_claim(text, oppositions, synonyms)
    reading = claim.reading
    keys = frozenset(t.key for t, c in zip(reading.tokens, reading.content, strict=True) if c)
    return Version(text, embedding, claim, keys)


@dataclass(frozen=True)
class PreparedKeyPoint:
    text: str
    embedding: np.ndarray
    claim: claimlib.Claim
    synonym_phrases: tuple[str, ...]  # " key key " strings, matched inside a span's key string
    numbers: frozenset[str]
    version: Version  # the point as a statement, for the right-versus-wrong comparison
    wrong: tuple[Version, ...] = ()  # statements that contradict it (from the bank)
    lexical_keys: frozenset[str] = frozenset()  # its blind keys minus the question's words
    # The point is itself a phrase, not a claim ("At the main function." for "Where does a C++ program
    # start?"): an answer naming the same thing has said it; only a list of terms has not.
    phrase: bool = False


def prepare_key_point(text: str, synonyms: tuple[str, ...], embedding: np.ndarray,
                      oppositions: tuple[claimlib.Opposition, ...],
                      wrong: tuple[tuple[str, np.ndarray], ...] = (), question: str = "") -> PreparedKeyPoint:
    """``question``: its words earn no lexical evidence (an answer that repeats the question's terms
    has not yet said anything about them)."""
    question_keys = {claimlib.term_key(w) for w in textlib.words(question)}
    phrases = []
    for synonym in synonyms:
        keys = [claimlib.term_key(w) for w in textlib.words(synonym)]
        if keys and not set(keys) <= question_keys:
            phrases.append(" " + " ".join(keys) + " ")
    version = make_version(text, embedding, oppositions, synonyms)
    claim = version.claim
    lexical_keys = frozenset(k for k in claim.keys if k not in question_keys)
    phrase = not claimlib.asserts_relation(claim.reading, 0, len(claim.reading.tokens))
    return PreparedKeyPoint(text, embedding, claim, tuple(phrases), frozenset(textlib.numbers(text)), version,
                            tuple(make_version(w, e, oppositions) for w, e in wrong), lexical_keys, phrase)


@dataclass(frozen=True)
class SpanWords:
    keys: frozenset[str]  # blind keys: a paired term stands for its pair
    key_string: str
    numbers: frozenset[str]
    exact: frozenset[str]  # content keys as written


def span_words(analysis: claimlib.Analysis, start: int, end: int) -> SpanWords:
    i, j = analysis.token_range(start, end)
    keys = " " + " ".join(analysis.tokens[t].key for t in range(i, j)) + " "
    exact = frozenset(analysis.tokens[t].key for t in range(i, j) if analysis.content[t])
    return SpanWords(frozenset(claimlib.blind_keys(analysis, i, j)), keys,
                     frozenset(textlib.numbers(analysis.text[start:end])), exact)


def fit(version: Version, span_embedding: np.ndarray, span: SpanWords) -> float:
    """How well a span says this very statement: cosine plus the share of its words, as written."""
    share = len(version.keys & span.exact) / len(version.keys) if version.keys else 0.0
    return float(version.embedding @ span_embedding) + EXACT_WEIGHT * share


def lexical_evidence(point: PreparedKeyPoint, span: SpanWords) -> float:
    """0..1: a synonym phrase present counts fully; otherwise the share of the point's words (a paired
    term matching either side) and numbers that the span repeats. The question's own words count for
    nothing."""
    if any(phrase in span.key_string for phrase in point.synonym_phrases):
        return 1.0
    parts = []
    if point.lexical_keys:
        parts.append(len(point.lexical_keys & span.keys) / len(point.lexical_keys))
    if point.numbers:
        parts.append(len(point.numbers & span.numbers) / len(point.numbers))
    return float(sum(parts) / len(parts)) if parts else 0.0


def relatedness(points: list[PreparedKeyPoint], answer: EncodedText, words: list[SpanWords]) -> np.ndarray:
    """(points, spans): cosine plus weighted lexical evidence."""
    similarity = np.stack([p.embedding for p in points]) @ answer.span_embeddings.T
    lexical = np.array([[lexical_evidence(p, w) for w in words] for p in points])
    related: np.ndarray = similarity + LEXICAL_WEIGHT * lexical
    return related


def match_key_points(answer: EncodedText, analysis: claimlib.Analysis, points: list[PreparedKeyPoint],
                     original: str, restates_reference: Callable[[int], bool] = lambda index: False,
                     ) -> tuple[KeyPointResult, ...]:
    """Status of each prepared key point in the answer. Spans index ``original`` (the raw answer).
    ``restates_reference(span)``: the span says what the model answer says, so it contradicts nothing
    (``truths``)."""
    if not points:
        return ()
    if not answer.spans:
        return tuple(KeyPointResult(p.text, "missed", 0.0, None, _tip("missed", p.text)) for p in points)
    words = [span_words(analysis, s.start, s.end) for s in answer.spans]
    related = relatedness(points, answer, words)
    results = []
    for k, point in enumerate(points):
        order = np.argsort(-related[k])[:CANDIDATES]
        support: tuple[float, int, bool] | None = None  # (relatedness, span, asserts)
        contradiction: tuple[float, int] | None = None
        for index in order:
            score = float(related[k, index])
            if score < min(PARTLY_AT, CONTRADICTED_AT):
                break
            span = answer.spans[index]
            reading = claimlib.read_span(analysis, span.start, span.end, point.claim)
            if point.phrase and not reading.asserts and not claimlib.is_list(analysis, span.start, span.end):
                reading = dataclasses.replace(reading, asserts=True)
            verdict = _judge_span(point, reading, analysis, span, answer.span_embeddings[index], words[index])
            if verdict == "contradicts" and score >= CONTRADICTED_AT:
                if contradiction is None and not restates_reference(int(index)):
                    contradiction = (score, int(index))
            elif verdict == "supports" and score >= PARTLY_AT:
                if support is None or (reading.asserts and not support[2]):
                    support = (score, int(index), reading.asserts)
        if contradiction is not None and (support is None or not support[2]
                                          or support[0] < contradiction[0] - CONTRADICTION_MARGIN):
            score, index = contradiction
            span = answer.spans[index]
            results.append(KeyPointResult(point.text, "contradicted", score,
                                          Evidence(span.start, span.end, original[span.start: span.end]),
                                          _tip("contradicted", point.text), True))
            continue
        if support is None:
            best = int(order[0])
            results.append(KeyPointResult(point.text, "missed", float(related[k, best]), None,
                                          _tip("missed", point.text)))
            continue
        score, index, asserts = support
        status = "covered" if score >= COVERED_AT and asserts else "partly"
        span = answer.spans[index]
        tip = _tip(status, point.text) if asserts else _tip("named", point.text)
        results.append(KeyPointResult(point.text, status, score,
                                      Evidence(span.start, span.end, original[span.start: span.end]),
                                      tip, False))
    return tuple(results)


def _judge_span(point: PreparedKeyPoint, reading: claimlib.ClaimReading, analysis: claimlib.Analysis, span: Span,
                embedding: np.ndarray, words: SpanWords) -> str:
    """"supports", "contradicts" or "neither": what this span says about the point.

    Two readings: the nearest statement among the point and its wrong versions (a span that says a
    wrong version, and says it better than the point, contradicts it), and the claim reading of the
    words (swapped paired terms, negation). A span that only names terms supports at most partly."""
    if not reading.asserts:
        return "supports" if reading.relation == "supports" else "neither"
    right = fit(point.version, embedding, words)
    wrong = -1.0
    for version in point.wrong:
        value = fit(version, embedding, words)
        if value > wrong and value >= WRONG_AT:
            if claimlib.read_span(analysis, span.start, span.end, version.claim).relation == "supports":
                wrong = value
    if wrong >= right + WRONG_MARGIN:
        return "contradicts"
    if reading.relation == "contradicts" and USE_WORD_READING:
        return "contradicts"
    # A wrong version that fits about as well as the point decides nothing: sentence embeddings barely
    # see word order ("PR-AUC is more informative than ROC-AUC" / "ROC-AUC is more informative than
    # PR-AUC"), so the words' reading stands unless the wrong version fits clearly better (above).
    if reading.relation == "supports":
        return "supports"
    return "neither"


def missed_tip(point: str) -> str:
    return _tip("missed", point)


def _tip(status: str, point: str) -> str:
    point = point.strip().rstrip(".")
    if status == "covered":
        return ""
    if status == "partly":
        return f"Make it explicit: {point}."
    if status == "named":
        return f"You name the terms but do not say how they relate. Say the claim: {point}."
    if status == "contradicted":
        return f"This says the opposite of the key point. In fact: {point}."
    return f"Add: {point}."
