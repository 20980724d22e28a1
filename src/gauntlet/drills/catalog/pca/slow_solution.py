# Slow but correct: the covariance matrix is built entry by entry with pure-Python loops over the rows
# (O(n d^2) interpreted steps), then eigen-decomposed, instead of one SVD of the centred data.
import numpy as np


def pca(X, n_components):
    X = np.asarray(X, dtype=np.float64)
    n, d = X.shape
    rows = X.tolist()
    means = []
    for j in range(d):
        total = 0.0
        for row in rows:
            total += row[j]
        means.append(total / n)
    centred = [[row[j] - means[j] for j in range(d)] for row in rows]
    covariance = [[0.0] * d for _ in range(d)]
    for a in range(d):
        for b in range(a, d):
            total = 0.0
            for row in centred:
                total += row[a] * row[b]
            covariance[a][b] = covariance[b][a] = total / (n - 1)
    values, vectors = np.linalg.eigh(np.array(covariance))
    order = list(range(d))
    order.sort(key=lambda j: -values[j])
    components = []
    variances = []
    for j in order[:n_components]:
        vector = [float(v) for v in vectors[:, j]]
        largest = max(range(d), key=lambda i: abs(vector[i]))
        if vector[largest] < 0:
            vector = [-v for v in vector]
        components.append(vector)
        variances.append(max(float(values[j]), 0.0))
    projected = [[sum(row[i] * comp[i] for i in range(d)) for comp in components] for row in centred]
    return (np.array(components, dtype=np.float64), np.array(variances, dtype=np.float64),
            np.array(projected, dtype=np.float64).reshape(n, n_components))
