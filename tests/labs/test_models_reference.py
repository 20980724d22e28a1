"""Every from-scratch model against its scikit-learn / SciPy counterpart, in one parametrised test.

``REGISTRY`` lists one ``Check`` per (model, reference) pair: which seeded datasets, what to compare,
how close is close enough, and why. Adding a model means adding one entry.

Two kinds of comparison:

- ``Close(atol)``: deterministic algorithms solving the same problem must give the same numbers
  (coefficients, predictions, probabilities, statistics) to 1e-6 unless stated.
- ``NoWorse(key, tol)``: randomised or differently-ordered algorithms (k-means starts, bootstrap
  samples, SGD paths) cannot match number for number; our quality on held-out data must be no
  worse than the reference's minus a stated tolerance, explained in ``why``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from scipy import special as sp_special
from scipy import stats as sp_stats
from sklearn import calibration as sk_calibration
from sklearn import cluster as sk_cluster
from sklearn import datasets as skdata
from sklearn import decomposition as sk_decomposition
from sklearn import ensemble as sk_ensemble
from sklearn import isotonic as sk_isotonic
from sklearn import linear_model as sk_linear
from sklearn import metrics as sk_metrics
from sklearn import model_selection as sk_selection
from sklearn import neighbors as sk_neighbors
from sklearn import neural_network as sk_neural
from sklearn import tree as sk_tree
from sklearn.exceptions import ConvergenceWarning
from threadpoolctl import threadpool_limits

from gauntlet.labs import models as ours

SEEDS = (0, 1, 2)


# --- datasets -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Data:
    """A seeded train/test split; ``X_*`` (n, p) float, ``y_*`` (n,)."""

    name: str
    seed: int
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def _split(name: str, seed: int, X: np.ndarray, y: np.ndarray, n_test: int) -> Data:
    return Data(name, seed, X[:-n_test], y[:-n_test], X[-n_test:], y[-n_test:])


def _regression(seed: int) -> Data:
    X, y = skdata.make_regression(n_samples=240, n_features=8, n_informative=5, noise=10.0, random_state=seed)
    return _split("regression", seed, X, y, 40)


def _collinear(seed: int) -> Data:
    # low effective rank: nearly collinear columns, where ridge and lasso differ most from OLS
    X, y = skdata.make_regression(n_samples=240, n_features=10, effective_rank=3, noise=1.0, random_state=seed)
    return _split("collinear", seed, X, y, 40)


def _binary(seed: int) -> Data:
    X, y = skdata.make_classification(n_samples=300, n_features=6, n_informative=4, random_state=seed)
    return _split("binary", seed, X, y, 60)


def _multiclass(seed: int) -> Data:
    X, y = skdata.make_classification(
        n_samples=360, n_features=6, n_informative=4, n_classes=3, random_state=seed
    )
    return _split("multiclass", seed, X, y, 60)


def _large(n_classes: int) -> Callable[[int], Data]:
    # 700 training / 300 test rows: enough test rows for randomised ensembles' accuracy to settle
    # (seed-to-seed standard deviation ~0.005-0.01 for a 100-tree forest)
    def make(seed: int) -> Data:
        X, y = skdata.make_classification(n_samples=1000, n_features=8, n_informative=5, n_classes=n_classes,
                                          random_state=seed)
        return _split(f"classes{n_classes}_large", seed, X, y, 300)

    return make


def _blobs(seed: int) -> Data:
    X, y = skdata.make_blobs(n_samples=300, n_features=3, centers=4, random_state=seed)
    return _split("blobs", seed, X, y, 60)


def _scores(seed: int) -> Data:
    # binary labels with scores rounded to 0.05 so that tied scores (the tricky case) occur
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, 400)
    score = np.round(np.clip(0.3 * y + rng.normal(0.35, 0.25, 400), 0, 1) * 20) / 20
    labels3 = rng.integers(0, 3, 400)
    predicted3 = np.where(rng.random(400) < 0.6, labels3, rng.integers(0, 3, 400))
    X = np.column_stack([score, predicted3])
    return Data("scores", seed, X, y, X, labels3)


def _friedman(seed: int) -> Data:
    # a smooth non-linear target (sin, square, linear terms) with noise: what an MLP should fit
    X, y = skdata.make_friedman1(n_samples=1000, n_features=6, noise=0.5, random_state=seed)
    return _split("friedman", seed, X, (y - 14.0) / 5.0, 200)


def _drift(seed: int) -> Data:
    # a reference and a shifted, wider current sample of different sizes (X_train / X_test, column 0)
    rng = np.random.default_rng(seed)
    reference = rng.normal(0.0, 1.0, 150)
    current = rng.normal(0.1 * seed + 0.1, 1.2, 110)
    return Data("drift", seed, reference[:, None], np.zeros(150), current[:, None], np.zeros(110))


def _drift_equal(seed: int) -> Data:
    # equal sizes: SciPy uses a closed form (reflection principle) there
    rng = np.random.default_rng(100 + seed)
    return Data("drift_equal", seed, rng.normal(0, 1, (120, 1)), np.zeros(120),
                rng.normal(0.3, 1, (120, 1)), np.zeros(120))


def _sequences(seed: int) -> Data:
    # a batch of 2 sequences of 7 tokens with 8-dimensional embeddings (X_train), flattened
    rng = np.random.default_rng(seed)
    return Data("sequences", seed, rng.normal(size=(2 * 7, 8)), np.zeros(14), rng.normal(size=(3, 8)), np.zeros(3))


def _ab_counts(seed: int) -> Data:
    # 40 two-arm tests (conversions A, users A, conversions B, users B), every cell of each 2x2 table non-empty
    rng = np.random.default_rng(seed)
    n_a, n_b = rng.integers(50, 5000, 40), rng.integers(50, 5000, 40)
    conv_a = np.clip(rng.binomial(n_a, 0.1), 1, n_a - 1)
    conv_b = np.clip(rng.binomial(n_b, rng.uniform(0.05, 0.2, 40)), 1, n_b - 1)
    X = np.column_stack([conv_a, n_a, conv_b, n_b]).astype(float)
    return Data("ab_counts", seed, X, np.zeros(40), X[:0], np.zeros(0))


def _looks(seed: int) -> Data:
    # the number of equally spaced looks of a group-sequential test: 2, 3 or 5
    looks = float((2, 3, 5)[seed % 3])
    return Data("looks", seed, np.array([[looks]]), np.zeros(1), np.zeros((0, 1)), np.zeros(0))


def _wide(seed: int) -> Data:
    # more columns than rows: least squares has infinitely many exact fits, and returns the smallest one
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((30, 80))
    y = X[:, :5] @ rng.standard_normal(5) + 0.1 * rng.standard_normal(30)
    return Data("wide", seed, X, y, rng.standard_normal((10, 80)), np.zeros(10))


DATASETS: dict[str, Callable[[int], Data]] = {
    "wide": _wide,
    "ab_counts": _ab_counts,
    "looks": _looks,
    "binary_large": _large(2),
    "multiclass_large": _large(3),
    "drift": _drift,
    "drift_equal": _drift_equal,
    "sequences": _sequences,
    "friedman": _friedman,
    "regression": _regression,
    "collinear": _collinear,
    "binary": _binary,
    "multiclass": _multiclass,
    "blobs": _blobs,
    "scores": _scores,
}


# --- comparisons --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Close:
    """Every output array equal to ``atol`` (absolute) plus ``rtol`` (relative)."""

    atol: float = 1e-6
    rtol: float = 0.0

    def assert_holds(self, mine: dict[str, Any], theirs: dict[str, Any]) -> None:
        assert mine.keys() == theirs.keys()
        for key in mine:
            np.testing.assert_allclose(
                np.asarray(mine[key], dtype=float), np.asarray(theirs[key], dtype=float),
                atol=self.atol, rtol=self.rtol, err_msg=key,
            )


@dataclass(frozen=True)
class NoWorse:
    """Our ``key`` (a quality, higher is better unless ``lower_is_better``) within ``tol`` of theirs."""

    key: str
    tol: float
    lower_is_better: bool = False

    def assert_holds(self, mine: dict[str, Any], theirs: dict[str, Any]) -> None:
        a, b = float(mine[self.key]), float(theirs[self.key])
        if self.lower_is_better:
            assert a <= b + self.tol, f"{self.key}: ours {a:.6g} vs reference {b:.6g} (tol {self.tol})"
        else:
            assert a >= b - self.tol, f"{self.key}: ours {a:.6g} vs reference {b:.6g} (tol {self.tol})"


@dataclass(frozen=True)
class AgreeOnShare:
    """At least ``share`` of the rows of ``key`` equal to ``atol``; the rest may differ.

    For trees: where two different splits tie exactly on impurity, scikit-learn settles it by a
    seeded random feature order and we by the lowest feature index, so the few rows of the node
    concerned can land in different leaves. Everywhere else the trees are the same.
    """

    key: str
    share: float
    atol: float = 1e-6

    def assert_holds(self, mine: dict[str, Any], theirs: dict[str, Any]) -> None:
        a, b = np.asarray(mine[self.key], dtype=float), np.asarray(theirs[self.key], dtype=float)
        assert a.shape == b.shape
        same = np.abs(a - b) <= self.atol
        rows_same = same.reshape(len(same), -1).all(axis=1)
        assert rows_same.mean() >= self.share, f"{self.key}: only {rows_same.mean():.3f} of rows agree"


@dataclass(frozen=True)
class Check:
    """One registry entry: ``ours(data)`` and ``reference(data)`` return comparable named outputs."""

    name: str
    datasets: tuple[str, ...]
    ours: Callable[[Data], dict[str, Any]]
    reference: Callable[[Data], dict[str, Any]]
    compare: Close | NoWorse | AgreeOnShare
    why: str


def fitted(factory: Callable[[int], Any], *outputs: str) -> Callable[[Data], dict[str, Any]]:
    """Fit ``factory(seed)`` on the training split and collect named outputs.

    An output ending in ``_`` is a fitted attribute; any other is a method applied to ``X_test``;
    ``score`` is ``score(X_test, y_test)``.
    """

    def run(data: Data) -> dict[str, Any]:
        model = factory(data.seed).fit(data.X_train, data.y_train)
        result = {}
        for output in outputs:
            if output == "score":
                result[output] = model.score(data.X_test, data.y_test)
            elif output.endswith("_"):
                result[output] = getattr(model, output)
            else:
                result[output] = getattr(model, output)(data.X_test)
        return result

    return run


def on_training_rows(factory: Callable[[int], Any], output: str) -> Callable[[Data], dict[str, Any]]:
    """Fit and apply ``output`` to the training rows, with X rounded to float32.

    scikit-learn's trees copy X to float32, so both sides get float32-representable data. The
    training rows are where two trees that split the same samples the same way must agree exactly,
    whatever threshold each picked inside a gap between sample values.
    """

    def run(data: Data) -> dict[str, Any]:
        X = data.X_train.astype(np.float32).astype(np.float64)
        model = factory(data.seed).fit(X, data.y_train)
        return {output: getattr(model, output)(X)}

    return run


def inertia_on_training_rows(factory: Callable[[int], Any]) -> Callable[[Data], dict[str, Any]]:
    def run(data: Data) -> dict[str, Any]:
        # one OpenMP thread: scikit-learn's KMeans otherwise spins threads that fight over a busy
        # two-core machine (seconds instead of milliseconds)
        with threadpool_limits(1):
            return {"inertia": factory(data.seed).fit(data.X_train).inertia_}

    return run


def centred_intercepts(factory: Callable[[int], Any]) -> Callable[[Data], dict[str, Any]]:
    """Softmax outputs: intercepts are defined up to a shared constant, so compare them centred."""

    def run(data: Data) -> dict[str, Any]:
        model = factory(data.seed).fit(data.X_train, data.y_train)
        return {
            "coef_": model.coef_,
            "intercept_": model.intercept_ - model.intercept_.mean(),
            "predict_proba": model.predict_proba(data.X_test),
        }

    return run


def _metric_outputs(lib: Any) -> Callable[[Data], dict[str, Any]]:
    """The classification and ranking metrics of ``lib`` (ours or sklearn.metrics) on the scores data."""

    def run(data: Data) -> dict[str, Any]:
        y, score = data.y_train, data.X_train[:, 0]
        truth3, predicted3 = data.y_test, data.X_train[:, 1].astype(int)
        fpr, tpr, thresholds = (lib.roc_curve(y, score, drop_intermediate=False) if lib is sk_metrics
                                else lib.roc_curve(y, score))
        precision, recall, pr_thresholds = lib.precision_recall_curve(y, score)
        out = {
            "accuracy": lib.accuracy_score(truth3, predicted3),
            "confusion": lib.confusion_matrix(truth3, predicted3),
            "binary_prf": [f(y, score >= 0.5) for f in (lib.precision_score, lib.recall_score, lib.f1_score)],
            "roc_auc": lib.roc_auc_score(y, score),
            "average_precision": lib.average_precision_score(y, score),
            "roc": np.concatenate([fpr, tpr, thresholds[1:]]),
            "pr": np.concatenate([precision, recall, pr_thresholds]),
            "log_loss": lib.log_loss(y, score),  # scores include exact 0 and 1: the clipping matters
            "r2_mse_mae": [lib.r2_score(score, y), lib.mean_squared_error(score, y), lib.mean_absolute_error(score, y)],
        }
        for average in ("micro", "macro", "weighted"):
            out[average] = [
                f(truth3, predicted3, average=average) for f in (lib.precision_score, lib.recall_score, lib.f1_score)
            ]
        return out

    return run


def _folds(make_splitter: Callable[[], Any]) -> Callable[[Data], dict[str, Any]]:
    """Test indices of every fold, for a splitter built the same way in both libraries."""

    def run(data: Data) -> dict[str, Any]:
        folds = make_splitter().split(data.X_train, data.y_train)
        return {f"fold{i}": np.concatenate([train, [-1], test]) for i, (train, test) in enumerate(folds)}

    return run


def _mlp_settings(seed: int) -> dict[str, Any]:
    # Glorot-uniform ("xavier") initial weights: scikit-learn's choice, so only the draw differs
    return {"init": "xavier", "learning_rate": 1e-3, "batch_size": 32, "n_epochs": 150, "random_state": seed}


def _sk_mlp_settings(seed: int) -> dict[str, Any]:
    # tol=0 and a huge n_iter_no_change: train exactly max_iter epochs, as ours does
    return {"learning_rate_init": 1e-3, "batch_size": 32, "max_iter": 150, "random_state": seed,
            "tol": 0.0, "n_iter_no_change": 10**6}


def _ks(lib: str, method: str) -> Callable[[Data], dict[str, Any]]:
    def run(data: Data) -> dict[str, Any]:
        a, b = data.X_train[:, 0], data.X_test[:, 0]
        out = {}
        for alternative in ("two-sided", "less", "greater"):
            result = (ours.ks_2samp(a, b, alternative=alternative, method=method) if lib == "ours"
                      else sp_stats.ks_2samp(a, b, alternative=alternative, method=method))
            out[alternative] = [result.statistic, result.pvalue]
        return out

    return run


def _psi_reference_formula(data: Data) -> dict[str, Any]:
    """PSI written out directly: bins (q_{i-1}, q_i] at reference deciles, empty shares floored at 1e-4."""
    ref, cur = data.X_train[:, 0], data.X_test[:, 0]
    cuts = np.concatenate([[-np.inf], np.quantile(ref, np.arange(1, 10) / 10), [np.inf]])
    total = 0.0
    for low, high in zip(cuts[:-1], cuts[1:], strict=True):
        r = max(np.mean((ref > low) & (ref <= high)), 1e-4)
        c = max(np.mean((cur > low) & (cur <= high)), 1e-4)
        total += (c - r) * np.log(c / r)
    return {"psi": total}


def _cluster_scores(silhouette_samples: Callable[..., Any], adjusted_rand_score: Callable[..., Any]
                    ) -> Callable[[Data], dict[str, Any]]:
    """Silhouettes of the true labels, and the adjusted Rand index between them and a 5-bin cut of
    the first feature (a partition with a different number of clusters)."""

    def run(data: Data) -> dict[str, Any]:
        cut = np.digitize(data.X_train[:, 0], np.quantile(data.X_train[:, 0], [0.2, 0.4, 0.6, 0.8]))
        return {"silhouette_samples": silhouette_samples(data.X_train, data.y_train),
                "adjusted_rand": [adjusted_rand_score(data.y_train, cut),
                                  adjusted_rand_score(data.y_train, data.y_train[::-1])]}

    return run


def _optimizer_paths(lib: str) -> Callable[[Data], dict[str, Any]]:
    """Twenty updates of a (2, 7, 8) parameter array from seeded gradients, by each optimiser: ours or
    scikit-learn's (the MLP's SGD with plain momentum, and Adam)."""

    def run(data: Data) -> dict[str, Any]:
        from sklearn.neural_network._stochastic_optimizers import AdamOptimizer, SGDOptimizer

        grads = np.random.default_rng(data.seed).normal(size=(20, *data.X_train.shape))
        out = {}
        for name, ours_factory, theirs_factory in (
            ("gd", lambda: ours.GradientDescent(0.1), lambda p: SGDOptimizer(p, 0.1, momentum=0.0, nesterov=False)),
            ("momentum", lambda: ours.Momentum(0.1, 0.9), lambda p: SGDOptimizer(p, 0.1, momentum=0.9, nesterov=False)),
            ("adam", lambda: ours.Adam(0.01), lambda p: AdamOptimizer(p, 0.01)),
        ):
            params = data.X_train.copy()
            if lib == "ours":
                optimizer = ours_factory()
                for grad in grads:
                    optimizer.step(params, grad)
            else:
                reference = theirs_factory([params])
                for grad in grads:
                    reference.update_params([params], [grad])
            out[name] = params
        return out

    return run


def _permutation_importance(lib: str) -> Callable[[Data], dict[str, Any]]:
    """Permutation importance (ROC AUC drop, 50 shuffles per feature) of one fitted scikit-learn
    logistic regression on the test rows: our function or ``sklearn.inspection``'s."""

    def run(data: Data) -> dict[str, Any]:
        from sklearn import inspection as sk_inspection

        model = sk_linear.LogisticRegression().fit(data.X_train, data.y_train)
        if lib == "ours":
            found = ours.permutation_importance(lambda X: model.predict_proba(X)[:, 1], data.X_test, data.y_test,
                                                sk_metrics.roc_auc_score, n_repeats=50, random_state=data.seed)
        else:
            found = sk_inspection.permutation_importance(model, data.X_test, data.y_test, scoring="roc_auc",
                                                         n_repeats=50, random_state=data.seed)
        return {"importances_mean": found.importances_mean, "importances_std": found.importances_std}

    return run


