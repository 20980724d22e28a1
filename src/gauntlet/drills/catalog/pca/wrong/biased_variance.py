# expect: wrong_answer
# Divides by n instead of n - 1: the components are right, the explained variances are too small by a
# factor (n - 1) / n.
import numpy as np


def pca(X, n_components):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    cov = centred.T @ centred / len(X)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1][:n_components]
    components = vectors[:, order].T
    idx = np.argmax(np.abs(components), axis=1)
    components *= np.sign(components[np.arange(n_components), idx])[:, None]
    return components, np.maximum(values[order], 0.0), centred @ components.T
