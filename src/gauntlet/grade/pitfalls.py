"""Did the answer fall into one of the question's known pitfalls?

A pitfall is a wrong belief said as a candidate would say it, with its correction. The answer falls
into it when one of its spans is close to the mistake (cosine >= MATCH_AT), clearly closer to the
mistake than to the correction or any sentence of it (a sentence embedding hardly sees the difference
between a claim and its denial, so a span that states the correction is often close to the mistake
too), and not negated or hedged where the mistake is not (an answer saying "batch norm does *not*
remove internal covariate shift" rejects the pitfall, it does not fall into it).

False accusations cost more than misses here (the score drops by one), so the bar is high.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gauntlet.grade import text as textlib
from gauntlet.grade.analysis import EncodedText
from gauntlet.grade.result import Evidence, PitfallMatch

MATCH_AT = 0.80
MARGIN_OVER_CORRECTION = 0.05
# Words that, near a claim, mark it as rejected rather than asserted.
_REJECTION = ("myth", "misconception", "wrong", "false", "incorrect", "mistake", "not true", "contrary",
              "challenged", "debunked", "misleading", "common belief", "people think", "often said",
              "rather than", "instead of", "worse than", "avoid", "beware", "pitfall", "trap")


@dataclass(frozen=True)
class PreparedPitfall:
    mistake: str
    correction: str
    mistake_embedding: np.ndarray  # (384,)
    correction_embeddings: np.ndarray  # (m, 384): the whole correction, then each of its sentences
    negated: bool


def find_pitfall(answer: EncodedText, pitfalls: list[PreparedPitfall], original: str) -> PitfallMatch | None:
    """The best-matching pitfall the answer asserts, or None."""
    if not pitfalls or not answer.spans:
        return None
    mistakes = np.stack([p.mistake_embedding for p in pitfalls]) @ answer.span_embeddings.T
    best: PitfallMatch | None = None
    for k, pitfall in enumerate(pitfalls):
        index = int(np.argmax(mistakes[k]))
        score = float(mistakes[k, index])
        if score < MATCH_AT:
            continue
        closest_correction = float((pitfall.correction_embeddings @ answer.span_embeddings[index]).max())
        if score < closest_correction + MARGIN_OVER_CORRECTION:
            continue
        span = answer.spans[index]
        said = answer.text[span.start: span.end]
        lowered = textlib.normalise_quotes(said).lower()
        mistake = textlib.normalise_quotes(pitfall.mistake).lower()
        if textlib.is_negated(said) != pitfall.negated or any(cue in lowered and cue not in mistake for cue in _REJECTION):
            continue
        if best is None or score > best.similarity:
            best = PitfallMatch(pitfall.mistake, pitfall.correction, score,
                                Evidence(span.start, span.end, original[span.start: span.end]))
    return best
