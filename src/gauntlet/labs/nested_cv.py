"""Nested cross-validation and time-series splits: two ways a cross-validated score flatters a model.

1. Tuning and scoring on the same folds. ``datasets`` data sets of ``n_samples`` rows: two informative
   Gaussian features (P(y = 1) = sigmoid(x1 - 0.8 x2)) plus ``noise_features`` of pure noise. The model is
   k-NN with k tuned over ``candidates`` odd values (1, 3, 5, ...). Three numbers per data set:
   - non-nested: the best mean accuracy over the k grid in one stratified 5-fold CV (the score that
     picked k is reported as the estimate);
   - nested: stratified 5-fold outer CV; inside each outer training set, a stratified 5-fold inner CV
     picks k, and the outer test fold, never seen by the tuning, scores it;
   - truth: k picked by CV on all the rows, the model refitted on all of them, scored on 3,000 fresh rows.
2. Random vs time-ordered folds. ``series`` time series of 1,000 rows, then the next 300 rows as the
   future. Features: two AR(1) series (coefficient 0.9) the target depends on, and a slowly drifting one
   (coefficient 0.999) it does not depend on, like a date or a slowly changing level. Target:
   sin(2 x1) + x2 + 0.7 e, where the noise e is AR(1) with coefficient ``autocorrelation``. Model:
   k-NN regression (k = 5), scored by R^2 with 5 folds four ways (random k-fold, contiguous blocks,
   contiguous blocks with ``gap`` rows on each side of the test block dropped from training, forward
   chaining with a ``gap``), against the truth: the model fitted on the 1,000 rows, scored on the future.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import (
    KFold,
    KNeighborsRegressor,
    StratifiedKFold,
    TimeSeriesSplit,
    pairwise_distances,
    r2_score,
)
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "nested-cv",
    params=(
        Param("n_samples", "int", 100, "rows per data set in the tuning experiment", low=60, high=400),
        Param("candidates", "int", 15, "odd k values tried for k-NN (1, 3, 5, ...)", low=2, high=25),
        Param("noise_features", "int", 8, "pure-noise features next to the two informative ones", low=0, high=20),
        Param("datasets", "int", 30, "data sets in the tuning experiment", low=10, high=60),
        Param("autocorrelation", "float", 0.97, "AR(1) coefficient of the time series' noise", low=0.0, high=0.99),
        Param("gap", "int", 30, "rows dropped between training and test blocks in time-ordered CV", low=0,
              high=150),
        Param("series", "int", 12, "time series in the time-split experiment", low=3, high=30),
    ),
    notice=(
        "A cross-validated score is an estimate with noise. Picking the best of many candidates by that score "
        "picks, partly, the candidate whose noise happened to be favourable, so the winning score is biased "
        "upwards (a winner's curse): the more candidates and the smaller the data, the larger the bias. Reporting "
        "it as the model's performance is tuning and testing on the same folds.",
        "Nested cross-validation puts the whole tuning procedure inside each outer training fold; the outer test "
        "fold never influences the choice, so its score is an honest estimate of how well 'tune, then fit' "
        "works. It estimates the procedure, not one fixed k, and each outer model learns from fewer rows than "
        "the final one, so it tends to be slightly pessimistic. A held-out test set touched once does the same job "
        "when data are plentiful.",
        "Random k-fold assumes rows are exchangeable. When neighbouring rows in time share noise "
        "(autocorrelation), a randomly chosen validation row has its neighbours, with nearly the same noise, in "
        "the training set, and a flexible model scores well by matching them; in use it must predict a future "
        "whose noise it has not seen. A feature that drifts slowly lets a model find those neighbours even "
        "without a time column.",
        "Time-ordered validation keeps the future out of training: contiguous blocks, a gap (purge) around each "
        "test block so rows adjacent in time do not leak across the boundary, or forward chaining (train on the "
        "past, test on the next block), which mirrors deployment and shows how the score changes as history "
        "grows, at the cost of small training sets in its first folds.",
    ),
    takeaway=(
        "Never report the cross-validated score that chose the hyper-parameters as the model's performance: use "
        "nested cross-validation (tuning inside each outer training fold) or a test set kept out of all tuning. "
        "On time-ordered or otherwise dependent data, random k-fold leaks the future and neighbours' noise into "
        "training: validate forward in time (rolling origin, TimeSeriesSplit), leave a gap between training and "
        "test, and split by group when rows of one entity are related."
    ),
)

FOLDS = 5
POOL_ROWS = 3_000
SERIES_ROWS, FUTURE_ROWS = 1_000, 300
SERIES_K = 5
SIGNAL_WEIGHTS = np.array([1.0, -0.8])
TIME_METHODS = ("random k-fold", "contiguous blocks", "blocks with a gap", "forward chaining")
TIME_KEYS = {"random k-fold": "random", "contiguous blocks": "blocked", "blocks with a gap": "purged",
             "forward chaining": "forward"}


# --- 1. tuning and scoring on the same folds -------------------------------------------------------

def draw_classification(rng: np.random.Generator, n: int, noise_features: int) -> tuple[np.ndarray, np.ndarray]:
    """(n, 2 + noise_features) features and (n,) 0/1 labels from a logistic model of the first two."""
    X = rng.standard_normal((n, 2 + noise_features))
    p = 1.0 / (1.0 + np.exp(-(X[:, :2] @ SIGNAL_WEIGHTS)))
    return X, (rng.random(n) < p).astype(int)


def knn_accuracy_by_k(distances: np.ndarray, y_train: np.ndarray, y_test: np.ndarray, ks: np.ndarray) -> np.ndarray:
    """Accuracy of k-NN (majority of the k nearest training labels, 0/1, odd k) for every k in ``ks``.

    distances: (n_test, n_train) distances from each test row to each training row. The nearest
    max(ks) training rows are ranked once (equal distances by training-row order, as
    ``KNeighborsClassifier`` does), and each k's vote is a running count of positive labels along that
    ranking.
    """
    k_max = int(ks.max())
    if k_max < distances.shape[1]:
        nearest = np.argpartition(distances, k_max - 1, axis=1)[:, :k_max]
    else:
        nearest = np.tile(np.arange(distances.shape[1]), (len(distances), 1))
    order = np.lexsort((nearest, np.take_along_axis(distances, nearest, axis=1)), axis=1)
    ranking = np.take_along_axis(nearest, order, axis=1)
    positives = np.cumsum(y_train[ranking], axis=1)  # positives among the j + 1 nearest, for each j
    predictions = 2 * positives[:, ks - 1] > ks  # (n_test, len(ks)): the majority is positive
    return (predictions == y_test[:, None]).mean(axis=0)


def cv_accuracy_by_k(distances: np.ndarray, y: np.ndarray, rows: np.ndarray, ks: np.ndarray,
                     seed: int) -> np.ndarray:
    """Mean stratified 5-fold CV accuracy of every k, using only ``rows`` of the data set."""
    scores = [knn_accuracy_by_k(distances[np.ix_(rows[test], rows[train])], y[rows[train]], y[rows[test]], ks)
              for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(rows, y[rows])]
    return np.mean(scores, axis=0)


def tuning_experiment(rng: np.random.Generator, *, n_samples: int, ks: np.ndarray, noise_features: int,
                      X_pool: np.ndarray, y_pool: np.ndarray) -> dict:
    """Non-nested, nested and true accuracy for one data set, plus its CV and true curves over k."""
    X, y = draw_classification(rng, n_samples, noise_features)
    distances = pairwise_distances(X, X)
    everything = np.arange(n_samples)
    cv_curve = cv_accuracy_by_k(distances, y, everything, ks, int(rng.integers(2**31)))
    chosen = int(np.argmax(cv_curve))
    true_curve = knn_accuracy_by_k(pairwise_distances(X_pool, X), y, y_pool, ks)
    outer_scores, inner_choices = [], []
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=int(rng.integers(2**31))).split(X, y):
        inner = cv_accuracy_by_k(distances, y, train, ks, int(rng.integers(2**31)))
        pick = int(np.argmax(inner))
        inner_choices.append(int(ks[pick]))
        outer_scores.append(knn_accuracy_by_k(distances[np.ix_(test, train)], y[train], y[test], ks[[pick]])[0])
    return {"non_nested": float(cv_curve[chosen]), "nested": float(np.mean(outer_scores)),
            "truth": float(true_curve[chosen]), "chosen_k": int(ks[chosen]), "inner_choices": inner_choices,
            "cv_curve": cv_curve, "true_curve": true_curve, "best_true": float(true_curve.max())}


# --- 2. random vs time-ordered folds ----------------------------------------------------------------

def ar1(rng: np.random.Generator, n: int, coefficient: float, burn_in: int = 500) -> np.ndarray:
    """(n,) stationary AR(1) series with unit variance: x_t = c x_(t-1) + sqrt(1 - c^2) e_t."""
    shocks = rng.standard_normal(n + burn_in) * np.sqrt(1 - coefficient**2)
    values = np.empty(n + burn_in)
    values[0] = rng.standard_normal()
    for t in range(1, n + burn_in):
        values[t] = coefficient * values[t - 1] + shocks[t]
    return values[burn_in:]


def draw_series(rng: np.random.Generator, n: int, autocorrelation: float) -> tuple[np.ndarray, np.ndarray]:
    """(n, 3) features in time order (two that matter, one slow drift that does not) and (n,) targets."""
    x1, x2, drift = ar1(rng, n, 0.9), ar1(rng, n, 0.9), ar1(rng, n, 0.999)
    noise = ar1(rng, n, autocorrelation)
    return np.column_stack([x1, x2, drift]), np.sin(2 * x1) + x2 + 0.7 * noise


def blocks_with_gap(n: int, gap: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Contiguous k-fold blocks; training rows within ``gap`` of the test block are dropped (purged)."""
    for train, test in KFold(FOLDS).split(n):
        near = (train >= test.min() - gap) & (train <= test.max() + gap)
        yield train[~near], test