def _cosine_search(lib: str) -> Callable[[Data], dict[str, Any]]:
    """Cosine similarities between test and training rows, and each test row's 7 most similar training rows."""

    def run(data: Data) -> dict[str, Any]:
        if lib == "ours":
            return {"cosine": ours.cosine_similarity(data.X_test, data.X_train),
                    "top7": ours.exact_search(data.X_train, data.X_test, 7)}
        from sklearn.metrics.pairwise import cosine_similarity

        search = sk_neighbors.NearestNeighbors(n_neighbors=7, metric="cosine", algorithm="brute").fit(data.X_train)
        return {"cosine": cosine_similarity(data.X_test, data.X_train),
                "top7": search.kneighbors(data.X_test, return_distance=False)}

    return run


def _attention(lib: str) -> Callable[[Data], dict[str, Any]]:
    """Plain and causal attention on (2, 7, 8) sequences; the reference spells the formula out."""

    def run(data: Data) -> dict[str, Any]:
        X = data.X_train.reshape(2, 7, 8)
        Q, K, V = X, X[:, ::-1] * 0.5, X[..., :5] ** 2
        if lib == "ours":
            plain, plain_w = ours.scaled_dot_product_attention(Q, K, V)
            causal, causal_w = ours.scaled_dot_product_attention(Q, K, V, mask=ours.causal_mask(7))
        else:
            scores = np.einsum("bqd,bkd->bqk", Q, K) / np.sqrt(8)
            plain_w = sp_special.softmax(scores, axis=-1)
            causal_w = sp_special.softmax(np.where(np.tril(np.ones((7, 7))) > 0, scores, -np.inf), axis=-1)
            plain, causal = plain_w @ V, causal_w @ V
        return {"plain": plain, "plain_w": plain_w, "causal": causal, "causal_w": causal_w}

    return run


