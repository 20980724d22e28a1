"""Your own memory model (issue 16 item 5): FSRS parameters fitted by fsrs-rs-python (no PyTorch) on a
simulated learner who forgets faster than the default model; the fit lowers the log loss, and a review
scheduled with it names the model in the log."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from fsrs import Card, Rating
from sqlalchemy import insert, select

from gauntlet.errors import InputError
from gauntlet.review.cards import make_scheduler, review
from gauntlet.review.memory_model import fit_memory_model, latest_fit, optimiser_available, use_memory_model
from gauntlet.store import open_store
from gauntlet.store.schema import cards, review_logs


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    yield s
    s.close()


def fill_log(store, n_cards: int, days: int, seed: int = 1) -> None:
    """A learner whose recall is the FSRS retrievability squared (forgets faster than the default model),
    reviewing with the default scheduler; written straight into the tables (fast)."""
    scheduler = make_scheduler()
    rng = random.Random(seed)
    start = dt.datetime(2026, 6, 1, 18, tzinfo=dt.UTC)
    rows = []
    for i in range(n_cards):
        card = Card(card_id=i + 1, due=start)
        for day in range(days):
            now = start + dt.timedelta(days=day)
            if card.due > now + dt.timedelta(hours=12):
                continue
            p = 0.7 if card.last_review is None else scheduler.get_card_retrievability(card, now) ** 2
            rating = Rating.Good if rng.random() < p else Rating.Again
            was_new = card.last_review is None
            card, _ = scheduler.review_card(card, rating, now)
            rows.append((i, int(rating), now, was_new))
            while card.due < now + dt.timedelta(hours=1):
                card, _ = scheduler.review_card(card, Rating.Good, card.due)
                rows.append((i, 3, card.last_review, False))
    with store.transaction() as conn:
        ids = {}
        for i in range(n_cards):
            ids[i] = conn.execute(insert(cards).values(
                user_id=store.local_user_id, question_id=f"q{i}", fsrs_card_id=i + 1, state=2, step=None,
                stability=1.0, difficulty=5.0, due=start, last_review=start, reps=1)).inserted_primary_key[0]
        for i, rating, when, was_new in rows:
            conn.execute(insert(review_logs).values(
                user_id=store.local_user_id, card_id=ids[i], question_id=f"q{i}", rating=rating, reviewed_at=when,
                was_new=was_new, card_after="{}", desired_retention=0.9))


@pytest.mark.slow
@pytest.mark.skipif(not optimiser_available(), reason="fsrs-rs-python is not installed (pip install '.[memory]')")
def test_fitting_on_400_reviews_lowers_the_log_loss_and_is_used_when_chosen(store):
    fill_log(store, n_cards=80, days=50)
    fit = fit_memory_model(store, now=dt.datetime(2026, 8, 1, tzinfo=dt.UTC), user_id=store.local_user_id)
    assert fit.reviews >= 400 and fit.log_loss_fitted < fit.log_loss_default
    assert len(fit.parameters) == 21 and not fit.in_use
    use_memory_model(store, fit.id, store.local_user_id)
    assert latest_fit(store, store.local_user_id).in_use
    review(store, "fresh", 3, reviewed_at=dt.datetime(2026, 8, 2, tzinfo=dt.UTC), user_id=store.local_user_id)
    with store.engine.connect() as conn:
        used = conn.execute(select(review_logs.c.memory_model_id).where(review_logs.c.question_id == "fresh")).scalar()
    assert used == fit.id


def test_too_few_reviews_keeps_the_defaults_and_says_so(store):
    fill_log(store, n_cards=5, days=10)
    with pytest.raises(InputError, match="at least 400 reviews|not installed"):
        fit_memory_model(store, now=dt.datetime(2026, 8, 1, tzinfo=dt.UTC), user_id=store.local_user_id)
