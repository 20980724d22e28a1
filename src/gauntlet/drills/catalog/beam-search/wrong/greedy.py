# expect: wrong_answer
# Picks the single best next token at every step (beam_width is ignored): greedy decoding misses sequences
# that start with a less likely token but end far more likely.
import numpy as np


def beam_search(first_logp, next_logp, eos, beam_width, max_len, length_penalty=0.0):
    first_logp, next_logp = np.asarray(first_logp, dtype=float), np.asarray(next_logp, dtype=float)
    tokens, score = [], 0.0
    for _ in range(max_len):
        row = first_logp if not tokens else next_logp[tokens[-1]]
        w = int(np.argmax(row))
        tokens.append(w)
        score += float(row[w])
        if w == eos:
            break
    return [(tokens, score)]
