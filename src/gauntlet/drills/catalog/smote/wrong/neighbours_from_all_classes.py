# expect: wrong_answer
# In balance_with_smote, looks for neighbours among ALL rows (majority included): synthetic "minority"
# points are interpolated towards majority points, right into the other class.
import numpy as np


def smote(X_min, n_synthetic, k=5, seed=0):
    X_min = np.asarray(X_min, dtype=float)
    return _interpolate(X_min, np.arange(len(X_min)), n_synthetic, k, seed)


def _interpolate(X_all, base_rows, n_synthetic, k, seed):
    d = X_all.shape[1]
    if len(X_all) == 1:
        return np.repeat(X_all, n_synthetic, axis=0)
    k = min(k, len(X_all) - 1)
    sq = ((X_all[:, None] - X_all[None]) ** 2).sum(-1)
    np.fill_diagonal(sq, np.inf)
    nn = np.argsort(sq, axis=1, kind="stable")[:, :k]
    rng = np.random.default_rng(seed)
    i = base_rows[rng.integers(0, len(base_rows), size=n_synthetic)]
    j = nn[i, rng.integers(0, k, size=n_synthetic)]
    gap = rng.random(n_synthetic)[:, None]
    return (X_all[i] + gap * (X_all[j] - X_all[i])).reshape(n_synthetic, d)


def balance_with_smote(X, y, k=5, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    if counts[0] == counts[1]:
        return X.copy(), y.copy()
    minority = labels[np.argmin(counts)]
    new = _interpolate(X, np.flatnonzero(y == minority), int(counts.max() - counts.min()), k, seed)
    return np.vstack([X, new]), np.concatenate([y, np.full(len(new), minority)])