def time_splits(n: int, gap: int, seed: int) -> dict[str, Iterable[tuple[np.ndarray, np.ndarray]]]:
    return {
        "random k-fold": KFold(FOLDS, shuffle=True, random_state=seed).split(n),
        "contiguous blocks": KFold(FOLDS).split(n),
        "blocks with a gap": blocks_with_gap(n, gap),
        "forward chaining": TimeSeriesSplit(FOLDS, gap=gap).split(n),
    }


def cv_r2(X: np.ndarray, y: np.ndarray, splits: Iterable[tuple[np.ndarray, np.ndarray]]) -> float:
    scores = [r2_score(y[test], KNeighborsRegressor(SERIES_K).fit(X[train], y[train]).predict(X[test]))
              for train, test in splits]
    return float(np.mean(scores))


def time_experiment(rng: np.random.Generator, *, autocorrelation: float, gap: int) -> dict:
    X, y = draw_series(rng, SERIES_ROWS + FUTURE_ROWS, autocorrelation)
    X_dev, y_dev, X_future, y_future = X[:SERIES_ROWS], y[:SERIES_ROWS], X[SERIES_ROWS:], y[SERIES_ROWS:]
    seed = int(rng.integers(2**31))
    estimates = {name: cv_r2(X_dev, y_dev, splits)
                 for name, splits in time_splits(SERIES_ROWS, gap, seed).items()}
    truth = r2_score(y_future, KNeighborsRegressor(SERIES_K).fit(X_dev, y_dev).predict(X_future))
    return {"estimates": estimates, "truth": float(truth), "y": y, "seed": seed}


