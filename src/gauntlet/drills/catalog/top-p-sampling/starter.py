import numpy as np


def nucleus_probs(logits, top_p, temperature=1.0):
    """softmax(logits / temperature), restricted to the nucleus and renormalised, row by row.

    Args:
        logits: float array (n, V); -inf allowed (at least one finite entry per row).
        top_p: 0 < top_p <= 1.
        temperature: > 0.

    Returns:
        float64 array (n, V): 0 outside the nucleus, rows sum to 1. The nucleus is the most probable tokens
        (ties: smaller index first) up to and including the one where the running total reaches top_p.
    """
    raise NotImplementedError


def sample_top_p(logits, top_p, temperature, u):
    """One token per row by inverse CDF over token indices of nucleus_probs(logits, top_p, temperature).

    Args:
        u: float array (n,), uniform numbers in [0, 1).

    Returns:
        int array (n,): for row r the smallest i with q[r, 0] + ... + q[r, i] > u[r].
    """
    raise NotImplementedError
