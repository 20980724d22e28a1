"""Every coding drill's reference solution (``catalog/<id>/solution.py``) against a trusted library.

The hidden tests run in a sandbox that cannot import scikit-learn or SciPy, so they can only check the
reference against itself and hand-made cases. Here each reference is imported by path and compared, on a few
seeded inputs and the edge cases its statement defines (ties, float32, empty bins...), with scikit-learn,
SciPy or NumPy. Where a library's convention differs from the statement's, the library call is adapted and a
comment says how; the statement always wins.

A few drills have no library counterpart that is installed (PyTorch and ``transformers`` are not). Some are
checked against a short formula written independently of the reference (an exhaustive enumeration, a brute
force, central differences); the rest are listed in ``NO_LIBRARY_COUNTERPART`` with the reason. The last test
makes every drill choose one or the other, so a new drill cannot be forgotten. The fast suite checks each
drill on its first case; `--all` on every case.

Tolerances, unless a test says otherwise: ``EXACT`` (rtol 1e-9) where both sides evaluate the same closed
formula in float64 and only the order of the floating-point operations differs; looser, with the reason
stated, where an optimiser, a finite difference or an ill-conditioned matrix is involved.
"""

from __future__ import annotations

import collections
import functools
import importlib.util
import itertools
import json
import math
import warnings
from types import ModuleType

import numpy as np
import pytest
from scipy import linalg as sp_linalg
from scipy import ndimage as sp_ndimage
from scipy import signal as sp_signal
from scipy import special as sp_special
from scipy import stats as sp_stats
from sklearn import calibration as sk_calibration
from sklearn import cluster as sk_cluster
from sklearn import datasets as sk_datasets
from sklearn import decomposition as sk_decomposition
from sklearn import ensemble as sk_ensemble
from sklearn import isotonic as sk_isotonic
from sklearn import linear_model as sk_linear
from sklearn import metrics as sk_metrics
from sklearn import mixture as sk_mixture
from sklearn import model_selection as sk_selection
from sklearn import naive_bayes as sk_naive_bayes
from sklearn import neighbors as sk_neighbors
from sklearn import preprocessing as sk_preprocessing
from sklearn import tree as sk_tree
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity
from tokenizers import Tokenizer, pre_tokenizers
from tokenizers import models as tokenizer_models
from tokenizers import trainers as tokenizer_trainers

from gauntlet.drills.loader import drill_ids, load_drill
from tests.support import slow_after

# Same closed formula on both sides, evaluated in a different order: a few ulps apart, far inside 1e-9.
EXACT = {"rtol": 1e-9, "atol": 1e-12}


def _isclose(tolerance: dict[str, float]) -> dict[str, float]:
    """A NumPy-style tolerance as ``math.isclose`` keywords."""
    return {"rel_tol": tolerance["rtol"], "abs_tol": tolerance["atol"]}


NO_LIBRARY_COUNTERPART = {
    "cosine-warmup-schedule": "the library versions (transformers.get_cosine_schedule_with_warmup, PyTorch's "
                              "schedulers) are not installed, and the drill clamps after the last step, which "
                              "they do not; the formula is the statement's own, checked by the hidden tests",
    "dropout": "the mask is random and the statement leaves the drawing free (PyTorch, the reference "
               "implementation, is not installed); what is left is a multiplication by 1 / (1 - p)",
    "early-stopping": "Keras' EarlyStopping is not installed, and scikit-learn's n_iter_no_change (MLP, SGD) "
                      "moves its best loss on any improvement, not only on one larger than min_delta",
}

# drill id -> what it is compared with; filled by @compares as the module is imported
COVERED: dict[str, list[str]] = {}


def compares(drill_id: str, reference: str):
    """Record that the decorated test checks ``drill_id``'s reference solution against ``reference``."""

    def mark(test):
        COVERED.setdefault(drill_id, []).append(reference)
        return test

    return mark


@functools.cache
def _solution(drill_id: str) -> ModuleType:
    """The drill's ``solution.py``, imported by path under a name of its own (the files all share one name)."""
    path = load_drill(drill_id).solution_path
    spec = importlib.util.spec_from_file_location(f"_gauntlet_reference_{drill_id.replace('-', '_')}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _central_gradient(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """∂f/∂x by central differences, one element at a time: truncation error O(h²), rounding O(ε·|f| / h)."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = h * max(1.0, abs(x[index]))
        up, down = x.copy(), x.copy()
        up[index] += step
        down[index] -= step
        grad[index] = (f(up) - f(down)) / (2.0 * step)
    return grad


# Central differences with h = 1e-6 on smooth functions of O(1) inputs: truncation ~1e-12, rounding ~1e-10.
FINITE_DIFFERENCE = {"rtol": 1e-6, "atol": 1e-8}


# --- statistics and tests -------------------------------------------------------------------------------------

@compares("ab-test-ztest", "scipy.stats.chi2_contingency, scipy.stats.norm")
@pytest.mark.parametrize(("x_a", "n_a", "x_b", "n_b"), slow_after(1, [
    (120, 1000, 150, 1000),
    (31, 217, 18, 190),
    (5_400, 100_000, 5_100, 98_000),
    (100, 10_000, 420, 10_000),  # z ≈ 14: the tail p-value is ~1e-44, which 1 - Φ(z) would round to 0
    (3, 10, 0, 7),
]))
def test_ab_test_ztest(x_a, n_a, x_b, n_b):
    sol = _solution("ab-test-ztest")
    # The pooled two-proportion z-test is the chi-square test of the 2x2 table without Yates' correction:
    # chi2 = z² and its p-value is the two-sided one. SciPy's chi2.sf keeps relative precision in the tail.
    table = [[x_a, n_a - x_a], [x_b, n_b - x_b]]
    chi2, p_two, _, _ = sp_stats.chi2_contingency(table, correction=False)
    z_library = math.copysign(math.sqrt(chi2), x_b / n_b - x_a / n_a)
    z, p = sol.proportions_ztest(x_a, n_a, x_b, n_b)
    assert math.isclose(z, z_library, rel_tol=1e-9)
    assert math.isclose(p, p_two, rel_tol=1e-9, abs_tol=1e-300)
    # one-sided: the normal tail on the library's z (SciPy's norm.sf, not 1 - cdf)
    assert math.isclose(sol.proportions_ztest(x_a, n_a, x_b, n_b, "larger")[1], sp_stats.norm.sf(z_library),
                        rel_tol=1e-9, abs_tol=1e-300)
    assert math.isclose(sol.proportions_ztest(x_a, n_a, x_b, n_b, "smaller")[1], sp_stats.norm.cdf(z_library),
                        rel_tol=1e-9, abs_tol=1e-300)
    # interval: the unpooled standard error of the statement, with SciPy's normal quantile
    p_a, p_b = x_a / n_a, x_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    for confidence in (0.9, 0.95, 0.999):
        half = sp_stats.norm.ppf(1 - (1 - confidence) / 2) * se
        low, high = sol.difference_ci(x_a, n_a, x_b, n_b, confidence)
        assert math.isclose(low, p_b - p_a - half, rel_tol=1e-9, abs_tol=1e-12)
        assert math.isclose(high, p_b - p_a + half, rel_tol=1e-9, abs_tol=1e-12)


def _assert_scipy_bootstrap_draws_like_the_reference(seed: int, sizes: tuple[int, ...], n_resamples: int) -> None:
    """The bootstrap comparisons below are exact only because scipy.stats.bootstrap draws each sample's
    resamples with one ``rng.integers(0, n, (B, n))`` call, as the two reference solutions do. Checked on its own
    so that a SciPy release drawing differently fails here, with this explanation, rather than as a wrong
    interval (then compare within the Monte-Carlo error instead)."""
    rng = np.random.default_rng(seed)
    expected = [rng.integers(0, n, size=(n_resamples, n)) for n in sizes]  # the references' draws, in order
    samples = tuple(np.arange(n, dtype=np.float64) for n in sizes)  # each value is its own index
    for which, n in enumerate(sizes):
        for column in (0, n - 1):  # the first and last index of every resample of every sample
            result = sp_stats.bootstrap(samples, lambda *s, axis, which=which, column=column: s[which][..., column],
                                        vectorized=True, n_resamples=n_resamples, method="percentile",
                                        rng=np.random.default_rng(seed))
            assert np.array_equal(result.bootstrap_distribution, expected[which][:, column]), (
                "scipy.stats.bootstrap no longer draws like the reference solutions")


@compares("bootstrap-ci", "scipy.stats.bootstrap(method='percentile')")
@pytest.mark.parametrize("seed", slow_after(1, [0, 7]))
def test_bootstrap_ci(seed):
    sol = _solution("bootstrap-ci")
    x = np.random.default_rng(100 + seed).lognormal(size=23)
    _assert_scipy_bootstrap_draws_like_the_reference(seed, (len(x),), 999)
    statistics = {"mean": np.mean, "median": np.median, "std": functools.partial(np.std, ddof=1)}
    for name, statistic in statistics.items():
        for confidence in (0.9, 0.95):
            result = sp_stats.bootstrap((x,), statistic, n_resamples=999, confidence_level=confidence,
                                        method="percentile", rng=np.random.default_rng(seed), vectorized=True)
            ours = sol.bootstrap_ci(x, name, n_resamples=999, confidence=confidence, seed=seed)
            expected = result.confidence_interval
            # same resamples, same statistic, same linear-interpolation quantile: equal to rounding
            assert np.allclose(ours, (expected.low, expected.high), rtol=1e-12, atol=0), name
    # degenerate data (statement): constant data give a zero-width interval at the constant
    constant = np.full(9, 2.5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SciPy warns that the distribution is degenerate
        result = sp_stats.bootstrap((constant,), np.mean, n_resamples=99, method="percentile",
                                    rng=np.random.default_rng(seed))
    assert sol.bootstrap_ci(constant, "mean", n_resamples=99, seed=seed) == (
        result.confidence_interval.low, result.confidence_interval.high) == (2.5, 2.5)


@compares("bootstrap-pvalue", "scipy.stats.bootstrap (bootstrap distribution of the mean difference)")
@pytest.mark.parametrize("seed", slow_after(1, [0, 3]))
def test_bootstrap_pvalue(seed):
    sol = _solution("bootstrap-pvalue")
    rng = np.random.default_rng(200 + seed)
    a, b = rng.lognormal(size=17), 1.3 * rng.lognormal(size=40)
    n_resamples = 1999
    _assert_scipy_bootstrap_draws_like_the_reference(seed, (len(a), len(b)), n_resamples)
    # the null world of the statement: each group shifted to the pooled mean; SciPy resamples each group
    mu = np.concatenate([a, b]).mean()
    a0, b0 = a - a.mean() + mu, b - b.mean() + mu
    result = sp_stats.bootstrap((a0, b0), lambda s, t, axis: t.mean(axis=axis) - s.mean(axis=axis),
                                n_resamples=n_resamples, method="percentile", vectorized=True,
                                rng=np.random.default_rng(seed))
    t_star, t_obs = result.bootstrap_distribution, b.mean() - a.mean()
    two_sided = (1 + np.sum(np.abs(t_star) >= abs(t_obs))) / (n_resamples + 1)
    larger = (1 + np.sum(t_star >= t_obs)) / (n_resamples + 1)
    assert sol.bootstrap_pvalue(a, b, n_resamples, "two-sided", seed) == pytest.approx(two_sided, rel=1e-12)
    assert sol.bootstrap_pvalue(a, b, n_resamples, "larger", seed) == pytest.approx(larger, rel=1e-12)


@compares("ks-statistic", "scipy.stats.ks_2samp")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1, 2]))
def test_ks_statistic(seed):
    sol = _solution("ks-statistic")
    rng = np.random.default_rng(seed)
    cases = [
        (rng.normal(size=60), rng.normal(0.3, 1.2, size=85)),
        (rng.integers(0, 6, size=70).astype(float), rng.integers(1, 7, size=40).astype(float)),  # ties everywhere
        (rng.normal(size=30).astype(np.float32), rng.normal(size=1)),
        (np.arange(5.0), np.arange(5.0) + 10),  # disjoint: D = 1
    ]
    for a, b in cases:
        assert math.isclose(sol.ks_statistic(a, b), sp_stats.ks_2samp(a, b).statistic, rel_tol=1e-9, abs_tol=1e-12)


