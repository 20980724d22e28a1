import numpy as np


def example_two_obvious_clusters(sol):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    centroids, labels, inertia = sol.kmeans(X, np.array([[1.0, 0.0], [9.0, 0.0]]))
    assert np.allclose(centroids, [[0.0, 0.5], [10.0, 0.5]]), f"got {centroids}"
    assert np.asarray(labels).tolist() == [0, 0, 1, 1] and np.isclose(inertia, 1.0), (
        f"got {labels}, {inertia}"
    )


def example_empty_cluster_keeps_its_centroid(sol):
    X = np.array([[0.0], [1.0], [2.0]])
    centroids, labels, _ = sol.kmeans(X, np.array([[1.0], [100.0]]))
    assert np.allclose(centroids, [[1.0], [100.0]]), (
        f"no point is near 100: it must stay there, got {centroids}"
    )
    assert np.asarray(labels).tolist() == [0, 0, 0]


def example_plus_plus_returns_rows(sol):
    X = np.array([[0.0, 0.0], [5.0, 5.0], [9.0, 1.0], [0.5, 0.0]])
    centres = np.asarray(sol.kmeans_plus_plus(X, 3, seed=0))
    assert centres.shape == (3, 2), f"expected shape (3, 2), got {centres.shape}"
    assert all(any(np.array_equal(c, row) for row in X) for c in centres), "every centroid is a row of X"
