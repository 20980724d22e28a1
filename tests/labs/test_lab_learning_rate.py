"""learning-rate: above 2/lambda_max gradient descent diverges; far below it crawls; the best step converges."""

import pytest

from gauntlet.labs.runner import run_lab


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_diverge_crawl_converge(seed):
    n = run_lab("learning-rate", seed).numbers
    assert n["lr_diverge"] > n["lr_limit_2_over_lambda_max"] > n["lr_converge"] > n["lr_crawl"]
    assert n["diverge_final_excess_fraction"] > 1e3  # grew geometrically
    assert 0.05 < n["crawl_final_excess_fraction"] < 0.9  # still falling, far from done
    assert n["converge_final_excess_fraction"] < 1e-6
    # the sweep finds its best rate below the limit and nothing above the limit ends below its start
    assert n["sweep_best_lr_over_limit"] < 1.0
    assert n["sweep_largest_converging_lr_over_limit"] < 1.0


def test_a_better_conditioned_problem_converges_faster():
    stretched = run_lab("learning-rate", 0, {"rho": "0.95"}).numbers
    round_bowl = run_lab("learning-rate", 0, {"rho": "0.0"}).numbers
    assert stretched["condition_number"] > 10 * round_bowl["condition_number"]
    assert round_bowl["converge_final_excess_fraction"] < stretched["converge_final_excess_fraction"]
