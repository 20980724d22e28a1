"""optimisers: on the stretched bowl gradient descent's steps grow like kappa (exactly as its rate predicts),
tuned momentum's like sqrt(kappa); Adam is untouched by kappa when the bowl is axis-aligned but slows like
gradient descent when it is turned, and its fastest learning rate there does not stay converged; and every
sentence the lab prints agrees with its numbers."""

import re

import numpy as np
import pytest

from gauntlet.labs.models.optim import Adam, GradientDescent, Momentum
from gauntlet.labs.optimisers import HORIZON, bowl, run_batch, start_point
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(n):
    assert n["gd_steps_kappa_max"] == n["gd_steps_kappa_max_theory"]
    assert 0.95 < n["gd_slope"] < 1.05
    assert 0.45 < n["momentum_slope"] < 0.65
    assert n["gd_over_momentum_kappa_max"] > 10
    assert n["gd_same_when_rotated"] and n["momentum_same_when_rotated"]
    assert n["momentum_peak_loss_kappa_max"] > 10  # the tuned heavy ball swings out before it damps
    assert abs(n["adam_aligned_slope"]) < 0.1
    assert n["adam_rotated_slope"] > 0.75
    assert n["adam_rotated_over_aligned_kappa_max"] > 10
    # the fastest Adam on the turned bowl gets there early and does not stay
    assert 0 < n["adam_rotated_reached_kappa_max"] < n["adam_rotated_steps_kappa_max"] / 5
    assert n["adam_rotated_fastest_peak_after_reaching"] > 100 * n["tol"]
    assert n["adam_aligned_steps_kappa_1"] > 20 * n["gd_steps_kappa_1"]
    assert not n["adam_rate_at_grid_edge"]


@pytest.mark.slow
def test_conditioning_momentum_and_adam():
    _check_lesson(run_lab("optimisers", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_conditioning_momentum_and_adam_on_every_seed(seed):
    _check_lesson(run_lab("optimisers", seed).numbers)


class Scripted:
    """An 'optimiser' that ignores the gradient and scales the parameters by a scripted factor each step."""

    def __init__(self, factors):
        self.factors, self.t = factors, 0

    def step(self, params, grad):
        params *= self.factors(self.t)
        self.t += 1


@pytest.mark.slow
def test_a_swing_through_the_tolerance_is_not_reaching_it():
    hessians, starts = np.eye(2)[None], np.array([[0.6, 0.8]])  # loss = |w|^2 / 2, relative to its start
    # step 1 dips to 1e-8 of the start, step 2 jumps back to it, then the loss falls by 4 per step:
    # first at or below 1e-6 after step 12, and monotone from there
    swing = Scripted(lambda t: 1e-4 if t == 0 else 1e4 if t == 1 else 0.5)
    reached, settled = run_batch(lambda: swing, hessians, starts, 1e-6)
    assert (reached[0], settled[0]) == (12, 12)
    # reaches at step 10 and holds past step 20, then one jump at step 100 puts it back above: settled later
    spike = Scripted(lambda t: 2.0**100 if t == 99 else 0.5)
    reached, settled = run_batch(lambda: spike, hessians, starts, 1e-6)
    assert reached[0] == 10 and settled[0] > 100


@pytest.mark.slow
def test_gradient_descent_and_momentum_agree_with_their_rates():
    hessians, starts = bowl(100.0, 0.6)[None], start_point(0.6, 0.5)[None]
    reached, settled = run_batch(lambda: GradientDescent(2 / (1 + 1 / 100.0)), hessians, starts, 1e-6)
    assert reached[0] == settled[0] == 346  # ceil(ln 1e-6 / (2 ln(99/101)))
    reached, settled = run_batch(lambda: Momentum(4 / 1.1**2, (9 / 11) ** 2), hessians, starts, 1e-6)
    assert 0 < reached[0] == settled[0] < 346 / 4
    reached, settled = run_batch(lambda: Adam(0.05), hessians, starts, 1e-6)
    assert 0 < reached[0] <= settled[0] <= HORIZON // 2


def _number(pattern, text):
    return float(re.search(pattern, text).group(1))


def check_notices(result):
    n = result.numbers
    kmax = f"{n['kappa_max']:g}"
    text = " ".join(result.notices)
    gd, momentum, adam = result.notices[:3]
    assert f"{n['gd_steps_kappa_max']} steps at kappa = {kmax}" in gd
    assert ("exactly the count" in gd) == (n["gd_steps_kappa_max"] == n["gd_steps_kappa_max_theory"])
    for sentence, key in ((gd, "gd_slope"), (momentum, "momentum_slope")):
        slope = n[key]
        assert _number(r"log-log slope ([-\d.]+)", sentence) == pytest.approx(slope, abs=0.0061)
        assert ("in proportion to kappa" in sentence) == (slope >= 0.75)
    ratio = n["gd_over_momentum_kappa_max"]
    assert ("gradient descent needed" in momentum) == (ratio is not None and ratio > 1)
    assert ("not monotone" in momentum) == (n["momentum_peak_loss_kappa_max"] > 1)
    assert ("do not depend on the axes" in momentum) == (n["gd_same_when_rotated"] and n["momentum_same_when_rotated"])
    rot = n["adam_rotated_over_aligned_kappa_max"]
    assert ("cost Adam" in adam) == (rot is not None and rot > 1.5)
    assert ("by a factor of only" in adam) == (rot is not None and rot <= 1.5)
    fast, settled = n["adam_rotated_reached_kappa_max"], n["adam_rotated_steps_kappa_max"]
    assert ("did not stay" in text) == (fast > 0 and (settled <= 0 or fast < settled))
    assert ("On the round bowl (kappa = 1) Adam needed" in text) == (
        n["adam_aligned_steps_kappa_1"] > n["gd_steps_kappa_1"] > 0)
    versus = n["adam_rotated_over_momentum_kappa_max"]
    if versus is not None:
        assert (f"on the turned bowl {'momentum' if versus > 1 else 'Adam'} was faster") in text
    assert ("end of the searched grid" in text) == n["adam_rate_at_grid_edge"]
    assert f"more than {HORIZON // 2:,} steps" in text or all(
        n[f"{key}_steps_kappa_max"] > 0 for key in ("gd", "momentum", "adam_aligned", "adam_rotated"))


NOTICE_GRID = [
    {},
    {"decades": "1"},  # Adam barely notices the turn at kappa = 10
    {"decades": "2"},
    {"tol": "1e-2"},  # a loose target: Adam is fast on both bowls, nothing overshoots after reaching
    {"tol": "1e-8"},  # a tight target: on some seeds no Adam rate stays below it on the turned bowl
]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])  # as the other labs; the default: every seed, above
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("optimisers", seed, params))
