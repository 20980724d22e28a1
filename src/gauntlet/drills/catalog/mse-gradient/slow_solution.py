# Slow but correct: the loss and every gradient entry are computed element by element in Python loops
# over the flattened arrays, instead of whole-array NumPy arithmetic.
import numpy as np


def mse(y_true, y_pred):
    truth = np.asarray(y_true, dtype=np.float64).reshape(-1).tolist()
    guess = np.asarray(y_pred, dtype=np.float64).reshape(-1).tolist()
    total = 0.0
    for t, p in zip(truth, guess):
        total += (p - t) * (p - t)
    return total / len(truth)


def mse_gradient(y_true, y_pred):
    y_pred = np.asarray(y_pred, dtype=np.float64)
    truth = np.asarray(y_true, dtype=np.float64).reshape(-1).tolist()
    guess = y_pred.reshape(-1).tolist()
    gradient = []
    for t, p in zip(truth, guess):
        gradient.append(2.0 * (p - t) / len(guess))
    return np.array(gradient, dtype=np.float64).reshape(y_pred.shape)
