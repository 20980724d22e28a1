import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    """Forward pass of a 2-D convolution layer (cross-correlation, as in deep-learning frameworks).

    Args:
        x: float array (N, C, H, W).
        w: float array (F, C, KH, KW).
        b: float array (F,), or None for no bias.
        stride: int or (sh, sw).
        padding: int or (ph, pw) zeros added on both sides of each spatial axis.

    Returns:
        float64 array (N, F, H_out, W_out), H_out = (H + 2 ph - KH) // sh + 1 (same for W).
    """
    raise NotImplementedError
