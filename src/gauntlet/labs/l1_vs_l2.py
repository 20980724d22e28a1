"""L1 vs L2: lasso and ridge coefficient paths on a regression where only a few features matter.

Data: ``n_features`` standardised features with correlation ``rho^|i-j|`` between features i and
j; the target depends on ``n_informative`` of them (weights of size 1 to 3, random signs) plus
Gaussian noise (sd 1). The penalty strength of each model is chosen on a validation set (200
rows): the lasso's by the one-standard-error rule (the strongest penalty whose validation MSE is
within one standard error of the best: the sparsest model that is statistically as good), ridge's
by the lowest validation MSE. Ridge has no sparsity to gain from a stronger penalty, only more
shrinkage of the large true weights: with the one-standard-error rule it predicted worse than plain
least squares on 10 of the first 13 seeds. The test set (2,000 fresh rows) gives the final error.
"""

from __future__ import annotations

import numpy as np

from gauntlet.errors import InputError
from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import Lasso, LinearRegression, Ridge, mean_squared_error
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "l1-vs-l2",
    params=(
        Param("n_samples", "int", 100, "training rows", low=20, high=2000),
        Param("n_features", "int", 30, "number of features", low=4, high=100),
        Param("n_informative", "int", 5, "features with a non-zero true weight", low=1, high=100),
        Param("rho", "float", 0.5, "correlation between neighbouring features", low=0.0, high=0.95),
        Param("n_alphas", "int", 30, "penalty strengths on each path", low=5, high=100),
    ),
    notice=(
        "Lasso (L1) coefficients reach exactly 0.0 at a finite penalty and stay there as it grows; ridge (L2) "
        "coefficients shrink smoothly towards zero but are never exactly zero for any finite penalty.",
        "Why: near zero the L1 penalty still pulls with constant force alpha (its subgradient is alpha·sign(w)), so "
        "coordinate descent's soft-threshold sets w_j = 0 whenever the (standardised) feature's correlation with "
        "what the other features leave unexplained, |x_jᵀr_(-j)|/n, is at most alpha. The L2 penalty's gradient "
        "2·alpha·w fades as w shrinks, so it never finishes the job.",
        "Geometry: minimising the loss under |w1| + |w2| <= t means finding where the elliptical loss contours first "
        "touch a diamond; that usually happens at a corner, on an axis, where a coefficient is zero. The L2 ball "
        "w1² + w2² <= t² has no corners, so the contact point generically has every coordinate non-zero.",
        "Both penalties shrink the informative weights too: the lasso's non-zero coefficients are biased towards "
        "zero, which is why people often refit plain least squares on the features it selected.",
        "The two alphas are on different scales (lasso: (1/2n)·RSS + alpha·||w||₁; ridge: RSS + alpha·||w||²), "
        "so compare the shapes of the paths, not the alpha values.",
    ),
    takeaway=(
        "L1 gives sparse models (built-in feature selection, cheaper to serve, easier to explain) and suits "
        "problems where few features matter; L2 keeps every feature with smaller weights, is more stable when "
        "features are correlated (the lasso tends to keep one of a correlated group, somewhat arbitrarily), and "
        "has a closed form. Elastic net mixes both. Standardise features first (both penalties depend on scale), "
        "never penalise the intercept, and pick alpha by cross-validation."
    ),
)

N_VALIDATION = 200
N_TEST = 2000
NOISE_SD = 1.0


def make_data(rng: np.random.Generator, n: int, p: int, k: int, rho: float) -> tuple[np.ndarray, ...]:
    """Train, validation and test splits plus the true weights; informative features spread evenly."""
    cov = rho ** np.abs(np.subtract.outer(np.arange(p), np.arange(p)))
    chol = np.linalg.cholesky(cov)
    true_w = np.zeros(p)
    informative = np.linspace(0, p - 1, k).round().astype(int)
    true_w[informative] = rng.uniform(1.0, 3.0, k) * rng.choice([-1.0, 1.0], k)

    def draw(m: int) -> tuple[np.ndarray, np.ndarray]:
        X = rng.standard_normal((m, p)) @ chol.T
        return X, X @ true_w + NOISE_SD * rng.standard_normal(m)

    X_train, y_train = draw(n)
    # standardise with training statistics only (the test set must not leak into preprocessing)
    mean, sd = X_train.mean(axis=0), X_train.std(axis=0)
    X_val, y_val = draw(N_VALIDATION)
    X_test, y_test = draw(N_TEST)
    scale = lambda X: (X - mean) / sd  # noqa: E731
    return scale(X_train), y_train, scale(X_val), y_val, scale(X_test), y_test, true_w


