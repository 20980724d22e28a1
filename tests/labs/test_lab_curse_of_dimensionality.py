"""curse-of-dimensionality: distances concentrate like 1/sqrt(d), and k-NN drowns in irrelevant
dimensions while a model that weighs features holds up better."""

import numpy as np
import pytest

from gauntlet.labs.curse_of_dimensionality import N_POINTS, N_QUERIES, concentration
from gauntlet.labs.models.neighbors import pairwise_distances
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(result):
    n = result.numbers
    # the median query's farthest point is tens of times its nearest in 2-D, barely farther in 1000-D
    assert 20 < n["farthest_over_nearest_d2"] < 100 and n["farthest_over_nearest_d1000"] < 1.2
    spread = {row[0]: row[2] for row in result.tables[0].rows}
    # relative spread ~ 1/sqrt(d) once d is large
    assert spread[1000] * 1000**0.5 == pytest.approx(spread[100] * 100**0.5, rel=0.1)
    assert n["knn_accuracy_2_dims"] > 0.9
    assert n["knn_accuracy_1024_dims"] < n["knn_accuracy_2_dims"] - 0.15
    assert n["logreg_accuracy_1024_dims"] > n["knn_accuracy_1024_dims"] + 0.1
    assert n["edge_for_1_percent_d10"] == pytest.approx(0.01**0.1)
    assert result.notices[1].startswith(f"{result.params['k']}-NN accuracy falls")


@pytest.mark.slow
def test_distances_concentrate_and_knn_degrades():
    _check_lesson(run_lab("curse-of-dimensionality", 0))


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_distances_concentrate_and_knn_degrades_on_every_seed(seed):
    _check_lesson(run_lab("curse-of-dimensionality", seed))


def test_contrast_is_the_median_over_queries_not_a_mean_one_near_hit_can_set():
    contrast, _ = concentration(np.random.default_rng(5), 2)
    rng = np.random.default_rng(5)
    points, queries = rng.random((N_POINTS, 2)), rng.random((N_QUERIES, 2))
    D = pairwise_distances(queries, points)
    ratios = D.max(axis=1) / D.min(axis=1)
    assert contrast == pytest.approx(np.median(ratios))
    assert ratios.mean() > contrast  # in 2-D the ratio is heavy-tailed: the mean sits above the median
