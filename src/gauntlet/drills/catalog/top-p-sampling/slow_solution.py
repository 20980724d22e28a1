# Slow but correct: one row at a time in Python, with Python's sorted() for the order, a running-total loop
# for the nucleus, and a linear walk over the CDF for each sample, instead of argsort/cumsum on the batch.
import math

import numpy as np


def _filtered_row(row, top_p, temperature):
    scaled = [value / temperature for value in row]
    top = max(scaled)
    exps = [math.exp(value - top) for value in scaled]  # a -inf logit gives exactly 0
    total = sum(exps)
    p = [e / total for e in exps]
    order = sorted(range(len(p)), key=lambda i: (-p[i], i))  # largest first, ties by the smaller index
    kept = set()
    running = 0.0
    for i in order:
        if running >= top_p:
            break
        kept.add(i)  # the token that reaches top_p is kept too
        running += p[i]
    mass = sum(p[i] for i in kept)
    return [p[i] / mass if i in kept else 0.0 for i in range(len(p))]


def nucleus_probs(logits, top_p, temperature=1.0):
    rows = np.asarray(logits, dtype=np.float64).tolist()
    return np.array([_filtered_row(row, top_p, temperature) for row in rows], dtype=np.float64)


def sample_top_p(logits, top_p, temperature, u):
    rows = np.asarray(logits, dtype=np.float64).tolist()
    picks = []
    for row, threshold in zip(rows, u):
        q = _filtered_row(row, top_p, temperature)
        chosen = None
        cumulative = 0.0
        for i, q_i in enumerate(q):
            cumulative += q_i
            if cumulative > float(threshold):
                chosen = i
                break
        if chosen is None:  # rounding left the total a hair below u: the last possible token
            chosen = max(i for i, q_i in enumerate(q) if q_i > 0)
        picks.append(chosen)
    return np.array(picks, dtype=np.int64)