def one_standard_error_choice(squared_errors: np.ndarray) -> int:
    """Index of the strongest penalty whose validation MSE is within one standard error of the best.

    ``squared_errors`` is (n_alphas, n_validation), alphas ordered strongest first. The minimum of a
    noisy validation curve tends to pick too weak a penalty (for the lasso: too many features);
    the one-standard-error rule (glmnet's lambda.1se) takes the simplest model that is statistically
    as good.
    """
    mse = squared_errors.mean(axis=1)
    best = int(np.argmin(mse))
    standard_error = squared_errors[best].std(ddof=1) / np.sqrt(squared_errors.shape[1])
    return int(np.flatnonzero(mse <= mse[best] + standard_error)[0])


def run(seed: int, progress: ProgressFn = no_progress, *, n_samples: int, n_features: int, n_informative: int,
        rho: float, n_alphas: int) -> LabResult:
    if n_informative > n_features:
        raise InputError(f"n_informative ({n_informative}) cannot exceed n_features ({n_features})")
    rng = np.random.default_rng(seed)
    X, y, X_val, y_val, X_test, y_test, true_w = make_data(rng, n_samples, n_features, n_informative, rho)
    n = len(X)
    # the smallest lasso alpha that zeroes every coefficient: max_j |x_jᵀ(y - ȳ)| / n
    lasso_alpha_max = float(np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / n)
    lasso_alphas = np.geomspace(lasso_alpha_max, lasso_alpha_max * 1e-3, n_alphas)
    ridge_alphas = np.geomspace(1e4, 1e-2, n_alphas) * n / 100  # comparable shrinkage range for any n

    lasso_coefs, ridge_coefs, lasso_val, ridge_val, ridge_test = [], [], [], [], []
    for i, (a_l1, a_l2) in enumerate(zip(lasso_alphas, ridge_alphas, strict=True)):
        lasso = Lasso(alpha=float(a_l1), max_iter=5000, tol=1e-6).fit(X, y)
        ridge = Ridge(alpha=float(a_l2)).fit(X, y)
        lasso_coefs.append(lasso.coef_)
        ridge_coefs.append(ridge.coef_)
        lasso_val.append((y_val - lasso.predict(X_val)) ** 2)
        ridge_val.append((y_val - ridge.predict(X_val)) ** 2)
        ridge_test.append(mean_squared_error(y_test, ridge.predict(X_test)))
        progress(i + 1, n_alphas)
    lasso_path, ridge_path = np.array(lasso_coefs), np.array(ridge_coefs)
    best_l1 = one_standard_error_choice(np.array(lasso_val))
    best_l2 = int(np.argmin(np.mean(ridge_val, axis=1)))
    lasso = Lasso(alpha=float(lasso_alphas[best_l1]), max_iter=5000, tol=1e-6).fit(X, y)
    ridge = Ridge(alpha=float(ridge_alphas[best_l2])).fit(X, y)
    ols = LinearRegression().fit(X, y)
    kept = lasso.coef_ != 0.0
    # "relaxed lasso": the lasso picks the features, plain least squares sets their weights unshrunk
    refit = LinearRegression().fit(X[:, kept], y) if kept.any() else None

    informative = true_w != 0
    lasso_zero = lasso.coef_ == 0.0
    ridge_zero = ridge.coef_ == 0.0
    numbers = {
        "features": n_features,
        "informative_features": int(informative.sum()),
        "lasso_exact_zeros": int(lasso_zero.sum()),
        "ridge_exact_zeros": int(ridge_zero.sum()),
        "lasso_informative_kept": int((~lasso_zero & informative).sum()),
        "lasso_noise_features_kept": int((~lasso_zero & ~informative).sum()),
        "ridge_smallest_abs_coef": float(np.min(np.abs(ridge.coef_))),
        "lasso_alpha": float(lasso_alphas[best_l1]),
        "ridge_alpha": float(ridge_alphas[best_l2]),
        "lasso_test_mse": mean_squared_error(y_test, lasso.predict(X_test)),
        "ridge_test_mse": mean_squared_error(y_test, ridge.predict(X_test)),
        "ridge_test_mse_best_alpha_on_path": float(min(ridge_test)),
        "ols_test_mse": mean_squared_error(y_test, ols.predict(X_test)),
        "lasso_selected_then_ols_test_mse": (mean_squared_error(y_test, refit.predict(X_test[:, kept]))
                                             if refit is not None else float(np.mean((y_test - y.mean()) ** 2))),
        "noise_variance": NOISE_SD**2,
        "lasso_zeros_along_path_max": int((lasso_path == 0.0).sum(axis=1).max()),
        "ridge_zeros_along_path_max": int((ridge_path == 0.0).sum(axis=1).max()),
    }
    rows = [[f"x{j}", true_w[j], lasso.coef_[j], ridge.coef_[j]] for j in range(n_features)
            if informative[j] or j < 8]
    table = ResultTable("Coefficients at the chosen alphas (informative features and the first 8)",
                        ["feature", "true", "lasso", "ridge"], rows)
    notices = _notices(numbers, n_features=n_features, ridge_at_weakest=best_l2 == n_alphas - 1,
                       ridge_at_strongest=best_l2 == 0)
    figures = {
        "paths": lambda: _paths_figure(lasso_alphas, lasso_path, ridge_alphas, ridge_path, informative,
                                       best_l1, best_l2),
        "coefficients": lambda: _coefficient_figure(true_w, lasso.coef_, ridge.coef_),
        "geometry": _geometry_figure,
    }
    return LabResult("l1-vs-l2", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


def _notices(n: dict, *, n_features: int, ridge_at_weakest: bool, ridge_at_strongest: bool) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    noise_features = n_features - n["informative_features"]
    noise_zeroed = noise_features - n["lasso_noise_features_kept"]
    lasso, ridge, ols = n["lasso_test_mse"], n["ridge_test_mse"], n["ols_test_mse"]
    out = [
        f"At the chosen penalties the lasso set {n['lasso_exact_zeros']} of {n_features} coefficients exactly to "
        f"zero and ridge set {n['ridge_exact_zeros']}; ridge's smallest |coefficient| is "
        f"{n['ridge_smallest_abs_coef']:.2g}.",
        f"The lasso kept {n['lasso_informative_kept']} of the {n['informative_features']} informative features"
        + (f" and {n['lasso_noise_features_kept']} of the {noise_features} pure-noise ones." if noise_features
           else " (every feature is informative in this setting)."),
        f"Test MSE: lasso {lasso:.3f}, ridge {ridge:.3f}, unpenalised least squares {ols:.3f}, least squares "
        f"refitted on the lasso's features {n['lasso_selected_then_ols_test_mse']:.3f}"
        + (" (the lasso kept none, so that is the training mean's error)" if n["lasso_exact_zeros"] == n_features
           else "")
        + f"; the noise variance, {n['noise_variance']:.1f}, is the floor.",
    ]
    if lasso < ridge and noise_zeroed > 0:
        out.append(f"The lasso predicted better than ridge: it set {noise_zeroed} pure-noise features exactly to "
                   f"zero, which removes their estimation noise, where ridge only shrinks it.")
    elif lasso < ridge:
        out.append("The lasso predicted better than ridge on this run.")
    else:
        out.append(f"Ridge predicted at least as well as the lasso on this run ({ridge:.3f} vs {lasso:.3f}).")
    relative = ridge / ols - 1
    best_on_path = n["ridge_test_mse_best_alpha_on_path"]
    if relative < -0.02:
        out.append(f"Ridge's shrinkage cut the test MSE by {-relative:.0%} against unpenalised least squares.")
    elif relative <= 0.02:
        reason = (" the validation set chose the weakest penalty on the path, i.e. almost no shrinkage"
                  if ridge_at_weakest else
                  " a penalty strong enough to quiet the noise features also shrinks the large true weights"
                  if noise_features and not ridge_at_strongest else " its shrinkage bought little here")
        out.append(f"Ridge scored within 2% of unpenalised least squares ({ridge:.3f} vs {ols:.3f}):{reason}.")
    elif best_on_path < ridge:
        out.append(f"Ridge scored {relative:.0%} worse than unpenalised least squares: the penalty with the lowest "
                   f"validation MSE was not the best on the test set (the best penalty on the path scored "
                   f"{best_on_path:.3f}); a {N_VALIDATION}-row validation set is itself a noisy estimate.")
    else:
        out.append(f"Ridge scored {relative:.0%} worse than unpenalised least squares, at every penalty on the path.")
    return out


def _paths_figure(lasso_alphas, lasso_path, ridge_alphas, ridge_path, informative, best_l1, best_l2):
    fig, (ax1, ax2, ax3) = new_figure(3, 1, width=5.0, title="Coefficient paths: L1 hits zero, L2 only shrinks")
    for ax, alphas, path, best, name, rule in (
            (ax1, lasso_alphas, lasso_path, best_l1, "Lasso (L1)", "one-standard-error rule"),
            (ax2, ridge_alphas, ridge_path, best_l2, "Ridge (L2)", "lowest validation MSE")):
        for j in range(path.shape[1]):
            ax.plot(alphas, path[:, j], color=COLOURS[0] if informative[j] else "0.7",
                    lw=1.6 if informative[j] else 0.8)
        ax.axvline(alphas[best], color="k", ls="--", lw=1, label=f"chosen: {rule}")
        ax.set_xscale("log")
        ax.invert_xaxis()
        ax.set_xlabel("penalty alpha (log scale; weaker to the right)")
        ax.set_ylabel("coefficient (per 1 sd of the feature)")
        ax.set_title(f"{name}: blue = informative, grey = noise")
        ax.legend(loc="upper left", fontsize=8)
    # both paths run from their strongest penalty (index 0) to their weakest, so plot by position
    position = np.linspace(0, 1, len(lasso_alphas))
    ax3.plot(position, (lasso_path != 0).sum(axis=1), "o-", color=COLOURS[1], label="lasso", zorder=3)
    ax3.plot(position, (ridge_path != 0).sum(axis=1), "s-", color=COLOURS[2], label="ridge")
    ax3.axvline(position[best_l1], color=COLOURS[1], ls="--", lw=1, label="lasso's chosen penalty")
    ax3.axvline(position[best_l2], color=COLOURS[2], ls=":", lw=1, label="ridge's chosen penalty")
    ax3.set_xlabel("position on the path (0 = strongest penalty, 1 = weakest)")
    ax3.set_ylabel("non-zero coefficients")
    ax3.set_title("Sparsity along the path")
    ax3.legend(fontsize=8, loc="lower right")
    return fig


def _coefficient_figure(true_w, lasso_w, ridge_w):
    fig, ax = new_figure(width=9.0, title="Coefficients at the chosen penalties")
    index = np.arange(len(true_w))
    ax.bar(index - 0.27, true_w, 0.27, label="true", color="0.4")
    ax.bar(index, lasso_w, 0.27, label="lasso", color=COLOURS[1])
    ax.bar(index + 0.27, ridge_w, 0.27, label="ridge", color=COLOURS[2])
    ax.axhline(0, color="k", lw=0.6)
    ax.set_xlabel("feature index")
    ax.set_ylabel("coefficient (per 1 sd of the feature)")
    ax.legend()
    return fig


def _geometry_figure():
    """Why L1 gives zeros: loss contours touching the L1 diamond at a corner, the L2 disc off-axis."""
    # a 2-feature least-squares loss with its unconstrained minimum at (2.0, 0.6) and tilted contours
    w_hat = np.array([2.0, 0.6])
    hessian = np.array([[1.0, 0.45], [0.45, 1.0]])
    loss = lambda w: np.einsum("...i,ij,...j->...", w - w_hat, hessian, w - w_hat)  # noqa: E731
    budget = 1.0
    angles = np.linspace(0, 2 * np.pi, 4001)
    circle = np.column_stack([np.cos(angles), np.sin(angles)]) * budget
    diamond = circle / np.abs(circle).sum(axis=1, keepdims=True) * budget
    fig, axes = new_figure(2, 1, width=4.6, title="Constrained form: where the loss contours first touch the ball")
    grid = np.linspace(-1.6, 3.0, 300)
    W1, W2 = np.meshgrid(grid, grid)
    surface = loss(np.stack([W1, W2], axis=-1))
    for ax, ball, name in ((axes[0], diamond, "L1: |w1| + |w2| <= 1"), (axes[1], circle, "L2: w1² + w2² <= 1")):
        best = ball[np.argmin(loss(ball))]
        ax.contour(W1, W2, surface, levels=[loss(best)] + [loss(best) * f for f in (1.8, 3.0, 4.5)],
                   colors=COLOURS[0], linewidths=1)
        ax.fill(ball[:, 0], ball[:, 1], color=COLOURS[1], alpha=0.3)
        ax.plot(*w_hat, "k+", ms=10, label="unpenalised optimum")
        ax.plot(*best, "o", color=COLOURS[3], label=f"constrained optimum ({best[0]:.2f}, {best[1]:.2f})")
        ax.axhline(0, color="k", lw=0.5)
        ax.axvline(0, color="k", lw=0.5)
        ax.set_aspect("equal")
        ax.set_xlabel("w1")
        ax.set_ylabel("w2")
        ax.set_title(name)
        ax.legend(loc="lower right", fontsize=8)
    return fig
