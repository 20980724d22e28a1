"""Data leakage: six ways a validation score learns what the model will not know in use.

Each scenario builds a development set, estimates the model's score by k-fold cross-validation twice
(the leaky protocol, then the honest one), and then trains the final model on the whole development
set and scores it on fresh data drawn the way it will meet data in use ("new data"). A validation
protocol is honest when its estimate matches the new-data score up to noise.

1. Scaling before the split. Five features in wildly different units, k-NN (k = 15). Leaky:
   standardise with the mean and standard deviation of all rows, then cross-validate. Honest: fit
   the scaler inside each training fold. Metric: accuracy.
2. Feature selection before the split. 100 rows, ``candidate_features`` features of pure noise and
   random labels: nothing can be learned. Keep the 20 features most correlated with the label, then
   logistic regression. Leaky: select on all rows; honest: select inside each training fold.
   Metric: accuracy (any honest estimate is about 0.5).
3. SMOTE before the split. 1,000 rows, 5% positive, k-NN (k = 5). Leaky: oversample the whole set
   with SMOTE to balance it, then cross-validate on the result. Honest: oversample each training
   fold only, and validate on original rows. Metric: F1 of the positive class.
4. Target leakage. A churn-style problem (20% positive) with four honest features and one
   recorded after the outcome (calls to the cancellation line in the month before churning: a
   Poisson count with mean 3 for churners, 0.2 for the others). At prediction time that month has
   not happened, so in new data the column has mean 0.2 for everyone. Leaky: logistic regression
   with the column; honest: without it. Metric: ROC AUC; both models are scored on new data.
5. Duplicates across splits. Each customer appears ``copies`` times (records that differ by small
   noise, one label per customer; the label is a noisy function of the features). k-NN (k = 3).
   Leaky: rows split at random, so copies of a validation customer sit in training; honest: all of a
   customer's rows in one fold (group k-fold). New data: 5,000 new customers. Metric: accuracy. The same
   two protocols also choose k for k-NN.
6. Random split on time-ordered data. 1,000 days of 10 rows, two features; the target's
   relationship to them drifts: the true weight vector (length 2) turns from the first feature
   towards the second, through ``drift`` radians over 1,200 days. Linear regression. Leaky: random
   folds of rows; honest: forward chaining (cut the days into folds + 1 blocks, validate each block
   with a model of every day before it) and report the last block, the most like deployment (its
   standard error by resampling its rows). New data: the next 200 days. Metric: R^2.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import (
    SMOTE,
    KNeighborsClassifier,
    LinearRegression,
    LogisticRegression,
    accuracy_score,
    f1_score,
    r2_score,
    roc_auc_score,
)
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "leakage",
    params=(
        Param("folds", "int", 5, "k of every k-fold cross-validation", low=3, high=10),
        Param("copies", "int", 4, "rows per customer in the duplicates scenario (1: no duplicates)", low=1,
              high=10),
        Param("drift", "float", 2.0, "angle (radians) the true weights turn through over the 1,200 days of the time "
              "scenario (0: no drift)", low=0.0, high=3.0),
        Param("candidate_features", "int", 2000, "noise features to select from in the feature-selection scenario",
              low=50, high=5000),
    ),
    notice=(
        "Leakage is any way information reaches training or validation that the model will not have when it "
        "predicts in use. Its symptom is a validation score better than the score on genuinely new data; an "
        "honest protocol's estimate comes much closer to that new-data score (up to noise, and, on drifting data, "
        "up to the drift still to come).",
        "A preprocessing step fitted on all rows before the split leaks what it learns. Scaling learns only "
        "each column's mean and spread, not the labels, so the leak is usually too small to measure; steps "
        "that learn from the labels (feature selection, target encoding, SMOTE) leak far more. The rule is the "
        "same for all of them: fit every step inside the training fold, as one pipeline.",
        "Feature selection on all rows finds columns that happen to match the labels of the validation rows "
        "too: with many candidate features and few rows it produces a high score from pure noise.",
        "SMOTE before the split puts synthetic points built from each validation positive into training, and "
        "synthetic points (easy to classify: they lie between real positives) into validation.",
        "Target leakage is a feature recorded after the outcome, or caused by it. Cross-validation cannot "
        "catch it, because the leaky column is there in every fold; ask of each feature whether it is known at "
        "the moment of prediction, and be suspicious of one feature that is too good.",
        "Duplicates and near-duplicates across splits (the same customer, patient, image or document twice) let "
        "a flexible model be graded on rows it has memorised. Split by the entity (group k-fold), and "
        "deduplicate before splitting.",
        "On time-ordered data a random split lets the model learn from the days around each validation day, "
        "including later ones; in use it only has the past. Validate forward in time (train on the past, "
        "validate on the block after it), with a gap when features look back over a window.",
        "Leakage also picks the wrong model: a protocol that rewards memorising favours the models that memorise "
        "most.",
    ),
    takeaway=(
        "Leakage makes validation optimistic: preprocessing fitted before the split (worst for steps that use "
        "the labels, such as feature selection, target encoding and SMOTE), features recorded after the outcome, "
        "the same entity in training and validation, and random splits of time-ordered data. Fit every step "
        "inside the training folds as one pipeline, ask of each feature whether it exists at prediction time, "
        "split by entity and by time as the model will be used, and treat a score that looks too good as a bug "
        "until a clean holdout confirms it."
    ),
)

N_NEW = 20_000
SAME = 0.01  # estimates closer than this (or than their noise) "agree"


@dataclass
class Outcome:
    """One scenario's estimates and new-data score (plus a second one when the honest model differs)."""

    key: str
    title: str
    metric: str
    leaky_estimate: Estimate
    honest_estimate: Estimate
    new: float
    honest_new: float | None = None

    @property
    def leaky(self) -> float:
        return self.leaky_estimate.mean

    @property
    def honest(self) -> float:
        return self.honest_estimate.mean