def _multi_head(lib: str) -> Callable[[Data], dict[str, Any]]:
    """Two-head self-attention: our layer against per-head loops over its own weight matrices."""

    def run(data: Data) -> dict[str, Any]:
        X = data.X_train.reshape(2, 7, 8)
        layer = ours.SelfAttention(8, n_heads=2, random_state=data.seed)
        if lib == "ours":
            output, weights = layer.forward(X, causal=True)
            return {"output": output, "weights": weights}
        outputs, all_weights = [], []
        for sequence in X:
            heads, head_weights = [], []
            for h in range(2):
                cols = slice(4 * h, 4 * h + 4)
                q, k, v = (sequence @ W[:, cols] for W in (layer.W_q, layer.W_k, layer.W_v))
                scores = np.where(np.tril(np.ones((7, 7))) > 0, q @ k.T / 2.0, -np.inf)
                w = sp_special.softmax(scores, axis=-1)
                heads.append(w @ v)
                head_weights.append(w)
            outputs.append(np.hstack(heads) @ layer.W_o)
            all_weights.append(head_weights)
        return {"output": np.array(outputs), "weights": np.array(all_weights)}

    return run


def _calibrator(make: Callable[[], Any]) -> Callable[[Data], dict[str, Any]]:
    """Fit a one-dimensional calibrator on the first column against the labels; predict on the training
    scores and on a grid reaching past both ends (where predictions are clipped or extrapolated)."""

    def run(data: Data) -> dict[str, Any]:
        scores, y = data.X_train[:, 0], data.y_train
        grid = np.linspace(scores.min() - 0.5, scores.max() + 0.5, 61)
        model = make()
        if hasattr(model, "predict_proba"):  # scikit-learn's LogisticRegression: scores as a column
            model.fit(scores[:, None], y)
            return {"fit": model.predict_proba(scores[:, None])[:, 1], "grid": model.predict_proba(grid[:, None])[:, 1]}
        model.fit(scores, y)
        return {"fit": model.predict(scores), "grid": model.predict(grid)}

    return run


