"""Probability calibration: reliability diagrams, Platt scaling vs isotonic regression, and how class
weights and undersampling distort predicted probabilities.

Data: four features; exactly round(prevalence * n) rows of every set are positive, and positives are
shifted by ``SHIFT``. With ``features="gaussian"`` the features are standard normal in both classes,
so logistic regression is the right model and the true map from any linear score to probability is
exactly a sigmoid. With ``features="heavy-tailed"`` they are Laplace with unit variance: the evidence
an extreme value carries levels off (the true log-odds is linear only between the class centres and
flat beyond them), while a linear model's log-odds keeps growing, so its probabilities bend away
from the truth at the extremes.

Three logistic regressions are trained on ``n_train`` rows: plain; with class weights (each positive
counts w = round(n_negative / n_positive) times, done by repeating positive rows, the same objective
for a whole-number weight); and on an undersampled training set (negatives randomly cut to the
number of positives). Each is then recalibrated on the first ``n_calibration`` rows of a separate
calibration set that has the true base rate, by Platt scaling and by isotonic regression on its
log-odds, and the weighted and undersampled models also by the closed-form prior correction (divide
the odds by the factor the training distribution inflated them by). Everything is scored on 20,000
test rows. A sweep refits Platt and isotonic on the weighted model with 50 to 20,000 calibration rows.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import (
    IsotonicRegression,
    LogisticRegression,
    PlattScaling,
    brier_score,
    calibration_curve,
    expected_calibration_error,
    log_loss,
    roc_auc_score,
    sigmoid,
)
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "calibration",
    params=(
        # the lowest prevalence and n_train still leave 20 positives to train on (and 20 + 20 rows undersampled)
        Param("prevalence", "float", 0.1, "share of positive rows in every set", low=0.02, high=0.5),
        Param("features", "choice", "heavy-tailed", "feature distribution in each class: heavy-tailed (Laplace) "
              "or gaussian", choices=("heavy-tailed", "gaussian")),
        Param("n_train", "int", 5000, "training rows", low=1000, high=50000),
        Param("n_calibration", "int", 5000, "held-out rows with the true base rate used to fit Platt and isotonic",
              low=200, high=20000),
    ),
    notice=(
        "A model is calibrated when, among the rows it gives probability p, a share p are positive. The "
        "reliability diagram bins the test rows by predicted probability and plots the share of positives "
        "against the mean prediction: a calibrated model lies on the diagonal. The expected calibration error "
        "(ECE) is the row-weighted mean gap between the two; it depends on the bins. The Brier score and log loss "
        "are proper scoring rules: they reward calibration and ranking together.",
        "Logistic regression with an intercept, fitted by log loss, predicts on average exactly the base rate of "
        "its training set (at the optimum the intercept's gradient, the mean of p - y, is zero). When its model is "
        "right (Gaussian features here) it is calibrated bin by bin as well; when it is not (heavy tails here) it "
        "can be off at the extremes while right on average.",
        "Class weights and undersampling train the model on a world with more positives than the real one. For a "
        "well-specified model the predicted odds come out multiplied by the weight, or by one over the share of "
        "negatives kept, so the probabilities are inflated while the ranking stays the same: ROC AUC is about "
        "unchanged, and undersampling loses only what the discarded rows would have added.",
        "Dividing the odds by that known factor (prior correction) undoes the shift without any new data. Platt "
        "scaling fits p = sigmoid(a * score + b) on held-out rows: two parameters, so it needs few rows, but it "
        "can only shift and stretch the log-odds. Isotonic regression fits any non-decreasing map, so it can "
        "also fix a bend, but it needs many more rows, overfits small calibration sets, and can output exactly "
        "0 or 1.",
        "Fit the calibrator on rows the model was not trained on (a model's scores on its own training rows are "
        "over-confident), with the base rate the model will meet in use, and judge it on yet other rows. Both "
        "maps are monotone, so they leave the ranking alone: Platt keeps ROC AUC exactly, isotonic up to its "
        "ties.",
    ),
    takeaway=(
        "Calibration means predicted probabilities match observed frequencies; check it with a reliability "
        "diagram and a proper scoring rule (log loss, Brier) on held-out data, not with AUC, which ignores it. "
        "Class weights, over- and undersampling and focal-style losses distort probabilities even when they help "
        "the ranking; undo a known resampling rate with the prior correction, or recalibrate on held-out data at "
        "the real base rate: Platt scaling when data are scarce or the distortion is a shift or a stretch of the "
        "log-odds, isotonic regression when there are thousands of calibration rows and the distortion has "
        "another shape. Recalibrate when the base rate changes in production."
    ),
)

N_FEATURES = 4
SHIFT = np.array([2.0, 1.0, 0.5, 0.0])  # positives' shift per feature; the last feature is noise
N_TEST = 20_000
N_CALIBRATION_POOL = 20_000
SWEEP_SIZES = (50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000)
SWEEP_REPEATS = 10  # disjoint calibration subsets averaged per size (fewer when the pool runs out)
N_BINS = 10
MIN_BIN_ROWS = 100  # fewer rows make a bin's observed log-odds too noisy to plot
SAME = 0.2  # ECE changes within 20% are called "about the same": the ECE of 20,000 rows is that noisy
CLIPPED_COST = float(-np.log(np.finfo(np.float64).eps))  # log loss of a certain, wrong prediction (36 nats)
MODELS = {"plain": "plain", "weighted": "class weights", "undersampled": "undersampled"}
METHODS = {"raw": "raw", "prior": "prior correction", "platt": "Platt", "isotonic": "isotonic"}


def positives_in(n: int, prevalence: float) -> int:
    return int(round(prevalence * n))


def draw(rng: np.random.Generator, n: int, prevalence: float, features: str) -> tuple[np.ndarray, np.ndarray]:
    """``n`` rows, exactly ``positives_in(n, prevalence)`` of them positive, in random order."""
    n_pos = positives_in(n, prevalence)
    y = rng.permutation(np.r_[np.ones(n_pos, dtype=int), np.zeros(n - n_pos, dtype=int)])
    if features == "gaussian":
        noise = rng.standard_normal((n, N_FEATURES))
    else:
        noise = rng.laplace(0.0, 1.0 / np.sqrt(2.0), (n, N_FEATURES))  # unit variance, like the Gaussian
    return noise + y[:, None] * SHIFT, y


def scores_of(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """Mean prediction, ECE, Brier score, log loss and ROC AUC of probabilities ``p`` for labels ``y``."""
    return {"mean_p": float(p.mean()), "ece": expected_calibration_error(y, p, n_bins=N_BINS),
            "brier": brier_score(y, p), "log_loss": log_loss(y, p), "roc_auc": roc_auc_score(y, p)}


def run(seed: int, progress: ProgressFn = no_progress, *, prevalence: float, features: str, n_train: int,
        n_calibration: int) -> LabResult:
    rng = np.random.default_rng(seed)
    X, y = draw(rng, n_train, prevalence, features)
    X_cal, y_cal = draw(rng, N_CALIBRATION_POOL, prevalence, features)
    X_te, y_te = draw(rng, N_TEST, prevalence, features)

    positives, negatives = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    weight = max(1, int(round(len(negatives) / len(positives))))
    kept = rng.choice(negatives, size=min(len(positives), len(negatives)), replace=False)
    keep_rate = len(kept) / len(negatives)
    repeated = np.concatenate([np.arange(n_train), np.repeat(positives, weight - 1)])
    undersampled = np.sort(np.concatenate([positives, kept]))
    fitted = {"plain": LogisticRegression().fit(X, y),
              "weighted": LogisticRegression().fit(X[repeated], y[repeated]),
              "undersampled": LogisticRegression().fit(X[undersampled], y[undersampled])}
    odds_factor = {"weighted": float(weight), "undersampled": 1.0 / keep_rate}
    progress(1, 3)

    logit_cal = {m: model.decision_function(X_cal) for m, model in fitted.items()}
    logit_te = {m: model.decision_function(X_te) for m, model in fitted.items()}
    predictions: dict[tuple[str, str], np.ndarray] = {}
    calibrators: dict[tuple[str, str], PlattScaling | IsotonicRegression] = {}
    for m in MODELS:
        s_cal, y_fit = logit_cal[m][:n_calibration], y_cal[:n_calibration]
        calibrators[m, "platt"] = PlattScaling().fit(s_cal, y_fit)
        calibrators[m, "isotonic"] = IsotonicRegression().fit(s_cal, y_fit)
        predictions[m, "raw"] = sigmoid(logit_te[m])
        if m in odds_factor:
            predictions[m, "prior"] = sigmoid(logit_te[m] - np.log(odds_factor[m]))
        for method in ("platt", "isotonic"):
            predictions[m, method] = calibrators[m, method].predict(logit_te[m])
    progress(2, 3)

    numbers: dict[str, Scalar] = {"test_prevalence": float(y_te.mean()), "class_weight": weight,
                                  "undersampled_training_rows": len(undersampled), "negatives_kept_share": keep_rate,
                                  "calibration_rows": n_calibration}
    rows: list[list[Scalar]] = []
    for (m, method), p in predictions.items():
        result = scores_of(y_te, p)
        for metric, value in result.items():
            numbers[f"{m}_{method}_{metric}"] = value
        rows.append([MODELS[m], METHODS[method], result["mean_p"], result["ece"], result["brier"],
                     result["log_loss"], result["roc_auc"]])
    isotonic_p = predictions["weighted", "isotonic"]
    extreme = (isotonic_p == 0.0) | (isotonic_p == 1.0)
    numbers["weighted_isotonic_extreme_rows"] = int(extreme.sum())
    numbers["weighted_isotonic_extreme_wrong"] = int(np.sum(extreme & (np.round(isotonic_p) != y_te)))
    numbers["weighted_platt_slope"] = calibrators["weighted", "platt"].a_  # type: ignore[union-attr]
    numbers["weighted_platt_intercept"] = calibrators["weighted", "platt"].b_  # type: ignore[union-attr]

    sweep = _calibration_size_sweep(rng, logit_cal["weighted"], y_cal, logit_te["weighted"], y_te)
    for row in sweep:
        for key in ("platt_brier", "isotonic_brier", "platt_ece", "isotonic_ece"):
            numbers[f"sweep_{row['rows']}_{key}"] = row[key]
    progress(3, 3)

    table = ResultTable(
        f"On {N_TEST:,} test rows, {y_te.mean():.1%} positive ({features} features; calibrators fitted on "
        f"{n_calibration:,} held-out rows)",
        ["model", "recalibration", "mean p", f"ECE ({N_BINS} bins)", "Brier", "log loss", "ROC AUC"], rows)
    sweep_table = ResultTable(
        "Class-weighted model recalibrated on calibration sets of each size (mean over the repeats)",
        ["calibration rows", "repeats", "Platt Brier", "isotonic Brier", "Platt ECE", "isotonic ECE"],
        [[r["rows"], r["repeats"], r["platt_brier"], r["isotonic_brier"], r["platt_ece"], r["isotonic_ece"]]
         for r in sweep])
    notices = _notices(numbers, features=features, sweep=sweep)
    figures = {
        "reliability": lambda: _reliability_figure(y_te, predictions, numbers),
        "calibration_maps": lambda: _maps_figure(y_te, logit_te["weighted"], calibrators, numbers),
        "calibration_rows": lambda: _sweep_figure(sweep, numbers),
    }
    return LabResult("calibration", seed, numbers=numbers, tables=[table, sweep_table], notices=notices,
                     figures=figures)


def _calibration_size_sweep(rng: np.random.Generator, s_cal: np.ndarray, y_cal: np.ndarray, s_te: np.ndarray,
                            y_te: np.ndarray) -> list[dict]:
    """Platt and isotonic fitted on disjoint calibration subsets of each size, scored on the test rows."""
    order = rng.permutation(len(y_cal))
    out = []
    for size in SWEEP_SIZES:
        repeats = min(SWEEP_REPEATS, len(y_cal) // size)
        scored: dict[str, list[float]] = {"platt_brier": [], "isotonic_brier": [], "platt_ece": [], "isotonic_ece": []}
        for r in range(repeats):
            rows = order[r * size:(r + 1) * size]
            for name, calibrator in (("platt", PlattScaling()), ("isotonic", IsotonicRegression())):
                p = calibrator.fit(s_cal[rows], y_cal[rows]).predict(s_te)
                scored[f"{name}_brier"].append(brier_score(y_te, p))
                scored[f"{name}_ece"].append(expected_calibration_error(y_te, p, n_bins=N_BINS))
        out.append({"rows": size, "repeats": repeats} | {k: float(np.mean(v)) for k, v in scored.items()})
    return out


def _change(before: float, after: float) -> str:
    """How ``after`` compares with ``before``, in words with the number."""
    if after < (1 - SAME) * before:
        return f"lowers it to {after:.3f}"
    if after > (1 + SAME) * before:
        return f"raises it to {after:.3f}"
    return f"leaves it about the same ({after:.3f})"


def _overtakes_from(sweep: list[dict]) -> int | None:
    """The smallest calibration size from which isotonic's Brier score stays below Platt's, if any."""
    found = None
    for row in reversed(sweep):
        if row["isotonic_brier"] >= row["platt_brier"]:
            break
        found = row["rows"]
    return found


def _notices(n: dict, *, features: str, sweep: list[dict]) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    rate = n["test_prevalence"]
    out = []
    plain_ece = n["plain_raw_ece"]
    text = (f"Plain logistic regression predicts {n['plain_raw_mean_p']:.3f} on average for a true rate of "
            f"{rate:.3f}; its ECE is {plain_ece:.3f}. Recalibrated on held-out rows, Platt "
            f"{_change(plain_ece, n['plain_platt_ece'])} and isotonic {_change(plain_ece, n['plain_isotonic_ece'])}")
    lowered = {m: n[f"plain_{m}_ece"] < (1 - SAME) * plain_ece for m in ("platt", "isotonic")}
    if lowered["isotonic"] and not lowered["platt"]:
        text += (": right on average, the model is off bin by bin in a way that a shift and stretch of its log-odds "
                 "does not fix.")
    elif not any(lowered.values()):
        text += ": neither finds anything to fix that these bins can show."
    else:
        text += "."
    out.append(text)

    if n["class_weight"] == 1 and n["negatives_kept_share"] == 1.0:
        out.append("The classes are balanced, so the class weight is 1 and undersampling removes no row: both "
                   "'remedies' are the plain model and distort nothing.")
    else:
        parts = []
        for m, label in (("weighted", f"Class weights (each positive x{n['class_weight']})"),
                         ("undersampled", f"undersampling (keeping {n['negatives_kept_share']:.1%} of negatives)")):
            mean_p = n[f"{m}_raw_mean_p"]
            parts.append(f"{label}: mean prediction {mean_p:.3f}, {mean_p / rate:.1f} times the true rate, ECE "
                         f"{n[f'{m}_raw_ece']:.3f}")
        aucs = [n[f"{m}_raw_roc_auc"] for m in MODELS]
        spread = max(aucs) - min(aucs)
        ranking = ("barely moves" if spread < 0.01 else "moves") + (
            f": {aucs[0]:.3f} plain, {aucs[1]:.3f} weighted, {aucs[2]:.3f} undersampled")
        tail = (" - the ranking is about the same, only the probabilities are wrong." if spread < 0.01 else
                f" (undersampling trained on only {n['undersampled_training_rows']:,} rows).")
        out.append("; ".join(parts) + f". ROC AUC {ranking}{tail}")
        fixed = [f"{label} {n[f'{m}_prior_ece']:.3f} (mean {n[f'{m}_prior_mean_p']:.3f})"
                 for m, label in (("weighted", "weighted"), ("undersampled", "undersampled"))]
        out.append(f"Dividing the odds by the known inflation factor, with no calibration data at all, brings the ECE "
                   f"to {fixed[0]} and {fixed[1]}.")

    platt = {k: n[f"weighted_platt_{k}"] for k in ("ece", "brier")}
    iso = {k: n[f"weighted_isotonic_{k}"] for k in ("ece", "brier")}
    text = (f"Recalibrating the weighted model on {n['calibration_rows']:,} held-out rows: Platt reaches ECE "
            f"{platt['ece']:.3f} and Brier {platt['brier']:.4f} (slope {n['weighted_platt_slope']:.2f}, intercept "
            f"{n['weighted_platt_intercept']:.2f}); isotonic ECE {iso['ece']:.3f}, Brier {iso['brier']:.4f}.")
    largest = sweep[-1]
    if iso["brier"] < platt["brier"] and iso["ece"] < platt["ece"]:
        text += " Isotonic is better on both."
        if features == "heavy-tailed" and largest["isotonic_brier"] < largest["platt_brier"]:
            text += (f" Platt stays behind even when fitted on all {largest['rows']:,} calibration rows (Brier "
                     f"{largest['platt_brier']:.4f} vs {largest['isotonic_brier']:.4f}), so more data is not what it "
                     f"lacks: heavy tails bend the map from score to probability, and Platt is a straight line on the "
                     f"log-odds scale (calibration_maps figure).")
    elif platt["brier"] <= iso["brier"] and platt["ece"] <= iso["ece"]:
        text += " Platt is as good or better on both"
        text += (": with Gaussian features the true map from a linear score to probability is exactly a sigmoid, "
                 "so Platt's two parameters are the right model and isotonic has nothing more to fix."
                 if features == "gaussian" else ".")
    else:
        text += " Neither is better on both measures."
    out.append(text)

    first, overtakes = sweep[0], _overtakes_from(sweep)
    text = (f"With {first['rows']} calibration rows Platt's Brier score is {first['platt_brier']:.4f} and isotonic's "
            f"{first['isotonic_brier']:.4f}")
    text += (" (isotonic overfits small sets)" if first["isotonic_brier"] > first["platt_brier"] else "") + "; "
    if overtakes is None:
        text += f"isotonic does not stay ahead of Platt at any size up to {sweep[-1]['rows']:,} rows."
    elif overtakes == first["rows"]:
        text += "isotonic is ahead at every size tried."
    else:
        text += f"isotonic is ahead from {overtakes:,} rows on."
    if n["class_weight"] > 1:
        prior = n["weighted_prior_brier"]
        matched = [r["rows"] for r in sweep if min(r["platt_brier"], r["isotonic_brier"]) <= prior]
        text += (f" The prior correction needs no calibration rows and scores {prior:.4f}: "
                 + (f"the better calibrator first matches it with {matched[0]:,} rows." if matched else
                    f"neither calibrator matches it with up to {sweep[-1]['rows']:,} rows."))
    out.append(text)

    if n["weighted_isotonic_extreme_rows"]:
        wrong = n["weighted_isotonic_extreme_wrong"]
        text = (f"Isotonic gave the weighted model's test rows probability exactly 0 or 1 "
                f"{n['weighted_isotonic_extreme_rows']:,} times (its lowest or highest block held a single class)")
        if wrong:
            text += (f", {wrong:,} of them wrong: log loss clips each to 2.2e-16, a cost of 36 nats, which adds "
                     f"{wrong * CLIPPED_COST / N_TEST:.4f} to its mean log loss.")
        else:
            text += ", none of them wrong here; one wrong would cost 36 nats of log loss."
        out.append(text)
    return out


def _reliability_figure(y, predictions, numbers):
    fig, axes = new_figure(2, 2, width=6.0, height=4.3, title="Reliability on test: share of positives per bin of "
                           "predicted probability")
    panels = (
        ("Trained models, uncalibrated", [(("plain", "raw"), "plain"), (("weighted", "raw"), "class weights"),
                                          (("undersampled", "raw"), "undersampled")]),
        ("Class-weighted model, recalibrated", [(("weighted", "prior"), "prior correction"),
                                                (("weighted", "platt"), "Platt"),
                                                (("weighted", "isotonic"), "isotonic")]),
    )
    edges = np.linspace(0, 1, N_BINS + 1)
    for column, (title, curves) in enumerate(panels):
        top, bottom = axes[0, column], axes[1, column]
        top.plot([0, 1], [0, 1], ":", color="0.5", label="perfectly calibrated")
        for (key, label), colour in zip(curves, COLOURS[column * 3:], strict=False):
            share, mean_p, _ = calibration_curve(y, predictions[key], n_bins=N_BINS)
            ece = numbers[f"{key[0]}_{key[1]}_ece"]
            top.plot(mean_p, share, "o-", color=colour, label=f"{label} (ECE {ece:.3f})")
            bottom.hist(predictions[key], bins=edges, histtype="step", color=colour, lw=1.5, label=label)
        top.set_title(title)
        top.set_xlabel("mean predicted probability in the bin")
        top.set_ylabel("share of positives in the bin")
        top.set_xlim(0, 1)
        top.set_ylim(0, 1)
        top.legend(fontsize=8, loc="upper left")
        bottom.set_yscale("log")
        bottom.set_xlabel("predicted probability")
        bottom.set_ylabel("test rows (log scale)")
        bottom.set_title("How many rows each bin holds")
        bottom.legend(fontsize=8)
    return fig


def _maps_figure(y, logit, calibrators, numbers):
    fig, ax = new_figure(width=7.5, height=5.0, title="Class-weighted model: from its log-odds to a probability")
    # the observed map: test rows in score bins one log-odds unit wide, each with +-2 standard errors
    low, high = np.quantile(logit, [0.005, 0.995])
    edges = np.arange(np.floor(low), np.ceil(high) + 1.0)
    index = np.digitize(logit, edges)
    centres, observed, errors = [], [], []
    for b in range(1, len(edges)):
        members = index == b
        rows, positives = int(members.sum()), int(y[members].sum())
        if rows >= MIN_BIN_ROWS and 0 < positives < rows:
            share = positives / rows
            centres.append(float(logit[members].mean()))
            observed.append(float(np.log(share / (1 - share))))
            errors.append(2.0 / np.sqrt(rows * share * (1 - share)))
    ax.errorbar(centres, observed, yerr=errors, fmt="o", color="k", capsize=3,
                label=f"observed on test (bins of 1 unit, >= {MIN_BIN_ROWS} rows, +-2 s.e.)")
    grid = np.linspace(edges[0], edges[-1], 400)
    curves = (
        ("uncalibrated", sigmoid(grid), COLOURS[1]),
        ("prior correction", sigmoid(grid - np.log(numbers["class_weight"])), COLOURS[3]),
        ("Platt", calibrators["weighted", "platt"].predict(grid), COLOURS[4]),
        ("isotonic", calibrators["weighted", "isotonic"].predict(grid), COLOURS[5]),
    )
    for label, p, colour in curves:
        p = np.clip(p, 1e-4, 1 - 1e-4)
        ax.plot(grid, np.log(p / (1 - p)), color=colour, label=label)
    ax.set_xlim(edges[0], edges[-1])
    ax.set_ylim(-10, 10)
    ax.set_xlabel("class-weighted model's log-odds (its score), middle 99% of test rows")
    ax.set_ylabel("log-odds that the row is positive")
    ax.legend(fontsize=8)
    ax.text(0.99, 0.02, "on this scale Platt and the prior correction are straight lines", transform=ax.transAxes,
            ha="right", va="bottom", fontsize=8, color="0.3")
    return fig


def _sweep_figure(sweep, numbers):
    fig, axes = new_figure(2, 1, width=5.6, height=4.2, title="Class-weighted model recalibrated on more and more "
                           "held-out rows")
    sizes = [r["rows"] for r in sweep]
    for ax, metric, label in ((axes[0], "brier", "Brier score on test"), (axes[1], "ece", "ECE on test")):
        ax.plot(sizes, [r[f"platt_{metric}"] for r in sweep], "o-", color=COLOURS[4], label="Platt")
        ax.plot(sizes, [r[f"isotonic_{metric}"] for r in sweep], "s-", color=COLOURS[5], label="isotonic")
        ax.axhline(numbers[f"plain_raw_{metric}"], color=COLOURS[0], ls=":", label="plain model, uncalibrated")
        ax.axhline(numbers[f"weighted_prior_{metric}"], color=COLOURS[3], ls="--",
                   label="prior correction (no calibration rows)")
        ax.set_xscale("log")
        ax.set_xlabel("calibration rows")
        ax.set_ylabel(label + " (lower is better)")
        ax.legend(fontsize=8)
    return fig
