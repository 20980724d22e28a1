import math

import numpy as np

RTOL, ATOL = 1e-12, 1e-15


def _reference(steps, base, warmup, total, floor=0.0):
    out = []
    for step in np.asarray(steps).tolist():
        if step < warmup:
            out.append(base * step / warmup)
        elif step < total:
            progress = (step - warmup) / (total - warmup)
            out.append(floor + (base - floor) * 0.5 * (1 + math.cos(math.pi * progress)))
        else:
            out.append(floor)
    return np.array(out, dtype=np.float64)


def _lr(sol, steps, base, warmup, total, floor=0.0):
    got = np.asarray(sol.cosine_schedule(steps, base, warmup, total, floor))
    assert got.shape == np.shape(steps) and got.dtype == np.float64, "one float64 learning rate per step"
    return got


def _check(sol, steps, base, warmup, total, floor=0.0):
    got = _lr(sol, steps, base, warmup, total, floor)
    expected = _reference(steps, base, warmup, total, floor)
    bad = np.flatnonzero(~np.isclose(got, expected, rtol=RTOL, atol=ATOL))
    assert bad.size == 0, (
        f"step {np.asarray(steps)[bad[0]]} (warm-up {warmup}, total {total}, min_lr {floor}): "
        f"expected {float(expected[bad[0]])!r}, got {float(got[bad[0]])!r}" if bad.size else ""
    )
    return got


def test_edge_no_steps(sol):
    assert _lr(sol, np.zeros(0, dtype=int), 1.0, 5, 10).shape == (0,)


def test_edge_no_warmup(sol):
    got = _check(sol, np.arange(12), 0.1, 0, 10)
    assert got[0] == 0.1, "without warm-up the first step runs at base_lr"


def test_edge_warmup_is_the_whole_run(sol):
    got = _check(sol, np.arange(8), 2.0, 5, 5, 0.5)
    assert got[5] == 0.5, "with W = T there is no cosine phase: the floor follows the ramp"


def test_edge_single_step_run(sol):
    _check(sol, np.array([0, 1, 2]), 1.0, 0, 1)
    _check(sol, np.array([0, 1, 2]), 1.0, 1, 1)


def test_shape_unsorted_and_repeated_steps(sol):
    _check(sol, np.array([50, 3, 3, 0, 1000, 7]), 5e-4, 4, 100, 1e-5)


def test_random_schedules(sol):
    rng = np.random.default_rng(0)
    for _ in range(20):
        total = int(rng.integers(1, 5000))
        warmup = int(rng.integers(0, total + 1))
        base = float(10 ** rng.uniform(-5, 0))
        floor = float(rng.choice([0.0, base * rng.uniform(0, 1)]))
        steps = rng.integers(0, int(total * 1.3) + 2, size=50)
        _check(sol, steps, base, warmup, total, floor)


def test_property_continuous_and_monotone(sol):
    steps = np.arange(0, 10_001)
    lr = _check(sol, steps, 3e-4, 1000, 10_000, 3e-5)
    assert np.all(np.diff(lr[:1001]) > 0), "the warm-up rises"
    assert np.all(np.diff(lr[1000:]) <= 1e-18), "the cosine phase never rises"
    assert abs(lr[1000] - 3e-4) < 1e-18 and abs(lr[999] - 3e-4 * 999 / 1000) < 1e-18, "continuous at step W"
    assert lr.max() <= 3e-4 and lr.min() >= 0


def test_property_clamped_after_the_end(sol):
    lr = _lr(sol, np.arange(100, 400), 1.0, 10, 100, 0.2)
    assert np.all(lr == 0.2), "past total_steps the rate stays at min_lr (no second cosine hump)"


def test_property_mean_of_the_cosine_phase(sol):
    lr = _lr(sol, np.arange(200, 100_200), 1.0, 200, 100_200, 0.1)
    assert abs(lr.mean() - 0.55) < 1e-4, "the half cosine averages to the middle of base_lr and min_lr"


def test_numeric_large_step_numbers(sol):
    steps = np.array([0, 10**9, 2 * 10**9, 3 * 10**9 - 1, 3 * 10**9, 10**12], dtype=np.int64)
    _check(sol, steps, 1.0, 10**9, 3 * 10**9, 0.0)
