# expect: wrong_answer
# Divides by the number of rows instead of the number of elements: right for 1-D inputs, k times too
# large for (n, k) multi-output targets.
import numpy as np


def mse(y_true, y_pred):
    diff = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return float(np.sum(diff**2) / len(diff))


def mse_gradient(y_true, y_pred):
    diff = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return 2.0 * diff / len(diff)
