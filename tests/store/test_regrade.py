"""`gauntlet regrade`: answers graded by an older grader get the current grade, the old one is kept.

The store tests run on SQLite and PostgreSQL with a stand-in grading function (what is under test is
what gets replaced and kept); the command test runs the real grader on the fixture bank.
"""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import func, select

from gauntlet.bank import load_bank
from gauntlet.grade import GRADER_VERSION
from gauntlet.practice import regrade_attempts
from gauntlet.store import open_store, schema
from gauntlet.store.attempts import attach_grade, earlier_grades, get_attempt, record_attempt
from gauntlet.store.db import utcnow
from gauntlet.store.users import create_user
from tests.support import FIXTURE_BANK, gauntlet_command


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path, new_sqlite_url):
    url = new_sqlite_url(tmp_path / "g.db") if request.param == "sqlite" else request.getfixturevalue("postgres_db")
    s = open_store(url)
    yield s
    s.close()

NOW = utcnow()


class FakeResult:
    """What `regrade_attempts` reads from a grade: a score, a dict and the grader version."""

    def __init__(self, score):
        self.score, self.version = score, GRADER_VERSION

    def to_dict(self):
        return {"score": self.score, "version": self.version}


def grade_by_length(question, answer):
    return FakeResult(min(5.0, len(answer) / 10))


def history_rows(store):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.grade_history)).scalar()


def test_old_grades_are_replaced_and_kept_current_ones_untouched(store):
    bank = load_bank([FIXTURE_BANK])
    user = store.local_user_id
    old = record_attempt(store, "my-overfitting", "It memorises the training noise.", "ask", NOW, user_id=user)
    attach_grade(store, old.id, 4.6, {"score": 4.6, "version": "grader-1"}, "grader-1", user_id=user)
    ungraded = record_attempt(store, "my-drift", "Compare feature distributions.", "ask", NOW, user_id=user)
    current = record_attempt(store, "my-drift", "KS test per feature.", "ask", NOW, user_id=user)
    attach_grade(store, current.id, 2.0, {"score": 2.0}, GRADER_VERSION, user_id=user)
    record_attempt(store, "my-drift", "", "ask", NOW, user_id=user)  # a skipped question: nothing to grade

    summary = regrade_attempts(store, bank, user, grade_with=grade_by_length)

    assert summary.regraded == 2 and summary.kept == 0
    assert {(c[0], c[2]) for c in summary.changes} == {(old.id, 4.6), (ungraded.id, None)}
    assert get_attempt(store, old.id, user_id=user).score == pytest.approx(3.2)
    assert get_attempt(store, old.id, user_id=user).grader_version == GRADER_VERSION
    assert get_attempt(store, current.id, user_id=user).score == 2.0
    history = earlier_grades(store, old.id, user)
    assert [(h["score"], h["grader_version"]) for h in history] == [(4.6, "grader-1")]
    assert history[0]["grade"] == {"score": 4.6, "version": "grader-1"}
    assert earlier_grades(store, ungraded.id, user) == []  # nothing was shown before: nothing to keep

    again = regrade_attempts(store, bank, user, grade_with=grade_by_length)
    assert again.regraded == 0 and history_rows(store) == 1


def test_regrade_touches_only_the_given_users_answers_and_keeps_orphans(store):
    bank = load_bank([FIXTURE_BANK])
    alice = create_user(store, "alice", "correct horse battery staple")
    mine = record_attempt(store, "my-overfitting", "Noise memorised.", "web", NOW, user_id=alice.id)
    gone = record_attempt(store, "question-since-deleted", "An answer.", "web", NOW, user_id=alice.id)
    theirs = record_attempt(store, "my-overfitting", "Someone else.", "ask", NOW, user_id=store.local_user_id)

    summary = regrade_attempts(store, bank, alice.id, grade_with=grade_by_length)

    assert summary.regraded == 1 and summary.kept == 1
    assert get_attempt(store, mine.id, user_id=alice.id).score is not None
    assert get_attempt(store, gone.id, user_id=alice.id).score is None
    assert get_attempt(store, theirs.id, user_id=store.local_user_id).score is None
    assert earlier_grades(store, mine.id, store.local_user_id) == []  # another user's history is not shown


def test_a_failing_grade_keeps_every_grade_done_before_it(store):
    bank = load_bank([FIXTURE_BANK])
    user = store.local_user_id
    first = record_attempt(store, "my-overfitting", "first answer", "ask", NOW, user_id=user)
    second = record_attempt(store, "my-drift", "second answer", "ask", NOW, user_id=user)

    def fail_on_second(question, answer):
        if answer == "second answer":
            raise KeyboardInterrupt
        return grade_by_length(question, answer)

    with pytest.raises(KeyboardInterrupt):
        regrade_attempts(store, bank, user, grade_with=fail_on_second)
    assert get_attempt(store, first.id, user_id=user).score is not None
    assert get_attempt(store, second.id, user_id=user).score is None
    resumed = regrade_attempts(store, bank, user, grade_with=grade_by_length)
    assert [c[0] for c in resumed.changes] == [second.id]


@pytest.mark.slow  # a CLI process loading the model
def test_regrade_command_grades_with_the_real_grader(cli_env, isolated_home):
    store = open_store(f"sqlite:///{isolated_home / 'gauntlet.db'}")
    try:
        attempt = record_attempt(store, "my-overfitting",
                                 "Overfitting is when the model memorises noise in the training data: training "
                                 "error is low while validation error is high.", "ask", NOW,
                                 user_id=store.local_user_id)
        attach_grade(store, attempt.id, 4.9, {"score": 4.9}, "grader-1", user_id=store.local_user_id)
    finally:
        store.close()

    def run():
        return subprocess.run(gauntlet_command() + ["--bank", str(FIXTURE_BANK), "regrade", "--show"], env=cli_env,
                              capture_output=True, text=True, timeout=300)

    first = run()
    assert first.returncode == 0, first.stderr
    assert f"Re-graded 1 answer(s) with {GRADER_VERSION}" in first.stdout
    assert f"#{attempt.id} my-overfitting: 4.9 →" in first.stdout
    second = run()
    assert second.returncode == 0 and "Nothing to re-grade" in second.stdout
    store = open_store(f"sqlite:///{isolated_home / 'gauntlet.db'}")
    try:
        regraded = get_attempt(store, attempt.id, user_id=store.local_user_id)
        assert regraded.grader_version == GRADER_VERSION and regraded.grade["key_points"]
        assert [h["score"] for h in earlier_grades(store, attempt.id, store.local_user_id)] == [4.9]
    finally:
        store.close()
