# expect: wrong_answer
# Divides by the norms without a guard: a zero vector gives 0/0 = NaN similarities, and NaN sorts
# unpredictably into the ranking.
import numpy as np


def cosine_top_k(queries, corpus, k):
    queries = np.asarray(queries, dtype=np.float64)
    corpus = np.asarray(corpus, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
        c = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)
    sims = q @ c.T
    k = min(k, corpus.shape[0])
    idx = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    return idx, np.take_along_axis(sims, idx, axis=1)
