import numpy as np


def l1_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    # np.sign(0) is 0, which is exactly the minimum-norm subgradient at the kink
    return float(lam * np.abs(w).sum()), lam * np.sign(w)


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=np.float64)
    return float(0.5 * lam * np.dot(w, w)), lam * w


def soft_threshold(w, t):
    w = np.asarray(w, dtype=np.float64)
    return np.sign(w) * np.maximum(np.abs(w) - t, 0.0)