def _reliability(lib: Any) -> Callable[[Data], dict[str, Any]]:
    """Reliability-curve points and Brier score of the tied scores in [0, 1] (ours or scikit-learn's)."""

    def run(data: Data) -> dict[str, Any]:
        y, p = data.y_train, data.X_train[:, 0]
        if lib is ours:
            share, mean_p, _ = ours.calibration_curve(y, p, n_bins=7)
            return {"curve": np.concatenate([share, mean_p]), "brier": ours.brier_score(y, p)}
        share, mean_p = sk_calibration.calibration_curve(y, p, n_bins=7)
        return {"curve": np.concatenate([share, mean_p]), "brier": sk_metrics.brier_score_loss(y, p)}

    return run


def _ece_formula(data: Data) -> dict[str, Any]:
    """ECE written out bin by bin: bins (k/10, (k+1)/10], the first closed at 0."""
    y, p = data.y_train, data.X_train[:, 0]
    total = 0.0
    for k in range(10):
        members = (p > k / 10) & (p <= (k + 1) / 10) if k else (p <= 0.1)
        if members.any():
            total += members.sum() / len(p) * abs(y[members].mean() - p[members].mean())
    return {"ece": total}


def _z_test(lib: str) -> Callable[[Data], dict[str, Any]]:
    """The pooled two-proportion z statistic, squared and signed, against SciPy's chi-square test of the
    2x2 table without continuity correction (the same statistic squared)."""

    def run(data: Data) -> dict[str, Any]:
        conv_a, n_a, conv_b, n_b = data.X_train.T
        if lib == "ours":
            z = ours.two_proportion_z(conv_a, n_a, conv_b, n_b)
            return {"chi2": z**2, "sign": np.sign(z)}
        chi2 = [sp_stats.chi2_contingency([[b, nb - b], [a, na - a]], correction=False).statistic
                for a, na, b, nb in data.X_train]
        return {"chi2": chi2, "sign": np.sign(conv_b / n_b - conv_a / n_a)}

    return run


