"""FSRS cards: one per (user, question), scheduled by the real ``fsrs`` package, never by us.

``review`` applies a rating in ONE transaction: the log row and the card update commit together or
not at all, so a crash can lose at most the rating being typed, never leave a half-updated card.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, insert, select, update

from gauntlet.errors import InputError
from gauntlet.store import Store
from gauntlet.store.db import as_utc, insert_ignoring_duplicates, inserted_id, utcnow
from gauntlet.store.schema import cards, review_logs

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def make_scheduler(desired_retention: float = 0.9, parameters: Sequence[float] | None = None) -> Scheduler:
    """The FSRS scheduler we use everywhere (``parameters``: a user's own fitted ones; default: FSRS's).

    Fuzzing is off so that every interval in the review log is exactly what ``fsrs`` computes for the
    card's history (replayable, testable); with one user's few hundred cards, the load-spreading that
    fuzz buys matters little. The study plan spreads the load without touching intervals (review.today).
    """
    from fsrs import Scheduler

    if parameters is None:
        return Scheduler(desired_retention=desired_retention, enable_fuzzing=False)
    return Scheduler(parameters=parameters, desired_retention=desired_retention, enable_fuzzing=False)


def parse_rating(text: str) -> int:
    """'1'..'4' or again/hard/good/easy (any case, any unique prefix) -> 1..4."""
    cleaned = text.strip().lower()
    if cleaned in ("1", "2", "3", "4"):
        return int(cleaned)
    matches = [value for value, name in RATING_NAMES.items() if cleaned and name.startswith(cleaned)]
    if len(matches) == 1:
        return matches[0]
    raise InputError("rate with 1 (again), 2 (hard), 3 (good) or 4 (easy)")


@dataclass(frozen=True)
class CardRecord:
    """A stored card: our row id, the question it belongs to, and the ``fsrs.Card`` state."""

    id: int
    question_id: str
    fsrs_card: Card
    reps: int

    @property
    def due(self) -> dt.datetime:
        return self.fsrs_card.due


def _fsrs_card_from_row(row: Row[Any]) -> Card:
    from fsrs import Card, State

    return Card(card_id=row.fsrs_card_id, state=State(row.state), step=row.step, stability=row.stability,
                difficulty=row.difficulty, due=as_utc(row.due), last_review=as_utc(row.last_review))


def card_from_row(row: Row[Any]) -> CardRecord:
    return CardRecord(row.id, row.question_id, _fsrs_card_from_row(row), row.reps)


def _card_columns(card: Card) -> dict[str, Any]:
    return dict(fsrs_card_id=card.card_id, state=int(card.state), step=card.step, stability=card.stability,
                difficulty=card.difficulty, due=card.due, last_review=card.last_review)


def get_card(store: Store, question_id: str, user_id: int) -> CardRecord | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(cards).where(cards.c.user_id == user_id, cards.c.question_id == question_id)).first()
    return card_from_row(row) if row else None


@dataclass(frozen=True)
class ReviewResult:
    log_id: int
    card: CardRecord
    rating: int
    was_new: bool

    @property
    def interval(self) -> dt.timedelta:
        last = self.card.fsrs_card.last_review
        if last is None:  # pragma: no cover - a card has been reviewed by the time it has a result
            raise ValueError("the card has never been reviewed")
        return self.card.fsrs_card.due - last


def review(
    store: Store,
    question_id: str,
    rating: int,
    *,
    desired_retention: float = 0.9,
    reviewed_at: dt.datetime | None = None,
    duration_ms: int | None = None,
    suggested_rating: int | None = None,
    attempt_id: int | None = None,
    user_id: int,
    shown_at: dt.datetime | None = None,
    queue_reason: str | None = None,
) -> ReviewResult:
    """Rate a question (creating its card if new) and persist card + log atomically.

    ``shown_at``: when the card was put in front of the user. A card rated since then is not rated
    again: the earlier review is returned, so a rating sent twice counts once. ``queue_reason``: why the
    card was in the queue (``QueueItem.reason``), kept in the log. The user's own fitted FSRS parameters
    schedule it when they chose to use them (review.memory_model); the log names which.
    """
    from fsrs import Card, Rating

    if rating not in RATING_NAMES:
        raise InputError("rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy)")
    when = reviewed_at or utcnow()
    with store.transaction() as conn:
        from gauntlet.review.memory_model import model_in_use

        model = model_in_use(conn, user_id)
        scheduler = make_scheduler(desired_retention, model[1] if model else None)
        # The card is created (unreviewed, reps 0) if missing, then locked: two first ratings at once, on
        # one server or two, queue on that one row instead of both inserting it.
        insert_ignoring_duplicates(conn, cards, user_id=user_id, question_id=question_id, reps=0,
                                   **_card_columns(Card(due=when)))
        row = conn.execute(select(cards).where(cards.c.user_id == user_id, cards.c.question_id == question_id)
                           .with_for_update()).one()
        was_new = row.reps == 0
        if not was_new and shown_at is not None and as_utc(row.last_review) >= shown_at:
            # Rated already since it was shown: the same rating sent twice (a double click, a retry).
            last = conn.execute(select(review_logs).where(review_logs.c.card_id == row.id)
                                .order_by(review_logs.c.id.desc()).limit(1)).one()
            return ReviewResult(last.id, card_from_row(row), last.rating, last.was_new)
        before = Card(due=when) if was_new else _fsrs_card_from_row(row)
        after, _log = scheduler.review_card(before, Rating(rating), review_datetime=when,
                                            review_duration=duration_ms)
        card_id, reps = row.id, row.reps + 1
        conn.execute(update(cards).where(cards.c.id == card_id).values(reps=reps, **_card_columns(after)))
        log_id = inserted_id(conn.execute(insert(review_logs).values(
            user_id=user_id, card_id=card_id, question_id=question_id, rating=rating,
            suggested_rating=suggested_rating, reviewed_at=when, duration_ms=duration_ms, was_new=was_new,
            card_before=None if was_new else json.dumps(before.to_dict()),
            card_after=json.dumps(after.to_dict()), desired_retention=desired_retention, attempt_id=attempt_id,
            queue_reason=queue_reason[:200] if queue_reason else None, memory_model_id=model[0] if model else None,
        )))
    return ReviewResult(log_id, CardRecord(card_id, question_id, after, reps), rating, was_new)


def suggest_rating(score: float | None, false_claims: int = 0) -> int | None:
    """Map a 0-5 grader score to an FSRS rating the user can accept or override.

    An answer that states something false (a contradicted key point or a pitfall) is "again" whatever
    its score: recalling a wrong fact is a failed recall. Otherwise below 2 the answer missed most of
    what matters (again); 2-3 partial (hard); 3-4.3 solid (good); above 4.3 near-complete (easy).
    """
    if score is None:
        return None
    if false_claims or score < 2.0:
        return 1
    if score < 3.0:
        return 2
    if score < 4.3:
        return 3
    return 4


def humanise_interval(delta: dt.timedelta) -> str:
    seconds = max(delta.total_seconds(), 0)
    if seconds < 3600:
        return f"{max(round(seconds / 60), 1)} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    return f"{round(days)} day{'s' if round(days) != 1 else ''}" if days < 60 else f"{days / 30.4:.1f} months"
