# expect: wrong_answer
# Uses log det(Sigma) instead of 1/2 log det(Sigma) in the normalising constant (the square root of the
# determinant forgotten): components with large covariances are penalised twice as much as they should be.
import numpy as np


def gmm_e_step(X, weights, means, covariances):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    a = np.zeros((n, len(weights)))
    for k in range(len(weights)):
        diff = X - means[k]
        quad = np.einsum("ij,ij->i", diff, np.linalg.solve(covariances[k], diff.T).T)
        log_det = np.linalg.slogdet(covariances[k])[1]
        a[:, k] = np.log(weights[k]) - 0.5 * d * np.log(2 * np.pi) - log_det - 0.5 * quad
    top = a.max(axis=1, keepdims=True)
    log_px = top[:, 0] + np.log(np.exp(a - top).sum(axis=1))
    return np.exp(a - log_px[:, None]), log_px
