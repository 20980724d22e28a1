"""Drift every six hours: a stream whose inputs move to a new region every six hours, four regions
that come back every day, a genuinely new region, a change in the labelling rule itself, labels
that arrive late, and seven ways of keeping a model up to date, each with what it costs.

The stream: ``days`` x 24 hourly batches of ``rows_per_hour`` rows with two features. Phase
``hour // 6 % 4`` decides where the inputs are: a Gaussian cloud (sd 0.8) centred at radius 2.5
and angle 20, 110, 200 or 290 degrees, whose centre also wanders a little from hour to hour (sd
0.1: harmless to the model, as real data never stand still). Optionally the six hours from
``novel_shift_hour`` come from a region never seen before (angle 245 degrees). The label is
``1[|x| < r]`` with 5% of labels flipped; r is 2.5 until ``concept_shift_hour`` and 3.3 from then
on: concept drift, P(y | x) changes while P(x) does not. The model is logistic regression, a
straight line: good within one region, wrong in the others, so each move looks like drift to it.

Labels of hour h arrive at the end of hour h + ``label_delay_hours``: every retraining can only use
hours whose labels are in. Every policy starts from a model trained on six hours of phase-0 data
before launch, and after each hour decides what serves the next one:

- never: the launch model throughout;
- scheduled: every ``schedule_hours``, refit on the last ``window_hours`` labelled hours;
- scheduled, 24 h window: hourly, on the last 24 labelled hours (all four regions in one model);
- scheduled, recency-weighted: hourly, on every labelled hour, weighted 2^-(age in hours);
- input monitor: compares each hour's inputs with the current model's training inputs (PSI above
  ``psi_threshold``, or KS p below 0.01 / 2, per ``monitor``); on an alert, refits on that hour as
  soon as its labels arrive (alerts while that refit waits are counted, but are the same open shift);
- performance monitor: when an hour's labels arrive, scores the current model on them; below
  ``accuracy_trigger``, refits on that hour;
- cycle-aware: once the first day's labels are in, one model per six-hour phase; each hour is
  checked against its own phase's training inputs (aligned windows) and, when its labels arrive,
  against ``accuracy_trigger``; either alert refits that phase's model on that hour.

Costs: model fits, alerts raised, and missed hours (hours served below ``SERVICE_LEVEL`` accuracy).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from gauntlet.errors import InputError
from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import LogisticRegression, ks_2samp, psi
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SPEC = lab_spec(
    "drift-every-six-hours",
    params=(
        Param("days", "int", 4, "length of the stream in days", low=2, high=7),
        Param("rows_per_hour", "int", 200, "rows arriving each hour", low=50, high=2000),
        Param("label_delay_hours", "int", 2, "hours until an hour's labels arrive", low=0, high=12),
        Param("schedule_hours", "int", 1, "scheduled policy: refit every this many hours", low=1, high=48),
        Param("window_hours", "int", 3, "scheduled policy: train on the last this many labelled hours", low=1,
              high=48),
        Param("monitor", "choice", "psi", "input monitor's rule: any feature's PSI above psi_threshold, or any "
              "feature's KS p-value below 0.01/2 (Bonferroni over the two features)", choices=("psi", "ks")),
        Param("psi_threshold", "float", 0.25, "PSI alert level (0.25 = 'major shift' rule of thumb)",
              low=0.05, high=2.0),
        Param("accuracy_trigger", "float", 0.8, "performance monitor: refit when an hour's labelled accuracy "
              "falls below this", low=0.5, high=0.99),
        Param("novel_shift_hour", "int", 54, "first hour of a six-hour block from a never-seen region "
              "(0 = none)", low=0, high=162),
        Param("concept_shift_hour", "int", 75, "hour from which the labelling rule changes (0 = never)", low=0,
              high=167),
    ),
    notice=(
        "Two kinds of drift. Covariate shift: P(x) moves (here every six hours, in a cycle, plus one never-seen "
        "region) while the rule from inputs to labels stays. Concept drift: the rule itself changes (here the "
        "positive radius grows from 2.5 to 3.3) while the inputs look exactly as before. A linear model only "
        "fits the region it was trained on, so both hurt it.",
        "Input monitors (KS, PSI) need no labels, so they fire in the first hour of a regime switch; but they "
        "are blind to concept drift, because the inputs do not change. A performance monitor sees both, but "
        "only once the labels arrive: with a label delay of d hours it reacts at least d hours late, and so "
        "does every retraining, since it needs labels too.",
        "KS is a significance test: with hundreds of rows its p-value flags even a harmless wobble of the "
        "inputs. PSI measures the size of a shift, but it has sampling noise of its own: for an unchanged "
        "distribution it averages about (bins - 1)(1/n + 1/m) with n and m rows, 0.09 for 10 bins and 200 rows "
        "each, so the '0.1 = moderate shift' rule of thumb cries wolf on small samples. Tune thresholds against "
        "the cost of a false alarm and the sample size.",
        "A schedule is only as good as its window. Refitting hourly on the last few labelled hours follows the "
        "cycle a few hours behind (label delay plus the window); a window that spans the whole cycle mixes all "
        "four regions into one straight line that fits none of them. Recency weighting is a soft window: any "
        "weight left on other regions pulls the line towards them. Frequent refits cost compute whether or not "
        "anything changed.",
        "A cycle is a known state, not drift: one model per phase, with monitoring windows aligned to the "
        "phase, needs no refits for the cycle and keeps its monitors quiet, so its alerts mean something new "
        "(the never-seen region, the changed rule).",
    ),
    takeaway=(
        "First ask what is drifting: the inputs (covariate shift), the rule from inputs to labels (concept "
        "drift), or a known cycle. Model a cycle (time or phase features, one model per regime) and align "
        "monitoring windows with it. Monitor inputs (PSI, KS) for early, label-free warning of covariate shift, "
        "and performance on labels, which arrive late, for concept drift. Choose windows, weights and "
        "thresholds by measuring each policy's accuracy, retraining cost, alert load and missed hours, not by "
        "habit."
    ),
)

PHASE_HOURS = 6
PHASE_ANGLES = np.deg2rad([20.0, 110.0, 200.0, 290.0])
NOVEL_ANGLE = np.deg2rad(245.0)
NOVEL = 4  # the regime id of the never-seen block
RADIUS = 2.5
CONCEPT_RADIUS = 3.3  # the positive radius after the concept shift
CLOUD_SD = 0.8
WOBBLE_SD = 0.1  # hour-to-hour wander of the cloud's centre
LABEL_NOISE = 0.05
KS_ALPHA = 0.01 / 2  # Bonferroni over the two features
PSI_BINS = 10
HALF_LIFE_HOURS = 1.0  # weights halve every hour: about two hours of effective memory, like a 3-hour window
WEIGHTED_HISTORY = 48  # hours the recency-weighted fit looks back (older weights are below 2^-16)
SERVICE_LEVEL = 0.8  # an hour served below this accuracy is a missed hour
MONITOR_RULES = ("KS p < 0.005", "PSI > 0.1", "PSI > 0.25")


def regime_at(hour: int, novel_shift_hour: int) -> int:
    if novel_shift_hour and novel_shift_hour <= hour < novel_shift_hour + PHASE_HOURS:
        return NOVEL
    return phase_at(hour)


def phase_at(hour: int) -> int:
    return hour // PHASE_HOURS % 4


def hour_centre(rng: np.random.Generator, regime: int) -> np.ndarray:
    """Where an hour's inputs are centred: the regime's centre plus that hour's wander."""
    angle = NOVEL_ANGLE if regime == NOVEL else PHASE_ANGLES[regime]
    return RADIUS * np.array([np.cos(angle), np.sin(angle)]) + WOBBLE_SD * rng.standard_normal(2)


