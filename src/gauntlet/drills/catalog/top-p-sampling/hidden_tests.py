import math

import numpy as np

RTOL, ATOL = 1e-9, 1e-12
MARGIN = 1e-9  # no threshold or uniform number is placed this close to a running total


def _reference(logits, top_p, temperature=1.0):
    out = []
    for row in np.asarray(logits, dtype=np.float64):
        z = row / temperature
        top = max(v for v in z if v != -math.inf)
        e = [0.0 if v == -math.inf else math.exp(v - top) for v in z]
        total = math.fsum(e)
        p = [v / total for v in e]
        order = sorted(range(len(p)), key=lambda i: (-p[i], i))
        kept, running = [], 0.0
        for i in order:
            kept.append(i)
            running += p[i]
            if running >= top_p:
                break
        mass = math.fsum(p[i] for i in kept)
        out.append([p[i] / mass if i in kept else 0.0 for i in range(len(p))])
    return np.array(out)


def _margin_ok(logits, top_p, temperature):
    """True when top_p is not within MARGIN of any running total (the kept set is then unambiguous)."""
    for row in np.asarray(logits, dtype=np.float64):
        z = row / temperature
        e = np.exp(z - z.max())
        p = np.sort(e / e.sum())[::-1]
        if np.any(np.abs(np.cumsum(p) - top_p) < MARGIN):
            return False
    return True


def _probs(sol, logits, top_p, temperature=1.0):
    q = np.asarray(sol.nucleus_probs(logits, top_p, temperature))
    assert q.shape == np.shape(logits) and q.dtype == np.float64, "return float64 probabilities of logits' shape"
    assert np.all(np.isfinite(q)), "probabilities must be finite"
    return q


def _check(sol, logits, top_p, temperature=1.0):
    q = _probs(sol, logits, top_p, temperature)
    assert np.allclose(q, _reference(logits, top_p, temperature), rtol=RTOL, atol=ATOL), (
        f"filtered probabilities differ (top_p = {top_p}, temperature = {temperature})"
    )
    return q


def _ref_sample(logits, top_p, temperature, u):
    q = _reference(logits, top_p, temperature)
    return np.array([int(np.argmax(np.cumsum(row) > value)) for row, value in zip(q, u)])


def _random_logits(rng, n, v, scale):
    return rng.normal(size=(n, v)) * scale


def test_edge_single_token(sol):
    _check(sol, np.array([[3.0], [-1e4]]), 0.5)


def test_edge_one_dominant_token(sol):
    q = _check(sol, np.array([[10.0, 0.0, 0.0, 0.0]]), 0.9)
    assert np.array_equal(q > 0, [[True, False, False, False]]), "a token above top_p alone is the whole nucleus"


def test_edge_top_p_one_keeps_everything_possible(sol):
    logits = np.array([[1.0, -np.inf, 0.5, -2.0], [0.0, 0.0, -np.inf, -np.inf]])
    q = _check(sol, logits, 1.0)
    assert np.all(q[np.isinf(logits)] == 0.0) and np.all(q[np.isfinite(logits)] > 0)


def test_edge_ties_at_the_boundary(sol):
    logits = np.log(np.array([[0.2, 0.2, 0.2, 0.2, 0.2], [0.1, 0.3, 0.3, 0.2, 0.1]]))
    q = _check(sol, logits, 0.5)
    assert np.array_equal(q[0] > 0, [True, True, True, False, False]), "equal probabilities: smaller index first"
    assert np.array_equal(q[1] > 0, [False, True, True, False, False])


def test_edge_banned_tokens(sol):
    logits = np.array([[-np.inf, 2.0, -np.inf, 1.0, 0.0]])
    q = _check(sol, logits, 0.95)
    assert q[0, 0] == 0.0 and q[0, 2] == 0.0


def test_shape_sampler_output(sol):
    rng = np.random.default_rng(0)
    logits = _random_logits(rng, 6, 9, 2.0)
    tokens = np.asarray(sol.sample_top_p(logits, 0.8, 1.0, rng.random(6)))
    assert tokens.shape == (6,) and tokens.dtype.kind in "iu", "an integer array with one token per row"


