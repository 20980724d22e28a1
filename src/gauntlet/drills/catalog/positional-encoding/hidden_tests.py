import math

import numpy as np

RTOL, ATOL = 1e-9, 1e-9


def _reference(n, d, base=10000.0):
    pe = np.zeros((n, d))
    for p in range(n):
        for i in range(d // 2):
            angle = p / base ** (2 * i / d)
            pe[p, 2 * i], pe[p, 2 * i + 1] = math.sin(angle), math.cos(angle)
    return pe


def _encoding(sol, n, d, base=10000.0):
    pe = np.asarray(sol.sinusoidal_encoding(n, d, base))
    assert pe.shape == (n, d) and pe.dtype == np.float64, f"expected a float64 array of shape {(n, d)}"
    return pe


def _rotation(sol, k, d, base=10000.0):
    m = np.asarray(sol.offset_rotation(k, d, base))
    assert m.shape == (d, d) and m.dtype == np.float64, f"expected a float64 array of shape {(d, d)}"
    return m


def test_edge_no_positions(sol):
    assert _encoding(sol, 0, 8).shape == (0, 8)


def test_edge_width_two(sol):
    pe = _encoding(sol, 5, 2)
    expected = np.stack([np.sin(np.arange(5.0)), np.cos(np.arange(5.0))], axis=1)
    assert np.allclose(pe, expected, rtol=RTOL, atol=ATOL), "d = 2: columns sin(p) and cos(p)"


def test_edge_zero_offset_is_identity(sol):
    assert np.allclose(_rotation(sol, 0, 10), np.eye(10), rtol=RTOL, atol=ATOL), "M(0) is the identity"


def test_shape_and_values_against_reference(sol):
    for n, d in [(1, 4), (7, 6), (50, 64), (128, 10)]:
        assert np.allclose(_encoding(sol, n, d), _reference(n, d), rtol=RTOL, atol=ATOL), (
            f"encoding differs for n = {n}, d = {d}"
        )


def test_random_bases_and_widths(sol):
    rng = np.random.default_rng(0)
    for _ in range(10):
        n, d = int(rng.integers(1, 40)), 2 * int(rng.integers(1, 20))
        base = float(rng.choice([100.0, 10000.0, 500000.0]))
        assert np.allclose(_encoding(sol, n, d, base), _reference(n, d, base), rtol=RTOL, atol=ATOL), (
            f"encoding differs for n = {n}, d = {d}, base = {base:g}"
        )


def test_property_pairs_on_the_unit_circle(sol):
    pe = _encoding(sol, 200, 32)
    radius = pe[:, 0::2] ** 2 + pe[:, 1::2] ** 2
    assert np.allclose(radius, 1.0, rtol=RTOL, atol=ATOL), "each (sin, cos) pair must share one frequency"


def test_property_offset_matches_every_position(sol):
    d = 16
    pe = _encoding(sol, 120, d)
    for k in (1, 5, 37, -3, -60):
        m = _rotation(sol, k, d)
        positions = np.arange(max(0, -k), min(120, 120 - k))
        moved = pe[positions] @ m.T  # rows: M(k) @ PE[p]
        assert np.allclose(moved, pe[positions + k], rtol=RTOL, atol=ATOL), f"M({k}) @ PE[p] must equal PE[p + {k}]"


def test_property_rotations_compose_and_are_orthogonal(sol):
    d = 12
    a, b = _rotation(sol, 7, d), _rotation(sol, -19, d)
    assert np.allclose(a @ b, _rotation(sol, -12, d), rtol=RTOL, atol=ATOL), "M(j) M(k) = M(j + k)"
    assert np.allclose(a @ a.T, np.eye(d), rtol=RTOL, atol=ATOL), "a rotation is orthogonal"
    assert np.allclose(_rotation(sol, -7, d), a.T, rtol=RTOL, atol=ATOL), "M(-k) is the inverse of M(k)"


def test_property_slow_pairs_change_slowly(sol):
    pe = _encoding(sol, 2, 64)
    step = np.abs(pe[1] - pe[0])
    assert step[0] > step[-2] and step[-2] < 1e-3, "pair 0 turns by 1 radian per position, the last by ~1e-4"


def test_numeric_long_sequence(sol):
    n, d = 4096, 8
    pe = _encoding(sol, n, d)
    ref = _reference(n, d)
    assert np.allclose(pe, ref, rtol=RTOL, atol=1e-8), "positions in the thousands: angles up to 4095 radians"
