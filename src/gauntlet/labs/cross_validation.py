"""Cross-validation vs a single train/test split: how much does the accuracy estimate move?

Data: 5 Gaussian features, labels from a logistic model on three of them (Bayes accuracy about
0.8). The model is logistic regression. Because the data come from a simulator, the true
accuracy of a model is measured on 20,000 fresh rows: the number every estimate is trying to hit.

Two experiments:

1. Same data, different splits: one data set of ``n_samples`` rows, scored ``repeats`` times by a
   random 80/20 split and ``repeats`` times by k-fold CV with a different shuffle each time.
2. Different data sets: ``datasets`` fresh data sets, each scored once by each method and
   compared with the true accuracy of the model trained on all of that data set.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import KFold, LogisticRegression, train_test_split
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "cross-validation",
    params=(
        Param("n_samples", "int", 200, "rows in each data set", low=50, high=2000),
        Param("k", "int", 5, "folds in k-fold cross-validation", low=2, high=20),
        Param("repeats", "int", 50, "splits (or reshuffled k-folds) of the same data set", low=10, high=500),
        Param("datasets", "int", 40, "fresh data sets for the error-vs-truth comparison", low=10, high=300),
    ),
    notice=(
        "One 80/20 split scores the model on a fifth of the rows, so its accuracy is a proportion from a small "
        "sample (binomial sd about sqrt(p(1-p)/n_test)), and which rows trained the model changes too: with a "
        "few hundred rows, two splits of the same data can disagree by ten points or more.",
        "k-fold cross-validation tests every row exactly once and averages over all of them, so it moves far "
        "less from one shuffle to the next. It does not behave like k independent test sets, though: the fold "
        "scores are correlated (their training sets overlap and they share one data set), so its error against "
        "the truth shrinks less than averaging k independent estimates would.",
        "Its spread across reshuffles understates the real uncertainty. Across fresh data sets k-fold's error "
        "against the true accuracy is larger than that spread, because the luck of the data set itself is "
        "shared by every split of it. There is no unbiased estimator of k-fold's variance (Bengio & Grandvalet, "
        "2004): report a spread across folds or repeats, but treat it as optimistic.",
        "Each fold's model is trained on (k-1)/k of the rows, so k-fold estimates the accuracy of a slightly "
        "smaller training set: slightly pessimistic for the final model refitted on all the data.",
    ),
    takeaway=(
        "Prefer k-fold (k = 5 or 10, repeated if it is cheap) to a single split when data are limited: every row "
        "is used for both training and testing and the estimate is far less at the mercy of one lucky or unlucky "
        "split. Keep a final untouched test set for the chosen model, split by group or by time when rows are "
        "not independent (users, sessions, time series), fit preprocessing inside each fold, and quote the score "
        "with its spread, knowing the spread is optimistic."
    ),
)

N_FEATURES = 5
TRUE_WEIGHTS = np.array([1.2, -1.0, 0.8, 0.0, 0.0])
POOL_SIZE = 20_000
TEST_FRACTION = 0.2


def draw(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    X = rng.standard_normal((n, N_FEATURES))
    p = 1.0 / (1.0 + np.exp(-(X @ TRUE_WEIGHTS + 0.3)))
    return X, (rng.random(n) < p).astype(int)


def single_split_score(X, y, seed: int) -> float:
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=TEST_FRACTION, random_state=seed)
    return LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te)


def kfold_score(X, y, k: int, seed: int) -> float:
    """Accuracy over all rows, each predicted by the model that did not see it (pooled over folds)."""
    correct = 0
    for train, test in KFold(k, shuffle=True, random_state=seed).split(X):
        correct += int(np.sum(LogisticRegression().fit(X[train], y[train]).predict(X[test]) == y[test]))
    return correct / len(y)


def run(seed: int, progress: ProgressFn = no_progress, *, n_samples: int, k: int, repeats: int,
        datasets: int) -> LabResult:
    rng = np.random.default_rng(seed)
    X_pool, y_pool = draw(rng, POOL_SIZE)
    X, y = draw(rng, n_samples)
    total = 2 * repeats + datasets
    split_seeds = rng.integers(0, 2**31, size=(2, repeats))
    single_scores, kfold_scores = [], []
    for r in range(repeats):
        single_scores.append(single_split_score(X, y, int(split_seeds[0, r])))
        progress(r + 1, total)
    for r in range(repeats):
        kfold_scores.append(kfold_score(X, y, k, int(split_seeds[1, r])))
        progress(repeats + r + 1, total)
    single, kfold = np.array(single_scores), np.array(kfold_scores)
    truth_here = LogisticRegression().fit(X, y).score(X_pool, y_pool)

    single_errors, kfold_errors = [], []
    for d in range(datasets):
        Xd, yd = draw(rng, n_samples)
        truth = LogisticRegression().fit(Xd, yd).score(X_pool, y_pool)
        split_seed = int(rng.integers(0, 2**31))
        single_errors.append(single_split_score(Xd, yd, split_seed) - truth)
        kfold_errors.append(kfold_score(Xd, yd, k, split_seed) - truth)
        progress(2 * repeats + d + 1, total)
    single_err, kfold_err = np.array(single_errors), np.array(kfold_errors)

    n_test = int(np.ceil(TEST_FRACTION * n_samples))
    numbers = {
        "true_accuracy_of_this_model": truth_here,
        "single_split_mean": single.mean(),
        "single_split_sd": single.std(ddof=1),
        "single_split_min": single.min(),
        "single_split_max": single.max(),
        "binomial_sd_of_one_test_set": float(np.sqrt(truth_here * (1 - truth_here) / n_test)),
        "kfold_mean": kfold.mean(),
        "kfold_sd": kfold.std(ddof=1),
        "sd_ratio_single_over_kfold": single.std(ddof=1) / kfold.std(ddof=1),
        "single_split_rmse_vs_truth": float(np.sqrt(np.mean(single_err**2))),
        "kfold_rmse_vs_truth": float(np.sqrt(np.mean(kfold_err**2))),
        "kfold_mean_error_vs_truth": kfold_err.mean(),
    }
    table = ResultTable(
        f"Accuracy estimates ({n_samples} rows; truth from {POOL_SIZE:,} fresh rows)",
        ["method", "same data: mean", "same data: sd across splits", "new data sets: RMSE vs truth",
         "new data sets: mean error"],
        [["single 80/20 split", single.mean(), single.std(ddof=1), numbers["single_split_rmse_vs_truth"],
          single_err.mean()],
         [f"{k}-fold CV", kfold.mean(), kfold.std(ddof=1), numbers["kfold_rmse_vs_truth"], kfold_err.mean()]],
    )
    notices = [
        f"On one data set, {repeats} random 80/20 splits gave accuracies from {single.min():.3f} to "
        f"{single.max():.3f} (sd {numbers['single_split_sd']:.3f}; a test set of {n_test} rows alone gives a "
        f"binomial sd of {numbers['binomial_sd_of_one_test_set']:.3f}). Reshuffled {k}-fold CV: sd "
        f"{numbers['kfold_sd']:.3f}, {numbers['sd_ratio_single_over_kfold']:.1f}x narrower.",
        f"The true accuracy of the model fitted on that data set is {truth_here:.3f}.",
        f"Across {datasets} fresh data sets the error against the truth is {numbers['kfold_rmse_vs_truth']:.3f} "
        f"(RMSE) for {k}-fold and {numbers['single_split_rmse_vs_truth']:.3f} for one split; k-fold's RMSE is "
        f"{numbers['kfold_rmse_vs_truth'] / numbers['kfold_sd']:.1f}x its spread across reshuffles.",
    ]
    figures = {"estimates": lambda: _figure(single, kfold, truth_here, single_err, kfold_err, k)}
    return LabResult("cross-validation", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


def _figure(single, kfold, truth, single_err, kfold_err, k):
    fig, (ax1, ax2) = new_figure(2, 1, width=6.0, title="How far an accuracy estimate moves")
    bins = np.linspace(min(single.min(), kfold.min()) - 0.01, max(single.max(), kfold.max()) + 0.01, 30)
    ax1.hist(single, bins=bins, alpha=0.6, color=COLOURS[1], label="single 80/20 split")
    ax1.hist(kfold, bins=bins, alpha=0.8, color=COLOURS[0], label=f"{k}-fold CV (reshuffled)")
    ax1.axvline(truth, color="k", ls="--", label="true accuracy")
    ax1.set_xlabel("estimated accuracy")
    ax1.set_ylabel("number of splits")
    ax1.set_title("Same data set, different random splits")
    ax1.legend(fontsize=8)
    ax2.boxplot([single_err, kfold_err])
    ax2.set_xticks([1, 2], ["single split", f"{k}-fold CV"])
    ax2.axhline(0, color="k", ls="--", lw=1)
    ax2.set_ylabel("estimate - true accuracy")
    ax2.set_xlabel("method")
    ax2.set_title("Fresh data sets: error against the truth")
    return fig
