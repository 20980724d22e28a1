import numpy as np


def lora_forward(x, W, b, A, B, alpha):
    """y = x W^T + b + (alpha / r) * (x A^T) B^T.

    Args:
        x: (n, d_in); W: (d_out, d_in); b: (d_out,) or None; A: (r, d_in); B: (d_out, r); alpha: float.

    Returns:
        float64 array (n, d_out).
    """
    raise NotImplementedError


def lora_backward(x, dy, W, A, B, alpha):
    """Gradients for a frozen W, b and trainable A, B.

    Args:
        dy: (n, d_out), dL/dy.

    Returns:
        (dx, dA, dB): float64 arrays of shapes (n, d_in), (r, d_in), (d_out, r).
    """
    raise NotImplementedError


def lora_merge(W, A, B, alpha):
    """W + (alpha / r) * B A, float64 (d_out, d_in)."""
    raise NotImplementedError
