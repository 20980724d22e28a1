import math

import numpy as np


def _reference(losses, patience, min_delta):
    best, best_epoch, wait = math.inf, None, 0
    for t, loss in enumerate(losses):
        if loss < best - min_delta:
            best, best_epoch, wait = loss, t, 0
        else:
            wait += 1
            if wait >= patience:
                return t, best_epoch
    return None, best_epoch


def _as_pair(result):
    stop, best = result
    for value in (stop, best):
        assert value is None or (isinstance(value, (int, np.integer)) and not isinstance(value, bool)), (
            "epochs are ints or None"
        )
    return (None if stop is None else int(stop), None if best is None else int(best))


def test_edge_empty_history(sol):
    assert _as_pair(sol.early_stopping([], 3)) == (None, None)


def test_edge_single_epoch(sol):
    assert _as_pair(sol.early_stopping([0.5], 1)) == (None, 0)


def test_edge_patience_one(sol):
    assert _as_pair(sol.early_stopping([1.0, 0.9, 0.95, 0.5], 1)) == (2, 1)


def test_edge_plateau_is_not_improvement(sol):
    assert _as_pair(sol.early_stopping([1.0, 1.0, 1.0, 1.0], 2)) == (2, 0)


def test_edge_nan_losses(sol):
    nan = float("nan")
    assert _as_pair(sol.early_stopping([nan, nan, nan], 2)) == (1, None), "NaN is never an improvement"
    assert _as_pair(sol.early_stopping([0.5, nan, 0.4, nan, nan], 2)) == (4, 2)


def test_edge_improvement_exactly_min_delta(sol):
    # 1.0 - 0.25 = 0.75: equal to best - min_delta is not strictly below it (all values exact in binary)
    assert _as_pair(sol.early_stopping([1.0, 0.75, 0.5], 2, min_delta=0.25)) == (None, 2)
    assert _as_pair(sol.early_stopping([1.0, 0.75, 0.875], 2, min_delta=0.25)) == (2, 0)


def test_shape_accepts_numpy_array(sol):
    losses = np.array([0.9, 0.8, 0.85, 0.86, 0.87])
    assert _as_pair(sol.early_stopping(losses, 3)) == (4, 1)


def test_random_against_reference(sol):
    rng = np.random.default_rng(0)
    for case in range(60):
        n = int(rng.integers(1, 40))
        # a noisy decreasing-then-rising validation curve
        t = np.arange(n)
        curve = 1.0 / (1 + 0.3 * t) + 0.002 * np.maximum(t - rng.integers(0, 30), 0) + rng.normal(0, 0.02, n)
        patience = int(rng.integers(1, 6))
        min_delta = float(rng.choice([0.0, 0.001, 0.01, 0.05]))
        expected = _reference(curve.tolist(), patience, min_delta)
        got = _as_pair(sol.early_stopping(curve.tolist(), patience, min_delta))
        assert got == expected, f"case {case}"


def test_property_stop_is_patience_after_best(sol):
    rng = np.random.default_rng(1)
    for _ in range(20):
        losses = rng.uniform(0, 1, size=30).tolist()
        patience = int(rng.integers(1, 5))
        stop, best = _as_pair(sol.early_stopping(losses, patience))
        if stop is not None and best is not None:
            assert stop - best == patience, (
                "with finite losses, training stops `patience` epochs after the best"
            )


def test_property_decision_uses_only_the_past(sol):
    rng = np.random.default_rng(2)
    for _ in range(20):
        losses = rng.uniform(0, 1, size=25).tolist()
        full = _as_pair(sol.early_stopping(losses, 3, 0.01))
        if full[0] is not None:
            # nothing after the stopping epoch may change the answer
            truncated = _as_pair(sol.early_stopping(losses[: full[0] + 1], 3, 0.01))
            extended = _as_pair(sol.early_stopping(losses + [0.0] * 5, 3, 0.01))
            assert truncated == full and extended == full


def test_property_monotone_decrease_never_stops(sol):
    losses = np.linspace(2.0, 1.0, 50).tolist()
    assert _as_pair(sol.early_stopping(losses, 1)) == (None, 49)


def test_numeric_float32_losses(sol):
    # float32 losses that look like round decimals but are not: float32(0.45) = 0.449999988..., which IS below
    # 0.5 - 0.05 in float64 (a significant improvement). Kept in float32, best - min_delta rounds to float32 as
    # well and the comparison goes the other way. Every comparison here is decided by at least 1e-8, so any
    # float64 evaluation of the rule agrees.
    for losses, patience, min_delta in (([1.0, 0.9, 0.8, 0.7, 0.6], 2, 0.1),
                                        ([0.5, 0.45, 0.4, 0.35, 0.3, 0.25], 1, 0.05)):
        losses32 = np.array(losses, dtype=np.float32)
        expected = _reference(losses32.astype(np.float64).tolist(), patience, min_delta)
        got = _as_pair(sol.early_stopping(losses32, patience, min_delta))
        assert got == expected, (
            f"float32 losses {losses} (patience {patience}, min_delta {min_delta}): expected {expected}, got {got}; "
            "compare in float64"
        )


def test_numeric_slow_creep_with_min_delta(sol):
    # each step improves by 0.004 < min_delta, but after three steps the total 0.012 > 0.01 is significant
    losses = [1.0 - 0.004 * i for i in range(10)]
    assert _as_pair(sol.early_stopping(losses, 5, min_delta=0.01)) == _reference(losses, 5, 0.01) == (None, 9)
    assert _as_pair(sol.early_stopping(losses, 2, min_delta=0.01)) == _reference(losses, 2, 0.01) == (2, 0)
