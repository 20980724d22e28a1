import numpy as np


def l1_penalty(w, lam):
    """L1 penalty lam * sum(|w_j|) and its minimum-norm subgradient.

    Args:
        w: float array of shape (d,), d >= 0.
        lam: penalty strength, >= 0.

    Returns:
        (value, subgradient): value a float; subgradient a float64 array (d,) equal to
        lam * sign(w), with 0 where w_j == 0.
    """
    raise NotImplementedError


def l2_penalty(w, lam):
    """L2 penalty (lam / 2) * sum(w_j ** 2) and its gradient.

    Args:
        w: float array of shape (d,), d >= 0.
        lam: penalty strength, >= 0.

    Returns:
        (value, gradient): value a float; gradient a float64 array (d,) equal to lam * w.
    """
    raise NotImplementedError


def soft_threshold(w, t):
    """Proximal operator of t * ||w||_1: sign(w) * max(|w| - t, 0), elementwise.

    Args:
        w: float array of shape (d,), d >= 0.
        t: threshold, >= 0.

    Returns:
        float64 array of shape (d,).
    """
    raise NotImplementedError
