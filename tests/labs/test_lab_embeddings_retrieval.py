"""embeddings-retrieval: dot product and Euclidean rankings on raw embeddings disagree with cosine and agree
exactly once vectors are unit length; IVF and LSH trade recall for the share of the corpus scanned, IVF
reaching more recall within a budget on clustered embeddings; exhaustive IVF is exact; and every sentence
the lab prints agrees with its numbers."""

import re

import numpy as np
import pytest

from gauntlet.labs.models import IVFIndex, RandomHyperplaneLSH, exact_search, normalize_rows, recall_at_k
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(n):
    assert n["dot_overlap_with_cosine"] < 0.5 and n["dot_picks_length_over_mean"] > 1.5
    assert n["euclid_overlap_with_cosine"] < 0.8 and n["euclid_picks_length_over_mean"] < 1
    assert n["unit_dot_equals_cosine"] and n["unit_euclid_equals_cosine"]
    assert abs(n["random_pair_cosine_sd"] - n["one_over_sqrt_dim"]) < 0.2 * n["one_over_sqrt_dim"]
    assert n["neighbour_cosine_mean"] > n["random_pair_cosine_mean"] + 3 * n["random_pair_cosine_sd"]
    assert n["ivf_scanned_probe_1"] < 0.03 and n["ivf_recall_probe_1"] > 0.4
    assert n["ivf_probe_for_target"] is not None and n["ivf_scanned_for_target"] < 0.35
    assert n["ivf_best_recall_within_budget"] > n["lsh_best_recall_within_budget"] + 0.1
    for bits, more_bits in ((8, 10), (10, 12)):
        assert n[f"lsh_{bits}bits_recall_32_tables"] > n[f"lsh_{more_bits}bits_recall_32_tables"]
        assert n[f"lsh_{bits}bits_scanned_32_tables"] > n[f"lsh_{more_bits}bits_scanned_32_tables"]


@pytest.mark.slow
def test_normalise_then_search_approximately():
    _check_lesson(run_lab("embeddings-retrieval", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_normalise_then_search_approximately_on_every_seed(seed):
    _check_lesson(run_lab("embeddings-retrieval", seed).numbers)


def _corpus(seed=0, n=3000, dim=16):
    rng = np.random.default_rng(seed)
    centres = normalize_rows(rng.standard_normal((40, dim)))
    X = centres[rng.integers(0, 40, n)] + 0.3 * rng.standard_normal((n, dim))
    Q = centres[rng.integers(0, 40, 50)] + 0.3 * rng.standard_normal((50, dim))
    return X, Q


def test_ivf_scanning_every_list_is_exact_and_recall_never_falls_with_more_probes():
    X, Q = _corpus()
    exact = exact_search(X, Q, 10)
    ivf = IVFIndex(30, random_state=0).fit(X)
    found, scanned = ivf.search(Q, 10, n_probe=30)
    assert np.array_equal(found, exact) and np.all(scanned == len(X))
    recalls = [recall_at_k(ivf.search(Q, 10, n_probe=p)[0], exact) for p in (1, 2, 4, 8, 16, 30)]
    assert recalls == sorted(recalls)


def test_lsh_more_tables_never_lose_a_candidate_and_one_bit_tables_agree_with_the_angle():
    X, Q = _corpus()
    lsh = RandomHyperplaneLSH(6, 8, random_state=1).fit(X)
    for q in normalize_rows(Q)[:10]:
        fewer, more = lsh.candidates(q, n_tables=3), lsh.candidates(q, n_tables=8)
        assert np.isin(fewer, more).all()
    # one bit per table: two vectors at angle theta fall on the same side with probability 1 - theta / pi
    a = np.array([1.0, 0.0, 0.0])
    for theta in (0.4, 1.2, 2.5):
        b = np.array([np.cos(theta), np.sin(theta), 0.0])
        index = RandomHyperplaneLSH(1, 4000, random_state=2).fit(a[None, :])
        shared = np.mean(index._codes(b[None, :])[:, 0] == index._codes(a[None, :])[:, 0])
        assert shared == pytest.approx(1 - theta / np.pi, abs=0.03)


def _number(pattern, text):
    return float(re.search(pattern, text).group(1))


def check_notices(result):
    n, p = result.numbers, result.params
    raw, cosines, ivf, lsh = result.notices[:4]
    assert _number(r"dot product shared (\d+)%", raw) == pytest.approx(100 * n["dot_overlap_with_cosine"], abs=0.51)
    equal = n["unit_dot_equals_cosine"] and n["unit_euclid_equals_cosine"]
    assert ("equal cosine's for every query" in raw) == equal
    assert f"1 / sqrt({p['dim']})" in cosines
    assert f"IVF with {p['n_lists']} lists" in ivf
    assert ("Recall reached 90%" in ivf) == (n["ivf_probe_for_target"] is not None)
    assert ("No LSH setting tried reached" in lsh) == (n["lsh_setting_for_target"] is None)
    budget = [s for s in result.notices if s.startswith("Scanning at most")]
    ivf_best, lsh_best = n["ivf_best_recall_within_budget"], n["lsh_best_recall_within_budget"]
    assert bool(budget) == (ivf_best is not None and lsh_best is not None)
    if budget and ivf_best != lsh_best:
        assert f"{'IVF' if ivf_best > lsh_best else 'LSH'} used the budget better" in budget[0]


NOTICE_GRID = [
    {},
    {"n_docs": "2000", "n_lists": "10", "k": "1"},  # a tiny corpus: one probe is already a tenth of it
    {"spread": "3.0"},  # noise swamps the topics: neighbours are barely closer than strangers
    {"spread": "0.2", "topics": "10"},  # tight, few topics: every method finds them
    {"dim": "256", "topics": "2000"},
    {"dim": "8", "k": "50"},
]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])  # as the other labs; the default: every seed, above
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("embeddings-retrieval", seed, params))
