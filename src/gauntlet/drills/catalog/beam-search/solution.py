import numpy as np


def beam_search(first_logp, next_logp, eos, beam_width, max_len, length_penalty=0.0):
    first_logp = np.asarray(first_logp, dtype=np.float64)
    next_logp = np.asarray(next_logp, dtype=np.float64)
    beam = [((), 0.0)]
    finished = []
    for _ in range(max_len):
        candidates = []
        for tokens, score in beam:
            logp = first_logp if not tokens else next_logp[tokens[-1]]
            for w in np.flatnonzero(np.isfinite(logp)):
                candidates.append((tokens + (int(w),), score + float(logp[w])))
        # higher score first; equal scores: the smaller token tuple first
        candidates.sort(key=lambda c: (-c[1], c[0]))
        beam = []
        for tokens, score in candidates[:beam_width]:
            (finished if tokens[-1] == eos else beam).append((tokens, score))
        if not beam:
            break
    finished.extend(beam)
    finished.sort(key=lambda c: (-c[1] / len(c[0]) ** length_penalty, c[0]))
    return [(list(tokens), score) for tokens, score in finished[:beam_width]]
