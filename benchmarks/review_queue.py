"""Time to build the drill queue for a user with 10 000 cards and 200 000 reviews in SQLite.

Usage: python benchmarks/review_queue.py [--cards 10000] [--reviews 200000] [--runs 30]
Target (issue 4): median <= 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from gauntlet.bank.model import Bank, KeyPoint, Question, Topic
from gauntlet.review.queue import build_queue
from gauntlet.store import open_store
from gauntlet.store.schema import cards, review_logs


def synthetic_bank(count: int) -> Bank:
    topics = tuple(Topic(f"topic-{i}", f"Topic {i}", "", "beginner", "all", i) for i in range(8))
    questions = tuple(
        Question(id=f"q-{n:05d}", title=f"Question {n}", prompt="?", topic=f"topic-{n % 8}",
                 difficulty=("beginner", "intermediate", "advanced")[n % 3], audience="all", kind="concept",
                 source="original", model_answer="A.", key_points=(KeyPoint("p"),), pitfalls=(), follow_ups=(),
                 senior_angle="")
        for n in range(count))
    return Bank(topics, questions)


def populate(store, n_cards: int, n_reviews: int, now: dt.datetime, rng: random.Random) -> None:
    owner = store.local_user_id
    card_rows = []
    for n in range(n_cards):
        last = now - dt.timedelta(days=rng.uniform(1, 200))
        card_rows.append(dict(id=n + 1, user_id=owner, question_id=f"q-{n:05d}", fsrs_card_id=n + 1, state=2, step=None,
                              stability=rng.uniform(1, 100), difficulty=rng.uniform(1, 10),
                              due=now + dt.timedelta(days=rng.uniform(-30, 60)), last_review=last, reps=20))
    after = json.dumps({"card_id": 1, "state": 2, "step": None, "stability": 10.0, "difficulty": 5.0,
                        "due": now.isoformat(), "last_review": now.isoformat()})
    with store.transaction() as conn:
        conn.execute(insert(cards), card_rows)
        batch = []
        for _ in range(n_reviews):
            card = rng.randrange(n_cards)
            batch.append(dict(user_id=owner, card_id=card + 1, question_id=f"q-{card:05d}", rating=rng.randint(1, 4),
                              reviewed_at=now - dt.timedelta(days=rng.uniform(0, 400)), duration_ms=30000,
                              was_new=False, card_before=after, card_after=after, desired_retention=0.9))
            if len(batch) == 20000:
                conn.execute(insert(review_logs), batch)
                batch = []
        if batch:
            conn.execute(insert(review_logs), batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    now = dt.datetime.now(dt.UTC)
    folder = Path(tempfile.mkdtemp(prefix="gauntlet-queue-"))
    store = open_store(f"sqlite:///{folder / 'bench.db'}")
    start = time.perf_counter()
    populate(store, args.cards, args.reviews, now, random.Random(0))
    print(f"populated {args.cards} cards and {args.reviews} reviews in {time.perf_counter() - start:.1f} s")
    bank = synthetic_bank(args.cards)
    # Cards are due between 30 days ago and 60 days ahead; asking "as of 31 days ago" finds none due,
    # so the queue is all new questions: the path that scans every card id.
    for label, kwargs in (("default session (limit 20, 10 new)", dict(limit=20, new_limit=10)),
                          ("nothing due: new questions only",
                           dict(limit=20, new_limit=10, at=now - dt.timedelta(days=31))),
                          ("one topic, one difficulty",
                           dict(limit=20, new_limit=10, topic="topic-3", difficulty="advanced")),
                          ("limit 200", dict(limit=200, new_limit=50))):
        at = kwargs.pop("at", now)
        build_queue(store, bank, now=at, **kwargs)  # warm up: connection pool, statement cache
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            queue = build_queue(store, bank, now=at, **kwargs)
            times.append((time.perf_counter() - t) * 1000)
        p95 = sorted(times)[int(0.95 * len(times)) - 1]
        print(f"{label:<38} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms"
              f"   ({len(queue)} cards queued)")


if __name__ == "__main__":
    main()
