"""k-nearest neighbours: classification by vote, regression by average (Euclidean or Manhattan).

Shapes: ``X`` (n_samples, n_features); ``kneighbors(X)`` returns distances and indices into the
training rows, each (n_queries, k), nearest first. Fitting only stores the data: all the work is at
prediction time, O(n_queries * n_train * n_features).
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.models.base import (
    Classifier,
    Estimator,
    Regressor,
    check_n_features,
    check_X_y,
    encode_labels,
    require,
)

CHUNK_ELEMENTS = 1_000_000  # query rows x training rows per distance block (8 MB of float64, cache-friendly)
ARGMIN_SELECTION_MAX_K = 16  # up to this k, k argmin scans select the nearest faster than argpartition


def pairwise_distances(A: np.ndarray, B: np.ndarray, p: int = 2) -> np.ndarray:
    """(len(A), len(B)) Euclidean (p=2) or Manhattan (p=1) distances between the rows of A and B.

    Working memory stays about CHUNK_ELEMENTS float64 values (8 MB) besides the result itself,
    whatever the number of features.
    """
    if p == 2:
        # |a - b|^2 = |a|^2 - 2 a.b + |b|^2: one matrix product instead of an (n, m, d) difference;
        # rounding can make it slightly negative for (near-)identical rows, hence the clip
        squared = (A * A).sum(axis=1)[:, None] - 2.0 * A @ B.T + (B * B).sum(axis=1)[None, :]
        return np.sqrt(np.maximum(squared, 0.0))
    return _manhattan(A, B)


def _manhattan(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """sum_j |a_j - b_j| for every pair of rows, one feature at a time over a block of A's rows.

    The direct ``np.abs(A[:, None, :] - B[None, :, :]).sum(axis=2)`` builds a (len(A), len(B),
    n_features) array first: 1.7 GB for 5,000 x 5,000 rows of 100 features. Here the only working
    array is one (block, len(B)) difference, reused for every feature.
    """
    out = np.zeros((len(A), len(B)))
    rows_per_block = max(1, CHUNK_ELEMENTS // max(len(B), 1))
    B_columns = np.ascontiguousarray(B.T)  # feature j of every row of B, contiguous
    scratch = np.empty((min(rows_per_block, len(A)), len(B)))
    for start in range(0, len(A), rows_per_block):
        block, rows = out[start:start + rows_per_block], A[start:start + rows_per_block]
        difference = scratch[: len(rows)]
        for j in range(A.shape[1]):
            np.subtract(rows[:, j, None], B_columns[j], out=difference)
            block += np.abs(difference, out=difference)
    return out


def smallest_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Column indices of the k smallest values of each row, in no particular order. Overwrites ``scores``.

    For small k, k passes of argmin (each one vectorised scan; ties go to the lowest index) are faster
    than argpartition's per-row introselect.
    """
    if k > ARGMIN_SELECTION_MAX_K:
        return np.argpartition(scores, k - 1, axis=1)[:, :k]
    rows = np.arange(len(scores))
    chosen = np.empty((len(scores), k), dtype=np.intp)
    for i in range(k):
        chosen[:, i] = scores.argmin(axis=1)
        scores[rows, chosen[:, i]] = np.inf
    return chosen


