"""drift-every-six-hours: fair policies compared on accuracy and cost. Modelling the cycle wins with the
fewest refits and missed hours; triggered refits beat a fixed schedule at under a quarter of its fits; a
schedule's window decides whether it beats never retraining; input monitors catch every regime
switch but not the concept shift, and their false-alarm rates differ by rule (PSI > 0.1 cries wolf
on 200 rows); every sentence the lab prints agrees with its numbers."""

import re

import pytest

from gauntlet.errors import InputError
from gauntlet.labs.runner import run_lab

SEEDS = range(10)
POLICIES = ("never", "scheduled", "scheduled_24h", "recency_weighted", "input_monitor", "performance_monitor",
            "cycle_aware")


def _accuracy(n, key):
    return n[f"{key}_accuracy_after_first_switch"]


def _check_lesson(n):
    # the cycle is a known state: one model per phase beats every other policy, with the fewest refits
    # of any policy that refits, and the fewest hours below the service level
    assert all(_accuracy(n, "cycle_aware") > _accuracy(n, p) + 0.03 for p in POLICIES if p != "cycle_aware")
    assert all(n["cycle_aware_model_fits"] <= n[f"{p}_model_fits"] for p in POLICIES if p != "never")
    assert all(n["cycle_aware_missed_hours"] < n[f"{p}_missed_hours"] for p in POLICIES if p != "cycle_aware")
    # refitting on a trigger beats refitting every hour, at under a quarter of the fits
    for triggered in ("input_monitor", "performance_monitor"):
        assert _accuracy(n, triggered) > _accuracy(n, "scheduled") + 0.01
        assert 4 * n[f"{triggered}_model_fits"] < n["scheduled_model_fits"]
    # windows: a short one beats never retraining; one spanning the whole cycle loses to it
    assert _accuracy(n, "scheduled") > _accuracy(n, "never") + 0.03
    assert _accuracy(n, "scheduled_24h") < _accuracy(n, "never")
    assert _accuracy(n, "scheduled_24h") < _accuracy(n, "recency_weighted") < _accuracy(n, "scheduled")
    # monitors against the previous hour: every rule catches every switch; false alarms differ by rule
    for rule in ("ks", "psi_0_1", "psi_0_25"):
        assert n[f"monitor_{rule}_switches_caught"] == n["regime_switches"] == 15
    assert n["monitor_psi_0_1_false_alarms"] > 2 * n["monitor_ks_false_alarms"]
    assert n["monitor_psi_0_1_false_alarms"] > 0.6 * n["stable_hours"]
    assert n["monitor_psi_0_25_false_alarms"] < n["monitor_psi_0_1_false_alarms"] / 4
    # the concept shift: every policy that refits on delayed labels recovers past never retraining
    assert n["performance_monitor_accuracy_after_concept_shift"] > n["never_accuracy_after_concept_shift"] + 0.02


@pytest.mark.slow  # runs the lab: seconds
def test_policies_rank_as_the_lab_says():
    result = run_lab("drift-every-six-hours", 0)
    _check_lesson(result.numbers)
    check_notices(result)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_policies_rank_as_the_lab_says_on_every_seed(seed):
    result = run_lab("drift-every-six-hours", seed)
    _check_lesson(result.numbers)
    check_notices(result)


@pytest.mark.slow  # runs the lab: seconds
def test_the_monitor_choice_changes_the_input_monitor_policy():
    psi = run_lab("drift-every-six-hours", 0).numbers
    ks = run_lab("drift-every-six-hours", 0, {"monitor": "ks"}).numbers
    assert (psi["input_monitor_alerts"], psi["input_monitor_model_fits"]) != (ks["input_monitor_alerts"],
                                                                               ks["input_monitor_model_fits"])
    # the stream and the monitor table do not depend on the choice
    assert psi["monitor_ks_false_alarms"] == ks["monitor_ks_false_alarms"]


def test_events_outside_the_stream_are_refused_with_the_valid_range():
    with pytest.raises(InputError, match="novel_shift_hour"):
        run_lab("drift-every-six-hours", 0, {"days": "2", "concept_shift_hour": "0"})
    with pytest.raises(InputError, match="concept_shift_hour must be 0 \\(never\\) or between 24"):
        run_lab("drift-every-six-hours", 0, {"days": "3", "novel_shift_hour": "0"})


def check_notices(result):
    n, p = result.numbers, result.params
    ranking, windows, monitors, *rest = result.notices
    names = re.findall(r"(?:^|; )(?:Accuracy from the first switch on, best first: )?([^:;]+): (\d\.\d{3}), ", ranking)
    accuracies = [float(a) for _, a in names]
    assert len(names) == len(POLICIES) and accuracies == sorted(accuracies, reverse=True)
    wide_loses = n["scheduled_24h_accuracy_after_first_switch"] < n["scheduled_accuracy_after_first_switch"]
    assert ("fits none of them" in windows) == wide_loses
    for rule, label in (("ks", "KS alerted"), ("psi_0_1", "PSI > 0.1"), ("psi_0_25", "PSI > 0.25")):
        assert re.search(rf"{re.escape(label)} {n[f'monitor_{rule}_false_alarms']}\b", monitors)
    caught = min(n[f"monitor_{r}_switches_caught"] for r in ("ks", "psi_0_1", "psi_0_25"))
    assert ("every one of the" in monitors) == (caught == n["regime_switches"])
    if p["concept_shift_hour"]:
        concept = rest[0]
        assert concept.startswith(f"The labelling rule changed at hour {p['concept_shift_hour']}")
        refit = re.search(r"after the change at the end of hour (\d+), (\d+) hours after", concept)
        if refit:
            assert int(refit.group(2)) == int(refit.group(1)) - p["concept_shift_hour"] + 1
            assert int(refit.group(1)) >= p["concept_shift_hour"] + p["label_delay_hours"]
    assert rest[-1].startswith(f"The cycle-aware policy raised {n['cycle_aware_alerts']} alerts")
    assert f"raised {n['input_monitor_alerts']}." in rest[-1]


NOTICE_GRID = [
    {"monitor": "ks"},
    {"label_delay_hours": "0"},  # labels at once: the performance monitor reacts in the hour after
    {"label_delay_hours": "12"},  # labels half a day late: every refit lags the change it answers
    {"novel_shift_hour": "0", "concept_shift_hour": "0"},  # only the known cycle
    {"rows_per_hour": "2000", "days": "3", "concept_shift_hour": "0"},  # PSI's noise shrinks, KS's power grows
    {"schedule_hours": "6", "window_hours": "6"},  # the old schedule, aligned with the switches
    {"psi_threshold": "0.1", "accuracy_trigger": "0.95"},  # trigger-happy thresholds
]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("drift-every-six-hours", seed, params))
