"""Answering a question in the browser, and the feedback page of an attempt."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from gauntlet.practice import submit_answer
from gauntlet.store.attempts import earlier_grades, get_attempt
from gauntlet.store.users import User
from gauntlet.web.feedback import feedback_view
from gauntlet.web.inputs import typed_answer
from gauntlet.web.rendering import page
from gauntlet.web.security import SESSION_COOKIE, current_user, verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


def started_at_from(value: str) -> dt.datetime:
    """The time the question was shown (sent back by the form); now if missing or nonsense."""
    now = dt.datetime.now(dt.UTC)
    try:
        started = dt.datetime.fromisoformat(value)
    except ValueError:
        return now
    if started.tzinfo is None:
        started = started.replace(tzinfo=dt.UTC)
    return started if now - dt.timedelta(days=1) <= started <= now else now


@router.post("/questions/{question_id}/answer")
async def answer(request: Request, question_id: str, answer: str = Form(""), started_at: str = Form(""),
                 user: User = Depends(current_user)):
    state = request.app.state
    q = state.bank.question(question_id)
    typed_answer(answer)

    def record_and_grade():
        with state.grading_shares.slot(user.id, len(answer), request.cookies.get(SESSION_COOKIE)):
            return submit_answer(state.store, q, answer, started_at_from(started_at), source="web",
                                 user_id=user.id, grade_with=state.grade_with)

    submission = await state.grading_tasks.run(record_and_grade)  # off the page threads (web.threads)
    return RedirectResponse(f"/attempts/{submission.attempt.id}", status_code=303)


@router.get("/attempts/{attempt_id}")
def attempt(request: Request, attempt_id: int, user: User = Depends(current_user)):
    state = request.app.state
    found = get_attempt(state.store, attempt_id, user_id=user.id)  # another user's id: 404
    q = state.bank.question(found.question_id)
    return page(request, "attempt.html", attempt=found, q=q, feedback=feedback_view(found.grade, found.answer),
                earlier=earlier_grades(state.store, found.id, user.id))
