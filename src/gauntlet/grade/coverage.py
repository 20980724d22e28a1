"""Key-point coverage: for each point a full answer makes, did this answer make it, and where?

Each key point is compared with every candidate span of the answer (sentences, clauses, adjacent
sentence pairs) by embedding cosine, plus lexical evidence inside that span: the key point's
synonyms (as phrases), its content words, its numbers and its named methods ("GroupNorm", "L1").
The best span decides the status:

- covered: ``cosine + LEXICAL_WEIGHT * lexical >= COVERED_AT``, or two or more of the point's
  synonyms in a span that is at least on topic (``cosine >= SYNONYMS_ON_TOPIC_AT``): authors list
  synonyms as evidence, and a short clause ("means **overfitting**") embeds far from a full sentence
- partly:  ``>= PARTLY_AT``
- missed:  otherwise, or when the span says the opposite.

A span that names a different method than the key point ("L1 ..." for a point about L2) is not
evidence for it, however similar the rest of the sentence. "Says the opposite" is caught where it is cheap to catch: the clause carrying the match is negated
while the key point is not ("L1 does not produce sparse weights" vs "L1 drives some weights to exactly
zero"), or it uses the antonym of one of the key point's words and not the word itself ("increases
variance" vs "reduces variance"), unless the point itself holds both words of the pair. A contradicted span never counts as coverage; a later span that
makes the point properly still can.

Thresholds were set on tests/data/coverage_labelled.jsonl (hand-labelled) and the shipped bank's
model answers; tests/grade/test_coverage.py holds them to account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from gauntlet.grade import text as textlib
from gauntlet.grade.analysis import EncodedText
from gauntlet.grade.result import Evidence, KeyPointResult

COVERED_AT = 0.66
PARTLY_AT = 0.50
LEXICAL_WEIGHT = 0.18
SYNONYMS_ON_TOPIC_AT = 0.35

_ANTONYM_PAIRS = (
    ("increase", "decrease"), ("increase", "reduce"), ("raise", "lower"), ("higher", "lower"), ("more", "less"),
    ("more", "fewer"), ("larger", "smaller"), ("bigger", "smaller"), ("faster", "slower"), ("overfit", "underfit"),
    ("maximize", "minimize"), ("sparse", "dense"), ("always", "never"),
    ("high", "low"), ("improve", "worsen"), ("improve", "hurt"), ("stable", "unstable"), ("convex", "nonconvex"),
    ("supervised", "unsupervised"), ("linear", "nonlinear"), ("independent", "dependent"), ("biased", "unbiased"),
    ("shrink", "grow"), ("vanish", "explode"),
)


def _antonym_key(stem: str) -> str:
    # The stemmer keeps a base form's final "e" but drops it from inflections ("increase" but
    # "increas" for "increases"/"increasing"); without it both forms meet the same key.
    return stem.rstrip("e")


_ANTONYMS: dict[str, set[str]] = {}
for _a, _b in _ANTONYM_PAIRS:
    _ANTONYMS.setdefault(_antonym_key(textlib.stem(_a)), set()).add(_antonym_key(textlib.stem(_b)))
    _ANTONYMS.setdefault(_antonym_key(textlib.stem(_b)), set()).add(_antonym_key(textlib.stem(_a)))

_NAMED = re.compile(r"\b(?:[A-Za-z]*[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*|[A-Za-z]+\d+[A-Za-z0-9]*|[a-z]+[A-Z]\w*)\b")


@dataclass(frozen=True)
class PreparedKeyPoint:
    text: str
    embedding: np.ndarray
    stems: frozenset[str]
    synonym_phrases: tuple[str, ...]  # " stem stem " strings, matched inside a span's stem string
    numbers: frozenset[str]
    named: frozenset[str]  # lower-cased named methods/acronyms
    negated: bool


def prepare_key_point(text: str, synonyms: tuple[str, ...], embedding: np.ndarray) -> PreparedKeyPoint:
    phrases = tuple(" " + " ".join(textlib.stem(w) for w in textlib.words(s)) + " " for s in synonyms if textlib.words(s))
    return PreparedKeyPoint(
        text=text,
        embedding=embedding,
        stems=frozenset(textlib.content_stems(text)),
        synonym_phrases=phrases,
        numbers=frozenset(textlib.numbers(text)),
        named=frozenset(m.group(0).lower() for m in _NAMED.finditer(text)),
        negated=textlib.is_negated(text),
    )


@dataclass(frozen=True)
class _SpanWords:
    stems: frozenset[str]
    stem_string: str
    numbers: frozenset[str]
    words: frozenset[str]


def _span_words(text: str) -> _SpanWords:
    tokens = textlib.words(text)
    stems = [textlib.stem(w) for w in tokens]
    return _SpanWords(frozenset(stems), " " + " ".join(stems) + " ", frozenset(textlib.numbers(text)), frozenset(tokens))


def synonym_hits(point: PreparedKeyPoint, span: _SpanWords) -> int:
    return sum(1 for phrase in point.synonym_phrases if phrase in span.stem_string)


def lexical_evidence(point: PreparedKeyPoint, span: _SpanWords) -> float:
    """0..1: a synonym phrase present counts fully; otherwise the share of the point's words,
    numbers and named methods that the span repeats (averaged over the kinds the point has)."""
    if any(phrase in span.stem_string for phrase in point.synonym_phrases):
        return 1.0
    parts = []
    if point.stems:
        parts.append(len(point.stems & span.stems) / len(point.stems))
    if point.numbers:
        parts.append(len(point.numbers & span.numbers) / len(point.numbers))
    if point.named:
        parts.append(len(point.named & span.words) / len(point.named))
    return float(sum(parts) / len(parts)) if parts else 0.0


def _names_another_method(point: PreparedKeyPoint, span: _SpanWords, span_text: str) -> bool:
    """The point names a method ("L2") that the span does not, and the span names a different one
    ("L1"): the span is about something else, however similar the sentence around it."""
    if not point.named or point.named & span.words:
        return False
    others = {m.group(0).lower() for m in _NAMED.finditer(span_text)} - point.named
    return bool(others)


def _contradicts(point: PreparedKeyPoint, clause_text: str) -> bool:
    if textlib.is_negated(clause_text) and not point.negated:
        return True
    clause_keys = {_antonym_key(textlib.stem(w)) for w in textlib.words(clause_text)}
    point_keys = {_antonym_key(stem) for stem in point.stems}
    for word in point_keys:
        opposites = _ANTONYMS.get(word)
        # A point that holds both words of a pair contrasts them itself ("training error is low but
        # validation error is high"): a clause carrying one half of it is not saying the opposite.
        if opposites and not opposites & point_keys and word not in clause_keys and opposites & clause_keys:
            return True
    return False


def match_key_points(answer: EncodedText, points: list[PreparedKeyPoint], original: str) -> tuple[KeyPointResult, ...]:
    """Coverage of each prepared key point by the answer. Spans index ``original`` (the raw answer)."""
    if not points:
        return ()
    if not answer.spans:
        return tuple(KeyPointResult(p.text, "missed", 0.0, None, _tip("missed", p.text)) for p in points)
    span_texts = [answer.text[s.start: s.end] for s in answer.spans]
    span_words = [_span_words(t) for t in span_texts]
    similarity = np.stack([p.embedding for p in points]) @ answer.span_embeddings.T  # (k, spans)
    clause_indices = [i for i, s in enumerate(answer.spans) if s.kind == "clause"]
    results = []
    for k, point in enumerate(points):
        lexical = np.array([lexical_evidence(point, w) for w in span_words])
        combined = similarity[k] + LEXICAL_WEIGHT * lexical
        # Two synonyms in an on-topic span lift it to the covered line.
        strong = np.array([synonym_hits(point, w) >= 2 for w in span_words]) & (similarity[k] >= SYNONYMS_ON_TOPIC_AT)
        combined = np.where(strong, np.maximum(combined, COVERED_AT), combined)
        order = np.argsort(-combined)
        chosen, contradicted = None, False
        for index in order[:8]:
            if combined[index] < PARTLY_AT:
                break
            if _names_another_method(point, span_words[index], span_texts[index]):
                continue
            if _contradicts(point, _carrying_clause(answer, index, clause_indices, similarity[k])):
                contradicted = True
                continue
            chosen = int(index)
            break
        if chosen is None:
            best = int(order[0])
            span = answer.spans[best]
            status = "missed"
            evidence = Evidence(span.start, span.end, original[span.start: span.end]) if contradicted else None
            results.append(KeyPointResult(point.text, status, float(similarity[k, best]), evidence,
                                          _tip("contradicted" if contradicted else "missed", point.text), contradicted))
            continue
        span = answer.spans[chosen]
        status = "covered" if combined[chosen] >= COVERED_AT else "partly"
        results.append(KeyPointResult(point.text, status, float(similarity[k, chosen]),
                                      Evidence(span.start, span.end, original[span.start: span.end]),
                                      _tip(status, point.text), False))
    return tuple(results)


def _carrying_clause(answer: EncodedText, index: int, clause_indices: list[int], similarity: np.ndarray) -> str:
    """The clause inside span ``index`` most similar to the key point (the span itself if none)."""
    span = answer.spans[index]
    inside = [c for c in clause_indices if answer.spans[c].start >= span.start and answer.spans[c].end <= span.end]
    if inside:
        best = max(inside, key=lambda c: similarity[c])
        span = answer.spans[best]
    return answer.text[span.start: span.end]


def _tip(status: str, point: str) -> str:
    point = point.strip().rstrip(".")
    if status == "covered":
        return ""
    if status == "partly":
        return f"Make it explicit: {point}."
    if status == "contradicted":
        return f"Check this: your answer seems to say the opposite of \"{point}\"."
    return f"Add: {point}."
