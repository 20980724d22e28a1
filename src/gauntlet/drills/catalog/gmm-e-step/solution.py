import numpy as np


def gmm_e_step(X, weights, means, covariances):
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    means = np.asarray(means, dtype=np.float64)
    covariances = np.asarray(covariances, dtype=np.float64)
    n, d = X.shape
    log_joint = np.empty((n, len(weights)))  # a_k(x_i) = log pi_k + log N(x_i | mu_k, Sigma_k)
    for k, (mu, cov) in enumerate(zip(means, covariances)):
        chol = np.linalg.cholesky(cov)
        z = np.linalg.solve(chol, (X - mu).T)  # L z = x - mu, for every point at once
        mahalanobis = (z * z).sum(axis=0)
        log_det = 2.0 * np.log(np.diag(chol)).sum()
        log_joint[:, k] = np.log(weights[k]) - 0.5 * (d * np.log(2 * np.pi) + log_det + mahalanobis)
    top = log_joint.max(axis=1, keepdims=True) if n else np.zeros((0, 1))
    log_px = top[:, 0] + np.log(np.exp(log_joint - top).sum(axis=1))
    return np.exp(log_joint - log_px[:, None]), log_px
