"""Bagging vs boosting: which part of the error each one removes.

Regression on ``y = sin(2 pi x) + 0.6 x + noise`` (x uniform on [0, 1], noise sd ``noise_sd``),
``n_train`` rows per training set. Four models, each refitted on ``rounds`` fresh training sets
and scored at 300 fixed test points, so that test error splits into bias², variance and noise
(as in the bias-variance lab):

- one deep regression tree (grown until its leaves are pure): low bias, high variance;
- bagging: ``n_trees`` deep trees on bootstrap resamples, predictions averaged;
- one stump (a tree of depth 1): high bias, low variance;
- gradient boosting: ``n_stages`` stumps, each fitted to the current residuals, learning rate 0.1.

A second experiment follows the test error of one fitted ensemble as trees or stages are added,
including boosting for 500 stages with stumps and with depth-3 trees.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.bias_variance import bias_variance_parts
from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import DecisionTreeRegressor, GradientBoostingRegressor, RandomForestRegressor
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "bagging-vs-boosting",
    params=(
        Param("n_train", "int", 200, "training rows per training set", low=30, high=2000),
        Param("noise_sd", "float", 0.3, "standard deviation of the label noise", low=0.0, high=2.0),
        Param("rounds", "int", 20, "fresh training sets for the decomposition", low=5, high=200),
        Param("n_trees", "int", 30, "trees in the bagged ensemble", low=2, high=500),
        Param("n_stages", "int", 200, "stumps in the boosted ensemble", low=2, high=2000),
    ),
    notice=(
        "Bagging fits the same flexible model to bootstrap resamples and averages. The average of B predictions "
        "that each have variance s² and pairwise correlation r has variance r·s² + (1 - r)·s²/B: the variance "
        "falls, down to the floor r·s² set by how alike the trees are (random forests lower r further by "
        "sampling features at each split), while the bias stays that of one tree.",
        "Boosting adds weak models one at a time, each fitted to what the ensemble still gets wrong (for squared "
        "loss, the residuals: the negative gradient). The sum can draw shapes no single stump can, so bias "
        "falls stage by stage, while variance grows with the stages: each one fits the training set a little "
        "more closely, and once the bias is gone further stages mostly fit noise. Compared with one full stump, "
        "though, a boosted ensemble of shrunken stumps can have lower variance: a lone stump's single split "
        "point jumps around between training sets, and a sum of many small steps averages that out.",
        "So bagging wants low-bias, high-variance parts (deep trees) and boosting wants high-bias, low-variance "
        "parts (stumps, shallow trees). Bagging a stump, or boosting fully grown trees, misses the point.",
        "More bagged trees never make the ensemble overfit more: in expectation the test error falls and levels "
        "off. With noisy labels, more boosting stages eventually do overfit, slowly with stumps and quickly with "
        "deeper trees, which is why "
        "the number of stages (early stopping), learning rate and depth are tuned on validation data.",
        "Because each stage chases the remaining errors, boosting also chases label noise and outliers; bagging "
        "is the more forgiving of the two. Bagged trees train in parallel; boosting stages are sequential.",
    ),
    takeaway=(
        "Bagging (e.g. random forests) reduces variance by averaging many decorrelated low-bias models; it is "
        "robust, parallel and hard to overfit by adding trees. Boosting (e.g. gradient boosting, XGBoost, "
        "LightGBM) reduces bias by adding weak learners that correct the current residuals; tuned well it is "
        "often the most accurate on tabular data, but it is sequential, more sensitive to noisy labels and to "
        "hyper-parameters, and overfits if run too long without early stopping."
    ),
)

N_TEST = 300
LEARNING_RATE = 0.1
CURVE_STAGES = 500
MODELS = ("deep tree", "bagged deep trees", "stump", "boosted stumps")
KEYS = {"deep tree": "deep_tree", "bagged deep trees": "bagging", "stump": "stump", "boosted stumps": "boosting"}


def true_function(x: np.ndarray) -> np.ndarray:
    return np.sin(2 * np.pi * x) + 0.6 * x


def draw(rng: np.random.Generator, n: int, noise_sd: float) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(0, 1, n)
    return x[:, None], true_function(x) + noise_sd * rng.standard_normal(n)


def stage_marks(n_stages: int) -> list[int]:
    """Stage counts at which boosting's bias and variance are measured: 1, 2, 5, 10, 20, 50... and the last."""
    marks = [m * 10**e for e in range(5) for m in (1, 2, 5) if m * 10**e < n_stages]
    return [*marks, n_stages]


