# expect: wrong_answer
# Puts the bias inside the penalised parameter vector (a column of ones appended to X): the intercept is
# shrunk towards 0, which the model should not do.
import numpy as np


def fit_logistic_regression(X, y, lr=0.1, n_iters=1000, l2=0.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    X1 = np.column_stack([X, np.ones(n)])
    theta = np.zeros(X1.shape[1])

    def loss(theta):
        z = X1 @ theta
        return float(np.mean(np.logaddexp(0, z) - y * z) + 0.5 * l2 * theta @ theta)

    losses = [loss(theta)]
    for _ in range(n_iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(X1 @ theta, -500, 500)))
        theta = theta - lr * (X1.T @ (p - y) / n + l2 * theta)
        losses.append(loss(theta))
    return theta[:-1], float(theta[-1]), losses


def predict_proba(X, w, b):
    z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
