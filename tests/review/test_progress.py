"""Progress figures from a real store: mastery, due counts, streak, forecast, plot.

Time is frozen: each test passes its own "now" and sets the machine's local time zone, which decides
where one day of practice ends and the next begins.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from gauntlet.review.cards import review
from gauntlet.review.progress import compute_progress, plot_progress, streak
from gauntlet.store.attempts import attach_grade, record_attempt

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def local_zone(monkeypatch):
    """``local_zone("EST+5")`` makes that POSIX time zone the local one for this test."""
    def use(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def test_mastery_due_streak_and_forecast(store, bank, local_zone):
    local_zone("UTC0")
    now = NOW
    empty = compute_progress(store, bank, now=now, user_id=store.local_user_id)
    assert all(t.mastery == 0 for t in empty.topics) and empty.cards == 0 and empty.retention_forecast[7] is None
    review(store, "my-overfitting", 3, reviewed_at=now - dt.timedelta(days=3), user_id=store.local_user_id)
    yesterday = now - dt.timedelta(days=1)
    attempt = record_attempt(store, "my-overfitting", "answer", "ask", yesterday - dt.timedelta(minutes=3),
                             user_id=store.local_user_id, submitted_at=yesterday)
    attach_grade(store, attempt.id, 4.0, {}, "v", user_id=store.local_user_id)
    p = compute_progress(store, bank, now=now, user_id=store.local_user_id)
    core = next(t for t in p.topics if t.topic == "core-fundamentals")
    mlops = next(t for t in p.topics if t.topic == "mlops-production")
    # a topic's mastery is the mean over its questions, and only one of them was practised (and well)
    assert core.practised == 1 and 0.5 / core.questions < core.mastery <= 1.0 / core.questions
    assert mlops.mastery == 0
    assert p.due_today == 1  # the learning card came due days ago
    assert p.retention_forecast[0] > p.retention_forecast[7] > p.retention_forecast[30] > 0
    assert p.streak_days == 1  # practised yesterday, not the day before
    assert p.activity_per_day[-4:] == (1, 0, 1, 0) and sum(p.activity_per_day) == 2  # 3 days ago ... today
    later = compute_progress(store, bank, now=now + dt.timedelta(days=1), user_id=store.local_user_id)
    assert later.streak_days == 0  # a whole day without practice ends the streak


def test_a_day_of_practice_ends_at_local_midnight_not_utc(store, bank, local_zone):
    local_zone("EST+5")  # five hours behind UTC
    now = dt.datetime(2026, 11, 25, 3, 30, tzinfo=dt.UTC)  # 22:30 on the 24th, locally
    review(store, "my-drift", 3, reviewed_at=dt.datetime(2026, 11, 23, 20, 0, tzinfo=dt.UTC),  # the 23rd, 15:00
           user_id=store.local_user_id)
    submitted = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)  # the 24th, 21:00 locally; already the 25th in UTC
    record_attempt(store, "my-overfitting", "answer", "ask", submitted - dt.timedelta(minutes=3),
                   user_id=store.local_user_id, submitted_at=submitted)
    p = compute_progress(store, bank, now=now, user_id=store.local_user_id)
    assert p.streak_days == 2  # the 23rd and the 24th, local days (by UTC days, the 23rd and 25th: 1)
    assert p.activity_per_day[-2:] == (1, 1)


def test_streak_counts_back_from_today_or_yesterday():
    today = dt.date(2026, 11, 25)
    days = {today - dt.timedelta(days=i) for i in (1, 2, 3, 5)}
    assert streak(days, today) == 3
    assert streak(days | {today}, today) == 4
    assert streak({today - dt.timedelta(days=2)}, today) == 0


@pytest.mark.slow
def test_plot_writes_a_png(store, bank, tmp_path):
    review(store, "my-drift", 4, user_id=store.local_user_id)
    path = tmp_path / "progress.png"
    plot_progress(compute_progress(store, bank, user_id=store.local_user_id), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
