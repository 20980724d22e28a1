import numpy as np


def example_two_clusters_and_noise(sol):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [10.0, 10.0], [10.0, 11.0], [11.0, 10.0], [5.0, 5.0]])
    labels = np.asarray(sol.dbscan(X, 1.0, 3))
    # eps is inclusive and a point counts itself: the corner points have 3 neighbours each
    assert labels.tolist() == [0, 0, 0, 1, 1, 1, -1], f"got {labels.tolist()}"


def example_border_point_goes_to_the_first_cluster(sol):
    # point 0 (at 2.0) has only 3 neighbours, itself included: a border point, within eps of the cores
    # at 1.0 (cluster 0, whose first core point is index 1) and at 3.0 (cluster 1)
    X = np.array([[2.0], [0.0], [0.3], [0.6], [1.0], [3.0], [3.4], [3.7], [4.0]])
    labels = np.asarray(sol.dbscan(X, 1.0, 4))
    assert labels.tolist() == [0, 0, 0, 0, 0, 1, 1, 1, 1], f"got {labels.tolist()}"