@compares("psi", "np.quantile edges, counts by comparison, scipy.special.rel_entr (symmetric KL)")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1]))
def test_psi(seed):
    sol = _solution("psi")
    rng = np.random.default_rng(seed)
    cases = [
        (rng.normal(size=500), rng.normal(0.4, 1.3, size=300), 10),
        (rng.poisson(2.0, size=400).astype(float), rng.poisson(2.6, size=350).astype(float), 10),  # repeated edges
        (rng.normal(size=200).astype(np.float32), rng.normal(5.0, 1.0, size=50), 4),  # empty bins: eps
    ]
    eps = 1e-4
    for expected, actual, n_bins in cases:
        e64, a64 = expected.astype(np.float64), actual.astype(np.float64)
        edges = np.unique(np.quantile(e64, np.arange(1, n_bins) / n_bins))

        def proportions(values, edges=edges):
            # bins (-inf, c_1], (c_1, c_2], ..., (c_K, inf): counts of values <= each edge, differenced
            at_most = np.r_[(values[:, None] <= edges[None, :]).sum(axis=0), len(values)]
            p = np.diff(np.r_[0, at_most]) / len(values)
            return np.where(p == 0, eps, p)

        e, a = proportions(e64), proportions(a64)
        # Σ (a - e) ln(a / e) = KL(a‖e) + KL(e‖a), unnormalised (rel_entr does not renormalise after eps)
        expected_psi = float(np.sum(sp_special.rel_entr(a, e) + sp_special.rel_entr(e, a)))
        assert math.isclose(sol.psi(expected, actual, n_bins, eps), expected_psi, rel_tol=1e-9, abs_tol=1e-12)


# --- metrics --------------------------------------------------------------------------------------------------

@compares("roc-auc", "sklearn.metrics.roc_auc_score, scipy.stats.mannwhitneyu")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1, 2]))
def test_roc_auc(seed):
    sol = _solution("roc-auc")
    rng = np.random.default_rng(seed)
    y = rng.random(300) < 0.3
    scores = np.round(rng.normal(size=300) + y, 1)  # rounded: many ties, across classes too
    for labels, s in ((y, scores), (y.astype(int), rng.normal(size=300)), ([0, 1, 1, 0], [0.5, 0.5, 0.5, 0.5])):
        ours = sol.roc_auc(labels, s)
        assert math.isclose(ours, sk_metrics.roc_auc_score(labels, s), **_isclose(EXACT))
        labels_b = np.asarray(labels, dtype=bool)
        u = sp_stats.mannwhitneyu(np.asarray(s)[labels_b], np.asarray(s)[~labels_b]).statistic
        assert math.isclose(ours, u / (labels_b.sum() * (~labels_b).sum()), **_isclose(EXACT))
    # one class only: undefined (scikit-learn warns and returns nan too)
    assert math.isnan(sol.roc_auc([1, 1, 1], [0.1, 0.2, 0.3]))


@compares("average-precision", "sklearn.metrics.average_precision_score, precision_recall_curve")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1, 2]))
def test_average_precision(seed):
    sol = _solution("average-precision")
    rng = np.random.default_rng(seed)
    y = (rng.random(250) < 0.2).astype(int)
    scores = np.round(rng.normal(size=250) + 1.5 * y, 1)  # ties cross the threshold together in both
    ap = sk_metrics.average_precision_score(y, scores)
    assert math.isclose(sol.average_precision(y, scores), ap, **_isclose(EXACT))
    # interpolated (VOC): best precision at this recall or higher, on scikit-learn's curve (reversed there:
    # recall decreasing, with a final (recall 0, precision 1) point that is not a threshold)
    precision, recall, _ = sk_metrics.precision_recall_curve(y, scores)
    precision, recall = precision[:-1][::-1], recall[:-1][::-1]
    best_after = np.maximum.accumulate(precision[::-1])[::-1]
    interpolated = float(np.diff(np.r_[0.0, recall]) @ best_after)
    assert math.isclose(sol.average_precision(y, scores, interpolated=True), interpolated, **_isclose(EXACT))
    # n_positives: undetected objects only lengthen the recall denominator, so AP scales by found / total
    n_total = int(y.sum()) + 7
    assert math.isclose(sol.average_precision(y, scores, n_positives=n_total), ap * y.sum() / n_total,
                        **_isclose(EXACT))
    assert math.isclose(sol.average_precision(y, scores, True, n_total), interpolated * y.sum() / n_total,
                        **_isclose(EXACT))


def test_average_precision_statement_cases():
    sol = _solution("average-precision")
    # the statement's detection example: 5 objects, detections TP, TP, FP, TP, FP
    y, scores = [1, 1, 0, 1, 0], [5, 4, 3, 2, 1]
    assert math.isclose(sol.average_precision(y, scores, n_positives=5), 0.55, rel_tol=1e-12)
    assert math.isclose(sol.average_precision(y, scores, n_positives=5),
                        sk_metrics.average_precision_score(y, scores) * 3 / 5, rel_tol=1e-12)
    # no positive: the statement returns nan where scikit-learn warns and returns 0
    assert math.isnan(sol.average_precision([0, 0, 0], [0.3, 0.2, 0.1]))


@compares("ndcg", "sklearn.metrics.ndcg_score (ignore_ties=False)")
@pytest.mark.parametrize("k", slow_after(1, [None, 1, 3, 5, 20]))
def test_ndcg(k):
    sol = _solution("ndcg")
    rng = np.random.default_rng(11)
    relevance = rng.integers(0, 4, size=(6, 9)).astype(float)
    relevance[2] = 0.0  # IDCG = 0: NDCG 0 by convention, as in scikit-learn
    relevance[3] = rng.random(9) * 3  # graded, not integer
    scores = np.round(rng.normal(size=(6, 9)), 1)
    scores[4] = 0.5  # one big tie group straddling every cut-off
    scores[5, :4] = scores[5, 4]
    for gain, true_gain in (("linear", relevance), ("exponential", np.exp2(relevance) - 1.0)):
        # scikit-learn always uses the relevance itself as the gain: pass 2^rel - 1 for the exponential gain
        expected = [sk_metrics.ndcg_score(true_gain[[q]], scores[[q]], k=k, ignore_ties=False)
                    for q in range(len(relevance))]
        assert np.allclose(sol.ndcg(relevance, scores, k=k, gain=gain), expected, **EXACT)


@compares("classification-metrics", "sklearn.metrics.confusion_matrix, precision_recall_fscore_support")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1, 2]))
def test_classification_metrics(seed):
    sol = _solution("classification-metrics")
    rng = np.random.default_rng(seed)
    k = 6
    y_true = rng.integers(0, 4, size=80)  # classes 4 and 5 never true: recall 0 by the statement's convention
    y_pred = np.where(rng.random(80) < 0.6, y_true, rng.integers(0, 5, size=80))  # class 5 never predicted either
    y_pred[y_pred == 3] = 4  # class 3 never predicted: precision 0
    labels = list(range(k))
    assert np.array_equal(sol.confusion_matrix(y_true, y_pred, k),
                          sk_metrics.confusion_matrix(y_true, y_pred, labels=labels))
    for average in ("none", "macro", "weighted", "micro"):
        # labels=range(K) makes scikit-learn average over all K classes, absent ones included, like the statement
        precision, recall, f1, _ = sk_metrics.precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=None if average == "none" else average, zero_division=0.0)
        ours = sol.precision_recall_f1(list(y_true), list(y_pred), k, average=average)
        for key, value in (("precision", precision), ("recall", recall), ("f1", f1)):
            assert np.allclose(ours[key], value, **EXACT), (average, key)


@compares("calibration-error", "sklearn.calibration.calibration_curve(strategy='uniform'), np.histogram")
@pytest.mark.parametrize("n_bins", slow_after(1, [1, 5, 10, 13]))
def test_calibration_error(n_bins):
    sol = _solution("calibration-error")
    rng = np.random.default_rng(n_bins)
    prob = rng.random(400) ** 2
    prob[:5], prob[5:10] = 0.0, 1.0  # exactly on the outer edges: first and last bin
    y = (rng.random(400) < np.clip(prob * 1.2, 0, 1)).astype(int)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    # np.histogram's bins are [a, b) (last one closed) where the statement's are (a, b]: they agree unless a
    # probability sits exactly on an interior edge, which these data avoid
    assert not np.isin(prob, edges[1:-1]).any()
    counts = np.histogram(prob, bins=edges)[0]
    counts = counts[counts > 0]
    prob_true, prob_pred = sk_calibration.calibration_curve(y, prob, n_bins=n_bins, strategy="uniform")
    ours_true, ours_pred, ours_counts = sol.reliability_curve(y, prob, n_bins)
    assert np.allclose(ours_true, prob_true, **EXACT)
    assert np.allclose(ours_pred, prob_pred, **EXACT)
    assert np.array_equal(ours_counts, counts)
    ece = float(np.sum(counts / counts.sum() * np.abs(prob_true - prob_pred)))
    assert math.isclose(sol.expected_calibration_error(y, prob, n_bins), ece, **_isclose(EXACT))


# --- linear algebra, preprocessing, model selection ----------------------------------------------------------

@compares("pca", "sklearn.decomposition.PCA(svd_solver='full')")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1]))
def test_pca(seed):
    sol = _solution("pca")
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 5)) @ rng.normal(size=(5, 5)) + 3.0
    X[:, 2] = 7.0  # a constant column
    for k in (1, 3, 4):
        reference = sk_decomposition.PCA(n_components=k, svd_solver="full").fit(X)
        components = reference.components_
        # the statement's sign convention (largest |entry| positive), not scikit-learn's svd_flip
        signs = np.sign(components[np.arange(k), np.argmax(np.abs(components), axis=1)])
        ours_components, ours_variance, ours_projected = sol.pca(X, k)
        # both are LAPACK SVDs of the same centred matrix with well-separated singular values: equal to rounding
        assert np.allclose(ours_components, components * signs[:, None], rtol=1e-9, atol=1e-10)
        assert np.allclose(ours_variance, reference.explained_variance_, rtol=1e-9, atol=1e-10)
        assert np.allclose(ours_projected, reference.transform(X) * signs, rtol=1e-9, atol=1e-9)


