# expect: wrong_answer
# Normalises the queries but not the corpus: this ranks by q̂ · c, so long corpus vectors win regardless of
# direction.
import numpy as np


def cosine_top_k(queries, corpus, k):
    queries = np.asarray(queries, dtype=np.float64)
    corpus = np.asarray(corpus, dtype=np.float64)
    q_norm = np.linalg.norm(queries, axis=1, keepdims=True)
    q = np.divide(queries, q_norm, out=np.zeros_like(queries), where=q_norm > 0)
    sims = q @ corpus.T
    k = min(k, corpus.shape[0])
    idx = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    return idx, np.take_along_axis(sims, idx, axis=1)
