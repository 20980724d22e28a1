import numpy as np


def _unit_rows(a):
    norms = np.linalg.norm(a, axis=1, keepdims=True)
    # zero rows stay zero, so every similarity involving them is exactly 0
    return np.divide(a, norms, out=np.zeros_like(a), where=norms > 0)


def cosine_top_k(queries, corpus, k):
    queries = np.asarray(queries, dtype=np.float64)
    corpus = np.asarray(corpus, dtype=np.float64)
    n = corpus.shape[0]
    k = min(k, n)
    sims = _unit_rows(queries) @ _unit_rows(corpus).T

    indices = np.empty((sims.shape[0], k), dtype=np.int64)
    for i, row in enumerate(sims):
        # every item scoring at least the k-th largest value is a candidate, so tied items straddling
        # the cut are all considered before the tie-break picks the smaller indices
        kth_largest = np.partition(row, n - k)[n - k]
        candidates = np.flatnonzero(row >= kth_largest)
        order = np.lexsort((candidates, -row[candidates]))
        indices[i] = candidates[order[:k]]
    scores = np.take_along_axis(sims, indices, axis=1)
    return indices, scores