@compares("power-iteration", "numpy.linalg.eigh")
@pytest.mark.parametrize(("eigenvalues", "scale"), slow_after(1, [
    ((5.0, 3.0, 2.0, -1.0, 0.5), 1.0),
    ((-6.0, 4.0, 3.5, 1.0, -2.0), 1.0),  # dominant eigenvalue negative: the iterates flip sign
    ((2.0, 1.5, -1.0, 0.2, 0.1), 1e150),  # huge entries
    ((1.0, -0.97, 0.5, 0.2, 0.1), 1.0),  # |λ2 / λ1| = 0.97: about a thousand steps to converge
]))
def test_power_iteration(eigenvalues, scale):
    sol = _solution("power-iteration")
    rng = np.random.default_rng(len(eigenvalues))
    q, _ = np.linalg.qr(rng.normal(size=(5, 5)))
    # the dominant eigenvector with a zero first entry: nothing may divide by a component
    q[:, 0] = np.r_[0.0, q[1:, 0]]
    q, _ = np.linalg.qr(q)
    A = (q * (np.array(eigenvalues) * scale)) @ q.T
    A = (A + A.T) / 2
    values, vectors = np.linalg.eigh(A)
    top = int(np.argmax(np.abs(values)))
    eigenvalue, vector = sol.power_iteration(A, rng.normal(size=5))
    # the statement's tolerances: the residual stop at 1e-12 leaves the eigenvalue within ~1e-12 relative
    assert math.isclose(eigenvalue, values[top], rel_tol=1e-9)
    assert abs(vector @ vectors[:, top]) >= 1 - 1e-8
    assert math.isclose(np.linalg.norm(vector), 1.0, rel_tol=1e-12)


@compares("batchnorm-forward", "sklearn.preprocessing.StandardScaler, np.var(ddof=1)")
@pytest.mark.parametrize(("shape", "offset"), slow_after(1, [((16, 3), 0.0), ((4, 3, 5), 10.0), ((3, 2, 4, 5), 1e8)]))
def test_batchnorm_forward(shape, offset):
    sol = _solution("batchnorm-forward")
    rng = np.random.default_rng(len(shape))
    x = rng.normal(size=shape) * rng.uniform(0.01, 3, size=shape[1]).reshape((1, -1) + (1,) * (len(shape) - 2))
    x += offset
    channels = shape[1]
    gamma, beta = rng.normal(size=channels), rng.normal(size=channels)
    running_mean, running_var = rng.normal(size=channels), rng.uniform(0.5, 2, size=channels)
    # every axis but the channel axis pooled: channels last, then rows are the m = N·H·W values of each channel
    flat = np.moveaxis(x, 1, -1).reshape(-1, channels)
    eps = 1e-3  # large enough to matter for the low-variance channels
    scaler = sk_preprocessing.StandardScaler().fit(flat)
    # StandardScaler divides by sqrt(var) (biased); batch norm by sqrt(var + eps): set its scale accordingly
    scaler.scale_ = np.sqrt(scaler.var_ + eps)
    expected = np.moveaxis((gamma * scaler.transform(flat) + beta).reshape(np.moveaxis(x, 1, -1).shape), -1, 1)
    out, new_mean, new_var = sol.batchnorm_forward(x, gamma, beta, running_mean, running_var, momentum=0.2,
                                                   eps=eps, training=True)
    # the statement's tolerance; with an offset of 1e8 each side's mean carries its own rounding, up to the
    # spacing of floats near 1e8 (1.5e-8), which moves x̂ by that over σ (observed 4e-8): atol 1e-7 there
    tolerance = {"rtol": 1e-7, "atol": 1e-9 if offset < 1e6 else 1e-7}
    assert np.allclose(out, expected, **tolerance)
    assert np.allclose(new_mean, 0.8 * running_mean + 0.2 * scaler.mean_, **tolerance)
    assert np.allclose(new_var, 0.8 * running_var + 0.2 * np.var(flat, axis=0, ddof=1), **tolerance)
    # inference with the batch's own statistics as running statistics gives the same standardisation
    out, kept_mean, kept_var = sol.batchnorm_forward(x, gamma, beta, scaler.mean_, scaler.var_, eps=eps,
                                                     training=False)
    assert np.allclose(out, expected, **tolerance)
    assert np.array_equal(kept_mean, scaler.mean_) and np.array_equal(kept_var, scaler.var_)


@compares("layer-norm", "sklearn.preprocessing.StandardScaler (forward), central differences (backward)")
@pytest.mark.parametrize(("shape", "dtype"),
                         slow_after(1, [((5, 7), np.float64), ((2, 3, 6), np.float32), ((1, 1), np.float64)]))
def test_layer_norm(shape, dtype):
    sol = _solution("layer-norm")
    rng = np.random.default_rng(len(shape))
    x = (rng.normal(size=shape) * 2 + 10).astype(dtype)
    d = shape[-1]
    gamma, beta, dy = rng.normal(size=d), rng.normal(size=d), rng.normal(size=shape)
    eps = 1e-5
    rows = x.astype(np.float64).reshape(-1, d)
    # StandardScaler standardises columns: give it the rows as columns, with scale sqrt(var + eps)
    scaler = sk_preprocessing.StandardScaler().fit(rows.T)
    scaler.scale_ = np.sqrt(scaler.var_ + eps)
    x_hat = scaler.transform(rows.T).T.reshape(shape)
    assert np.allclose(sol.layer_norm_forward(x, gamma, beta, eps), gamma * x_hat + beta, rtol=1e-9, atol=1e-10)

    def loss(x_, gamma_, beta_):  # Σ dy ⊙ y, written with NumPy's mean and var, not the reference's code
        mean = x_.mean(axis=-1, keepdims=True)
        return float(np.sum(dy * (gamma_ * (x_ - mean) / np.sqrt(x_.var(axis=-1, keepdims=True) + eps) + beta_)))

    x64 = x.astype(np.float64)
    dx, dgamma, dbeta = sol.layer_norm_backward(dy, x, gamma, eps)
    assert np.allclose(dx, _central_gradient(lambda v: loss(v, gamma, beta), x64), **FINITE_DIFFERENCE)
    assert np.allclose(dgamma, _central_gradient(lambda g: loss(x64, g, beta), gamma), **FINITE_DIFFERENCE)
    assert np.allclose(dbeta, _central_gradient(lambda b: loss(x64, gamma, b), beta), **FINITE_DIFFERENCE)


@compares("kfold-split", "sklearn.model_selection.KFold")
@pytest.mark.parametrize(("n", "k"), slow_after(1, [(10, 3), (7, 7), (23, 5), (2, 2)]))
def test_kfold_split(n, k):
    sol = _solution("kfold-split")
    for ours, (train, test) in zip(sol.kfold_indices(n, k), sk_selection.KFold(k).split(np.zeros(n)), strict=True):
        assert np.array_equal(ours[0], train) and np.array_equal(ours[1], test)
    # shuffled: scikit-learn shuffles with a RandomState, so it cannot draw the statement's permutation; apply
    # its (unshuffled) blocks to the statement's permutation instead
    order = np.random.default_rng(5).permutation(n)
    splits = sk_selection.KFold(k).split(np.zeros(n))
    for ours, (train, test) in zip(sol.kfold_indices(n, k, shuffle=True, seed=5), splits, strict=True):
        assert np.array_equal(ours[0], np.sort(order[train])) and np.array_equal(ours[1], np.sort(order[test]))


@compares("time-series-split", "sklearn.model_selection.TimeSeriesSplit")
@pytest.mark.parametrize(("n", "k", "test_size", "gap", "max_train_size"), slow_after(1, [
    (10, 3, None, 0, None),
    (23, 4, None, 0, None),
    (30, 3, 4, 2, None),
    (30, 5, 3, 1, 6),
    (12, 2, 5, 0, 1),
]))
def test_time_series_split(n, k, test_size, gap, max_train_size):
    sol = _solution("time-series-split")
    reference = sk_selection.TimeSeriesSplit(k, test_size=test_size, gap=gap, max_train_size=max_train_size)
    ours = sol.time_series_splits(n, k, test_size=test_size, gap=gap, max_train_size=max_train_size)
    for (train, test), (sk_train, sk_test) in zip(ours, reference.split(np.zeros(n)), strict=True):
        assert np.array_equal(train, sk_train) and np.array_equal(test, sk_test)


@compares("target-encoding-kfold", "sklearn.preprocessing.TargetEncoder(cv=PredefinedSplit)")
@pytest.mark.parametrize("smoothing", slow_after(1, [0.0, 3.0, 10.0]))
def test_target_encoding_kfold(smoothing):
    sol = _solution("target-encoding-kfold")
    rng = np.random.default_rng(int(smoothing))
    vocabulary = np.array(["Café", "café", "cafe\u0301", "a", "b", "c", "rare"], dtype=object)
    categories = rng.choice(vocabulary[:-1], size=60, p=[0.1, 0.1, 0.1, 0.3, 0.3, 0.1])
    categories[17] = "rare"  # one row: absent from every other fold, so it gets that folds' prior
    y = rng.normal(size=60) + (categories == "a")
    folds = rng.integers(0, 4, size=60)
    # PredefinedSplit hands TargetEncoder the statement's folds; smooth=m is the statement's smoothing, and
    # each fold's prior is the mean target of the other folds, as in the statement
    encoder = sk_preprocessing.TargetEncoder(target_type="continuous", smooth=smoothing,
                                             cv=sk_selection.PredefinedSplit(folds))
    expected = encoder.fit_transform(categories.reshape(-1, 1), y).ravel()
    assert np.allclose(sol.target_encode_out_of_fold(list(categories), y, folds, smoothing), expected, **EXACT)
    new = np.array(["a", "CAFÉ", "cafe\u0301", "rare", "never seen"], dtype=object)
    assert np.allclose(sol.target_encode_new(list(categories), y, list(new), smoothing),
                       encoder.transform(new.reshape(-1, 1)).ravel(), **EXACT)
    ints = rng.integers(0, 5, size=60)
    encoder = sk_preprocessing.TargetEncoder(target_type="continuous", smooth=smoothing,
                                             cv=sk_selection.PredefinedSplit(folds))
    expected = encoder.fit_transform(ints.reshape(-1, 1), y).ravel()
    assert np.allclose(sol.target_encode_out_of_fold(ints, y, folds, smoothing), expected, **EXACT)


@compares("tfidf", "sklearn.feature_extraction.text.TfidfVectorizer(token_pattern='[a-z0-9]+')")
@pytest.mark.parametrize(("smooth_idf", "sublinear_tf"),
                         slow_after(1, [(True, False), (False, False), (True, True), (False, True)]))