def _boundary_crossing(lib: str) -> Callable[[Data], dict[str, Any]]:
    """Our group-sequential constants at alpha 0.05, and the chance of crossing them with no effect by
    SciPy's multivariate normal integration (z at looks t_i, t_j has correlation sqrt(t_i / t_j))."""

    def run(data: Data) -> dict[str, Any]:
        looks = int(data.X_train[0, 0])
        fractions = np.arange(1, looks + 1) / looks
        out = {}
        for kind in ("pocock", "obrien-fleming"):
            if lib == "ours":
                out[kind] = 0.05
                continue
            c = ours.group_sequential_constant(fractions, 0.05, kind, random_state=data.seed)
            bound = c * ours.boundary_shape(fractions, kind)
            correlation = np.sqrt(np.minimum.outer(fractions, fractions) / np.maximum.outer(fractions, fractions))
            inside = sp_stats.multivariate_normal(np.zeros(looks), correlation).cdf(
                bound, lower_limit=-bound, rng=np.random.default_rng(0))
            out[kind] = 1.0 - inside
        return out

    return run


def _ridge_path(lib: str) -> Callable[[Data], dict[str, Any]]:
    """Ridge coefficients for a few penalties and the minimum-norm least-squares solution (penalty 0), no
    intercept: ours from one SVD, scikit-learn's Ridge and LinearRegression (SciPy's lstsq) one by one."""
    alphas = (0.0, 1e-3, 0.5, 20.0)

    def run(data: Data) -> dict[str, Any]:
        if lib == "ours":
            coefficients, _ = ours.ridge_svd(data.X_train, data.y_train, np.array(alphas))
            return {f"alpha={a:g}": c for a, c in zip(alphas, coefficients, strict=True)}
        out = {"alpha=0": sk_linear.LinearRegression(fit_intercept=False).fit(data.X_train, data.y_train).coef_}
        for a in alphas[1:]:
            out[f"alpha={a:g}"] = sk_linear.Ridge(alpha=a, fit_intercept=False, solver="svd").fit(
                data.X_train, data.y_train).coef_
        return out

    return run


# --- the registry -------------------------------------------------------------------------------

TREE_TIES = (
    "CART is deterministic up to exact ties between different splits (scikit-learn breaks them by a "
    "seeded feature order): at least 97% of training rows get the same prediction to 1e-6"
)
EXACT = "deterministic: the same objective has one solution, so it must match to 1e-6"

