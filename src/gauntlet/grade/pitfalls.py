"""Did the answer fall into one of the question's known pitfalls?

A pitfall is a wrong belief said as a candidate would say it, with its correction. The answer falls
into it when one of its spans is close to the mistake (cosine >= MATCH_AT), clearly closer to the
mistake than any span is to the correction, and not negated where the mistake is not (an answer
saying "batch norm does *not* remove internal covariate shift" rejects the pitfall, it does not
fall into it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gauntlet.grade import text as textlib
from gauntlet.grade.analysis import EncodedText
from gauntlet.grade.result import Evidence, PitfallMatch

MATCH_AT = 0.72
MARGIN_OVER_CORRECTION = 0.04
# Words that, near a claim, mark it as rejected rather than asserted.
_REJECTION = ("myth", "misconception", "wrong", "false", "incorrect", "mistake", "not true", "contrary",
              "challenged", "debunked", "misleading", "common belief", "people think", "often said")


@dataclass(frozen=True)
class PreparedPitfall:
    mistake: str
    correction: str
    mistake_embedding: np.ndarray
    correction_embedding: np.ndarray
    negated: bool


def find_pitfall(answer: EncodedText, pitfalls: list[PreparedPitfall], original: str) -> PitfallMatch | None:
    """The best-matching pitfall the answer asserts, or None."""
    if not pitfalls or not answer.spans:
        return None
    mistakes = np.stack([p.mistake_embedding for p in pitfalls]) @ answer.span_embeddings.T
    corrections = np.stack([p.correction_embedding for p in pitfalls]) @ answer.span_embeddings.T
    best: PitfallMatch | None = None
    for k, pitfall in enumerate(pitfalls):
        index = int(np.argmax(mistakes[k]))
        score = float(mistakes[k, index])
        if score < MATCH_AT or score < float(corrections[k].max()) + MARGIN_OVER_CORRECTION:
            continue
        span = answer.spans[index]
        said = answer.text[span.start: span.end]
        lowered = textlib.normalise_quotes(said).lower()
        if textlib.is_negated(said) != pitfall.negated or any(cue in lowered for cue in _REJECTION):
            continue
        if best is None or score > best.similarity:
            best = PitfallMatch(pitfall.mistake, pitfall.correction, score,
                                Evidence(span.start, span.end, original[span.start: span.end]))
    return best
