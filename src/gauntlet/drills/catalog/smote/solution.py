import numpy as np


def _nearest_neighbours(X, k):
    """Indices (m, k) of each row's k nearest other rows, ties to the lower index."""
    norms = (X**2).sum(axis=1)
    sq = norms[:, None] - 2.0 * X @ X.T + norms[None, :]
    np.fill_diagonal(sq, np.inf)  # a point is never its own neighbour
    return np.argsort(sq, axis=1, kind="stable")[:, :k]


def smote(X_min, n_synthetic, k=5, seed=0):
    X_min = np.asarray(X_min, dtype=np.float64)
    m, d = X_min.shape
    if n_synthetic == 0:
        return np.zeros((0, d))
    if m == 1:
        return np.repeat(X_min, n_synthetic, axis=0)
    k = min(k, m - 1)
    neighbours = _nearest_neighbours(X_min, k)

    rng = np.random.default_rng(seed)
    base = rng.integers(0, m, size=n_synthetic)
    partner = neighbours[base, rng.integers(0, k, size=n_synthetic)]
    gap = rng.random(n_synthetic)[:, None]  # one scalar per synthetic point
    return X_min[base] + gap * (X_min[partner] - X_min[base])


def balance_with_smote(X, y, k=5, seed=0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    if counts[0] == counts[1]:
        return X.copy(), y.copy()
    minority = labels[np.argmin(counts)]
    synthetic = smote(X[y == minority], int(counts.max() - counts.min()), k=k, seed=seed)
    return np.vstack([X, synthetic]), np.concatenate([y, np.full(len(synthetic), minority, dtype=y.dtype)])