REGISTRY: tuple[Check, ...] = (
    Check(
        "linear_normal_equation", ("regression", "collinear"),
        fitted(lambda s: ours.LinearRegression(), "coef_", "intercept_", "predict"),
        fitted(lambda s: sk_linear.LinearRegression(), "coef_", "intercept_", "predict"),
        Close(), EXACT,
    ),
    Check(
        "linear_batch_gd", ("regression",),
        fitted(lambda s: ours.LinearRegression(solver="batch", learning_rate=0.1, n_epochs=2000),
               "coef_", "intercept_"),
        fitted(lambda s: sk_linear.LinearRegression(), "coef_", "intercept_"),
        Close(atol=1e-6),
        "full-batch GD on a convex quadratic converges linearly; 2000 steps at rate 0.1 on these "
        "well-conditioned features reach the normal-equation solution to 1e-6",
    ),
    Check(
        "linear_minibatch_gd", ("regression",),
        fitted(lambda s: ours.LinearRegression(solver="minibatch", learning_rate=0.05, lr_decay=0.1,
                                               n_epochs=300, batch_size=16, random_state=s), "coef_", "intercept_"),
        fitted(lambda s: sk_linear.LinearRegression(), "coef_", "intercept_"),
        Close(atol=0.2),
        "mini-batch gradients are noisy: with a 1/(1 + 0.1 epoch) decayed rate the iterate ends within "
        "~0.2 (coefficients are ~10-90) of the least-squares optimum, not on it",
    ),
    Check(
        "linear_sgd", ("regression",),
        fitted(lambda s: ours.LinearRegression(solver="sgd", learning_rate=0.01, lr_decay=0.1,
                                               n_epochs=100, random_state=s), "coef_", "intercept_"),
        fitted(lambda s: sk_linear.LinearRegression(), "coef_", "intercept_"),
        Close(atol=0.5),
        "one-sample gradients are noisier still: with a decayed rate SGD ends within ~0.5 of the "
        "optimum on coefficients of magnitude 10-90",
    ),
    Check(
        "ridge", ("regression", "collinear"),
        fitted(lambda s: ours.Ridge(alpha=2.5), "coef_", "intercept_", "predict"),
        fitted(lambda s: sk_linear.Ridge(alpha=2.5), "coef_", "intercept_", "predict"),
        Close(), EXACT,
    ),
    Check(
        "lasso", ("regression", "collinear"),
        fitted(lambda s: ours.Lasso(alpha=0.3, tol=1e-12, max_iter=100_000), "coef_", "intercept_", "predict"),
        fitted(lambda s: sk_linear.Lasso(alpha=0.3, tol=1e-12, max_iter=100_000), "coef_", "intercept_", "predict"),
        Close(), EXACT + " (both run to a tight tolerance)",
    ),
    Check(
        "logistic_binary_newton", ("binary",),
        fitted(lambda s: ours.LogisticRegression(C=0.5), "coef_", "intercept_", "predict_proba"),
        fitted(lambda s: sk_linear.LogisticRegression(C=0.5, solver="newton-cholesky", tol=1e-10, max_iter=1000),
               "coef_", "intercept_", "predict_proba"),
        Close(), EXACT + ": same C convention (C times the summed log loss + ||w||^2/2)",
    ),
    Check(
        "logistic_softmax_newton", ("multiclass",),
        centred_intercepts(lambda s: ours.LogisticRegression(C=0.5)),
        centred_intercepts(lambda s: sk_linear.LogisticRegression(C=0.5, solver="newton-cholesky", tol=1e-10,
                                                                 max_iter=1000)),
        Close(), EXACT + "; softmax intercepts compared after centring (they are defined up to a constant)",
    ),
    Check(
        "logistic_gd", ("binary",),
        fitted(lambda s: ours.LogisticRegression(C=0.5, solver="gd", learning_rate=1.0, max_iter=5000, tol=1e-9),
               "coef_", "intercept_"),
        fitted(lambda s: sk_linear.LogisticRegression(C=0.5, solver="newton-cholesky", tol=1e-10, max_iter=1000),
               "coef_", "intercept_"),
        Close(atol=1e-5),
        "gradient descent stops at gradient norm 1e-9 of the averaged objective; with its curvature "
        "that leaves the coefficients within 1e-5 of the optimum",
    ),
    Check(
        "mlp_classifier", ("multiclass", "binary"),
        fitted(lambda s: ours.MLPClassifier((32,), weight_decay=1e-4 / 32, **_mlp_settings(s)), "score"),
        fitted(lambda s: sk_neural.MLPClassifier(hidden_layer_sizes=(32,), alpha=1e-4, **_sk_mlp_settings(s)),
               "score"),
        NoWorse("score", 0.05),
        "same architecture, Adam settings and epochs, but different random initial weights and batch "
        "orders: test accuracy on 60 samples varies by a few samples (0.05 = 3 samples)",
    ),
    Check(
        "pca", ("regression", "multiclass", "collinear"),
        fitted(lambda s: ours.PCA(4), "components_", "explained_variance_", "explained_variance_ratio_",
               "singular_values_", "transform"),
        fitted(lambda s: sk_decomposition.PCA(4), "components_", "explained_variance_", "explained_variance_ratio_",
               "singular_values_", "transform"),
        Close(), EXACT + "; signs fixed by the same rule (largest |entry| of each direction positive)",
    ),
    Check(
        "pca_whiten_by_variance_share", ("multiclass",),
        fitted(lambda s: ours.PCA(0.8, whiten=True), "n_components_", "transform"),
        fitted(lambda s: sk_decomposition.PCA(0.8, whiten=True), "n_components_", "transform"),
        Close(), EXACT,
    ),
    Check(
        "knn_classifier", ("binary", "multiclass", "blobs"),
        fitted(lambda s: ours.KNeighborsClassifier(7), "predict_proba", "predict"),
        fitted(lambda s: sk_neighbors.KNeighborsClassifier(7), "predict_proba", "predict"),
        Close(), EXACT + " (continuous features: no tied distances)",
    ),
    Check(
        "knn_distance_weighted_manhattan", ("multiclass",),
        fitted(lambda s: ours.KNeighborsClassifier(5, weights="distance", p=1), "predict_proba"),
        fitted(lambda s: sk_neighbors.KNeighborsClassifier(5, weights="distance", p=1), "predict_proba"),
        Close(), EXACT,
    ),
    Check(
        "knn_regressor", ("regression", "friedman"),
        fitted(lambda s: ours.KNeighborsRegressor(5, weights="distance"), "predict"),
        fitted(lambda s: sk_neighbors.KNeighborsRegressor(5, weights="distance"), "predict"),
        Close(), EXACT,
    ),
    Check(
        "kmeans_inertia", ("blobs", "multiclass"),
        inertia_on_training_rows(lambda s: ours.KMeans(4, n_init=10, random_state=s)),
        inertia_on_training_rows(lambda s: sk_cluster.KMeans(4, n_init=10, random_state=s)),
        NoWorse("inertia", 0.01, lower_is_better=True),
        "k-means reaches a local optimum that depends on the seeded starts, so labels cannot match; "
        "with 10 k-means++ starts both reach the best optimum on these data, so our inertia may exceed "
        "theirs by at most 0.01 (absolute, units of X^2, inertias are ~10^3): rounding, not a worse optimum",
    ),
    Check(
        "cluster_scores", ("blobs", "multiclass"),
        _cluster_scores(ours.silhouette_samples, ours.adjusted_rand_score),
        _cluster_scores(sk_metrics.silhouette_samples, sk_metrics.adjusted_rand_score),
        Close(atol=1e-9), "closed formulas over pairwise distances and pair counts: equal to float rounding",
    ),
    Check(
        "tree_gini", ("binary", "multiclass"),
        on_training_rows(lambda s: ours.DecisionTreeClassifier(), "predict_proba"),
        on_training_rows(lambda s: sk_tree.DecisionTreeClassifier(random_state=s), "predict_proba"),
        AgreeOnShare("predict_proba", 0.97), TREE_TIES,
    ),
    Check(
        "tree_entropy_depth4", ("binary", "multiclass"),
        on_training_rows(lambda s: ours.DecisionTreeClassifier(criterion="entropy", max_depth=4), "predict_proba"),
        on_training_rows(lambda s: sk_tree.DecisionTreeClassifier(criterion="entropy", max_depth=4, random_state=s),
                         "predict_proba"),
        AgreeOnShare("predict_proba", 0.97), TREE_TIES,
    ),
    Check(
        "tree_regressor", ("regression", "friedman"),
        on_training_rows(lambda s: ours.DecisionTreeRegressor(min_samples_leaf=3), "predict"),
        on_training_rows(lambda s: sk_tree.DecisionTreeRegressor(min_samples_leaf=3, random_state=s), "predict"),
        AgreeOnShare("predict", 0.97), TREE_TIES,
    ),
    Check(
        "gradient_boosting_regressor", ("regression", "friedman"),
        on_training_rows(lambda s: ours.GradientBoostingRegressor(50), "predict"),
        on_training_rows(lambda s: sk_ensemble.GradientBoostingRegressor(n_estimators=50, random_state=s), "predict"),
        AgreeOnShare("predict", 0.97),
        TREE_TIES + "; friedman_mse and squared error pick the same splits for unit weights",
    ),
    Check(
        "gradient_boosting_classifier", ("binary",),
        on_training_rows(lambda s: ours.GradientBoostingClassifier(50), "predict_proba"),
        on_training_rows(lambda s: sk_ensemble.GradientBoostingClassifier(n_estimators=50, random_state=s),
                         "predict_proba"),
        AgreeOnShare("predict_proba", 0.97),
        TREE_TIES + "; the same prior, residuals and per-leaf Newton steps. Multi-class is checked by "
        "held-out quality only: its first-stage residuals take two values per class, so different splits "
        "tie often, and one tie changes every later stage's residuals a little",
    ),
    Check(
        "gradient_boosting_test_quality", ("binary_large", "multiclass_large"),
        fitted(lambda s: ours.GradientBoostingClassifier(50), "score"),
        fitted(lambda s: sk_ensemble.GradientBoostingClassifier(n_estimators=50, random_state=s), "score"),
        NoWorse("score", 0.03),
        "held-out accuracy: tied splits put thresholds at different places between training values, "
        "which moves a few of the 300 test rows (0.03 = 9 rows)",
    ),
    Check(
        "random_forest_classifier", ("binary_large", "multiclass_large"),
        fitted(lambda s: ours.RandomForestClassifier(100, random_state=s), "score"),
        fitted(lambda s: sk_ensemble.RandomForestClassifier(100, random_state=s), "score"),
        NoWorse("score", 0.03),
        "bootstrap samples and feature draws come from different generators: on 300 test rows accuracy "
        "varies with the seed by a standard deviation of ~0.005-0.01 on both sides, so 0.03 (~3 sigma)",
    ),
    Check(
        "random_forest_regressor", ("friedman",),
        fitted(lambda s: ours.RandomForestRegressor(100, max_features=0.5, random_state=s), "score"),
        fitted(lambda s: sk_ensemble.RandomForestRegressor(100, max_features=0.5, random_state=s), "score"),
        NoWorse("score", 0.03),
        "different bootstrap draws: held-out R^2 (~0.8) varies by ~0.01 between seeds",
    ),
    Check(
        "kfold", ("regression", "binary"),
        _folds(lambda: ours.KFold(5)), _folds(lambda: sk_selection.KFold(5)),
        Close(atol=0), "unshuffled k-fold is a fixed rule (consecutive folds, first n % k one larger)",
    ),
    Check(
        "stratified_kfold", ("binary", "multiclass", "blobs"),
        _folds(lambda: ours.StratifiedKFold(4)), _folds(lambda: sk_selection.StratifiedKFold(4)),
        Close(atol=0), "unshuffled stratified k-fold follows the same allocation scheme: identical indices",
    ),
    Check(
        "time_series_split", ("regression", "binary"),
        _folds(lambda: ours.TimeSeriesSplit(4, gap=5, max_train_size=120)),
        _folds(lambda: sk_selection.TimeSeriesSplit(4, gap=5, max_train_size=120)),
        Close(atol=0), "forward chaining is a fixed rule (test blocks at the end, gap before each, most recent "
        "training rows kept): identical indices",
    ),
    Check(
        "ks_exact", ("drift", "drift_equal"),
        _ks("ours", "exact"), _ks("scipy", "exact"),
        Close(), "the exact null distribution is a count of lattice paths: same number to rounding "
        "(statistic and p-value, all three alternatives)",
    ),
    Check(
        "ks_asymptotic", ("drift", "drift_equal"),
        _ks("ours", "asymp"), _ks("scipy", "asymp"),
        Close(), "two-sided: the one-sample Kolmogorov distribution at n = round(n1 n2 / (n1 + n2)) computed "
        "exactly (Marsaglia-Tsang-Wang) as scipy.stats.kstwo does; one-sided: Hodges' closed form",
    ),
    Check(
        "psi", ("drift", "drift_equal"),
        lambda d: {"psi": ours.psi(d.X_train[:, 0], d.X_test[:, 0])}, _psi_reference_formula,
        Close(atol=1e-12), "PSI is a closed formula; the reference spells it out bin by bin",
    ),
    Check(
        "attention", ("sequences",),
        _attention("ours"), _attention("scipy"),
        Close(atol=1e-12), "softmax(QK^T / sqrt(d_k)) V against scipy.special.softmax, with and without a causal mask",
    ),
    Check(
        "multi_head_self_attention", ("sequences",),
        _multi_head("ours"), _multi_head("loops"),
        Close(atol=1e-12), "head splitting and merging by reshapes must equal per-head loops over the same weights",
    ),
    Check(
        "optimizers", ("sequences",),
        _optimizer_paths("ours"), _optimizer_paths("sklearn"),
        Close(atol=1e-12), "the same update rules (Adam with the bias corrections folded into the step, as "
        "scikit-learn writes it): equal to float rounding after 20 steps",
    ),
    Check(
        "permutation_importance", ("binary_large",),
        _permutation_importance("ours"), _permutation_importance("sklearn"),
        Close(atol=0.025), "the shuffles come from different generators, so the means agree only up to "
        "Monte-Carlo error: per-shuffle AUC drops have sd <= 0.03 on these 300 rows, so two means of 50 "
        "shuffles differ by sd <= 0.03 * sqrt(2 / 50) = 0.006; 0.025 is 4 sd (the sds agree closer)",
    ),
    Check(
        "cosine_search", ("regression", "multiclass"),
        _cosine_search("ours"), _cosine_search("sklearn"),
        Close(atol=1e-9), "cosine is a closed formula, and with continuous features no two candidates tie, so "
        "the nearest seven are the same rows in the same order",
    ),
    Check(
        "metrics", ("scores",),
        _metric_outputs(ours), _metric_outputs(sk_metrics),
        Close(atol=1e-9), "closed-form counts: identical up to float rounding, ties in scores included",
    ),
    Check(
        "platt_scaling", ("scores", "binary"),
        _calibrator(lambda: ours.PlattScaling()), _calibrator(lambda: sk_calibration._SigmoidCalibration()),
        Close(atol=1e-6),
        "the same objective (log loss against Platt's smoothed targets) has one optimum; scikit-learn's "
        "L-BFGS stops at a gradient of 1e-6, which leaves its probabilities within 1e-6 of ours. Its "
        "private _SigmoidCalibration is what CalibratedClassifierCV(method='sigmoid') fits",
    ),
    Check(
        "platt_scaling_unsmoothed", ("scores", "binary"),
        _calibrator(lambda: ours.PlattScaling(smooth_targets=False)),
        _calibrator(lambda: sk_linear.LogisticRegression(C=np.inf, tol=1e-12, max_iter=1000)),
        Close(), EXACT + ": without smoothing, Platt scaling is unpenalised logistic regression on the score",
    ),
    Check(
        "isotonic_regression", ("scores", "binary"),
        _calibrator(lambda: ours.IsotonicRegression()),
        _calibrator(lambda: sk_isotonic.IsotonicRegression(out_of_bounds="clip")),
        Close(atol=1e-12), EXACT + " (tied scores pooled first; linear between fitted points, clipped beyond)",
    ),
    Check(
        "reliability_curve_and_brier", ("scores",),
        _reliability(ours), _reliability(sk_calibration),
        Close(atol=1e-12), "closed-form bin counts with the same bin edges (ties on an edge included) and a mean",
    ),
    Check(
        "expected_calibration_error", ("scores",),
        lambda d: {"ece": ours.expected_calibration_error(d.y_train, d.X_train[:, 0])}, _ece_formula,
        Close(atol=1e-12), "ECE is a closed formula; scikit-learn has none, so the reference spells it out bin by bin",
    ),
    Check(
        "two_proportion_z_test", ("ab_counts",),
        _z_test("ours"), _z_test("scipy"),
        Close(atol=1e-9), "a closed formula: the pooled z squared is the 2x2 chi-square statistic, to rounding",
    ),
    Check(
        "group_sequential_boundaries", ("looks",),
        _boundary_crossing("ours"), _boundary_crossing("scipy"),
        Close(atol=0.003),
        "our constants come from 200,000 simulated paths (error ~0.005 in the constant, ~0.001 in the crossing "
        "chance); SciPy integrates the multivariate normal to ~1e-4; for 2, 3 and 5 looks both boundaries "
        "must be crossed with chance 0.05 +- 0.003",
    ),
    Check(
        "ridge_and_min_norm_by_svd", ("wide", "regression", "collinear"),
        _ridge_path("ours"), _ridge_path("sklearn"),
        Close(atol=1e-6, rtol=1e-7),
        "the same closed forms (V diag(s / (s^2 + alpha)) U^T y, and the pseudo-inverse for alpha = 0, the "
        "minimum-norm solution on the wide data); relative 1e-7 for the collinear data's large coefficients",
    ),
)


