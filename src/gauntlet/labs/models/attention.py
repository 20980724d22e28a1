"""Scaled dot-product attention and a multi-head self-attention layer (forward pass, NumPy).

Shapes: queries ``Q`` (..., n_queries, d_k), keys ``K`` (..., n_keys, d_k), values ``V``
(..., n_keys, d_v); leading dimensions (batch, heads) broadcast. Attention weights are
(..., n_queries, n_keys), each row a probability distribution over the keys.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.models.base import ModelInputError, make_rng, require


def stable_softmax(scores: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis``; subtracting the max first keeps exp from overflowing.

    A row whose entries are all -inf (everything masked) gives zeros instead of NaN.
    """
    peak = np.max(scores, axis=axis, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0.0)
    exp = np.exp(scores - peak)
    total = exp.sum(axis=axis, keepdims=True)
    return np.divide(exp, total, out=np.zeros_like(exp), where=total > 0)


def causal_mask(n: int) -> np.ndarray:
    """(n, n) boolean, True where query i may attend to key j, i.e. j <= i (no peeking ahead)."""
    return np.tril(np.ones((n, n), dtype=bool))


def scaled_dot_product_attention(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``softmax(Q K^T / sqrt(d_k)) V`` and the attention weights.

    Dividing by sqrt(d_k) keeps the scores' variance near 1 when the entries of Q and K have
    unit variance (a dot product of d_k such terms has variance d_k); without it, large d_k
    saturates the softmax into near one-hot rows with vanishing gradients.
    ``mask`` (broadcastable to (..., n_queries, n_keys)): True = may attend; masked scores are set
    to -inf before the softmax so they get exactly zero weight.
    Returns ``output`` (..., n_queries, d_v) and ``weights`` (..., n_queries, n_keys).
    """
    Q, K, V = (np.asarray(a, dtype=np.float64) for a in (Q, K, V))
    if Q.shape[-1] != K.shape[-1]:
        raise ModelInputError(f"queries have d_k={Q.shape[-1]} but keys have d_k={K.shape[-1]}")
    if K.shape[-2] != V.shape[-2]:
        raise ModelInputError(f"{K.shape[-2]} keys but {V.shape[-2]} values")
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    weights = stable_softmax(scores, axis=-1)
    return weights @ V, weights


class SelfAttention:
    """Multi-head self-attention: every position attends to every (allowed) position of the same
    sequence.

    ``d_model`` must be divisible by ``n_heads``; each head works in d_k = d_model / n_heads
    dimensions with its own slices of the projections W_q, W_k, W_v (d_model, d_model), then the
    heads' outputs are concatenated and projected by W_o (d_model, d_model). Weights are drawn
    N(0, 1/d_model) from ``random_state`` (a forward-pass demonstration: there is no training here).
    """

    def __init__(self, d_model: int, *, n_heads: int = 1, random_state: int | None = None):
        require(d_model >= 1 and n_heads >= 1, "d_model and n_heads must be >= 1")
        require(d_model % n_heads == 0, f"d_model={d_model} is not divisible by n_heads={n_heads}")
        self.d_model = d_model
        self.n_heads = n_heads
        self.random_state = random_state
        rng = make_rng(random_state)
        scale = 1.0 / np.sqrt(d_model)
        self.W_q, self.W_k, self.W_v, self.W_o = (rng.normal(0.0, scale, (d_model, d_model)) for _ in range(4))

    def _split_heads(self, Z: np.ndarray) -> np.ndarray:
        # (..., n, d_model) -> (..., heads, n, d_k)
        *lead, n, _ = Z.shape
        return np.moveaxis(Z.reshape(*lead, n, self.n_heads, self.d_model // self.n_heads), -2, -3)

    def forward(self, X: np.ndarray, *, causal: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """``X`` (n, d_model) or (batch, n, d_model) -> output of the same shape, and the weights
        (..., n_heads, n, n). ``causal=True`` lets position i attend only to positions <= i."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim not in (2, 3) or X.shape[-1] != self.d_model:
            raise ModelInputError(f"X must be (n, {self.d_model}) or (batch, n, {self.d_model}), got {X.shape}")
        Q, K, V = (self._split_heads(X @ W) for W in (self.W_q, self.W_k, self.W_v))
        mask = causal_mask(X.shape[-2]) if causal else None
        heads, weights = scaled_dot_product_attention(Q, K, V, mask)
        # (..., heads, n, d_k) -> (..., n, d_model)
        merged = np.moveaxis(heads, -3, -2)
        merged = merged.reshape(*merged.shape[:-2], self.d_model)
        return merged @ self.W_o, weights
