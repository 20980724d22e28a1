# Slow but correct: one query at a time, fully sorting all n similarities of each query (a stable argsort)
# instead of partitioning out only the top k.
import numpy as np


def _unit(vectors):
    norms = np.sqrt(np.sum(vectors * vectors, axis=-1, keepdims=True))
    safe = np.where(norms > 0, norms, 1.0)
    return np.where(norms > 0, vectors / safe, 0.0)  # a zero vector stays zero: similarity 0


def cosine_top_k(queries, corpus, k):
    queries = np.asarray(queries, dtype=np.float64)
    corpus = np.asarray(corpus, dtype=np.float64)
    n = corpus.shape[0]
    k = min(k, n)
    unit_corpus = _unit(corpus)
    all_indices = []
    all_scores = []
    for query in queries:
        unit_query = _unit(query[None, :])[0]
        similarities = unit_corpus @ unit_query
        order = np.argsort(-similarities, kind="stable")  # equal similarities keep the smaller index first
        best = order[:k]
        all_indices.append(best)
        all_scores.append(similarities[best])
    return np.array(all_indices, dtype=np.int64), np.array(all_scores, dtype=np.float64)
