# expect: wrong_answer
# Leaves out log(pi_k): every component is treated as equally likely a priori, whatever the mixing weights.
import numpy as np


def gmm_e_step(X, weights, means, covariances):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    a = np.zeros((n, len(weights)))
    for k in range(len(weights)):
        diff = X - means[k]
        quad = np.einsum("ij,ij->i", diff, np.linalg.solve(covariances[k], diff.T).T)
        log_det = np.linalg.slogdet(covariances[k])[1]
        a[:, k] = -0.5 * (d * np.log(2 * np.pi) + log_det + quad)
    top = a.max(axis=1, keepdims=True)
    log_sum = top[:, 0] + np.log(np.exp(a - top).sum(axis=1))
    return np.exp(a - log_sum[:, None]), log_sum
