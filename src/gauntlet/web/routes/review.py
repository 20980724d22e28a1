"""FSRS review in the browser: the queue's next card, optional typed answer, then a rating (keys 1-4)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from gauntlet.errors import InputError
from gauntlet.practice import submit_answer
from gauntlet.review.cards import RATING_NAMES, review, suggest_rating
from gauntlet.review.queue import build_queue, new_cards_introduced_today
from gauntlet.review.settings import load_settings
from gauntlet.store.attempts import get_attempt
from gauntlet.store.users import User
from gauntlet.web.feedback import feedback_view
from gauntlet.web.inputs import form_id, typed_answer
from gauntlet.web.rendering import page
from gauntlet.web.routes.practice import started_at_from
from gauntlet.web.security import SESSION_COOKIE, current_user, verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/review")
def review_page(request: Request, topic: str = "", user: User = Depends(current_user)):
    state = request.app.state
    settings = load_settings(state.store, user.id)
    now = dt.datetime.now(dt.UTC)
    new_today = new_cards_introduced_today(state.store, now, user.id)
    queue = build_queue(state.store, state.bank, now=now, topic=topic or None, new_limit=None,
                        limit=100, user_id=user.id, introduced_today=new_today)
    return page(request, "review.html", item=queue[0] if queue else None, remaining=len(queue),
                due=sum(not i.is_new for i in queue), topic=topic, topics=state.bank.topics,
                new_today=new_today, settings=settings, shown_at=now.isoformat())


@router.post("/review/answer")
async def review_answer(request: Request, question_id: str = Form(...), answer: str = Form(""),
                       shown_at: str = Form(""), topic: str = Form(""), user: User = Depends(current_user)):
    """Show the model answer (and feedback on a typed answer) with the rating buttons."""
    state = request.app.state
    q = state.bank.question(question_id)
    typed_answer(answer, required=False)

    def reveal():
        attempt, suggested = None, None
        if answer.strip():
            with state.grading_shares.slot(user.id, len(answer), request.cookies.get(SESSION_COOKIE)):
                submission = submit_answer(state.store, q, answer, started_at_from(shown_at), source="review",
                                           user_id=user.id, grade_with=state.grade_with)
            attempt = submission.attempt
            if submission.grade is not None:
                suggested = suggest_rating(submission.grade.score, submission.grade.false_claims)
                attempt = get_attempt(state.store, attempt.id, user.id)
        feedback = feedback_view(attempt.grade if attempt else None, answer)
        return page(request, "review_rate.html", q=q, attempt=attempt, feedback=feedback, suggested=suggested,
                    ratings=RATING_NAMES, shown_at=shown_at, topic=topic)

    if not answer.strip():
        return await anyio.to_thread.run_sync(reveal)  # nothing to grade: a page like any other
    return await state.grading_tasks.run(reveal)  # off the page threads (web.threads)


@router.post("/review/rate")
def review_rate(request: Request, question_id: str = Form(...), rating: int = Form(...), shown_at: str = Form(""),
               attempt_id: str = Form(""), suggested: str = Form(""), topic: str = Form(""),
               user: User = Depends(current_user)):
    state = request.app.state
    q = state.bank.question(question_id)
    if rating not in RATING_NAMES:
        raise InputError("rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy)")
    linked = None
    if attempt_id:
        linked = get_attempt(state.store, form_id(attempt_id), user.id).id  # must be this user's attempt
    shown = started_at_from(shown_at)
    duration = int((dt.datetime.now(dt.UTC) - shown).total_seconds() * 1000)
    review(state.store, q.id, rating, desired_retention=load_settings(state.store, user.id).desired_retention,
           duration_ms=duration, suggested_rating=int(suggested) if suggested in ("1", "2", "3", "4") else None,
           attempt_id=linked, user_id=user.id, shown_at=shown if shown_at else None,
           queue_reason=_queue_reason(request, q.id, topic, user))
    return RedirectResponse("/review" + (f"?topic={quote(topic)}" if topic else ""), status_code=303)


def _queue_reason(request: Request, question_id: str, topic: str, user: User) -> str | None:
    """Why the card was in the queue, as the queue says now (the server's word, not the page's): stored
    with the rating, as the terminal's review stores it. None for a card rated from outside the queue."""
    state = request.app.state
    queue = build_queue(state.store, state.bank, topic=topic or None, new_limit=None, limit=100, user_id=user.id)
    return next((item.reason or None for item in queue if item.question.id == question_id), None)


@router.get("/drill")
def old_review_address(request: Request):
    """The review page's old address (bookmarks, old notes): "drill" now means a coding drill only."""
    query = request.url.query
    return RedirectResponse("/review" + (f"?{query}" if query else ""), status_code=301)
