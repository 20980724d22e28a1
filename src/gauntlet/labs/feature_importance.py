"""Permutation vs impurity importance in a random forest: a random id column, and a correlated copy.

Data (a churn-like binary label): P(y = 1) = sigmoid(1.5 a + 0.6 b) with a, b standard normal. Five
columns: ``a`` (strong), ``b`` (weak but real), ``copy of a`` (correlation ``copy_correlation`` with a,
no signal of its own), ``random id`` (uniform on [0, 1]: a distinct value on every row, like an id,
and pure noise) and ``coin flip`` (a random 0/1: noise with two values). ``n_train`` training rows,
1,000 test rows.

A from-scratch random forest (``n_trees`` trees, sqrt(5) = 2 features tried per split, leaves of at
least ``min_samples_leaf`` rows) is scored by ROC AUC. Importances:

- impurity (mean decrease in Gini impurity, MDI): the forest's ``feature_importances_``, computed from
  the training data the trees were grown on; shares that sum to 1;
- permutation: the drop in test ROC AUC when a column is shuffled (``n_repeats`` shuffles), and the
  same on the training rows.

Then a forest without the copy, to see what the copy took from ``a``; ``a`` and its copy shuffled
together; and the random id's importances as the leaves grow.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import RandomForestClassifier, permutation_importance, roc_auc_score
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "feature-importance",
    params=(
        Param("n_train", "int", 500, "training rows (the test set has 1,000)", low=200, high=2000),
        Param("copy_correlation", "float", 0.9, "correlation of the 'copy of a' column with a", low=0.0,
              high=0.99),
        Param("min_samples_leaf", "int", 1, "smallest leaf of the forest's trees", low=1, high=50),
        Param("n_trees", "int", 100, "trees in each forest", low=20, high=300),
        Param("n_repeats", "int", 5, "shuffles per column for permutation importance", low=2, high=20),
    ),
    notice=(
        "Impurity importance (MDI) adds up how much each feature's splits lowered the impurity, on the training "
        "rows the trees were grown on. A column with a distinct value on every row offers a threshold between any "
        "two rows, so deep trees keep finding splits on it that purify a few noisy training rows: it earns "
        "impurity credit with no predictive value. A noise column with two values offers one threshold and earns "
        "almost none. The bias shrinks when leaves are larger (fewer splits on noise) and does not go away by "
        "adding trees.",
        "Permutation importance shuffles one column and measures how much the score drops. On held-out data a "
        "column the model cannot use to generalise scores about zero (it can even be slightly negative by "
        "chance); on the training data it also credits what the model memorised, so compute it on data the model "
        "has not seen. It costs one prediction pass per column and shuffle, no refitting.",
        "Correlated features share credit. With a near-copy of a feature present, the trees split on either, so "
        "impurity importance is divided between them; and shuffling one of them barely hurts, because the model "
        "reads the same information from the other, so each looks less important than the pair is. Shuffling "
        "correlated columns together, or dropping a column and refitting, measures what the group carries.",
        "Either importance describes what this model uses, not what causes the outcome: a feature can be "
        "important because it is a proxy, and an unimportant one can still matter causally.",
    ),
    takeaway=(
        "Impurity-based (MDI) importance is fast but computed on training data and biased toward high-cardinality "
        "features such as ids, which deep trees use to fit noise. Prefer permutation importance on a held-out set "
        "(or drop-column importance, or SHAP on held-out data), drop id-like columns, and group correlated features "
        "before ranking, because both methods split or hide credit among them. Importance says what the model "
        "relies on, not causality."
    ),
)

N_TEST = 1000
FEATURES = ("a", "b", "copy of a", "random id", "coin flip")
KEYS = {"a": "a", "b": "b", "copy of a": "copy", "random id": "random_id", "coin flip": "coin"}
WEIGHT_A, WEIGHT_B = 1.5, 0.6
A, B, COPY, RANDOM_ID, COIN = range(5)
LEAF_SIZES = (1, 3, 10, 30)


def draw(rng: np.random.Generator, n: int, copy_correlation: float) -> tuple[np.ndarray, np.ndarray]:
    """(n, 5) columns in the order of FEATURES, and (n,) 0/1 labels."""
    a, b = rng.standard_normal(n), rng.standard_normal(n)
    copy = copy_correlation * a + np.sqrt(1 - copy_correlation**2) * rng.standard_normal(n)
    random_id = rng.uniform(0.0, 1.0, n)
    coin = rng.integers(0, 2, n).astype(float)
    p = 1.0 / (1.0 + np.exp(-(WEIGHT_A * a + WEIGHT_B * b)))
    return np.column_stack([a, b, copy, random_id, coin]), (rng.random(n) < p).astype(int)


def auc_of(model: RandomForestClassifier):
    """Positive-class probabilities of ``model``: what the permutation scores are computed from."""
    return lambda X: model.predict_proba(X)[:, 1]


def run(seed: int, progress: ProgressFn = no_progress, *, n_train: int, copy_correlation: float,
        min_samples_leaf: int, n_trees: int, n_repeats: int) -> LabResult:
    rng = np.random.default_rng(seed)
    X, y = draw(rng, n_train, copy_correlation)
    X_test, y_test = draw(rng, N_TEST, copy_correlation)
    total = 3 + len(LEAF_SIZES)

    def forest(columns: list[int], leaf: int) -> RandomForestClassifier:
        return RandomForestClassifier(n_trees, min_samples_leaf=leaf, random_state=int(rng.integers(2**31))).fit(
            X[:, columns], y)

    def permuted(model: RandomForestClassifier, rows: np.ndarray, labels: np.ndarray, columns: list[int],
                 groups: list[list[int]] | None = None) -> tuple[np.ndarray, np.ndarray]:
        found = permutation_importance(auc_of(model), rows[:, columns], labels, roc_auc_score, n_repeats=n_repeats,
                                       groups=groups, random_state=int(rng.integers(2**31)))
        return found.importances_mean, found.importances_std

    everything = list(range(len(FEATURES)))
    model = forest(everything, min_samples_leaf)
    mdi = model.feature_importances_
    test_auc = roc_auc_score(y_test, auc_of(model)(X_test))
    train_auc = roc_auc_score(y, auc_of(model)(X))
    test_mean, test_std = permuted(model, X_test, y_test, everything)
    train_mean, _ = permuted(model, X, y, everything)
    group_mean, _ = permuted(model, X_test, y_test, everything, groups=[[A, COPY]])
    progress(1, total)

    without_copy = [A, B, RANDOM_ID, COIN]
    model_no_copy = forest(without_copy, min_samples_leaf)
    no_copy_mean, _ = permuted(model_no_copy, X_test, y_test, without_copy)
    progress(2, total)

    leaf_rows: list[list[Scalar]] = []
    for i, leaf in enumerate(LEAF_SIZES):
        leafy = forest(everything, leaf)
        id_test, _ = permuted(leafy, X_test, y_test, everything, groups=[[RANDOM_ID]])
        leaf_rows.append([leaf, float(leafy.feature_importances_[RANDOM_ID]), float(leafy.feature_importances_[COIN]),
                          float(id_test[0]), roc_auc_score(y_test, auc_of(leafy)(X_test))])
        progress(3 + i, total)

    numbers: dict[str, Scalar] = {"test_auc": test_auc, "train_auc": train_auc}
    for j, name in enumerate(FEATURES):
        key = KEYS[name]
        numbers[f"mdi_{key}"] = float(mdi[j])
        numbers[f"perm_test_{key}"] = float(test_mean[j])
        numbers[f"perm_test_{key}_sd"] = float(test_std[j])
        numbers[f"perm_train_{key}"] = float(train_mean[j])
    numbers["mdi_rank_random_id"] = int(np.sum(mdi > mdi[RANDOM_ID])) + 1
    numbers["perm_test_rank_random_id"] = int(np.sum(test_mean > test_mean[RANDOM_ID])) + 1
    numbers["mdi_random_id_over_coin"] = float(mdi[RANDOM_ID] / mdi[COIN]) if mdi[COIN] > 0 else None
    numbers["mdi_random_id_over_b"] = float(mdi[RANDOM_ID] / mdi[B]) if mdi[B] > 0 else None
    numbers["perm_test_random_id_over_b"] = float(test_mean[RANDOM_ID] / test_mean[B]) if test_mean[B] > 0 else None
    numbers["perm_test_a_without_copy"] = float(no_copy_mean[0])
    numbers["perm_test_a_and_copy_together"] = float(group_mean[0])
    numbers["mdi_a_without_copy"] = float(model_no_copy.feature_importances_[0])
    numbers["mdi_a_plus_copy"] = float(mdi[A] + mdi[COPY])
    numbers["mdi_random_id_without_copy"] = float(model_no_copy.feature_importances_[2])
    for leaf_size, row in zip(LEAF_SIZES, leaf_rows, strict=True):
        numbers[f"mdi_random_id_leaf_{leaf_size}"] = row[1]
        numbers[f"perm_test_random_id_leaf_{leaf_size}"] = row[3]

    tables = [
        ResultTable(f"Importances ({n_trees} trees, leaves >= {min_samples_leaf}; test ROC AUC {test_auc:.3f})",
                    ["feature", "impurity (MDI, train)", "permutation, test (AUC drop)", "sd over shuffles",
                     "permutation, train (AUC drop)"],
                    [[name, float(mdi[j]), float(test_mean[j]), float(test_std[j]), float(train_mean[j])]
                     for j, name in enumerate(FEATURES)]),
        ResultTable("The random id as the leaves grow",
                    ["min_samples_leaf", "random id MDI", "coin flip MDI", "random id permutation, test",
                     "test ROC AUC"], leaf_rows),
    ]
    notices = _notices(numbers, n_repeats=n_repeats, copy_correlation=copy_correlation)
    figures = {
        "importances": lambda: _importances_figure(mdi, test_mean, test_std, train_mean),
        "correlated": lambda: _correlated_figure(numbers, copy_correlation),
        "leaf_size": lambda: _leaf_figure(leaf_rows),
    }
    return LabResult("feature-importance", seed, numbers=numbers, tables=tables, notices=notices, figures=figures)


def _notices(n: dict, *, n_repeats: int, copy_correlation: float) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    out = []
    rank = n["mdi_rank_random_id"]
    ratio = n["mdi_random_id_over_coin"]
    mdi = (f"Impurity importance gave the random id {n['mdi_random_id']:.1%} of the total (rank {rank} of 5)"
           + (f", {ratio:.1f}x the coin flip's {n['mdi_coin']:.1%}" if ratio is not None else "")
           + f", against {n['mdi_b']:.1%} for b, a real feature. Both id and coin are noise.")
    out.append(mdi)
    noise = n["perm_test_random_id"]
    perm = (f"Permutation importance on the test rows (AUC drop, mean of {n_repeats} shuffles): random id "
            f"{noise:+.4f}, coin flip {n['perm_test_coin']:+.4f}, b {n['perm_test_b']:+.4f}, "
            f"a {n['perm_test_a']:+.4f}.")
    mdi_ratio, perm_ratio = n["mdi_random_id_over_b"], n["perm_test_random_id_over_b"]
    if mdi_ratio is not None and perm_ratio is not None:
        perm += (f" Measured against b, a real feature, the id had {mdi_ratio:.0%} of b's impurity share but "
                 f"{perm_ratio:.0%} of b's permutation drop")
        perm += (": its impurity credit came from fitting training noise that does not carry over to new rows."
                 if perm_ratio < mdi_ratio / 2 else ".")
    out.append(perm)
    train = n["perm_train_random_id"]
    if train > noise:
        out.append(f"On the training rows the same shuffle costs the forest {train:+.4f} AUC for the id (training AUC "
                   f"{n['train_auc']:.3f} vs test {n['test_auc']:.3f}): it memorised those rows, so permutation "
                   f"importance on training data credits noise too.")
    else:
        out.append(f"On the training rows shuffling the id cost {train:+.4f} AUC, no more than on the test rows.")
    alone, present, together = n["perm_test_a_without_copy"], n["perm_test_a"], n["perm_test_a_and_copy_together"]
    corr = (f"With a copy of a (correlation {copy_correlation:g}) in the data, shuffling a alone cost {present:.3f} "
            f"AUC; in a forest without the copy it cost {alone:.3f}; shuffling a and its copy together cost "
            f"{together:.3f}.")
    if present < 0.8 * alone:
        corr += f" The copy hid {1 - present / alone:.0%} of a's permutation importance."
    else:
        corr += " The copy hid little of a's importance here."
    corr += (f" Impurity importance: a {n['mdi_a']:.1%} and its copy {n['mdi_copy']:.1%} (together "
             f"{n['mdi_a_plus_copy']:.1%}), against {n['mdi_a_without_copy']:.1%} for a in the forest without the "
             f"copy")
    if n["mdi_a"] < n["mdi_a_without_copy"] - 0.05:
        corr += ": the copy took part of a's share."
    else:
        corr += ": a kept its share."
    out.append(corr)
    first, last = LEAF_SIZES[0], LEAF_SIZES[-1]
    shrink = n[f"mdi_random_id_leaf_{last}"] < n[f"mdi_random_id_leaf_{first}"]
    out.append(f"As the smallest leaf grows from {first} to {last} rows, the id's impurity share goes from "
               f"{n[f'mdi_random_id_leaf_{first}']:.1%} to {n[f'mdi_random_id_leaf_{last}']:.1%}"
               + (": bigger leaves leave fewer splits to spend on noise." if shrink else "."))
    return out


def _importances_figure(mdi, test_mean, test_std, train_mean):
    fig, axes = new_figure(3, 1, width=4.4, height=4.4, title="Which features the forest relies on, by three measures")
    index = np.arange(len(FEATURES))
    colours = [COLOURS[0], COLOURS[0], COLOURS[1], COLOURS[3], COLOURS[3]]  # real, real, copy, noise, noise
    panels = [(axes[0], mdi, None, "Impurity (MDI), training data", "share of impurity decrease"),
              (axes[1], test_mean, test_std, "Permutation, test data", "ROC AUC drop when shuffled"),
              (axes[2], train_mean, None, "Permutation, training data", "ROC AUC drop when shuffled")]
    for ax, values, errors, title, ylabel in panels:
        ax.bar(index, values, yerr=errors, color=colours, capsize=3)
        ax.axhline(0, color="k", lw=0.8)
        ax.set_xticks(index, FEATURES, rotation=30, ha="right")
        ax.set_title(title)
        ax.set_xlabel("feature (blue: signal, orange: correlated copy, red: noise)", fontsize=8)
        ax.set_ylabel(ylabel)
    return fig


def _correlated_figure(n, copy_correlation):
    fig, (ax1, ax2) = new_figure(2, 1, width=5.2, height=4.4,
                                 title=f"A feature and its copy (correlation {copy_correlation:g}) share the credit")
    labels = ["a, no copy\nin the model", "a, copy\npresent", "copy of a", "a and copy\ntogether"]
    values = [n["perm_test_a_without_copy"], n["perm_test_a"], n["perm_test_copy"], n["perm_test_a_and_copy_together"]]
    ax1.bar(range(4), values, color=[COLOURS[0], COLOURS[0], COLOURS[1], COLOURS[2]])
    ax1.set_xticks(range(4), labels, fontsize=8)
    ax1.set_title("Permutation importance on test")
    ax1.set_xlabel("what is shuffled")
    ax1.set_ylabel("ROC AUC drop")
    ax2.bar([0], [n["mdi_a_without_copy"]], color=COLOURS[0], label="a")
    ax2.bar([1], [n["mdi_a"]], color=COLOURS[0])
    ax2.bar([1], [n["mdi_copy"]], bottom=[n["mdi_a"]], color=COLOURS[1], label="copy of a")
    ax2.set_xticks([0, 1], ["forest without\nthe copy", "forest with\nthe copy"])
    ax2.set_title("Impurity importance (MDI)")
    ax2.set_xlabel("model")
    ax2.set_ylabel("share of impurity decrease")
    ax2.legend()
    return fig


def _leaf_figure(rows):
    fig, ax = new_figure(width=6.4, height=4.4, title="The random id's importance as the leaves grow")
    leaves = [r[0] for r in rows]
    ax.plot(leaves, [r[1] for r in rows], "o-", color=COLOURS[3], label="random id: impurity share (MDI, train)")
    ax.plot(leaves, [r[2] for r in rows], "s-", color=COLOURS[4], label="coin flip: impurity share (MDI, train)")
    ax.plot(leaves, [r[3] for r in rows], "^--", color=COLOURS[0], label="random id: permutation AUC drop (test)")
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xscale("log")
    ax.set_xticks(leaves, [str(v) for v in leaves])
    ax.set_xlabel("min_samples_leaf (log scale)")
    ax.set_ylabel("importance")
    ax.legend(fontsize=8)
    return fig
