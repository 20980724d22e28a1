"""curse-of-dimensionality: distances concentrate like 1/sqrt(d), and k-NN drowns in irrelevant
dimensions while a model that weighs features holds up better."""

import pytest

from gauntlet.labs.runner import run_lab


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_distances_concentrate_and_knn_degrades(seed):
    result = run_lab("curse-of-dimensionality", seed)
    n = result.numbers
    assert n["farthest_over_nearest_d2"] > 20 and n["farthest_over_nearest_d1000"] < 1.2
    spread = {row[0]: row[2] for row in result.tables[0].rows}
    # relative spread ~ 1/sqrt(d) once d is large
    assert spread[1000] * 1000**0.5 == pytest.approx(spread[100] * 100**0.5, rel=0.1)
    assert n["knn_accuracy_2_dims"] > 0.9
    assert n["knn_accuracy_1024_dims"] < n["knn_accuracy_2_dims"] - 0.15
    assert n["logreg_accuracy_1024_dims"] > n["knn_accuracy_1024_dims"] + 0.1
    assert n["edge_for_1_percent_d10"] == pytest.approx(0.01**0.1)