# Ensembles of hundreds of trees, permutation importance over a forest, a network trained twice: a second or
# more each; the fast suite keeps one forest and one boosting check.
SLOW_CHECKS = {"random_forest_regressor", "gradient_boosting_test_quality", "permutation_importance", "mlp_classifier"}


def _cases() -> list[Any]:
    """Every check on every dataset and seed; the fast suite runs each check but the slow ones once (its
    first dataset, first seed), `--all` everything."""
    return [
        pytest.param(check, dataset, seed, id=f"{check.name}-{dataset}-{seed}",
                     marks=() if (d, seed) == (0, SEEDS[0]) and check.name not in SLOW_CHECKS else pytest.mark.slow)
        for check in REGISTRY
        for d, dataset in enumerate(check.datasets)
        for seed in SEEDS
    ]


@pytest.mark.parametrize(("check", "dataset", "seed"), _cases())
def test_model_matches_reference(check: Check, dataset: str, seed: int) -> None:
    data = DATASETS[dataset](seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mine = check.ours(data)
        theirs = check.reference(data)
    check.compare.assert_holds(mine, theirs)


def test_every_check_states_why_its_tolerance_is_enough() -> None:
    names = [check.name for check in REGISTRY]
    assert len(names) == len(set(names))
    for check in REGISTRY:
        assert len(check.why) > 20, check.name
        assert set(check.datasets) <= DATASETS.keys(), check.name