def make_models(seed: int, n_trees: int, n_stages: int) -> dict:
    return {
        "deep tree": DecisionTreeRegressor(random_state=seed),
        "bagged deep trees": RandomForestRegressor(n_trees, max_features=1.0, random_state=seed),
        "stump": DecisionTreeRegressor(max_depth=1, random_state=seed),
        "boosted stumps": GradientBoostingRegressor(n_estimators=n_stages, max_depth=1, learning_rate=LEARNING_RATE,
                                                    random_state=seed),
    }


def run(seed: int, progress: ProgressFn = no_progress, *, n_train: int, noise_sd: float, rounds: int, n_trees: int,
        n_stages: int) -> LabResult:
    rng = np.random.default_rng(seed)
    x_test = np.sort(rng.uniform(0, 1, N_TEST))[:, None]
    f_test = true_function(x_test[:, 0])
    predictions = {name: np.empty((rounds, N_TEST)) for name in MODELS}
    marks = stage_marks(n_stages)
    staged = np.empty((len(marks), rounds, N_TEST))  # boosted stumps after each marked stage
    for r in range(rounds):
        X, y = draw(rng, n_train, noise_sd)
        for name, model in make_models(int(rng.integers(0, 2**31)), n_trees, n_stages).items():
            predictions[name][r] = model.fit(X, y).predict(x_test)
            if name == "boosted stumps":
                by_stage = list(model.staged_predict(x_test))
                staged[:, r] = [by_stage[m - 1] for m in marks]
        progress(r + 1, rounds + 1)

    noise = noise_sd**2
    numbers: dict[str, float] = {"noise_variance": noise}
    rows: list[list[Scalar]] = []
    for name in MODELS:
        parts = bias_variance_parts(predictions[name], f_test)
        bias2, variance = parts.bias2, parts.variance
        key = KEYS[name]
        numbers[f"{key}_bias2"] = bias2
        numbers[f"{key}_bias2_standard_error"] = parts.bias2_se
        numbers[f"{key}_variance"] = variance
        numbers[f"{key}_expected_test_mse"] = bias2 + variance + noise
        rows.append([name, bias2, parts.bias2_se, variance, noise, bias2 + variance + noise])
    numbers["bagging_variance_over_deep_tree"] = numbers["bagging_variance"] / numbers["deep_tree_variance"]
    numbers["boosting_bias2_over_stump"] = numbers["boosting_bias2"] / numbers["stump_bias2"]
    stage_parts = [bias_variance_parts(p, f_test) for p in staged]
    stage_bias2 = np.array([part.bias2 for part in stage_parts])
    stage_variance = np.array([part.variance for part in stage_parts])
    numbers["boosting_bias2_after_1_stage"] = stage_bias2[0]
    numbers["boosting_variance_after_1_stage"] = stage_variance[0]

    # one training set, ensembles grown step by step
    X, y = draw(rng, n_train, noise_sd)
    X_val, y_val = draw(rng, 2000, noise_sd)
    models = make_models(int(rng.integers(0, 2**31)), n_trees, n_stages)
    bagged = models["bagged deep trees"].fit(X, y)
    tree_preds = np.array([tree.predict(X_val) for tree in bagged.estimators_])
    bagging_curve = np.array([np.mean((tree_preds[:b].mean(axis=0) - y_val) ** 2) for b in range(1, n_trees + 1)])
    boosting_curves = {}
    for depth in (1, 3):
        boosted = GradientBoostingRegressor(n_estimators=CURVE_STAGES, max_depth=depth, learning_rate=LEARNING_RATE,
                                            random_state=int(rng.integers(0, 2**31))).fit(X, y)
        boosting_curves[depth] = np.array([np.mean((p - y_val) ** 2) for p in boosted.staged_predict(X_val)])
    progress(rounds + 1, rounds + 1)
    numbers["bagging_test_mse_1_tree"] = bagging_curve[0]
    numbers[f"bagging_test_mse_{n_trees}_trees"] = bagging_curve[-1]
    numbers["bagging_test_mse_best"] = float(bagging_curve.min())
    for depth, curve in boosting_curves.items():
        name = "stumps" if depth == 1 else f"depth{depth}"
        numbers[f"boosting_{name}_test_mse_1_stage"] = curve[0]
        numbers[f"boosting_{name}_best_stage"] = int(np.argmin(curve)) + 1
        numbers[f"boosting_{name}_test_mse_best"] = float(curve.min())
        numbers[f"boosting_{name}_test_mse_{CURVE_STAGES}_stages"] = curve[-1]

    table = ResultTable(f"Bias-variance decomposition over {rounds} training sets of {n_train} rows",
                        ["model", "bias²", "bias² standard error", "variance", "noise", "expected test MSE"], rows)
    stage_table = ResultTable(f"Boosted stumps after k stages (learning rate {LEARNING_RATE}), over the same "
                              f"{rounds} training sets", ["stages k", "bias²", "variance"],
                              [[m, b, v] for m, b, v in zip(marks, stage_bias2, stage_variance, strict=True)])
    notices = _notices(numbers, n_trees=n_trees, n_stages=n_stages, bagging_curve=bagging_curve,
                       stage_bias2=stage_bias2, stage_variance=stage_variance)
    figures = {
        "decomposition": lambda: _decomposition_figure(numbers, noise),
        "fits": lambda: _fits_figure(x_test[:, 0], predictions, f_test),
        "ensemble_size": lambda: _size_figure(bagging_curve, boosting_curves, noise),
        "boosting_stages": lambda: _stages_figure(marks, stage_bias2, stage_variance, numbers),
    }
    return LabResult("bagging-vs-boosting", seed, numbers=numbers, tables=[table, stage_table], notices=notices,
                     figures=figures)


