"""Mock interviews in the browser: visible countdown, drafts on a heartbeat, auto-advance, report."""

from __future__ import annotations

import random

import anyio.to_thread

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gauntlet.review.mock import (get_session, heartbeat, latest_running_session, list_sessions, save_progress,
                                  start_session)
from gauntlet.review.mock_flow import finish_with_report, submit_follow_up, submit_main_answer
from gauntlet.review.mock_plan import LEVELS, build_plan
from gauntlet.review.report_export import score_by_topic_png, to_html
from gauntlet.store.attempts import attempt_counts
from gauntlet.store.users import User
from gauntlet.web.inputs import MAX_ANSWER_CHARS
from gauntlet.web.rendering import page
from gauntlet.web.security import current_user, verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/mock")
def mock_home(request: Request, user: User = Depends(current_user)):
    state = request.app.state
    paused = latest_running_session(state.store, user.id)
    return page(request, "mock_start.html", levels=LEVELS, topics=state.bank.topics,
                sessions=list_sessions(state.store, user.id, limit=20),
                paused=paused if paused is not None and paused.remaining_s > 0 else None)


@router.post("/mock")
def mock_start(request: Request, minutes: int = Form(30), level: str = Form("all"), topics: list[str] = Form([]),
               user: User = Depends(current_user)):
    state = request.app.state
    plan = build_plan(state.bank, minutes, level, topics or None, random.Random(),
                      attempt_counts(state.store, user.id))
    session = start_session(state.store, level, minutes, plan, user_id=user.id)
    return RedirectResponse(f"/mock/{session.id}", status_code=303)


def _current(request: Request, session_id: int, user: User):
    """The session (404 if not this user's), the position being answered, and its clock state."""
    state = request.app.state
    session = get_session(state.store, session_id, user.id)
    position = session.next_position() if session.status == "running" else None
    if position is None or session.remaining_s <= 0:
        return session, None, None
    answer = heartbeat(state.store, session, position)
    return get_session(state.store, session_id, user.id), position, answer


def _time_left(session, position, answer) -> tuple[float, float]:
    question_left = session.plan[position].budget_s - answer.time_used_s - answer.follow_up_time_s
    return question_left, session.remaining_s


@router.get("/mock/{session_id}")
async def mock_question(request: Request, session_id: int, user: User = Depends(current_user)):
    session, position, answer = await anyio.to_thread.run_sync(_current, request, session_id, user)
    if position is None:  # every question done: grade and report, off the page threads (web.threads)
        if session.status == "running":
            await request.app.state.grading_tasks.run(lambda: _finish(request, session, user))
        return RedirectResponse(f"/mock/{session_id}/report", status_code=303)
    return await anyio.to_thread.run_sync(_question_page, request, session, position, answer)


def _finish(request: Request, session, user: User) -> None:
    state = request.app.state
    # An interview's answers were typed under its clock: they count once, when it is graded.
    typed = sum(len(a.answer or "") + len(a.follow_up_answer or "") for a in session.answers)
    with state.grading_shares.slot(user.id, min(typed, MAX_ANSWER_CHARS)):
        finish_with_report(state.store, state.bank, session, grade_with=state.grade_with)


def _question_page(request: Request, session, position: int, answer):
    """The question being answered (as ``_current`` found it, clock advanced), or on to the next one when
    its time ran out."""
    state = request.app.state
    session_id = session.id
    question = state.bank.question(answer.question_id)
    question_left, overall_left = _time_left(session, position, answer)
    if question_left <= 0:  # time ran out while the page was away: keep the draft and move on
        _submit(state, session, question, answer, answer.answer if answer.status == "in_progress" else
                answer.follow_up_answer or "", timed_out=True)
        return RedirectResponse(f"/mock/{session_id}", status_code=303)
    return page(request, "mock_question.html", session=session, position=position, answer=answer, question=question,
                question_left=question_left, overall_left=overall_left,
                in_follow_up=answer.status == "follow_up")


def _submit(state, session, question, answer, text: str, timed_out: bool) -> None:
    if answer.status == "in_progress":
        submit_main_answer(state.store, session, question, answer, text, answer.time_used_s, timed_out)
    elif answer.status == "follow_up":
        submit_follow_up(state.store, session, answer, text, answer.follow_up_time_s)


@router.post("/mock/{session_id}/draft")
def mock_draft(request: Request, session_id: int, position: int = Form(...), answer: str = Form(""),
               user: User = Depends(current_user)):
    """Heartbeat from the page: advance the clock and keep what is typed. Returns the time left."""
    state = request.app.state
    session, current_position, current = _current(request, session_id, user)
    if current is None or current_position != position:
        return HTMLResponse('<span class="muted">moved on</span>', headers={"HX-Refresh": "true"})
    text = answer[:MAX_ANSWER_CHARS]  # the page's textarea stops there already; a timed-out answer is never refused
    field = "answer" if current.status == "in_progress" else "follow_up_answer"
    save_progress(state.store, session, type(current)(**{**current.to_dict(), field: text}))
    question_left, overall_left = _time_left(session, position, current)
    return HTMLResponse(f'<span class="muted">draft saved · {int(max(question_left, 0) // 60):02d}:'
                        f'{int(max(question_left, 0) % 60):02d} left</span>')


@router.post("/mock/{session_id}/answer")
def mock_answer(request: Request, session_id: int, position: int = Form(...), answer: str = Form(""),
                timed_out: bool = Form(False), user: User = Depends(current_user)):
    state = request.app.state
    session, current_position, current = _current(request, session_id, user)
    if current is not None and current_position == position:
        question = state.bank.question(current.question_id)
        question_left, _ = _time_left(session, position, current)
        _submit(state, session, question, current, answer[:MAX_ANSWER_CHARS], timed_out or question_left <= 0)
    return RedirectResponse(f"/mock/{session_id}", status_code=303)


@router.post("/mock/{session_id}/finish")
async def mock_finish(request: Request, session_id: int, user: User = Depends(current_user)):
    """End the interview early: unanswered questions count as skipped."""
    session = await anyio.to_thread.run_sync(get_session, request.app.state.store, session_id, user.id)
    if session.status == "running":
        await request.app.state.grading_tasks.run(lambda: _finish(request, session, user))
    return RedirectResponse(f"/mock/{session_id}/report", status_code=303)


def _finished_report(request: Request, session_id: int, user: User) -> dict:
    session = get_session(request.app.state.store, session_id, user.id)
    if session.report is None:
        from gauntlet.errors import NotFoundError

        raise NotFoundError(f"mock interview #{session_id} has no report yet; finish it first")
    return session.report


@router.get("/mock/{session_id}/report")
def mock_report(request: Request, session_id: int, user: User = Depends(current_user)):
    return page(request, "mock_report.html", report=_finished_report(request, session_id, user))


@router.get("/mock/{session_id}/plot.png")
def mock_plot(request: Request, session_id: int, user: User = Depends(current_user)):
    return Response(score_by_topic_png(_finished_report(request, session_id, user)), media_type="image/png")


@router.get("/mock/{session_id}/report.html")
def mock_report_download(request: Request, session_id: int, user: User = Depends(current_user)):
    return HTMLResponse(to_html(_finished_report(request, session_id, user)),
                        headers={"Content-Disposition": f'attachment; filename="mock-{session_id}.html"'})
