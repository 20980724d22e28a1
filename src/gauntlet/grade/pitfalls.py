"""Did the answer fall into one of the question's known pitfalls?

A pitfall is a wrong belief said as a candidate would say it, with its correction. The answer falls
into it when one of its spans is related to the mistake (cosine plus the mistake's words, a paired
term counting for its opposite), closer to the mistake than to the correction, and *asserts* it: read
by ``claims.read_span``, the span supports the mistake, it does not negate it, swap its terms or
report it as a belief it rejects ("people think more data fixes bias, but it does not"). A negation
word alone decides nothing: "the p-value is not ..." falls into a pitfall that says "is not", and
"more data won't fix high bias" rejects one that says it will.

False accusations cost more than misses (the score is capped), so the bar is high; it is set on the
graded answer set (benchmarks/grader_indomain.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gauntlet.grade import claims as claimlib
from gauntlet.grade.analysis import EncodedText
from gauntlet.grade.coverage import SpanWords
from gauntlet.grade.result import Evidence, PitfallMatch

MATCH_AT = 0.8
MARGIN_OVER_CORRECTION = 0.1
LEXICAL_WEIGHT = 0.18


@dataclass(frozen=True)
class PreparedPitfall:
    mistake: str
    correction: str
    mistake_embedding: np.ndarray  # (384,)
    correction_embeddings: np.ndarray  # (m, 384): the whole correction, then each of its clauses
    claim: claimlib.Claim
    correction_keys: frozenset[str]


def prepare_pitfall(mistake: str, correction: str, mistake_embedding: np.ndarray, correction_embeddings: np.ndarray,
                    oppositions: tuple[claimlib.Opposition, ...]) -> PreparedPitfall:
    correction_reading = claimlib.analyse(correction, oppositions)
    return PreparedPitfall(mistake, correction, mistake_embedding, correction_embeddings,
                           claimlib.make_claim(mistake, oppositions),
                           frozenset(claimlib.blind_keys(correction_reading, 0, len(correction_reading.tokens))))


def _share(keys: frozenset[str], span: SpanWords) -> float:
    return len(keys & span.keys) / len(keys) if keys else 0.0


def find_pitfall(answer: EncodedText, analysis: claimlib.Analysis, words: list[SpanWords],
                 pitfalls: list[PreparedPitfall], original: str,
                 restates_reference: Callable[[int], bool] = lambda index: False) -> PitfallMatch | None:
    """The best-matching pitfall the answer asserts, or None. A span that restates the model answer
    (``restates_reference``, see ``truths``) asserts no pitfall."""
    if not pitfalls or not answer.spans:
        return None
    mistakes = np.stack([p.mistake_embedding for p in pitfalls]) @ answer.span_embeddings.T
    best: PitfallMatch | None = None
    for k, pitfall in enumerate(pitfalls):
        related = mistakes[k] + LEXICAL_WEIGHT * np.array([_share(pitfall.claim.keys, w) for w in words])
        for index in np.argsort(-related)[:4]:
            score = float(related[index])
            if score < MATCH_AT:
                break
            correction = float((pitfall.correction_embeddings @ answer.span_embeddings[index]).max()) \
                + LEXICAL_WEIGHT * _share(pitfall.correction_keys, words[index])
            if score < correction + MARGIN_OVER_CORRECTION:
                continue
            span = answer.spans[index]
            reading = claimlib.read_span(analysis, span.start, span.end, pitfall.claim)
            if reading.relation != "supports" or not reading.asserts or restates_reference(int(index)):
                continue
            if best is None or score > best.similarity:
                best = PitfallMatch(pitfall.mistake, pitfall.correction, score,
                                    Evidence(span.start, span.end, original[span.start: span.end]))
            break
    return best
