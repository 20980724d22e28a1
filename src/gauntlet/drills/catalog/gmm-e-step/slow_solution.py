# Slow but correct: point by point and component by component, re-solving the covariance system and
# recomputing its log-determinant for every single point, instead of one Cholesky factor per component.
import math

import numpy as np


def gmm_e_step(X, weights, means, covariances):
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    means = np.asarray(means, dtype=np.float64)
    covariances = np.asarray(covariances, dtype=np.float64)
    n, d = X.shape
    k = len(weights)
    resp = np.zeros((n, k))
    log_px = np.zeros(n)
    for i in range(n):
        a = []
        for j in range(k):
            diff = X[i] - means[j]
            quad = float(diff @ np.linalg.solve(covariances[j], diff))
            log_det = np.linalg.slogdet(covariances[j])[1]
            a.append(math.log(weights[j]) - 0.5 * (d * math.log(2.0 * math.pi) + log_det + quad))
        top = max(a)
        total = 0.0
        for value in a:
            total += math.exp(value - top)
        log_px[i] = top + math.log(total)
        for j in range(k):
            resp[i, j] = math.exp(a[j] - log_px[i])
    return resp, log_px