def run(seed: int, progress: ProgressFn = no_progress, *, n_samples: int, candidates: int, noise_features: int,
        datasets: int, autocorrelation: float, gap: int, series: int) -> LabResult:
    rng = np.random.default_rng(seed)
    # every candidate k must fit in the smallest inner training set (about 0.8 * 0.8 * n_samples rows)
    ks = np.arange(1, 2 * candidates, 2)
    ks = ks[ks <= int(0.6 * n_samples)]
    X_pool, y_pool = draw_classification(rng, POOL_ROWS, noise_features)
    tuning = []
    for d in range(datasets):
        tuning.append(tuning_experiment(rng, n_samples=n_samples, ks=ks, noise_features=noise_features,
                                        X_pool=X_pool, y_pool=y_pool))
        progress(d + 1, datasets + series)
    timing = []
    for s in range(series):
        timing.append(time_experiment(rng, autocorrelation=autocorrelation, gap=gap))
        progress(datasets + s + 1, datasets + series)

    non_nested = np.array([t["non_nested"] for t in tuning])
    nested = np.array([t["nested"] for t in tuning])
    truth = np.array([t["truth"] for t in tuning])
    numbers: dict[str, Scalar] = {
        "k_candidates": len(ks),
        "non_nested_mean": float(non_nested.mean()),
        "nested_mean": float(nested.mean()),
        "truth_mean": float(truth.mean()),
        "non_nested_bias": float(np.mean(non_nested - truth)),
        "nested_bias": float(np.mean(nested - truth)),
        "non_nested_bias_se": float(np.std(non_nested - truth, ddof=1) / np.sqrt(datasets)),
        "nested_bias_se": float(np.std(nested - truth, ddof=1) / np.sqrt(datasets)),
        "non_nested_above_truth_share": float(np.mean(non_nested > truth)),
        "nested_above_truth_share": float(np.mean(nested > truth)),
        "non_nested_rmse": float(np.sqrt(np.mean((non_nested - truth) ** 2))),
        "nested_rmse": float(np.sqrt(np.mean((nested - truth) ** 2))),
        "chosen_k_truth_below_best_true": float(np.mean([t["best_true"] - t["truth"] for t in tuning])),
    }
    time_truth = np.array([t["truth"] for t in timing])
    numbers["time_truth_mean"] = float(time_truth.mean())
    for method in TIME_METHODS:
        values = np.array([t["estimates"][method] for t in timing])
        key = TIME_KEYS[method]
        numbers[f"time_{key}_mean"] = float(values.mean())
        numbers[f"time_{key}_bias"] = float(np.mean(values - time_truth))
        numbers[f"time_{key}_bias_se"] = float(np.std(values - time_truth, ddof=1) / np.sqrt(series))
        numbers[f"time_{key}_above_truth_share"] = float(np.mean(values > time_truth))

    tables = [
        ResultTable(f"Accuracy estimates over {datasets} data sets of {n_samples} rows (k-NN, {len(ks)} k values)",
                    ["estimate", "mean", "mean minus truth", "its standard error", "share above truth", "RMSE"],
                    [["non-nested (best CV score)", numbers["non_nested_mean"], numbers["non_nested_bias"],
                      numbers["non_nested_bias_se"], numbers["non_nested_above_truth_share"],
                      numbers["non_nested_rmse"]],
                     ["nested CV", numbers["nested_mean"], numbers["nested_bias"], numbers["nested_bias_se"],
                      numbers["nested_above_truth_share"], numbers["nested_rmse"]],
                     [f"truth ({POOL_ROWS:,} fresh rows)", numbers["truth_mean"], 0.0, None, None, None]]),
        ResultTable(f"R^2 estimates over {series} series (noise autocorrelation {autocorrelation:g}, gap {gap})",
                    ["validation", "mean R^2", "mean minus future R^2", "its standard error", "share above future"],
                    [[m, numbers[f"time_{TIME_KEYS[m]}_mean"], numbers[f"time_{TIME_KEYS[m]}_bias"],
                      numbers[f"time_{TIME_KEYS[m]}_bias_se"], numbers[f"time_{TIME_KEYS[m]}_above_truth_share"]]
                     for m in TIME_METHODS] + [["future (next 300 rows)", numbers["time_truth_mean"], 0.0, None,
                                                None]]),
    ]
    notices = _notices(numbers, datasets=datasets, series=series, autocorrelation=autocorrelation, gap=gap)
    figures = {
        "tuning_bias": lambda: _tuning_figure(ks, tuning),
        "time_splits": lambda: _time_figure(timing, gap),
    }
    return LabResult("nested-cv", seed, numbers=numbers, tables=tables, notices=notices, figures=figures)


