"""The mock-interview flow both shells drive: which turn is next, drafts, submits, follow-ups, clocks.

The terminal and the browser only render what ``current_turn`` returns and hand text back through
``save_draft``/``submit``; these tests pin that flow once, in the core.
"""

from __future__ import annotations

import random

import pytest

from gauntlet.bank import load_bank
from gauntlet.errors import NotFoundError
from gauntlet.review.mock import AnswerStatus, get_session, start_session
from gauntlet.review.mock_flow import FOLLOW_UP_MIN_S, current_turn, save_draft, submit
from gauntlet.review.mock_plan import PlanItem
from gauntlet.store import open_store


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture
def store(tmp_path, new_sqlite_url):
    return open_store(new_sqlite_url(tmp_path / "g.db"))


def _plan(bank, budgets_s: list[float]) -> list[PlanItem]:
    """Questions that have follow-ups, one per budget."""
    with_follow_ups = sorted(q.id for q in bank.questions if q.follow_ups)
    chosen = random.Random(5).sample(with_follow_ups, len(budgets_s))
    return [PlanItem(question_id, budget) for question_id, budget in zip(chosen, budgets_s, strict=True)]


def _start(store, bank, budgets_s: list[float], minutes: int = 20):
    return start_session(store, "all", minutes, _plan(bank, budgets_s), user_id=store.local_user_id)


def test_a_turn_goes_answer_then_follow_up_then_next_question(store, bank):
    session = _start(store, bank, [600.0, 600.0])
    turn = current_turn(store, bank, session.id, store.local_user_id)
    assert (turn.position, turn.in_follow_up, turn.draft) == (0, False, "")
    assert turn.question.id == session.plan[0].question_id
    assert turn.question_left_s == 600.0 and turn.overall_left_s == 20 * 60

    turn = save_draft(store, turn, "a first draft", time_used_s=30.0)
    resumed = current_turn(store, bank, session.id, store.local_user_id)  # a new process picks it up
    assert (resumed.draft, resumed.answer.time_used_s, resumed.question_left_s) == ("a first draft", 30.0, 570.0)

    after = submit(store, resumed, "my whole answer")
    assert after.status == AnswerStatus.FOLLOW_UP and after.follow_up
    # "my whole answer" says nothing: the follow-up goes to a point it missed (test_follow_up_flow has more)
    assert after.follow_up_aim == "missed"
    assert after.follow_up_target in [k.text for k in turn.question.key_points]
    follow_up = current_turn(store, bank, session.id, store.local_user_id)
    assert (follow_up.position, follow_up.in_follow_up, follow_up.draft) == (0, True, "")
    assert (follow_up.text_field, follow_up.time_used_field) == ("follow_up_answer", "follow_up_time_s")

    follow_up = save_draft(store, follow_up, "why it breaks", time_used_s=20.0)
    assert follow_up.question_left_s == 600.0 - 30.0 - 20.0  # one clock per question, answer and follow-up
    done = submit(store, follow_up, "why it breaks, and what it costs")
    assert done.status == AnswerStatus.ANSWERED and done.follow_up_answer == "why it breaks, and what it costs"
    assert done.answer == "my whole answer" and done.attempt_id is not None

    second = current_turn(store, bank, session.id, store.local_user_id)
    assert (second.position, second.in_follow_up) == (1, False)
    assert second.overall_left_s == 20 * 60 - 50.0
    submit(store, save_draft(store, second, "", time_used_s=10.0), "", timed_out=True)
    assert current_turn(store, bank, session.id, store.local_user_id) is None  # every question done


def test_a_turn_whose_clock_ran_out_is_timed_out_whatever_the_shell_says(store, bank):
    session = _start(store, bank, [120.0, 600.0])
    turn = save_draft(store, current_turn(store, bank, session.id, store.local_user_id), "half", time_used_s=125.0)
    assert turn.question_left_s < 0
    answer = submit(store, turn, "half an answer", timed_out=False)
    assert answer.status == AnswerStatus.TIMED_OUT and answer.follow_up is None
    assert current_turn(store, bank, session.id, store.local_user_id).position == 1


def test_no_follow_up_when_too_little_time_is_left_for_it(store, bank):
    session = _start(store, bank, [600.0, 600.0])
    turn = save_draft(store, current_turn(store, bank, session.id, store.local_user_id), "x",
                      time_used_s=600.0 - FOLLOW_UP_MIN_S + 1)
    assert submit(store, turn, "an answer").status == AnswerStatus.ANSWERED


def test_the_overall_clock_counts_every_question_even_from_a_stale_turn(store, bank):
    # Only 5 minutes in all: after 4:30 on the first question its own budget has room for a follow-up,
    # the interview has not.
    session = _start(store, bank, [600.0, 600.0], minutes=5)
    stale = current_turn(store, bank, session.id, store.local_user_id)
    fresh = save_draft(store, stale, "typing", time_used_s=200.0)
    assert stale.session.time_used_s == 0.0  # the turn read before the clock ran
    answer = submit(store, save_draft(store, fresh, "typing on", time_used_s=270.0), "done")
    assert answer.status == AnswerStatus.ANSWERED  # 30 s left overall: below FOLLOW_UP_MIN_S


def test_a_submit_sent_twice_is_recorded_once(store, bank):
    session = _start(store, bank, [600.0, 600.0])
    turn = current_turn(store, bank, session.id, store.local_user_id)
    first = submit(store, turn, "the answer")
    again = submit(store, turn, "sent again by a retry")
    assert again == first
    stored = get_session(store, session.id, store.local_user_id).answer_at(0)
    assert stored.answer == "the answer"


def test_another_users_interview_is_not_found(store, bank):
    from gauntlet.store.users import create_user

    session = _start(store, bank, [600.0])
    other = create_user(store, "mallory", "a long enough password")
    with pytest.raises(NotFoundError):
        current_turn(store, bank, session.id, other.id)


def test_a_turn_says_whether_handing_it_in_grades_it_now(store, bank):
    """Only a main answer with time left for a follow-up is graded when handed in (the web charges the
    account's grading share for exactly those; the rest are graded, and charged, with the report)."""
    session = _start(store, bank, [600.0, 600.0])
    turn = current_turn(store, bank, session.id, store.local_user_id)
    assert turn.grades_when_handed_in("an answer") and not turn.grades_when_handed_in("   ")
    assert not turn.grades_when_handed_in("an answer", timed_out=True)
    late = save_draft(store, turn, "an answer", time_used_s=600.0 - FOLLOW_UP_MIN_S + 1)
    assert not late.grades_when_handed_in("an answer")  # too little of the question's time left
    submit(store, turn, "an answer", grade=False)
    follow_up = current_turn(store, bank, session.id, store.local_user_id)
    assert follow_up.in_follow_up and not follow_up.grades_when_handed_in("why it breaks")