def draw(rng: np.random.Generator, centre: np.ndarray, n: int, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """One hour: ``n`` rows around ``centre``, labelled 1[|x| < radius] with LABEL_NOISE of them flipped."""
    X = centre + CLOUD_SD * rng.standard_normal((n, 2))
    y = (np.linalg.norm(X, axis=1) < radius).astype(int)
    flip = rng.random(n) < LABEL_NOISE
    return X, np.where(flip, 1 - y, y)


@dataclass
class Monitor:
    """Decides whether a window of inputs has drifted from a reference sample."""

    rule: str
    psi_threshold: float

    def check(self, reference: np.ndarray, current: np.ndarray) -> bool:
        largest_psi, smallest_p = compare(reference, current)
        return largest_psi > self.psi_threshold if self.rule == "psi" else smallest_p < KS_ALPHA


def compare(reference: np.ndarray, current: np.ndarray) -> tuple[float, float]:
    """(largest PSI over the features, smallest KS p-value over the features)."""
    features = range(reference.shape[1])
    return (max(psi(reference[:, j], current[:, j], n_bins=PSI_BINS) for j in features),
            min(ks_2samp(reference[:, j], current[:, j]).pvalue for j in features))


def fit(X: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> LogisticRegression:
    return LogisticRegression().fit(X, y, sample_weight=weights)


Stream = Sequence[tuple[np.ndarray, np.ndarray]]


@dataclass
class Policy:
    """A retraining policy: the model serving each hour, and what it decided at each hour's end."""

    name: str
    key: str
    model: LogisticRegression
    accuracy: list[float] = field(default_factory=list)
    fit_hours: list[int] = field(default_factory=list)  # end of which hour each refit happened
    alert_hours: list[int] = field(default_factory=list)  # the hour each alert was about

    def serving(self, hour: int) -> LogisticRegression:
        return self.model

    def refit(self, hour: int, X: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> LogisticRegression:
        self.fit_hours.append(hour)
        return fit(X, y, weights)

    def end_of_hour(self, hour: int, stream: Stream, labelled_until: int) -> None:
        """Hour ``hour`` is over; labels are in for hours 0..``labelled_until`` (-1: none yet)."""


def _stack(stream: Stream, hours: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    return np.vstack([stream[h][0] for h in hours]), np.concatenate([stream[h][1] for h in hours])


@dataclass
class Scheduled(Policy):
    every: int = 1
    window: int = 3
    weighted: bool = False

    def end_of_hour(self, hour: int, stream: Stream, labelled_until: int) -> None:
        if labelled_until < 0 or (hour + 1) % self.every:
            return
        if self.weighted:
            hours = list(range(max(0, labelled_until - WEIGHTED_HISTORY + 1), labelled_until + 1))
            ages = np.repeat([labelled_until - h for h in hours], [len(stream[h][1]) for h in hours])
            self.model = self.refit(hour, *_stack(stream, hours), weights=0.5 ** (ages / HALF_LIFE_HOURS))
        else:
            hours = list(range(max(0, labelled_until - self.window + 1), labelled_until + 1))
            self.model = self.refit(hour, *_stack(stream, hours))


@dataclass
class InputTriggered(Policy):
    monitor: Monitor | None = None
    reference: np.ndarray | None = None
    waiting: list[int] = field(default_factory=list)  # alert hours whose labels have not arrived

    def end_of_hour(self, hour: int, stream: Stream, labelled_until: int) -> None:
        assert self.monitor is not None and self.reference is not None
        if self.monitor.check(self.reference, stream[hour][0]):
            self.alert_hours.append(hour)
            if not self.waiting:  # a refit already waits for labels: this alert is the same shift, still open
                self.waiting.append(hour)
        for alert in [a for a in self.waiting if a <= labelled_until]:
            self.waiting.remove(alert)
            self.model, self.reference = self.refit(hour, *stream[alert]), stream[alert][0]


@dataclass
class PerformanceTriggered(Policy):
    trigger: float = 0.8

    def end_of_hour(self, hour: int, stream: Stream, labelled_until: int) -> None:
        if labelled_until < 0:
            return
        if self.model.score(*stream[labelled_until]) < self.trigger:
            self.alert_hours.append(labelled_until)
            self.model = self.refit(hour, *stream[labelled_until])


@dataclass
class CycleAware(Policy):
    monitor: Monitor | None = None
    trigger: float = 0.8
    phase_models: dict[int, LogisticRegression] = field(default_factory=dict)
    phase_reference: dict[int, np.ndarray] = field(default_factory=dict)
    waiting: list[int] = field(default_factory=list)

    def serving(self, hour: int) -> LogisticRegression:
        return self.phase_models.get(phase_at(hour), self.model)

    def end_of_hour(self, hour: int, stream: Stream, labelled_until: int) -> None:
        assert self.monitor is not None
        if not self.phase_models:
            if labelled_until >= 23:  # the first full day is labelled: one model per phase
                for p in range(4):
                    hours = range(p * PHASE_HOURS, (p + 1) * PHASE_HOURS)
                    X, y = _stack(stream, hours)
                    self.phase_models[p], self.phase_reference[p] = self.refit(hour, X, y), X
            return
        phase = phase_at(hour)
        if self.monitor.check(self.phase_reference[phase], stream[hour][0]):
            self.alert_hours.append(hour)
            if not any(phase_at(a) == phase for a in self.waiting):  # one open refit per phase
                self.waiting.append(hour)
        labelled = labelled_until
        if labelled > 23 and not any(phase_at(a) == phase_at(labelled) for a in self.waiting):
            if self.phase_models[phase_at(labelled)].score(*stream[labelled]) < self.trigger:
                self.alert_hours.append(labelled)
                self.waiting.append(labelled)
        for alert in sorted(a for a in self.waiting if a <= labelled_until):
            self.waiting.remove(alert)
            p = phase_at(alert)
            self.phase_models[p], self.phase_reference[p] = self.refit(hour, *stream[alert]), stream[alert][0]


def make_policies(launch_model: LogisticRegression, launch_X: np.ndarray, monitor: Monitor, *, schedule_hours: int,
                  window_hours: int, accuracy_trigger: float) -> list[Policy]:
    return [
        Policy("never", "never", launch_model),
        Scheduled(f"every {schedule_hours} h, last {window_hours} h", "scheduled", launch_model,
                  every=schedule_hours, window=window_hours),
        Scheduled("hourly, last 24 h", "scheduled_24h", launch_model, every=1, window=24),
        Scheduled(f"hourly, recency-weighted ({HALF_LIFE_HOURS:g} h half-life)", "recency_weighted", launch_model,
                  weighted=True),
        InputTriggered(f"input monitor ({monitor.rule})", "input_monitor", launch_model, monitor=monitor,
                       reference=launch_X),
        PerformanceTriggered(f"performance monitor (accuracy < {accuracy_trigger:g})", "performance_monitor",
                             launch_model, trigger=accuracy_trigger),
        CycleAware("cycle-aware (phase models)", "cycle_aware", launch_model, monitor=monitor,
                   trigger=accuracy_trigger),
    ]


def simulate(stream: Stream, policies: list[Policy], label_delay_hours: int) -> None:
    """Every hour: each policy's serving model is scored on that hour, then the policy updates."""
    for hour, (X, y) in enumerate(stream):
        for policy in policies:
            policy.accuracy.append(policy.serving(hour).score(X, y))
        for policy in policies:
            policy.end_of_hour(hour, stream, hour - label_delay_hours)


def monitor_table(stream: Stream, switches: list[int]) -> tuple[dict[str, list[int]], np.ndarray, np.ndarray]:
    """Alert hours of each rule comparing every hour with the hour before, and the PSI and KS traces."""
    psis, pvalues = [np.nan], [np.nan]
    for hour in range(1, len(stream)):
        largest, smallest = compare(stream[hour - 1][0], stream[hour][0])
        psis.append(largest)
        pvalues.append(smallest)
    psi_trace, p_trace = np.array(psis), np.array(pvalues)
    hours = np.arange(len(stream))
    alerts = {
        MONITOR_RULES[0]: hours[p_trace < KS_ALPHA].tolist(),
        MONITOR_RULES[1]: hours[psi_trace > 0.1].tolist(),
        MONITOR_RULES[2]: hours[psi_trace > 0.25].tolist(),
    }
    return alerts, psi_trace, p_trace


def run(seed: int, progress: ProgressFn = no_progress, *, days: int, rows_per_hour: int, label_delay_hours: int,
        schedule_hours: int, window_hours: int, monitor: str, psi_threshold: float, accuracy_trigger: float,
        novel_shift_hour: int, concept_shift_hour: int) -> LabResult:
    hours = days * 24
    if novel_shift_hour and not 24 <= novel_shift_hour <= hours - PHASE_HOURS:
        raise InputError(f"novel_shift_hour must be 0 (none) or between 24 (after the first full day) and "
                         f"{hours - PHASE_HOURS} (six hours before the end of a {days}-day stream)")
    if concept_shift_hour and not 24 <= concept_shift_hour <= hours - 1:
        raise InputError(f"concept_shift_hour must be 0 (never) or between 24 (after the first full day) and "
                         f"{hours - 1} (the last hour of a {days}-day stream)")
    rng = np.random.default_rng(seed)
    regimes = [regime_at(h, novel_shift_hour) for h in range(hours)]
    radius = [CONCEPT_RADIUS if concept_shift_hour and h >= concept_shift_hour else RADIUS for h in range(hours)]
    centres = [hour_centre(rng, r) for r in regimes]
    stream = [draw(rng, c, rows_per_hour, rad) for c, rad in zip(centres, radius, strict=True)]
    launch_X, launch_y = draw(rng, hour_centre(rng, 0), PHASE_HOURS * rows_per_hour, RADIUS)
    progress(1, 3)
    policies = make_policies(fit(launch_X, launch_y), launch_X, Monitor(monitor, psi_threshold),
                             schedule_hours=schedule_hours, window_hours=window_hours,
                             accuracy_trigger=accuracy_trigger)
    simulate(stream, policies, label_delay_hours)
    progress(2, 3)
    switches = [h for h in range(1, hours) if regimes[h] != regimes[h - 1]]
    rule_alerts, psi_trace, p_trace = monitor_table(stream, switches)
    progress(3, 3)

    first_switch = switches[0]
    concept = concept_shift_hour or None
    numbers: dict[str, Scalar] = {"hours": hours, "regime_switches": len(switches),
                                  "label_delay_hours": label_delay_hours}
    rows: list[list[Scalar]] = []
    for policy in policies:
        acc = np.array(policy.accuracy)
        after_switch = float(acc[first_switch:].mean())
        under_concept = float(acc[concept:].mean()) if concept else float("nan")
        missed = int(np.sum(acc < SERVICE_LEVEL))
        key = policy.key
        numbers[f"{key}_accuracy_after_first_switch"] = after_switch
        numbers[f"{key}_accuracy_after_concept_shift"] = under_concept
        numbers[f"{key}_missed_hours"] = missed
        numbers[f"{key}_model_fits"] = len(policy.fit_hours)
        numbers[f"{key}_alerts"] = len(policy.alert_hours)
        rows.append([policy.name, after_switch, under_concept, missed, len(policy.fit_hours), len(policy.alert_hours)])
    table = ResultTable(
        f"Accuracy and cost over {hours} hours ({rows_per_hour} rows/hour, labels {label_delay_hours} h late)",
        ["policy", "accuracy from the first switch",
         "accuracy after the concept shift" if concept else "accuracy after the concept shift (none)",
         f"missed hours (accuracy < {SERVICE_LEVEL:g})", "model fits", "alerts"],
        rows,
    )
    stable = [h for h in range(1, hours) if h not in switches]
    monitor_rows: list[list[Scalar]] = []
    for rule, alerts in rule_alerts.items():
        caught = sum(1 for h in switches if h in alerts)
        false = sum(1 for h in alerts if h in stable)
        monitor_rows.append([rule, caught, len(switches), false, len(stable),
                             (concept in alerts) if concept else "no concept shift"])
        key = {"KS p < 0.005": "ks", "PSI > 0.1": "psi_0_1", "PSI > 0.25": "psi_0_25"}[rule]
        numbers[f"monitor_{key}_switches_caught"] = caught
        numbers[f"monitor_{key}_false_alarms"] = false
    numbers["stable_hours"] = len(stable)
    numbers["psi_mean_on_stable_hours"] = float(np.mean(psi_trace[stable]))
    # PSI's own noise: each hour against a second sample of exactly the same distribution
    twins = [draw(rng, centre, rows_per_hour, RADIUS)[0] for centre in centres]
    numbers["psi_mean_same_distribution"] = float(np.mean([compare(X, twin)[0] for (X, _), twin
                                                           in zip(stream, twins, strict=True)]))
    numbers["psi_expected_without_change"] = (PSI_BINS - 1) * 2 / rows_per_hour
    monitors = ResultTable("Each hour's inputs against the hour before: alerts by rule",
                           ["rule", "regime switches caught", "of switches", "alerts with no switch",
                            "of hours without a switch", "fired at the concept shift"], monitor_rows)
    by_key = {p.key: p for p in policies}
    notices = _notices(numbers, by_key, switches=switches, concept=concept, novel=novel_shift_hour or None,
                       rows_per_hour=rows_per_hour, monitor=monitor)
    figures = {
        "accuracy": lambda: _accuracy_figure(policies, switches, novel_shift_hour or None, concept),
        "cost_vs_accuracy": lambda: _cost_figure(policies, first_switch),
        "monitors": lambda: _monitor_figure(psi_trace, p_trace, switches, concept),
        "stream": lambda: _stream_figure(stream, regimes, concept),
    }
    return LabResult("drift-every-six-hours", seed, numbers=numbers, tables=[table, monitors], notices=notices,
                     figures=figures)


def _first_fit_after(policy: Policy, hour: int) -> int | None:
    later = [h for h in policy.fit_hours if h >= hour]
    return later[0] if later else None


def _notices(n: dict, policies: dict[str, Policy], *, switches: list[int], concept: int | None, novel: int | None,
             rows_per_hour: int, monitor: str) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    out = []
    ranked = sorted(policies.values(), key=lambda p: -n[f"{p.key}_accuracy_after_first_switch"])

    def summary(p: Policy) -> str:
        return (f"{p.name}: {n[f'{p.key}_accuracy_after_first_switch']:.3f}, {n[f'{p.key}_model_fits']} fits, "
                f"{n[f'{p.key}_missed_hours']} missed hours")

    out.append("Accuracy from the first switch on, best first: " + "; ".join(summary(p) for p in ranked) + ".")
    fixed, wide, weighted = (n["scheduled_accuracy_after_first_switch"], n["scheduled_24h_accuracy_after_first_switch"],
                             n["recency_weighted_accuracy_after_first_switch"])
    out.append(f"Windows: {policies['scheduled'].name} scored {fixed:.3f}, the 24-hour window {wide:.3f}"
               + (" (one straight line through all four regions fits none of them)" if wide < fixed else "")
               + f", recency weighting {weighted:.3f}; never retraining {n['never_accuracy_after_first_switch']:.3f}.")
    ks, loose, strict = (n["monitor_ks_false_alarms"], n["monitor_psi_0_1_false_alarms"],
                         n["monitor_psi_0_25_false_alarms"])
    out.append(f"Comparing each hour with the one before, over the {n['stable_hours']} hours with no regime switch "
               f"(the inputs only wander a little): "
               f"KS alerted {ks} times, PSI > 0.1 {loose}, PSI > 0.25 {strict}; all three caught "
               + (f"every one of the {len(switches)} switches" if min(n["monitor_ks_switches_caught"],
                                                                   n["monitor_psi_0_1_switches_caught"],
                                                                   n["monitor_psi_0_25_switches_caught"])
                  == len(switches) else "most switches (table)")
               + f". PSI has noise of its own: against a second sample of exactly the same distribution, an hour's "
               f"largest PSI over the two features averaged {n['psi_mean_same_distribution']:.3f} (one feature's "
               f"expected value is about (bins - 1)(1/n + 1/m) = {n['psi_expected_without_change']:.3f} for "
               f"{rows_per_hour} rows each).")
    delay = n["label_delay_hours"]
    if concept:
        perf = policies["performance_monitor"]
        # a refit at the end of hour h learns from hour h - delay: the first one on new-rule labels
        reacted = _first_fit_after(perf, concept + delay)
        inputs = policies["input_monitor"]
        input_alert = concept in inputs.alert_hours
        out.append(f"The labelling rule changed at hour {concept}. The input monitor ({monitor}) "
                   + ("alerted in that hour, but only because that hour's inputs differ from its model's training "
                      "inputs: it cannot see the new rule" if input_alert
                      else "did not fire then: the inputs did not change")
                   + "; the performance monitor "
                   + (f"first refitted on labels from after the change at the end of hour {reacted}, "
                      f"{reacted - concept + 1} hours after the change (labels arrive {delay} h late)"
                      if reacted is not None else "never refitted on labels from after the change")
                   + f". Accuracy from then on: never {n['never_accuracy_after_concept_shift']:.3f}, input monitor "
                   f"{n['input_monitor_accuracy_after_concept_shift']:.3f}, performance monitor "
                   f"{n['performance_monitor_accuracy_after_concept_shift']:.3f}, cycle-aware "
                   f"{n['cycle_aware_accuracy_after_concept_shift']:.3f}.")
    cycle = policies["cycle_aware"]
    outside = [h for h in cycle.alert_hours if not (novel and novel <= h < novel + PHASE_HOURS)
               and not (concept and h >= concept)]
    out.append(f"The cycle-aware policy raised {len(cycle.alert_hours)} alerts"
               + (f", {len(outside)} of them outside the never-seen block and the hours after the concept shift"
                  if (novel or concept) else "")
               + f"; the input monitor, which compares with whatever it last trained on, raised "
               f"{n['input_monitor_alerts']}.")
    return out


POLICY_STYLES = {"never": ("0.5", "-"), "scheduled": (COLOURS[0], "-"), "scheduled_24h": (COLOURS[0], ":"),
                 "recency_weighted": (COLOURS[4], "-"), "input_monitor": (COLOURS[2], "-"),
                 "performance_monitor": (COLOURS[1], "-"), "cycle_aware": (COLOURS[3], "-")}


def _shade(ax, switches: list[int], novel: int | None, concept: int | None) -> None:
    for x in switches:
        ax.axvline(x, color="0.88", lw=1)
    if novel:
        ax.axvspan(novel, novel + PHASE_HOURS, color=COLOURS[4], alpha=0.12, label="never-seen inputs")
    if concept:
        ax.axvline(concept, color="k", ls="--", lw=1.2, label="labelling rule changes")


def _accuracy_figure(policies: list[Policy], switches: list[int], novel: int | None, concept: int | None) -> Figure:
    fig, axes = new_figure(1, 2, width=13.0, height=3.6,
                           title="Accuracy per hour (grey lines: input regime switches)")
    groups = (("never", "scheduled", "scheduled_24h", "recency_weighted"),
              ("never", "input_monitor", "performance_monitor", "cycle_aware"))
    for ax, keys in zip(axes, groups, strict=True):
        _shade(ax, switches, novel, concept)
        for policy in policies:
            if policy.key in keys:
                colour, style = POLICY_STYLES[policy.key]
                ax.plot(np.arange(len(policy.accuracy)), policy.accuracy, style, color=colour, lw=1.5,
                        label=f"{policy.name} ({len(policy.fit_hours)} fits)")
        ax.axhline(SERVICE_LEVEL, color="0.4", ls=":", lw=1, label=f"service level {SERVICE_LEVEL:g}")
        ax.set_ylim(0, 1.05)
        ax.set_xlabel("hour of the stream")
        ax.set_ylabel("accuracy in that hour")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    axes[0].set_title("Scheduled refits", fontsize=10)
    axes[1].set_title("Triggered refits and the cycle-aware policy", fontsize=10)
    return fig


def _cost_figure(policies: list[Policy], first_switch: int) -> Figure:
    fig, ax = new_figure(width=9.5, height=4.4, title="What each policy costs and buys")
    for policy in policies:
        colour, _ = POLICY_STYLES[policy.key]
        accuracy = float(np.mean(policy.accuracy[first_switch:]))
        missed = int(np.sum(np.array(policy.accuracy) < SERVICE_LEVEL))
        ax.plot(len(policy.fit_hours), accuracy, "o", ms=9, color=colour,
                mfc="none" if policy.key == "scheduled_24h" else colour,
                label=f"{policy.name}: {missed} missed hours, {len(policy.alert_hours)} alerts")
    ax.set_xscale("symlog", linthresh=1)
    ax.set_xlabel("model fits over the stream (symlog scale)")
    ax.set_ylabel("mean hourly accuracy from the first switch")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return fig


P_FLOOR = 1e-10  # switches drive KS p-values to 1e-100 and below; the interesting part is near the threshold


def _monitor_figure(psi_trace: np.ndarray, p_trace: np.ndarray, switches: list[int], concept: int | None) -> Figure:
    fig, (ax1, ax2) = new_figure(1, 2, width=12.0, height=3.2, title="Each hour's inputs against the hour before")
    hours = np.arange(len(psi_trace))
    for ax in (ax1, ax2):
        _shade(ax, switches, None, concept)
    ax1.plot(hours, np.maximum(psi_trace, 1e-3), "o-", ms=2.5, color=COLOURS[0], lw=1,
             label="largest PSI of the two features")
    ax1.axhline(0.1, color=COLOURS[1], ls=":", label="PSI 0.1")
    ax1.axhline(0.25, color=COLOURS[3], ls="--", label="PSI 0.25")
    ax1.set_yscale("log")
    ax1.set_ylabel("PSI (log scale)")
    ax2.plot(hours, np.maximum(p_trace, P_FLOOR), "o-", ms=2.5, color=COLOURS[2], lw=1,
             label=f"smallest KS p-value of the two\nfeatures (below {P_FLOOR:g}: drawn at {P_FLOOR:g})")
    ax2.axhline(KS_ALPHA, color=COLOURS[3], ls="--", label=f"p = {KS_ALPHA:g}")
    ax2.set_yscale("log")
    ax2.set_ylabel("KS p-value (log scale)")
    for ax in (ax1, ax2):
        ax.set_xlabel("hour of the stream (grey: regime switches)")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def _stream_figure(stream: Stream, regimes: list[int], concept: int | None) -> Figure:
    fig, ax = new_figure(width=6.0, height=6.0, title="Where the inputs are, by six-hour phase")
    names = {0: "00-06", 1: "06-12", 2: "12-18", 3: "18-24", NOVEL: "never-seen block"}
    shown: set[int] = set()
    for (X, _), r in zip(stream, regimes, strict=True):
        if r in shown:
            continue
        shown.add(r)
        ax.scatter(X[:, 0], X[:, 1], s=6, color=COLOURS[r], alpha=0.5, label=names[r])
    t = np.linspace(0, 2 * np.pi, 200)
    ax.plot(RADIUS * np.cos(t), RADIUS * np.sin(t), "k--", lw=1, label=f"label boundary |x| = {RADIUS:g}")
    if concept:
        ax.plot(CONCEPT_RADIUS * np.cos(t), CONCEPT_RADIUS * np.sin(t), "k:", lw=1.5,
                label=f"after the concept shift: |x| = {CONCEPT_RADIUS:g}")
    ax.set_aspect("equal")
    ax.set_xlabel("feature 1")
    ax.set_ylabel("feature 2")
    ax.legend(fontsize=8, loc="upper right")
    return fig
