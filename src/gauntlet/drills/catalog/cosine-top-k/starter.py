import numpy as np


def cosine_top_k(queries, corpus, k):
    """For every query, the k corpus rows with the highest cosine similarity.

    Args:
        queries: float array (m, d).
        corpus: float array (n, d).
        k: number of neighbours, >= 1; capped at n.

    Returns:
        (indices, scores): int array (m, min(k, n)) and float64 array (m, min(k, n)), sorted by decreasing
        similarity, ties broken by the smaller corpus index. Similarity involving a zero vector is 0.0.
    """
    raise NotImplementedError
