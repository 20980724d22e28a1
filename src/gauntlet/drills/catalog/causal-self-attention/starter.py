import numpy as np


def causal_self_attention(x, W_q, W_k, W_v, W_o, n_heads, key_padding_mask=None):
    """Multi-head self-attention where token t attends to tokens s <= t that are not padding.

    Args:
        x: float array (B, T, d).
        W_q, W_k, W_v, W_o: float arrays (d, d), applied as x @ W.
        n_heads: number of heads h; d_h = d // h.
        key_padding_mask: None, or bool array (B, T), True = real token (may be attended to).

    Returns:
        (out, weights): float64 arrays (B, T, d) and (B, h, T, T). Rows with no allowed key are all zero.
    """
    raise NotImplementedError
