"""Choosing a decision threshold by expected business cost, not by 0.5 or by F1.

A fraud-style problem: ``prevalence`` of the cases are positive; missing one (a false negative)
costs ``cost_fn``, a needless review (a false positive) costs ``cost_fp``. Features are Gaussian
with the same covariance in both classes, so logistic regression is the right model and its
probabilities are calibrated: what the Bayes-optimal threshold rule assumes.

The threshold is chosen on a validation set (never on the test set) by four rules, and each is
then scored on a separate test set: the default 0.5, the F1-maximising threshold, the
cost-minimising threshold, and the theoretical cost_fp / (cost_fp + cost_fn).
"""

from __future__ import annotations

import numpy as np

from gauntlet.errors import InputError
from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import LogisticRegression, average_precision_score, precision_recall_curve
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "precision-recall-costs",
    params=(
        Param("cost_fn", "float", 100.0, "cost of a missed positive (false negative)", low=0.01, high=1e6),
        Param("cost_fp", "float", 5.0, "cost of a false alarm (false positive)", low=0.01, high=1e6),
        Param("prevalence", "float", 0.05, "share of positive cases", low=0.005, high=0.5),
        Param("n_train", "int", 5000, "training rows (validation has as many; test has 20,000)",
              low=500, high=50000),
    ),
    notice=(
        "Expected cost per case is cost_fn·(share of misses) + cost_fp·(share of false alarms). Flagging a case "
        "with probability p of being positive costs (1 - p)·cost_fp in expectation, not flagging it costs "
        "p·cost_fn, so the cheapest rule is: flag when p > cost_fp / (cost_fp + cost_fn). With a miss 20x "
        "dearer than a false alarm that threshold is 1/21, about 0.048, far below 0.5.",
        "That threshold does not depend on prevalence: the base rate is already inside a calibrated p. It does "
        "depend on calibration; a model whose scores are not probabilities needs its threshold tuned on "
        "validation data (or calibrating first, e.g. Platt scaling or isotonic regression).",
        "Lowering the threshold trades precision for recall: many more false alarms, fewer misses. When misses "
        "are expensive that trade pays, even though precision, accuracy and F1 all get worse.",
        "F1 weighs precision and recall equally and ignores true negatives and money; 0.5 is optimal only when "
        "both errors cost the same. Neither is the business objective.",
        "With enough validation positives the cost curve is flat near its minimum, so a threshold tuned on "
        "validation loses little on test; choosing it on the test set itself would make the test score "
        "optimistic.",
    ),
    takeaway=(
        "Ask what each error costs, then pick the operating point that minimises expected cost on validation "
        "data and confirm it on a held-out test set; with calibrated probabilities the optimum is "
        "p > c_FP / (c_FP + c_FN). Report precision and recall at that threshold (and the PR curve, which "
        "suits rare positives better than ROC), revisit the threshold when costs or prevalence change, and "
        "monitor calibration in production."
    ),
)

N_FEATURES = 4
POSITIVE_MEAN = np.array([1.5, 1.0, 0.8, 0.0])
N_TEST = 20_000
THRESHOLDS = 1.0 / (1.0 + np.exp(-np.linspace(-9, 9, 1801)))  # dense on the logit scale, where it matters
# what validation may choose from: also "flag everyone" (0) and "flag nobody" (1: only p = 1.0 exactly),
# which extreme costs call for
CANDIDATES = np.r_[0.0, THRESHOLDS, 1.0]
COST_RATIOS = np.geomspace(1, 200, 25)
RULES = {  # key in the numbers -> how the table names the threshold rule
    "default": "0.5 default",
    "f1": "best F1 (val)",
    "cost": "least cost (val)",
    "bayes": "c_FP/(c_FP+c_FN)",
}


MIN_POSITIVES = 10  # per training and validation set: fewer cannot fit or tune anything


def positives_in(n: int, prevalence: float) -> int:
    return int(round(prevalence * n))


def draw(rng: np.random.Generator, n: int, prevalence: float) -> tuple[np.ndarray, np.ndarray]:
    """``n`` cases of which exactly ``positives_in(n, prevalence)`` are positive, in random order."""
    positives = positives_in(n, prevalence)
    y = rng.permutation(np.r_[np.ones(positives, dtype=int), np.zeros(n - positives, dtype=int)])
    X = rng.standard_normal((n, N_FEATURES)) + y[:, None] * POSITIVE_MEAN
    return X, y


def counts_at(y: np.ndarray, p: np.ndarray, thresholds: np.ndarray) -> dict[str, np.ndarray]:
    """TP, FP, FN, TN when flagging p >= t, for every t in ``thresholds`` (vectorised by sorting)."""
    pos, neg = np.sort(p[y == 1]), np.sort(p[y == 0])
    tp = len(pos) - np.searchsorted(pos, thresholds, side="left")
    fp = len(neg) - np.searchsorted(neg, thresholds, side="left")
    return {"tp": tp, "fp": fp, "fn": len(pos) - tp, "tn": len(neg) - fp}


