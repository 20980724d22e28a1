# expect: wrong_answer
# Treats eos as an ordinary token: hypotheses that reach it stay in the beam and keep growing, so the
# results contain tokens after eos and every hypothesis runs to max_len.
import numpy as np


def beam_search(first_logp, next_logp, eos, beam_width, max_len, length_penalty=0.0):
    first_logp, next_logp = np.asarray(first_logp, dtype=float), np.asarray(next_logp, dtype=float)
    beam = [((), 0.0)]
    for _ in range(max_len):
        candidates = []
        for tokens, score in beam:
            row = first_logp if not tokens else next_logp[tokens[-1]]
            for w in np.flatnonzero(np.isfinite(row)):
                candidates.append((tokens + (int(w),), score + float(row[w])))
        candidates.sort(key=lambda c: (-c[1], c[0]))
        beam = candidates[:beam_width]
    beam.sort(key=lambda c: (-c[1] / len(c[0]) ** length_penalty, c[0]))
    return [(list(t), s) for t, s in beam]
