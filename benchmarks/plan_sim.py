"""Study plan figures (issue 16): a seeded simulated learner follows the plan for 30 days through the real
queue and store (simulated clock), then a backlog of 300 overdue cards after a 30-day break is spread.

Prints: projected vs simulated retention on the interview morning, each day's load against its budget
(worst day, easy days), the backlog's per-day shares, and the time to make a plan for the whole bank.
Run from the repository root: python benchmarks/plan_sim.py [--seeds 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.review.test_plan import START, follow_plan  # noqa: E402

from gauntlet.bank import load_bank  # noqa: E402
from gauntlet.review.plan import PlanOptions, make_plan  # noqa: E402
from gauntlet.store import open_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    bank = load_bank(())
    options = PlanOptions(START + dt.timedelta(days=30), minutes_per_day=60, easy_weekdays=(5, 6),
                          topics=("probability-statistics", "feature-engineering", "evaluation-experimentation"))
    print(f"30 days, {options.minutes_per_day} min a day, easy days sat+sun at half, 3 topics "
          f"({sum(options.in_scope(q) for q in bank.questions)} questions), first-try accuracy 0.70")
    for seed in range(1, args.seeds + 1):
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(f"sqlite:///{folder}/g.db")
            started = time.perf_counter()
            plan, logs, simulated = follow_plan(store, bank, options, 30, first_try=0.7, seed=seed)
            seconds = time.perf_counter() - started
            over = max(log.minutes / options.budget.minutes_on(log.date) for log in logs)
            easy = [log.minutes for log in logs if options.budget.is_easy(log.date)]
            print(f"seed {seed}: projected {plan.retention:.1%}, simulated {simulated:.1%} "
                  f"(diff {abs(plan.retention - simulated) * 100:.1f} points); worst day {over:.0%} of its budget; "
                  f"easy days max {max(easy):.0f} of 30 min; {sum(log.reviews for log in logs)} reviews, "
                  f"{sum(log.new for log in logs)} new; {seconds:.1f} s")
            store.close()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/g.db")
        from tests.review.test_plan import test_a_backlog_of_300_after_a_30_day_break_is_spread_over_the_days_asked

        test_a_backlog_of_300_after_a_30_day_break_is_spread_over_the_days_asked(store)
        print("backlog: 300 overdue cards after a 30-day break, 5 days asked: 60 a day, most at-risk first (checked)")
        store.close()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/g.db")
        now = dt.datetime.combine(START, dt.time(7)).astimezone().astimezone(dt.UTC)
        started = time.perf_counter()
        whole = make_plan(store, bank, PlanOptions(START + dt.timedelta(days=60), 60), now=now,
                          user_id=store.local_user_id)
        print(f"plan for the whole bank ({whole.in_scope} questions, 60 days, 12 simulated runs): "
              f"{(time.perf_counter() - started) * 1000:.0f} ms; projected retention {whole.retention:.0%}")
        store.close()


if __name__ == "__main__":
    main()
