"""Double descent: random-features regression fitted by minimum-norm least squares, with the number of
features p swept through the number of training rows n (the interpolation threshold).

Data: five standard-normal inputs; the target is f(x) = sin(u.x) + (x1^2 - 1) / 4 with u = (1, ..., 1)
/ sqrt(5), plus Gaussian noise of standard deviation ``noise``. ``n_train`` rows to fit, 500
validation rows (used only to tune ridge), 1,000 test rows.

For each p from n/10 to 10 n, eight random ReLU layers of p units are drawn (``models.random_features``;
the training rows stay the same), and on each the linear output layer is fitted twice: by minimum-norm
least squares (no penalty: below n it is ordinary least squares, from n on the interpolating solution
with the smallest norm), and by ridge with its penalty chosen on the validation rows. Reported numbers
are medians over the eight draws (at p = n a single draw can be arbitrarily bad, so the mean is not a
useful summary). Test MSE is measured against f on the test inputs plus noise^2: the expected squared
error on fresh noisy targets.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import RandomReLUFeatures, nonzero_singular_values, ridge_svd
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "double-descent",
    params=(
        Param("n_train", "int", 100, "training rows (the interpolation threshold is p = n_train features)",
              low=40, high=200),
        Param("noise", "float", 0.15, "standard deviation of the noise added to the training targets", low=0.0,
              high=2.0),
    ),
    notice=(
        "Classical picture: with few features the model underfits; adding features first lowers test error, then "
        "raises it as the model starts fitting noise. Random-features regression fitted by least squares with no "
        "penalty shows more: the test error peaks exactly where the number of features p equals the number of "
        "training rows n, and falls again beyond it. That second descent is double descent.",
        "At p = n there is exactly one set of coefficients that fits every training row, noise included, and the "
        "feature matrix is nearly singular there (its smallest singular value is close to 0), so those "
        "coefficients are huge and the fitted function swings wildly between the training points.",
        "Beyond n there are infinitely many interpolating solutions; least squares (the pseudo-inverse) returns "
        "the one with the smallest norm. As p grows that smallest norm shrinks: the extra features let the "
        "model fit the same points more smoothly. The minimum norm is an implicit regulariser; gradient descent "
        "started from zero on least squares converges to the same solution.",
        "Explicit regularisation tames the peak: ridge with its penalty tuned on validation data shows at most a "
        "small bump at p = n. Noise in the targets makes the peak taller; without noise it shrinks but, when the model "
        "cannot represent the target exactly, does not vanish.",
        "Whether the best over-parameterised model beats the best small one depends on the problem, the noise "
        "and the sample size; what is general is that 'more parameters than data points' does not by itself "
        "mean overfitting.",
    ),
    takeaway=(
        "Test error against model size can fall, peak at the interpolation threshold (parameters about equal to "
        "training points) and fall again: double descent. The peak comes from a nearly singular fit forced to "
        "pass through noisy points; past it, the minimum-norm interpolating solution (what least squares and "
        "gradient descent from zero find) gets smoother as the model grows. Tuned regularisation removes the "
        "peak, so the classical U-shaped bias-variance curve describes models near the threshold, not very "
        "large ones; choose size and regularisation by validation, not by counting parameters."
    ),
)

N_INPUTS = 5
DIRECTION = np.ones(N_INPUTS) / np.sqrt(N_INPUTS)
N_VALIDATION = 500
N_TEST = 1000
DRAWS = 8
RATIOS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.25, 1.5, 2.0, 3.0, 5.0, 10.0)
RIDGE_ALPHAS = np.geomspace(1e-6, 10.0, 15)
ZERO_TRAIN_MSE = 1e-10  # training MSE below this (relative to the targets' variance) is an exact fit


def target(X: np.ndarray) -> np.ndarray:
    """The noise-free target f(x) = sin(u.x) + (x1^2 - 1) / 4."""
    return np.sin(X @ DIRECTION) + 0.25 * (X[:, 0] ** 2 - 1.0)


def run(seed: int, progress: ProgressFn = no_progress, *, n_train: int, noise: float) -> LabResult:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_train, N_INPUTS))
    y = target(X) + noise * rng.standard_normal(n_train)
    X_val = rng.standard_normal((N_VALIDATION, N_INPUTS))
    y_val = target(X_val) + noise * rng.standard_normal(N_VALIDATION)
    X_test = rng.standard_normal((N_TEST, N_INPUTS))
    f_test = target(X_test)
    sizes = [max(1, int(round(ratio * n_train))) for ratio in RATIOS]
    alphas = np.concatenate([[0.0], RIDGE_ALPHAS])

    rows: list[dict[str, float]] = []
    for step, p in enumerate(sizes):
        per_draw: dict[str, list[float]] = {key: [] for key in ("test", "train", "norm", "smallest", "ridge", "alpha",
                                                                "rank", "dead")}
        for _ in range(DRAWS):
            layer = RandomReLUFeatures(p, random_state=int(rng.integers(2**31))).fit(X)
            F, F_val, F_test = layer.transform(X), layer.transform(X_val), layer.transform(X_test)
            coefficients, singular = ridge_svd(F, y, alphas)
            min_norm = coefficients[0]
            per_draw["test"].append(float(np.mean((F_test @ min_norm - f_test) ** 2)) + noise**2)
            per_draw["train"].append(float(np.mean((F @ min_norm - y) ** 2)))
            per_draw["norm"].append(float(np.linalg.norm(min_norm)))
            nonzero = singular[nonzero_singular_values(singular, F.shape)]
            per_draw["smallest"].append(float(nonzero[-1]))  # the smallest singular value that is not zero
            per_draw["rank"].append(float(len(nonzero)))
            per_draw["dead"].append(float(np.sum(F.max(axis=0) == 0)))  # units off on every training row
            validation = np.mean((F_val @ coefficients[1:].T - y_val[:, None]) ** 2, axis=0)
            best = int(np.argmin(validation))
            per_draw["ridge"].append(float(np.mean((F_test @ coefficients[1 + best] - f_test) ** 2)) + noise**2)
            per_draw["alpha"].append(float(RIDGE_ALPHAS[best]))
        test = np.array(per_draw["test"])
        rows.append({"p": p, "ratio": p / n_train, "test": float(np.median(test)),
                     "test_q1": float(np.quantile(test, 0.25)), "test_q3": float(np.quantile(test, 0.75)),
                     "train": float(np.median(per_draw["train"])),
                     "exact_fits": int(np.sum(np.array(per_draw["train"]) <= ZERO_TRAIN_MSE * float(np.var(y)))),
                     "full_rank_draws": int(np.sum(np.array(per_draw["rank"]) == min(p, n_train))),
                     "draws_with_dead_units": int(np.sum(np.array(per_draw["dead"]) > 0)),
                     "norm": float(np.median(per_draw["norm"])), "smallest": float(np.median(per_draw["smallest"])),
                     "ridge": float(np.median(per_draw["ridge"])), "alpha": float(np.median(per_draw["alpha"]))})
        progress(step + 1, len(sizes))

    numbers = _summarise(rows, n_train=n_train, noise=noise, target_variance=float(np.var(y)))
    table = ResultTable(
        f"Random ReLU features, {n_train} training rows, noise {noise:g}: medians over {DRAWS} draws of the features",
        ["features p", "p / n", "test MSE (min-norm)", "train MSE (min-norm)", "coefficient norm",
         "smallest singular value", "test MSE (tuned ridge)", "ridge penalty"],
        [[r["p"], r["ratio"], r["test"], r["train"], r["norm"], r["smallest"], r["ridge"], r["alpha"]] for r in rows])
    notices = _notices(numbers, rows, n_train=n_train, noise=noise)
    figures = {
        "test_error": lambda: _error_figure(rows, n_train, noise),
        "norm_and_conditioning": lambda: _mechanism_figure(rows, n_train),
    }
    return LabResult("double-descent", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


def _summarise(rows: list[dict[str, float]], *, n_train: int, noise: float,
               target_variance: float) -> dict[str, Scalar]:
    under = [r for r in rows if r["p"] < n_train]
    over = [r for r in rows if r["p"] > n_train]
    at_n = next(r for r in rows if r["p"] == n_train)
    peak = max(rows, key=lambda r: r["test"])
    best_under, best_over = min(under, key=lambda r: r["test"]), min(over, key=lambda r: r["test"])
    numbers: dict[str, Scalar] = {
        "noise_floor": noise**2,
        "peak_features": int(peak["p"]), "peak_test_mse": peak["test"],
        "test_mse_at_n": at_n["test"], "test_mse_smallest_model": rows[0]["test"],
        "test_mse_largest_model": rows[-1]["test"],
        "best_under_features": int(best_under["p"]), "best_under_test_mse": best_under["test"],
        "best_over_features": int(best_over["p"]), "best_over_test_mse": best_over["test"],
        # from p = n on, a fit is exact exactly when the features have rank n
        "exact_fits_match_full_rank": all(r["exact_fits"] == r["full_rank_draws"] for r in rows if r["p"] >= n_train),
        "exact_fits_at_n": int(at_n["exact_fits"]), "dead_unit_draws_at_n": int(at_n["draws_with_dead_units"]),
        "exact_fits_above_n": sum(int(r["exact_fits"]) for r in over), "fits_above_n": DRAWS * len(over),
        "largest_under_train_mse": under[-1]["train"],
        "norm_at_n": at_n["norm"], "norm_largest_model": rows[-1]["norm"], "norm_half_n": _at_ratio(rows, 0.5)["norm"],
        "smallest_singular_at_n": at_n["smallest"], "smallest_singular_half_n": _at_ratio(rows, 0.5)["smallest"],
        "smallest_singular_largest_model": rows[-1]["smallest"],
        "ridge_at_n": at_n["ridge"], "ridge_best": min(r["ridge"] for r in rows),
        "ridge_worst": max(r["ridge"] for r in rows),
        "ridge_best_under": min(r["ridge"] for r in under),
    }
    return numbers


def _at_ratio(rows: list[dict[str, float]], ratio: float) -> dict[str, float]:
    return min(rows, key=lambda r: abs(r["ratio"] - ratio))


def _notices(n: dict, rows: list[dict[str, float]], *, n_train: int, noise: float) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    out = []
    first, last = rows[0], rows[-1]
    if n["best_under_features"] == first["p"]:
        text = f"Minimum-norm test MSE starts at {first['test']:.3f} with {first['p']} features (its lowest below n), "
    else:
        text = (f"Minimum-norm test MSE goes from {first['test']:.3f} with {first['p']} features down to "
                f"{n['best_under_test_mse']:.3f} at p = {n['best_under_features']}, ")
    if n["peak_features"] == n_train:
        text += (f"peaks at {n['peak_test_mse']:.3g} at p = n = {n_train} (the interpolation threshold, "
                 f"{n['peak_test_mse'] / n['best_under_test_mse']:.0f} times its best below n), ")
    else:
        text += (f"peaks at {n['peak_test_mse']:.3g} at p = {n['peak_features']} ({n['test_mse_at_n']:.3g} at p = n = "
                 f"{n_train}), ")
    text += f"and comes down to {last['test']:.3f} at p = {last['p']}"
    text += (" - a second descent." if last["test"] < n["test_mse_at_n"] and n["peak_features"] >= n_train else ".")
    out.append(text)
    just_below = rows[RATIOS.index(0.95)]
    every = n["exact_fits_above_n"] == n["fits_above_n"]
    text = ((f"Past p = n the model passes through every training point{', noise included' if noise > 0 else ''}: "
             if every else "Past p = n, ")
            + f"training MSE is 0 on {n['exact_fits_above_n']} of {n['fits_above_n']} fits with p > n (just below n, "
            f"at p = {just_below['p']}, its median is {just_below['train']:.3g}). At p = n exactly, "
            f"{n['exact_fits_at_n']} of {DRAWS} draws fit exactly")
    missed = DRAWS - n["exact_fits_at_n"]
    if missed and n["exact_fits_match_full_rank"]:
        text += "; the other" + (" had" if missed == 1 else "s had") + " fewer than n independent features"
        text += (" (a ReLU unit that is zero on every training row adds nothing)."
                 if n["dead_unit_draws_at_n"] == missed else ".")
    else:
        text += "."
    out.append(text)
    out.append(f"The feature matrix's smallest singular value has median {n['smallest_singular_half_n']:.3g} at "
               f"p = n/2, {n['smallest_singular_at_n']:.3g} at p = n and {n['smallest_singular_largest_model']:.3g} "
               f"at p = {last['p']}; the coefficient norm goes {n['norm_half_n']:.3g}, {n['norm_at_n']:.3g}, "
               f"{n['norm_largest_model']:.3g}"
               + (": fitting the noise through a nearly singular matrix takes huge coefficients, and past n the "
                  "minimum-norm solution shrinks again." if n["norm_at_n"] > max(n["norm_half_n"],
                                                                                  n["norm_largest_model"]) else "."))
    better = n["best_over_test_mse"] < n["best_under_test_mse"]
    out.append(f"The best over-parameterised model (p = {n['best_over_features']}, test MSE "
               f"{n['best_over_test_mse']:.3f}) is {'better' if better else 'worse'} than the best under-parameterised "
               f"one (p = {n['best_under_features']}, {n['best_under_test_mse']:.3f}) here; the noise floor is "
               f"{n['noise_floor']:.3f}.")
    spike = n["ridge_at_n"] / n["ridge_best_under"]
    out.append(f"Ridge with its penalty tuned on validation rows scores {n['ridge_at_n']:.3f} at p = n against "
               f"min-norm's {n['test_mse_at_n']:.3g}; its worst over all p is {n['ridge_worst']:.3f} and its best "
               f"{n['ridge_best']:.3f}"
               + (": no peak at the threshold." if spike <= 1.05 else
                  f"; at p = n it is {spike:.2f} times its best below n, a bump far smaller than min-norm's."
                  if n["ridge_at_n"] < n["test_mse_at_n"] else "."))
    if noise == 0 and n["peak_features"] == n_train:
        out.append("The targets have no noise, yet the peak is there: the part of the target that p random features "
                   "cannot represent acts like noise when the fit is forced through every training point.")
    return out


def _error_figure(rows, n_train, noise):
    fig, ax = new_figure(width=8.0, height=5.0, title=f"Double descent: random ReLU features, n = {n_train} training "
                         f"rows, noise {noise:g}")
    p = np.array([r["p"] for r in rows])
    ax.fill_between(p, [r["test_q1"] for r in rows], [r["test_q3"] for r in rows], color=COLOURS[0], alpha=0.2,
                    label="min-norm: middle half of the draws")
    ax.plot(p, [r["test"] for r in rows], "o-", color=COLOURS[0], label="test MSE, minimum-norm least squares")
    ax.plot(p, [r["ridge"] for r in rows], "s-", color=COLOURS[2], label="test MSE, ridge tuned on validation")
    below = p < n_train
    ax.plot(p[below], [r["train"] for r, keep in zip(rows, below, strict=True) if keep], "^--", color=COLOURS[1],
            label="train MSE, min-norm (0 from p = n on)")
    if noise > 0:
        ax.axhline(noise**2, color="0.4", ls=":", label=f"noise floor {noise**2:g}")
    ax.axvline(n_train, color=COLOURS[3], ls="--", label=f"p = n = {n_train}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("number of random features p (log scale)")
    ax.set_ylabel("mean squared error (median over draws, log scale)")
    ax.legend(fontsize=8)
    return fig


def _mechanism_figure(rows, n_train):
    fig, (left, right) = new_figure(2, 1, width=5.5, height=4.2, title="Why the peak: a nearly singular fit at p = n")
    p = [r["p"] for r in rows]
    left.plot(p, [r["norm"] for r in rows], "o-", color=COLOURS[4])
    right.plot(p, [r["smallest"] for r in rows], "o-", color=COLOURS[5])
    for ax in (left, right):
        ax.axvline(n_train, color=COLOURS[3], ls="--", label=f"p = n = {n_train}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("number of random features p (log scale)")
        ax.legend(fontsize=8)
    left.set_ylabel("norm of the min-norm coefficients")
    left.set_title("Size of the least-squares coefficients", fontsize=10)
    right.set_ylabel("smallest singular value of the features")
    right.set_title("Conditioning of the training features", fontsize=10)
    return fig
