"""k-means: on evenly spaced blobs the elbow rule and the silhouette both find k; k-means fails on unequal
spreads and half-moons with the right k, its partition scoring lower inertia than the truth (and on the
moons a higher silhouette); k-means++ reaches the best inertia far more often than random starts; and
every sentence the lab prints agrees with its numbers."""

import re

import pytest

from gauntlet.errors import InputError
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(n):
    assert n["inertia_fell_at_every_k"]
    assert n["elbow_k"] == n["silhouette_k"] == n["k_true"] == 4
    assert n["drop_share_adding_k_true"] > 0.5 > 0.2 > n["drop_share_adding_k_true_plus_1"]
    # unequal spreads: k-means far from the oracle, and not for lack of optimisation
    assert n["unequal_kmeans_ari"] < 0.7 and n["unequal_oracle_ari"] > 0.9
    assert n["unequal_kmeans_inertia"] < 0.8 * n["unequal_true_grouping_inertia"]
    # half-moons: a straight cut, which the silhouette rates above the truth
    assert n["moons_kmeans_ari"] < 0.45
    assert n["moons_kmeans_silhouette"] > n["moons_true_silhouette"] + 0.05
    assert n["moons_kmeans_inertia"] < n["moons_true_grouping_inertia"]
    # initialisation
    assert n["plusplus_share_within_1pct_of_best"] >= 0.85 > 0.2 >= n["random_share_within_1pct_of_best"]
    assert n["plusplus_mean_inertia_over_best"] < 1.2 < 2.0 < n["random_mean_inertia_over_best"]
    assert n["plusplus_mean_lloyd_iterations"] < n["random_mean_lloyd_iterations"]


@pytest.mark.slow
def test_choosing_k_failures_and_seeding():
    _check_lesson(run_lab("k-means", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_choosing_k_failures_and_seeding_on_every_seed(seed):
    _check_lesson(run_lab("k-means", seed).numbers)


def test_k_max_must_reach_past_the_true_k():
    with pytest.raises(InputError, match=r"k_max = 5 must be at least k_true \+ 2 = 6"):
        run_lab("k-means", 0, {"k_true": "4", "k_max": "5"})


def _number(pattern, text):
    return float(re.search(pattern, text).group(1))


def check_notices(result):
    n, p = result.numbers, result.params
    choosing, unequal, moons, init = result.notices
    assert ("fell at every step" in choosing) == n["inertia_fell_at_every_k"]
    assert f"picks k = {n['elbow_k']};" in choosing and f"peaks at k = {n['silhouette_k']} " in choosing
    found_by_both = n["elbow_k"] == n["silhouette_k"] == n["k_true"]
    assert ("Both criteria find the blobs" in choosing) == found_by_both
    if not found_by_both:
        assert ("Only the silhouette finds them" in choosing) == (n["silhouette_k"] == n["k_true"])
        assert ("The elbow rule finds them" in choosing) == (n["elbow_k"] == n["k_true"])
        if n["silhouette_k"] != n["k_true"]:
            assert ("merging" in choosing) == (n["silhouette_k"] < n["k_true"])
        if n["elbow_k"] not in (1, n["k_true"]):
            assert ("coarser" in choosing) == (n["elbow_k"] < n["k_true"])
            share = _number(r"cluster also cut the inertia by (\d+)%", choosing)
            assert share == pytest.approx(100 * n["drop_share_adding_elbow_k"], abs=0.51)
    assert _number(r"cut it by (\d+)%", choosing) == pytest.approx(100 * n["drop_share_adding_k_true"], abs=0.51)

    assert _number(r"adjusted Rand index ([\d.-]+),", unequal) == pytest.approx(n["unequal_kmeans_ari"], abs=0.0051)
    assert ("merged the two tight ones" in unequal) == n["unequal_tight_blobs_merged"]
    lower = n["unequal_kmeans_inertia"] < n["unequal_true_grouping_inertia"]
    assert ("the objective is wrong" in unequal) == lower
    assert ("poor local optimum" in unequal) == (not lower)

    assert ("prefers the wrong, convex answer" in moons) == (n["moons_kmeans_silhouette"] > n["moons_true_silhouette"])

    random_share, plusplus_share = n["random_share_within_1pct_of_best"], n["plusplus_share_within_1pct_of_best"]
    assert f"{p['restarts']} single starts each on {p['init_clusters']} blobs" in init
    assert _number(r"best inertia found in (\d+)% of starts", init) == pytest.approx(100 * random_share, abs=0.51)
    assert _number(r"k-means\+\+ in (\d+)%", init) == pytest.approx(100 * plusplus_share, abs=0.51)
    assert ("No random start came within 1%" in init) == (random_share == 0 < plusplus_share)
    assert ("reached the best more often" in init) == (plusplus_share > random_share > 0)
    assert ("equally often" in init) == (plusplus_share == random_share)
    assert ("random starts reached the best more often" in init) == (random_share > plusplus_share)


NOTICE_GRID = [
    {},
    {"layout": "random"},  # uneven gaps: the elbow rule often settles on fewer clusters
    {"spread": "3.0"},  # overlapping blobs: the silhouette often prefers merging
    {"k_true": "8", "k_max": "10", "n_per_cluster": "30"},  # the chord rule stops far short of 8
    {"k_true": "2", "k_max": "5", "spread": "0.3", "init_clusters": "4", "restarts": "10"},  # few starts can tie
    {"init_clusters": "16", "restarts": "20"},
]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])  # as the other labs; the default: every seed, above
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("k-means", seed, params))


@pytest.mark.slow
def test_notice_branches_are_reached_on_the_grid():
    """The grid above exercises the disagreements, not only the agreeing default."""
    random_layout = [run_lab("k-means", seed, {"layout": "random"}).numbers for seed in (0, 2)]
    assert random_layout[0]["elbow_k"] < random_layout[0]["k_true"] == random_layout[0]["silhouette_k"]
    assert random_layout[1]["silhouette_k"] < random_layout[1]["k_true"]
