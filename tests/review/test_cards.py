"""Cards are scheduled by the real fsrs package: replaying the log reproduces every stored state."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from fsrs import Card, Rating, Scheduler
from sqlalchemy import select

from gauntlet.errors import InputError
from gauntlet.review.cards import get_card, parse_rating, review, suggest_rating
from gauntlet.review.queue import build_queue, new_cards_introduced_today
from gauntlet.store.schema import review_logs

T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def test_intervals_in_the_log_equal_what_fsrs_computes_for_the_same_history(store):
    rng = random.Random(7)
    when = T0
    for _ in range(40):
        question = rng.choice(["q-a", "q-b", "q-c"])
        card = get_card(store, question, user_id=store.local_user_id)
        when = max(when, card.due if card else when) + dt.timedelta(minutes=rng.randint(0, 3000))
        review(store, question, rng.choice([1, 2, 3, 3, 3, 4]), reviewed_at=when, desired_retention=0.85,
               duration_ms=rng.randint(1000, 90000), user_id=store.local_user_id)
    reference = Scheduler(desired_retention=0.85, enable_fuzzing=False)
    with store.engine.connect() as conn:
        logs = conn.execute(select(review_logs).order_by(review_logs.c.id)).all()
    replayed: dict[str, Card] = {}
    for log in logs:
        # A new card's id is a timestamp fsrs draws at creation; reuse it so the dicts compare whole.
        new_card_id = json.loads(log.card_after)["card_id"]
        before = replayed.get(log.question_id) or Card(card_id=new_card_id,
                                                       due=log.reviewed_at.replace(tzinfo=dt.UTC))
        if log.card_before is not None:
            assert Card.from_dict(json.loads(log.card_before)).to_dict() == before.to_dict()
        after, _ = reference.review_card(before, Rating(log.rating),
                                         review_datetime=log.reviewed_at.replace(tzinfo=dt.UTC))
        assert json.loads(log.card_after) == after.to_dict()
        replayed[log.question_id] = after
    for question, card in replayed.items():
        assert get_card(store, question, user_id=store.local_user_id).fsrs_card.to_dict() == card.to_dict()


def test_desired_retention_changes_the_interval(store):
    low = review(store, "q-low", 3, reviewed_at=T0, desired_retention=0.8, user_id=store.local_user_id)
    high = review(store, "q-high", 3, reviewed_at=T0, desired_retention=0.95, user_id=store.local_user_id)
    for q, retention, previous in (("q-low", 0.8, low), ("q-high", 0.95, high)):
        again = review(store, q, 3, reviewed_at=previous.card.due, desired_retention=retention,
                       user_id=store.local_user_id)
        last = review(store, q, 3, reviewed_at=again.card.due, desired_retention=retention, user_id=store.local_user_id)
        if q == "q-low":
            low_interval = last.interval
        else:
            high_interval = last.interval
    assert low_interval > high_interval


def test_queue_shows_due_cards_first_then_new_within_the_daily_limit(store, bank):
    review(store, "my-drift", 1, reviewed_at=T0, user_id=store.local_user_id)  # again: due a minute later
    queue = build_queue(store, bank, now=T0 + dt.timedelta(minutes=5), new_limit=5, user_id=store.local_user_id)
    assert (queue[0].question.id, queue[0].is_new) == ("my-drift", False)
    fresh = queue[1:]
    # five new cards a day, one of which (my-drift) was already introduced today; easiest first
    assert len(fresh) == 4 and all(i.is_new for i in fresh)
    assert [i.question.difficulty for i in fresh] == ["beginner"] * 4
    assert "my-drift" not in {i.question.id for i in fresh}
    # The new card already introduced today counts against the daily limit.
    assert new_cards_introduced_today(store, T0 + dt.timedelta(minutes=5), user_id=store.local_user_id) == 1
    assert [i.question.id for i in build_queue(store, bank, now=T0 + dt.timedelta(minutes=5), new_limit=1,
                                               user_id=store.local_user_id)] == [
        "my-drift"]
    assert build_queue(store, bank, now=T0 + dt.timedelta(minutes=5), topic="core-fundamentals",
                       new_limit=0, user_id=store.local_user_id) == []
    assert len(build_queue(store, bank, now=T0 + dt.timedelta(minutes=5), limit=1, user_id=store.local_user_id)) == 1


def test_ratings_and_suggestions():
    assert [parse_rating(x) for x in ("1", "hard", "G", "easy ")] == [1, 2, 3, 4]
    with pytest.raises(InputError):
        parse_rating("5")
    assert [suggest_rating(s) for s in (None, 0.5, 2.5, 3.5, 4.8)] == [None, 1, 2, 3, 4]


@pytest.mark.slow  # 250 reviews, each committed
def test_due_cards_pages_through_the_index_and_filters_by_question(store):
    from gauntlet.review.queue import due_cards

    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(250):  # more than two pages of 100; rated Again, each is due minutes after its review
        review(store, f"q{i:03d}", 1, reviewed_at=start + dt.timedelta(minutes=i), user_id=store.local_user_id)
    now = start + dt.timedelta(days=30)
    everything = due_cards(store, now, user_id=store.local_user_id)
    assert len(everything) == 250
    dues = [c.fsrs_card.due for c in everything]
    assert dues == sorted(dues)  # most overdue first
    wanted = {f"q{i:03d}" for i in range(0, 250, 3)}
    filtered = due_cards(store, now, question_ids=wanted, user_id=store.local_user_id)
    assert [c.question_id for c in filtered] == [c.question_id for c in everything if c.question_id in wanted]
    assert [c.question_id for c in due_cards(store, now, limit=40, question_ids=wanted,
                                             user_id=store.local_user_id)] == \
        [c.question_id for c in filtered][:40]
    assert due_cards(store, start - dt.timedelta(days=1), user_id=store.local_user_id) == []
