# expect: wrong_answer
# Takes the first k columns of the sorted distance matrix without excluding the diagonal: every point's
# "nearest neighbour" is itself at distance 0, so some synthetic points are exact copies of originals (all
# of them when k = 1).
import numpy as np


def smote(X_min, n_synthetic, k=5, seed=0):
    X_min = np.asarray(X_min, dtype=float)
    m, d = X_min.shape
    if m == 1:
        return np.repeat(X_min, n_synthetic, axis=0)
    k = min(k, m - 1)
    sq = ((X_min[:, None] - X_min[None]) ** 2).sum(-1)
    nn = np.argsort(sq, axis=1, kind="stable")[:, :k]
    rng = np.random.default_rng(seed)
    i = rng.integers(0, m, size=n_synthetic)
    j = nn[i, rng.integers(0, k, size=n_synthetic)]
    gap = rng.random(n_synthetic)[:, None]
    return (X_min[i] + gap * (X_min[j] - X_min[i])).reshape(n_synthetic, d)


def balance_with_smote(X, y, k=5, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    if counts[0] == counts[1]:
        return X.copy(), y.copy()
    minority = labels[np.argmin(counts)]
    new = smote(X[y == minority], int(counts.max() - counts.min()), k, seed)
    return np.vstack([X, new]), np.concatenate([y, np.full(len(new), minority)])