def random_folds(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    """A fold id in [0, k) for each of ``n`` rows, in random order, fold sizes differing by at most one."""
    return rng.permutation(np.arange(n) % k)


def stratified_folds(rng: np.random.Generator, y: np.ndarray, k: int) -> np.ndarray:
    """Fold ids with each class spread evenly over the folds."""
    folds = np.empty(len(y), dtype=int)
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        folds[rng.permutation(members)] = np.arange(len(members)) % k
    return folds


@dataclass(frozen=True)
class Estimate:
    """A cross-validated score: the mean over folds and its standard error (fold spread / sqrt(folds))."""

    mean: float
    se: float

    @classmethod
    def of(cls, scores: list[float]) -> Estimate:
        return cls(float(np.mean(scores)), float(np.std(scores, ddof=1) / np.sqrt(len(scores))))


def cross_validate(folds: np.ndarray, fit_score: Callable[[np.ndarray, np.ndarray], float]) -> Estimate:
    """``fit_score(train_rows, validation_rows)`` over the folds: its mean and standard error."""
    return Estimate.of([fit_score(np.flatnonzero(folds != f), np.flatnonzero(folds == f)) for f in np.unique(folds)])


def standardise(X_fit: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    """Each array scaled by the column means and standard deviations of ``X_fit``."""
    mean, std = X_fit.mean(axis=0), X_fit.std(axis=0)
    return [(X - mean) / std for X in (X_fit, *others)]


# --- 1. scaling before the split ---------------------------------------------------------------

UNITS = np.array([1.0, 1000.0, 0.01, 50.0, 1e5])  # the features' scales: grams, kilometres, ...


def _scaling_data(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    y = rng.permutation(np.arange(n) % 2)
    X = rng.standard_normal((n, 5)) + y[:, None] * np.array([1.0, 0.8, 0.6, 0.0, 0.0])
    return X * UNITS, y


def scaling_scenario(rng: np.random.Generator, folds: int) -> Outcome:
    X, y = _scaling_data(rng, 500)
    X_new, y_new = _scaling_data(rng, N_NEW)

    def score(X_train, y_train, X_val, y_val):
        return accuracy_score(y_val, KNeighborsClassifier(15).fit(X_train, y_train).predict(X_val))

    fold = random_folds(rng, len(y), folds)
    (X_all,) = standardise(X)
    leaky = cross_validate(fold, lambda tr, va: score(X_all[tr], y[tr], X_all[va], y[va]))
    honest = cross_validate(fold, lambda tr, va: score(*_pair(standardise(X[tr], X[va]), y[tr], y[va])))
    new = score(*_pair(standardise(X, X_new), y, y_new))
    return Outcome("scaling", "Scaling before the split", "accuracy", leaky, honest, new)


def _pair(scaled: list[np.ndarray], y_train: np.ndarray, y_val: np.ndarray):
    return scaled[0], y_train, scaled[1], y_val


# --- 2. feature selection before the split -----------------------------------------------------

N_SELECTION_ROWS = 100
N_SELECTED = 20


def top_correlated(X: np.ndarray, y: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` columns of X with the largest |Pearson correlation| with y."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    correlation = (Xc.T @ yc) / (np.sqrt((Xc * Xc).sum(axis=0)) * np.sqrt(yc @ yc))
    return np.argsort(-np.abs(correlation), kind="stable")[:k]


def selection_scenario(rng: np.random.Generator, folds: int, candidates: int) -> Outcome:
    X = rng.standard_normal((N_SELECTION_ROWS, candidates))
    y = rng.permutation(np.arange(N_SELECTION_ROWS) % 2)
    y_new = rng.integers(0, 2, N_NEW)

    def score(columns, train, X_val, y_val):
        model = LogisticRegression().fit(X[np.ix_(train, columns)], y[train])
        return accuracy_score(y_val, model.predict(X_val))

    fold = stratified_folds(rng, y, folds)
    chosen = top_correlated(X, y, N_SELECTED)
    leaky = cross_validate(fold, lambda tr, va: score(chosen, tr, X[np.ix_(va, chosen)], y[va]))

    def honest_fold(tr, va):
        columns = top_correlated(X[tr], y[tr], N_SELECTED)
        return score(columns, tr, X[np.ix_(va, columns)], y[va])

    honest = cross_validate(fold, honest_fold)
    # new rows are noise too: only the chosen columns are needed to score them
    new = score(chosen, np.arange(N_SELECTION_ROWS), rng.standard_normal((N_NEW, N_SELECTED)), y_new)
    return Outcome("selection", "Feature selection before the split", "accuracy", leaky, honest, new)


# --- 3. SMOTE before the split -----------------------------------------------------------------

SMOTE_SHIFT = np.array([1.2, 0.8, 0.0, 0.0])


def _smote_data(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    n_pos = int(round(0.05 * n))
    y = rng.permutation(np.r_[np.ones(n_pos, dtype=int), np.zeros(n - n_pos, dtype=int)])
    return rng.standard_normal((n, 4)) + y[:, None] * SMOTE_SHIFT, y


def smote_scenario(rng: np.random.Generator, folds: int) -> Outcome:
    X, y = _smote_data(rng, 1000)
    X_new, y_new = _smote_data(rng, N_NEW)

    def oversample(X_part, y_part):
        return SMOTE(random_state=int(rng.integers(2**31))).fit_resample(X_part, y_part)

    def score(X_train, y_train, X_val, y_val):
        return f1_score(y_val, KNeighborsClassifier(5).fit(X_train, y_train).predict(X_val))

    X_big, y_big = oversample(X, y)
    leaky = cross_validate(stratified_folds(rng, y_big, folds),
                           lambda tr, va: score(X_big[tr], y_big[tr], X_big[va], y_big[va]))

    def honest_fold(tr: np.ndarray, va: np.ndarray) -> float:
        X_train, y_train = oversample(X[tr], y[tr])
        return score(X_train, y_train, X[va], y[va])

    honest = cross_validate(stratified_folds(rng, y, folds), honest_fold)
    new = score(X_big, y_big, X_new, y_new)
    return Outcome("smote", "SMOTE before the split", "F1 (positives)", leaky, honest, new)


# --- 4. target leakage -------------------------------------------------------------------------

CHURN_SHIFT = np.array([0.8, 0.6, 0.4, 0.0])


def _churn_data(rng: np.random.Generator, n: int, *, after_outcome: bool) -> tuple[np.ndarray, np.ndarray]:
    """Four honest features and the cancellation-line calls; ``after_outcome=False`` is the data at
    prediction time, when nobody has called yet because of a churn still to come."""
    n_pos = int(round(0.2 * n))
    y = rng.permutation(np.r_[np.ones(n_pos, dtype=int), np.zeros(n - n_pos, dtype=int)])
    X = rng.standard_normal((n, 4)) + y[:, None] * CHURN_SHIFT
    calls = rng.poisson(np.where((y == 1) & after_outcome, 3.0, 0.2))
    return np.column_stack([X, calls]), y


def target_scenario(rng: np.random.Generator, folds: int) -> Outcome:
    X, y = _churn_data(rng, 1000, after_outcome=True)
    X_new, y_new = _churn_data(rng, N_NEW, after_outcome=False)
    honest_columns = slice(0, 4)

    def score(columns, X_train, y_train, X_val, y_val):
        model = LogisticRegression().fit(X_train[:, columns], y_train)
        return roc_auc_score(y_val, model.predict_proba(X_val[:, columns])[:, 1])

    every = slice(None)
    fold = stratified_folds(rng, y, folds)
    leaky = cross_validate(fold, lambda tr, va: score(every, X[tr], y[tr], X[va], y[va]))
    honest = cross_validate(fold, lambda tr, va: score(honest_columns, X[tr], y[tr], X[va], y[va]))
    return Outcome("target", "Target leakage", "ROC AUC", leaky, honest, score(every, X, y, X_new, y_new),
                   honest_new=score(honest_columns, X, y, X_new, y_new))


# --- 5. duplicates across splits ---------------------------------------------------------------

N_CUSTOMERS = 300
NEAR_COPY_NOISE = 0.05
K_CHOICES = (1, 3, 5, 11, 25, 51)
K_DUPLICATES = 3
N_NEW_CUSTOMERS = 5000  # six values of k each predict every new customer: 5,000 keep that quick (s.e. ~0.007)


def _customers(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    X = rng.standard_normal((n, 5))
    p = 1.0 / (1.0 + np.exp(-(1.5 * X[:, 0] - 1.0 * X[:, 1])))
    return X, (rng.random(n) < p).astype(int)


def duplicates_scenario(rng: np.random.Generator, folds: int, copies: int) -> tuple[Outcome, list[dict]]:
    people, labels = _customers(rng, N_CUSTOMERS)
    owner = np.repeat(np.arange(N_CUSTOMERS), copies)
    X = people[owner] + NEAR_COPY_NOISE * rng.standard_normal((len(owner), 5))
    y = labels[owner]
    X_new, y_new = _customers(rng, N_NEW_CUSTOMERS)

    def score(k, X_train, y_train, X_val, y_val):
        return accuracy_score(y_val, KNeighborsClassifier(k).fit(X_train, y_train).predict(X_val))

    by_customer = random_folds(rng, N_CUSTOMERS, folds)[owner]
    # with one row per customer the two protocols are the same split, so they give the same numbers
    by_row = random_folds(rng, len(y), folds) if copies > 1 else by_customer
    by_k: list[dict[str, float]] = []
    estimates: dict[int, tuple[Estimate, Estimate]] = {}
    for k in K_CHOICES:

        def fold_score(tr: np.ndarray, va: np.ndarray, k: int = k) -> float:
            return score(k, X[tr], y[tr], X[va], y[va])

        estimates[k] = (cross_validate(by_row, fold_score), cross_validate(by_customer, fold_score))
        by_k.append({"k": k, "leaky": estimates[k][0].mean, "honest": estimates[k][1].mean,
                     "new": score(k, X, y, X_new, y_new)})
    chosen = next(row for row in by_k if row["k"] == K_DUPLICATES)
    outcome = Outcome("duplicates", "Duplicates across splits", "accuracy", *estimates[K_DUPLICATES], chosen["new"])
    return outcome, by_k


# --- 6. random split on time-ordered data ------------------------------------------------------

N_DAYS = 1000
N_FUTURE_DAYS = 200
ROWS_PER_DAY = 10
BOOTSTRAP_ROUNDS = 200
STALER = 2.0 * np.sqrt(2.0)  # two standard errors of the difference between two blocks' scores


def weight_angle(drift: float) -> np.ndarray:
    """The angle (radians) of the true weight vector on each day: it turns at a steady rate, by ``drift`` in all."""
    days = N_DAYS + N_FUTURE_DAYS
    return drift * np.arange(days) / days


def _days(rng: np.random.Generator, drift: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two features, the target and the day of ROWS_PER_DAY rows on each of N_DAYS + N_FUTURE_DAYS days.

    y = 2 cos(angle) x1 + 2 sin(angle) x2 + noise: the weights turn from the first feature towards the
    second while the target's variance stays the same, so R^2 is comparable between periods.
    """
    day = np.repeat(np.arange(N_DAYS + N_FUTURE_DAYS), ROWS_PER_DAY)
    X = rng.standard_normal((len(day), 2))
    angle = weight_angle(drift)[day]
    y = 2.0 * np.cos(angle) * X[:, 0] + 2.0 * np.sin(angle) * X[:, 1] + rng.standard_normal(len(day))
    return X, y, day


def time_scenario(rng: np.random.Generator, folds: int, drift: float) -> tuple[Outcome, dict]:
    X_all, y_all, day = _days(rng, drift)
    past = day < N_DAYS
    X, y = X_all[past], y_all[past]

    def fit(train):
        return LinearRegression().fit(X[train], y[train])

    def score(train, X_val, y_val):
        return r2_score(y_val, fit(train).predict(X_val))

    leaky = cross_validate(random_folds(rng, len(y), folds), lambda tr, va: score(tr, X[va], y[va]))
    # forward chaining: folds + 1 consecutive blocks of days; each is validated by a model of every day before it
    starts = [int(b[0]) for b in np.array_split(np.arange(N_DAYS), folds + 1)]
    ends = starts[1:] + [N_DAYS]
    block_scores = []
    for start, end in zip(starts[1:], ends[1:], strict=True):
        rows = np.flatnonzero((day[past] >= start) & (day[past] < end))
        block_scores.append(score(np.flatnonzero(day[past] < start), X[rows], y[rows]))
    # the honest estimate is the last block, the most like deployment: its standard error by resampling its rows
    last = np.flatnonzero(day[past] >= starts[-1])
    predicted = fit(np.flatnonzero(day[past] < starts[-1])).predict(X[last])
    resampled = rng.integers(0, len(last), (BOOTSTRAP_ROUNDS, len(last)))
    spread = float(np.std([r2_score(y[last][rows], predicted[rows]) for rows in resampled], ddof=1))
    honest = Estimate(block_scores[-1], spread)
    new = score(np.arange(len(y)), X_all[~past], y_all[~past])
    outcome = Outcome("time", "Random split on time-ordered data", "R^2", leaky, honest, new)
    return outcome, {"starts": starts, "scores": block_scores}


# --- the lab -----------------------------------------------------------------------------------

def run(seed: int, progress: ProgressFn = no_progress, *, folds: int, copies: int, drift: float,
        candidate_features: int) -> LabResult:
    rng = np.random.default_rng(seed)
    outcomes = [scaling_scenario(rng, folds)]
    progress(1, 6)
    outcomes.append(selection_scenario(rng, folds, candidate_features))
    progress(2, 6)
    outcomes.append(smote_scenario(rng, folds))
    progress(3, 6)
    outcomes.append(target_scenario(rng, folds))
    progress(4, 6)
    duplicates, by_k = duplicates_scenario(rng, folds, copies)
    outcomes.append(duplicates)
    progress(5, 6)
    time_outcome, blocks = time_scenario(rng, folds, drift)
    outcomes.append(time_outcome)
    progress(6, 6)

    numbers: dict[str, Scalar] = {}
    for o in outcomes:
        numbers[f"{o.key}_leaky"] = o.leaky
        numbers[f"{o.key}_leaky_se"] = o.leaky_estimate.se
        numbers[f"{o.key}_honest"] = o.honest
        numbers[f"{o.key}_honest_se"] = o.honest_estimate.se
        numbers[f"{o.key}_new"] = o.new
        if o.honest_new is not None:
            numbers[f"{o.key}_honest_model_new"] = o.honest_new
    numbers["time_first_block"] = blocks["scores"][0]
    numbers["time_forward_chaining_mean"] = float(np.mean(blocks["scores"]))
    for row in by_k:
        for protocol in ("leaky", "honest", "new"):
            numbers[f"duplicates_k{row['k']}_{protocol}"] = row[protocol]
    for protocol in ("leaky", "honest", "new"):
        best = by_k[int(np.argmax([row[protocol] for row in by_k]))]  # the first, on a tie
        numbers[f"duplicates_best_k_by_{protocol}"] = int(best["k"])
    table = ResultTable(
        f"Cross-validation estimates ({folds} folds; +- is one standard error) against the final model on new data",
        ["scenario", "metric", "leaky estimate", "+-", "honest estimate", "+-", "on new data", "leaky - new",
         "honest - new"],
        [[o.title, o.metric, o.leaky, o.leaky_estimate.se, o.honest, o.honest_estimate.se, o.new, o.leaky - o.new,
          o.honest - _honest_new(o)] for o in outcomes])
    k_table = ResultTable(
        f"Duplicates ({copies} rows per customer): k-NN accuracy by k",
        ["k", "leaky estimate (random rows)", "honest estimate (by customer)", "on new customers"],
        [[r["k"], r["leaky"], r["honest"], r["new"]] for r in by_k])
    notices = _notices(outcomes, numbers, copies=copies, drift=drift)
    figures = {
        "estimates": lambda: _estimates_figure(outcomes, folds),
        "duplicates_choose_k": lambda: _k_figure(by_k, copies),
        "time_split": lambda: _time_figure(blocks, numbers, drift),
    }
    return LabResult("leakage", seed, numbers=numbers, tables=[table, k_table], notices=notices, figures=figures)


def _honest_new(o: Outcome) -> float:
    """The new-data score the honest estimate should match (the honest model's, when it differs)."""
    return o.new if o.honest_new is None else o.honest_new


def leak_noise(o: Outcome) -> float:
    """Two standard errors of the difference between the two estimates, treating them as independent."""
    return 2.0 * float(np.hypot(o.leaky_estimate.se, o.honest_estimate.se))


def leak_verdict(o: Outcome) -> str:
    """"inflates", "agrees" or "lower": the leaky estimate against the honest one, beyond their noise."""
    difference, threshold = o.leaky - o.honest, max(SAME, leak_noise(o))
    if difference > threshold:
        return "inflates"
    return "lower" if difference < -threshold else "agrees"


def _notices(outcomes: list[Outcome], n: dict, *, copies: int, drift: float) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    out = []
    for o in outcomes:
        text = (f"{o.title}: the leaky protocol estimates {o.metric} {o.leaky:.3f}, the honest one {o.honest:.3f}; "
                f"the final model scores {o.new:.3f} on new data")
        if o.honest_new is not None:
            text += f" (the model without the leaky column: {o.honest_new:.3f})"
        text += (f". Against new data the leaky estimate is off by {o.leaky - o.new:+.3f}, the honest one by "
                 f"{o.honest - _honest_new(o):+.3f}" + (" (against its own model)" if o.honest_new is not None else ""))
        difference, verdict = o.leaky - o.honest, leak_verdict(o)
        if verdict == "inflates":
            text += f": the leak inflates the estimate by {difference:.3f}."
        elif verdict == "agrees":
            text += (f"; the two protocols agree within their noise (difference {difference:+.3f}, two standard "
                     f"errors {max(SAME, leak_noise(o)):.3f}): here the leak changes little.")
        else:
            text += f"; here the leaky estimate is the lower one, by {-difference:.3f}."
        out.append(text + _why(o, n, copies=copies, drift=drift))
    return out


def _why(o: Outcome, n: dict, *, copies: int, drift: float) -> str:
    """One explanatory sentence per scenario, only where the numbers show the effect it explains."""
    inflated = leak_verdict(o) == "inflates" and o.leaky - o.new > abs(o.honest - _honest_new(o))
    if o.key == "scaling" and leak_verdict(o) == "agrees":
        return " Scaling learns no labels: a mean and a spread from all rows instead of the training folds barely move."
    if o.key == "selection" and inflated:
        return (f" The {N_SELECTED} columns were picked because they matched every label, validation rows included; "
                f"on new rows they are the noise they always were.")
    if o.key == "smote" and inflated:
        return (" Validation folds held synthetic positives, and each real positive had synthetic neighbours built "
                "from it in training.")
    if o.key == "target" and o.honest_new is not None and o.new < o.honest_new:
        return (f" In use the calls have not happened yet, so the leaky model is worse than the honest one "
                f"({o.new:.3f} vs {o.honest_new:.3f}): it leans on a column that no longer tells it anything.")
    if o.key == "duplicates":
        if copies == 1:
            return " With one row per customer there are no duplicates: both protocols split the same way."
        best = {p: n[f"duplicates_best_k_by_{p}"] for p in ("leaky", "honest")}
        if best["leaky"] != best["honest"]:
            new_score = {p: n[f"duplicates_k{best[p]}_new"] for p in ("leaky", "honest")}
            return (f" Choosing k by the leaky estimate picks k = {best['leaky']} (new data: "
                    f"{new_score['leaky']:.3f}); by the honest one, k = {best['honest']} ({new_score['honest']:.3f}).")
    if o.key == "time":
        if drift == 0:
            return " Without drift the days are exchangeable, so a random split is fair."
        text = ""
        if inflated:
            text += (" Random folds train on days from the whole period, after each validation day too, so the model "
                     "has seen the relationship as it stood then; in use it only has the past.")
        first, mean = n["time_first_block"], n["time_forward_chaining_mean"]
        if o.honest < first - max(SAME, STALER * o.honest_estimate.se):
            text += (f" The forward-chaining blocks get worse as the history they train on grows staler (first block "
                     f"{first:.3f}, last {o.honest:.3f})")
            text += (f", so their mean ({mean:.3f}) would overstate the score too: the last block is the most like "
                     f"the deployed model's situation." if mean > o.honest else ".")
        if o.honest - o.new > 2 * o.honest_estimate.se:
            text += (f" Even the last block is {o.honest - o.new:.3f} above the next {N_FUTURE_DAYS} days: the drift "
                     f"goes on, and the deployed model's days lie further from the average day it learnt from.")
        return text
    return ""


def _estimates_figure(outcomes, folds):
    fig, axes = new_figure(3, 2, width=4.6, height=3.6, title=f"Cross-validation ({folds} folds; bars: +-2 standard "
                           "errors over the folds) vs the final model on new data")
    for ax, o in zip(axes.ravel(), outcomes, strict=True):
        labels = ["leaky\nestimate", "honest\nestimate", "new data"]
        values = [o.leaky, o.honest, o.new]
        errors = [2 * o.leaky_estimate.se, 2 * o.honest_estimate.se, np.nan]
        colours = [COLOURS[3], COLOURS[2], COLOURS[7]]
        if o.honest_new is not None:
            labels = ["leaky\nestimate", "leaky model\nnew data", "honest\nestimate", "honest model\nnew data"]
            values = [o.leaky, o.new, o.honest, o.honest_new]
            errors = [2 * o.leaky_estimate.se, np.nan, 2 * o.honest_estimate.se, np.nan]
            colours = [COLOURS[3], COLOURS[7], COLOURS[2], COLOURS[7]]
        bars = ax.bar(range(len(values)), values, yerr=errors, capsize=4, color=colours)
        ax.bar_label(bars, labels=[f"{v:.3f}" for v in values], fontsize=8, padding=2)
        ax.set_xticks(range(len(values)), labels, fontsize=8)
        ax.set_title(o.title, fontsize=10)
        ax.set_ylabel(o.metric)
        ax.set_xlabel("estimate, or score on new data")
        ax.axhline(0, color="0.3", lw=0.8)
        spans = [(v - e, v + e) if np.isfinite(e) else (v, v) for v, e in zip(values, errors, strict=True)]
        ax.set_ylim(min(0.0, min(s[0] for s in spans) - 0.08), max(1.0, max(s[1] for s in spans)) + 0.08)
    return fig


def _k_figure(by_k, copies):
    fig, ax = new_figure(width=6.5, height=4.2, title=f"Choosing k for k-NN with {copies} rows per customer")
    ks = [r["k"] for r in by_k]
    for key, label, colour, marker in (("leaky", "leaky estimate (rows split at random)", COLOURS[3], "o"),
                                       ("honest", "honest estimate (customers split)", COLOURS[2], "s"),
                                       ("new", "on new customers", COLOURS[7], "D")):
        values = [r[key] for r in by_k]
        ax.plot(ks, values, marker + "-", color=colour, label=label)
        best = int(np.argmax(values))
        ax.plot(ks[best], values[best], marker, color=colour, ms=14, mfc="none")
    ax.set_xscale("log")
    ax.set_xticks(ks, [str(k) for k in ks])
    ax.set_xlabel("k (neighbours voting); circled: each curve's best")
    ax.set_ylabel("accuracy")
    ax.legend(fontsize=8)
    return fig


def _time_figure(blocks, numbers, drift):
    fig, (top, bottom) = new_figure(1, 2, width=9.0, height=3.4, title="Time-ordered data: the relationship drifts; "
                                    "forward chaining validates on what comes next")
    angle = weight_angle(drift)
    days = np.arange(len(angle))
    starts = blocks["starts"]
    top.plot(days, 2 * np.cos(angle), color=COLOURS[0], label="true weight of the first feature")
    top.plot(days, 2 * np.sin(angle), color=COLOURS[1], label="true weight of the second feature")
    for ax in (top, bottom):
        for b, start in enumerate(starts[1:], start=1):
            ax.axvline(start, color=COLOURS[2], ls=":", lw=1.2,
                       label="forward chaining: validate from here, train on every day before" if b == 1 else None)
        ax.axvspan(N_DAYS, len(angle), color=COLOURS[7], alpha=0.15, label=f"new data: the next {N_FUTURE_DAYS} days")
        ax.set_xlim(0, len(angle))
    top.set_xlabel("day")
    top.set_ylabel("weight in the target")
    top.legend(fontsize=8, loc="lower left")
    ends = starts[2:] + [N_DAYS]
    centres = [(s + e) / 2 for s, e in zip(starts[1:], ends, strict=True)]
    bottom.plot(centres, blocks["scores"], "s", color=COLOURS[2], ms=8, label="forward-chaining block")
    bottom.axhline(numbers["time_leaky"], color=COLOURS[3], label="random folds (mean)")
    bottom.axhline(numbers["time_forward_chaining_mean"], color=COLOURS[2], ls="--",
                   label="forward chaining (mean of the blocks)")
    bottom.plot([N_DAYS + N_FUTURE_DAYS / 2], [numbers["time_new"]], "D", color=COLOURS[7], ms=9,
                label="final model on the next days")
    bottom.set_xlabel("day (validation block)")
    bottom.set_ylabel("R^2 of linear regression")
    bottom.legend(fontsize=8, loc="lower left")
    return fig