def _bias_phrase(bias: float, se: float) -> str:
    """How a mean error compares with its own standard error, in words."""
    if abs(bias) <= 2 * se:
        return f"within 2 standard errors ({se:.3f}) of zero"
    return f"{'above' if bias > 0 else 'below'} zero by more than 2 standard errors ({se:.3f})"


def _notices(n: dict, *, datasets: int, series: int, autocorrelation: float, gap: int) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    out = [f"Tuning k over {n['k_candidates']} values and reporting the winning CV score overstated the tuned "
           f"model's accuracy by {n['non_nested_bias']:+.3f} on average "
           f"({_bias_phrase(n['non_nested_bias'], n['non_nested_bias_se'])}), "
           f"and was above the truth on {n['non_nested_above_truth_share']:.0%} of {datasets} data sets. Nested CV "
           f"was off by {n['nested_bias']:+.3f} ({_bias_phrase(n['nested_bias'], n['nested_bias_se'])})."]
    if n["nested_bias"] < 0 and abs(n["nested_bias"]) > 2 * n["nested_bias_se"]:
        out[-1] += (" It leans pessimistic: its outer models tune and learn on four fifths of the rows, the final "
                    "model on all of them.")
    out.append(f"The k that CV picked was itself {n['chosen_k_truth_below_best_true']:.3f} below the best true "
               f"accuracy on the grid, on average: the same noise that inflates the winning score also misleads the "
               f"choice.")
    random_bias, random_se = n["time_random_bias"], n["time_random_bias_se"]
    time_text = (f"On {series} autocorrelated series (noise coefficient {autocorrelation:g}), random k-fold estimated "
                 f"R^2 {n['time_random_mean']:.3f} against {n['time_truth_mean']:.3f} on the future: off by "
                 f"{random_bias:+.3f} ({_bias_phrase(random_bias, random_se)}).")
    parts = [f"{name} {n[f'time_{TIME_KEYS[name]}_bias']:+.3f}" for name in TIME_METHODS[1:]]
    time_text += f" Time-ordered validation (gap {gap} rows where used) was off by: {', '.join(parts)}."
    honest = [name for name in TIME_METHODS[1:] if abs(n[f"time_{TIME_KEYS[name]}_bias"]) < abs(random_bias)]
    if honest and random_bias > 0:
        time_text += f" Closer to the future than random folds: {', '.join(honest)}."
    out.append(time_text)
    forward = n["time_forward_bias"]
    if forward < 0 and abs(forward) > 2 * n["time_forward_bias_se"]:
        sizes = [len(train) for train, _ in TimeSeriesSplit(FOLDS, gap=gap).split(SERIES_ROWS)]
        out.append(f"Forward chaining came out pessimistic ({forward:+.3f}): its folds train on "
                   f"{', '.join(map(str, sizes))} rows, the final model on all {SERIES_ROWS:,}.")
    return out