def _notices(n: dict, *, n_trees: int, n_stages: int, bagging_curve: np.ndarray, stage_bias2: np.ndarray,
             stage_variance: np.ndarray) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    deep, bagged = n["deep_tree_variance"], n["bagging_variance"]
    tree_b2, bag_b2 = n["deep_tree_bias2"], n["bagging_bias2"]
    tree_se, bag_se = n["deep_tree_bias2_standard_error"], n["bagging_bias2_standard_error"]
    noise = max(tree_se, bag_se)
    if abs(tree_b2) <= 2 * tree_se and abs(bag_b2) <= 2 * bag_se:
        bias_text = (f"bias² could not be told from zero for either ({tree_b2:.2g} -> {bag_b2:.2g}, with a Monte-Carlo "
                     f"standard error of about {noise:.1g}; an unbiased estimate of a bias this small can come out "
                     f"negative)")
    elif abs(bag_b2 - tree_b2) <= 2 * noise:
        bias_text = f"bias² stayed about the same ({tree_b2:.3g} -> {bag_b2:.3g}, standard error about {noise:.1g})"
    else:
        bias_text = f"bias² went from {tree_b2:.3g} to {bag_b2:.3g}"
    out = [f"Bagging {n_trees} deep trees {'cut' if bagged < deep else 'did not cut'} the variance: {deep:.4f} -> "
           f"{bagged:.4f} ({n['bagging_variance_over_deep_tree']:.0%} of one tree's); {bias_text}."]
    stump_b2, boost_b2 = n["stump_bias2"], n["boosting_bias2"]
    stump_var, boost_var = n["stump_variance"], n["boosting_variance"]
    out.append(f"Boosting {n_stages} stumps {'cut' if boost_b2 < stump_b2 else 'did not cut'} the bias²: "
               f"{stump_b2:.3f} for one stump -> {boost_b2:.4f} ({n['boosting_bias2_over_stump']:.1%} of it).")
    rising = bool(np.all(np.diff(stage_variance) > 0))
    growth = (f"Stage by stage, the boosted stumps' bias² fell from {stage_bias2[0]:.3f} after 1 stage to "
              f"{stage_bias2[-1]:.4f} after {n_stages}, while their variance "
              + ("rose at every measured stage" if rising else
                 "rose" if stage_variance[-1] > stage_variance[0] else "did not rise")
              + f", from {stage_variance[0]:.4f} to {stage_variance[-1]:.4f}: each stage fits the training set a "
              "little more closely.")
    if boost_var < stump_var:
        growth += (f" Yet the {n_stages}-stage ensemble's variance is below one full stump's ({stump_var:.4f}): a lone "
                   "stump's single split point jumps around between training sets, and a sum of many shrunken steps "
                   "averages that out.")
    else:
        growth += f" The {n_stages}-stage ensemble's variance is above one full stump's ({stump_var:.4f})."
    out.append(growth)
    curves = (f"On one training set, the bagged ensemble's test MSE went from {bagging_curve[0]:.3f} with 1 tree to "
              f"{bagging_curve[-1]:.3f} with {n_trees}. ")
    for name, key in (("stumps", "stumps"), ("depth-3 trees", "depth3")):
        best, final = n[f"boosting_{key}_test_mse_best"], n[f"boosting_{key}_test_mse_{CURVE_STAGES}_stages"]
        curves += (f"Boosted {name} were best at stage {n[f'boosting_{key}_best_stage']} ({best:.3f}) and "
                   f"{final / best - 1:.0%} above that after {CURVE_STAGES} stages. ")
    out.append(curves.strip())
    return out


