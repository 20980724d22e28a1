"""Mock interviews in the browser: visible countdown, drafts on a heartbeat, auto-advance, report."""

from __future__ import annotations

import random

import anyio.to_thread
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gauntlet.review.follow_up import Aim
from gauntlet.review.mock import SessionStatus, get_session, latest_running_session, list_sessions, start_session
from gauntlet.review.mock_flow import current_turn, finish_with_report, save_draft, submit
from gauntlet.review.mock_plan import LEVELS, build_plan
from gauntlet.review.mock_report import MockReport, Shell
from gauntlet.review.report_export import score_by_topic_png, to_html
from gauntlet.store.attempts import attempt_counts
from gauntlet.store.users import User
from gauntlet.web.inputs import MAX_ANSWER_CHARS
from gauntlet.web.rendering import page
from gauntlet.web.security import SESSION_COOKIE, current_user, verify_csrf

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


def _turn(request: Request, session_id: int, user: User):
    """The turn being answered, its clock advanced to now (the browser's clock is the server's); None when
    the interview is over. 404 for another user's interview."""
    state = request.app.state
    return current_turn(state.store, state.bank, session_id, user.id, advance_clock=True)


@router.get("/mock/{session_id}")
async def mock_question(request: Request, session_id: int, user: User = Depends(current_user)):
    turn = await anyio.to_thread.run_sync(_turn, request, session_id, user)
    if turn is None:  # every question done or no time left: grade and report, off the page threads (web.threads)
        session = await anyio.to_thread.run_sync(get_session, request.app.state.store, session_id, user.id)
        if session.status == SessionStatus.RUNNING:
            await request.app.state.grading_tasks.run(lambda: _finish(request, session, user))
        return RedirectResponse(f"/mock/{session_id}/report", status_code=303)
    return await anyio.to_thread.run_sync(_question_page, request, turn)


def _finish(request: Request, session, user: User) -> None:
    state = request.app.state
    # An interview's answers were typed under its clock: they count once, when they are graded (a main
    # answer whose follow-up was aimed was graded, and counted, when it was handed in).
    graded_then = {a.position for a in session.answers if a.follow_up_aim not in (None, Aim.UNGRADED)}
    typed = sum(len(a.follow_up_answer or "") + (0 if a.position in graded_then else len(a.answer or ""))
                for a in session.answers)
    with state.grading_shares.slot(user.id, min(typed, MAX_ANSWER_CHARS)):
        finish_with_report(state.store, state.bank, session, grade_with=state.grade_with)


def _question_page(request: Request, turn):
    """The turn's page, or on to the next one when its time ran out while the page was away (the draft
    is kept as the answer)."""
    if turn.question_left_s <= 0:
        submit(request.app.state.store, turn, turn.draft, timed_out=True)
        return RedirectResponse(f"/mock/{turn.session.id}", status_code=303)
    return page(request, "mock_question.html", session=turn.session, position=turn.position, answer=turn.answer,
                question=turn.question, question_left=turn.question_left_s, overall_left=turn.overall_left_s,
                in_follow_up=turn.in_follow_up)


@router.post("/mock/{session_id}/draft")
def mock_draft(request: Request, session_id: int, position: int = Form(...), answer: str = Form(""),
               user: User = Depends(current_user)):
    """Heartbeat from the page: advance the clock and keep what is typed. Returns the time left."""
    turn = _turn(request, session_id, user)
    if turn is None or turn.position != position:
        return HTMLResponse('<span class="muted">moved on</span>', headers={"HX-Refresh": "true"})
    # The page's textarea stops at the limit already; a timed-out answer is never refused, only cut.
    save_draft(request.app.state.store, turn, answer[:MAX_ANSWER_CHARS])
    left = max(turn.question_left_s, 0)
    return HTMLResponse(f'<span class="muted">draft saved · {int(left // 60):02d}:{int(left % 60):02d} left</span>')


@router.post("/mock/{session_id}/answer")
async def mock_answer(request: Request, session_id: int, position: int = Form(...), answer: str = Form(""),
                      timed_out: bool = Form(False), user: User = Depends(current_user)):
    state = request.app.state
    text = answer[:MAX_ANSWER_CHARS]

    def hand_in() -> None:
        turn = _turn(request, session_id, user)
        if turn is None or turn.position != position:  # sent twice, or the page is stale
            return
        if not turn.grades_when_handed_in(text, timed_out):  # graded with the report, and charged then
            submit(state.store, turn, text, timed_out)
            return
        # A main answer with a follow-up to come is graded now, to aim it: under the user's share, like any
        # grading. An account over its share still hands its answer in (the interview's clock does not
        # wait): its follow-up is drawn instead, and the answer is graded with the report.
        try:
            with state.grading_shares.slot(user.id, len(text), request.cookies.get(SESSION_COOKIE)):
                submit(state.store, turn, text, timed_out, grade_with=state.grade_with)
        except HTTPException as refused:
            if refused.status_code != 429:
                raise
            submit(state.store, turn, text, timed_out, grade=False)

    await state.grading_tasks.run(hand_in)  # off the page threads (web.threads)
    return RedirectResponse(f"/mock/{session_id}", status_code=303)


@router.post("/mock/{session_id}/finish")
async def mock_finish(request: Request, session_id: int, user: User = Depends(current_user)):
    """End the interview early: unanswered questions count as skipped."""
    session = await anyio.to_thread.run_sync(get_session, request.app.state.store, session_id, user.id)
    if session.status == SessionStatus.RUNNING:
        await request.app.state.grading_tasks.run(lambda: _finish(request, session, user))
    return RedirectResponse(f"/mock/{session_id}/report", status_code=303)


def _finished_report(request: Request, session_id: int, user: User) -> MockReport:
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
    # Opened from the disk, outside the app: its practice links name the server in full.
    report = _finished_report(request, session_id, user)
    return HTMLResponse(to_html(report, Shell.WEB, base_url=str(request.base_url)),
                        headers={"Content-Disposition": f'attachment; filename="mock-{session_id}.html"'})
