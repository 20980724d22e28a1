"""Gradient descent and the learning rate, on a least-squares loss whose curvature we can compute.

Loss: mean squared error of a two-feature linear model, ``L(w) = (1/n) ||X w - y||^2`` (features
centred, no intercept). It is a quadratic bowl with Hessian ``H = (2/n) X^T X``, so everything
about gradient descent is visible: along each eigenvector of H (curvature lambda_i) the distance
to the optimum is multiplied by ``(1 - lr * lambda_i)`` every step. The two features are
correlated (``rho``), which stretches the bowl: condition number ``(1 + rho) / (1 - rho)`` for
standardised features.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "learning-rate",
    params=(
        Param("steps", "int", 50, "gradient-descent steps for each learning rate", low=5, high=1000),
        Param("rho", "float", 0.8, "correlation of the two features (stretches the bowl)", low=0.0, high=0.99),
        Param("crawl", "float", 0.01, "the small learning rate, as a fraction of the limit 2/lambda_max",
              low=0.001, high=0.5),
        Param("diverge", "float", 1.1, "the large learning rate, as a multiple of the limit 2/lambda_max",
              low=1.01, high=3.0),
        Param("n_samples", "int", 200, "training rows", low=20, high=10000),
    ),
    notice=(
        "On a quadratic loss each gradient step multiplies the error along the Hessian's i-th eigenvector by "
        "(1 - lr·lambda_i). Gradient descent converges only if |1 - lr·lambda_i| < 1 for every i, i.e. "
        "lr < 2 / lambda_max: the steepest direction sets the limit.",
        "Above the limit the steep direction overshoots by more each step, so the loss grows geometrically "
        "(in a real network it ends in inf or NaN). Far below it, the flat direction shrinks by only "
        "(1 - lr·lambda_min) per step: the loss keeps falling, just slowly.",
        "The best fixed step for a quadratic is 2 / (lambda_max + lambda_min); even then the error shrinks by "
        "(kappa - 1) / (kappa + 1) per step, with kappa = lambda_max / lambda_min the condition number. "
        "Correlated or badly scaled features raise kappa, which is why standardising features speeds up "
        "gradient descent.",
        "Between 1/lambda_max and 2/lambda_max the path zig-zags across the valley (1 - lr·lambda_max is "
        "negative) yet still converges: oscillation alone is not divergence.",
        "A neural network's curvature changes during training, so its limit is not one fixed number, but the "
        "same mechanism explains a loss that explodes at a high learning rate and why warm-up, decay schedules "
        "and adaptive optimisers help.",
    ),
    takeaway=(
        "Too high a learning rate diverges (loss rises or becomes NaN), too low crawls (loss falls steadily but "
        "too slowly), and the usable range is bounded by the loss's sharpest curvature: lr < 2/lambda_max for "
        "gradient descent. In practice: sweep the learning rate on a log scale, take the largest one that "
        "trains stably, standardise inputs, and add a schedule (warm-up, decay) or gradient clipping."
    ),
)

TRUE_WEIGHTS = np.array([3.0, 0.5])  # fixed, so the start (the origin) has error along both eigenvectors
NOISE_SD = 0.5
SWEEP_POINTS = 60


def make_problem(rng: np.random.Generator, n: int, rho: float) -> tuple[np.ndarray, np.ndarray]:
    cov = np.array([[1.0, rho], [rho, 1.0]])
    X = rng.standard_normal((n, 2)) @ np.linalg.cholesky(cov).T
    X -= X.mean(axis=0)
    y = X @ TRUE_WEIGHTS + NOISE_SD * rng.standard_normal(n)
    return X, y - y.mean()


def gradient_descent(X: np.ndarray, y: np.ndarray, lr: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Weights (steps + 1, 2) and loss (steps + 1,) along plain gradient descent from the origin.

    Once the loss overflows the rest of the path is inf: nothing after it would mean anything.
    """
    n = len(X)
    w = np.zeros(2)
    path, losses = [w.copy()], [float(np.mean((X @ w - y) ** 2))]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            w = w - lr * (2.0 / n) * (X.T @ (X @ w - y))
            loss = float(np.mean((X @ w - y) ** 2))
            if not np.isfinite(loss):
                w = np.full(2, np.inf)
                loss = float("inf")
            path.append(w.copy())
            losses.append(loss)
    return np.array(path), np.array(losses)


