# Slow but correct: each minority point's neighbours come from sorting all the others in Python by
# (distance, index), and the synthetic points are drawn and built one at a time in a Python loop.
import numpy as np


def _neighbours_of(X, i, k):
    squared = ((X - X[i]) ** 2).sum(axis=1).tolist()
    others = sorted((squared[j], j) for j in range(len(X)) if j != i)  # ties: the lower index first
    return [j for _, j in others[:k]]


def smote(X_min, n_synthetic, k=5, seed=0):
    X_min = np.asarray(X_min, dtype=np.float64)
    m, d = X_min.shape
    out = np.zeros((n_synthetic, d))
    if n_synthetic == 0:
        return out
    if m == 1:
        for row in range(n_synthetic):
            out[row] = X_min[0]
        return out
    k = min(k, m - 1)
    neighbours = [_neighbours_of(X_min, i, k) for i in range(m)]
    rng = np.random.default_rng(seed)
    for row in range(n_synthetic):
        base = int(rng.integers(0, m))
        partner = neighbours[base][int(rng.integers(0, k))]
        gap = float(rng.random())  # one scalar for every coordinate: the point stays on the segment
        out[row] = X_min[base] + gap * (X_min[partner] - X_min[base])
    return out


def balance_with_smote(X, y, k=5, seed=0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    counts = {}
    for label in y.tolist():
        counts[label] = counts.get(label, 0) + 1
    labels = sorted(counts)
    if counts[labels[0]] == counts[labels[1]]:
        return X.copy(), y.copy()
    minority = min(labels, key=lambda label: counts[label])
    majority = max(labels, key=lambda label: counts[label])
    minority_rows = np.array([X[i] for i in range(len(X)) if y[i] == minority])
    synthetic = smote(minority_rows, counts[majority] - counts[minority], k=k, seed=seed)
    new_labels = np.array([minority] * len(synthetic), dtype=y.dtype)
    return np.vstack([X, synthetic]), np.concatenate([y, new_labels])
