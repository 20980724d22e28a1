"""Batch vs stochastic vs mini-batch gradient descent on one least-squares problem.

Data: ``n_samples`` rows, 10 standardised features with correlation 0.5^|i-j|, target linear in
them plus Gaussian noise (sd 1). Every variant is the same model (``LinearRegression``) fitted
from zero; only the batch size and step size differ:

- batch: all rows per step, the best fixed step for this quadratic, 2 / (lambda_max + lambda_min);
- mini-batch: ``batch_size`` rows per step, step ``lr * batch_size`` (the linear-scaling rule of
  thumb), capped at half the stability limit 2 / lambda_max;
- SGD: one row per step, step ``lr``; and the same with the step decayed as lr / (1 + 0.5 epoch).
  SGD is the plain per-row loop (``models.linear.sgd_epoch_per_sample``): its wall time is the
  honest cost of sequential updates in Python.
"""

from __future__ import annotations

import time

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import LinearRegression
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "gd-variants",
    params=(
        Param("n_samples", "int", 2000, "training rows", low=200, high=20000),
        Param("epochs", "int", 20, "passes over the data for every variant", low=2, high=200),
        Param("batch_size", "int", 32, "rows per mini-batch", low=2, high=1024),
        Param("lr", "float", 0.01, "SGD step size (mini-batch uses lr x batch_size, capped)", low=1e-4, high=0.05),
    ),
    notice=(
        "Per epoch (one pass over the data, the same number of gradient evaluations for every variant), SGD and "
        "mini-batch make many parameter updates while batch gradient descent makes one, so with a reasonable "
        "step they get most of the way in the first epoch.",
        "With a constant step, SGD stalls at a noise floor: even at the optimum a one-row gradient is not zero, "
        "so every step kicks the weights away again. The floor grows with the step size; decaying the step (or "
        "averaging the iterates) lets SGD settle, while batch GD converges to the exact optimum.",
        "The variance of a mini-batch gradient around the full gradient falls as 1/B (times (n - B)/(n - 1) when "
        "sampling without replacement), so the gradient noise chart falls with slope -1 on log-log axes, and at "
        "B = n it is exactly zero (what the computer measures is rounding error, so that point is left off the "
        "log scale).",
        "Wall time is where the trade-off bites. A batch or mini-batch step is one matrix product over its rows, "
        "which vectorised code and parallel hardware do at once. SGD's n updates per epoch are sequential: each "
        "needs the weights the previous one produced, so they cannot be merged into one product. This lab's SGD "
        "is the plain loop, one row at a time, so it also pays Python's per-step overhead n times per epoch: "
        "see the per-second panel. Compiled SGD (scikit-learn's SGDRegressor is Cython) removes that overhead "
        "but not the sequential dependency. Mini-batches of tens to hundreds of rows get most of the parallel "
        "speed and most of the update count; that, plus GPUs, is why deep learning trains with them.",
        "This data set is small, convex and well conditioned, so batch GD with its best step overtakes the "
        "others within a few epochs. SGD's per-epoch advantage grows with the size and redundancy of the data: "
        "with ten million rows one batch step costs ten million row-gradients, and a few thousand noisy steps "
        "usually get further for the same cost.",
        "Some gradient noise can help non-convex models escape sharp minima and saddle points; on this convex "
        "problem it only costs precision.",
    ),
    takeaway=(
        "Batch GD: exact gradient, smooth and deterministic, but one update per pass and memory for all data. "
        "SGD: cheap, noisy updates, fast early progress, needs a decaying step to converge, and its updates "
        "are sequential, so one row cannot keep parallel hardware busy. Mini-batch: the default in practice, "
        "with gradient variance falling as 1/B and hardware "
        "efficiency; when you raise the batch size, raise the learning rate (roughly linearly, with warm-up) "
        "and expect fewer updates per epoch."
    ),
)

N_FEATURES = 10
NOISE_SD = 1.0
SGD_DECAY = 0.5
NOISE_BATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
NOISE_DRAWS = 200