def test_tfidf(smooth_idf, sublinear_tf):
    sol = _solution("tfidf")
    docs = [
        "The cat sat on the mat. The mat was flat!",
        "snake_case and CamelCase: 2 cats, 3 dogs, a cat.",
        "",
        "Straße мир naïve café",
        "x y z x x 42 4 2",
        "the THE The the",
        "!!! ???",
    ]
    # the drill's tokeniser as scikit-learn's token_pattern (its default drops one-character tokens); the
    # other settings are scikit-learn's defaults: lower-case, l2 rows
    vectorizer = TfidfVectorizer(token_pattern=r"[a-z0-9]+", smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
    expected = vectorizer.fit_transform(docs).toarray()
    vocabulary, matrix = sol.tfidf(docs, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
    assert vocabulary == list(vectorizer.get_feature_names_out())
    assert np.allclose(matrix, expected, **EXACT)


# --- clustering and neighbours --------------------------------------------------------------------------------

@compares("dbscan", "sklearn.cluster.DBSCAN")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1, 2]))
def test_dbscan(seed):
    sol = _solution("dbscan")
    rng = np.random.default_rng(seed)
    blobs, _ = sk_datasets.make_blobs(n_samples=90, centers=4, cluster_std=0.6, random_state=seed)
    noisy = np.vstack([blobs, rng.uniform(-12, 12, size=(15, 2))])
    # small integer coordinates with eps an integer or the square root of one: points exactly at distance eps
    # and duplicates (where, the statement says, every usual way of computing the distance agrees)
    grid = rng.integers(0, 9, size=(70, 2)).astype(float)
    cases = [(noisy, 0.8, 5), (noisy.astype(np.float32), 1.5, 1), (grid, 1.0, 3), (grid, math.sqrt(2), 4),
             (grid, 2.0, 6)]
    # a border point (x = 10) within eps of a core point of each of two clusters, in both index orders
    shared = np.array([[10, 0], [0, 0], [-3, 0], [-6, 0], [-9, 0], [20, 0], [23, 0], [26, 0], [29, 0]], dtype=float)
    cases += [(shared, 10.0, 4), (shared[::-1].copy(), 10.0, 4)]
    for X, eps, min_samples in cases:
        expected = sk_cluster.DBSCAN(eps=eps, min_samples=min_samples).fit(X.astype(np.float64)).labels_
        # not only the same partition: the same numbering and the same home for shared border points
        assert np.array_equal(sol.dbscan(X, eps, min_samples), expected), (eps, min_samples)


@compares("kmeans", "sklearn.cluster.KMeans(algorithm='lloyd', tol=0), sklearn.metrics.pairwise_distances_argmin")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1, 2]))
def test_kmeans(seed):
    sol = _solution("kmeans")
    X, truth = sk_datasets.make_blobs(n_samples=150, centers=4, cluster_std=1.5, random_state=seed)
    rng = np.random.default_rng(seed)
    # one starting centroid per blob plus a perturbation: no centroid loses all its points, where scikit-learn
    # relocates an empty cluster and the statement keeps it in place
    init = np.array([X[truth == c][0] for c in range(4)]) + rng.normal(scale=0.5, size=(4, 2))
    centroids, labels, inertia = sol.kmeans(X, init, max_iters=300)
    # tol=0: scikit-learn stops only when the assignment is unchanged, as the statement does
    reference = sk_cluster.KMeans(n_clusters=4, init=init, n_init=1, max_iter=300, tol=0.0,
                                  algorithm="lloyd").fit(X)
    assert np.array_equal(labels, reference.labels_)
    # the statement's tolerance: the centroids are means of the same points, summed in another order
    assert np.allclose(centroids, reference.cluster_centers_, rtol=1e-7, atol=1e-9)
    assert math.isclose(inertia, reference.inertia_, rel_tol=1e-7)
    # stopped by max_iters before convergence: scikit-learn then re-assigns the points to the last centroids,
    # which is the statement's final assignment too
    for max_iters in (1, 2, 3):
        centroids, labels, inertia = sol.kmeans(X, init, max_iters=max_iters)
        reference = sk_cluster.KMeans(n_clusters=4, init=init, n_init=1, max_iter=max_iters, tol=0.0,
                                      algorithm="lloyd").fit(X)
        assert np.array_equal(labels, reference.labels_)
        assert np.allclose(centroids, reference.cluster_centers_, rtol=1e-7, atol=1e-9)
        assert math.isclose(inertia, reference.inertia_, rel_tol=1e-7)
    # max_iters = 0: the initial centroids and their assignment
    centroids, labels, inertia = sol.kmeans(X, init, max_iters=0)
    assert np.array_equal(centroids, init)
    assert np.array_equal(labels, sk_metrics.pairwise_distances_argmin(X, init))
    assert math.isclose(inertia, float(((X - init[labels]) ** 2).sum()), rel_tol=1e-12)
    # (kmeans_plus_plus is not compared: the statement leaves its random stream free, and scikit-learn's
    # kmeans_plusplus is the greedy variant, which tries several candidates per centroid)


@compares("knn", "sklearn.neighbors.KNeighborsClassifier(algorithm='brute')")
@pytest.mark.parametrize("k", slow_after(1, [1, 2, 4, 7, 60]))
def test_knn(k):
    sol = _solution("knn")
    rng = np.random.default_rng(k)
    X_train, X_test = rng.normal(size=(60, 3)), rng.normal(size=(25, 3))
    y_train = rng.choice([0, 2, 3, 7], size=60)
    # continuous coordinates: no distance ties, whose order scikit-learn does not specify; vote ties (even k)
    # go to the smallest label in both (scikit-learn takes the first of its sorted classes_)
    expected = sk_neighbors.KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X_train, y_train)
    assert np.array_equal(sol.knn_predict(X_train, y_train, X_test, k), expected.predict(X_test))
    if k == 1:
        assert np.array_equal(sol.knn_predict(X_train, y_train, X_train, 1), y_train)


@compares("cosine-top-k", "sklearn.metrics.pairwise.cosine_similarity")
@pytest.mark.parametrize("k", slow_after(1, [1, 4, 12, 40]))
def test_cosine_top_k(k):
    sol = _solution("cosine-top-k")
    rng = np.random.default_rng(k)
    queries, corpus = rng.normal(size=(5, 6)), rng.normal(size=(30, 6))
    queries[2] = 0.0  # a zero query: every similarity 0, ties broken by index
    corpus[[8, 21]] = corpus[3]  # duplicates: exact ties
    corpus[[5, 19]] = 0.0  # zero rows: similarity 0 with everything (scikit-learn's convention too)
    similarity = cosine_similarity(queries, corpus)
    # expected order: decreasing similarity, then increasing index; rounded to 12 digits so that the exact
    # ties above stay ties whatever each side's last-bit rounding
    keep = min(k, len(corpus))
    expected = np.array([np.lexsort((np.arange(len(corpus)), -np.round(row, 12)))[:keep] for row in similarity])
    indices, scores = sol.cosine_top_k(queries, corpus, k)
    assert np.array_equal(indices, expected)
    assert np.allclose(scores, np.take_along_axis(similarity, expected, axis=1), rtol=1e-7, atol=1e-9)


@compares("smote", "sklearn.neighbors.NearestNeighbors (every synthetic point on a neighbour segment)")
@pytest.mark.parametrize(("m", "k"), slow_after(1, [(12, 3), (6, 10), (1, 5)]))
def test_smote(m, k):
    sol = _solution("smote")
    rng = np.random.default_rng(m)
    X_min = rng.normal(size=(m, 3))
    synthetic = sol.smote(X_min, 40, k=k, seed=1)
    assert synthetic.shape == (40, 3)
    if m == 1:
        assert np.array_equal(synthetic, np.repeat(X_min, 40, axis=0))
        return
    k_used = min(k, m - 1)
    # k + 1 neighbours from scikit-learn: the first is the point itself (distinct rows, distance 0)
    neighbours = sk_neighbors.NearestNeighbors(n_neighbors=k_used + 1).fit(X_min).kneighbors(X_min)[1][:, 1:]
    _assert_on_neighbour_segments(synthetic, X_min, neighbours)
    # balancing: the synthetic rows come from the minority rows and their minority neighbours only
    y = np.r_[np.zeros(30, dtype=int), np.full(m, 4)]
    X = np.vstack([rng.normal(size=(30, 3)) * 0.5, X_min])
    X_resampled, y_resampled = sol.balance_with_smote(X, y, k=k, seed=2)
    assert np.array_equal(X_resampled[:len(X)], X) and np.bincount(y_resampled).tolist() == [30, 0, 0, 0, 30]
    _assert_on_neighbour_segments(X_resampled[len(X):], X_min, neighbours)


def _assert_on_neighbour_segments(synthetic: np.ndarray, X_min: np.ndarray, neighbours: np.ndarray) -> None:
    """Every synthetic point lies strictly inside a segment from a minority point to one of its neighbours."""

    def on_segment(point, i, j):
        direction = X_min[j] - X_min[i]
        u = float((point - X_min[i]) @ direction / (direction @ direction))
        # u = 0 has probability 0: a synthetic point exactly on its base point means a zero-length segment
        return 0 < u < 1 and np.allclose(X_min[i] + u * direction, point, rtol=0, atol=1e-12)

    pairs = [(i, j) for i in range(len(X_min)) for j in neighbours[i]]
    for point in synthetic:
        assert any(on_segment(point, i, j) for i, j in pairs), point


@compares("gmm-e-step", "sklearn.mixture.GaussianMixture.predict_proba / score_samples")
@pytest.mark.parametrize("dtype", slow_after(1, [np.float64, np.float32]))
def test_gmm_e_step(dtype):
    sol = _solution("gmm-e-step")
    rng = np.random.default_rng(3)
    k, d = 3, 3
    weights = np.array([0.5, 0.3, 0.2])
    means = rng.normal(scale=3, size=(k, d))
    covariances = np.empty((k, d, d))
    for c in range(k):
        a = rng.normal(size=(d, d))
        covariances[c] = a @ a.T + 0.2 * np.eye(d)
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    covariances[2] = (q * np.array([1e-4, 1.0, 50.0])) @ q.T  # condition number 5e5
    covariances[2] = (covariances[2] + covariances[2].T) / 2
    X = np.vstack([rng.normal(scale=3, size=(40, d)), means[0] + 40 * np.sqrt(np.diag(covariances[0]))])
    X = X.astype(dtype)  # the far point: every density underflows, the log-space E-step does not
    mixture = sk_mixture.GaussianMixture(n_components=k, covariance_type="full")
    mixture.weights_, mixture.means_, mixture.covariances_ = weights, means, covariances
    # scikit-learn evaluates through the Cholesky factor of each precision matrix: inv(L)ᵀ for Σ = L Lᵀ
    mixture.precisions_cholesky_ = np.array([np.linalg.inv(np.linalg.cholesky(c)).T for c in covariances])
    mixture.n_features_in_ = d
    X64 = X.astype(np.float64)  # the statement computes in float64 whatever the input
    resp, log_px = sol.gmm_e_step(X, weights.astype(dtype), means.astype(dtype), covariances.astype(dtype))
    if dtype is np.float32:  # float32 parameters are other numbers: compare with the same rounded parameters
        mixture.weights_, mixture.means_ = weights.astype(dtype).astype(float), means.astype(dtype).astype(float)
        mixture.covariances_ = covariances.astype(dtype).astype(float)
        mixture.precisions_cholesky_ = np.array([np.linalg.inv(np.linalg.cholesky(c)).T
                                                 for c in mixture.covariances_])
    # scikit-learn multiplies by the inverted Cholesky factor where the reference solves with it; even on the
    # ill-conditioned component the two agree to ~1e-15 here, so EXACT (far tighter than the statement's 1e-7)
    assert np.allclose(resp, mixture.predict_proba(X64), **EXACT)
    assert np.allclose(log_px, mixture.score_samples(X64), **EXACT)


# --- trees, boosting ------------------------------------------------------------------------------------------

def _tree_arrays(fitted) -> dict[str, np.ndarray]:
    """A fitted single-output scikit-learn tree in the drill's flat format. ``tree_.value`` is (nodes, outputs,
    classes): class fractions for a classifier (scikit-learn >= 1.4), the mean target for a regressor."""
    t = fitted.tree_
    return {"children_left": t.children_left, "children_right": t.children_right, "feature": t.feature,
            "threshold": t.threshold, "missing_go_to_left": np.asarray(t.missing_go_to_left, dtype=bool),
            "value": t.value[:, 0, :]}


