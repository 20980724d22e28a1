"""Bias-variance decomposition of test error across model complexity (polynomial degree).

Truth: ``y = sin(2 pi x^1.3) + noise``, x uniform on [0, 1], noise Gaussian with sd ``noise_sd``
(the power makes the wave lopsided, so odd and even polynomial terms both matter).
Models: least-squares polynomials of degree 1 to ``max_degree`` (Legendre basis, which is
numerically well behaved up to high degree). Each round draws a training set, fits every degree,
and predicts at 400 fixed test points. Over the R rounds, at each test point x:

    variance(x) = variance of the predictions across rounds (denominator R - 1)
    bias²(x)    = (mean prediction - f(x))²
    noise       = noise_sd²   (irreducible: no model can predict it)

and expected test MSE = bias² + variance + noise, averaged over the test points. The lab also
measures the test MSE directly (fresh noisy test labels every round) to check the identity.

Estimating bias² is the delicate part. The mean of R predictions misses the true mean prediction
by a Monte-Carlo error of variance variance(x) / R, and a high-degree fit on 30 points has a huge,
heavy-tailed variance (a few near-singular training sets), so with a few hundred rounds that error
swamps a bias² that is really ~1e-6: the naive estimate of bias² at degree 9-10 came out between
0.39 and 2.08, above a straight line's. A least-squares fit is linear in the targets, so its
expected prediction given the training inputs is the fit to the noise-free targets f(x_i). With
``resample=fresh`` the lab therefore estimates bias² from those noise-free fits (one per round,
on the same inputs): their spread across rounds is tiny, so the estimate is stable. Both ways,
(spread / R) is subtracted to remove the upward bias of squaring a noisy mean, and the table
reports the estimate's Monte-Carlo standard error (jackknife over 10 groups of rounds).

Rounds draw brand-new training sets from the simulator (``resample=fresh``: the textbook
definition), or bootstrap resamples of a single training set (``resample=bootstrap``: what one
can do with real data, where no second training set exists, and no noise-free targets either:
bias² is then estimated from the noisy fits themselves, and its standard error says how far to
trust it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.polynomial import legendre

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import LinearRegression
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "bias-variance",
    params=(
        Param("n_train", "int", 30, "training points per round", low=15, high=1000),
        Param("noise_sd", "float", 0.3, "standard deviation of the label noise", low=0.0, high=2.0),
        Param("max_degree", "int", 10, "highest polynomial degree", low=3, high=14),
        Param("rounds", "int", 200, "training sets drawn (or bootstrap resamples)", low=20, high=2000),
        Param("resample", "choice", "fresh", "fresh training sets from the simulator, or bootstrap resamples "
              "of one training set", choices=("fresh", "bootstrap")),
    ),
    notice=(
        "Overall, bias² falls as the degree rises (a line cannot bend like a wave; a degree-4 polynomial nearly "
        "can), while variance rises: a flexible model follows the noise of whichever training set it saw, so its fits "
        "disagree from one training set to the next. Test error is their sum plus the noise, hence the U shape.",
        "The noise term is flat: it is the variance of the label noise, the floor that no model can go below "
        "however it is tuned.",
        "In the fits panel, the degree-1 lines agree with each other but are all wrong (bias); the high-degree "
        "lines are right on average but scatter wildly, worst near the edges of the data where a polynomial "
        "extrapolates (variance).",
        "The decomposition is exact for squared error in expectation; the measured test MSE matches bias² + "
        "variance + noise up to the sampling error of a finite number of rounds.",
        "Bias² is the hardest part to measure: the average of R fits is itself noisy (its error has variance "
        "variance / R), and a high-degree fit's variance is huge, so the naive estimate at high degree is mostly "
        "Monte-Carlo noise. A least-squares fit is linear in its targets, so its average given the training "
        "inputs is the fit to the noise-free targets: with fresh training sets the lab measures bias² from "
        "those, which is stable, and the table gives every estimate's standard error.",
        "With resample=bootstrap the rounds reuse one data set. The average bootstrap fit stays close to that "
        "one data set's fit, so part of its estimation error is counted as bias² instead of variance: the "
        "split is an approximation, which is the price of having only one training set.",
        "More training data (n_train) lowers variance, not bias: the cure for an underfit model is a richer "
        "model or better features, the cure for an overfit one is more data, regularisation or a simpler model.",
    ),
    takeaway=(
        "Expected squared test error = bias² + variance + irreducible noise. Simple models underfit (high bias, "
        "training and test error both high); flexible models overfit (high variance, low training error, high "
        "test error). Choose complexity by validation error, and diagnose with learning curves: a gap between "
        "train and validation error says variance, both high says bias. Regularisation, bagging and more data "
        "cut variance; richer models, features and boosting cut bias."
    ),
)

N_TEST = 400
N_SHOWN_FITS = 20


def true_function(x: np.ndarray) -> np.ndarray:
    return np.sin(2 * np.pi * x**1.3)


def poly_features(x: np.ndarray, degree: int) -> np.ndarray:
    """(n, degree) Legendre polynomials P_1..P_degree of 2x - 1 (the constant is the intercept)."""
    return legendre.legvander(2 * x - 1, degree)[:, 1:]


JACKKNIFE_GROUPS = 10


@dataclass(frozen=True)
class BiasVariance:
    """Bias² and variance of one model, averaged over test points, with bias²'s Monte-Carlo error.

    ``bias2`` is an unbiased estimate, so where the true bias is ~0 it can come out slightly
    negative: that is its noise showing, and ``bias2_se`` says how big that noise is.
    """

    bias2: float
    variance: float
    bias2_se: float


def estimate_bias2(predictions: np.ndarray, truth: np.ndarray) -> float:
    """Mean over test points of (mean prediction - truth)², less the Monte-Carlo part spread / R.

    ``predictions`` is (rounds, n_test), one row per training set. The squared error of the mean of
    R fits overstates bias² by variance / R on average (the mean itself is noisy), so that much is
    subtracted.
    """
    rounds = predictions.shape[0]
    spread = predictions.var(axis=0, ddof=1)
    return float(np.mean((predictions.mean(axis=0) - truth) ** 2 - spread / rounds))


def bias_variance_parts(predictions: np.ndarray, truth: np.ndarray,
                        bias_predictions: np.ndarray | None = None) -> BiasVariance:
    """Bias², variance and bias²'s standard error of one model over R rounds.

    ``predictions`` (rounds, n_test) give the variance. Bias² comes from ``bias_predictions`` when
    given (same shape; e.g. fits to noise-free targets, whose mean is the same but which scatter
    far less), else from ``predictions``. Its standard error is the delete-a-group jackknife over
    ``JACKKNIFE_GROUPS`` groups of rounds.
    """
    source = predictions if bias_predictions is None else bias_predictions
    groups = np.array_split(np.arange(len(source)), min(JACKKNIFE_GROUPS, len(source) // 2))
    left_out = np.array([estimate_bias2(np.delete(source, g, axis=0), truth) for g in groups])
    k = len(groups)
    se = float(np.sqrt((k - 1) / k * np.sum((left_out - left_out.mean()) ** 2)))
    return BiasVariance(estimate_bias2(source, truth), float(predictions.var(axis=0, ddof=1).mean()), se)


def run(seed: int, progress: ProgressFn = no_progress, *, n_train: int, noise_sd: float, max_degree: int,
        rounds: int, resample: str) -> LabResult:
    rng = np.random.default_rng(seed)
    degrees = np.arange(1, max_degree + 1)
    x_test = rng.uniform(0, 1, N_TEST)
    f_test = true_function(x_test)
    x_grid = np.linspace(0, 1, 200)
    test_features = {d: poly_features(x_test, d) for d in degrees.tolist()}
    grid_features = {d: poly_features(x_grid, d) for d in degrees.tolist()}
    x_once = rng.uniform(0, 1, n_train)
    y_once = true_function(x_once) + noise_sd * rng.standard_normal(n_train)

    predictions = np.empty((len(degrees), rounds, N_TEST))
    noise_free = np.empty((len(degrees), rounds, N_TEST)) if resample == "fresh" else None
    squared_errors = np.empty((len(degrees), rounds))
    train_errors = np.empty((len(degrees), rounds))
    shown = np.empty((len(degrees), min(rounds, N_SHOWN_FITS), len(x_grid)))
    for r in range(rounds):
        if resample == "fresh":
            x = rng.uniform(0, 1, n_train)
            y = true_function(x) + noise_sd * rng.standard_normal(n_train)
        else:
            pick = rng.integers(0, n_train, n_train)
            x, y = x_once[pick], y_once[pick]
        y_test = f_test + noise_sd * rng.standard_normal(N_TEST)  # fresh noisy labels every round
        for i, d in enumerate(degrees.tolist()):
            features = poly_features(x, d)
            model = LinearRegression().fit(features, y)
            predictions[i, r] = model.predict(test_features[d])
            squared_errors[i, r] = np.mean((y_test - predictions[i, r]) ** 2)
            train_errors[i, r] = np.mean((y - model.predict(features)) ** 2)
            if noise_free is not None:
                # the same inputs, the noise-free targets: this fit is the expected fit given x
                noise_free[i, r] = LinearRegression().fit(features, true_function(x)).predict(test_features[d])
            if r < N_SHOWN_FITS:
                shown[i, r] = model.predict(grid_features[d])
        progress(r + 1, rounds)

    parts = [bias_variance_parts(predictions[i], f_test, None if noise_free is None else noise_free[i])
             for i in range(len(degrees))]
    bias2 = np.array([part.bias2 for part in parts])
    bias2_se = np.array([part.bias2_se for part in parts])
    variance = np.array([part.variance for part in parts])
    noise = noise_sd**2
    measured = squared_errors.mean(axis=1)
    train = train_errors.mean(axis=1)
    best = int(np.argmin(measured))
    numbers = {
        "noise_variance": noise,
        "best_degree": int(degrees[best]),
        "test_mse_degree_1": measured[0],
        "test_mse_best_degree": measured[best],
        f"test_mse_degree_{max_degree}": measured[-1],
        "bias2_degree_1": bias2[0],
        "bias2_best_degree": bias2[best],
        f"bias2_degree_{max_degree}": bias2[-1],
        "bias2_largest_standard_error": float(bias2_se.max()),
        "variance_degree_1": variance[0],
        "variance_best_degree": variance[best],
        f"variance_degree_{max_degree}": variance[-1],
        "train_mse_degree_1": train[0],
        f"train_mse_degree_{max_degree}": train[-1],
        "max_relative_gap_sum_vs_measured": float(np.max(np.abs(bias2 + variance + noise - measured) / measured)),
    }
    table = ResultTable(
        f"Decomposition over {rounds} {'fresh training sets' if resample == 'fresh' else 'bootstrap resamples'}",
        ["degree", "bias²", "bias² standard error", "variance", "noise", "bias²+var+noise", "measured test MSE",
         "train MSE"],
        [[int(d), b, e, v, noise, b + v + noise, m, t]
         for d, b, e, v, m, t in zip(degrees, bias2, bias2_se, variance, measured, train, strict=True)],
    )
    notices = _notices(degrees, bias2, bias2_se, variance, noise, measured, train, numbers,
                       from_noise_free_fits=noise_free is not None, rounds=rounds)
    figures = {
        "decomposition": lambda: _decomposition_figure(degrees, bias2, bias2_se, variance, noise, measured, train),
        "fits": lambda: _fits_figure(x_grid, shown, degrees, best, x_once if resample == "bootstrap" else None,
                                     y_once if resample == "bootstrap" else None),
    }
    return LabResult("bias-variance", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


def _notices(degrees: np.ndarray, bias2: np.ndarray, bias2_se: np.ndarray, variance: np.ndarray, noise: float,
             measured: np.ndarray, train: np.ndarray, numbers: dict, *, from_noise_free_fits: bool,
             rounds: int) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    best = int(np.argmin(measured))
    top = int(degrees[-1])
    low_end = ("underfits: bias² {b:.3g} exceeds its variance {v:.3g}" if bias2[0] > variance[0]
               else "has bias² {b:.3g} and variance {v:.3g}").format(b=bias2[0], v=variance[0])
    high_end = ("overfits: variance {v:.3g} exceeds its bias² {b:.2g}" if variance[-1] > bias2[-1]
                else "has variance {v:.3g} and bias² {b:.2g}").format(b=bias2[-1], v=variance[-1])
    out = [f"Degree 1 {low_end}. Degree {top} {high_end}."]
    floor = f"the noise floor, {noise:.3g}"
    out.append(f"The lowest measured test MSE, {measured[best]:.3g}, is at degree {degrees[best]}"
               + (f", {measured[best] / noise:.2f} times {floor}." if noise > 0 else "; with noise_sd = 0 there is "
                  "no noise floor."))
    falls = bool(np.all(np.diff(train) <= 0)) and train[-1] < train[0]
    below = ", below the noise variance" if train[-1] < noise else ""
    turn = (f"while test MSE turns back up to {measured[-1]:.3g} at degree {top}: training error cannot choose "
            f"complexity" if best < len(degrees) - 1 else f"and test MSE is still lowest at degree {top}")
    out.append(f"Training MSE {'falls' if falls else 'moves'} from {train[0]:.3g} at degree 1 to {train[-1]:.3g} at "
               f"degree {top}{below}, {turn}.")
    # a gap under 0.1% is quoted as "within 0.1%", a true bound that stays readable
    out.append(f"bias² + variance + noise matches the measured test MSE within "
               f"{max(numbers['max_relative_gap_sum_vs_measured'], 0.001):.1%} at every degree.")
    source = ("the noise-free fits (targets f(x_i) on each round's inputs)" if from_noise_free_fits
              else f"the {rounds} bootstrap fits themselves")
    unresolved = [int(d) for d, b, e in zip(degrees, bias2, bias2_se, strict=True) if b < 2 * e]
    out.append(f"bias² is estimated from {source}; its Monte-Carlo standard error is at most "
               f"{bias2_se.max():.2g} at any degree"
               + (f", and at degree {_list(unresolved)} the estimate is within two standard errors of zero, so "
                  f"these {rounds} rounds cannot tell bias² there from zero." if unresolved else "."))
    return out


def _list(items: list[int]) -> str:
    return ", ".join(str(i) for i in items[:-1]) + (" and " if len(items) > 1 else "") + str(items[-1])


def _decomposition_figure(degrees, bias2, bias2_se, variance, noise, measured, train):
    fig, ax = new_figure(width=7.0, height=4.8, title="Test error = bias² + variance + noise")
    resolved = bias2 >= 2 * bias2_se
    ax.errorbar(degrees[resolved], bias2[resolved], yerr=bias2_se[resolved], fmt="o-", color=COLOURS[0],
                capsize=3, label="bias² (± Monte-Carlo standard error)")
    if not resolved.all():
        # an estimate within two standard errors of zero only bounds bias² from above
        ax.plot(degrees[~resolved], np.maximum(bias2[~resolved], 0) + 2 * bias2_se[~resolved], "v",
                color=COLOURS[0], mfc="none", ms=8, label="bias² at most this (estimate within 2 s.e. of 0)")
    ax.plot(degrees, variance, "s-", color=COLOURS[1], label="variance")
    if noise > 0:
        ax.plot(degrees, np.full(len(degrees), noise), ":", color="0.4", label="noise (irreducible)")
    ax.plot(degrees, bias2 + variance + noise, "-", color=COLOURS[3], lw=2.5, alpha=0.6,
            label="bias² + variance + noise")
    ax.plot(degrees, measured, "kx", ms=8, label="measured test MSE")
    ax.plot(degrees, train, "^--", color=COLOURS[2], label="training MSE")
    ax.set_yscale("log")
    ax.set_xlabel("polynomial degree (model complexity)")
    ax.set_ylabel("mean squared error (log scale)")
    ax.set_xticks(degrees)
    handles, labels = ax.get_legend_handles_labels()
    first = labels.index("bias² (± Monte-Carlo standard error)") if resolved.any() else 0
    order = [first] + [i for i in range(len(labels)) if i != first]  # bias² first, as in the title
    ax.legend([handles[i] for i in order], [labels[i] for i in order], fontsize=8)
    return fig


def _fits_figure(x_grid, shown, degrees, best, x_once, y_once):
    picks = [0, best, len(degrees) - 1]
    fig, axes = new_figure(3, 1, width=4.6, title=f"Fits from {shown.shape[1]} different training sets")
    for ax, i in zip(axes, picks, strict=True):
        for curve in shown[i]:
            ax.plot(x_grid, curve, color=COLOURS[0], alpha=0.35, lw=1)
        ax.plot(x_grid, true_function(x_grid), "k-", lw=2, label="true f(x) = sin(2πx^1.3)")
        if x_once is not None:
            ax.plot(x_once, y_once, ".", color=COLOURS[3], label="the one data set")
        ax.set_ylim(-2.5, 2.5)
        ax.set_xlabel("x")
        ax.set_ylabel("prediction")
        label = {0: "underfit", best: "best", len(degrees) - 1: "overfit"}[i]
        ax.set_title(f"degree {degrees[i]} ({label})")
        ax.legend(loc="lower left", fontsize=8)
    return fig
