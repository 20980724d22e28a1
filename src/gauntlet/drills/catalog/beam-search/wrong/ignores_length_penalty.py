# expect: wrong_answer
# Ranks the finished hypotheses by raw log-probability whatever length_penalty says, so the search keeps
# preferring the shortest sequences.
import numpy as np


def beam_search(first_logp, next_logp, eos, beam_width, max_len, length_penalty=0.0):
    first_logp, next_logp = np.asarray(first_logp, dtype=float), np.asarray(next_logp, dtype=float)
    beam, finished = [((), 0.0)], []
    for _ in range(max_len):
        candidates = []
        for tokens, score in beam:
            row = first_logp if not tokens else next_logp[tokens[-1]]
            for w in np.flatnonzero(np.isfinite(row)):
                candidates.append((tokens + (int(w),), score + float(row[w])))
        candidates.sort(key=lambda c: (-c[1], c[0]))
        beam = []
        for tokens, score in candidates[:beam_width]:
            (finished if tokens[-1] == eos else beam).append((tokens, score))
        if not beam:
            break
    finished.extend(beam)
    finished.sort(key=lambda c: (-c[1], c[0]))
    return [(list(t), s) for t, s in finished[:beam_width]]