def make_data(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    cov = 0.5 ** np.abs(np.subtract.outer(np.arange(N_FEATURES), np.arange(N_FEATURES)))
    X = rng.standard_normal((n, N_FEATURES)) @ np.linalg.cholesky(cov).T
    w = rng.uniform(-2, 2, N_FEATURES)
    return X, X @ w + 3.0 + NOISE_SD * rng.standard_normal(n)


def gradient_noise(rng: np.random.Generator, Xb: np.ndarray, y: np.ndarray, w_star: np.ndarray,
                   sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Measured and theoretical E||g_B - g||^2 at the optimum w_star, for each batch size B.

    g_B is the MSE gradient on B rows drawn without replacement; at w_star the full gradient g is 0.
    Theory: tr(S) / B * (n - B) / (n - 1), with S the covariance of the one-row gradients.
    """
    n = len(Xb)
    per_row = 2.0 * (Xb @ w_star - y)[:, None] * Xb  # (n, d): gradient of each row's squared error
    full = per_row.mean(axis=0)
    trace_s = float(np.sum((per_row - full) ** 2) / n)
    measured, theory = [], []
    for b in sizes:
        draws = [per_row[rng.choice(n, b, replace=False)].mean(axis=0) for _ in range(NOISE_DRAWS)]
        measured.append(float(np.mean(np.sum((np.array(draws) - full) ** 2, axis=1))))
        theory.append(trace_s / b * (n - b) / (n - 1))
    return np.array(measured), np.array(theory)


def run(seed: int, progress: ProgressFn = no_progress, *, n_samples: int, epochs: int, batch_size: int,
        lr: float) -> LabResult:
    rng = np.random.default_rng(seed)
    X, y = make_data(rng, n_samples)
    exact = LinearRegression().fit(X, y)
    loss_star = float(np.mean((exact.predict(X) - y) ** 2))
    Xb = np.column_stack([X, np.ones(len(X))])
    lam = np.linalg.eigvalsh((2.0 / len(X)) * Xb.T @ Xb)
    limit = 2.0 / lam[-1]
    batch_size = min(batch_size, n_samples)
    variants = {
        "batch": dict(solver="batch", learning_rate=2.0 / (lam[-1] + lam[0])),
        "mini-batch": dict(solver="minibatch", batch_size=batch_size, learning_rate=min(lr * batch_size, limit / 2)),
        "SGD": dict(solver="sgd", learning_rate=lr),
        "SGD, decaying step": dict(solver="sgd", learning_rate=lr, lr_decay=SGD_DECAY),
    }
    histories, seconds = {}, {}
    for i, (name, options) in enumerate(variants.items()):
        model = LinearRegression(n_epochs=epochs, random_state=seed + i, **options)
        started = time.perf_counter()
        model.fit(X, y)
        seconds[name] = (time.perf_counter() - started) / epochs
        histories[name] = model.loss_history_ - loss_star
        progress(i + 1, len(variants) + 1)
    sizes = [b for b in NOISE_BATCH_SIZES if b < n_samples] + [n_samples]
    noise, noise_theory = gradient_noise(rng, Xb, y, np.r_[exact.coef_, exact.intercept_], sizes)
    progress(len(variants) + 1, len(variants) + 1)

    updates = {"batch": 1, "mini-batch": -(-n_samples // batch_size), "SGD": n_samples,
               "SGD, decaying step": n_samples}
    keys = {"batch": "batch", "mini-batch": "minibatch", "SGD": "sgd", "SGD, decaying step": "sgd_decay"}
    numbers: dict[str, float | int] = {"optimum_mse": loss_star, "stability_limit_lr": limit}
    rows = []
    tail = max(2, epochs // 4)
    for name, excess in histories.items():
        key = keys[name]
        ups = int(np.sum(np.diff(excess) > 0))
        numbers[f"{key}_lr"] = variants[name]["learning_rate"]
        numbers[f"{key}_excess_after_epoch_1"] = excess[0]
        numbers[f"{key}_excess_final"] = excess[-1]
        # one epoch's value on a noisy plateau is a lottery ticket; the plateau is its average
        numbers[f"{key}_excess_last_quarter_mean"] = float(np.mean(excess[-tail:]))
        numbers[f"{key}_epochs_loss_went_up"] = ups
        rows.append([name, updates[name], variants[name]["learning_rate"], excess[0], excess[-1],
                     numbers[f"{key}_excess_last_quarter_mean"], ups])
    at = {b: i for i, b in enumerate(sizes)}
    numbers["grad_noise_b1"] = noise[at[1]]
    if batch_size in at:
        numbers[f"grad_noise_b{batch_size}"] = noise[at[batch_size]]
        numbers["grad_noise_ratio_b1_over_minibatch"] = noise[at[1]] / noise[at[batch_size]]
    numbers["grad_noise_full_batch"] = noise[-1]
    table = ResultTable(
        f"Excess training MSE (MSE - optimum) over {epochs} epochs",
        ["variant", "updates per epoch", "step size", "after epoch 1", f"after epoch {epochs}",
         f"mean of last {tail} epochs", "epochs the loss rose"],
        rows,
    )
    noise_table = ResultTable("Gradient noise at the optimum, E||g_B - g||²",
                              ["batch size B", "measured", "theory tr(S)/B·(n-B)/(n-1)"],
                              [[b, m, t] for b, m, t in zip(sizes, noise, noise_theory, strict=True)])
    timings = {f"{keys[name]}_seconds_per_epoch": s for name, s in seconds.items()}
    notices = _notices(numbers, n_samples=n_samples, epochs=epochs, tail=tail, batch_size=batch_size,
                       minibatch_updates=updates["mini-batch"], sizes=sizes, noise=noise, theory=noise_theory)
    figures = {
        "loss_curves": lambda: _loss_figure(histories, seconds),
        "gradient_noise": lambda: _noise_figure(sizes, noise, noise_theory),
    }
    return LabResult("gd-variants", seed, numbers=numbers, tables=[table, noise_table], notices=notices,
                     figures=figures, timings=timings)


def _notices(n: dict, *, n_samples: int, epochs: int, tail: int, batch_size: int, minibatch_updates: int,
             sizes: list[int], noise: np.ndarray, theory: np.ndarray) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    first = {key: n[f"{key}_excess_after_epoch_1"] for key in ("sgd", "minibatch", "batch")}
    leader = min(first, key=first.__getitem__)
    names = {"sgd": "SGD", "minibatch": "mini-batch", "batch": "batch GD"}
    out = [f"After one epoch the excess MSE is {first['sgd']:.2g} for SGD ({n_samples} updates), "
           f"{first['minibatch']:.2g} for mini-batch ({_count(minibatch_updates, 'update')}) and "
           f"{first['batch']:.2g} for batch GD (1 update): {names[leader]} is lowest."]
    plateau, decayed, batch_end = (n["sgd_excess_last_quarter_mean"], n["sgd_decay_excess_last_quarter_mean"],
                                   n["batch_excess_last_quarter_mean"])
    rises = n["sgd_epochs_loss_went_up"]
    sgd_text = (f"constant-step SGD hovers around {plateau:.1e} (its loss rose in {rises} of {epochs - 1} "
                f"epoch-to-epoch changes: noise, not progress)" if rises else
                f"constant-step SGD averages {plateau:.1e} and its loss never rose: with this step and budget it "
                f"has not reached its noise floor yet")
    out.append(f"Over the last {tail} epochs batch GD averages {batch_end:.1e} (its loss rose in "
               f"{n['batch_epochs_loss_went_up']} of {epochs - 1} changes); {sgd_text}; with a decaying step SGD "
               f"averages {decayed:.1e}, " + ("lower than with a constant step." if decayed < plateau
                                             else "no lower than with a constant step."))
    below_n = np.array(sizes) < n_samples
    gap = float(np.max(np.abs(noise[below_n] / theory[below_n] - 1)))
    full = float(noise[-1])
    full_text = ("zero up to rounding" if full < 1e-12 * float(noise[0]) else "not zero")
    out.append(f"Gradient noise at the optimum: {noise[0]:.3g} with one row, {full:.1g} ({full_text}) with all "
               f"{n_samples} rows; below B = n the measurement is within {gap:.0%} of the theory at every batch "
               f"size (table; each is a mean over {NOISE_DRAWS} random batches).")
    out.append(f"Each epoch SGD made {n_samples} sequential updates, one row each; mini-batch made "
               f"{_count(minibatch_updates, 'update')} of up to {batch_size} rows, each one matrix product; batch GD "
               f"made 1. "
               f"Their wall-clock cost per epoch is in the run's timings and the per-second panel (it varies "
               f"between runs and machines, so it is kept apart from these reproducible numbers).")
    return out


def _count(k: int, noun: str) -> str:
    return f"{k} {noun}" + ("" if k == 1 else "s")


def _loss_figure(histories, seconds):
    fig, (ax1, ax2) = new_figure(2, 1, width=6.0, title="Excess training loss: per epoch and per second")
    for (name, excess), colour in zip(histories.items(), COLOURS, strict=False):
        epochs = np.arange(1, len(excess) + 1)
        shown = np.maximum(excess, 1e-12)  # the log scale cannot show an exact zero
        ax1.plot(epochs, shown, "o-", ms=3, color=colour, label=name)
        ax2.plot(epochs * seconds[name] * 1000, shown, "o-", ms=3, color=colour, label=name)
    ax1.set_xlabel("epoch (passes over the data)")
    ax2.set_xlabel("wall-clock time (ms; measured on this run, varies by machine)")
    for ax in (ax1, ax2):
        ax.set_yscale("log")
        ax.set_ylabel("training MSE - optimum (log scale)")
        ax.legend()
    ax2.set_xscale("log")
    ax1.set_title("Same number of gradient evaluations")
    per_epoch = ", ".join(f"{name} {seconds[name] * 1000:.2g}" for name in ("SGD", "mini-batch", "batch"))
    ax2.set_title(f"Same time budget (ms per epoch: {per_epoch})", fontsize=10)
    return fig


def _noise_figure(sizes, noise, theory):
    sizes = np.array(sizes, dtype=float)
    n = int(sizes[-1])
    fig, ax = new_figure(width=6.5, title="Mini-batch gradient noise at the optimum")
    shown = sizes < n  # at B = n the noise is zero; what is measured there is rounding error
    ax.plot(sizes[shown], noise[shown], "o", color=COLOURS[0], label="measured (200 random batches each)")
    ax.plot(sizes[shown], theory[shown], "-", color=COLOURS[1], label="theory: tr(S)/B · (n-B)/(n-1)")
    ax.plot(sizes[shown], noise[0] / sizes[shown], ":", color="0.4", label="slope -1: (noise at B = 1) / B")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("batch size B (rows per step, log scale)")
    ax.set_ylabel("E||g_B - g||² (log scale)")
    ax.set_title(f"B = n = {n} left off: the noise there is 0 (measured {noise[-1]:.0e}, rounding)", fontsize=10)
    ax.legend()
    return fig