def run(seed: int, progress: ProgressFn = no_progress, *, steps: int, rho: float, crawl: float, diverge: float,
        n_samples: int) -> LabResult:
    rng = np.random.default_rng(seed)
    X, y = make_problem(rng, n_samples, rho)
    n = len(X)
    hessian = (2.0 / n) * X.T @ X
    lam_min, lam_max = np.linalg.eigvalsh(hessian)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    loss_star = float(np.mean((X @ w_star - y) ** 2))
    limit = 2.0 / lam_max
    rates = {
        "crawl": crawl * limit,
        "converge": 2.0 / (lam_max + lam_min),
        "diverge": diverge * limit,
    }
    runs = {name: gradient_descent(X, y, lr, steps) for name, lr in rates.items()}
    excess0 = runs["converge"][1][0] - loss_star

    def excess(losses: np.ndarray) -> np.ndarray:
        return losses - loss_star

    def steps_to(losses: np.ndarray, fraction: float) -> int | None:
        """First step at which the excess loss is below ``fraction`` of where it started, if any."""
        hits = np.flatnonzero(excess(losses) <= fraction * excess0)
        return int(hits[0]) if len(hits) else None

    sweep_factors = np.geomspace(0.01, 1.5, SWEEP_POINTS)  # multiples of the limit 2/lambda_max
    sweep_excess = []
    for i, factor in enumerate(sweep_factors):
        sweep_excess.append(excess(gradient_descent(X, y, factor * limit, steps)[1])[-1] / excess0)
        progress(i + 1, SWEEP_POINTS)
    sweep = np.array(sweep_excess)

    numbers = {
        "lambda_max": lam_max,
        "lambda_min": lam_min,
        "condition_number": lam_max / lam_min,
        "lr_limit_2_over_lambda_max": limit,
        "lr_crawl": rates["crawl"],
        "lr_converge": rates["converge"],
        "lr_diverge": rates["diverge"],
        "initial_excess_loss": excess0,
    }
    rows = []
    for name, (_, losses) in runs.items():
        final = excess(losses)[-1]
        numbers[f"{name}_final_excess_loss"] = final
        numbers[f"{name}_final_excess_fraction"] = final / excess0
        reached = steps_to(losses, 1e-6)
        rows.append([name, rates[name], rates[name] / limit, final / excess0,
                     "never" if reached is None else reached,
                     float(np.max(np.abs(1 - rates[name] * np.array([lam_min, lam_max]))))])
    table = ResultTable(
        f"After {steps} steps (excess loss = loss - minimum loss)",
        ["learning rate", "lr", "lr / limit", "excess loss / start", "steps to 1e-6 of start",
         "max |1 - lr·lambda|"],
        rows,
    )
    best = int(np.nanargmin(np.where(np.isfinite(sweep), sweep, np.nan)))
    numbers["sweep_best_lr_over_limit"] = sweep_factors[best]
    numbers["sweep_largest_converging_lr_over_limit"] = float(sweep_factors[sweep < 1].max())

    first_past_limit = int(np.searchsorted(sweep_factors, 1.0, side="right"))
    numbers["sweep_first_lr_past_limit_over_limit"] = sweep_factors[first_past_limit]
    numbers["sweep_first_past_limit_final_excess_fraction"] = sweep[first_past_limit]
    notices = _notices(numbers, steps=steps, crawl=crawl, diverge=diverge, sweep_factors=sweep_factors, sweep=sweep)
    figures = {
        "loss_curves": lambda: _loss_figure(runs, rates, loss_star, excess0, limit),
        "trajectories": lambda: _trajectory_figure(X, y, runs, rates, w_star),
        "sweep": lambda: _sweep_figure(sweep_factors, sweep, steps),
    }
    return LabResult("learning-rate", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


ROUNDING_LEVEL = 1e-12  # an excess loss below this fraction of its start is floating-point noise


def _fraction(value: float) -> str:
    return (f"below {ROUNDING_LEVEL:.0e} of its start (rounding level)" if value < ROUNDING_LEVEL
            else f"{value:.1e} of its start")


def _notices(n: dict, *, steps: int, crawl: float, diverge: float, sweep_factors: np.ndarray,
             sweep: np.ndarray) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    grown = n["diverge_final_excess_fraction"]
    if not np.isfinite(grown):
        diverged = "the loss overflowed to infinity"
    elif grown > 1:
        diverged = f"the excess loss grew to {grown:.3g} times its start"
    else:
        diverged = (f"the excess loss was still {grown:.3g} of its start: the steep direction grows by "
                    f"|1 - lr·lambda_max| = {2 * diverge - 1:.3g} per step, and after {steps} steps that had not "
                    f"yet outweighed the progress along the flat one")
    left = n["crawl_final_excess_fraction"]
    crawled = (f"at {crawl:g}x it still holds {left:.1%} of its start after {steps} steps" if left > 1e-3 else
               f"at {crawl:g}x it is down to {_fraction(left)} after {steps} steps: given enough steps even a "
               f"small step gets there")
    out = [f"The limit is 2/lambda_max = {n['lr_limit_2_over_lambda_max']:.3g}. At {diverge:g}x the limit "
           f"{diverged}; {crawled}; at 2/(lambda_max+lambda_min) = {n['lr_converge']:.3g} it is down to "
           f"{_fraction(n['converge_final_excess_fraction'])}."]
    kappa = n["condition_number"]
    factor = (kappa - 1) / (kappa + 1)
    if kappa >= 3:
        shape = (f"the steep direction is {kappa:.3g} times as curved as the flat one, so a step small enough for "
                 f"the first is slow along the second")
    else:
        shape = "the bowl is nearly round, so one step size suits both directions"
    # distance <= factor^k after k steps: a millionfold reduction within ln(1e-6) / ln(factor) steps
    millionfold = 1 if factor < 1e-6 else max(1, int(np.ceil(np.log(1e-6) / np.log(factor))))
    out.append(f"Condition number kappa = {kappa:.3g}: {shape}. With the best fixed step the distance to the "
               f"optimum is multiplied by at most (kappa - 1)/(kappa + 1) = {factor:.2g} each step, so it shrinks "
               f"a millionfold within {millionfold} step{'s' if millionfold > 1 else ''}.")
    largest = n["sweep_largest_converging_lr_over_limit"]
    finished = sweep_factors[sweep < ROUNDING_LEVEL]
    if len(finished) > 1:
        best = (f"{len(finished)} of the {len(sweep)} learning rates, between {finished.min():.2f}x and "
                f"{finished.max():.2f}x the limit, brought the excess loss {_fraction(0.0)}")
    else:
        best = f"the lowest final loss came at {n['sweep_best_lr_over_limit']:.2f}x the limit"
    past, past_excess = n["sweep_first_lr_past_limit_over_limit"], n["sweep_first_past_limit_final_excess_fraction"]
    after = ("overflowed to infinity" if not np.isfinite(past_excess) else
             f"ended at {past_excess:.3g} times its start" if past_excess > 1 else
             f"ended at {past_excess:.3g} of its start: with only {steps} steps the growth along the steep "
             f"direction had not yet outweighed the progress along the flat one")
    out.append(f"In the sweep {best}, and the largest learning rate that ended below its starting loss was "
               f"{largest:.2f}x the limit. At {past:.2f}x, the first sweep point past the limit, the excess loss "
               f"{after}.")
    return out


def _loss_figure(runs, rates, loss_star, excess0, limit):
    fig, ax = new_figure(width=7.0, title="Excess loss per step: diverge, crawl, converge")
    for (name, (_, losses)), colour in zip(runs.items(), (COLOURS[1], COLOURS[2], COLOURS[3]), strict=True):
        ax.plot((losses - loss_star) / excess0, color=colour, lw=2,
                label=f"{name}: lr = {rates[name]:.3g} ({rates[name] / limit:.2f} x 2/lambda_max)")
    ax.set_yscale("log")
    ax.set_xlabel("gradient-descent step")
    ax.set_ylabel("(loss - minimum) / starting value (log scale)")
    ax.legend()
    return fig


def _trajectory_figure(X, y, runs, rates, w_star):
    fig, ax = new_figure(width=6.5, height=5.5, title="Paths on the loss surface (contours of the MSE)")
    # the first few steps tell the story; the diverging path would otherwise leave any sensible frame
    shown_steps = {"crawl": 30, "converge": 12, "diverge": 7}
    shown = {name: path[: shown_steps[name]] for name, (path, _) in runs.items()}
    centre = w_star
    radius = max(float(np.max(np.abs(np.vstack(list(shown.values())) - centre))) * 1.1, 1.0)
    g = np.linspace(-radius, radius, 200)
    W1, W2 = np.meshgrid(centre[0] + g, centre[1] + g)
    W = np.stack([W1.ravel(), W2.ravel()])
    Z = np.mean((X @ W - y[:, None]) ** 2, axis=0).reshape(W1.shape)
    ax.contour(W1, W2, Z, levels=np.geomspace(Z.min() + 1e-3, Z.max(), 14), colors="0.75", linewidths=0.8)
    for (name, path), colour in zip(shown.items(), (COLOURS[1], COLOURS[2], COLOURS[3]), strict=True):
        ax.plot(path[:, 0], path[:, 1], "o-", ms=3, color=colour,
                label=f"{name} (lr {rates[name]:.3g}), first {len(path) - 1} steps")
    ax.plot(*w_star, "k*", ms=14, label="minimum")
    ax.set_xlim(W1.min(), W1.max())
    ax.set_ylim(W2.min(), W2.max())
    ax.set_xlabel("w1 (weight of feature 1)")
    ax.set_ylabel("w2 (weight of feature 2)")
    ax.legend(loc="upper left", fontsize=8)
    return fig


def _sweep_figure(factors, sweep, steps):
    fig, ax = new_figure(width=7.0, title=f"Final excess loss after {steps} steps vs learning rate")
    shown = np.where(np.isfinite(sweep), sweep, np.nan)
    ax.plot(factors, shown, "o-", ms=3, color=COLOURS[0])
    ax.axvline(1.0, color=COLOURS[3], ls="--", label="limit 2/lambda_max")
    ax.axhline(1.0, color="0.5", ls=":", label="starting loss")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("learning rate / (2/lambda_max) (log scale)")
    ax.set_ylabel("final (loss - minimum) / start (log scale)")
    ax.legend()
    return fig
