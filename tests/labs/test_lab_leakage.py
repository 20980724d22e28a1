"""leakage: five of the six leaks inflate the cross-validated estimate far above the score on new data
while the honest protocol lands near it; scaling before the split changes almost nothing; leaky
validation picks the memorising k; every sentence the lab prints agrees with its numbers."""

import re

import pytest

from gauntlet.labs.leakage import leak_verdict
from gauntlet.labs.runner import run_lab

SEEDS = range(10)
LEAKS = ("selection", "smote", "target", "duplicates", "time")


def _honest_target(n, key):
    return n.get(f"{key}_honest_model_new", n[f"{key}_new"])


def check_lesson(n):
    # scaling learns no labels: the two protocols agree on the same folds
    assert abs(n["scaling_leaky"] - n["scaling_honest"]) < 0.01
    minimum_inflation = {"selection": 0.25, "smote": 0.5, "target": 0.2, "duplicates": 0.25, "time": 0.4}
    for key in LEAKS:
        gap = n[f"{key}_leaky"] - n[f"{key}_new"]
        assert gap > minimum_inflation[key], key
        # the honest estimate is much closer to what the model scores on new data
        assert abs(n[f"{key}_honest"] - _honest_target(n, key)) < 0.5 * gap, key
    for key in ("selection", "smote", "target", "duplicates"):  # no drift: only noise separates them
        assert abs(n[f"{key}_honest"] - _honest_target(n, key)) < 0.1, key
    assert n["selection_new"] == pytest.approx(0.5, abs=0.02)  # pure noise is pure noise
    assert n["target_new"] < n["target_honest_model_new"] - 0.03  # in use the leaky model is the worse one
    assert n["duplicates_best_k_by_leaky"] == 1 and n["duplicates_best_k_by_honest"] >= 11
    chosen = {p: n[f"duplicates_k{n[f'duplicates_best_k_by_{p}']}_new"] for p in ("leaky", "honest")}
    assert chosen["honest"] > chosen["leaky"] + 0.02
    # the older the history the forward-chaining blocks learn from, the lower they score
    assert n["time_forward_chaining_mean"] > n["time_honest"] + 0.1


@pytest.mark.slow
def test_leaks_inflate_and_honest_protocols_do_not():
    check_lesson(run_lab("leakage", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_leaks_inflate_and_honest_protocols_do_not_on_every_seed(seed):
    check_lesson(run_lab("leakage", seed).numbers)


@pytest.mark.slow  # runs the lab again
def test_without_duplicates_or_drift_there_is_nothing_to_leak():
    result = run_lab("leakage", 0, {"copies": "1", "drift": "0"})
    n = result.numbers
    assert n["duplicates_leaky"] == n["duplicates_honest"]  # one row per customer: the same split
    assert abs(n["time_leaky"] - n["time_new"]) < 0.02
    by_title = {text.split(":")[0]: text for text in result.notices}
    assert "no duplicates" in by_title["Duplicates across splits"]
    assert "a random split is fair" in by_title["Random split on time-ordered data"]
    assert "the leak changes little" in by_title["Random split on time-ordered data"]


def _quoted(text):
    """Every number written in ``text`` (signed or not)."""
    return [float(x) for x in re.findall(r"[-+]?\d+\.\d+", text)]


def check_notices(result):
    n = result.numbers
    keys = ("scaling", "selection", "smote", "target", "duplicates", "time")
    assert len(result.notices) == len(keys)
    for key, text in zip(keys, result.notices, strict=True):
        assert "the leaky protocol estimates" in text
        leaky, honest = n[f"{key}_leaky"], n[f"{key}_honest"]
        quoted = _quoted(text)
        for value in (leaky, honest, n[f"{key}_new"], leaky - n[f"{key}_new"]):
            assert any(abs(q - value) < 6e-4 for q in quoted), (value, text)
        noise = max(0.01, 2 * (n[f"{key}_leaky_se"] ** 2 + n[f"{key}_honest_se"] ** 2) ** 0.5)
        # the verdict in words follows the rounded numbers' rule: beyond the noise, or not
        if leaky - honest > noise + 1e-5:
            inflation = float(re.search(r"the leak inflates the estimate by (\d+\.\d+)", text).group(1))
            assert inflation == pytest.approx(leaky - honest, abs=6e-4)
        elif abs(leaky - honest) < noise - 1e-5:
            assert "agree within their noise" in text and "the leak changes little" in text
        elif leaky - honest < -noise - 1e-5:
            assert "the leaky estimate is the lower one" in text
    duplicates = result.notices[4]
    if "Choosing k" in duplicates:
        picked = [int(k) for k in re.findall(r"k = (\d+)", duplicates)]
        assert picked == [n["duplicates_best_k_by_leaky"], n["duplicates_best_k_by_honest"]]
    time = result.notices[5]
    staler = n["time_honest"] < n["time_first_block"] - max(0.01, 2 * 2**0.5 * n["time_honest_se"])
    assert ("blocks get worse" in time) == (staler and result.params["drift"] > 0)
    assert ("Even the last block" in time) == (n["time_honest"] - n["time_new"] > 2 * n["time_honest_se"])
    target = result.notices[3]
    assert ("the leaky model is worse than the honest one" in target) == (
        n["target_new"] < n["target_honest_model_new"])


NOTICE_GRID = [
    {},
    {"copies": "1", "drift": "0", "candidate_features": "50", "folds": "10"},
    {"copies": "10", "drift": "3", "folds": "3"},
    {"copies": "2", "drift": "0.5", "candidate_features": "5000"},
]


@pytest.mark.slow  # a subset of the grid below
@pytest.mark.parametrize("params", NOTICE_GRID[:2])
def test_notices_agree_with_the_numbers(params):
    check_notices(run_lab("leakage", 0, params))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("leakage", seed, params))


def test_leak_verdict_needs_more_than_noise():
    from gauntlet.labs.leakage import Estimate, Outcome

    def outcome(leaky, honest, se):
        return Outcome("k", "t", "m", Estimate(leaky, se), Estimate(honest, se), new=honest)

    assert leak_verdict(outcome(0.80, 0.60, 0.01)) == "inflates"
    assert leak_verdict(outcome(0.62, 0.60, 0.02)) == "agrees"  # 0.02 apart, noise 2 * hypot = 0.057
    assert leak_verdict(outcome(0.50, 0.60, 0.01)) == "lower"
    assert leak_verdict(outcome(0.605, 0.60, 0.0)) == "agrees"  # exactly agreeing folds: the 0.01 floor