@compares("decision-tree-predict", "sklearn.tree.DecisionTreeClassifier / Regressor (apply, predict_proba)")
@pytest.mark.parametrize("kind", slow_after(1, ["classifier", "regressor"]))
def test_decision_tree_predict(kind):
    sol = _solution("decision-tree-predict")
    rng = np.random.default_rng(4)
    # integer features: every threshold is k + 0.5, exact in float32, so scikit-learn's float32 routing and the
    # statement's float64 one agree even for rows sitting exactly on a threshold
    X = rng.integers(0, 12, size=(300, 4)).astype(float)
    X[rng.random(300) < 0.15, 0] = np.nan  # missing values seen in training: the tree learns where they go
    X[rng.random(300) < 0.1, 3] = np.nan
    y = (X[:, 1] + np.nan_to_num(X[:, 0], nan=5) > 11).astype(int) + (X[:, 2] > 6)
    if kind == "classifier":
        fitted = sk_tree.DecisionTreeClassifier(max_depth=7, random_state=0).fit(X, y)
    else:
        fitted = sk_tree.DecisionTreeRegressor(max_depth=7, random_state=0).fit(X, y + rng.normal(size=300))
    tree = _tree_arrays(fitted)
    X_test = rng.integers(0, 12, size=(200, 4)).astype(float)
    X_test[:40] += 0.5  # exactly on thresholds: left (<=)
    X_test[rng.random(200) < 0.2, 0] = np.nan
    X_test[rng.random(200) < 0.2, 3] = np.nan
    assert np.array_equal(sol.tree_apply(tree, X_test), fitted.apply(X_test))
    expected = fitted.predict_proba(X_test) if kind == "classifier" else fitted.predict(X_test)[:, None]
    assert np.allclose(sol.tree_predict(tree, X_test), expected, rtol=1e-12, atol=1e-15)
    assert sol.tree_apply(tree, np.zeros((0, 4))).shape == (0,)


@compares("gini-best-split", "sklearn.tree.DecisionTreeClassifier(max_depth=1, criterion='gini')")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1, 2, 3]))
def test_gini_best_split(seed):
    sol = _solution("gini-best-split")
    rng = np.random.default_rng(seed)
    # float32-representable values: scikit-learn splits on float32 copies, and then its midpoints are the
    # statement's float64 midpoints
    X = rng.normal(size=(60, 4)).astype(np.float32).astype(np.float64)
    X[:, 1] = rng.integers(0, 4, size=60)  # a discrete feature: thresholds between distinct values only
    y = rng.choice([0, 3, 7], size=60) * (rng.random(60) < 0.7) + 3 * (X[:, 0] > 0.3)
    stump = sk_tree.DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y).tree_
    left, right = stump.children_left[0], stump.children_right[0]
    n = stump.n_node_samples
    weighted = (n[left] * stump.impurity[left] + n[right] * stump.impurity[right]) / n[0]
    feature, threshold, impurity = sol.best_split(X, y)
    # random continuous data: no two candidate splits tie, so scikit-learn's random feature order cannot matter
    assert (feature, threshold) == (stump.feature[0], stump.threshold[0])
    assert math.isclose(impurity, weighted, **_isclose(EXACT))
    assert math.isclose(sol.gini_impurity(y), stump.impurity[0], **_isclose(EXACT))
    # no feature with two distinct values: scikit-learn's tree stays a single leaf, the statement returns None
    constant = np.tile(X[:1], (60, 1))
    assert sk_tree.DecisionTreeClassifier(max_depth=1).fit(constant, y).tree_.node_count == 1
    assert sol.best_split(constant, y) is None


@compares("gradient-boosting-step", "sklearn.ensemble.GradientBoostingClassifier (leaf values, staged scores)")
@pytest.mark.parametrize("init", slow_after(1, ["zero", None]))
def test_gradient_boosting_step(init):
    sol = _solution("gradient-boosting-step")
    X, y = sk_datasets.make_classification(n_samples=150, n_features=5, random_state=2)
    model = sk_ensemble.GradientBoostingClassifier(n_estimators=3, learning_rate=0.3, max_depth=2, init=init,
                                                   random_state=0).fit(X, y)
    staged = [np.zeros(len(y))] if init == "zero" else []
    staged += [np.ravel(scores) for scores in model.staged_decision_function(X)]  # (n, 1) in some versions
    if init is None:  # the prior log-odds before the first tree
        staged.insert(0, np.full(len(y), math.log(y.mean() / (1 - y.mean()))))
    for stage in range(3):
        regression_tree = model.estimators_[stage, 0]
        # scikit-learn's leaf ids are node numbers: pass every node as a "leaf", internal ones stay empty (γ = 0)
        leaf = regression_tree.apply(X)
        F_new, values = sol.gradient_boosting_step(staged[stage], y, leaf, regression_tree.tree_.node_count, 0.3)
        leaves = np.unique(leaf)
        assert np.allclose(values[leaves], regression_tree.tree_.value[leaves, 0, 0], **EXACT)
        assert np.allclose(F_new, staged[stage + 1], **EXACT)


@compares("decision-stump", "brute force over every (feature, midpoint, polarity) (no library counterpart)")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1, 2]))
def test_decision_stump(seed):
    # scikit-learn's depth-1 trees minimise Gini or entropy, not the weighted 0/1 error: enumerate every
    # candidate of the statement instead, O(d · n²), and pick the first minimum in the statement's tie order
    sol = _solution("decision-stump")
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 7, size=(40, 3)).astype(float)
    y = np.where(X[:, 1] + rng.normal(size=40) > 3, 1, -1)
    if seed == 1:
        y = -y  # large values negative: polarity -1 wins
    for weights in (None, rng.integers(1, 6, size=40).astype(float), rng.exponential(size=40)):
        w = np.ones(40) if weights is None else weights
        candidates = []
        for j in range(X.shape[1]):
            values = np.unique(X[:, j])
            for t in (values[:-1] + values[1:]) / 2:
                for s in (1, -1):
                    prediction = np.where(X[:, j] > t, s, -s)
                    candidates.append((w[prediction != y].sum() / w.sum(), j, t, s))
        best = min(c[0] for c in candidates)
        # first in the statement's order among the candidates within rounding of the minimum
        expected = next(c for c in candidates if c[0] <= best + 1e-12)
        feature, threshold, polarity, error = sol.fit_stump(X, y, weights)
        assert (feature, threshold, polarity) == expected[1:]
        assert math.isclose(error, best, rel_tol=1e-9, abs_tol=1e-12)
        prediction = np.where(X[:, feature] > threshold, polarity, -polarity)
        assert np.array_equal(sol.predict_stump(X, feature, threshold, polarity), prediction)
    assert sol.fit_stump(np.ones((5, 2)), np.array([1, -1, 1, -1, 1])) is None


# --- linear models, calibration -------------------------------------------------------------------------------

@compares("isotonic-regression", "sklearn.isotonic.IsotonicRegression")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1, 2]))
def test_isotonic_regression(seed):
    sol = _solution("isotonic-regression")
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 40, size=200).astype(float)  # many tied x: one fitted value per x, as in scikit-learn
    y = x / 10 + rng.normal(size=200)
    w = rng.uniform(0.2, 3, size=200)
    for weights in (None, w):
        expected = sk_isotonic.IsotonicRegression().fit_transform(x, y, sample_weight=weights)
        assert np.allclose(sol.isotonic_fit(x, y, weights), expected, **EXACT)
    example = [1, 3, 2, 2, 5]  # the statement's example
    assert np.allclose(sol.isotonic_fit(np.arange(5.0), example),
                       sk_isotonic.IsotonicRegression().fit_transform(np.arange(5.0), example), **EXACT)


@compares("linreg-gd", "sklearn.linear_model.LinearRegression (the point gradient descent converges to)")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1]))
def test_linreg_gd(seed):
    sol = _solution("linreg-gd")
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 3)) + 0.5
    y = X @ np.array([1.5, -2.0, 0.3]) + 4.0 + rng.normal(scale=0.5, size=60)
    w, b, losses = sol.fit_linear_regression_gd(X, y, lr=0.1, n_iters=1500)
    reference = sk_linear.LinearRegression().fit(X, y)
    # the Hessian of the MSE, (2/n)[X 1]ᵀ[X 1], has eigenvalues in ~[0.68, 5] here: with lr = 0.1 the error
    # shrinks by a factor <= 0.94 per step, so after 1500 steps only rounding is left
    assert np.allclose(w, reference.coef_, rtol=1e-9, atol=1e-10)
    assert math.isclose(b, reference.intercept_, rel_tol=1e-9)
    assert len(losses) == 1501
    assert math.isclose(losses[0], sk_metrics.mean_squared_error(y, np.zeros_like(y)), rel_tol=1e-12)
    assert math.isclose(losses[-1], sk_metrics.mean_squared_error(y, reference.predict(X)), rel_tol=1e-9)
    # the path: each step moves (w, b) together against the gradient of scikit-learn's MSE at the current point
    # (central differences: the MSE is quadratic, so they are exact up to rounding)
    params = np.zeros(X.shape[1] + 1)
    for steps in range(1, 4):

        def mse(p):
            return sk_metrics.mean_squared_error(y, X @ p[:-1] + p[-1])

        params = params - 0.1 * _central_gradient(mse, params)
        w, b, losses = sol.fit_linear_regression_gd(X, y, lr=0.1, n_iters=steps)
        assert np.allclose(np.r_[w, b], params, **FINITE_DIFFERENCE)
        assert math.isclose(losses[-1], mse(np.r_[w, b]), rel_tol=1e-9)


@compares("logistic-regression", "sklearn.linear_model.LogisticRegression (the optimum), scipy.special.expit")
@pytest.mark.parametrize("l2", slow_after(1, [0.0, 0.05]))
def test_logistic_regression(l2):
    sol = _solution("logistic-regression")
    rng = np.random.default_rng(5)
    X = rng.normal(size=(80, 3))
    y = (rng.random(80) < sp_special.expit(X @ np.array([1.0, -2.0, 0.5]) + 0.3)).astype(int)
    w, b, losses = sol.fit_logistic_regression(X, y, lr=1.0, n_iters=3000, l2=l2)
    # scikit-learn minimises C·Σ log loss + ½‖w‖² (bias unpenalised): the statement's mean log loss
    # + (λ/2)‖w‖² times C·n, with C = 1 / (λ n); C = inf is no penalty. Newton's method to 1e-12.
    C = np.inf if l2 == 0 else 1.0 / (l2 * len(y))
    reference = sk_linear.LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=100).fit(X, y)
    # gradient descent on a strongly convex loss (curvature >= 0.06 here) with lr = 1: after 3000 steps the
    # distance to the optimum is below rounding. Both sides agree to ~1e-15; 1e-7 leaves room for the solvers'
    # stopping rules on another platform.
    assert np.allclose(w, reference.coef_[0], rtol=1e-7, atol=1e-9)
    assert math.isclose(b, reference.intercept_[0], rel_tol=1e-7, abs_tol=1e-9)
    p = reference.predict_proba(X)[:, 1]
    assert math.isclose(losses[-1], sk_metrics.log_loss(y, p) + 0.5 * l2 * w @ w, rel_tol=1e-9)
    # separable data: the logits grow into the hundreds, where a loss through log(σ) or clipped probabilities
    # goes wrong; SciPy's log_expit is the stable log σ
    separable = (X[:, 0] > 0).astype(int)
    y_flipped = separable.copy()
    y_flipped[0] = 1 - y_flipped[0]  # one badly misclassified example: its loss is its whole logit
    for labels in (separable, y_flipped):
        w, b, losses = sol.fit_logistic_regression(X * 50, labels, lr=1.0, n_iters=50)
        z = X * 50 @ w + b
        expected = -np.mean(labels * sp_special.log_expit(z) + (1 - labels) * sp_special.log_expit(-z))
        assert np.abs(z).max() > 100 and math.isclose(losses[-1], expected, rel_tol=1e-9, abs_tol=1e-300)
    logits = np.array([-1000.0, -40.0, -1.0, 0.0, 2.5, 40.0, 1000.0])
    X_extreme = logits[:, None] * np.array([[1.0, 0.0, 0.0]])
    assert np.allclose(sol.predict_proba(X_extreme, [1.0, 0.0, 0.0], 0.0), sp_special.expit(logits), **EXACT)


