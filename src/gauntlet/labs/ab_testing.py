"""A/B tests: the false-positive rate of peeking, sequential boundaries that allow it, power against
sample size, and the exaggerated effects that underpowered and early-stopped wins report.

20,000 simulated experiments with no true difference (A/A tests: both arms convert at ``baseline``)
and 20,000 with a true relative ``lift`` (B converts at baseline * (1 + lift)). Users arrive in 100
equal batches up to ``n_per_arm`` per arm; after each batch the pooled two-proportion z statistic is
computed, so every experiment can be analysed as if it had been looked at on any schedule.

Analyses, all two-sided at level ``alpha``:

- fixed horizon: one test at ``n_per_arm``;
- naive peeking: a test after each of ``looks`` equally spaced looks, stopping at the first |z| above
  the usual critical value (also for 1 to 100 looks, for the curve);
- group-sequential designs on the same looks: Pocock (one constant boundary, higher than the usual
  critical value) and O'Brien-Fleming (a boundary that starts high and ends near it), their constants
  chosen so that the false-positive rate is ``alpha`` (``models.ab_testing``).

Power is also computed by the normal-approximation formula, and the sample size that gives 80% power.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.ticker import FuncFormatter

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import (
    boundary_shape,
    critical_value,
    group_sequential_constant,
    power_two_proportions,
    sample_size_two_proportions,
    two_proportion_z,
)
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "ab-testing",
    params=(
        Param("baseline", "float", 0.10, "conversion rate of the control arm (and of both arms in A/A tests)",
              low=0.01, high=0.5),
        Param("lift", "float", 0.10, "true relative lift of the treatment in the experiments with an effect "
              "(0.10: 10% more conversions; 0: none)", low=0.0, high=1.0),
        Param("n_per_arm", "int", 20_000, "users per arm at the planned end of the test", low=2000, high=500_000),
        Param("looks", "int", 10, "times the test is looked at, equally spaced (1: only at the end)", low=1,
              high=100),
        Param("alpha", "float", 0.05, "two-sided significance level", low=0.001, high=0.2),
    ),
    notice=(
        "A p-value below alpha is meant to happen in a share alpha of experiments with no effect, when the test "
        "is run once at a sample size fixed in advance. Looking repeatedly and stopping at the first significant "
        "look gives chance that many more tries: the z statistic wanders, and over many looks it is likely to "
        "cross the line at least once, even when it would have ended inside.",
        "The more looks, the higher the false-positive rate; with continuous monitoring it keeps growing towards "
        "1 as the test runs on. Stopping early on a win also picks the moments when noise made the difference "
        "look large, so the reported effect is exaggerated.",
        "Group-sequential designs make peeking legitimate by raising the bar at each planned look: Pocock uses "
        "one higher constant, O'Brien-Fleming a bar that is very high early and close to the usual one at the end "
        "(so it loses little power if the test runs to the end). Both keep the overall false-positive rate at "
        "alpha; both need the looks planned in advance. Always-valid p-values (mixture sequential tests) allow "
        "looking at any time.",
        "Power is the chance of detecting a true effect of a given size. For two proportions it grows with the "
        "sample size roughly as the effect divided by its standard error, sqrt(2 p (1 - p) / n); halving the "
        "detectable effect needs four times the users. Decide the minimum effect worth detecting, then the "
        "sample size, before the test starts.",
        "An underpowered test that does come out significant overstates the effect (the winner's curse, or a "
        "type M error): only the samples where noise pushed the estimate up cleared the bar.",
    ),
    takeaway=(
        "Fix the sample size in advance from the minimum detectable effect, alpha and the power you want (for "
        "two proportions n per arm = (z_(1-alpha/2) sqrt(2 p q) + z_power sqrt(p1 q1 + p2 q2))^2 / delta^2), and "
        "test once at the end. If the business must look early, use a design built for it (group-sequential "
        "boundaries such as O'Brien-Fleming, alpha spending, or always-valid sequential tests), not repeated "
        "ordinary p-values, which inflate false positives (about 19% with 10 looks at alpha = 0.05). Expect "
        "significant results from underpowered or early-stopped tests to overstate the effect, and confirm "
        "surprising wins with a replication."
    ),
)

N_EXPERIMENTS = 20_000
N_BATCHES = 100
PEEK_COUNTS = (1, 2, 5, 10, 20, 50, 100)
BOUNDARY_PATHS = 200_000
TARGET_POWER = 0.8
SHOWN_PATHS = 40  # A/A z paths drawn in the figure (a random sample: the simulated tests are independent)


def _percent(share: float) -> str:
    """A share as a percentage with one decimal, or with two significant digits when that shows 0.0%."""
    return f"{share:.1%}" if share == 0 or share >= 0.001 else f"{share * 100:.2g}%"


def near_alpha_tolerance(alpha: float) -> float:
    """How far a simulated false-positive rate may fall from alpha by chance: three binomial standard errors
    of N_EXPERIMENTS tests, plus 0.002 for the error of a boundary constant estimated by simulation."""
    return 3.0 * math.sqrt(alpha * (1.0 - alpha) / N_EXPERIMENTS) + 0.002


def look_indices(looks: int) -> np.ndarray:
    """Batch indices (0-based) of ``looks`` equally spaced looks; the last is always the end."""
    return np.unique(np.ceil(N_BATCHES * np.arange(1, looks + 1) / looks).astype(int) - 1)


def simulate(rng: np.random.Generator, p_a: float, p_b: float, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """z statistics and estimated differences (rate B - rate A), each (N_EXPERIMENTS, N_BATCHES), after
    every batch of users; ``sizes`` are the cumulative users per arm after each batch."""
    batch = np.diff(np.concatenate([[0], sizes]))
    a = np.cumsum(rng.binomial(batch, p_a, size=(N_EXPERIMENTS, N_BATCHES)), axis=1)
    b = np.cumsum(rng.binomial(batch, p_b, size=(N_EXPERIMENTS, N_BATCHES)), axis=1)
    return two_proportion_z(a, sizes, b, sizes), (b - a) / sizes


def first_crossing(z: np.ndarray, looks: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """For each experiment, the batch index of the first look whose |z| reaches its bound; -1 if none."""
    crossed = np.abs(z[:, looks]) >= bounds
    first = np.argmax(crossed, axis=1)
    return np.where(crossed.any(axis=1), looks[first], -1)


def run(seed: int, progress: ProgressFn = no_progress, *, baseline: float, lift: float, n_per_arm: int, looks: int,
        alpha: float) -> LabResult:
    rng = np.random.default_rng(seed)
    sizes = np.round(n_per_arm * np.arange(1, N_BATCHES + 1) / N_BATCHES).astype(int)
    treated = baseline * (1.0 + lift)
    c = critical_value(alpha)
    z0, _ = simulate(rng, baseline, baseline, sizes)
    progress(1, 4)
    z1, estimate1 = simulate(rng, baseline, treated, sizes)
    progress(2, 4)
    schedule = look_indices(looks)
    fractions = sizes[schedule] / sizes[-1]
    constants = {kind: group_sequential_constant(fractions, alpha, kind, paths=BOUNDARY_PATHS,
                                                 random_state=int(rng.integers(2**31)))
                 for kind in ("pocock", "obrien-fleming")}
    bounds = {"fixed": None, "naive": np.full(len(schedule), c),
              "pocock": constants["pocock"] * boundary_shape(fractions, "pocock"),
              "obrien_fleming": constants["obrien-fleming"] * boundary_shape(fractions, "obrien-fleming")}
    progress(3, 4)

    numbers: dict[str, Scalar] = {"critical_value": c, "treatment_rate": treated,
                                  "pocock_constant": constants["pocock"],
                                  "obrien_fleming_constant": constants["obrien-fleming"],
                                  "looks_made": len(schedule), "first_look_fraction": float(fractions[0])}
    for k in PEEK_COUNTS:
        numbers[f"fpr_{k}_looks"] = float(np.mean(first_crossing(z0, look_indices(k), np.full(k, c)) >= 0))
    designs = {}
    for design, bound in bounds.items():
        if bound is None:
            stop0 = np.where(np.abs(z0[:, -1]) >= c, N_BATCHES - 1, -1)
            stop1 = np.where(np.abs(z1[:, -1]) >= c, N_BATCHES - 1, -1)
        else:
            stop0, stop1 = first_crossing(z0, schedule, bound), first_crossing(z1, schedule, bound)
        users = np.where(stop1 >= 0, sizes[np.maximum(stop1, 0)], sizes[-1])
        designs[design] = {"fpr": float(np.mean(stop0 >= 0)), "power": float(np.mean(stop1 >= 0)),
                           "mean_users": float(users.mean())}
        if lift > 0:
            wins = (stop1 >= 0) & (estimate1[np.arange(N_EXPERIMENTS), np.maximum(stop1, 0)] > 0)
            ratio = (float(np.mean(estimate1[np.flatnonzero(wins), stop1[wins]]) / (treated - baseline))
                     if wins.any() else math.nan)
            designs[design]["exaggeration"] = ratio
        for key, value in designs[design].items():
            numbers[f"{design}_{key}"] = value

    significant = np.abs(z1) >= c
    curve = {"simulated": significant.mean(axis=0),
             "formula": np.array([power_two_proportions(baseline, treated, n, alpha) for n in sizes])}
    numbers["formula_power"] = float(curve["formula"][-1])
    if lift > 0:
        numbers["users_for_80_percent_power"] = sample_size_two_proportions(baseline, treated, alpha, TARGET_POWER)
        positive = significant & (estimate1 > 0)
        with np.errstate(invalid="ignore"):
            curve["exaggeration"] = (np.where(positive, estimate1, 0).sum(axis=0) / positive.sum(axis=0)
                                     / (treated - baseline))
        # the first batch, where power is lowest
        numbers["first_batch_users"] = int(sizes[0])
        numbers["first_batch_power"] = float(curve["simulated"][0])
        numbers["first_batch_exaggeration"] = float(curve["exaggeration"][0])
    progress(4, 4)

    rows: list[list[Scalar]] = []
    for design, label in (("fixed", "one test at the end"), ("naive", f"naive peeking, {len(schedule)} looks"),
                          ("pocock", f"Pocock, {len(schedule)} looks"),
                          ("obrien_fleming", f"O'Brien-Fleming, {len(schedule)} looks")):
        d = designs[design]
        rows.append([label, d["fpr"], d["power"], d["mean_users"], d.get("exaggeration", math.nan)])
    table = ResultTable(
        f"{N_EXPERIMENTS:,} A/A tests and {N_EXPERIMENTS:,} tests with a true lift of {lift:.0%} "
        f"({baseline:.2%} -> {treated:.2%}), up to {n_per_arm:,} users per arm, alpha {alpha:g}",
        ["analysis", "false-positive rate", "power", "mean users per arm (with the lift)",
         "mean estimate / true lift, significant wins"], rows)
    peek_table = ResultTable("False-positive rate of naive peeking by number of equally spaced looks",
                             ["looks", "false-positive rate"],
                             [[k, numbers[f"fpr_{k}_looks"]] for k in PEEK_COUNTS])
    notices = _notices(numbers, designs, baseline=baseline, lift=lift, n_per_arm=n_per_arm, alpha=alpha)
    figures = {
        "peeking": lambda: _peeking_figure(z0, sizes, schedule, bounds, numbers, alpha),
        "power": lambda: _power_figure(sizes, curve, numbers, lift),
        "designs": lambda: _designs_figure(designs, alpha, len(schedule), n_per_arm),
    }
    return LabResult("ab-testing", seed, numbers=numbers, tables=[table, peek_table], notices=notices,
                     figures=figures)


def _notices(n: dict, designs: dict, *, baseline: float, lift: float, n_per_arm: int, alpha: float) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    k = n["looks_made"]
    fixed, naive = designs["fixed"]["fpr"], designs["naive"]["fpr"]
    out = [f"With no true difference, one test at {n_per_arm:,} users per arm was significant in {fixed:.1%} of "
           f"{N_EXPERIMENTS:,} A/A tests (alpha {alpha:.1%})."]
    if k > 1:
        out[0] += (f" Looking {k} times and stopping at the first p < alpha gave {naive:.1%}, "
                   f"{naive / alpha:.1f} times alpha.")
    rates = [n[f"fpr_{looks}_looks"] for looks in PEEK_COUNTS]
    listed = ", ".join(f"{looks} look{'s' if looks > 1 else ''} {rate:.1%}" for looks, rate in zip(PEEK_COUNTS, rates,
                                                                                                    strict=True))
    trend = ("rises with every step up in looks" if all(b >= a for a, b in zip(rates, rates[1:], strict=False))
             else "mostly rises with the number of looks")
    out.append(f"The false-positive rate {trend}: {listed}.")
    if k > 1:
        pocock, obf = designs["pocock"]["fpr"], designs["obrien_fleming"]["fpr"]
        text = (f"On the same {k} looks, Pocock's boundary (|z| >= {n['pocock_constant']:.2f} at every look, "
                f"instead of {n['critical_value']:.2f}) gave {pocock:.1%} false positives and O'Brien-Fleming's (from "
                f"{n['obrien_fleming_constant'] / math.sqrt(n['first_look_fraction']):.2f} at the first look down to "
                f"{n['obrien_fleming_constant']:.2f} at the last) {obf:.1%}")
        tolerance = near_alpha_tolerance(alpha)
        near = [abs(rate - alpha) <= tolerance for rate in (pocock, obf)]
        text += (f": both within {tolerance:.1%} of alpha, the simulation's noise." if all(near) else
                 f"; a boundary more than {tolerance:.1%} (the simulation's noise) from alpha: "
                 + ", ".join(name for name, ok in (("Pocock", near[0]), ("O'Brien-Fleming", near[1])) if not ok) + ".")
        out.append(text)
    if lift == 0:
        out.append("With no lift, the experiments 'with an effect' have none either: their 'power' is just the "
                   f"false-positive rate ({designs['fixed']['power']:.1%} at the end).")
        return out
    power, formula = designs["fixed"]["power"], n["formula_power"]
    needed = n["users_for_80_percent_power"]
    text = (f"With a true lift of {lift:.0%} ({baseline:.2%} -> {n['treatment_rate']:.2%}), one test at "
            f"{n_per_arm:,} users per arm detected it in {power:.1%} of experiments (the normal-approximation formula "
            f"says {formula:.1%}); 80% power needs {needed:,} users per arm")
    text += (", so this test is underpowered." if needed > n_per_arm else ", which this test has.")
    out.append(text)
    if k > 1:
        parts = [f"{label} {designs[key]['power']:.1%} with {designs[key]['mean_users']:,.0f} users per arm on "
                 f"average" for key, label in (("pocock", "Pocock"), ("obrien_fleming", "O'Brien-Fleming"))]
        out.append(f"Power on the {k} looks: naive peeking {designs['naive']['power']:.1%}, bought with its "
                   f"{naive:.1%} false positives; {parts[0]}; {parts[1]} (a fixed test uses all {n_per_arm:,}).")
    ratios = {key: designs[key].get("exaggeration", math.nan) for key in ("fixed", "naive")}
    small_ratio, small_power = n["first_batch_exaggeration"], n["first_batch_power"]
    text = ""
    if math.isfinite(small_ratio):
        at_small = f"at {n['first_batch_users']:,} users per arm (power {_percent(small_power)})"
        if small_ratio > 1.1:
            text = (f"Significant wins overstate the lift when power is low: {at_small} the winning estimates average "
                    f"{small_ratio:.1f} times the true lift")
            text += (f", against {ratios['fixed']:.2f} times at {n_per_arm:,}." if math.isfinite(ratios["fixed"])
                     else ".")
        else:
            text = (f"Even {at_small} the winning estimates average {small_ratio:.2f} times the true lift: with power "
                    f"that high, little selection happens and there is no winner's curse to see.")
    if k > 1 and math.isfinite(ratios["naive"]):
        text += (f" Stopping at the first significant look reports {ratios['naive']:.2f} times the true lift on "
                 f"average.")
    if text:
        out.append(text.strip())
    return out


def _peeking_figure(z0, sizes, schedule, bounds, numbers, alpha):
    fig, (left, right) = new_figure(2, 1, width=6.2, height=4.4, title="A/A tests: peeking inflates false positives")
    looks = np.array(PEEK_COUNTS)
    left.plot(looks, [numbers[f"fpr_{k}_looks"] for k in PEEK_COUNTS], "o-", color=COLOURS[3],
              label="naive peeking (stop at the first p < alpha)")
    left.axhline(alpha, color="0.4", ls=":", label=f"alpha = {alpha:g}")
    k = len(schedule)
    if k > 1:
        left.plot([k], [numbers["pocock_fpr"]], "s", color=COLOURS[0], ms=9, label=f"Pocock, {k} looks")
        left.plot([k], [numbers["obrien_fleming_fpr"]], "D", color=COLOURS[2], ms=9,
                  label=f"O'Brien-Fleming, {k} looks")
    left.set_xscale("log")
    left.set_xticks(looks, [str(v) for v in looks])
    left.set_xlabel("equally spaced looks")
    left.set_ylabel("false-positive rate")
    left.set_ylim(0, None)
    left.legend(fontsize=8)
    # the first SHOWN_PATHS A/A tests (their order is random): coloured by what peeking would have concluded
    shown = z0[:SHOWN_PATHS]
    line = numbers["critical_value"]
    at_end = np.abs(shown[:, -1]) >= line
    peeked = (np.abs(shown[:, schedule]) >= line).any(axis=1) & ~at_end
    for group, colour, width, label in ((~at_end & ~peeked, "0.75", 0.7, "never significant at a look"),
                                        (peeked, COLOURS[3], 1.1, "significant at a look, not at the end"),
                                        (at_end, COLOURS[1], 1.1, "significant at the end")):
        for i, row in enumerate(np.flatnonzero(group)):
            right.plot(sizes, shown[row], color=colour, lw=width, label=label if i == 0 else None)
    for sign in (1, -1):
        right.axhline(sign * numbers["critical_value"], color="0.3", ls=":",
                      label=f"usual line |z| = {numbers['critical_value']:.2f}" if sign == 1 else None)
        if k > 1:
            right.plot(sizes[schedule], sign * bounds["pocock"], "s", color=COLOURS[0], ms=5,
                       label="Pocock boundary" if sign == 1 else None)
            right.plot(sizes[schedule], sign * bounds["obrien_fleming"], "D", color=COLOURS[2], ms=5,
                       label="O'Brien-Fleming boundary" if sign == 1 else None)
    right.set_ylim(-7, 7)
    right.set_xlabel("users per arm so far")
    right.set_ylabel("z statistic (B - A)")
    right.legend(fontsize=7, loc="lower right", ncols=2)
    right.set_title(f"{SHOWN_PATHS} A/A tests followed as users arrive", fontsize=10)
    return fig


def _power_figure(sizes, curve, numbers, lift):
    fig, (left, right) = new_figure(2, 1, width=6.0, height=4.2, title=f"Power and exaggeration for a true lift of "
                                    f"{lift:.0%}")
    left.plot(sizes, curve["formula"], color=COLOURS[0], label="normal-approximation formula")
    left.plot(sizes[::5], curve["simulated"][::5], "o", color=COLOURS[1], ms=4, label="simulated (20,000 tests)")
    left.axhline(TARGET_POWER, color="0.4", ls=":", label="80% power")
    if "users_for_80_percent_power" in numbers and numbers["users_for_80_percent_power"] <= sizes[-1]:
        left.axvline(numbers["users_for_80_percent_power"], color=COLOURS[2], ls="--",
                     label=f"{numbers['users_for_80_percent_power']:,} users per arm")
    left.set_xlabel("users per arm at the single test")
    left.set_ylabel("power (share of tests significant)")
    left.set_ylim(0, 1.02)
    left.legend(fontsize=8)
    if "exaggeration" in curve:
        right.plot(sizes, curve["exaggeration"], color=COLOURS[3])
        right.axhline(1.0, color="0.4", ls=":", label="estimate = true lift")
        right.set_yscale("log")
        plain = FuncFormatter(lambda value, _: f"{value:g}x")
        right.yaxis.set_major_formatter(plain)
        right.yaxis.set_minor_formatter(plain)
        right.tick_params(axis="y", which="minor", labelsize=7)
        right.legend(fontsize=8)
    else:
        right.text(0.5, 0.5, "no true lift: nothing to exaggerate", ha="center", va="center",
                   transform=right.transAxes)
    right.set_xlabel("users per arm at the single test")
    right.set_ylabel("mean estimate / true lift, significant wins")
    right.set_title("The winner's curse", fontsize=10)
    return fig


def _designs_figure(designs, alpha, looks, n_per_arm):
    fig, (left, right) = new_figure(2, 1, width=5.2, height=4.0, title=f"Four ways to analyse the same tests "
                                    f"({looks} looks)")
    keys = ("fixed", "naive", "pocock", "obrien_fleming")
    labels = ["one test\nat the end", "naive\npeeking", "Pocock", "O'Brien-\nFleming"]
    x = np.arange(len(keys))
    left.bar(x - 0.2, [designs[k]["fpr"] for k in keys], 0.4, color=COLOURS[3], label="false-positive rate")
    left.bar(x + 0.2, [designs[k]["power"] for k in keys], 0.4, color=COLOURS[0], label="power")
    left.axhline(alpha, color="0.4", ls=":", label=f"alpha = {alpha:g}")
    left.set_xticks(x, labels, fontsize=8)
    left.set_xlabel("analysis")
    left.set_ylabel("share of tests significant")
    left.set_ylim(0, 1.25)
    left.legend(fontsize=8, loc="upper center", ncols=3)
    right.bar(x, [designs[k]["mean_users"] for k in keys], 0.6, color=COLOURS[2])
    right.axhline(n_per_arm, color="0.4", ls=":", label="planned maximum")
    right.set_xticks(x, labels, fontsize=8)
    right.set_xlabel("analysis")
    right.set_ylabel("mean users per arm when the test stops")
    right.set_title("Tests with the true lift", fontsize=10)
    right.legend(fontsize=8)
    return fig
