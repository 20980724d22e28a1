import numpy as np


def ndcg(relevance, scores, k=None, gain="linear"):
    """NDCG@k per query, with tie-averaged DCG for tied scores.

    Args:
        relevance: non-negative float array (q, m), graded relevance of each query's items.
        scores: float array (q, m), the model's scores (higher = ranked earlier); ties allowed.
        k: cut-off, positive int or None for all positions.
        gain: "linear" (gain = rel) or "exponential" (gain = 2**rel - 1).

    Returns:
        float64 array (q,): DCG@k / IDCG@k, 0 for a query whose items all have zero gain.
    """
    raise NotImplementedError