@compares("platt-scaling", "sklearn LogisticRegression on the smoothed targets, sklearn.calibration "
                           "_sigmoid_calibration")
@pytest.mark.parametrize("case", slow_after(1, ["overlapping", "separable", "one class", "large scores"]))
def test_platt_scaling(case):
    sol = _solution("platt-scaling")
    rng = np.random.default_rng(9)
    scores = rng.normal(size=150) * 2
    y = (rng.random(150) < sp_special.expit(1.3 * scores - 0.4)).astype(int)
    if case == "separable":
        y = (scores > 0.2).astype(int)  # the maximum-likelihood slope is infinite; Platt's targets keep it finite
    elif case == "one class":
        y = np.zeros(150, dtype=int)
    elif case == "large scores":
        scores = scores * 150
    a, b = sol.platt_fit(scores, y)
    # Platt's objective with soft targets t_i is a weighted logistic regression: every score once as a positive
    # with weight t_i and once as a negative with weight 1 - t_i, no penalty. Newton's method to 1e-12.
    n_pos = int(y.sum())
    t = np.where(y == 1, (n_pos + 1) / (n_pos + 2), 1 / (len(y) - n_pos + 2))
    reference = sk_linear.LogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-12, max_iter=200).fit(
        np.r_[scores, scores][:, None], np.r_[np.ones(len(y)), np.zeros(len(y))], sample_weight=np.r_[t, 1 - t])
    a_ref, b_ref = reference.coef_[0, 0], reference.intercept_[0]
    # the statement's tolerance on the minimiser (both Newton fits agree to ~1e-15 here)
    assert math.isclose(a, a_ref, rel_tol=1e-6, abs_tol=1e-8)
    assert math.isclose(b, b_ref, rel_tol=1e-6, abs_tol=1e-8)
    new_scores = np.linspace(scores.min() - 1, scores.max() + 1, 50)
    # probabilities of two fits of the same minimiser by two optimisers: 1e-7 leaves room for their stopping rules
    assert np.allclose(sol.platt_predict(new_scores, a, b), reference.predict_proba(new_scores[:, None])[:, 1],
                       rtol=1e-7, atol=1e-10)
    # scikit-learn's own Platt fit (private; its A, B are -a, -b) stops L-BFGS at SciPy's default gradient
    # tolerance, not at the minimiser: its probabilities are within ~3e-8 of the exact fit here, 1e-5 allows for
    # wherever that stopping rule lands
    A, B = sk_calibration._sigmoid_calibration(scores, y)
    assert np.allclose(sol.platt_predict(new_scores, a, b), sp_special.expit(-(A * new_scores + B)), rtol=0,
                       atol=1e-5)


@compares("naive-bayes", "sklearn.naive_bayes.MultinomialNB")
@pytest.mark.parametrize("alpha", slow_after(1, [1.0, 0.3]))
def test_naive_bayes(alpha):
    sol = _solution("naive-bayes")
    rng = np.random.default_rng(int(alpha * 10))
    X = rng.poisson(rng.uniform(0.2, 3, size=(1, 12)), size=(70, 12)).astype(float)
    y = rng.choice([2, 5, 9], size=70)
    X[y == 9, 0] += 4
    X[:, 11] = 0  # a feature never seen: smoothing keeps it finite
    reference = sk_naive_bayes.MultinomialNB(alpha=alpha).fit(X, y)
    classes, class_log_prior, feature_log_prob = sol.nb_fit(X, y, alpha)
    assert np.array_equal(classes, reference.classes_)
    assert np.allclose(class_log_prior, reference.class_log_prior_, **EXACT)
    assert np.allclose(feature_log_prob, reference.feature_log_prob_, **EXACT)
    X_test = rng.poisson(2.0, size=(15, 12)).astype(float)
    X_test[:3] *= 500  # long documents: every joint likelihood far below exp(-745)
    ours = sol.nb_predict_log_proba(X_test, class_log_prior, feature_log_prob)
    # the statement's tolerance: joint log-likelihoods in the thousands, normalised by log-sum-exp
    assert np.allclose(ours, reference.predict_log_proba(X_test), rtol=1e-9, atol=1e-9)


@compares("l1-l2-penalties", "sklearn.linear_model.Lasso (soft threshold), numpy.linalg.norm, central differences")
@pytest.mark.parametrize("lam", slow_after(1, [0.0, 0.4, 2.0]))
def test_l1_l2_penalties(lam):
    sol = _solution("l1-l2-penalties")
    rng = np.random.default_rng(int(lam * 10))
    w = rng.normal(size=9)
    w[np.abs(w) < 0.05] = 0.3  # away from the kink, where the derivative exists
    w[4] = 0.0  # the kink: the statement's minimum-norm subgradient is 0
    value, subgradient = sol.l1_penalty(w, lam)
    assert math.isclose(value, lam * np.linalg.norm(w, 1), **_isclose(EXACT))
    smooth = w != 0
    numeric = _central_gradient(lambda v: lam * np.linalg.norm(v, 1), w, h=1e-7)  # step never crosses zero
    assert np.allclose(subgradient[smooth], numeric[smooth], **FINITE_DIFFERENCE)
    assert subgradient[4] == 0.0
    value, gradient = sol.l2_penalty(w, lam)
    assert math.isclose(value, 0.5 * lam * np.linalg.norm(w) ** 2, **_isclose(EXACT))
    assert np.allclose(gradient, _central_gradient(lambda v: 0.5 * lam * np.linalg.norm(v) ** 2, w),
                       **FINITE_DIFFERENCE)
    assert sol.l1_penalty(np.zeros(0), lam)[0] == sol.l2_penalty(np.zeros(0), lam)[0] == 0.0


@pytest.mark.parametrize("t", slow_after(1, [0.05, 0.5, 3.0]))
@compares("l1-l2-penalties", "sklearn.linear_model.Lasso")
def test_soft_threshold(t):
    sol = _solution("l1-l2-penalties")
    w0 = np.random.default_rng(1).normal(size=8) * 2
    # Lasso minimises (1/2n)‖y - Xw‖² + α‖w‖₁; with X = √n·I and y = √n·w0 that is ½‖w0 - w‖² + α‖w‖₁, whose
    # minimiser is S_α(w0). Coordinate descent solves an orthogonal design exactly in its first sweep.
    n = len(w0)
    lasso = sk_linear.Lasso(alpha=t, fit_intercept=False, tol=1e-14, max_iter=100)
    lasso.fit(math.sqrt(n) * np.eye(n), math.sqrt(n) * w0)
    assert np.allclose(sol.soft_threshold(w0, t), lasso.coef_, **EXACT)
    assert np.array_equal(sol.soft_threshold(w0, 0.0), w0)


@compares("mse-gradient", "sklearn.metrics.mean_squared_error, central differences")
@pytest.mark.parametrize("shape", slow_after(1, [pytest.param((7,)), pytest.param((5, 3))]))
def test_mse_gradient(shape):
    sol = _solution("mse-gradient")
    rng = np.random.default_rng(len(shape))
    y_true, y_pred = rng.normal(size=shape), rng.normal(size=shape)
    # multioutput: scikit-learn averages the per-column means, equal to the mean over all n·k values
    assert math.isclose(sol.mse(y_true, y_pred), sk_metrics.mean_squared_error(y_true, y_pred), **_isclose(EXACT))
    numeric = _central_gradient(lambda p: sk_metrics.mean_squared_error(y_true, p), y_pred)
    assert np.allclose(sol.mse_gradient(y_true, y_pred), numeric, **FINITE_DIFFERENCE)
    assert sol.mse([1, 2], [2, 2]) == sk_metrics.mean_squared_error([1, 2], [2, 2]) == 0.5  # integer lists


# --- neural-network layers ------------------------------------------------------------------------------------

@compares("softmax-cross-entropy", "scipy.special.softmax / log_softmax, sklearn.metrics.log_loss")
def test_softmax_cross_entropy():
    sol = _solution("softmax-cross-entropy")
    rng = np.random.default_rng(0)
    logits = rng.normal(scale=3, size=(8, 5))
    labels = rng.integers(0, 5, size=8)
    extreme = np.array([[1000.0, 0.0, -1000.0], [-np.inf, 2.0, 710.0], [5.0, -np.inf, -np.inf]])
    for z in (logits, extreme):
        assert np.allclose(sol.softmax(z), sp_special.softmax(z, axis=-1), **EXACT)
        assert np.allclose(sol.log_softmax(z), sp_special.log_softmax(z, axis=-1), **EXACT)
    loss, grad = sol.cross_entropy(logits, labels)
    # log_loss clips probabilities at machine epsilon: fine for these moderate logits
    assert math.isclose(loss, sk_metrics.log_loss(labels, sp_special.softmax(logits, axis=1), labels=range(5)),
                        **_isclose(EXACT))
    numeric = _central_gradient(lambda z: -sp_special.log_softmax(z, axis=1)[np.arange(8), labels].mean(), logits)
    assert np.allclose(grad, numeric, **FINITE_DIFFERENCE)
    # a true log-probability of -2000 (which log(softmax) would make -inf): from SciPy's log_softmax, since
    # log_loss would clip it at -log(ε)
    loss, _ = sol.cross_entropy(extreme[:2], np.array([2, 1]))
    expected = -np.mean(sp_special.log_softmax(extreme[:2], axis=1)[[0, 1], [2, 1]])
    assert math.isclose(loss, expected, **_isclose(EXACT))


def _attention_by_loops(q, k, v, allowed):
    """Attention for one (n_q, d) query block, row by row with SciPy's softmax over the allowed keys only."""
    weights = np.zeros((len(q), len(k)))
    for i in range(len(q)):
        keys = np.flatnonzero(allowed[i])
        if keys.size:  # a query with no allowed key keeps zero weights and a zero output
            weights[i, keys] = sp_special.softmax(k[keys] @ q[i] / math.sqrt(q.shape[1]))
    return weights @ v, weights


