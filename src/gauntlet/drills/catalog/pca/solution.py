import numpy as np


def pca(X, n_components):
    X = np.asarray(X, dtype=np.float64)
    n = X.shape[0]
    centred = X - X.mean(axis=0)
    # SVD of the centred data avoids forming XᵀX, which squares the condition number
    _, singular_values, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:n_components]
    explained_variance = np.maximum(singular_values[:n_components] ** 2 / (n - 1), 0.0)

    largest = np.argmax(np.abs(components), axis=1)
    signs = np.where(components[np.arange(n_components), largest] < 0, -1.0, 1.0)
    components = components * signs[:, None]
    return components, explained_variance, centred @ components.T
