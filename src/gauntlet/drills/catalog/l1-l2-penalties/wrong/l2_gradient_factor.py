# expect: wrong_answer
# Mixes conventions: value uses lam/2 but the gradient is the derivative of lam * ||w||^2.
import numpy as np


def l1_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(lam * np.abs(w).sum()), lam * np.sign(w)


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(0.5 * lam * np.sum(w**2)), 2.0 * lam * w


def soft_threshold(w, t):
    w = np.asarray(w, dtype=np.float64)
    return np.sign(w) * np.maximum(np.abs(w) - t, 0.0)