def _tuning_figure(ks, tuning):
    fig, (ax1, ax2) = new_figure(2, 1, width=6.0, height=4.6, title="Tuning and scoring on the same folds")
    example = tuning[0]
    ax1.plot(ks, example["cv_curve"], "o-", color=COLOURS[1], label="5-fold CV accuracy (what tuning sees)")
    ax1.plot(ks, example["true_curve"], "s-", color=COLOURS[0], label=f"true accuracy ({POOL_ROWS:,} fresh rows)")
    chosen = int(np.flatnonzero(ks == example["chosen_k"])[0])
    ax1.annotate("", xy=(ks[chosen], example["true_curve"][chosen]), xytext=(ks[chosen], example["cv_curve"][chosen]),
                 arrowprops={"arrowstyle": "->", "color": COLOURS[3], "lw": 2})
    ax1.plot([ks[chosen]], [example["cv_curve"][chosen]], "*", color=COLOURS[3], ms=14,
             label=f"picked k = {example['chosen_k']}: reported vs real")
    ax1.set_xlabel("k (neighbours)")
    ax1.set_ylabel("accuracy")
    above = example["cv_curve"][chosen] > example["true_curve"][chosen]
    ax1.set_title("One data set: the best CV score sits above its truth" if above
                  else "One data set: the best CV score and its truth")
    ax1.legend(fontsize=8)
    errors = [np.array([t["non_nested"] - t["truth"] for t in tuning]),
              np.array([t["nested"] - t["truth"] for t in tuning])]
    ax2.boxplot(errors)
    for i, values in enumerate(errors, start=1):
        jitter = np.linspace(-0.12, 0.12, len(values))
        ax2.plot(i + jitter, values, ".", color=COLOURS[1] if i == 1 else COLOURS[2], alpha=0.6)
    ax2.axhline(0, color="k", ls="--", lw=1)
    ax2.set_xticks([1, 2], ["best CV score\n(non-nested)", "nested CV"])
    ax2.set_xlabel("estimate")
    ax2.set_ylabel("estimate minus true accuracy")
    ax2.set_title(f"Over {len(tuning)} data sets")
    return fig