@compares("scaled-dot-product-attention", "scipy.special.softmax row by row, numpy.tri")
def test_scaled_dot_product_attention():
    sol = _solution("scaled-dot-product-attention")
    rng = np.random.default_rng(1)
    Q, K, V = rng.normal(size=(2, 3, 4, 5)), rng.normal(size=(2, 3, 6, 5)), rng.normal(size=(2, 3, 6, 7))
    mask = rng.random((2, 1, 4, 6)) < 0.7  # broadcast over the heads
    mask[1, 0, 2] = False  # a fully masked query
    for m in (None, mask, np.ones((4, 6), dtype=bool)):
        output, weights = sol.scaled_dot_product_attention(Q, K, V, m)
        allowed = np.broadcast_to(True if m is None else m, (2, 3, 4, 6))
        for b, h in itertools.product(range(2), range(3)):
            expected_out, expected_w = _attention_by_loops(Q[b, h], K[b, h], V[b, h], allowed[b, h])
            assert np.allclose(weights[b, h], expected_w, **EXACT)
            assert np.allclose(output[b, h], expected_out, **EXACT)
    for n in (1, 5):
        assert np.array_equal(sol.causal_mask(n), np.tri(n, dtype=bool))


@compares("causal-self-attention", "scipy.special.softmax per head and query, explicit loops")
@pytest.mark.parametrize("dtype", slow_after(1, [np.float64, np.float32]))
def test_causal_self_attention(dtype):
    sol = _solution("causal-self-attention")
    rng = np.random.default_rng(2)
    batch, t, d, heads = 3, 5, 8, 2
    x = rng.normal(size=(batch, t, d)).astype(dtype)
    W_q, W_k, W_v, W_o = (rng.normal(scale=0.5, size=(d, d)).astype(dtype) for _ in range(4))
    padding = np.ones((batch, t), dtype=bool)
    padding[1, :2] = False  # left padding: the first query has no allowed key
    padding[2, 3:] = False  # right padding
    for key_padding_mask in (None, padding):
        out, weights = sol.causal_self_attention(x, W_q, W_k, W_v, W_o, heads, key_padding_mask)
        x64 = x.astype(np.float64)
        q, k, v = (x64 @ w.astype(np.float64) for w in (W_q, W_k, W_v))
        d_h = d // heads
        merged = np.zeros((batch, t, d))
        for b, h in itertools.product(range(batch), range(heads)):
            columns = slice(h * d_h, (h + 1) * d_h)  # head h owns these columns of Q, K, V and of the output
            real = np.ones(t, dtype=bool) if key_padding_mask is None else key_padding_mask[b]
            allowed = np.tri(t, dtype=bool) & real[None, :]
            head_out, head_w = _attention_by_loops(q[b, :, columns], k[b, :, columns], v[b, :, columns], allowed)
            assert np.allclose(weights[b, h], head_w, **EXACT)
            merged[b, :, columns] = head_out
        assert np.allclose(out, merged @ W_o.astype(np.float64), **EXACT)


@compares("conv2d-forward", "scipy.signal.correlate (mode='valid') per image, filter and channel")
@pytest.mark.parametrize(("stride", "padding", "bias", "dtype"), slow_after(1, [
    (1, 0, True, np.float64),
    ((2, 1), (1, 2), True, np.float64),
    (3, 1, False, np.float32),
]))
def test_conv2d_forward(stride, padding, bias, dtype):
    sol = _solution("conv2d-forward")
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 3, 9, 8)).astype(dtype)
    w = rng.normal(size=(4, 3, 3, 2)).astype(dtype)
    b = rng.normal(size=4).astype(dtype) if bias else None
    (sh, sw) = (stride, stride) if np.ndim(stride) == 0 else stride
    (ph, pw) = (padding, padding) if np.ndim(padding) == 0 else padding
    x_pad = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    expected = np.zeros((2, 4) + sp_signal.correlate(x_pad[0, 0], w[0, 0], mode="valid")[::sh, ::sw].shape)
    for n, f in itertools.product(range(2), range(4)):
        # cross-correlation (no kernel flip), the stride applied by keeping every sh-th row and sw-th column
        expected[n, f] = sum(sp_signal.correlate(x_pad[n, c], w[f, c].astype(np.float64), mode="valid",
                                                 method="direct")[::sh, ::sw] for c in range(3))
        expected[n, f] += 0.0 if b is None else float(b[f])
    out = sol.conv2d(x, w, b, stride=stride, padding=padding)
    assert out.dtype == np.float64
    assert np.allclose(out, expected, rtol=1e-9, atol=1e-9)
    assert sol.conv2d(np.zeros((0, 3, 9, 8)), w, b, stride, padding).shape == (0,) + expected.shape[1:]


@compares("max-pool", "scipy.ndimage.maximum_filter (forward), explicit window loops (backward)")
@pytest.mark.parametrize(("kernel", "stride", "dtype"), slow_after(1, [
    (2, None, np.float64),
    ((3, 2), 1, np.float64),  # overlapping windows: gradients add up
    (3, (2, 1), np.float32),
]))
def test_max_pool(kernel, stride, dtype):
    sol = _solution("max-pool")
    rng = np.random.default_rng(4)
    x = rng.integers(-2, 3, size=(2, 3, 7, 6)).astype(dtype)  # small integers: ties inside windows
    x[0, 0, 0, 0], x[1, 2, 3, 3] = np.inf, -np.inf
    x[1, 1, :3, :3] = -np.inf  # a window of -inf only
    kh, kw = (kernel, kernel) if np.ndim(kernel) == 0 else kernel
    sh, sw = (kh, kw) if stride is None else ((stride, stride) if np.ndim(stride) == 0 else stride)
    h_out, w_out = (7 - kh) // sh + 1, (6 - kw) // sw + 1
    # maximum_filter centres a (kh, kw) window on each pixel: the window starting at row r is centred at r + kh//2
    filtered = sp_ndimage.maximum_filter(x, size=(1, 1, kh, kw), mode="constant", cval=-np.inf)
    expected = filtered[:, :, kh // 2 + sh * np.arange(h_out)[:, None], kw // 2 + sw * np.arange(w_out)[None, :]]
    out = sol.max_pool2d(x, kernel, stride)
    assert out.dtype == x.dtype and np.array_equal(out, expected)
    grad_out = rng.normal(size=expected.shape)
    expected_grad = np.zeros(x.shape)
    for n, c, i, j in np.ndindex(grad_out.shape):
        window = x[n, c, i * sh:i * sh + kh, j * sw:j * sw + kw]
        u, v = divmod(int(np.argmax(window)), kw)  # np.argmax: the first maximum in row-major order
        expected_grad[n, c, i * sh + u, j * sw + v] += grad_out[n, c, i, j]
    assert np.allclose(sol.max_pool2d_backward(grad_out, x, kernel, stride), expected_grad, rtol=1e-12, atol=1e-12)


@compares("two-layer-backprop", "sklearn.metrics.log_loss / scipy.special.log_softmax, central differences")
@pytest.mark.parametrize(("reg", "scale"), slow_after(1, [(0.0, 1.0), (0.1, 1.0), (0.01, 40.0)]))
def test_two_layer_backprop(reg, scale):
    sol = _solution("two-layer-backprop")
    rng = np.random.default_rng(6)
    n, d, h, k = 12, 4, 6, 3
    X, y = rng.normal(size=(n, d)), rng.integers(0, k, size=n)
    params = {"W1": rng.normal(size=(d, h)) * scale, "b1": rng.normal(scale=0.1, size=h),
              "W2": rng.normal(size=(h, k)) * scale, "b2": rng.normal(scale=0.1, size=k)}

    def logits(p):
        return np.maximum(X @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]

    def loss(p):
        data = -np.mean(sp_special.log_softmax(logits(p), axis=1)[np.arange(n), y])
        return data + reg / 2 * (np.sum(p["W1"] ** 2) + np.sum(p["W2"] ** 2))

    value, grads = sol.two_layer_forward_backward(X, y, params["W1"], params["b1"], params["W2"], params["b2"], reg)
    assert math.isclose(value, loss(params), **_isclose(EXACT))
    if scale == 1.0:  # (with logits in the thousands log_loss would clip the tiny probabilities at ε)
        penalty = reg / 2 * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2))
        log_loss = sk_metrics.log_loss(y, sp_special.softmax(logits(params), axis=1), labels=range(k))
        assert math.isclose(value, log_loss + penalty, **_isclose(EXACT))
    else:
        assert np.abs(logits(params)).max() > 1000
    for name in params:
        numeric = _central_gradient(lambda v, name=name: loss({**params, name: v}), params[name])
        # no pre-activation within a step of 0 here, so the ReLU kink is never crossed
        assert np.allclose(grads[name], numeric, **FINITE_DIFFERENCE), name


@compares("lora-linear", "the dense merged layer and central differences (no library counterpart installed)")
@pytest.mark.parametrize("dtype", slow_after(1, [np.float64, np.float32]))
def test_lora_linear(dtype):
    # PEFT and PyTorch are not installed; the adapted layer is by definition the linear layer with weight
    # W + (α/r)·B A, so build that dense matrix here and differentiate ⟨dy, y⟩ numerically (it is bilinear)
    sol = _solution("lora-linear")
    rng = np.random.default_rng(7)
    n, d_in, d_out, r, alpha = 5, 6, 4, 2, 8.0
    x, W, b = rng.normal(size=(n, d_in)), rng.normal(size=(d_out, d_in)), rng.normal(size=d_out)
    A, B, dy = rng.normal(size=(r, d_in)), rng.normal(size=(d_out, r)), rng.normal(size=(n, d_out))
    x, W, b, A, B = (a.astype(dtype).astype(np.float64) for a in (x, W, b, A, B))
    merged = W + alpha / r * B @ A
    cast = functools.partial(np.asarray, dtype=dtype)
    assert np.allclose(sol.lora_forward(cast(x), cast(W), cast(b), cast(A), cast(B), alpha), x @ merged.T + b,
                       rtol=1e-9, atol=1e-10)
    assert np.allclose(sol.lora_forward(x, W, None, A, B, alpha), x @ merged.T, rtol=1e-9, atol=1e-10)
    assert np.allclose(sol.lora_merge(cast(W), cast(A), cast(B), alpha), merged, rtol=1e-9, atol=1e-10)

    def loss(x_, A_, B_):
        return float(np.sum(dy * (x_ @ (W + alpha / r * B_ @ A_).T)))

    dx, dA, dB = sol.lora_backward(cast(x), dy, cast(W), cast(A), cast(B), alpha)
    assert np.allclose(dx, _central_gradient(lambda v: loss(v, A, B), x), **FINITE_DIFFERENCE)
    assert np.allclose(dA, _central_gradient(lambda v: loss(x, v, B), A), **FINITE_DIFFERENCE)
    assert np.allclose(dB, _central_gradient(lambda v: loss(x, A, v), B), **FINITE_DIFFERENCE)


