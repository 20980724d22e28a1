# expect: wrong_answer
# np.linalg.eigh returns eigenvalues in *ascending* order; taking the first k picks the directions of
# least variance.
import numpy as np


def pca(X, n_components):
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / (len(X) - 1))
    components = vectors[:, :n_components].T
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(n_components), idx])[:, None]
    return components, np.maximum(values[:n_components], 0.0), centred @ components.T
