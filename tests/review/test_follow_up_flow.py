"""Adaptive follow-ups through the mock flow with the real grader: the main answer is graded when it is
handed in, the follow-up goes to its weakest point, the grade is kept for the report, and the report
says which gap each follow-up targeted (issue 16)."""

from __future__ import annotations

import pytest

from gauntlet.bank import load_bank
from gauntlet.grade import grade_question
from gauntlet.review.follow_up import Aim
from gauntlet.review.mock import AnswerStatus, get_session, start_session
from gauntlet.review.mock_flow import current_turn, finish_with_report, submit
from gauntlet.review.mock_plan import PlanItem
from gauntlet.review.mock_report import Shell
from gauntlet.review.report_export import to_html, to_markdown
from gauntlet.store import open_store
from gauntlet.store.attempts import get_attempt

# A full answer but for one swapped claim ("more data reduces bias"), said confidently.
SWAPPED = ("Expected test error splits into bias squared, variance and irreducible noise. High bias means the model's "
           "assumptions are too simple, so it underfits. High variance means the model is too sensitive to the "
           "training sample and overfits. More flexibility lowers bias but raises variance, so test error is U-shaped "
           "in complexity. More data reduces bias, while richer features or models reduce variance.")


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture
def store(tmp_path, new_sqlite_url):
    return open_store(new_sqlite_url(tmp_path / "g.db"))


def test_a_swapped_answer_is_followed_up_on_what_it_got_wrong(store, bank):
    calls = []

    def counting_grader(question, text):
        calls.append(text)
        return grade_question(question, text)

    session = start_session(store, "all", 20, [PlanItem("bias-variance-tradeoff", 600.0)],
                            user_id=store.local_user_id)
    turn = current_turn(store, bank, session.id, store.local_user_id)
    after = submit(store, turn, SWAPPED, grade_with=counting_grader)

    assert after.status == AnswerStatus.FOLLOW_UP and after.follow_up_aim == Aim.CONTRADICTED
    question = bank.question("bias-variance-tradeoff")
    assert after.follow_up_target == question.key_points[4].text  # "More data reduces variance, while ..."
    assert after.follow_up.startswith('You said: "More data reduces bias, while richer features or models reduce '
                                      'variance". Are you sure? ')
    graded = get_attempt(store, after.attempt_id, store.local_user_id)
    assert graded.grade is not None and graded.score is not None and graded.score <= 2.5  # kept with the attempt

    follow_up = current_turn(store, bank, session.id, store.local_user_id)
    assert follow_up.in_follow_up and follow_up.answer.follow_up == after.follow_up  # a resumed run asks the same
    submit(store, follow_up, "More data lowers variance, not bias.", grade_with=counting_grader)
    report = finish_with_report(store, bank, get_session(store, session.id, store.local_user_id),
                                grade_with=counting_grader)
    assert calls == [SWAPPED]  # graded once: the report used the grade the follow-up was chosen with

    result = report.questions[0]
    assert result.follow_up_reason == f"Targeted what you said the opposite of: {after.follow_up_target}"
    assert result.follow_up_reason in to_markdown(report, Shell.CLI)
    assert "Targeted what you said the opposite of" in to_html(report, Shell.WEB)
    stored = get_session(store, session.id, store.local_user_id).report.questions[0]
    assert (stored.follow_up_aim, stored.follow_up_target) == ("contradicted", after.follow_up_target)


def test_without_grading_the_follow_up_is_drawn_from_the_bank_and_said_so(store, bank):
    session = start_session(store, "all", 20, [PlanItem("bias-variance-tradeoff", 600.0)],
                            user_id=store.local_user_id)
    turn = current_turn(store, bank, session.id, store.local_user_id)
    after = submit(store, turn, SWAPPED, grade=False)
    question = bank.question("bias-variance-tradeoff")
    assert after.follow_up_aim == Aim.UNGRADED and after.follow_up in [f.text for f in question.follow_ups]
    assert get_attempt(store, after.attempt_id, store.local_user_id).grade is None
    submit(store, current_turn(store, bank, session.id, store.local_user_id), "")
    report = finish_with_report(store, bank, get_session(store, session.id, store.local_user_id), grade=False)
    assert report.questions[0].follow_up_reason.startswith("Drawn from the question's follow-ups")
