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
        "falls stage by stage. Variance is the price: each stage fits the data a little more closely, and once "
        "the bias is gone further stages fit noise.",
        "So bagging wants low-bias, high-variance parts (deep trees) and boosting wants high-bias, low-variance "
        "parts (stumps, shallow trees). Bagging a stump, or boosting fully grown trees, misses the point.",
        "More bagged trees never make the ensemble overfit more: the test error falls and levels off. More "
        "boosting stages eventually do overfit, slowly with stumps and quickly with deeper trees, which is why "
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
    for r in range(rounds):
        X, y = draw(rng, n_train, noise_sd)
        for name, model in make_models(int(rng.integers(0, 2**31)), n_trees, n_stages).items():
            predictions[name][r] = model.fit(X, y).predict(x_test)
        progress(r + 1, rounds + 1)

    noise = noise_sd**2
    numbers: dict[str, float] = {"noise_variance": noise}
    rows: list[list[Scalar]] = []
    for name in MODELS:
        parts = bias_variance_parts(predictions[name], f_test)
        bias2, variance = parts.bias2, parts.variance
        key = KEYS[name]
        numbers[f"{key}_bias2"] = bias2
        numbers[f"{key}_variance"] = variance
        numbers[f"{key}_expected_test_mse"] = bias2 + variance + noise
        rows.append([name, bias2, variance, noise, bias2 + variance + noise])
    numbers["bagging_variance_over_deep_tree"] = numbers["bagging_variance"] / numbers["deep_tree_variance"]
    numbers["boosting_bias2_over_stump"] = numbers["boosting_bias2"] / numbers["stump_bias2"]

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
                        ["model", "bias²", "variance", "noise", "expected test MSE"], rows)
    notices = [
        f"Bagging {n_trees} deep trees cut the variance from {numbers['deep_tree_variance']:.4f} to "
        f"{numbers['bagging_variance']:.4f} ({numbers['bagging_variance_over_deep_tree']:.0%} of one tree's) while the "
        f"bias² stayed small ({numbers['deep_tree_bias2']:.4f} -> {numbers['bagging_bias2']:.4f}).",
        f"Boosting {n_stages} stumps cut the bias² from {numbers['stump_bias2']:.3f} to "
        f"{numbers['boosting_bias2']:.4f} "
        f"({numbers['boosting_bias2_over_stump']:.1%} of one stump's); the variance went from "
        f"{numbers['stump_variance']:.4f} to {numbers['boosting_variance']:.4f}"
        + (" (it fell: a lone stump's single split point jumps around between training sets, and averaging "
           "many small steps smooths that out)." if numbers["boosting_variance"] < numbers["stump_variance"]
           else "."),
        f"On one training set, the bagged ensemble's test MSE went from {bagging_curve[0]:.3f} with 1 tree to "
        f"{bagging_curve[-1]:.3f} with {n_trees}. Boosted stumps were best at stage "
        f"{numbers['boosting_stumps_best_stage']} ({numbers['boosting_stumps_test_mse_best']:.3f}) and at "
        f"{numbers[f'boosting_stumps_test_mse_{CURVE_STAGES}_stages']:.3f} after {CURVE_STAGES}; boosted depth-3 trees "
        f"were best at stage {numbers['boosting_depth3_best_stage']} ({numbers['boosting_depth3_test_mse_best']:.3f}) "
        f"and at {numbers[f'boosting_depth3_test_mse_{CURVE_STAGES}_stages']:.3f} after {CURVE_STAGES}.",
    ]
    figures = {
        "decomposition": lambda: _decomposition_figure(numbers, noise),
        "fits": lambda: _fits_figure(x_test[:, 0], predictions, f_test),
        "ensemble_size": lambda: _size_figure(bagging_curve, boosting_curves, noise),
    }
    return LabResult("bagging-vs-boosting", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


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
