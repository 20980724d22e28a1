"""Scores for a clustering: the silhouette (no labels needed) and the adjusted Rand index (against truth).

Shapes: ``X`` (n_samples, n_features); ``labels`` (n_samples,) cluster ids of any sortable type.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.models.base import ModelInputError, check_array, encode_labels, one_hot, require

ROWS_PER_CHUNK = 1024  # distance rows held at once: memory is ROWS_PER_CHUNK x n_samples floats


def silhouette_samples(X: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """(n_samples,) silhouette of every sample, each in [-1, 1] (Euclidean distance).

    For sample i in cluster C: a = mean distance to the other members of C, b = the smallest, over
    the other clusters, of the mean distance to that cluster's members; s = (b - a) / max(a, b).
    A sample alone in its cluster gets 0, as in scikit-learn (a is undefined). Needs 2 <= clusters
    <= n_samples - 1. Costs O(n^2) distances, computed ``ROWS_PER_CHUNK`` rows at a time.
    """
    X = check_array(X)
    labels = np.asarray(labels)
    if labels.shape != (len(X),):
        raise ModelInputError(f"labels must have shape ({len(X)},), got {labels.shape}")
    _, codes = encode_labels(labels)
    n_clusters = int(codes.max()) + 1
    require(2 <= n_clusters <= len(X) - 1,
            f"the silhouette needs between 2 and n_samples - 1 = {len(X) - 1} clusters, got {n_clusters}")
    members = one_hot(codes, n_clusters)  # (n, k)
    sizes = members.sum(axis=0)
    squared_norms = (X * X).sum(axis=1)
    scores = np.empty(len(X))
    for start in range(0, len(X), ROWS_PER_CHUNK):
        rows = slice(start, start + ROWS_PER_CHUNK)
        squared = squared_norms[rows, None] - 2.0 * X[rows] @ X.T + squared_norms[None, :]
        distances = np.sqrt(np.maximum(squared, 0.0))
        distances[np.arange(len(distances)), np.arange(start, start + len(distances))] = 0.0
        totals = distances @ members  # (chunk, k): summed distance to each cluster's members
        own = codes[rows]
        own_size = sizes[own]
        a = totals[np.arange(len(own)), own] / np.maximum(own_size - 1, 1)  # itself excluded (distance 0)
        to_others = totals / sizes[None, :]
        to_others[np.arange(len(own)), own] = np.inf
        b = to_others.min(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            s = (b - a) / np.maximum(a, b)
        scores[rows] = np.where(own_size > 1, np.nan_to_num(s), 0.0)
    return scores


def silhouette_score(X: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette over all samples: near 1 for compact, well-separated clusters, near 0 for
    overlapping ones, negative when many samples sit closer to another cluster than to their own."""
    return float(np.mean(silhouette_samples(X, labels)))


def adjusted_rand_score(labels_true: np.ndarray, labels_pred: np.ndarray) -> float:
    """Agreement of two partitions of the same samples, corrected for chance: 1 when they are the same
    up to renaming clusters, about 0 for a random assignment (it can be negative), whatever the numbers
    of clusters. It counts pairs of samples put together or apart by both partitions (Hubert & Arabie)."""
    labels_true, labels_pred = np.asarray(labels_true), np.asarray(labels_pred)
    if labels_true.ndim != 1 or labels_true.shape != labels_pred.shape:
        raise ModelInputError(f"both labelings must be 1-D of one length, got {labels_true.shape} and "
                              f"{labels_pred.shape}")
    n = len(labels_true)
    if n == 0:
        raise ModelInputError("the labelings are empty")
    _, true_codes = encode_labels(labels_true)
    _, pred_codes = encode_labels(labels_pred)
    contingency = np.zeros((true_codes.max() + 1, pred_codes.max() + 1))
    np.add.at(contingency, (true_codes, pred_codes), 1.0)

    def pairs(counts: np.ndarray) -> float:
        return float(np.sum(counts * (counts - 1) / 2))

    together_both = pairs(contingency)
    together_true, together_pred = pairs(contingency.sum(axis=1)), pairs(contingency.sum(axis=0))
    all_pairs = n * (n - 1) / 2
    expected = together_true * together_pred / all_pairs if all_pairs else 0.0
    best = (together_true + together_pred) / 2
    if best == expected:  # both partitions trivial (one cluster, or every sample alone): they agree
        return 1.0
    return (together_both - expected) / (best - expected)
