"""Recovering from a break: the reviews overdue when it started, spread over the days the user chose.

Most at-risk first (lowest FSRS retrievability, highest weight for the interview), a fixed share a
day, never the whole wall at once. The spread is stored when it starts, so each day's share is the
same however often the queue is built; a card reviewed early counts toward the share.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select

from gauntlet.errors import InputError
from gauntlet.review.cards import card_from_row, make_scheduler
from gauntlet.review.plan_policy import Candidate, at_risk_first
from gauntlet.store import Store
from gauntlet.store.db import as_utc
from gauntlet.store.schema import backlog_recoveries, cards, review_logs

MAX_RECOVERY_DAYS = 60


def spread(ordered: Sequence[str], days: int) -> list[list[str]]:
    """``ordered`` (most at-risk first) cut into ``days`` consecutive shares, sizes differing by at most
    one, the larger ones first."""
    total = len(ordered)
    bounds = [math.ceil(total * k / days) for k in range(days + 1)]
    return [list(ordered[bounds[k]:bounds[k + 1]]) for k in range(days)]


@dataclass(frozen=True)
class BacklogRecovery:
    id: int
    started_at: dt.datetime
    days: int
    question_ids: tuple[str, ...]  # most at-risk first, as it was when the recovery started

    def day_index(self, today: dt.date) -> int:
        return (today - self.started_at.astimezone().date()).days

    def shares(self) -> list[list[str]]:
        return spread(self.question_ids, self.days)


@dataclass(frozen=True)
class BacklogToday:
    recovery: BacklogRecovery
    day: int  # 1-based day of the recovery
    todo: tuple[str, ...]  # today's share still to review, most at-risk first
    held: tuple[str, ...]  # kept for the coming days
    done: int  # reviewed since the recovery started


def start_recovery(store: Store, *, now: dt.datetime, days: int, user_id: int,
                   weights: Mapping[str, float] | None = None) -> BacklogRecovery:
    """Spread every review overdue before today over ``days`` days (today is day 1)."""
    if not 1 <= days <= MAX_RECOVERY_DAYS:
        raise InputError(f"must be between 1 and {MAX_RECOVERY_DAYS}", option="catch-up-days")
    from gauntlet.review.queue import start_of_local_day

    scheduler = make_scheduler()
    with store.engine.connect() as conn:
        rows = conn.execute(select(cards).where(cards.c.user_id == user_id,
                                                cards.c.due < start_of_local_day(now))).all()
    candidates = [Candidate(r.question_id, scheduler.get_card_retrievability(card_from_row(r).fsrs_card, now),
                            (weights or {}).get(r.question_id, 1.0)) for r in rows]
    ordered = [c.key for c in at_risk_first(candidates)]
    if not ordered:
        raise InputError("nothing is overdue: there is no backlog to spread")
    with store.transaction() as conn:
        key = conn.execute(insert(backlog_recoveries).values(
            user_id=user_id, started_at=now, days=days, question_ids_json=json.dumps(ordered))).inserted_primary_key
    assert key is not None
    return BacklogRecovery(int(key[0]), now, days, tuple(ordered))


def backlog_today(store: Store, *, now: dt.datetime, user_id: int) -> BacklogToday | None:
    """Today's share of the latest recovery, or None when there is none running (finished or past its days)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(backlog_recoveries).where(backlog_recoveries.c.user_id == user_id)
                           .order_by(backlog_recoveries.c.started_at.desc(), backlog_recoveries.c.id.desc())
                           .limit(1)).first()
        if row is None:
            return None
        started = as_utc(row.started_at)
        assert started is not None
        recovery = BacklogRecovery(int(row.id), started, int(row.days), tuple(json.loads(row.question_ids_json)))
        index = recovery.day_index(now.astimezone().date())
        if index >= recovery.days:
            return None
        reviewed = set(conn.execute(select(review_logs.c.question_id).where(
            review_logs.c.user_id == user_id, review_logs.c.reviewed_at >= started)).scalars())
    shares = recovery.shares()
    due_by_today = [q for share in shares[: index + 1] for q in share]
    todo = tuple(q for q in due_by_today if q not in reviewed)
    held = tuple(q for share in shares[index + 1:] for q in share if q not in reviewed)
    done = sum(q in reviewed for q in recovery.question_ids)
    if not todo and not held:
        return None
    return BacklogToday(recovery, index + 1, todo, held, done)
