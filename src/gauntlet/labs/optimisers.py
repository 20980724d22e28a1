"""Optimisers on an ill-conditioned bowl: gradient descent, heavy-ball momentum and Adam as kappa grows.

The loss is a 2-D quadratic bowl ``f(w) = w^T A w / 2`` with curvatures L = 1 (steep direction) and
mu = 1 / kappa (flat direction), so its condition number is kappa = L / mu; the minimum is f = 0 at
w = 0. kappa runs over 10^0, 10^0.5, ..., 10^decades. Every run starts at distance 1 from the minimum,
at a random angle of 20-70 degrees from the steep direction (from the seed), so it has to travel along
both directions. Steps to the tolerance: the first step at which the loss is at or below ``tol`` times
its starting loss (within ``HORIZON`` steps). Every run goes on to ``HORIZON`` steps, which shows whether
it stays there.

Each method gets its best hyper-parameters:

- gradient descent: the best fixed step, 2 / (L + mu) (theory, needs L and mu);
- heavy-ball momentum: Polyak's best step 4 / (sqrt(L) + sqrt(mu))^2 and momentum
  ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2 (theory, needs L and mu);
- Adam (beta1 0.9, beta2 0.999): the best of ``ADAM_RATES`` learning rates, per kappa.

Two orientations of the same bowl: axis-aligned (the steep and flat directions are the coordinate
axes) and rotated by a random angle of 20-70 degrees (from the seed). Gradient descent and momentum
do not notice a rotation; Adam rescales each coordinate separately, so it does.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models.optim import Adam, GradientDescent, Momentum
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "optimisers",
    params=(
        Param("decades", "int", 3, "largest condition number is 10^decades", low=1, high=4),
        Param("tol", "float", 1e-6, "target loss as a fraction of the starting loss", low=1e-12, high=1e-2),
    ),
    notice=(
        "The condition number kappa = L / mu is the ratio of the steepest to the flattest curvature. Gradient "
        "descent's step must stay below 2 / L or the steep direction blows up, and at that step the flat direction "
        "moves only about mu / L of the way per step: with the best fixed step the error shrinks by "
        "(kappa - 1) / (kappa + 1) per step, so the steps to a given accuracy grow in proportion to kappa. It "
        "zig-zags across the valley while crawling along it.",
        "Heavy-ball momentum keeps a running velocity: the zig-zag components cancel from step to step while the "
        "consistent push along the valley accumulates. With its step and momentum tuned to L and mu, the error "
        "shrinks by about (sqrt(kappa) - 1) / (sqrt(kappa) + 1) per step, so the steps grow like sqrt(kappa): "
        "the gap to gradient descent widens as the problem gets worse. Nesterov's accelerated gradient also needs "
        "about sqrt(kappa) steps per digit of accuracy, and keeps that guarantee on smooth strongly convex "
        "functions that are not quadratic, where heavy ball's can fail.",
        "Adam divides each coordinate's step by the root of that coordinate's mean squared gradient, a diagonal "
        "rescaling. When the steep and flat directions are the coordinate axes it rescales them apart, and "
        "kappa barely matters; when they are diagonal to the axes, no per-coordinate scale separates them and "
        "Adam slows as kappa grows. A network's curvature is generally not aligned with its parameter axes, so "
        "Adam helps with some but not all ill-conditioning. On a round bowl (kappa = 1) its steps are about the "
        "learning rate in size whatever the gradient, so it cannot make the single exact jump a step of 1 / L "
        "makes, and it needs more steps than plain gradient descent.",
        "In practice L and mu are unknown, so the tuned step and momentum used here are a best case; with noisy "
        "mini-batch gradients every method also stalls at a noise floor unless the learning rate decays.",
    ),
    takeaway=(
        "Ill-conditioning (a large ratio of largest to smallest curvature) makes gradient descent zig-zag and crawl: "
        "its steps to converge grow like kappa. Momentum damps the zig-zag and accelerates along the valley, so "
        "tuned it needs about sqrt(kappa) steps. Adam's per-parameter scaling is a diagonal preconditioner: it fixes "
        "badly scaled axes, not curvature along arbitrary directions. Remedies at the source are feature scaling, "
        "normalisation layers and good parameterisation; second-order or preconditioned methods go further."
    ),
)

HALF_DECADES = 2  # kappa values per decade
ADAM_RATES = np.geomspace(1e-3, 10.0, 41)  # 10 per decade
HORIZON = 10_000  # steps every run takes
SETTLED = 1e-250  # a loss this far below its start is done: the run is put on the minimum (see run_batch)
METHODS = ("gradient descent", "momentum", "Adam, aligned", "Adam, rotated")
KEYS = {"gradient descent": "gd", "momentum": "momentum", "Adam, aligned": "adam_aligned",
        "Adam, rotated": "adam_rotated"}
Optimizer = GradientDescent | Momentum | Adam


def bowl(kappa: float, angle: float) -> np.ndarray:
    """(2, 2) Hessian with eigenvalues 1 and 1 / kappa, its steep eigenvector at ``angle`` radians from x1."""
    c, s = np.cos(angle), np.sin(angle)
    rotation = np.array([[c, -s], [s, c]])
    return rotation @ np.diag([1.0, 1.0 / kappa]) @ rotation.T


def start_point(angle: float, start_angle: float) -> np.ndarray:
    """(2,) point at distance 1 from the minimum, ``start_angle`` radians from the steep direction (which is
    at ``angle`` from the x1 axis)."""
    return np.array([np.cos(angle + start_angle), np.sin(angle + start_angle)])


def gd_steps_by_theory(kappa: float, tol: float) -> int:
    """Steps for gradient descent with step 2 / (L + mu) to bring the loss to ``tol`` times its start: the
    error along both directions shrinks by exactly (kappa - 1) / (kappa + 1) per step, the loss by its square."""
    if kappa == 1:
        return 1
    rate = (kappa - 1) / (kappa + 1)
    return int(np.ceil(np.log(tol) / (2 * np.log(rate)) - 1e-9))


def rate_only_steps(rate: float, tol: float) -> float:
    """ln(1/tol) / (2 ln(1/rate)): steps if the loss shrank by rate^2 every step (no transient)."""
    return float(np.log(tol) / (2 * np.log(rate))) if rate > 0 else 1.0


def run_batch(make_optimizer: Callable[[], Optimizer], hessians: np.ndarray, starts: np.ndarray,
              tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Run every row of ``starts`` on its own bowl for ``HORIZON`` steps.

    hessians (n_runs, 2, 2); starts (n_runs, 2). Returns two (n_runs,) step counts, -1 where there is none:

    - reached: the first step t at which the loss is at or below ``tol`` times its start and stays there
      through step 2t (held for as long again), so that passing through the tolerance on a swing, as
      momentum and Adam can, does not count (t <= HORIZON / 2);
    - settled: the step from which the loss stays at or below ``tol`` times its start to the end of the
      horizon (counted only within its first half).

    A run whose loss falls below ``SETTLED`` times its start is put on the minimum and kept there:
    otherwise floating-point underflow kicks Adam out again (its squared gradient reaches 0 before the
    gradient does, and eps alone is left to divide by).
    """
    weights = starts.copy()
    optimizer = make_optimizer()
    below = np.zeros((HORIZON + 1, len(weights)), dtype=bool)  # row t: after t steps
    with np.errstate(over="ignore", invalid="ignore"):
        gradient = np.einsum("rij,rj->ri", hessians, weights)
        start_loss = 0.5 * np.einsum("ri,ri->r", weights, gradient)
        for t in range(1, HORIZON + 1):
            optimizer.step(weights, gradient)
            gradient = np.einsum("rij,rj->ri", hessians, weights)
            relative = 0.5 * (weights * gradient).sum(axis=1) / start_loss
            below[t] = relative <= tol  # NaN (diverged) is not below
            settled = relative <= SETTLED
            if settled.any():
                weights[settled] = 0.0
                gradient[settled] = 0.0
    # next_above[t]: the first step >= t at which the loss is above the tolerance (HORIZON + 1 if none)
    steps = np.arange(HORIZON + 1)[:, None]
    next_above = np.where(below, HORIZON + 1, steps)
    next_above = np.minimum.accumulate(next_above[::-1], axis=0)[::-1]
    held = below & (next_above > 2 * steps) & (2 * steps <= HORIZON)
    reached = np.where(held.any(axis=0), held.argmax(axis=0), -1)
    last_above = np.where(~below, steps, 0).max(axis=0)
    settled_from = last_above + 1
    return reached, np.where(settled_from <= HORIZON // 2, settled_from, -1)


def trajectory(make_optimizer: Callable[[], Optimizer], hessian: np.ndarray, start: np.ndarray,
               n_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """(n_steps + 1, 2) points and (n_steps + 1,) losses relative to the start's, start included."""
    weights = start[None, :].copy()
    optimizer = make_optimizer()
    points = [weights[0].copy()]
    for _ in range(n_steps):
        optimizer.step(weights, weights @ hessian)
        points.append(weights[0].copy())
    path = np.array(points)
    loss = 0.5 * np.einsum("ti,ij,tj->t", path, hessian, path)
    return path, loss / loss[0]


def tuned_optimizers(kappa: float, adam_rate: float) -> dict[str, Callable[[], Optimizer]]:
    """Each method with its best settings for this bowl (L = 1, mu = 1 / kappa)."""
    mu = 1.0 / kappa
    return {
        "gradient descent": lambda: GradientDescent(2 / (1 + mu)),
        "momentum": lambda: Momentum(4 / (1 + np.sqrt(mu)) ** 2, ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2),
        "Adam": lambda: Adam(adam_rate),
    }


def run(seed: int, progress: ProgressFn = no_progress, *, decades: int, tol: float) -> LabResult:
    rng = np.random.default_rng(seed)
    kappas = 10.0 ** (np.arange(decades * HALF_DECADES + 1) / HALF_DECADES)
    angle = float(np.deg2rad(rng.uniform(20, 70)))
    start_angle = float(np.deg2rad(rng.uniform(20, 70)))
    orientations = {"aligned": 0.0, "rotated": angle}

    def problems(repeat: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """Hessians and starts for every (orientation, kappa), each repeated ``repeat`` times, in that order."""
        hessians = np.array([bowl(k, theta) for theta in orientations.values() for k in kappas for _ in range(repeat)])
        starts = np.array([start_point(theta, start_angle) for theta in orientations.values() for _ in kappas
                           for _ in range(repeat)])
        return hessians, starts

    def per_orientation(values: np.ndarray, prefix: str, into: dict[str, np.ndarray]) -> None:
        for i, orientation in enumerate(orientations):
            into[f"{prefix}_{orientation}"] = values[i * len(kappas):(i + 1) * len(kappas)]

    # all orientations and kappas advance together, one batch per method
    mu = np.tile(1.0 / kappas, len(orientations))
    sqrt_kappa = np.sqrt(1.0 / mu)
    reached: dict[str, np.ndarray] = {}
    settled: dict[str, np.ndarray] = {}
    hessians, starts = problems()
    for prefix, make in (("gd", lambda: GradientDescent((2 / (1 + mu))[:, None])),
                         ("momentum", lambda: Momentum((4 / (1 + np.sqrt(mu)) ** 2)[:, None],
                                                       (((sqrt_kappa - 1) / (sqrt_kappa + 1)) ** 2)[:, None]))):
        first, stays = run_batch(make, hessians, starts, tol)
        per_orientation(first, prefix, reached)
        per_orientation(stays, prefix, settled)
    progress(1, 3)
    hessians, starts = problems(repeat=len(ADAM_RATES))
    rates = np.tile(ADAM_RATES, len(orientations) * len(kappas))[:, None]
    grids = run_batch(partial(Adam, rates), hessians, starts, tol)
    adam_rate: dict[str, np.ndarray] = {}
    for criterion, grid, into in zip(("reached", "settled"), grids, (reached, settled), strict=True):
        grid = grid.reshape(len(orientations), len(kappas), len(ADAM_RATES))
        for i, orientation in enumerate(orientations):  # the best learning rate at each kappa by this criterion
            fewest = np.where(grid[i] > 0, grid[i], HORIZON + 1)
            best = fewest.argmin(axis=1)
            into[f"adam_{orientation}"] = grid[i][np.arange(len(kappas)), best]
            adam_rate[f"{orientation}_{criterion}"] = ADAM_RATES[best]
    progress(2, 3)

    per_method = {"gradient descent": settled["gd_aligned"], "momentum": settled["momentum_aligned"],
                  "Adam, aligned": settled["adam_aligned"], "Adam, rotated": settled["adam_rotated"]}
    theory = {"gradient descent": np.array([gd_steps_by_theory(k, tol) for k in kappas]),
              "momentum": np.array([rate_only_steps((np.sqrt(k) - 1) / (np.sqrt(k) + 1), tol) for k in kappas])}
    numbers: dict[str, Scalar] = {"kappa_max": float(kappas[-1]), "tol": tol,
                                  "rotation_degrees": float(np.rad2deg(angle)),
                                  "start_degrees_from_steep": float(np.rad2deg(start_angle))}
    for method, values in per_method.items():
        key = KEYS[method]
        numbers[f"{key}_steps_kappa_1"] = int(values[0])
        numbers[f"{key}_steps_kappa_max"] = int(values[-1])
        numbers[f"{key}_slope"] = _slope(kappas, values)
        run_key = {"gd": "gd_aligned", "momentum": "momentum_aligned"}.get(key, key)
        numbers[f"{key}_reached_as_settled_at_every_kappa"] = bool(np.array_equal(reached[run_key], settled[run_key]))
    numbers["adam_rotated_reached_kappa_max"] = int(reached["adam_rotated"][-1])
    numbers["adam_rotated_reached_slope"] = _slope(kappas, reached["adam_rotated"])
    for orientation in orientations:
        for criterion in ("reached", "settled"):
            best_rate = adam_rate[f"{orientation}_{criterion}"][-1]
            numbers[f"adam_{orientation}_{criterion}_rate_kappa_max"] = float(best_rate)
    fast_rate = adam_rate["rotated_reached"][-1]
    _, fast_loss = trajectory(lambda: Adam(fast_rate), bowl(kappas[-1], angle), start_point(angle, start_angle),
                              HORIZON)
    fast_reached = int(reached["adam_rotated"][-1])
    numbers["adam_rotated_fastest_peak_after_reaching"] = (float(fast_loss[fast_reached:].max()) if fast_reached > 0
                                                           else None)
    _, momentum_loss = trajectory(tuned_optimizers(float(kappas[-1]), 0.0)["momentum"], bowl(kappas[-1], 0.0),
                                  start_point(0.0, start_angle), max(int(settled["momentum_aligned"][-1]), 1))
    numbers["momentum_peak_loss_kappa_max"] = float(momentum_loss.max())
    numbers["gd_steps_kappa_max_theory"] = int(theory["gradient descent"][-1])
    numbers["gd_same_when_rotated"] = bool(np.array_equal(settled["gd_aligned"], settled["gd_rotated"]))
    numbers["momentum_same_when_rotated"] = bool(np.array_equal(settled["momentum_aligned"],
                                                                settled["momentum_rotated"]))
    numbers["gd_over_momentum_kappa_max"] = _ratio(settled["gd_aligned"][-1], settled["momentum_aligned"][-1])
    numbers["adam_rotated_over_aligned_kappa_max"] = _ratio(settled["adam_rotated"][-1], settled["adam_aligned"][-1])
    numbers["adam_rotated_over_gd_kappa_max"] = _ratio(settled["adam_rotated"][-1], settled["gd_aligned"][-1])
    numbers["adam_rotated_over_momentum_kappa_max"] = _ratio(settled["adam_rotated"][-1],
                                                             settled["momentum_aligned"][-1])
    chosen = np.concatenate([adam_rate[f"{o}_{c}"][(reached if c == "reached" else settled)[f"adam_{o}"] > 0]
                             for o in orientations for c in ("reached", "settled")])
    numbers["adam_rate_at_grid_edge"] = bool(np.any(np.isin(chosen, ADAM_RATES[[0, -1]])))

    table_rows: list[list[Scalar]] = []
    for i, k in enumerate(kappas):
        table_rows.append([float(k), *[_shown(per_method[m][i]) for m in METHODS], _shown(reached["adam_rotated"][i]),
                           int(theory["gradient descent"][i]), float(adam_rate["rotated_settled"][i]),
                           float(adam_rate["rotated_reached"][i])])
    table = ResultTable(f"Steps until the loss is at or below {tol:g} of its start and stays there through step "
                        f"{HORIZON:,} (- = not by step {HORIZON // 2:,})",
                        ["kappa", *METHODS, "Adam, rotated: reached (held as long again)", "GD by theory",
                         "Adam lr, rotated, settled", "Adam lr, rotated, reached"], table_rows)

    show = min(len(kappas) - 1, 3)  # kappa = 10^1.5: long enough to zig-zag, short enough to follow
    progress(3, 3)
    notices = _notices(numbers)
    figures = {
        "steps_vs_kappa": lambda: _steps_figure(kappas, per_method, reached["adam_rotated"], theory, tol),
        "paths": lambda: _paths_figure(float(kappas[show]), angle, start_angle,
                                       {o: float(adam_rate[f"{o}_settled"][show]) for o in orientations},
                                       {m: int(per_method[m][show]) for m in METHODS}),
        "loss_curves": lambda: _loss_figure(float(kappas[-1]), angle, start_angle,
                                            float(adam_rate["rotated_settled"][-1]), float(fast_rate), tol),
    }
    return LabResult("optimisers", seed, numbers=numbers, tables=[table], notices=notices, figures=figures)


def _slope(kappas: np.ndarray, steps: np.ndarray) -> float | None:
    """Slope of log(steps) against log(kappa) over the last decade of kappa, kappa = 1 left out (None if some
    run there did not get there): 1 means steps grow in proportion to kappa, 0.5 like sqrt(kappa). The
    last decade shows how the steps grow for large kappa, past the transients of small ones."""
    use = (kappas > 1) & (kappas >= kappas[-1] / 10 * (1 - 1e-9))
    if np.any(steps[use] <= 0) or use.sum() < 2:
        return None
    return float(np.polyfit(np.log(kappas[use]), np.log(steps[use]), 1)[0])


def _ratio(a: int, b: int) -> float | None:
    return float(a / b) if a > 0 and b > 0 else None


def _shown(value: int) -> int | str:
    return int(value) if value > 0 else "-"


def _notices(n: dict) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    kmax = f"{n['kappa_max']:g}"
    out = []
    gd = (f"Gradient descent with its best fixed step needed {_count(n['gd_steps_kappa_1'])} at kappa = 1 and "
          f"{_count(n['gd_steps_kappa_max'])} at kappa = {kmax}: its steps {_growth(n['gd_slope'])}.")
    if n["gd_steps_kappa_max"] == n["gd_steps_kappa_max_theory"]:
        gd += " That is exactly the count its contraction rate (kappa - 1) / (kappa + 1) predicts."
    else:
        gd += f" Its contraction rate (kappa - 1) / (kappa + 1) predicts {n['gd_steps_kappa_max_theory']}."
    if n["gd_steps_kappa_1"] == 1:
        gd += " (On the round bowl a step of 1 / L lands on the minimum at once.)"
    out.append(gd)
    mom = (f"Tuned heavy-ball momentum: {_count(n['momentum_steps_kappa_1'])} at kappa = 1, "
           f"{_count(n['momentum_steps_kappa_max'])} at kappa = {kmax}; its steps {_growth(n['momentum_slope'])}.")
    ratio = n["gd_over_momentum_kappa_max"]
    if ratio is not None and ratio > 1:
        mom += f" At kappa = {kmax} gradient descent needed {ratio:.1f}x as many."
    elif ratio is not None:
        mom += f" At kappa = {kmax} momentum was no faster than gradient descent ({ratio:.2f}x)."
    if n["momentum_peak_loss_kappa_max"] > 1:
        peak = n["momentum_peak_loss_kappa_max"]
        step = 4 / (1 + n["kappa_max"] ** -0.5) ** 2
        mom += (f" Its loss is not monotone: at kappa = {kmax} it first rose to {peak:.3g}x its start (the tuned "
                f"step, {step:.2f} / L, is beyond the 2 / L that plain gradient descent could survive; the velocity "
                f"has to swing before it damps).")
    if n["gd_same_when_rotated"] and n["momentum_same_when_rotated"]:
        mom += " Both took exactly the same steps on the turned bowl: they do not depend on the axes."
    out.append(mom)
    adam = (f"Adam (the best of {len(ADAM_RATES)} learning rates at each kappa) on the axis-aligned bowl: "
            f"{_count(n['adam_aligned_steps_kappa_1'])} at kappa = 1, {_count(n['adam_aligned_steps_kappa_max'])} "
            f"at kappa = {kmax}, its steps {_growth(n['adam_aligned_slope'])}. On the same bowl turned by "
            f"{n['rotation_degrees']:.0f} degrees: {_count(n['adam_rotated_steps_kappa_max'])} at kappa = {kmax}, "
            f"its steps {_growth(n['adam_rotated_slope'])}.")
    rot = n["adam_rotated_over_aligned_kappa_max"]
    if rot is not None and rot > 1.5:
        adam += (f" Turning the bowl cost Adam {rot:.1f}x the steps at kappa = {kmax}: per-coordinate scaling "
                 f"cannot separate directions that are not the coordinates.")
    elif rot is not None:
        adam += f" Turning the bowl changed Adam's steps at kappa = {kmax} by a factor of only {rot:.2f}."
    out.append(adam)
    fast, settled = n["adam_rotated_reached_kappa_max"], n["adam_rotated_steps_kappa_max"]
    peak = n["adam_rotated_fastest_peak_after_reaching"]
    if 0 < fast and (settled <= 0 or fast < settled):
        then = f"the fastest setting that stayed needed {_count(settled)}" if settled > 0 else "no setting stayed"
        fast_rate = n["adam_rotated_reached_rate_kappa_max"]
        out.append(f"On the turned bowl at kappa = {kmax}, a larger learning rate ({fast_rate:.3g}) reached the "
                   f"tolerance and held it for as long again by step {fast}, but did not stay: its loss later rose "
                   f"to {peak:.1e} of the start; {then}. With a constant learning rate Adam's "
                   f"denominator, a slow average of squared gradients, shrinks as the gradients vanish, so its "
                   f"effective step grows until the steep direction overshoots again (AMSGrad, which divides by the "
                   f"largest average seen so far, was designed against this).")
    if n["adam_aligned_steps_kappa_1"] > n["gd_steps_kappa_1"] > 0:
        out.append(f"On the round bowl (kappa = 1) Adam needed {n['adam_aligned_steps_kappa_1']} steps where gradient "
                   f"descent needed {n['gd_steps_kappa_1']}: Adam's steps are about its learning rate in size, "
                   f"whatever the gradient, so it approaches the minimum and settles rather than jumping onto it.")
    versus = n["adam_rotated_over_momentum_kappa_max"]
    if versus is not None:
        faster = "momentum" if versus > 1 else "Adam"
        out.append(f"At kappa = {kmax} on the turned bowl {faster} was faster (Adam needed {versus:.2f}x momentum's "
                   f"steps and {n['adam_rotated_over_gd_kappa_max']:.2f}x gradient descent's); momentum and gradient "
                   f"descent had their settings computed from the true curvatures, which a real problem does not "
                   f"hand you, while Adam's came from a search.")
    if n["adam_rate_at_grid_edge"]:
        out.append("Adam's best learning rate was at an end of the searched grid for some kappa: a wider grid might "
                   "find fewer steps.")
    return out


def _growth(slope: float | None) -> str:
    if slope is None:
        return f"did not all get there within {HORIZON // 2:,} steps"
    if slope >= 0.75:
        shape = "roughly in proportion to kappa"
    elif slope >= 0.35:
        shape = "roughly like sqrt(kappa)"
    elif slope >= 0.15:
        shape = "slowly"
    else:
        shape = "hardly at all"
    return f"grew {shape} (log-log slope {slope:.2f} over the last decade of kappa)"


def _count(steps: int) -> str:
    if steps <= 0:
        return f"more than {HORIZON // 2:,} steps"
    return f"{steps} step" + ("" if steps == 1 else "s")


def _steps_figure(kappas, per_method, adam_rotated_reached, theory, tol):
    fig, ax = new_figure(width=7.5, height=5.2, title=f"Steps until the loss stays at or below {tol:g} of its start "
                                                     f"(through step {HORIZON:,})")
    markers = {"gradient descent": "o", "momentum": "s", "Adam, aligned": "^", "Adam, rotated": "v"}
    for method, colour in zip(METHODS, COLOURS, strict=False):
        values = per_method[method]
        ok = values > 0
        ax.plot(kappas[ok], values[ok], marker=markers[method], color=colour, label=method)
    ok = adam_rotated_reached > 0
    ax.plot(kappas[ok], adam_rotated_reached[ok], "v--", mfc="none", color=COLOURS[3], lw=1,
            label="Adam, rotated: first reached and held as long again (may not stay)")
    ax.plot(kappas, np.maximum(theory["gradient descent"], 1), ":", color=COLOURS[0], lw=2,
            label="GD theory: rate (kappa-1)/(kappa+1)")
    ax.plot(kappas, np.maximum(theory["momentum"], 1), ":", color=COLOURS[1], lw=2,
            label="momentum's rate alone: (sqrt(kappa)-1)/(sqrt(kappa)+1)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("condition number kappa = L / mu (log scale)")
    ax.set_ylabel("steps (log scale)")
    ax.legend(fontsize=8)
    return fig


def _paths_figure(kappa, angle, start_angle, adam_rate, steps):
    fig, axes = new_figure(2, 1, width=6.0, height=6.0,
                           title=f"Paths to the minimum on a bowl with kappa = {kappa:.3g}")
    panels = []
    for name, theta in (("aligned", 0.0), ("rotated", angle)):
        hessian, start = bowl(kappa, theta), start_point(theta, start_angle)
        paths = []
        for method, make in tuned_optimizers(kappa, adam_rate[name]).items():
            key = f"Adam, {name}" if method == "Adam" else method
            n_steps = steps[key] if steps[key] > 0 else 300
            label = f"{method} ({n_steps} steps)" if steps[key] > 0 else f"{method} (first 300 steps)"
            paths.append((trajectory(make, hessian, start, n_steps)[0], label, COLOURS[METHODS.index(key)]))
        panels.append((name, hessian, start, paths))
    reach = 1.05 * max(np.abs(path).max() for *_, paths in panels for path, _, _ in paths)
    grid = np.linspace(-reach, reach, 300)
    g1, g2 = np.meshgrid(grid, grid)
    points = np.stack([g1, g2], axis=-1)
    for ax, (name, hessian, start, paths) in zip(axes, panels, strict=True):
        loss = 0.5 * np.einsum("...i,ij,...j->...", points, hessian, points)
        start_loss = 0.5 * start @ hessian @ start
        ax.contour(g1, g2, loss, levels=start_loss * np.geomspace(1e-3, 1.0, 7), colors="0.8", linewidths=0.8)
        for path, label, colour in paths:
            ax.plot(path[:, 0], path[:, 1], ".-", color=colour, ms=3, lw=0.7, alpha=0.85, label=label)
        ax.plot(*start, "ko", ms=7, label="start")
        ax.plot(0, 0, "k*", ms=13, label="minimum")
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-reach, reach)
        ax.set_aspect("equal")
        ax.set_title("axis-aligned bowl" if name == "aligned" else f"the same bowl turned {np.rad2deg(angle):.0f} "
                     f"degrees")
        ax.set_xlabel("w1")
        ax.set_ylabel("w2")
        ax.legend(fontsize=8, loc="lower right")
    return fig


def _loss_figure(kappa, angle, start_angle, settled_rate, fast_rate, tol):
    fig, ax = new_figure(width=7.5, height=4.8, title=f"Loss per step on the turned bowl, kappa = {kappa:g}")
    runs = [("gradient descent", tuned_optimizers(kappa, 0.0)["gradient descent"], COLOURS[0]),
            ("momentum", tuned_optimizers(kappa, 0.0)["momentum"], COLOURS[1]),
            (f"Adam, lr {settled_rate:.3g} (the fastest to stay)", lambda: Adam(settled_rate), COLOURS[3]),
            (f"Adam, lr {fast_rate:.3g} (the fastest to reach)", lambda: Adam(fast_rate), COLOURS[4])]
    highest = 1.0
    for label, make, colour in runs:
        _, loss = trajectory(make, bowl(kappa, angle), start_point(angle, start_angle), HORIZON)
        ax.plot(np.arange(len(loss)), np.maximum(loss, 1e-300), color=colour, lw=1, label=label)
        highest = max(highest, float(loss.max()))
    ax.axhline(tol, color="k", ls="--", lw=1, label=f"tolerance {tol:g}")
    ax.set_yscale("log")
    ax.set_ylim(tol * 1e-8, 3 * highest)
    ax.set_xscale("symlog", linthresh=10)
    ax.set_xlim(0, HORIZON)
    ax.set_xlabel("step (linear to 10, then log scale)")
    ax.set_ylabel("loss / starting loss (log scale)")
    ax.legend(fontsize=8, loc="lower left")
    return fig
