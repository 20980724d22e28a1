# expect: wrong_answer
# Skips the centring: the first "component" then points at the mean of the data rather than along the
# direction of largest spread.
import numpy as np


def pca(X, n_components):
    X = np.asarray(X, dtype=float)
    _, s, vt = np.linalg.svd(X, full_matrices=False)
    components = vt[:n_components]
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(n_components), idx])[:, None]
    return components, s[:n_components] ** 2 / (len(X) - 1), X @ components.T
