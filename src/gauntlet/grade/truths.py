"""What the model answer states is true: a span that restates it is not a false claim.

The contradiction and pitfall readers are heuristic, and on a long, correct answer they meet many
sentences that sound like a wrong version ("L2 adds the sum of squared weights" next to a key point
about L1's absolute weights; "non-parametric does not mean no parameters" next to the pitfall "has no
parameters"). Every such false accusation caps a good answer at 2.5, and the model answer scored
against itself showed it on 38 of 168 questions. The reference is a list of known-true statements,
so before a span is called false it is read against the reference's closest sentences and clauses: if
it says what one of them says (close in meaning and, read claim against claim, supporting it: no
swapped pair, no negation), it is true and cannot be the false claim. A swapped or negated restatement
still reads as contradicting the sentence it copies, so it stays false.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gauntlet.grade import claims as claimlib
from gauntlet.grade.analysis import EncodedText

RESTATES_AT = 0.85  # cosine to a reference statement for a span to count as restating it
# ... or this close when the span also repeats most of the statement's words (span vectors carry
# their context, so the same clause in another answer can sit at 0.8-0.9).
RESTATES_WORDS_AT = 0.75
WORD_OVERLAP_AT = 0.8
# Near-identical text is the reference's own statement, whatever the word reading makes of it (two
# clauses that each name one side of a pair, "precision@k is ...; recall@k is ...", can read as a swap).
IDENTICAL_AT = 0.97
NEAREST = 3


@dataclass(frozen=True)
class ReferenceStatements:
    embeddings: np.ndarray  # (n, dim)
    claims: tuple[claimlib.Claim, ...]


def reference_statements(reference: EncodedText, oppositions: tuple[claimlib.Opposition, ...]) -> ReferenceStatements:
    """The reference's spans (sentences, clauses, adjacent pairs) as claims."""
    chosen = list(range(len(reference.spans)))
    if not chosen:
        width = reference.span_embeddings.shape[1] if reference.span_embeddings.ndim == 2 else 0
        return ReferenceStatements(np.zeros((0, width), np.float32), ())
    claims = tuple(claimlib.make_claim(reference.text[reference.spans[k].start: reference.spans[k].end], oppositions)
                   for k in chosen)
    return ReferenceStatements(reference.span_embeddings[chosen], claims)


def restatement_check(statements: ReferenceStatements, answer: EncodedText,
                      analysis: claimlib.Analysis) -> Callable[[int], bool]:
    """``check(span_index)``: does that span of the answer restate a reference statement? Memoised:
    only spans about to be called false are ever read."""
    seen: dict[int, bool] = {}
    if not statements.claims or not answer.spans:
        return lambda index: False

    def check(index: int) -> bool:
        if index not in seen:
            seen[index] = _restates(statements, answer, analysis, index)
        return seen[index]

    return check


def _restates(statements: ReferenceStatements, answer: EncodedText, analysis: claimlib.Analysis, index: int) -> bool:
    cosines = statements.embeddings @ answer.span_embeddings[index]
    span = answer.spans[index]
    for k in np.argsort(-cosines)[:NEAREST]:
        cosine = float(cosines[k])
        if cosine < RESTATES_WORDS_AT:
            break
        if cosine >= IDENTICAL_AT:
            return True
        reading = claimlib.read_span(analysis, span.start, span.end, statements.claims[int(k)])
        if reading.relation == "contradicts" and cosine >= RESTATES_AT:
            return False  # it copies a true sentence with a term swapped or negated
        if reading.relation == "supports" and reading.asserts and (cosine >= RESTATES_AT
                                                                   or reading.overlap >= WORD_OVERLAP_AT):
            return True
    return False
