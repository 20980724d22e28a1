"""Progress: per-topic mastery, reviews due, streak, and how much you will remember (FSRS forecast).

Mastery of a question is the mean of what we know about it: its FSRS retrievability now (the
probability you would recall it today) and its recent grades (mean of the last three scores / 5).
A question never practised counts as 0. A topic's mastery is the mean over its questions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from sqlalchemy import select

from gauntlet.bank.model import Bank
from gauntlet.review.cards import card_from_row, make_scheduler
from gauntlet.review.queue import start_of_local_day
from gauntlet.store import Store
from gauntlet.store.db import as_utc, utcnow
from gauntlet.store.schema import attempts, cards, review_logs

RECENT_GRADES = 3
FORECAST_DAYS = (0, 7, 30)


@dataclass(frozen=True)
class TopicProgress:
    topic: str
    name: str
    questions: int
    practised: int
    mastery: float  # 0..1


@dataclass(frozen=True)
class Progress:
    topics: tuple[TopicProgress, ...]
    due_today: int
    due_this_week: int
    streak_days: int
    retention_forecast: dict[int, float | None]  # days from now (0..30) -> mean recall probability of reviewed cards
    due_per_day: tuple[int, ...]  # next 14 days, day 0 = today (includes overdue)
    activity_per_day: tuple[int, ...]  # last 30 days, oldest first: reviews + attempts
    cards: int
    reviews: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def compute_progress(store: Store, bank: Bank, now: dt.datetime | None = None, *, user_id: int) -> Progress:
    now = now or utcnow()
    with store.engine.connect() as conn:
        card_rows = conn.execute(select(cards).where(cards.c.user_id == user_id)).all()
        scored = conn.execute(select(attempts.c.question_id, attempts.c.score)
                              .where(attempts.c.user_id == user_id, attempts.c.score.is_not(None))
                              .order_by(attempts.c.submitted_at.desc())).all()
        review_times = conn.execute(select(review_logs.c.reviewed_at)
                                    .where(review_logs.c.user_id == user_id)).scalars().all()
        attempt_times = conn.execute(select(attempts.c.submitted_at)
                                     .where(attempts.c.user_id == user_id)).scalars().all()

    scheduler = make_scheduler()
    records = [card_from_row(row) for row in card_rows]
    recall_now = {r.question_id: scheduler.get_card_retrievability(r.fsrs_card, now) for r in records}
    recent: dict[str, list[float]] = defaultdict(list)
    for question_id, score in scored:
        if len(recent[question_id]) < RECENT_GRADES:
            recent[question_id].append(score / 5.0)

    def question_mastery(question_id: str) -> float | None:
        evidence = []
        if question_id in recall_now:
            evidence.append(recall_now[question_id])
        if recent.get(question_id):
            evidence.append(mean(recent[question_id]))
        return mean(evidence) if evidence else None

    topics = []
    for t in bank.topics:
        ids = [q.id for q in bank.questions_in(t.id)]
        values = [question_mastery(i) for i in ids]
        topics.append(TopicProgress(t.id, t.name, len(ids), sum(v is not None for v in values),
                                    mean(v or 0.0 for v in values) if ids else 0.0))

    today = start_of_local_day(now)
    dues = [r.due for r in records]
    due_per_day = tuple(sum(1 for d in dues
                            if (d < today + dt.timedelta(days=k + 1)) and (k == 0 or d >= today + dt.timedelta(days=k)))
                        for k in range(14))
    forecast = {
        days: (mean(scheduler.get_card_retrievability(r.fsrs_card, now + dt.timedelta(days=days)) for r in records)
               if records else None)
        for days in range(FORECAST_DAYS[-1] + 1)
    }
    active_days = {as_utc(t).astimezone().date() for t in list(review_times) + list(attempt_times)}
    return Progress(
        topics=tuple(topics),
        due_today=due_per_day[0],
        due_this_week=sum(1 for d in dues if d < today + dt.timedelta(days=7)),
        streak_days=streak(active_days, now.astimezone().date()),
        retention_forecast=forecast,
        due_per_day=due_per_day,
        activity_per_day=_activity(list(review_times) + list(attempt_times), now.astimezone().date()),
        cards=len(records),
        reviews=len(review_times),
    )


def streak(active_days: set[dt.date], today: dt.date) -> int:
    """Consecutive days with practice, ending today (or yesterday, if today has none yet)."""
    day = today if today in active_days else today - dt.timedelta(days=1)
    count = 0
    while day in active_days:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def _activity(times: list[dt.datetime], today: dt.date, days: int = 30) -> tuple[int, ...]:
    counts: defaultdict[dt.date, int] = defaultdict(int)
    for t in times:
        counts[as_utc(t).astimezone().date()] += 1
    return tuple(counts[today - dt.timedelta(days=days - 1 - i)] for i in range(days))


def plot_progress(progress: Progress, path: str | Path) -> None:
    """Draw mastery per topic, reviews due, retention forecast and recent activity into one PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    fig, axes = plt.subplots(2, 2, figsize=(12, 8), dpi=100)
    ax = axes[0][0]
    names = [t.name for t in progress.topics]
    ax.barh(names, [t.mastery * 100 for t in progress.topics], color="#3949ab")
    ax.set_xlim(0, 100)
    ax.set_xlabel("mastery (%)")
    ax.set_title("Mastery by topic")
    ax.invert_yaxis()
    ax = axes[0][1]
    ax.bar(range(14), progress.due_per_day, color="#00897b")
    ax.set_xlabel("days from today (0 includes overdue)")
    ax.set_ylabel("reviews due")
    ax.set_title("Reviews due, next 14 days")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax = axes[1][0]
    days = sorted(progress.retention_forecast)
    values = [progress.retention_forecast[d] for d in days]
    known = [v for v in values if v is not None]
    if len(known) == len(values):  # a forecast for every day
        ax.plot(days, [v * 100 for v in known], color="#e65100")
    ax.set_ylim(0, 100)
    ax.set_xlabel("days from now, with no further review")
    ax.set_ylabel("expected recall (%)")
    ax.set_title("Retention forecast (FSRS)")
    ax = axes[1][1]
    ax.bar(range(-len(progress.activity_per_day) + 1, 1), progress.activity_per_day, color="#6d4c41")
    ax.set_xlabel("days ago")
    ax.set_ylabel("reviews + answers")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    unit = "day" if progress.streak_days == 1 else "days"
    ax.set_title(f"Activity, last 30 days (streak: {progress.streak_days} {unit})")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
