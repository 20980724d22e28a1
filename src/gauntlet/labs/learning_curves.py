"""Learning curves: training and validation error against training-set size for a high-bias model (a
straight line) and a high-variance one (a degree-``degree`` polynomial), and what more data can and
cannot fix.

Data: x uniform on [-1, 1], y = sin(3x) + Gaussian noise of standard deviation ``noise``. For each
training size from 20 to 2,000 rows, ``DRAWS`` training sets are drawn; both models are fitted by
least squares (the polynomial on Legendre polynomials of x, which keeps the fit well conditioned) and
scored on their own training rows and on 5,000 validation rows. Curves are medians over the draws (at
the smallest sizes a few training sets make the polynomial swing wildly, and their errors, up to 1e12,
would swamp a mean).

Two reference levels come from the data-generating process, not from any fit: the noise floor
noise^2, which no model can beat on average, and each model's approximation error, the mean squared
gap between sin(3x) and its best possible fit in the model's family (fitted to 20,000 noiseless
points): the part of the error that no amount of data removes.
"""

from __future__ import annotations

import numpy as np
from numpy.polynomial import legendre

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import LinearRegression
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "learning-curves",
    params=(
        Param("noise", "float", 0.3, "standard deviation of the noise in y", low=0.05, high=1.0),
        Param("degree", "int", 15, "degree of the flexible polynomial model", low=4, high=18),
    ),
    notice=(
        "A learning curve plots training and validation error against the number of training rows. Training "
        "error rises with more rows (there is more to fit and less room to fit noise); validation error falls "
        "(more rows pin the model down). Both head for the same level: the model's best possible error, noise "
        "plus approximation error.",
        "High bias (underfitting): the two curves meet early, close together, at a high level. More data does "
        "not help; a richer model, better features or less regularisation do.",
        "High variance (overfitting): a wide gap, with training error below the noise floor (the model fits "
        "noise) and validation error far above it. More data closes the gap, as do regularisation, a simpler "
        "model or fewer features.",
        "Which model is better depends on how much data there is: with few rows the stable, biased model wins; "
        "with many, the flexible one. Where the flexible model's curve is still falling, more data is worth "
        "buying; where both curves have flattened, it is not.",
        "Average over several training draws (or cross-validation folds): a single small training set gives a "
        "noisy curve. The noise floor is known here only because the data are synthetic; in practice, the level "
        "the two curves approach estimates it from above.",
    ),
    takeaway=(
        "Read learning curves by the gap and the level: curves that meet at a high error mean bias, so more data "
        "will not help and a richer model or better features will; a wide gap with validation error still "
        "falling means variance, so more data (or regularisation, or a simpler model) will help. The error two "
        "flattened curves share is the floor of that model family; comparing it with the target error tells you "
        "whether to collect data, change the model, or stop."
    ),
)

SIZES = (20, 30, 50, 75, 100, 150, 200, 300, 500, 1000, 2000)
DRAWS = 40
N_VALIDATION = 5000
N_REFERENCE = 20_000  # noiseless points for each family's best possible fit
SHOWN_SIZES = (20, 2000)  # training sizes drawn in the fits figure


def target(x: np.ndarray) -> np.ndarray:
    return np.sin(3.0 * x)


def features(x: np.ndarray, degree: int) -> np.ndarray:
    """Legendre polynomials P_1(x) .. P_degree(x) as columns (P_0, the constant, is the model's intercept)."""
    return legendre.legvander(x, degree)[:, 1:]


def fit(x: np.ndarray, y: np.ndarray, degree: int) -> LinearRegression:
    return LinearRegression().fit(features(x, degree), y)


