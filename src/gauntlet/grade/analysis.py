"""One pass of the encoder over a text, and every view of it the grader needs.

A text is split into sentences; all sentences go through the encoder in one packed batch (each word
piece is computed once). From the piece vectors we pool, without further forward passes: the whole
text's embedding, each sentence's, each clause's, and each pair of adjacent sentences' (a key point
is sometimes made across two sentences).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from gauntlet.grade import text as textlib
from gauntlet.grade.encoder import SentenceEncoder, TokenVectors

# Word pieces embedded per answer: about 1,100 words, seven minutes of speech, past any spoken
# answer; the encoder costs ~0.5 ms a piece on one core, so a pasted megabyte grades in about 1.3 s
# (benchmarks/grader_latency.py). Beyond it the rest of the answer is still searched for signals, and
# the grade says that only the first part was compared for meaning.
MAX_EMBEDDED_PIECES = 1536
_COUNT_BATCH = 32


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "sentence" | "clause" | "pair"


@dataclass
class EncodedText:
    text: str  # the cleaned text (same length as the original)
    segments: list[textlib.Segment]
    embedding: np.ndarray  # (384,) whole text
    spans: list[Span]  # candidate evidence spans: sentences, clauses, adjacent sentence pairs
    span_embeddings: np.ndarray  # (len(spans), 384)
    pieces: np.ndarray  # (N, 384) piece vectors of embedded segments
    piece_words: list[str]  # lower-cased word each piece belongs to ("" for punctuation)
    embedded_chars: int  # characters of the text covered by embeddings (== len(text) unless very long)

    @property
    def truncated(self) -> bool:
        return self.embedded_chars < len(self.text.rstrip())


def encode_text(encoder: SentenceEncoder, raw: str, with_clauses: bool = True) -> EncodedText:
    cleaned = textlib.clean(raw)
    segments = textlib.sentences(cleaned)
    kept = _within_budget(encoder, segments)
    token_sets: list[TokenVectors] = encoder.token_vectors([s.text for s in kept]) if kept else []
    hidden = encoder.hidden

    total = np.zeros(hidden, dtype=np.float32)
    count = 0
    spans: list[Span] = []
    vectors: list[np.ndarray] = []
    piece_blocks, piece_words = [], []
    for segment, tokens in zip(kept, token_sets, strict=True):
        total += tokens.pooled_sum
        count += tokens.pooled_count
        spans.append(Span(segment.start, segment.end, "sentence"))
        vectors.append(tokens.embedding())
        if with_clauses:
            clause_spans = textlib.clauses(segment)
            if len(clause_spans) > 1:
                for a, b in clause_spans:
                    vector = tokens.span_embedding(a - segment.start, b - segment.start)
                    if vector is not None:
                        spans.append(Span(a, b, "clause"))
                        vectors.append(vector)
        piece_blocks.append(tokens.vectors)
        piece_words.extend(_piece_words(segment.text, tokens.offsets))
    if with_clauses:
        for (s1, t1), (s2, t2) in itertools.pairwise(zip(kept, token_sets, strict=True)):
            pooled = t1.pooled_sum + t2.pooled_sum
            spans.append(Span(s1.start, s2.end, "pair"))
            vectors.append(_normalise(pooled / max(t1.pooled_count + t2.pooled_count, 1)))
    if count:
        embedding = _normalise(total / count)
    else:
        embedding = encoder.embed([""])[0]
    return EncodedText(
        text=cleaned,
        segments=segments,
        embedding=embedding,
        spans=spans,
        span_embeddings=np.stack(vectors) if vectors else np.zeros((0, hidden), np.float32),
        pieces=np.concatenate(piece_blocks) if piece_blocks else np.zeros((0, hidden), np.float32),
        piece_words=piece_words,
        embedded_chars=kept[-1].end if kept else 0,
    )


def _within_budget(encoder: SentenceEncoder, segments: list[textlib.Segment]) -> list[textlib.Segment]:
    """The leading segments whose word pieces fit in MAX_EMBEDDED_PIECES (counted exactly, a batch at
    a time, so a megabyte answer is tokenised only as far as the budget reaches)."""
    kept: list[textlib.Segment] = []
    budget = MAX_EMBEDDED_PIECES
    for first in range(0, len(segments), _COUNT_BATCH):
        batch = segments[first: first + _COUNT_BATCH]
        for segment, pieces in zip(batch, encoder.count_pieces_batch([s.text for s in batch]), strict=True):
            if pieces + 2 > budget:
                return kept
            budget -= pieces + 2
            kept.append(segment)
    return kept


def _normalise(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return (v / norm).astype(np.float32) if norm > 0 else v.astype(np.float32)


def _piece_words(text: str, offsets: np.ndarray) -> list[str]:
    spans = textlib.word_spans(text)
    out = []
    j = 0
    for start, _end in offsets.tolist():
        while j < len(spans) and spans[j][2] <= start:
            j += 1
        if j < len(spans) and spans[j][1] <= start < spans[j][2]:
            out.append(spans[j][0])
        else:
            out.append("")
    return out