def _stages_figure(marks, stage_bias2, stage_variance, numbers):
    fig, ax = new_figure(width=6.5, title="Boosted stumps: bias² and variance after k stages")
    ax.plot(marks, np.maximum(stage_bias2, 1e-6), "o-", color=COLOURS[0], label="bias² of the boosted ensemble")
    ax.plot(marks, stage_variance, "s-", color=COLOURS[1], label="variance of the boosted ensemble")
    ax.axhline(numbers["stump_variance"], color=COLOURS[1], ls=":", label="variance of one full stump")
    ax.axhline(numbers["stump_bias2"], color=COLOURS[0], ls=":", label="bias² of one full stump")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("boosting stages k (log scale)")
    ax.set_ylabel("squared error (log scale)")
    ax.legend(fontsize=8)
    return fig


def _decomposition_figure(numbers, noise):
    fig, ax = new_figure(width=7.5, title="What each ensemble removes")
    index = np.arange(len(MODELS))
    bias2 = [numbers[f"{KEYS[m]}_bias2"] for m in MODELS]
    variance = [numbers[f"{KEYS[m]}_variance"] for m in MODELS]
    ax.bar(index, bias2, color=COLOURS[0], label="bias²")
    ax.bar(index, variance, bottom=bias2, color=COLOURS[1], label="variance")
    ax.bar(index, [noise] * len(MODELS), bottom=np.add(bias2, variance), color="0.8", label="noise (irreducible)")
    ax.set_xticks(index, MODELS)
    ax.set_xlabel("model")
    ax.set_ylabel("expected test MSE and its parts")
    ax.legend()
    return fig


def _fits_figure(x, predictions, f_test):
    fig, axes = new_figure(4, 1, width=3.8, height=3.6, title="Fits from 5 different training sets")
    for ax, name in zip(axes, MODELS, strict=True):
        for curve in predictions[name][:5]:
            ax.plot(x, curve, color=COLOURS[0], alpha=0.5, lw=1)
        ax.plot(x, f_test, "k-", lw=2, label="true f(x)")
        ax.set_ylim(-1.8, 2.0)  # one scale for all four, so the spreads compare
        ax.set_title(name)
        ax.set_xlabel("x")
        ax.set_ylabel("prediction")
        ax.legend(loc="lower left", fontsize=8)
    return fig


def _size_figure(bagging_curve, boosting_curves, noise):
    fig, (ax1, ax2) = new_figure(2, 1, width=5.5, title="Test MSE as the ensemble grows (one training set)")
    ax1.plot(np.arange(1, len(bagging_curve) + 1), bagging_curve, color=COLOURS[1], label="bagged deep trees")
    ax1.set_xlabel("bagged trees")
    ax1.set_title("Bagging: falls, then levels off")
    for (depth, curve), colour in zip(boosting_curves.items(), (COLOURS[2], COLOURS[3]), strict=True):
        ax2.plot(np.arange(1, len(curve) + 1), curve, color=colour,
                 label="boosted stumps" if depth == 1 else f"boosted depth-{depth} trees")
    ax2.set_xscale("log")
    ax2.set_ylim(0, max(0.5, 1.2 * noise))
    ax2.set_xlabel("boosting stages (log scale)")
    ax2.set_title("Boosting: falls, then overfits")
    for ax in (ax1, ax2):
        ax.axhline(noise, color="0.5", ls=":", label="noise floor")
        ax.set_ylabel("test MSE")
        ax.legend()
    return fig
