# expect: wrong_answer
# Soft thresholding written as "subtract t towards zero" without the max(·, 0): small weights overshoot
# past zero and flip sign instead of becoming exactly 0. The L1 subgradient also treats 0 as positive.
import numpy as np


def l1_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(lam * np.abs(w).sum()), lam * np.where(w >= 0, 1.0, -1.0)


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(0.5 * lam * np.sum(w**2)), lam * w


def soft_threshold(w, t):
    w = np.asarray(w, dtype=np.float64)
    return w - t * np.sign(w)