def cost_per_1000(c: dict[str, np.ndarray], cost_fn: float, cost_fp: float) -> np.ndarray:
    n = c["tp"] + c["fp"] + c["fn"] + c["tn"]
    return 1000.0 * (cost_fn * c["fn"] + cost_fp * c["fp"]) / n


def f1(c: dict[str, np.ndarray]) -> np.ndarray:
    return 2 * c["tp"] / np.maximum(2 * c["tp"] + c["fp"] + c["fn"], 1)


def run(seed: int, progress: ProgressFn = no_progress, *, cost_fn: float, cost_fp: float, prevalence: float,
        n_train: int) -> LabResult:
    if positives_in(n_train, prevalence) < MIN_POSITIVES:
        raise InputError(f"prevalence {prevalence:g} x n_train {n_train} gives {positives_in(n_train, prevalence)} "
                         f"positive cases to train on (and as many to tune the threshold on); the lab needs at least "
                         f"{MIN_POSITIVES}: use n_train >= {int(np.ceil(MIN_POSITIVES / prevalence))} or a higher "
                         f"prevalence")
    rng = np.random.default_rng(seed)
    X_tr, y_tr = draw(rng, n_train, prevalence)
    X_val, y_val = draw(rng, n_train, prevalence)
    X_te, y_te = draw(rng, N_TEST, prevalence)
    model = LogisticRegression().fit(X_tr, y_tr)
    p_val, p_te = model.predict_proba(X_val)[:, 1], model.predict_proba(X_te)[:, 1]
    progress(1, 2)

    val = counts_at(y_val, p_val, CANDIDATES)
    val_cost = cost_per_1000(val, cost_fn, cost_fp)
    chosen = {
        "default": 0.5,
        "f1": float(CANDIDATES[int(np.argmax(f1(val)))]),
        "cost": float(CANDIDATES[int(np.argmin(val_cost))]),
        "bayes": cost_fp / (cost_fp + cost_fn),
    }
    test_at = counts_at(y_te, p_te, np.array(list(chosen.values())))
    test_cost = cost_per_1000(test_at, cost_fn, cost_fp)
    numbers: dict[str, float] = {"validation_cases": n_train, "validation_positives": int(y_val.sum()),
                                 "test_prevalence": float(y_te.mean()),
                                 "average_precision_test": average_precision_score(y_te, p_te)}
    rows = []
    for i, (key, t) in enumerate(chosen.items()):
        tp, fp, fn = int(test_at["tp"][i]), int(test_at["fp"][i]), int(test_at["fn"][i])
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn)
        numbers[f"threshold_{key}"] = t
        numbers[f"test_cost_per_1000_{key}"] = test_cost[i]
        numbers[f"test_precision_{key}"] = precision
        numbers[f"test_recall_{key}"] = recall
        rows.append([RULES[key], t, precision, recall, fp, fn, test_cost[i]])
    numbers["test_cost_per_1000_flag_nobody"] = 1000.0 * cost_fn * float(y_te.mean())
    numbers["test_cost_per_1000_flag_everyone"] = 1000.0 * cost_fp * float(1 - y_te.mean())
    numbers["saving_vs_default_percent"] = 100.0 * (1 - numbers["test_cost_per_1000_cost"]
                                                    / numbers["test_cost_per_1000_default"])
    rows += [["flag nobody", 1.0, 0.0, 0.0, 0, int(y_te.sum()), numbers["test_cost_per_1000_flag_nobody"]],
             ["flag everyone", 0.0, float(y_te.mean()), 1.0, int((1 - y_te).sum()), 0,
              numbers["test_cost_per_1000_flag_everyone"]]]
    table = ResultTable(f"On {N_TEST:,} test cases (cost_fn = {cost_fn:g}, cost_fp = {cost_fp:g})",
                        ["threshold rule", "threshold", "precision", "recall", "false alarms", "misses",
                         "cost per 1,000 cases"], rows)

    # how the best threshold moves with the cost ratio (validation set, same model)
    best_by_ratio = [float(CANDIDATES[int(np.argmin(cost_per_1000(val, ratio, 1.0)))]) for ratio in COST_RATIOS]
    progress(2, 2)

    te_curve = cost_per_1000(counts_at(y_te, p_te, THRESHOLDS), cost_fn, cost_fp)
    notices = _notices(numbers, cost_fn=cost_fn, cost_fp=cost_fp)
    figures = {
        "cost_curve": lambda: _cost_figure(val_cost[1:-1], te_curve, chosen, cost_fn, cost_fp),
        "pr_curve": lambda: _pr_figure(y_te, p_te, chosen, numbers),
        "threshold_vs_cost_ratio": lambda: _ratio_figure(best_by_ratio),
    }
    return LabResult("precision-recall-costs", seed, numbers=numbers, tables=[table], notices=notices,
                     figures=figures)


def _money(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:.3g}"


def _percent(fraction: float) -> str:
    """A share of a cost, never rounded up to "100%" when something is left."""
    return ">99%" if 0.99 < fraction < 1 else f"{fraction:.0%}"


