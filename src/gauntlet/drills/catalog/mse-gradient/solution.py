import numpy as np


def mse(y_true, y_pred):
    diff = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return float(np.mean(diff * diff))


def mse_gradient(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    return 2.0 * (y_pred - y_true) / y_pred.size
