"""The Plan page: a study plan to the interview date, today's queue and why, backlog recovery, own memory model."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from gauntlet.errors import InputError
from gauntlet.review.backlog import start_recovery
from gauntlet.review.memory_model import (
    MIN_REVIEWS,
    fit_memory_model,
    latest_fit,
    optimiser_available,
    use_memory_model,
)
from gauntlet.review.mock_plan import LEVELS
from gauntlet.review.plan import PlanOptions, describe_options, make_plan, plan_status, save_plan
from gauntlet.review.plan_policy import WEEKDAY_NAMES
from gauntlet.review.queue import new_cards_introduced_today
from gauntlet.review.settings import load_settings
from gauntlet.review.today import build_today
from gauntlet.store.users import User
from gauntlet.web.rendering import page
from gauntlet.web.security import current_user, verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


def plan_context(request: Request, user: User) -> dict[str, Any]:
    """What the Plan page and the dashboard show: the (re-planned) plan and today's queue with reasons."""
    state = request.app.state
    now = dt.datetime.now(dt.UTC)
    settings = load_settings(state.store, user.id)
    status = plan_status(state.store, state.bank, now=now, user_id=user.id,
                         desired_retention=settings.desired_retention)
    today = build_today(state.store, state.bank, now=now, user_id=user.id, new_limit=None,
                        introduced_today=new_cards_introduced_today(state.store, now, user.id), force=True)
    return {"status": status, "today": today, "describe": describe_options}


@router.get("/plan")
def plan_page(request: Request, user: User = Depends(current_user)) -> Response:
    state = request.app.state
    fit = latest_fit(state.store, user.id)
    tomorrow = dt.date.today() + dt.timedelta(days=30)
    return cast(Response, page(request, "plan.html", **plan_context(request, user), topics=state.bank.topics,
                               levels=LEVELS, weekdays=list(enumerate(WEEKDAY_NAMES)),
                               default_date=tomorrow.isoformat(), fit=fit, optimiser=optimiser_available(),
                               min_reviews=MIN_REVIEWS))


@router.post("/plan")
def create_plan(request: Request, interview: str = Form(...), minutes_per_day: int = Form(45), level: str = Form("all"),
                topics: list[str] = Form([]), easy_days: list[int] = Form([]),
                user: User = Depends(current_user)) -> Response:
    state = request.app.state
    try:
        date = dt.date.fromisoformat(interview)
    except ValueError:
        raise InputError("must be a date", option="interview") from None
    if any(not 0 <= d <= 6 for d in easy_days) or len(set(easy_days)) == 7:
        raise InputError("can be some weekdays, not all of them", option="easy-days")
    options = PlanOptions(date, minutes_per_day, level, tuple(topics), tuple(sorted(set(easy_days))))
    settings = load_settings(state.store, user.id)
    save_plan(state.store, make_plan(state.store, state.bank, options, now=dt.datetime.now(dt.UTC), user_id=user.id,
                                     desired_retention=settings.desired_retention), user.id)
    return RedirectResponse("/plan", status_code=303)


@router.get("/plan.ics")
def plan_calendar(request: Request, user: User = Depends(current_user)) -> Response:
    from gauntlet.review.plan_ics import plan_to_ics

    status = plan_status(request.app.state.store, request.app.state.bank, now=dt.datetime.now(dt.UTC), user_id=user.id)
    if status is None:
        raise InputError("there is no study plan yet: make one on the Plan page")
    text = plan_to_ics(status.plan, now=dt.datetime.now(dt.UTC), user_key=str(user.id))
    return Response(text, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="gauntlet-plan.ics"'})


@router.post("/plan/catch-up")
def catch_up(request: Request, days: int = Form(...), user: User = Depends(current_user)) -> Response:
    start_recovery(request.app.state.store, now=dt.datetime.now(dt.UTC), days=days, user_id=user.id)
    return RedirectResponse("/plan", status_code=303)


@router.post("/plan/memory")
def memory(request: Request, action: str = Form(...), user: User = Depends(current_user)) -> Response:
    store = request.app.state.store
    if action == "fit":
        fit_memory_model(store, now=dt.datetime.now(dt.UTC), user_id=user.id)
    elif action in ("use", "default"):
        fit = latest_fit(store, user.id)
        use_memory_model(store, fit.id if fit and action == "use" else None, user.id)
    else:
        raise InputError("unknown action")
    return RedirectResponse("/plan", status_code=303)