class _Neighbors(Estimator):
    n_neighbors: int
    weights: str
    p: int

    def _store(self, X: np.ndarray) -> None:
        require(self.n_neighbors >= 1, "n_neighbors must be >= 1")
        require(self.weights in ("uniform", "distance"), "weights must be 'uniform' or 'distance'")
        require(self.p in (1, 2), "p must be 1 (Manhattan) or 2 (Euclidean)")
        require(self.n_neighbors <= len(X), f"n_neighbors={self.n_neighbors} exceeds the {len(X)} training rows")
        self._X = X
        self.n_features_in_ = X.shape[1]

    def kneighbors(self, X: np.ndarray, n_neighbors: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Distances and training-row indices of the k nearest rows, (n_queries, k) each, nearest first.

        Equal distances are ordered by training-row index.
        """
        X = check_n_features(self, X)
        k = self.n_neighbors if n_neighbors is None else n_neighbors
        require(1 <= k <= len(self._X), f"n_neighbors must be in [1, {len(self._X)}]")
        distances = np.empty((len(X), k))
        indices = np.empty((len(X), k), dtype=np.intp)
        # [b, |b|^2] . [-2a, 1] = |b|^2 - 2 a.b: the ranking score, in one matrix product
        train_augmented = np.column_stack([self._X, (self._X * self._X).sum(axis=1)])
        step = max(1, CHUNK_ELEMENTS // len(self._X))
        for start in range(0, len(X), step):
            queries = X[start:start + step]
            if self.p == 2:
                # rank by |b|^2 - 2 a.b: the query's own |a|^2 and the square root change no order,
                # so neither is computed for the n_train candidates, only for the k kept
                block = np.column_stack([-2.0 * queries, np.ones(len(queries))]) @ train_augmented.T
            else:
                block = pairwise_distances(queries, self._X, 1)
            if k < block.shape[1]:
                nearest = smallest_k(block, k)
            else:
                nearest = np.tile(np.arange(block.shape[1]), (len(block), 1))
            difference = queries[:, None, :] - self._X[nearest]
            exact = (np.sqrt((difference * difference).sum(axis=2)) if self.p == 2
                     else np.abs(difference).sum(axis=2))
            # sort the k by (distance, index): lexsort's last key is the primary one
            order = np.lexsort((nearest, exact), axis=1)
            rows = np.arange(len(block))[:, None]
            indices[start:start + step] = nearest[rows, order]
            distances[start:start + step] = exact[rows, order]
        return distances, indices

    def _neighbour_weights(self, distances: np.ndarray) -> np.ndarray:
        if self.weights == "uniform":
            return np.ones_like(distances)
        with np.errstate(divide="ignore"):
            inverse = 1.0 / distances
        # a query that coincides with training rows takes only those rows (weight 1 each)
        exact = np.isinf(inverse)
        has_exact = exact.any(axis=1)
        inverse[has_exact] = exact[has_exact].astype(float)
        return inverse


class KNeighborsClassifier(_Neighbors, Classifier):
    """Majority vote of the k nearest training rows (``weights="distance"``: votes weighted 1/d).

    A tied vote goes to the class that sorts first in ``classes_``.
    """

    def __init__(self, n_neighbors: int = 5, *, weights: str = "uniform", p: int = 2):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.p = p

    def fit(self, X: np.ndarray, y: np.ndarray) -> KNeighborsClassifier:
        X, y = check_X_y(X, y)
        self.classes_, self._codes = encode_labels(y)
        self._store(X)
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """(n_samples, n_classes) share of (weighted) neighbour votes per class."""
        distances, indices = self.kneighbors(X)
        w = self._neighbour_weights(distances)
        votes = np.zeros((len(indices), len(self.classes_)))
        rows = np.repeat(np.arange(len(indices)), indices.shape[1])
        np.add.at(votes, (rows, self._codes[indices].ravel()), w.ravel())
        return votes / votes.sum(axis=1, keepdims=True)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class KNeighborsRegressor(_Neighbors, Regressor):
    """Mean target of the k nearest training rows (``weights="distance"``: weighted by 1/d)."""

    def __init__(self, n_neighbors: int = 5, *, weights: str = "uniform", p: int = 2):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.p = p

    def fit(self, X: np.ndarray, y: np.ndarray) -> KNeighborsRegressor:
        X, y = check_X_y(X, y, y_numeric=True)
        self._y = y
        self._store(X)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        distances, indices = self.kneighbors(X)
        w = self._neighbour_weights(distances)
        return (w * self._y[indices]).sum(axis=1) / w.sum(axis=1)
