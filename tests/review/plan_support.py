"""A simulated learner for the study-plan tests and benchmark: it studies through the real queue and the
real store with an injected clock (no sleeping).

Its memory is the FSRS model itself: a learnt question is recalled with the retrievability of its card;
a new one is answered right with a known first-try accuracy. Each day it does what the queue gives it,
then the learning steps as they come due, plus the day's mock interview and practice item as planned.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from fsrs import State
from sqlalchemy import select

from gauntlet.bank.model import Bank
from gauntlet.review.cards import card_from_row, make_scheduler, review
from gauntlet.review.plan import local_midnight, plan_status
from gauntlet.review.queue import build_queue
from gauntlet.store import Store
from gauntlet.store.schema import cards


@dataclass
class DayLog:
    date: dt.date
    reviews: int = 0
    new: int = 0
    minutes: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)


class SimulatedLearner:
    def __init__(self, store: Store, bank: Bank, user_id: int, first_try: float, seed: int, hour: int = 18):
        self.store, self.bank, self.user_id = store, bank, user_id
        self.first_try = first_try
        self.rng = random.Random(seed)
        self.hour = hour
        self.scheduler = make_scheduler()

    def _rate(self, question_id: str, is_new: bool, at: dt.datetime) -> int:
        if is_new:
            return 3 if self.rng.random() < self.first_try else 1
        with self.store.engine.connect() as conn:
            row = conn.execute(select(cards).where(cards.c.user_id == self.user_id,
                                                   cards.c.question_id == question_id)).one()
        recall = self.scheduler.get_card_retrievability(card_from_row(row).fsrs_card, at)
        return 3 if self.rng.random() < recall else 1

    def study(self, date: dt.date, replan: bool = True) -> DayLog:
        log = DayLog(date)
        now = local_midnight(date) + dt.timedelta(hours=self.hour)
        end = local_midnight(date + dt.timedelta(days=1))
        status = plan_status(self.store, self.bank, now=now, user_id=self.user_id, runs=4) if replan else None
        costs = status.plan.costs if status else None
        for _ in range(20):  # the session, then each learning step at its minute
            queue = build_queue(self.store, self.bank, now=now, new_limit=None, limit=10_000, user_id=self.user_id)
            for item in queue:
                review(self.store, item.question.id, self._rate(item.question.id, item.is_new, now), reviewed_at=now,
                       user_id=self.user_id, queue_reason=item.reason or None)
                log.kinds[item.kind] = log.kinds.get(item.kind, 0) + 1
                log.new += item.is_new
                log.reviews += not item.is_new
            with self.store.engine.connect() as conn:
                steps = [card_from_row(r) for r in conn.execute(select(cards).where(
                    cards.c.user_id == self.user_id, cards.c.due < end, cards.c.state != int(State.Review)))]
            if not steps:
                break
            now = max(now, min(s.due for s in steps))
        if costs is not None and status is not None:
            day = status.plan.day(date)
            fixed = 0.0
            if day is not None:
                fixed = day.mock_minutes + sum(costs.lab_minutes if p.kind == "lab" else costs.drill_minutes
                                               for p in day.practice)
            log.minutes = log.reviews * costs.review_minutes + log.new * costs.new_minutes + fixed
        return log

    def recall_on(self, moment: dt.datetime, question_ids: list[str]) -> float:
        """Mean recall probability of ``question_ids`` at ``moment`` (a question never learnt: 0)."""
        with self.store.engine.connect() as conn:
            rows = {r.question_id: card_from_row(r) for r in conn.execute(
                select(cards).where(cards.c.user_id == self.user_id))}
        return sum(self.scheduler.get_card_retrievability(rows[q].fsrs_card, moment) if q in rows else 0.0
                   for q in question_ids) / len(question_ids)
