import itertools
import math

import numpy as np


def _reference(first_logp, next_logp, eos, beam_width, max_len, length_penalty=0.0):
    first_logp, next_logp = np.asarray(first_logp, float), np.asarray(next_logp, float)
    order = lambda item: (-item[1], item[0])  # noqa: E731 - the statement's order: score, then tokens
    beam, finished = [([], 0.0)], []
    for _ in range(max_len):
        candidates = []
        for tokens, score in beam:
            row = first_logp if not tokens else next_logp[tokens[-1]]
            candidates += [(tokens + [w], score + row[w]) for w in range(len(row)) if np.isfinite(row[w])]
        kept = sorted(candidates, key=order)[:beam_width]
        finished += [c for c in kept if c[0][-1] == eos]
        beam = [c for c in kept if c[0][-1] != eos]
        if not beam:
            break
    finished += beam
    return sorted(finished, key=lambda c: (-c[1] / len(c[0]) ** length_penalty, c[0]))[:beam_width]


def _normalise(result):
    out = []
    for pair in result:
        tokens, score = pair
        out.append(([int(t) for t in tokens], float(score)))
    return out


def _assert_same(got, expected):
    assert len(got) == len(expected), f"expected {len(expected)} hypotheses, got {len(got)}"
    for rank, ((tokens, score), (ref_tokens, ref_score)) in enumerate(zip(got, expected)):
        assert tokens == ref_tokens, f"hypothesis {rank}: expected tokens {ref_tokens}, got {tokens}"
        assert math.isclose(score, ref_score, rel_tol=1e-9, abs_tol=1e-9), (
            f"hypothesis {rank}: expected raw score {ref_score}, got {score}"
        )


def _check(sol, first, nxt, eos, width, max_len, alpha=0.0):
    got = _normalise(sol.beam_search(first, nxt, eos, width, max_len, alpha))
    _assert_same(got, _reference(first, nxt, eos, width, max_len, alpha))
    return got


def _model(seed, v, concentration=1.0):
    rng = np.random.default_rng(seed)
    first = np.log(rng.dirichlet(np.full(v, concentration)))
    nxt = np.log(rng.dirichlet(np.full(v, concentration), size=v))
    return first, nxt


def _brute_force(first, nxt, eos, max_len, width, alpha):
    """Every sequence beam search could finish with when nothing is pruned."""
    v = len(first)
    found = []
    for length in range(1, max_len + 1):
        for seq in itertools.product(range(v), repeat=length):
            if eos in seq[:-1] or (length < max_len and seq[-1] != eos):
                continue
            score = first[seq[0]]
            for a, b in zip(seq, seq[1:]):
                score += nxt[a, b]
            if np.isfinite(score):
                found.append((list(seq), float(score)))
    return sorted(found, key=lambda c: (-c[1] / len(c[0]) ** alpha, c[0]))[:width]


def test_edge_single_token_vocabulary(sol):
    got = _check(sol, np.array([0.0]), np.array([[0.0]]), 0, 3, 5)
    assert got == [([0], 0.0)]


def test_edge_max_len_one(sol):
    first, nxt = _model(0, 5)
    _check(sol, first, nxt, 2, 3, 1)


def test_edge_eos_impossible_everywhere(sol):
    first, nxt = _model(1, 4)
    first[3], nxt[:, 3] = -np.inf, -np.inf
    got = _check(sol, first, nxt, 3, 3, 6)
    assert all(len(tokens) == 6 for tokens, _ in got), "without eos every hypothesis runs to max_len"


def test_edge_impossible_tokens_never_appear(sol):
    first, nxt = _model(2, 6)
    nxt[:, 4] = -np.inf
    first[4] = -np.inf
    got = _check(sol, first, nxt, 0, 5, 5)
    assert all(4 not in tokens for tokens, _ in got), "a token with log-probability -inf is never chosen"


def test_edge_beam_wider_than_vocabulary(sol):
    first, nxt = _model(3, 3)
    _check(sol, first, nxt, 1, 20, 4)


