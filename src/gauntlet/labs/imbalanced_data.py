"""Imbalanced classes: the accuracy trap, class weights, SMOTE, threshold tuning and the PR curve.

Data: ``prevalence`` of rows are positive (exactly: round(prevalence * n) of every set, so the
class counts do not vary with the seed); positives are shifted by (1.5, 1.0) in the first two of
five Gaussian features (the other three are noise). ``n_train`` rows to train on, as many for
validation (used only to tune the threshold), 20,000 for testing.

Models, all logistic regression unless stated:

- always "negative": no model at all;
- plain, threshold 0.5;
- class weights: each positive counts n_negative / n_positive times in the loss (done by repeating
  the positive rows that many times, which is the same objective for whole-number weights);
- SMOTE: synthetic positives interpolated between neighbouring positives until the classes are
  balanced (training set only);
- plain, threshold tuned on validation to maximise F1.
"""

from __future__ import annotations

import numpy as np

from gauntlet.errors import InputError
from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import (
    SMOTE,
    LogisticRegression,
    accuracy_score,
    average_precision_score,
    precision_recall_curve,
    precision_recall_f1,
    roc_auc_score,
    roc_curve,
)
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "imbalanced-data",
    params=(
        Param("prevalence", "float", 0.05, "share of positive rows", low=0.005, high=0.5),
        Param("n_train", "int", 4000, "training rows (validation has as many; test has 20,000)", low=500,
              high=50000),
    ),
    notice=(
        "The accuracy trap: predicting 'negative' for everyone scores 1 - prevalence (95% at 5% positives) and "
        "catches nobody. With rare positives, judge a model by precision, recall, F1 and the precision-recall "
        "curve, not accuracy.",
        "With rare positives, a plain model at the default 0.5 threshold finds few of them: its probabilities "
        "are calibrated, and with a low base rate few rows ever reach 0.5.",
        "Class weights and SMOTE both tell the model that positives matter more (with balanced classes they do "
        "nothing: the weight is 1 and there is no minority to oversample). For logistic regression that mostly "
        "shifts the intercept, so at 0.5 recall rises and precision falls, while the ranking of rows barely "
        "changes: average precision and ROC AUC stay about the same. Moving the threshold of the plain model "
        "gets a similar trade-off with no retraining.",
        "Reweighting and oversampling inflate the predicted probabilities (the model now believes in a balanced "
        "world). Fine for ranking; if you need calibrated probabilities, recalibrate or use the plain model.",
        "ROC AUC looks flattering under imbalance because its false-positive rate divides by the huge number of "
        "negatives; the PR curve shows the precision you would actually get. A random model's average precision "
        "is the prevalence, not 0.5.",
        "SMOTE belongs inside the training split only (and inside each cross-validation fold): resampling before "
        "splitting leaks synthetic copies of test rows into training.",
    ),
    takeaway=(
        "Under class imbalance, drop accuracy for precision/recall, F1 or PR-AUC, decided by the business cost of "
        "each error. Start with a good ranking model, then pick the threshold on validation data; class weights "
        "(or focal loss) and resampling such as SMOTE or undersampling are alternatives that mostly move the "
        "operating point and distort probabilities. Use stratified splits, collect more positives if you can, "
        "and consider anomaly detection when positives are extremely rare."
    ),
)

N_FEATURES = 5
SHIFT = np.array([1.5, 1.0, 0.0, 0.0, 0.0])
N_TEST = 20_000
METHODS = ("always negative", "plain, 0.5", "class weights, 0.5", "SMOTE, 0.5", "plain, tuned threshold")
KEYS = {"always negative": "always_negative", "plain, 0.5": "plain", "class weights, 0.5": "weighted",
        "SMOTE, 0.5": "smote", "plain, tuned threshold": "tuned"}
THRESHOLDS = np.linspace(0.01, 0.99, 99)


MIN_POSITIVES = 10  # SMOTE interpolates between each positive and its 5 nearest positives


def positives_in(n: int, prevalence: float) -> int:
    return int(round(prevalence * n))


def draw(rng: np.random.Generator, n: int, prevalence: float) -> tuple[np.ndarray, np.ndarray]:
    """``n`` rows of which exactly ``positives_in(n, prevalence)`` are positive, in random order."""
    y = rng.permutation(np.r_[np.ones(positives_in(n, prevalence), dtype=int),
                              np.zeros(n - positives_in(n, prevalence), dtype=int)])
    return rng.standard_normal((n, N_FEATURES)) + y[:, None] * SHIFT, y


def scores(y: np.ndarray, flagged: np.ndarray) -> dict[str, float]:
    """Accuracy, precision, recall and F1 of flagging ``flagged`` rows as positive (0 when undefined)."""
    predicted = flagged.astype(int)
    precision, recall, f1 = precision_recall_f1(y, predicted)
    return {"accuracy": accuracy_score(y, predicted), "precision": precision, "recall": recall, "f1": f1}


