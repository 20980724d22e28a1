"""One account's share of the graders on a shared server (web.fair_share), with an injected clock."""

from __future__ import annotations

import pytest
from fastapi import HTTPException

from gauntlet.web.fair_share import GradingShares


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def grade(shares, user, chars):
    with shares.slot(user, chars):
        pass


def test_an_account_gets_a_window_of_characters_and_waits_for_the_oldest_to_leave_it():
    clock = Clock()
    shares = GradingShares(chars_per_window=10_000, window_s=600, clock=clock)
    grade(shares, 1, 6_000)
    clock.now += 100
    grade(shares, 1, 4_000)  # exactly the window's share
    clock.now += 50
    with pytest.raises(HTTPException) as refused:
        grade(shares, 1, 1)
    assert refused.value.status_code == 429 and "characters of answers" in refused.value.detail
    assert int(refused.value.headers["Retry-After"]) == 600 - 150 + 1  # when the first answer leaves
    grade(shares, 2, 10_000)  # another account is not affected
    clock.now += 451
    grade(shares, 1, 5_000)  # the first answer left the window


def test_an_answer_of_the_maximum_length_always_fits_an_empty_window():
    shares = GradingShares(clock=Clock())
    grade(shares, 1, shares.chars_per_window)


def test_a_local_server_has_no_cap():
    shares = GradingShares(enabled=False, chars_per_window=10, clock=Clock())
    for _ in range(5):
        grade(shares, 1, 1_000)


def test_old_entries_are_forgotten_for_every_account():
    clock = Clock()
    shares = GradingShares(window_s=60, clock=clock)
    for user in range(100):
        grade(shares, user, 10)
    clock.now += 61
    grade(shares, 0, 10)
    assert len(shares._sent) == 1 and shares.in_progress() == 0


@pytest.mark.slow
def test_a_refused_session_is_refused_before_its_next_answers_are_read(shared_app):
    """After a refusal, the app answers that session's next answers with a plain 429 at once, without
    reading their bodies; its pages, and other sessions, are served as usual."""
    from tests.web.conftest import Browser

    shared_app.state.grading_shares.chars_per_window = 40
    flooder, other = Browser(shared_app), Browser(shared_app)
    flooder.signup("flooder2")
    other.signup("bystander")
    assert flooder.post("/questions/my-drift/answer", {"answer": "Compare distributions with PSI."}).status_code == 200
    refused = flooder.post("/questions/my-drift/answer", {"answer": "And then retrain on fresh data."})
    assert refused.status_code == 429 and "characters of answers" in refused.text  # the app's page, once
    flood = flooder.post("/review/answer", {"question_id": "my-drift", "answer": "x" * 50_000})
    assert flood.status_code == 429 and flood.headers["content-type"].startswith("text/plain")
    assert "share of the graders is used" in flood.text and int(flood.headers["retry-after"]) > 500
    assert flooder.get("/bank").status_code == 200
    assert other.post("/questions/my-drift/answer", {"answer": "KS test per feature."}).status_code == 200


@pytest.mark.slow
def test_a_mock_answer_over_the_share_is_still_handed_in_with_a_drawn_follow_up(shared_app):
    """The interview's clock does not wait: an account whose grading share is taken (another answer of
    its own being graded) still hands its main answer in; its follow-up is drawn from the bank instead
    of aimed, and the answer is graded with the report."""
    import re

    from gauntlet.review.mock import get_session
    from gauntlet.store.users import session_user
    from gauntlet.web.security import SESSION_COOKIE
    from tests.web.conftest import Browser

    learner = Browser(shared_app)
    learner.signup("busy-learner")
    user_id = session_user(shared_app.state.store, learner.client.cookies.get(SESSION_COOKIE)).id
    session_url = learner.post("/mock", {"minutes": "10", "level": "all"}).url.path
    session_id = int(re.fullmatch(r"/mock/(\d+)", session_url).group(1))
    with shared_app.state.grading_shares.slot(user_id):  # its one grading slot is busy
        follow = learner.post(f"{session_url}/answer", {"position": "0", "answer": "an answer typed under the clock"})
    assert follow.status_code == 200 and "Follow-up:" in follow.text
    answer = get_session(shared_app.state.store, session_id, user_id).answer_at(0)
    assert answer.answer == "an answer typed under the clock" and answer.follow_up_aim == "ungraded"
