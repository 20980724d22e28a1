# expect: wrong_answer
# Scores hypotheses by multiplying probabilities instead of adding log-probabilities: after a few hundred
# tokens every product underflows to 0.0, all hypotheses tie, and the reported log-score is -inf.
import math

import numpy as np


def beam_search(first_logp, next_logp, eos, beam_width, max_len, length_penalty=0.0):
    first_p, next_p = np.exp(np.asarray(first_logp, dtype=float)), np.exp(np.asarray(next_logp, dtype=float))
    beam, finished = [((), 1.0)], []
    for _ in range(max_len):
        candidates = []
        for tokens, prob in beam:
            row = first_p if not tokens else next_p[tokens[-1]]
            for w in np.flatnonzero(row > 0):
                candidates.append((tokens + (int(w),), prob * float(row[w])))
        candidates.sort(key=lambda c: (-c[1], c[0]))
        beam = []
        for tokens, prob in candidates[:beam_width]:
            (finished if tokens[-1] == eos else beam).append((tokens, prob))
        if not beam:
            break
    finished.extend(beam)
    scored = [(t, math.log(p) if p > 0 else -math.inf) for t, p in finished]
    scored.sort(key=lambda c: (-c[1] / len(c[0]) ** length_penalty, c[0]))
    return [(list(t), s) for t, s in scored[:beam_width]]
