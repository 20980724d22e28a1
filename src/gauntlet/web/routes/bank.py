"""Dashboard, the question bank (browse, filter, search) and a question's page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from gauntlet.bank.model import AUDIENCES, DIFFICULTIES
from gauntlet.bank.query import filter_questions, search_questions
from gauntlet.drills.attempts import solved_drill_ids
from gauntlet.review.mock import list_sessions
from gauntlet.review.progress import compute_progress
from gauntlet.store.attempts import list_attempts
from gauntlet.store.users import User
from gauntlet.web.rendering import page
from gauntlet.web.routes.code import drill_catalog
from gauntlet.web.security import current_user, verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/")
def dashboard(request: Request, user: User = Depends(current_user)):
    state = request.app.state
    progress = compute_progress(state.store, state.bank, user_id=user.id)
    reports = [s for s in list_sessions(state.store, user.id, limit=5)]
    attempts = list_attempts(state.store, user.id, limit=8)
    titles = {q.id: q.title for q in state.bank.questions}
    drills = drill_catalog(request)
    solved = len(solved_drill_ids(state.store, user.id) & drills.keys())  # a drill since removed does not count
    from gauntlet.web.routes.plan import plan_context

    context = plan_context(request, user)
    return page(request, "dashboard.html", plan_status=context["status"], today=context["today"],
                progress=progress, reports=reports, attempts=attempts, titles=titles,
                mastery=[(t.name, t.mastery) for t in progress.topics], drills_solved=solved, drills_total=len(drills))


@router.get("/bank")
def bank(request: Request, topic: str = "", difficulty: str = "", audience: str = "", tag: str = "", q: str = "",
         user: User = Depends(current_user)):
    state = request.app.state
    filters = dict(topic=topic or None, difficulty=difficulty or None, audience=audience or None, tag=tag or None)
    found = filter_questions(state.bank, **filters)
    if q.strip():
        allowed = {x.id for x in found}
        found = [x for x, _score in search_questions(state.bank, q, limit=500) if x.id in allowed]
    tags = sorted({t for x in state.bank.questions for t in x.tags})
    topic_names = {t.id: t.name for t in state.bank.topics}
    return page(request, "bank.html", questions=found, topics=state.bank.topics, topic_names=topic_names,
                difficulties=DIFFICULTIES, audiences=AUDIENCES, tags=tags,
                chosen=dict(topic=topic, difficulty=difficulty, audience=audience, tag=tag, q=q))


@router.get("/questions/{question_id}")
def question(request: Request, question_id: str, reveal: bool = False, user: User = Depends(current_user)):
    state = request.app.state
    q = state.bank.question(question_id)
    history = list_attempts(state.store, user.id, question_id=q.id, limit=5)
    return page(request, "question.html", q=q, topic=state.bank.topic(q.topic), reveal=reveal, history=history)