def _notices(n: dict, *, cost_fn: float, cost_fp: float) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    default, tuned, bayes = (n["test_cost_per_1000_default"], n["test_cost_per_1000_cost"],
                             n["test_cost_per_1000_bayes"])
    saving = n["saving_vs_default_percent"] / 100
    if saving > 0.02:
        versus = f"{_percent(saving)} less than 0.5"
    elif saving >= -0.02:
        versus = "within 2% of 0.5" + (" (with equal costs, 0.5 is the cost-optimal threshold for calibrated "
                                        "probabilities)" if cost_fn == cost_fp else "")
    else:
        versus = f"{_percent(-saving)} more than 0.5: the threshold tuned on validation did not carry over to test"
    out = [f"On test, the default 0.5 threshold costs {_money(default)} per 1,000 cases, the F1-best threshold "
           f"({n['threshold_f1']:.2f}) {_money(n['test_cost_per_1000_f1'])}, and the cost-best threshold from "
           f"validation ({n['threshold_cost']:.3g}) {_money(tuned)}: {versus}."]
    gap = bayes / tuned - 1 if tuned > 0 else (0.0 if bayes == 0 else np.inf)
    if abs(gap) <= 0.1:
        agreement = ": within 10% of the tuned one, as theory predicts for calibrated probabilities."
    elif gap < 0:
        agreement = (f": {_percent(-gap)} less than the threshold tuned on validation ({n['validation_cases']:,} "
                     f"cases, {n['validation_positives']} positive): a threshold tuned on a finite validation set is "
                     f"itself a noisy estimate.")
    else:
        agreement = (f": {gap:.0%} more than the threshold tuned on validation (theory assumes perfectly "
                     f"calibrated probabilities; tuning on validation corrects for what calibration misses).")
    out.append(f"The theoretical threshold cost_fp/(cost_fp+cost_fn) = {n['threshold_bayes']:.3g} costs "
               f"{_money(bayes)} on test{agreement}")
    out.append(f"At the cost-best threshold precision is {n['test_precision_cost']:.2f} and recall "
               f"{n['test_recall_cost']:.2f}; at 0.5 they are {n['test_precision_default']:.2f} and "
               f"{n['test_recall_default']:.2f}.")
    return out


MARKERS = ("o", "s", "D", "^")


def _cost_figure(val_cost, test_cost, chosen, cost_fn, cost_fp):
    fig, ax = new_figure(width=7.5, title=f"Expected cost vs threshold (miss = {cost_fn:g}, false alarm = {cost_fp:g})")
    ax.plot(THRESHOLDS, val_cost, color=COLOURS[0], label="validation")
    ax.plot(THRESHOLDS, test_cost, color=COLOURS[1], alpha=0.7, label="test")
    for (key, t), colour in zip(chosen.items(), COLOURS[2:], strict=False):
        if THRESHOLDS[0] <= t <= THRESHOLDS[-1]:
            ax.axvline(t, color=colour, ls="--", label=f"{RULES[key]}: {t:.3g}")
        else:  # a logit axis cannot reach 0 or 1 (flag everyone / nobody) or beyond the plotted range
            ax.plot([], [], color=colour, ls="--", label=f"{RULES[key]}: {t:.3g} (off the axis)")
    ax.set_xscale("logit")
    ax.set_xlim(THRESHOLDS[0], THRESHOLDS[-1])
    ax.set_xlabel("decision threshold on P(positive) (logit scale)")
    ax.set_ylabel("cost per 1,000 cases")
    ax.legend(fontsize=8)
    return fig


def _pr_figure(y, p, chosen, numbers):
    precision, recall, _ = precision_recall_curve(y, p)
    fig, ax = new_figure(width=6.5,
                         title=f"Precision-recall curve on test (AP = {numbers['average_precision_test']:.2f})")
    ax.plot(recall, precision, color=COLOURS[0])
    for (key, t), marker, colour in zip(chosen.items(), MARKERS, COLOURS[2:], strict=False):
        ax.plot(numbers[f"test_recall_{key}"], numbers[f"test_precision_{key}"], marker, color=colour, ms=9,
                label=f"{RULES[key]} (t = {t:.3f})")
    ax.axhline(numbers["test_prevalence"], color="0.5", ls=":", label="precision of a random guess (prevalence)")
    ax.set_xlabel("recall (share of positives caught)")
    ax.set_ylabel("precision (share of flags that are positive)")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize=8)
    return fig


def _ratio_figure(best_by_ratio):
    fig, ax = new_figure(width=6.5, title="The best threshold falls as misses get dearer")
    ax.plot(COST_RATIOS, best_by_ratio, "o", color=COLOURS[0], label="lowest cost on validation")
    ax.plot(COST_RATIOS, 1 / (1 + COST_RATIOS), "-", color=COLOURS[1], label="theory: 1 / (1 + cost_fn/cost_fp)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("cost of a miss / cost of a false alarm (log scale)")
    ax.set_ylabel("best threshold (log scale)")
    ax.legend()
    return fig
