# expect: runtime_error
# Uses Python's built-in max() on an array: comparing an array with 0 has no single truth value, so NumPy
# raises "The truth value of an array with more than one element is ambiguous".
import numpy as np


def l1_penalty(w, lam):
    w = np.asarray(w, dtype=float)
    return float(lam * np.abs(w).sum()), lam * np.sign(w)


def l2_penalty(w, lam):
    w = np.asarray(w, dtype=float)
    return float(0.5 * lam * np.dot(w, w)), lam * w


def soft_threshold(w, t):
    w = np.asarray(w, dtype=float)
    return np.sign(w) * max(np.abs(w) - t, 0.0)
