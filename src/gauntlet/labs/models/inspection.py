"""Permutation importance: how much a fitted model's score drops when one feature's values are shuffled.

Shuffling a column keeps its distribution but breaks its link with the target and with the other
columns, so the drop measures how much the model relies on that feature for the data it is scored on
(held-out data, to measure what generalises; training data also shows what the model memorised).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from gauntlet.labs.models.base import check_array, make_rng, require

MAX_ROWS_PER_CALL = 200_000  # shuffled copies predicted together: bounds the batch's memory


@dataclass(frozen=True)
class PermutationImportance:
    """``importances`` (n_groups, n_repeats): baseline score minus the score with the group shuffled;
    ``importances_mean`` and ``importances_std`` (n_groups,) over the repeats; ``baseline`` the score
    on the unshuffled data."""

    importances: np.ndarray
    importances_mean: np.ndarray
    importances_std: np.ndarray
    baseline: float


def permutation_importance(
    predict: Callable[[np.ndarray], np.ndarray], X: np.ndarray, y: np.ndarray,
    metric: Callable[[np.ndarray, np.ndarray], float], *, n_repeats: int = 5,
    groups: Sequence[Sequence[int]] | None = None, random_state: int | np.random.Generator | None = None,
) -> PermutationImportance:
    """Importance of each feature (or group of features) as the drop in ``metric(y, predict(X))``.

    predict: maps (n, n_features) rows to model outputs (labels, probabilities or values).
    metric: ``metric(y_true, outputs)``, higher is better (e.g. accuracy, ROC AUC, R^2).
    groups: lists of column indices shuffled together with one shared row order (so correlated
        features can be judged as a block); default: every column alone.

    For each group and repeat, the rows of the group's columns are shuffled by one random
    permutation and the score recomputed. The shuffled copies are predicted in as few calls as
    memory allows: the numbers are those of scoring them one at a time.
    """
    X = check_array(X)
    y = np.asarray(y)
    require(len(y) == len(X), f"X has {len(X)} rows but y has {len(y)}")
    require(n_repeats >= 1, "n_repeats must be >= 1")
    column_groups = [list(g) for g in groups] if groups is not None else [[j] for j in range(X.shape[1])]
    require(all(g and all(0 <= j < X.shape[1] for j in g) for g in column_groups),
            f"every group must be a non-empty list of column indices below {X.shape[1]}")
    rng = make_rng(random_state)
    baseline = float(metric(y, predict(X)))
    n = len(X)
    jobs = [(g, r) for g in range(len(column_groups)) for r in range(n_repeats)]
    orders = [rng.permutation(n) for _ in jobs]
    scores = np.empty(len(jobs))
    per_call = max(1, MAX_ROWS_PER_CALL // n)
    for first in range(0, len(jobs), per_call):
        batch = range(first, min(first + per_call, len(jobs)))
        shuffled = np.tile(X, (len(batch), 1))
        for k, job in enumerate(batch):
            columns = column_groups[jobs[job][0]]
            shuffled[k * n:(k + 1) * n, columns] = X[orders[job]][:, columns]
        outputs = predict(shuffled)
        for k, job in enumerate(batch):
            scores[job] = metric(y, outputs[k * n:(k + 1) * n])
    importances = (baseline - scores).reshape(len(column_groups), n_repeats)
    return PermutationImportance(importances, importances.mean(axis=1), importances.std(axis=1), baseline)
