import math

import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _reference(y, p, n_bins):
    """Bin by bin with exact fractions: p is in bin k >= 1 when k < p * B <= k + 1 (bin 0 takes [0, 1/B])."""
    groups = {}
    for t, q in zip(np.asarray(y, dtype=float).tolist(), np.asarray(p, dtype=float).tolist()):
        k = max(0, math.ceil(q * n_bins) - 1)
        groups.setdefault(k, []).append((t, q))
    prob_true, prob_pred, counts = [], [], []
    for k in sorted(groups):
        members = groups[k]
        counts.append(len(members))
        prob_true.append(math.fsum(t for t, _ in members) / len(members))
        prob_pred.append(math.fsum(q for _, q in members) / len(members))
    ece = math.fsum(c / len(y) * abs(a - b) for c, a, b in zip(counts, prob_true, prob_pred))
    return np.array(prob_true), np.array(prob_pred), np.array(counts), ece


def _away_from_edges(p, n_bins):
    scaled = np.asarray(p) * n_bins
    near = np.abs(scaled - np.round(scaled)) < 1e-7
    return bool(np.all(~near | (np.asarray(p) == 0) | (np.asarray(p) == 1)))


def _check(sol, y, p, n_bins):
    assert _away_from_edges(p, n_bins), "test data must not sit on bin edges"
    out = sol.reliability_curve(y, p, n_bins)
    assert len(out) == 3, "return (prob_true, prob_pred, counts)"
    prob_true, prob_pred, counts = (np.asarray(a) for a in out)
    ref_true, ref_pred, ref_counts, ref_ece = _reference(y, p, n_bins)
    assert counts.tolist() == ref_counts.tolist(), f"bin counts: expected {ref_counts.tolist()}, got {counts.tolist()}"
    assert np.allclose(prob_true, ref_true, rtol=RTOL, atol=ATOL), "observed positive rates differ"
    assert np.allclose(prob_pred, ref_pred, rtol=RTOL, atol=ATOL), "mean predicted probabilities differ"
    ece = float(sol.expected_calibration_error(y, p, n_bins))
    assert math.isclose(ece, ref_ece, rel_tol=RTOL, abs_tol=ATOL), f"ECE: expected {ref_ece:.12g}, got {ece:.12g}"
    return ece


def _model(seed, n, distortion=1.0):
    """Labels drawn from true probabilities q; the model reports q distorted (1 = calibrated)."""
    rng = np.random.default_rng(seed)
    logit = rng.normal(0, 1.5, size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return y, 1 / (1 + np.exp(-distortion * logit))


def test_edge_single_example(sol):
    assert math.isclose(_check(sol, np.array([1]), np.array([0.73]), 10), 0.27)


def test_edge_single_bin(sol):
    y, p = _model(0, 50)
    ece = _check(sol, y, p, 1)
    assert math.isclose(ece, abs(y.mean() - p.mean()), rel_tol=1e-9), "with one bin ECE is |mean(y) - mean(p)|"


def test_edge_exact_zero_and_one(sol):
    y = np.array([0, 0, 1, 1, 0, 1])
    p = np.array([0.0, 0.0, 1.0, 1.0, 1.0, 0.0])
    _check(sol, y, p, 10)
    _check(sol, y, p, 3)


def test_edge_empty_bins_are_skipped(sol):
    y = np.array([0, 1, 1, 0, 1])
    p = np.array([0.05, 0.07, 0.93, 0.96, 0.99])
    _check(sol, y, p, 10)


def test_shape_lists_and_int_counts(sol):
    _check(sol, [0, 1, 1], [0.3, 0.55, 0.85], 4)
    _, _, counts = sol.reliability_curve([0, 1, 1], [0.3, 0.55, 0.85], 4)
    assert np.asarray(counts).dtype.kind in "iu", "counts are integers"


def test_random_models(sol):
    rng = np.random.default_rng(1)
    done = 0
    while done < 12:
        y, p = _model(int(rng.integers(10_000)), int(rng.integers(5, 600)), float(rng.uniform(0.3, 3)))
        n_bins = int(rng.choice([2, 5, 10, 15, 20]))
        if _away_from_edges(p, n_bins):
            _check(sol, y, p, n_bins)
            done += 1


def test_property_weighting_by_counts(sol):
    y = np.array([1] * 99 + [0])
    p = np.array([0.97] * 99 + [0.25])  # a large bin slightly off, a tiny bin far off
    ece = _check(sol, y, p, 10)
    assert math.isclose(ece, 0.99 * 0.03 + 0.01 * 0.25, rel_tol=1e-9), "each bin's gap is weighted by its size"


def test_property_overconfidence_raises_ece(sol):
    y, calibrated = _model(2, 20_000)
    _, overconfident = _model(2, 20_000, 3.0)
    low, high = _check(sol, y, calibrated, 10), _check(sol, y, overconfident, 10)
    assert low < 0.02 and high > 0.1, (
        f"a calibrated model has a small ECE ({low:.3f}), an overconfident one does not ({high:.3f})"
    )


def test_property_gaps_do_not_cancel(sol):
    y = np.array([1, 1, 0, 0])
    p = np.array([0.35, 0.45, 0.55, 0.65])  # too low on the left, too high on the right: signed gaps cancel
    assert _check(sol, y, p, 2) > 0.5, "ECE adds absolute gaps"


def test_numeric_float32_probabilities(sol):
    # float32 probabilities from a model, 20,000 of them: a bin's mean taken in float32 is off by ~1e-7
    # relative, far beyond rtol 1e-9. Computed in float64 from the float32 values given, everything matches the
    # float64 reference.
    y, p = _model(4, 20_000, 1.7)
    p = np.minimum(np.round(p, 4) + 3e-5, 1.0).astype(np.float32)  # at least 2e-5 from every edge but 1
    prob_true, prob_pred, _ = sol.reliability_curve(y, p, 20)
    ece = sol.expected_calibration_error(y, p, 20)
    assert np.asarray(prob_true).dtype == np.asarray(prob_pred).dtype == np.asarray(ece).dtype == np.float64, (
        "float32 probabilities: prob_true, prob_pred and the ECE are float64"
    )
    _check(sol, y, p, 20)  # the reference converts the float32 values to float64 (rtol 1e-9, atol 1e-12)


def test_numeric_large_sample(sol):
    y, p = _model(3, 50_000, 1.7)
    p = np.round(p, 4) + 3e-5  # four decimals never land on a multiple of 1/20 after this shift
    p[p > 1] = 1.0
    _check(sol, y, p, 20)