def test_random_distributions(sol):
    rng = np.random.default_rng(1)
    done = 0
    while done < 40:
        logits = _random_logits(rng, int(rng.integers(1, 6)), int(rng.integers(2, 40)), float(rng.uniform(0.1, 6)))
        top_p = float(rng.choice([rng.uniform(0.05, 1.0), 0.9, 0.95]))
        temperature = float(rng.choice([0.3, 0.7, 1.0, 1.5, 4.0]))
        if _margin_ok(logits, top_p, temperature):
            _check(sol, logits, top_p, temperature)
            done += 1


def test_random_sampling_matches_inverse_cdf(sol):
    rng = np.random.default_rng(2)
    for _ in range(15):
        n, v = 50, int(rng.integers(2, 30))
        logits = _random_logits(rng, n, v, 2.0)
        top_p, temperature = float(rng.uniform(0.3, 1.0)), float(rng.uniform(0.5, 2.0))
        if not _margin_ok(logits, top_p, temperature):
            continue
        cdf = np.cumsum(_reference(logits, top_p, temperature), axis=1)
        u = rng.random(n)
        for r in np.flatnonzero(np.abs(cdf - u[:, None]).min(axis=1) < MARGIN):
            k = int(np.argmax(np.diff(cdf[r], prepend=0.0)))  # the middle of the widest step instead
            u[r] = cdf[r, k] - np.diff(cdf[r], prepend=0.0)[k] / 2
        got = np.asarray(sol.sample_top_p(logits, top_p, temperature, u))
        assert np.array_equal(got, _ref_sample(logits, top_p, temperature, u)), (
            "sampled tokens differ: return the smallest i whose cumulative filtered probability exceeds u"
        )


def test_property_sampled_frequencies(sol):
    logits = np.tile(np.log(np.array([0.05, 0.4, 0.25, 0.2, 0.1])), (2000, 1))
    u = (np.arange(2000) + 0.5) / 2000  # evenly spread: the frequencies match q up to 1/2000
    tokens = np.asarray(sol.sample_top_p(logits, 0.8, 1.0, u))
    freq = np.bincount(tokens, minlength=5) / 2000
    q = _reference(logits[:1], 0.8)[0]
    assert np.allclose(freq, q, atol=1e-3), f"frequencies {freq} should match the filtered distribution {q}"
    assert freq[0] == 0 and freq[4] == 0, "tokens outside the nucleus are never sampled"


def test_property_lower_temperature_shrinks_the_nucleus(sol):
    rng = np.random.default_rng(3)
    logits = _random_logits(rng, 10, 50, 1.0)
    sizes = [(_probs(sol, logits, 0.9, t) > 0).sum(axis=1) for t in (2.0, 1.0, 0.5, 0.1)]
    for hotter, colder in zip(sizes, sizes[1:]):
        assert np.all(colder <= hotter), "a colder distribution needs no more tokens to reach top_p"
    assert np.all(sizes[-1] <= 3), "at temperature 0.1 a few tokens hold 90% of the probability"


def test_property_nucleus_is_the_smallest_set(sol):
    rng = np.random.default_rng(4)
    logits = _random_logits(rng, 20, 30, 1.5)  # no running total within MARGIN of 0.75 (checked)
    q = _probs(sol, logits, 0.75)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    for row_p, row_q in zip(p, q):
        kept = row_q > 0
        assert row_p[kept].sum() >= 0.75, "the kept tokens must reach top_p"
        assert row_p[kept].sum() - row_p[kept].min() < 0.75, "dropping the least likely kept token falls short"
        assert row_p[kept].min() >= row_p[~kept].max(initial=0), "every kept token beats every dropped one"


def test_numeric_huge_logits(sol):
    logits = np.array([[5000.0, 4999.0, 4990.0, -5000.0], [-3000.0, -3001.0, -3000.5, -np.inf]])
    _check(sol, logits, 0.9)
    _check(sol, logits, 0.99, temperature=0.01)
    tokens = np.asarray(sol.sample_top_p(logits, 0.9, 1.0, np.array([0.99, 0.2])))
    assert np.array_equal(tokens, _ref_sample(logits, 0.9, 1.0, [0.99, 0.2]))


def test_numeric_float32_logits(sol):
    rng = np.random.default_rng(5)
    logits = _random_logits(rng, 4, 12, 3.0).astype(np.float32)  # no running total near 0.6 (checked)
    _check(sol, logits, 0.6)