def run(seed: int, progress: ProgressFn = no_progress, *, prevalence: float, n_train: int) -> LabResult:
    if positives_in(n_train, prevalence) < MIN_POSITIVES:
        need = int(np.ceil(MIN_POSITIVES / prevalence))  # n * prevalence >= MIN_POSITIVES rounds to enough
        raise InputError(f"prevalence {prevalence:g} x n_train {n_train} gives {positives_in(n_train, prevalence)} "
                         f"positive training rows; the lab needs at least {MIN_POSITIVES} (SMOTE interpolates "
                         f"between each positive and its 5 nearest positives): use n_train >= {need} or a higher "
                         f"prevalence")
    rng = np.random.default_rng(seed)
    X, y = draw(rng, n_train, prevalence)
    X_val, y_val = draw(rng, n_train, prevalence)
    X_te, y_te = draw(rng, N_TEST, prevalence)

    plain = LogisticRegression().fit(X, y)
    weight = max(1, int(round((y == 0).sum() / max((y == 1).sum(), 1))))
    positives = np.flatnonzero(y == 1)
    repeated = np.concatenate([np.arange(len(y)), np.repeat(positives, weight - 1)])
    weighted = LogisticRegression().fit(X[repeated], y[repeated])
    X_smote, y_smote = SMOTE(random_state=int(rng.integers(0, 2**31))).fit_resample(X, y)
    smote = LogisticRegression().fit(X_smote, y_smote)
    progress(1, 2)

    p_val = plain.predict_proba(X_val)[:, 1]
    f1_by_threshold = [scores(y_val, p_val >= t)["f1"] for t in THRESHOLDS]
    tuned_threshold = float(THRESHOLDS[int(np.argmax(f1_by_threshold))])
    probabilities = {"plain": plain.predict_proba(X_te)[:, 1], "weighted": weighted.predict_proba(X_te)[:, 1],
                     "smote": smote.predict_proba(X_te)[:, 1]}
    flags = {
        "always negative": np.zeros(N_TEST, dtype=bool),
        "plain, 0.5": probabilities["plain"] >= 0.5,
        "class weights, 0.5": probabilities["weighted"] >= 0.5,
        "SMOTE, 0.5": probabilities["smote"] >= 0.5,
        "plain, tuned threshold": probabilities["plain"] >= tuned_threshold,
    }
    ranking_of = {"always negative": None, "plain, 0.5": "plain", "class weights, 0.5": "weighted",
                  "SMOTE, 0.5": "smote", "plain, tuned threshold": "plain"}
    progress(2, 2)

    numbers: dict[str, float | int] = {"test_prevalence": float(y_te.mean()), "class_weight_for_positives": weight,
                                       "training_rows": n_train, "smote_training_rows": int(len(y_smote)),
                                       "tuned_threshold": tuned_threshold}
    rows: list[list[Scalar]] = []
    for name in METHODS:
        result = scores(y_te, flags[name])
        key = KEYS[name]
        for metric, value in result.items():
            numbers[f"{key}_{metric}"] = value
        model = ranking_of[name]
        ap = average_precision_score(y_te, probabilities[model]) if model else float(y_te.mean())
        auc = roc_auc_score(y_te, probabilities[model]) if model else 0.5
        mean_p = float(probabilities[model].mean()) if model else 0.0
        rows.append([name, result["accuracy"], result["precision"], result["recall"], result["f1"], ap, auc, mean_p])
    for model, p in probabilities.items():
        numbers[f"{model}_average_precision"] = average_precision_score(y_te, p)
        numbers[f"{model}_roc_auc"] = roc_auc_score(y_te, p)
        numbers[f"{model}_mean_predicted_probability"] = float(p.mean())
    table = ResultTable(
        f"On {N_TEST:,} test rows, {y_te.mean():.1%} positive",
        ["method", "accuracy", "precision", "recall", "F1", "PR-AUC (AP)", "ROC AUC", "mean p"],
        rows,
    )
    notices = _notices(numbers, weight=weight)
    figures = {
        "pr_curves": lambda: _pr_figure(y_te, probabilities, numbers),
        "roc_curves": lambda: _roc_figure(y_te, probabilities),
        "metrics": lambda: _metrics_figure(numbers),
    }
    return LabResult("imbalanced-data", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


def _notices(n: dict, *, weight: int) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    base, plain_acc = n["always_negative_accuracy"], n["plain_accuracy"]
    out = [f"Always answering 'negative' scores accuracy {base:.3f} and recall 0; the plain model at 0.5 scores "
           f"accuracy {plain_acc:.3f} (recall {n['plain_recall']:.2f}, precision {n['plain_precision']:.2f})"
           + (": accuracy barely tells a useful model from no model at all." if plain_acc - base < 0.05 else ".")]
    remedies = (f"Class weights (positives x{weight}) at 0.5: recall {n['weighted_recall']:.2f}, precision "
                f"{n['weighted_precision']:.2f}; SMOTE at 0.5 ({n['smote_training_rows'] - n['training_rows']} "
                f"synthetic rows): recall {n['smote_recall']:.2f}, precision {n['smote_precision']:.2f}; the plain "
                f"model with the F1-best validation threshold ({n['tuned_threshold']:.2f}): recall "
                f"{n['tuned_recall']:.2f}, precision {n['tuned_precision']:.2f}, F1 {n['tuned_f1']:.3f}.")
    if weight == 1 and n["smote_training_rows"] == n["training_rows"]:
        remedies += (" The classes are balanced, so the weight is 1 and SMOTE adds no rows: both remedies are the "
                     "plain model.")
    else:
        moved = [name for name, key in (("class weights", "weighted"), ("SMOTE", "smote"))
                 if n[f"{key}_recall"] > n["plain_recall"] and n[f"{key}_precision"] < n["plain_precision"]]
        if moved:
            remedies += (f" {' and '.join(moved)[0].upper()}{' and '.join(moved)[1:]} raised recall above the plain "
                         f"model's "
                         f"{n['plain_recall']:.2f} and lowered precision below its {n['plain_precision']:.2f}: a "
                         f"different operating point.")
    out.append(remedies)
    ap = {key: n[f"{key}_average_precision"] for key in ("plain", "weighted", "smote")}
    shift = max(abs(ap[key] - ap["plain"]) for key in ("weighted", "smote"))
    ranking = ("The ranking barely moved" if shift < 0.02 else "The ranking changed") + (
        f": average precision {ap['plain']:.3f} plain, {ap['weighted']:.3f} weighted, {ap['smote']:.3f} SMOTE (a "
        f"random ranking scores the prevalence, {n['test_prevalence']:.3f}).")
    auc = n["plain_roc_auc"]
    if auc - ap["plain"] > 0.1:
        ranking += (f" ROC AUC is {auc:.3f}, well above the average precision: its false-positive rate divides by "
                    f"the many negatives, so it stays small even when most flagged rows are negatives.")
    else:
        ranking += (f" ROC AUC, {auc:.3f}, is close to the average precision: with {n['test_prevalence']:.0%} "
                    f"positives there are too few negatives to flatter the false-positive rate.")
    out.append(ranking)
    truth = n["test_prevalence"]
    inflated = [f"{name} {n[f'{key}_mean_predicted_probability']:.3f} "
                f"({n[f'{key}_mean_predicted_probability'] / truth:.1f} times the true rate)"
                for name, key in (("weighted", "weighted"), ("SMOTE", "smote"))]
    out.append(f"Mean predicted P(positive) on test: plain {n['plain_mean_predicted_probability']:.3f} (true rate "
               f"{truth:.3f}), {inflated[0]}, {inflated[1]}.")
    return out


def _pr_figure(y, probabilities, numbers):
    fig, ax = new_figure(width=6.5, title="Precision-recall curves on test")
    markers = {"plain": ("plain", "o"), "weighted": ("weighted", "s"), "smote": ("smote", "D")}
    for (model, p), colour in zip(probabilities.items(), COLOURS, strict=False):
        precision, recall, _ = precision_recall_curve(y, p)
        ax.plot(recall, precision, color=colour, label=f"{model} (AP {numbers[f'{model}_average_precision']:.3f})")
        key, marker = markers[model]
        ax.plot(numbers[f"{key}_recall"], numbers[f"{key}_precision"], marker, color=colour, ms=9,
                label=f"{model} at threshold 0.5")
    ax.plot(numbers["tuned_recall"], numbers["tuned_precision"], "*", color="k", ms=13,
            label=f"plain at tuned threshold {numbers['tuned_threshold']:.2f}")
    ax.axhline(y.mean(), color="0.5", ls=":", label="random ranking (= prevalence)")
    ax.set_xlabel("recall (share of positives caught)")
    ax.set_ylabel("precision (share of flags that are positive)")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize=7)
    return fig


