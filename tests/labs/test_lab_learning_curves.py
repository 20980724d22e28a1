"""learning-curves: the straight line's curves meet early at noise + its approximation error (bias: more
data does not help); the degree-15 polynomial fits noise with few rows and closes the gap with more
(variance: more data helps); the line wins with few rows, the polynomial with many; every sentence the
lab prints agrees with its numbers."""

import re

import pytest

from gauntlet.labs.learning_curves import SIZES
from gauntlet.labs.runner import run_lab

SEED_RANGE = range(10)


def check_lesson(n):
    small, large = SIZES[0], SIZES[-1]
    floor = n["noise_floor"]
    line_level = floor + n["line_approximation_error"]
    # high bias: the curves meet at noise + approximation error, far above the noise floor
    assert n["line_approximation_error"] > floor
    assert abs(n[f"line_validation_{large}"] - n[f"line_train_{large}"]) < 0.01
    assert n[f"line_validation_{large}"] == pytest.approx(line_level, abs=0.01)
    assert n[f"line_validation_{small}"] - n[f"line_validation_{large}"] < 0.05  # little for data to fix
    # high variance: fits the noise with few rows, reaches the noise floor with many
    assert n[f"flexible_train_{small}"] < floor < n[f"flexible_validation_{small}"] / 10
    assert abs(n[f"flexible_validation_{large}"] - n["validation_noise"]) < 0.01
    assert n[f"flexible_validation_{large}"] < n[f"line_validation_{large}"] - 0.1
    # which model is better depends on the data
    assert 30 <= n["flexible_better_from"] <= 150


@pytest.mark.slow
def test_bias_and_variance_in_learning_curves():
    check_lesson(run_lab("learning-curves", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEED_RANGE)
def test_bias_and_variance_in_learning_curves_on_every_seed(seed):
    check_lesson(run_lab("learning-curves", seed).numbers)


def _numbers(text):
    return [float(x) for x in re.findall(r"[-+]?\d[\d,]*(?:\.\d+)?(?:e[-+]\d+)?", text.replace(",", ""))]


def _quotes(text, value, digits=3):
    return any(abs(q - value) <= 0.6 * 10**-digits + 1e-3 * abs(value) for q in _numbers(text))


def check_notices(result):
    n, notices = result.numbers, result.notices
    small, half, large = SIZES[0], SIZES[-2], SIZES[-1]
    floor = n["noise_floor"]
    line, flexible, crossover, doubling = notices
    for key in (f"line_validation_{small}", f"line_validation_{large}", f"line_train_{large}"):
        assert _quotes(line, n[key]), key
    assert ("bias no amount of data removes" in line) == (n["line_approximation_error"] > 0.5 * floor)
    assert ("(it fits noise)" in flexible) == (n[f"flexible_train_{small}"] < floor)
    assert ("its problem was variance" in flexible) == (
        n[f"flexible_validation_{large}"] < n[f"flexible_validation_{small}"] / 2)
    start = n["flexible_better_from"]
    if start == 0:
        assert "never takes over" in crossover
    elif start == small:
        assert "at every size" in crossover
    else:
        assert f"from {start} rows on" in crossover
        still = int(re.search(r"still at (\d+) rows", crossover).group(1))
        assert still < start and n[f"line_validation_{still}"] <= n[f"flexible_validation_{still}"]
    change = [n[f"{m}_validation_{large}"] / n[f"{m}_validation_{half}"] - 1 for m in ("line", "flexible")]
    assert ("both curves have flattened" in doubling) == (max(abs(c) for c in change) < 0.02)


NOTICE_GRID = [
    {},
    {"noise": "1.0", "degree": "4"},
    {"noise": "0.05", "degree": "18"},
    {"noise": "0.5", "degree": "8"},
]


@pytest.mark.slow  # a subset of the grid below
@pytest.mark.parametrize("params", NOTICE_GRID[:2])
def test_notices_agree_with_the_numbers(params):
    check_notices(run_lab("learning-curves", 0, params))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("learning-curves", seed, params))
