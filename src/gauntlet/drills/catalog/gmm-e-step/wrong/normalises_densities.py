# expect: wrong_answer
# Computes each weighted density with exp() and divides by their sum: correct near the data, but for a point
# far from every component all densities underflow to 0 and the responsibilities are 0 / 0 = NaN.
import numpy as np


def gmm_e_step(X, weights, means, covariances):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    dens = np.zeros((n, len(weights)))
    for k in range(len(weights)):
        diff = X - means[k]
        inv = np.linalg.inv(covariances[k])
        quad = np.einsum("ij,jk,ik->i", diff, inv, diff)
        norm = np.sqrt((2 * np.pi) ** d * np.linalg.det(covariances[k]))
        dens[:, k] = weights[k] * np.exp(-0.5 * quad) / norm
    with np.errstate(divide="ignore", invalid="ignore"):
        total = dens.sum(axis=1)
        return dens / total[:, None], np.log(total)
