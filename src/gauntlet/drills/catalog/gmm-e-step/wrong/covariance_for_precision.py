# expect: wrong_answer
# Puts the covariance itself in the quadratic form, (x - mu)^T Sigma (x - mu), instead of its inverse: right
# only when Sigma is the identity.
import numpy as np


def gmm_e_step(X, weights, means, covariances):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    a = np.zeros((n, len(weights)))
    for k in range(len(weights)):
        diff = X - means[k]
        quad = np.einsum("ij,jk,ik->i", diff, covariances[k], diff)
        log_det = np.linalg.slogdet(covariances[k])[1]
        a[:, k] = np.log(weights[k]) - 0.5 * (d * np.log(2 * np.pi) + log_det + quad)
    top = a.max(axis=1, keepdims=True)
    log_px = top[:, 0] + np.log(np.exp(a - top).sum(axis=1))
    return np.exp(a - log_px[:, None]), log_px