@compares("adam-step", "sklearn.neural_network AdamOptimizer (epsilon rescaled), plus the decay term")
@pytest.mark.parametrize(("weight_decay", "decoupled"), slow_after(1, [(0.0, True), (0.05, True), (0.05, False)]))
def test_adam_step(weight_decay, decoupled):
    from sklearn.neural_network._stochastic_optimizers import AdamOptimizer  # the MLP's Adam (private module)

    sol = _solution("adam-step")
    rng = np.random.default_rng(8)
    theta0 = rng.normal(size=(3, 4))
    grads = rng.normal(size=(6, 3, 4)) * np.array([1e-3, 1.0, 10.0, 0.0])  # a zero-gradient column too
    lr, beta1, beta2, eps = 0.01, 0.9, 0.99, 1e-6
    theta, m, v = theta0.copy(), np.zeros_like(theta0), np.zeros_like(theta0)
    reference_theta = theta0.copy()
    reference = AdamOptimizer([reference_theta], learning_rate_init=lr, beta_1=beta1, beta_2=beta2, epsilon=eps)
    for t, grad in enumerate(grads, start=1):
        theta, m, v = sol.adam_step(theta, grad, m, v, t, lr, beta1, beta2, eps, weight_decay, decoupled)
        before = reference_theta.copy()
        # scikit-learn folds the bias corrections into the step size, lr·sqrt(1 - β2^t) / (1 - β1^t), and adds
        # ε to sqrt(v) rather than to sqrt(v̂) as PyTorch (and the statement) do: the same step with
        # ε_sklearn = ε·sqrt(1 - β2^t)
        reference.epsilon = eps * math.sqrt(1 - beta2**t)
        # no weight decay in scikit-learn's Adam: L2 adds λθ to the gradient; AdamW subtracts lr·λ·θ afterwards
        reference.update_params([reference_theta], [grad if decoupled else grad + weight_decay * before])
        if decoupled:
            reference_theta -= lr * weight_decay * before
        assert np.allclose(m, reference.ms[0], rtol=1e-9, atol=1e-15)
        assert np.allclose(v, reference.vs[0], rtol=1e-9, atol=1e-15)
        assert np.allclose(theta, reference_theta, rtol=1e-9, atol=1e-15)
    # float32 inputs give the float64 result of the same values
    args = (theta0.astype(np.float32), grads[0].astype(np.float32), np.zeros((3, 4), np.float32),
            np.zeros((3, 4), np.float32))
    expected = sol.adam_step(*(a.astype(np.float64) for a in args), 1, lr, beta1, beta2, eps, weight_decay, decoupled)
    for got, want in zip(sol.adam_step(*args, 1, lr, beta1, beta2, eps, weight_decay, decoupled), expected,
                         strict=True):
        assert got.dtype == np.float64 and np.array_equal(got, want)


@compares("positional-encoding", "scipy.linalg.expm of the rotation generator")
@pytest.mark.parametrize(("d_model", "base"), slow_after(1, [(8, 10000.0), (6, 100.0), (2, 10000.0)]))
def test_positional_encoding(d_model, base):
    sol = _solution("positional-encoding")
    # Each (sin pω, cos pω) pair moves along the circle: d/dp (sin, cos) = ω (cos, -sin). So with the
    # generator G (blocks [[0, ω], [-ω, 0]]), M(k) = expm(k G) and PE[p] = expm(p G) @ PE[0], PE[0] = (0, 1, 0, 1...)
    omega = base ** (-np.arange(0, d_model, 2) / d_model)
    generator = np.zeros((d_model, d_model))
    for i, w in enumerate(omega):
        generator[2 * i, 2 * i + 1], generator[2 * i + 1, 2 * i] = w, -w
    start = np.tile([0.0, 1.0], d_model // 2)
    encoding = sol.sinusoidal_encoding(40, d_model, base)
    assert encoding.shape == (40, d_model)
    for p in (0, 1, 7, 39):
        # expm by scaling and squaring: ~1e-14 relative on these orthogonal matrices of norm <= 39
        assert np.allclose(encoding[p], sp_linalg.expm(p * generator) @ start, rtol=1e-9, atol=1e-9)
    for k in (-9, -1, 0, 3, 25):
        assert np.allclose(sol.offset_rotation(k, d_model, base), sp_linalg.expm(k * generator), rtol=1e-9, atol=1e-9)
    assert sol.sinusoidal_encoding(0, d_model, base).shape == (0, d_model)


@compares("top-p-sampling", "scipy.special.softmax, the nucleus checked against its definition")
@pytest.mark.parametrize(("top_p", "temperature"), slow_after(1, [(0.7, 1.0), (0.9, 0.5), (1.0, 2.0), (0.05, 1.0)]))
def test_top_p_sampling(top_p, temperature):
    sol = _solution("top-p-sampling")
    rng = np.random.default_rng(10)
    logits = rng.normal(scale=2, size=(6, 9))
    logits[1, [2, 5]] = -np.inf  # banned tokens
    logits[2] = 1000 + np.round(logits[2])  # large logits, with ties
    logits[3] = np.log([0.1, 0.5, 0.3, 0.1, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9])  # near the statement's example
    q = sol.nucleus_probs(logits, top_p, temperature)
    p = sp_special.softmax(logits / temperature, axis=1)
    for row in range(len(logits)):
        kept = q[row] > 0
        # the nucleus is the largest probabilities (the statement's order: ties to the smaller index first)...
        order = np.lexsort((np.arange(logits.shape[1]), -p[row]))
        size = int(kept.sum())
        assert set(np.flatnonzero(kept)) == set(order[:size])
        # ...the smallest such prefix reaching top_p (the crossing token included)
        reached = np.cumsum(p[row][order])
        assert reached[size - 1] >= top_p - 1e-12 and (size == 1 or reached[size - 2] < top_p)
        # and its probabilities are SciPy's softmax of the kept logits alone
        expected = np.zeros(logits.shape[1])
        expected[kept] = sp_special.softmax(logits[row, kept] / temperature)
        assert np.allclose(q[row], expected, **EXACT)
    u = rng.random(len(logits))
    # inverse CDF: the first index whose running total exceeds u
    expected_tokens = [int(np.searchsorted(np.cumsum(q[row]), u[row], side="right")) for row in range(len(u))]
    assert sol.sample_top_p(logits, top_p, temperature, u).tolist() == expected_tokens


@compares("beam-search", "exhaustive enumeration with a beam wide enough to prune nothing (no library counterpart)")
@pytest.mark.parametrize("length_penalty", slow_after(1, [0.0, 0.6, 1.0]))
def test_beam_search(length_penalty):
    # No installed library decodes a bigram table. With a beam wider than every candidate list nothing is
    # pruned, and the search must return the best of ALL finished sequences: every sequence ending in eos with
    # no earlier eos, plus every eos-free sequence of length max_len. Enumerate them all instead.
    sol = _solution("beam-search")
    rng = np.random.default_rng(12)
    vocabulary, eos, max_len = 4, 3, 4
    first = np.log(rng.dirichlet(np.ones(vocabulary)))
    following = np.log(rng.dirichlet(np.ones(vocabulary), size=vocabulary))
    following[0, 2] = first[1] = -np.inf  # impossible continuations
    following[2, 0] = following[2, 1]  # equal scores: ties broken by the token list
    finished = []
    for length in range(1, max_len + 1):
        for tokens in itertools.product(range(vocabulary), repeat=length):
            if eos in tokens[:-1] or (length < max_len and tokens[-1] != eos):
                continue
            score = first[tokens[0]]
            for a, b in itertools.pairwise(tokens):  # left to right, as the statement accumulates: sequences
                score += following[a, b]  # with the same steps in another order can then tie exactly or not
            if np.isfinite(score):
                finished.append((list(tokens), float(score)))
    finished.sort(key=lambda c: (-c[1] / len(c[0]) ** length_penalty, c[0]))
    width = vocabulary**max_len  # wider than any step's candidate list
    result = sol.beam_search(first, following, eos, width, max_len, length_penalty)
    assert [tokens for tokens, _ in result] == [tokens for tokens, _ in finished]
    assert np.allclose([score for _, score in result], [score for _, score in finished], rtol=1e-9, atol=1e-9)
    # a narrower beam returns at most beam_width sequences, each scored like the enumeration scores it
    scores = {tuple(tokens): score for tokens, score in finished}
    for tokens, score in sol.beam_search(first, following, eos, 2, max_len, length_penalty):
        assert math.isclose(score, scores[tuple(tokens)], rel_tol=1e-9, abs_tol=1e-9)


def _bpe_model(alphabet: list[str], merges: list[tuple[str, str]]) -> tokenizer_models.BPE:
    """A tokenizers BPE model with these merges; its vocabulary holds every character and every merge result."""
    vocab: dict[str, int] = {}
    for symbol in alphabet + [left + right for left, right in merges]:
        vocab.setdefault(symbol, len(vocab))
    return tokenizer_models.BPE(vocab=vocab, merges=list(merges))


@compares("bpe-merges", "Hugging Face tokenizers: BpeTrainer (up to the first tie) and the BPE model (encoding)")
@pytest.mark.parametrize("seed", slow_after(1, [0, 1, 2]))
def test_bpe_merges(seed):
    sol = _solution("bpe-merges")
    rng = np.random.default_rng(seed)
    letters = ["a", "b", "c", "d", "ï", "日", "\u0301"]  # a combining accent is a symbol of its own
    words = {"".join(rng.choice(letters, size=rng.integers(1, 8))): int(rng.integers(1, 40)) for _ in range(80)}
    alphabet = sorted(set("".join(words)))
    merges = sol.bpe_train(words, 40)

    # Training: the library's trainer, fed every word as often as its count, chooses the most frequent pair
    # too, but breaks equal counts by token id (order of creation) where the statement compares the pair's
    # strings. So the merge lists agree up to the first tied choice; there, both pairs must have the top count
    # (counted on the library's own encoding of the words with the merges before it), and the reference must
    # have taken the smallest (left, right) among the tied pairs, as the statement says.
    trainer = tokenizer_trainers.BpeTrainer(vocab_size=len(alphabet) + 40, min_frequency=0, show_progress=False,
                                            special_tokens=[], initial_alphabet=alphabet)
    tokenizer = Tokenizer(tokenizer_models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer.train_from_iterator([" ".join([word] * count) for word, count in words.items()], trainer)
    library_merges = [tuple(pair) for pair in json.loads(tokenizer.to_str())["model"]["merges"]]
    assert len(library_merges) == len(merges) == 40
    first_difference = next((i for i, pair in enumerate(merges) if pair != library_merges[i]), None)
    if first_difference is not None:
        prefix = _bpe_model(alphabet, merges[:first_difference])
        pair_counts: collections.Counter[tuple[str, str]] = collections.Counter()
        for word, count in words.items():
            symbols = [token.value for token in prefix.tokenize(word)]
            for pair in itertools.pairwise(symbols):
                pair_counts[pair] += count
        top = max(pair_counts.values())
        assert pair_counts[library_merges[first_difference]] == top, "the libraries differ on a count, not a tie"
        assert merges[first_difference] == min(pair for pair, count in pair_counts.items() if count == top)

    # Encoding: the library applies the lowest-ranked learned merge first, left to right without overlaps, as
    # the statement does.
    model = _bpe_model(alphabet, merges)
    test_words = list(words) + ["".join(rng.choice(letters, size=12)) for _ in range(40)]
    for word in test_words:
        assert sol.bpe_encode(word, merges) == [token.value for token in model.tokenize(word)], word


# --- every drill is compared, or says why not ----------------------------------------------------------------

def test_every_drill_is_compared_or_listed_as_having_no_counterpart():
    drills = set(drill_ids())
    covered, listed = set(COVERED), set(NO_LIBRARY_COUNTERPART)
    assert covered <= drills, f"comparisons for drills that do not exist: {sorted(covered - drills)}"
    assert listed <= drills, f"NO_LIBRARY_COUNTERPART names drills that do not exist: {sorted(listed - drills)}"
    assert not covered & listed, f"both compared and listed as having no counterpart: {sorted(covered & listed)}"
    missing = drills - covered - listed
    assert not missing, (f"drills with neither a reference comparison here nor an entry in "
                         f"NO_LIBRARY_COUNTERPART: {sorted(missing)}")