def test_edge_exact_ties(sol):
    uniform = np.log(np.full(4, 0.25))
    _check(sol, uniform, np.tile(uniform, (4, 1)), 2, 3, 4)
    _check(sol, uniform, np.tile(uniform, (4, 1)), 0, 5, 3)


def test_shape_returns_pairs_best_first(sol):
    first, nxt = _model(4, 5)
    got = _check(sol, first, nxt, 0, 4, 6)
    assert 1 <= len(got) <= 4
    keys = [-score for _, score in got]
    assert keys == sorted(keys), "with length_penalty = 0 the hypotheses come best score first"


def test_random_models(sol):
    rng = np.random.default_rng(5)
    for _ in range(25):
        v = int(rng.integers(2, 9))
        first, nxt = _model(int(rng.integers(10_000)), v, float(rng.choice([0.2, 1.0, 5.0])))
        _check(sol, first, nxt, int(rng.integers(v)), int(rng.integers(1, 6)), int(rng.integers(1, 9)),
               float(rng.choice([0.0, 0.6, 1.0])))


def test_property_width_one_is_greedy(sol):
    first, nxt = _model(6, 6, 0.5)
    eos = 5
    tokens = [int(np.argmax(first))]
    while tokens[-1] != eos and len(tokens) < 10:
        tokens.append(int(np.argmax(nxt[tokens[-1]])))
    got = _normalise(sol.beam_search(first, nxt, eos, 1, 10))
    assert len(got) == 1 and got[0][0] == tokens, "beam width 1 is greedy decoding"


def test_property_unpruned_search_is_exhaustive(sol):
    for seed, alpha in ((7, 0.0), (8, 1.0)):
        first, nxt = _model(seed, 3, 0.7)
        got = _normalise(sol.beam_search(first, nxt, 0, 200, 4, alpha))
        _assert_same(got, _brute_force(first, nxt, 0, 4, 200, alpha))


def test_property_length_penalty_prefers_longer_sequences(sol):
    first = np.log([0.5, 0.5])
    nxt = np.log([[0.5, 0.5], [0.05, 0.95]])  # eos = 0; after token 1 the model likes to continue with 1
    raw = _check(sol, first, nxt, 0, 2, 8, 0.0)
    mean = _check(sol, first, nxt, 0, 2, 8, 1.0)
    assert raw[0][0] == [0], "by raw log-probability the shortest sequence wins"
    assert len(mean[0][0]) > 1, "normalised by length, a longer sequence of likely tokens wins"


def test_numeric_float32_log_probabilities(sol):
    # float32 log-probabilities (as a float32 model emits them), 300 tokens per hypothesis: scores reach about
    # -400, where float32 steps are 3e-5, so a score carried in float32 drifts far beyond rel_tol 1e-9. The
    # answer is the float64 search over the float32 values given.
    first, nxt = _model(10, 5, 2.0)
    nxt[:, 0] = -np.inf  # eos = 0 only as the first token: the other hypotheses run to 300 tokens
    first32, nxt32 = first.astype(np.float32), nxt.astype(np.float32)
    for width, max_len, alpha in ((3, 300, 0.0), (4, 300, 1.0)):
        raw = sol.beam_search(first32, nxt32, 0, width, max_len, alpha)
        assert all(np.asarray(score).dtype == np.float64 for _, score in raw), (
            "float32 inputs: scores are float64 (Python floats)"
        )
        _assert_same(_normalise(raw), _reference(first32.astype(np.float64), nxt32.astype(np.float64), 0, width,
                                                 max_len, alpha))


def test_numeric_long_sequences_stay_in_log_space(sol):
    first, nxt = _model(9, 5, 2.0)
    nxt[:, 0] = -np.inf  # eos = 0 is impossible after the first token: every hypothesis has 300 tokens
    first[0] = -np.inf
    got = _check(sol, first, nxt, 0, 3, 300)
    assert all(np.isfinite(score) and score < -300 for _, score in got), (
        "scores around -400: their probabilities underflow, their log-probabilities do not"
    )