def _time_figure(timing, gap):
    fig, axes = new_figure(3, 1, width=4.8, height=4.4, title="Validating on autocorrelated time series")
    ax1, ax2, ax3 = axes
    y = timing[0]["y"]
    ax1.plot(np.arange(SERIES_ROWS), y[:SERIES_ROWS], color=COLOURS[0], lw=0.7, label="history (CV runs here)")
    ax1.plot(np.arange(SERIES_ROWS, len(y)), y[SERIES_ROWS:], color=COLOURS[3], lw=0.7, label="future (the truth)")
    ax1.set_xlabel("time step")
    ax1.set_ylabel("target")
    ax1.set_title("One series")
    ax1.legend(fontsize=8)
    for row, splits in enumerate(time_splits(SERIES_ROWS, gap, timing[0]["seed"]).values()):
        train, test = list(splits)[3]  # the fourth fold of each scheme
        ax2.plot(train, np.full(len(train), row), "|", color=COLOURS[0], ms=9)
        ax2.plot(test, np.full(len(test), row), "|", color=COLOURS[3], ms=9)
    ax2.set_yticks(range(len(TIME_METHODS)), TIME_METHODS, fontsize=8)
    ax2.invert_yaxis()
    ax2.set_xlabel("time step (blue: train, red: validate)")
    ax2.set_ylabel("scheme")
    ax2.set_title("The fourth fold of each scheme")
    truth = np.array([t["truth"] for t in timing])
    for i, name in enumerate(TIME_METHODS):
        errors = np.array([t["estimates"][name] for t in timing]) - truth
        ax3.plot(np.full(len(errors), i) + np.linspace(-0.15, 0.15, len(errors)), errors, "o", color=COLOURS[i],
                 alpha=0.7)
        ax3.plot([i - 0.25, i + 0.25], [errors.mean()] * 2, color="k", lw=2)
    ax3.axhline(0, color="k", ls="--", lw=1)
    ax3.set_xticks(range(len(TIME_METHODS)), [m.replace(" ", "\n", 1) for m in TIME_METHODS], fontsize=8)
    ax3.set_xlabel("validation scheme (bar: mean)")
    ax3.set_ylabel("CV R^2 minus future R^2")
    ax3.set_title(f"Over {len(timing)} series")
    return fig
