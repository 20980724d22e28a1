"""Progress figures from a real store: mastery, due counts, streak, forecast, plot."""

from __future__ import annotations

import datetime as dt

from gauntlet.review.cards import review
from gauntlet.review.progress import compute_progress, plot_progress, streak
from gauntlet.store.attempts import attach_grade, record_attempt


def test_mastery_due_streak_and_forecast(store, bank):
    now = dt.datetime.now(dt.UTC)
    empty = compute_progress(store, bank, now=now, user_id=store.local_user_id)
    assert all(t.mastery == 0 for t in empty.topics) and empty.cards == 0 and empty.retention_forecast[7] is None
    review(store, "my-overfitting", 3, reviewed_at=now - dt.timedelta(days=3), user_id=store.local_user_id)
    attempt = record_attempt(store, "my-overfitting", "answer", "ask", now - dt.timedelta(days=1),
                             user_id=store.local_user_id)
    attach_grade(store, attempt.id, 4.0, {}, "v", user_id=store.local_user_id)
    p = compute_progress(store, bank, now=now, user_id=store.local_user_id)
    core = next(t for t in p.topics if t.topic == "core-fundamentals")
    mlops = next(t for t in p.topics if t.topic == "mlops-production")
    # a topic's mastery is the mean over its questions, and only one of them was practised (and well)
    assert core.practised == 1 and 0.5 / core.questions < core.mastery <= 1.0 / core.questions
    assert mlops.mastery == 0
    assert p.due_today == 1  # the learning card came due days ago
    assert p.retention_forecast[0] > p.retention_forecast[7] > p.retention_forecast[30] > 0
    assert p.streak_days >= 1  # practised yesterday (and maybe today, by the local clock)
    assert sum(p.activity_per_day) == 2


def test_streak_counts_back_from_today_or_yesterday():
    today = dt.date(2026, 11, 25)
    days = {today - dt.timedelta(days=i) for i in (1, 2, 3, 5)}
    assert streak(days, today) == 3
    assert streak(days | {today}, today) == 4
    assert streak({today - dt.timedelta(days=2)}, today) == 0


def test_plot_writes_a_png(store, bank, tmp_path):
    review(store, "my-drift", 4, user_id=store.local_user_id)
    path = tmp_path / "progress.png"
    plot_progress(compute_progress(store, bank, user_id=store.local_user_id), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
