"""SMOTE: synthetic minority over-sampling by interpolating between minority neighbours.

Shapes: ``X`` (n_samples, n_features), ``y`` (n_samples,). ``fit_resample`` returns the original
rows followed by the synthetic ones.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.models.base import Estimator, check_X_y, make_rng, require
from gauntlet.labs.models.neighbors import pairwise_distances


class SMOTE(Estimator):
    """Over-sample minority classes with points on segments between a minority sample and one of
    its ``k_neighbors`` nearest neighbours *of the same class*.

    Each synthetic point is ``x + u * (x_nn - x)`` with the base sample x drawn uniformly from the
    class, x_nn drawn uniformly from x's k nearest same-class neighbours, and u ~ U(0, 1).
    ``sampling_strategy``: "auto" grows every class to the majority count; a float r in (0, 1]
    (binary data only) grows the minority to r times the majority count.

    Apply it to the training split only: resampling before a split leaks synthetic copies of test
    points into training. It densifies the minority region; it does not add information, and it
    distorts predicted probabilities (recalibrate, or prefer class weights / threshold moving).

    After ``fit_resample``: ``synthetic_base_`` and ``synthetic_neighbor_`` (n_synthetic,) are the
    row indices (into the input X) of each synthetic point's two endpoints, ``synthetic_gap_`` its u.
    """

    def __init__(self, *, k_neighbors: int = 5, sampling_strategy: str | float = "auto",
                 random_state: int | None = None):
        self.k_neighbors = k_neighbors
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state

    def _targets(self, classes: np.ndarray, counts: np.ndarray) -> np.ndarray:
        majority = counts.max()
        if self.sampling_strategy == "auto":
            return np.full(len(classes), majority)
        ratio = self.sampling_strategy
        require(isinstance(ratio, float) and 0 < ratio <= 1, "sampling_strategy must be 'auto' or a float in (0, 1]")
        require(len(classes) == 2, "a float sampling_strategy needs exactly two classes")
        wanted = counts.copy()
        minority = int(np.argmin(counts))
        wanted[minority] = max(counts[minority], int(ratio * majority))
        return wanted

    def fit_resample(self, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(X_resampled (n + n_synthetic, n_features), y_resampled (n + n_synthetic,))."""
        X, y = check_X_y(X, y)
        require(self.k_neighbors >= 1, "k_neighbors must be >= 1")
        rng = make_rng(self.random_state)
        classes, counts = np.unique(y, return_counts=True)
        wanted = self._targets(classes, counts)
        new_X, new_y, bases, neighbours, gaps = [X], [y], [], [], []
        for label, have, want in zip(classes, counts, wanted, strict=True):
            n_new = int(want - have)
            if n_new <= 0:
                continue
            members = np.flatnonzero(y == label)
            require(len(members) > self.k_neighbors,
                    f"class {label!r} has {len(members)} samples: SMOTE needs more than k_neighbors={self.k_neighbors}")
            points = X[members]
            distances = pairwise_distances(points, points)
            np.fill_diagonal(distances, np.inf)  # a sample is not its own neighbour
            nearest = np.argsort(distances, axis=1, kind="stable")[:, : self.k_neighbors]
            base = rng.integers(len(members), size=n_new)
            neighbour = nearest[base, rng.integers(self.k_neighbors, size=n_new)]
            gap = rng.random(n_new)
            new_X.append(points[base] + gap[:, None] * (points[neighbour] - points[base]))
            new_y.append(np.full(n_new, label, dtype=y.dtype))
            bases.append(members[base])
            neighbours.append(members[neighbour])
            gaps.append(gap)

        def joined(parts: list[np.ndarray], dtype: type) -> np.ndarray:
            return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)

        self.synthetic_base_ = joined(bases, np.intp)
        self.synthetic_neighbor_ = joined(neighbours, np.intp)
        self.synthetic_gap_ = joined(gaps, np.float64)
        return np.vstack(new_X), np.concatenate(new_y)
