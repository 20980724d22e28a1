"""Bias-variance decomposition of test error across model complexity (polynomial degree).

Truth: ``y = sin(2 pi x^1.3) + noise``, x uniform on [0, 1], noise Gaussian with sd ``noise_sd``
(the power makes the wave lopsided, so odd and even polynomial terms both matter).
Models: least-squares polynomials of degree 1 to ``max_degree`` (Legendre basis, which is
numerically well behaved up to high degree). Each round draws a training set, fits every degree,
and predicts at 400 fixed test points. Over the rounds, at each test point x:

    bias²(x)    = (mean prediction - f(x))², less variance(x) / rounds: the mean of R noisy
                  predictions misses by about that much even for an unbiased model
    variance(x) = variance of the predictions across rounds (denominator R - 1)
    noise       = noise_sd²   (irreducible: no model can predict it)

and expected test MSE = bias² + variance + noise, averaged over the test points. The lab also
measures the test MSE directly (fresh noisy test labels every round) to check the identity.

Rounds draw brand-new training sets from the simulator (``resample=fresh``: the textbook
definition), or bootstrap resamples of a single training set (``resample=bootstrap``: what one
can do with real data, where no second training set exists).
"""

from __future__ import annotations

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


def bias_variance_parts(predictions: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """Bias² and variance of one model, averaged over test points.

    ``predictions`` is (rounds, n_test), one row per training set; ``truth`` (n_test,) the noise-free
    target. The squared error of the mean of R fits overstates bias² by about variance / R (the mean
    itself is noisy), so that much is subtracted; the estimate can then dip just below zero where the
    true bias is ~0, and bias² never does, hence the floor at 0.
    """
    rounds = predictions.shape[0]
    spread = predictions.var(axis=0, ddof=1)
    bias2 = float(np.mean((predictions.mean(axis=0) - truth) ** 2 - spread / rounds))
    return max(bias2, 0.0), float(spread.mean())


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
            model = LinearRegression().fit(poly_features(x, d), y)
            predictions[i, r] = model.predict(test_features[d])
            squared_errors[i, r] = np.mean((y_test - predictions[i, r]) ** 2)
            train_errors[i, r] = np.mean((y - model.predict(poly_features(x, d))) ** 2)
            if r < N_SHOWN_FITS:
                shown[i, r] = model.predict(grid_features[d])
        progress(r + 1, rounds)

    parts = np.array([bias_variance_parts(p, f_test) for p in predictions])
    bias2, variance = parts[:, 0], parts[:, 1]
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
        "variance_degree_1": variance[0],
        "variance_best_degree": variance[best],
        f"variance_degree_{max_degree}": variance[-1],
        "train_mse_degree_1": train[0],
        f"train_mse_degree_{max_degree}": train[-1],
        "max_relative_gap_sum_vs_measured": float(np.max(np.abs(bias2 + variance + noise - measured) / measured)),
    }
    table = ResultTable(
        f"Decomposition over {rounds} {'fresh training sets' if resample == 'fresh' else 'bootstrap resamples'}",
        ["degree", "bias²", "variance", "noise", "bias²+var+noise", "measured test MSE", "train MSE"],
        [[int(d), b, v, noise, b + v + noise, m, t]
         for d, b, v, m, t in zip(degrees, bias2, variance, measured, train, strict=True)],
    )
    notices = [
        f"Degree 1 underfits: bias² {bias2[0]:.3f} dominates its variance {variance[0]:.4f}. Degree {max_degree} "
        f"overfits: variance {variance[-1]:.3g} dominates its bias² {bias2[-1]:.3g}.",
        f"The lowest measured test MSE, {measured[best]:.3f}, is at degree {degrees[best]}, against a noise floor "
        f"of {noise:.3f}.",
        f"Training MSE keeps falling with degree ({train[0]:.3f} at degree 1, {train[-1]:.3f} at degree "
        f"{max_degree}{', below the noise variance' if train[-1] < noise else ''}) while test MSE turns back up: "
        f"training error cannot choose complexity.",
        f"bias² + variance + noise matches the measured test MSE within "
        f"{numbers['max_relative_gap_sum_vs_measured']:.1%} at every degree.",
    ]
    figures = {
        "decomposition": lambda: _decomposition_figure(degrees, bias2, variance, noise, measured, train),
        "fits": lambda: _fits_figure(x_grid, shown, degrees, best, x_once if resample == "bootstrap" else None,
                                     y_once if resample == "bootstrap" else None),
    }
    return LabResult("bias-variance", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


def _decomposition_figure(degrees, bias2, variance, noise, measured, train):
    fig, ax = new_figure(width=7.0, height=4.8, title="Test error = bias² + variance + noise")
    ax.plot(degrees, bias2, "o-", color=COLOURS[0], label="bias²")
    ax.plot(degrees, variance, "s-", color=COLOURS[1], label="variance")
    ax.plot(degrees, np.full(len(degrees), noise), ":", color="0.4", label="noise (irreducible)")
    ax.plot(degrees, bias2 + variance + noise, "-", color=COLOURS[3], lw=2.5, alpha=0.6,
            label="bias² + variance + noise")
    ax.plot(degrees, measured, "kx", ms=8, label="measured test MSE")
    ax.plot(degrees, train, "^--", color=COLOURS[2], label="training MSE")
    ax.set_yscale("log")
    ax.set_xlabel("polynomial degree (model complexity)")
    ax.set_ylabel("mean squared error (log scale)")
    ax.set_xticks(degrees)
    ax.legend(fontsize=8)
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