def run(seed: int, progress: ProgressFn = no_progress, *, noise: float, degree: int) -> LabResult:
    rng = np.random.default_rng(seed)
    degrees = {"line": 1, "flexible": degree}
    x_val = rng.uniform(-1, 1, N_VALIDATION)
    y_val = target(x_val) + noise * rng.standard_normal(N_VALIDATION)
    x_ref = np.linspace(-1, 1, N_REFERENCE)
    approximation = {m: float(np.mean((fit(x_ref, target(x_ref), d).predict(features(x_ref, d)) - target(x_ref)) ** 2))
                     for m, d in degrees.items()}
    curves: dict[str, dict[str, list[float]]] = {
        m: {key: [] for key in ("train", "validation", "train_low", "train_high", "validation_low", "validation_high")}
        for m in degrees}
    examples: dict[int, dict] = {}
    for step, n in enumerate(SIZES):
        scores: dict[str, dict[str, list[float]]] = {m: {"train": [], "validation": []} for m in degrees}
        for draw in range(DRAWS):
            x = rng.uniform(-1, 1, n)
            y = target(x) + noise * rng.standard_normal(n)
            for m, d in degrees.items():
                model = fit(x, y, d)
                scores[m]["train"].append(float(np.mean((model.predict(features(x, d)) - y) ** 2)))
                scores[m]["validation"].append(float(np.mean((model.predict(features(x_val, d)) - y_val) ** 2)))
                if draw == 0 and n in SHOWN_SIZES:
                    examples.setdefault(n, {"x": x, "y": y})[m] = model
        for m in degrees:
            for kind in ("train", "validation"):
                curves[m][kind].append(float(np.median(scores[m][kind])))
                low, high = np.quantile(scores[m][kind], [0.1, 0.9])
                curves[m][f"{kind}_low"].append(float(low))
                curves[m][f"{kind}_high"].append(float(high))
        progress(step + 1, len(SIZES))

    # the noise actually present in these validation rows: what even the true function scores on them
    numbers: dict[str, Scalar] = {"noise_floor": noise**2,
                                  "validation_noise": float(np.mean((target(x_val) - y_val) ** 2))}
    for m in degrees:
        numbers[f"{m}_approximation_error"] = approximation[m]
        for i, n in enumerate(SIZES):
            numbers[f"{m}_train_{n}"] = curves[m]["train"][i]
            numbers[f"{m}_validation_{n}"] = curves[m]["validation"][i]
    better = [curves["flexible"]["validation"][i] < curves["line"]["validation"][i] for i in range(len(SIZES))]
    numbers["flexible_better_from"] = next((SIZES[i] for i in range(len(SIZES)) if all(better[i:])), 0)
    table = ResultTable(
        f"Mean squared error, median over {DRAWS} training sets per size (noise floor {noise**2:.4g})",
        ["training rows", "line: train", "line: validation", f"degree {degree}: train",
         f"degree {degree}: validation"],
        [[n, curves["line"]["train"][i], curves["line"]["validation"][i], curves["flexible"]["train"][i],
          curves["flexible"]["validation"][i]] for i, n in enumerate(SIZES)])
    notices = _notices(numbers, degree=degree)
    figures = {
        "learning_curves": lambda: _curves_figure(curves, numbers, degree),
        "fits": lambda: _fits_figure(examples, degree),
    }
    return LabResult("learning-curves", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


def _notices(n: dict, *, degree: int) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    small, large, half = SIZES[0], SIZES[-1], SIZES[-2]
    floor = n["noise_floor"]
    out = []
    line_level = floor + n["line_approximation_error"]
    gap = n[f"line_validation_{large}"] - n[f"line_train_{large}"]
    text = (f"The straight line: validation MSE {n[f'line_validation_{small}']:.3f} at {small} rows, "
            f"{n[f'line_validation_{large}']:.3f} at {large:,}; training MSE {n[f'line_train_{small}']:.3f} -> "
            f"{n[f'line_train_{large}']:.3f}. At {large:,} rows the gap (validation minus training) is "
            f"{f'{gap:.3f}' if abs(gap) >= 0.0005 else 'under 0.001'} and both sit near noise + "
            f"approximation error = {floor:.3f} + {n['line_approximation_error']:.3f} = {line_level:.3f}")
    if n["line_approximation_error"] > floor * 0.5:
        text += (": the approximation error is bias no amount of data removes; a richer model (or better features) "
                 "would.")
    else:
        text += "."
    out.append(text)
    below = n[f"flexible_train_{small}"] < floor
    text = (f"The degree-{degree} polynomial: at {small} rows training MSE {n[f'flexible_train_{small}']:.3f}"
            + (f", below the noise floor {floor:.3f} (it fits noise)" if below else "")
            + f", validation MSE {n[f'flexible_validation_{small}']:.3g}; at {large:,} rows "
            f"{n[f'flexible_train_{large}']:.3f} and {n[f'flexible_validation_{large}']:.3f}, "
            f"{n[f'flexible_validation_{large}'] - n['validation_noise']:+.4f} from what the true function itself "
            f"scores on these validation rows ({n['validation_noise']:.4f}).")
    if n[f"flexible_validation_{large}"] < n[f"flexible_validation_{small}"] / 2:
        text += " More data closed the gap: its problem was variance."
    out.append(text)
    crossover = n["flexible_better_from"]
    if crossover == 0:
        out.append(f"The straight line validates better than the degree-{degree} polynomial at some of the largest "
                   f"sizes tried, so the flexible model never takes over for good here.")
    elif crossover == small:
        out.append(f"The degree-{degree} polynomial validates better at every size from {small} rows.")
    else:
        last_line = max(s for s in SIZES
                        if s < crossover and n[f"line_validation_{s}"] <= n[f"flexible_validation_{s}"])
        out.append(f"With few rows the straight line is the better model (still at {last_line} rows: "
                   f"{n[f'line_validation_{last_line}']:.3f} vs {n[f'flexible_validation_{last_line}']:.3f}); from "
                   f"{crossover} rows on the degree-{degree} polynomial is: which model is better depends on the data "
                   f"you have.")
    change = {m: n[f"{m}_validation_{large}"] / n[f"{m}_validation_{half}"] - 1 for m in ("line", "flexible")}
    out.append(f"Doubling the data from {half:,} to {large:,} rows changes validation MSE by {change['line']:+.1%} for "
               f"the line and {change['flexible']:+.1%} for the polynomial: "
               + ("both curves have flattened, so more data would buy little for either."
                  if max(abs(v) for v in change.values()) < 0.02 else
                  "the curve still falling is the one for which more data still pays."))
    return out


def _curves_figure(curves, numbers, degree):
    fig, axes = new_figure(2, 1, width=6.0, height=4.4, title="Learning curves: error against training rows")
    sizes = np.array(SIZES)
    floor = numbers["noise_floor"]
    for ax, m, title in ((axes[0], "line", "Straight line (high bias)"),
                         (axes[1], "flexible", f"Degree-{degree} polynomial (high variance)")):
        for kind, colour, marker in (("train", COLOURS[0], "o"), ("validation", COLOURS[1], "s")):
            mean = np.array(curves[m][kind])
            ax.fill_between(sizes, curves[m][f"{kind}_low"], curves[m][f"{kind}_high"], color=colour, alpha=0.15)
            ax.plot(sizes, mean, marker + "-", color=colour, label=f"{kind} (median; band: middle 80% of draws)")
        level = floor + numbers[f"{m}_approximation_error"]
        ax.axhline(floor, color="0.4", ls=":", label=f"noise floor {floor:.3g}")
        ax.axhline(level, color=COLOURS[3], ls="--", label=f"noise + approximation error {level:.3g}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("training rows (log scale)")
        ax.set_ylabel("mean squared error (log scale)")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8)
    return fig


def _fits_figure(examples, degree):
    fig, axes = new_figure(2, 1, width=5.5, height=4.2, title="One training set of each size and the two fits")
    grid = np.linspace(-1, 1, 400)
    for ax, n in zip(axes, SHOWN_SIZES, strict=True):
        example = examples[n]
        ax.plot(example["x"], example["y"], ".", color="0.6", ms=3 if n > 100 else 7, label=f"{n:,} training rows")
        ax.plot(grid, target(grid), color="k", lw=1, label="sin(3x), the truth")
        ax.plot(grid, example["line"].predict(features(grid, 1)), color=COLOURS[0], label="straight line")
        ax.plot(grid, example["flexible"].predict(features(grid, degree)), color=COLOURS[1],
                label=f"degree-{degree} polynomial")
        ax.set_ylim(-2.5, 2.5)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title(f"{n:,} rows", fontsize=10)
        ax.legend(fontsize=8, loc="lower right")
    return fig
