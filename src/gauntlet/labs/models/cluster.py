"""k-means clustering (Lloyd's algorithm) with k-means++ or random initialisation.

Shapes: ``X`` (n_samples, n_features); ``cluster_centers_`` (n_clusters, n_features); ``labels_``
(n_samples,); ``inertia_`` = sum of squared distances of samples to their centre (units of X^2).
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.models.base import Estimator, check_array, check_n_features, make_rng, require


def _squared_distances(X: np.ndarray, centers: np.ndarray, x_norms: np.ndarray) -> np.ndarray:
    squared = x_norms[:, None] - 2.0 * X @ centers.T + (centers * centers).sum(axis=1)[None, :]
    return np.maximum(squared, 0.0)


def kmeans_plusplus(X: np.ndarray, n_clusters: int, rng: np.random.Generator,
                    n_local_trials: int | None = None) -> np.ndarray:
    """Greedy k-means++ seeding: (n_clusters, n_features) initial centres.

    The first centre is a uniform random sample; each next one is drawn with probability
    proportional to D(x)^2, the squared distance to the nearest centre chosen so far, so far-away
    regions get a centre. "Greedy": ``n_local_trials`` (default 2 + ln k) candidates are drawn and
    the one that most reduces the total D^2 is kept (scikit-learn's variant).
    """
    n = len(X)
    trials = n_local_trials if n_local_trials is not None else 2 + int(np.log(n_clusters))
    x_norms = (X * X).sum(axis=1)
    centers = np.empty((n_clusters, X.shape[1]))
    centers[0] = X[rng.integers(n)]
    closest = _squared_distances(X, centers[:1], x_norms)[:, 0]
    potential = closest.sum()
    for c in range(1, n_clusters):
        if potential <= 0:  # fewer distinct points than clusters: any point will do
            centers[c] = X[rng.integers(n)]
            continue
        candidates = np.searchsorted(np.cumsum(closest), rng.random(trials) * potential)
        candidates = np.minimum(candidates, n - 1)
        with_candidate = np.minimum(closest[None, :], _squared_distances(X, X[candidates], x_norms).T)
        totals = with_candidate.sum(axis=1)
        best = int(np.argmin(totals))
        centers[c] = X[candidates[best]]
        closest, potential = with_candidate[best], totals[best]
    return centers


class KMeans(Estimator):
    """Partition samples into ``n_clusters`` groups minimising the within-cluster sum of squares.

    Lloyd's iterations alternate: assign each sample to its nearest centre, move each centre to
    the mean of its samples. Each step never increases the inertia, so it converges, but only to a
    local optimum that depends on the start: ``n_init`` seeded starts are run and the lowest
    inertia kept ("auto": 1 start with k-means++, 10 with random). Stops when the centres move by
    less than ``tol`` times the mean feature variance (squared shift summed over centres) or after
    ``max_iter``. An empty cluster is re-seeded at the sample farthest from its centre.
    """

    def __init__(self, n_clusters: int = 8, *, init: str = "k-means++", n_init: int | str = "auto",
                 max_iter: int = 300, tol: float = 1e-4, random_state: int | None = None):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray | None = None) -> KMeans:
        X = check_array(X)
        require(self.init in ("k-means++", "random"), "init must be 'k-means++' or 'random'")
        require(1 <= self.n_clusters <= len(X), f"n_clusters must be in [1, {len(X)}]")
        n_init = (1 if self.init == "k-means++" else 10) if self.n_init == "auto" else int(self.n_init)
        require(n_init >= 1, "n_init must be >= 1 or 'auto'")
        self.n_features_in_ = X.shape[1]
        rng = make_rng(self.random_state)
        x_norms = (X * X).sum(axis=1)
        threshold = float(np.mean(np.var(X, axis=0))) * self.tol
        results = []
        for _ in range(n_init):
            if self.init == "k-means++":
                centers = kmeans_plusplus(X, self.n_clusters, rng)
            else:
                centers = X[rng.choice(len(X), self.n_clusters, replace=False)].copy()
            results.append(self._lloyd(X, centers, x_norms, threshold))
        # the lowest inertia; min keeps the first of equal ones
        self.cluster_centers_, self.labels_, self.inertia_, self.n_iter_ = min(results, key=lambda r: r[2])
        return self

    def _lloyd(self, X: np.ndarray, centers: np.ndarray, x_norms: np.ndarray,
               threshold: float) -> tuple[np.ndarray, np.ndarray, float, int]:
        k = self.n_clusters
        n_iter = 0
        for _ in range(self.max_iter):
            n_iter += 1
            distances = _squared_distances(X, centers, x_norms)
            labels = np.argmin(distances, axis=1)
            counts = np.bincount(labels, minlength=k)
            sums = np.zeros_like(centers)
            np.add.at(sums, labels, X)
            new_centers = centers.copy()
            filled = counts > 0
            new_centers[filled] = sums[filled] / counts[filled, None]
            if not filled.all():
                nearest = distances[np.arange(len(X)), labels]
                far = np.argsort(-nearest)[: int((~filled).sum())]
                new_centers[~filled] = X[far]
            shift = float(np.sum((new_centers - centers) ** 2))
            centers = new_centers
            if shift <= threshold:
                break
        # final assignment to the final centres, so labels_ and inertia_ describe cluster_centers_
        distances = _squared_distances(X, centers, x_norms)
        labels = np.argmin(distances, axis=1)
        inertia = float(np.sum((X - centers[labels]) ** 2))
        return centers, labels, inertia, n_iter

    def predict(self, X: np.ndarray) -> np.ndarray:
        """(n_samples,) index of the nearest centre."""
        X = check_n_features(self, X)
        return np.argmin(_squared_distances(X, self.cluster_centers_, (X * X).sum(axis=1)), axis=1)

    def transform(self, X: np.ndarray) -> np.ndarray:
        """(n_samples, n_clusters) Euclidean distance to every centre."""
        X = check_n_features(self, X)
        return np.sqrt(_squared_distances(X, self.cluster_centers_, (X * X).sum(axis=1)))

    def score(self, X: np.ndarray, y: np.ndarray | None = None) -> float:
        """Minus the inertia of X against the fitted centres (higher is better, as in scikit-learn)."""
        X = check_n_features(self, X)
        return -float(np.sum((X - self.cluster_centers_[self.predict(X)]) ** 2))
