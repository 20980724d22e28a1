"""Coding-drill attempts in the store, on a SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, insert, text

from gauntlet.drills.attempts import (
    code_attempts_for,
    get_code_attempt,
    record_code_attempt,
    solved_drill_ids,
)
from gauntlet.drills.verdict import Submission, TestResult, Verdict
from gauntlet.errors import NotFoundError
from gauntlet.store import open_store, schema
from gauntlet.store.db import upgrade, utcnow


def judged(drill_id: str = "knn", verdict: Verdict = Verdict.ACCEPTED, *, started: dt.datetime | None = None,
           code: str = "def knn_predict(X_train, y_train, X_test, k):\n    return y_train[:len(X_test)]\n",
           output: str = "", message: str = "") -> Submission:
    """A submission as the judge reports it: two examples and two hidden tests with their timings;
    the first hidden test gets ``verdict``."""
    started = started or utcnow()
    results = [
        TestResult("example_majority_of_three", "example", True, Verdict.ACCEPTED, 0.0012),
        TestResult("example_vote_tie_smallest_label", "example", True, Verdict.ACCEPTED, 0.0008),
        TestResult("test_edge_k_equals_n", "edge", False, verdict, 0.0021, message),
        TestResult("test_random_against_reference", "random", False, Verdict.ACCEPTED, 0.0345),
    ]
    return Submission(drill_id=drill_id, suite="submit", verdict=verdict, results=results, isolation="bwrap",
                      started_at=started, finished_at=started + dt.timedelta(seconds=1.25), code=code,
                      filename="knn.py", load_seconds=0.031, output=output, notes=["a note"])


def add_user(store, username: str) -> int:
    with store.transaction() as conn:
        return conn.execute(insert(schema.users).values(username=username, is_local=False, created_at=utcnow())
                            ).inserted_primary_key[0]


def test_a_submission_round_trips_with_every_test_and_its_timing(store):
    submission = judged(verdict=Verdict.WRONG_ANSWER, message="expected [3], got [7]")
    stored = record_code_attempt(store, store.local_user_id, submission, submission.code)
    again = get_code_attempt(store, store.local_user_id, stored.id)
    assert again == stored
    assert (again.drill_id, again.verdict, again.passed, again.total) == ("knn", Verdict.WRONG_ANSWER, 3, 4)
    assert again.user_id == store.local_user_id and again.sandbox == "bwrap"
    assert [(r.name, r.outcome, r.seconds, r.message) for r in again.results] == [
        (r.name, r.outcome, r.seconds, r.message) for r in submission.results]
    assert again.duration_s == pytest.approx(1.25) and again.user_seconds == pytest.approx(submission.user_seconds)
    assert again.submitted_at == submission.started_at and again.submitted_at.tzinfo is not None
    # the shells render a stored attempt exactly like the fresh report
    assert again.submission().to_dict() == submission.to_dict()


def test_any_text_the_user_typed_or_printed_is_stored(store):
    code = "# L1 → sparsity ✓ 稀疏 🙂 \x00 lone:\ud800\ndef f():\n    return 1\n"
    noisy = judged(code=code, output="printed \x00 and \udcff", message="raised \ud83d",
                   verdict=Verdict.RUNTIME_ERROR)
    stored = get_code_attempt(store, store.local_user_id,
                              record_code_attempt(store, store.local_user_id, noisy, code).id)
    assert stored.code == code.replace("\x00", "\ufffd").replace("\ud800", "?")
    assert stored.output == "printed \ufffd and ?"
    assert stored.results[2].message == "raised ?"


def test_history_is_newest_first_filtered_by_drill_and_limited(store):
    start = utcnow() - dt.timedelta(hours=1)
    ids = [record_code_attempt(store, store.local_user_id,
                               judged(drill, started=start + dt.timedelta(minutes=i)), "x").id
           for i, drill in enumerate(["knn", "kmeans", "knn", "knn"])]
    assert [a.id for a in code_attempts_for(store, store.local_user_id)] == ids[::-1]
    assert [a.id for a in code_attempts_for(store, store.local_user_id, drill_id="knn")] == [ids[3], ids[2], ids[0]]
    assert [a.id for a in code_attempts_for(store, store.local_user_id, drill_id="knn", limit=1)] == [ids[3]]
    assert code_attempts_for(store, store.local_user_id, drill_id="pca") == []


def test_solved_means_at_least_one_accepted_submission(store):
    record_code_attempt(store, store.local_user_id, judged("knn", Verdict.WRONG_ANSWER), "x")
    record_code_attempt(store, store.local_user_id, judged("kmeans", Verdict.WRONG_ANSWER), "x")
    record_code_attempt(store, store.local_user_id, judged("kmeans", Verdict.ACCEPTED), "x")
    # a later failure keeps it solved
    record_code_attempt(store, store.local_user_id, judged("kmeans", Verdict.TIME_LIMIT), "x")
    assert solved_drill_ids(store, store.local_user_id) == {"kmeans"}


def test_a_user_never_sees_another_users_attempts(store):
    bob = add_user(store, "bob")
    mine = record_code_attempt(store, store.local_user_id, judged(), "my code")
    with pytest.raises(NotFoundError, match=f"no coding attempt #{mine.id}"):
        get_code_attempt(store, bob, mine.id)
    with pytest.raises(NotFoundError):
        get_code_attempt(store, store.local_user_id, mine.id + 1000)
    assert code_attempts_for(store, bob) == [] and solved_drill_ids(store, bob) == set()
    bobs = record_code_attempt(store, bob, judged(), "bob's code")
    assert [a.id for a in code_attempts_for(store, store.local_user_id)] == [mine.id]
    assert get_code_attempt(store, bob, bobs.id).code == "bob's code"


def test_deleting_a_user_deletes_their_attempts(store):
    bob = add_user(store, "bob")
    record_code_attempt(store, bob, judged(), "bob's code")
    record_code_attempt(store, store.local_user_id, judged(), "mine")
    with store.transaction() as conn:
        conn.execute(delete(schema.users).where(schema.users.c.id == bob))
        assert conn.execute(text("SELECT count(*) FROM code_attempts")).scalar() == 1


def test_runs_of_the_examples_only_are_not_stored(store):
    examples_run = judged()
    examples_run.suite = "examples"
    with pytest.raises(ValueError, match="only submissions"):
        record_code_attempt(store, store.local_user_id, examples_run, "x")
    assert code_attempts_for(store, store.local_user_id) == []


def test_a_database_at_the_previous_revision_gains_the_table_and_keeps_its_data(tmp_path):
    from sqlalchemy import create_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    upgrade(engine, "0004")
    with engine.begin() as conn:
        conn.execute(insert(schema.users).values(username="old-user", is_local=False, created_at=utcnow()))
    engine.dispose()
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            old_user = conn.execute(text("SELECT id FROM users WHERE username = 'old-user'")).scalar()
        stored = record_code_attempt(store, old_user, judged(), "x")
        assert get_code_attempt(store, old_user, stored.id).verdict is Verdict.ACCEPTED
    finally:
        store.close()


def test_a_damaged_row_is_shown_with_a_note_and_the_rest_of_the_history_still_reads(store):
    """A row written by something else (a weaker sandbox the user chose, a hand edit): the history
    survives it, and the damaged attempt says what could not be read."""
    good = record_code_attempt(store, store.local_user_id, judged(), "code")
    with store.transaction() as conn:
        for verdict, results_json in [("bogus", "{not json"), ("accepted", '{"tests": [{"bad": 1}]}')]:
            conn.execute(insert(schema.code_attempts).values(
                user_id=store.local_user_id, drill_id="knn", code="x", verdict=verdict, passed=1, total=1,
                results_json=results_json, sandbox="bwrap", user_seconds=0.1, duration_s=0.1, submitted_at=utcnow()))
    history = code_attempts_for(store, store.local_user_id)
    assert len(history) == 3 and history[-1].id == good.id and history[-1].results == good.results
    unknown = next(a for a in history if a.verdict is Verdict.NOT_RUN)
    assert "unknown verdict 'bogus'" in unknown.notes[-1] and "unreadable" in unknown.notes[-1]
    assert all(a.notes and "damaged" in a.notes[-1] for a in history[:2])
