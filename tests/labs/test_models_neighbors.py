"""Manhattan k-NN works in bounded memory: distances are accumulated feature by feature over blocks of
query rows, never as a (queries, training rows, features) array."""

import tracemalloc

import numpy as np
import pytest

from gauntlet.labs.models import KNeighborsClassifier, pairwise_distances
from gauntlet.labs.models import neighbors as neighbors_module


def _direct_manhattan(A, B):
    return np.abs(A[:, None, :] - B[None, :, :]).sum(axis=2)


@pytest.mark.parametrize(("n_a", "n_b", "d"), [(1, 7, 3), (37, 11, 5), (40, 300, 2), (5, 0, 4)])
def test_manhattan_equals_the_direct_sum_for_any_block_size(monkeypatch, n_a, n_b, d):
    rng = np.random.default_rng(n_a + n_b)
    A, B = rng.standard_normal((n_a, d)), rng.standard_normal((n_b, d))
    for elements in (1, 64, 10_000):  # one row per block, a few rows, everything in one block
        monkeypatch.setattr(neighbors_module, "CHUNK_ELEMENTS", elements)
        np.testing.assert_allclose(pairwise_distances(A, B, p=1), _direct_manhattan(A, B), rtol=1e-12, atol=1e-12)


def test_manhattan_memory_stays_near_the_result_size():
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((300, 50)), rng.standard_normal((2000, 50))
    tracemalloc.start()
    try:
        distances = pairwise_distances(A, B, p=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    result_bytes = distances.nbytes  # 4.8 MB; the (300, 2000, 50) difference array would be 240 MB
    assert peak < 4 * result_bytes


@pytest.mark.slow
def test_manhattan_knn_matches_scikit_learn_on_5000_rows_of_100_features():
    from sklearn.neighbors import KNeighborsClassifier as SkKNN

    rng = np.random.default_rng(1)
    X, X_query = rng.standard_normal((5000, 100)), rng.standard_normal((5000, 100))
    y = (X[:, 0] + 0.5 * rng.standard_normal(5000) > 0).astype(int)
    ours = KNeighborsClassifier(5, p=1).fit(X, y)
    theirs = SkKNN(5, p=1, algorithm="brute").fit(X, y)
    tracemalloc.start()
    try:
        distances, indices = ours.kneighbors(X_query)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    ref_distances, ref_indices = theirs.kneighbors(X_query)
    np.testing.assert_allclose(distances, ref_distances, rtol=1e-10)
    assert np.array_equal(indices, ref_indices)
    assert np.array_equal(ours.predict(X_query), theirs.predict(X_query))
    assert peak < 100e6  # the old (queries, rows, features) blocks took 1.7 GB here
