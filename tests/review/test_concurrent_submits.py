"""The same thing sent twice at once (a double click, a retry through a load balancer, two servers):
never an error, never recorded twice. Each sender is a thread with its own connection pool, as two
server processes would be; all start together at a barrier."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from gauntlet.review.cards import review
from gauntlet.review.mock import get_session, heartbeat, start_session
from gauntlet.review.mock_flow import finish_with_report, submit_follow_up, submit_main_answer
from gauntlet.review.mock_plan import PlanItem
from gauntlet.store import open_store
from gauntlet.store.schema import attempts, cards, mock_answers, review_logs

SENDERS = 4


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    return f"sqlite:///{tmp_path / 'g.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_db")


@pytest.fixture
def stores(url):
    opened = [open_store(url) for _ in range(SENDERS)]
    yield opened
    for s in opened:
        s.close()


def at_once(stores, action) -> list:
    """Run ``action(store)`` in one thread per store, released together; the results (or errors)."""
    barrier = threading.Barrier(len(stores))
    results: list = [None] * len(stores)

    def run(i, s):
        barrier.wait()
        try:
            results[i] = action(s)
        except Exception as exc:  # noqa: BLE001 - an error is what these tests look for
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    return results


def count(store, table, *where) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar()


def test_first_ratings_of_a_new_card_at_once_are_all_kept_in_order(stores):
    at_once(stores, lambda s: review(s, "my-drift", 3, user_id=s.local_user_id))
    assert count(stores[0], cards) == 1
    assert count(stores[0], review_logs) == SENDERS  # distinct ratings (no shown_at): each one counts
    with stores[0].engine.connect() as conn:
        assert conn.execute(select(cards.c.reps)).scalar() == SENDERS
        assert conn.execute(select(func.count()).select_from(review_logs).where(review_logs.c.was_new)).scalar() == 1


def test_one_showing_rated_twice_at_once_is_one_review(stores):
    shown = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    results = at_once(stores, lambda s: review(s, "my-drift", 3, shown_at=shown, user_id=s.local_user_id))
    assert count(stores[0], review_logs) == 1
    assert len({r.log_id for r in results}) == 1
    # Shown again later, it is rated again.
    review(stores[0], "my-drift", 4, shown_at=dt.datetime.now(dt.UTC), user_id=stores[0].local_user_id)
    assert count(stores[0], review_logs) == 2


@pytest.fixture
def session(stores, bank):
    return start_session(stores[0], "all", 30, [PlanItem("my-drift", 600.0), PlanItem("my-overfitting", 600.0)],
                         user_id=stores[0].local_user_id)


def test_the_first_heartbeats_of_a_question_at_once_make_one_answer_row(stores, session):
    at_once(stores, lambda s: heartbeat(s, session, 0))
    assert count(stores[0], mock_answers) == 1


def test_an_answer_submitted_twice_at_once_is_one_attempt(stores, session, bank):
    question = bank.question("my-drift")
    current = (get_session(stores[0], session.id, user_id=stores[0].local_user_id).answer_at(0)
               or heartbeat(stores[0], session, 0))
    states = at_once(stores, lambda s: submit_main_answer(s, session, question, current, "Compare distributions.",
                                                          40.0, timed_out=False))
    assert count(stores[0], attempts) == 1
    assert len({(a.status, a.attempt_id) for a in states}) == 1  # every sender sees the one result
    if states[0].status == "follow_up":
        at_once(stores, lambda s: submit_follow_up(s, session, states[0], "Retrain.", 20.0))
        assert get_session(stores[0], session.id,
                           user_id=stores[0].local_user_id).answer_at(0).follow_up_answer == "Retrain."


def test_finishing_twice_at_once_gives_one_report(stores, session, bank):
    question = bank.question("my-drift")
    submit_main_answer(stores[0], session, question, heartbeat(stores[0], session, 0), "Compare them.", 40.0,
                       timed_out=True)
    reports = at_once(stores,
                      lambda s: finish_with_report(s, bank, get_session(s, session.id, user_id=s.local_user_id),
                                                   grade=False))
    stored = get_session(stores[0], session.id, user_id=stores[0].local_user_id)
    assert stored.status == "finished" and count(stores[0], mock_answers) == 2
    assert all(r == stored.report for r in reports)


@pytest.mark.slow
def test_the_same_sign_up_sent_at_once_makes_one_account(stores):
    from gauntlet.errors import InputError
    from gauntlet.store.schema import users
    from gauntlet.store.users import create_user

    def sign_up(s):
        try:
            return create_user(s, "twin", "correct horse battery").username
        except InputError as taken:
            return str(taken)

    outcomes = at_once(stores, sign_up)
    assert outcomes.count("twin") == 1
    assert all("is taken" in o for o in outcomes if o != "twin")
    assert count(stores[0], users, users.c.username == "twin") == 1
