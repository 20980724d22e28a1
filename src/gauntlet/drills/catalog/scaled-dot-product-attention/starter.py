import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    """softmax(Q K^T / sqrt(d_k)) V over the last two axes, with optional boolean masking.

    Args:
        Q: float array (..., n_q, d_k).
        K: float array (..., n_k, d_k), same leading dimensions as Q.
        V: float array (..., n_k, d_v), same leading dimensions as Q.
        mask: None, or bool array broadcastable to (..., n_q, n_k); True = may attend.

    Returns:
        (output, weights): float64 arrays (..., n_q, d_v) and (..., n_q, n_k). Masked weights are exactly 0;
        a fully masked query row has all-zero weights and an all-zero output.
    """
    raise NotImplementedError


def causal_mask(n):
    """Boolean (n, n) mask letting position i attend to positions j <= i.

    Args:
        n: sequence length, >= 1.

    Returns:
        bool array (n, n), True on and below the diagonal.
    """
    raise NotImplementedError