def _roc_figure(y, probabilities):
    fig, ax = new_figure(width=6.0, title="ROC curves on test: flattering under imbalance")
    for (model, p), colour in zip(probabilities.items(), COLOURS, strict=False):
        fpr, tpr, _ = roc_curve(y, p)
        ax.plot(fpr, tpr, color=colour, label=f"{model} (AUC {roc_auc_score(y, p):.3f})")
    ax.plot([0, 1], [0, 1], ":", color="0.5", label="random")
    ax.set_xlabel("false-positive rate (share of negatives flagged)")
    ax.set_ylabel("true-positive rate (recall)")
    ax.legend()
    return fig


def _metrics_figure(numbers):
    fig, ax = new_figure(width=9.0, title="Test metrics by method")
    metrics = ("accuracy", "precision", "recall", "f1")
    index = np.arange(len(METHODS))
    for i, (metric, colour) in enumerate(zip(metrics, COLOURS, strict=False)):
        ax.bar(index + (i - 1.5) * 0.2, [numbers[f"{KEYS[m]}_{metric}"] for m in METHODS], 0.2, color=colour,
               label=metric)
    ax.set_xticks(index, METHODS, fontsize=8)
    ax.set_xlabel("method")
    ax.set_ylabel("score on test")
    ax.set_ylim(0, 1.05)
    ax.legend(ncols=4)
    return fig
