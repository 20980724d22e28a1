"""Today's queue, and why each item is in it.

Without a study plan, a backlog recovery or a weak answer to resurface, the drill queue is what it
always was (``queue.build_queue``: due cards, then new ones within the daily limit). With any of them,
``build_today`` decides, with the same policy the plan's simulation uses (``plan_policy``):

- learning steps first (FSRS expects them within minutes);
- weak areas: a question answered with a low grade or a contradicted key point comes back the next
  day, with its related questions; its related labs and coding drills are listed for practice;
- a backlog recovery's share for today, most at-risk first; the rest waits for its day;
- due reviews most at-risk first within the plan's minutes for today (the rest waits a day), then the
  plan's new questions for today, then, before an easy day, some of tomorrow's reviews.

Each item carries its reason, shown on the dashboard and stored with the rating in the review log.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from fsrs import State
from sqlalchemy import func, select

from gauntlet.bank.model import Bank, Question
from gauntlet.review.backlog import BacklogToday, backlog_today
from gauntlet.review.cards import CardRecord, card_from_row, make_scheduler
from gauntlet.review.plan import (
    PlanDay,
    StudyPlan,
    interview_weights,
    introduction_order,
    latest_plan,
    local_date,
    local_midnight,
)
from gauntlet.review.plan_policy import Candidate, choose_day, new_target, review_cost
from gauntlet.store import Store
from gauntlet.store.db import as_utc
from gauntlet.store.schema import attempts, cards, code_attempts, review_logs

LOW_SCORE = 2.5  # a grade below this (a false claim caps the score here) resurfaces the question
WEAK_WINDOW_DAYS = 14  # how far back a weak answer still resurfaces its question
RELATED_PER_WEAK_ANSWER = 3
LAB_DAYS = 3  # a resurfaced lab is suggested for this many days (lab runs are not recorded)


@dataclass(frozen=True)
class TodayItem:
    question: Question
    card: CardRecord | None  # None: never reviewed
    kind: str  # learning | resurfaced | backlog | due | new | early
    reason: str


@dataclass(frozen=True)
class PracticeToday:
    kind: str  # lab | drill
    id: str
    reason: str


@dataclass(frozen=True)
class WeakAnswer:
    question_id: str
    score: float
    contradicted: tuple[str, ...]
    at: dt.datetime


@dataclass(frozen=True)
class Today:
    items: tuple[TodayItem, ...]
    held: int  # due reviews waiting for a later day (over today's budget, or a later backlog share)
    practice: tuple[PracticeToday, ...]
    mock_minutes: int
    budget_minutes: float | None  # None: no study plan
    expected_minutes: float
    easy: bool
    plan: StudyPlan | None
    plan_day: PlanDay | None
    backlog: BacklogToday | None
    new_today: int  # new questions already started today


def weak_answers(store: Store, *, now: dt.datetime, user_id: int) -> list[WeakAnswer]:
    """Answers of the last days graded low or contradicting a key point, and not since put right: the
    question has not been reviewed on a later day nor answered again with a good grade."""
    since = now - dt.timedelta(days=WEAK_WINDOW_DAYS)
    with store.engine.connect() as conn:
        rows = conn.execute(select(attempts.c.question_id, attempts.c.score, attempts.c.grade_json,
                                   attempts.c.submitted_at)
                            .where(attempts.c.user_id == user_id, attempts.c.submitted_at >= since,
                                   attempts.c.score.is_not(None))
                            .order_by(attempts.c.submitted_at)).all()
        last_review = dict(conn.execute(select(review_logs.c.question_id, func.max(review_logs.c.reviewed_at))
                                        .where(review_logs.c.user_id == user_id, review_logs.c.reviewed_at >= since)
                                        .group_by(review_logs.c.question_id)).all())
    weak: dict[str, WeakAnswer] = {}
    for question_id, score, grade_json, submitted in rows:
        grade: dict[str, Any] = json.loads(grade_json) if grade_json else {}
        contradicted = tuple(k["text"] for k in grade.get("key_points", [])
                             if k.get("status") == "contradicted" or k.get("contradicted"))
        at = as_utc(submitted)
        assert at is not None
        if score < LOW_SCORE or contradicted:
            weak[question_id] = WeakAnswer(question_id, float(score), contradicted, at)
        else:
            weak.pop(question_id, None)  # answered well since
    result = []
    for answer in weak.values():
        reviewed = as_utc(last_review.get(answer.question_id))
        if reviewed is not None and local_date(reviewed) > local_date(answer.at):
            continue  # brought back and reviewed on a later day: done
        result.append(answer)
    return result


def _weak_reason(answer: WeakAnswer) -> str:
    when = local_date(answer.at).strftime("%d %b")
    if answer.contradicted:
        point = answer.contradicted[0]
        point = point if len(point) <= 60 else point[:59] + "…"
        return f"resurfaced: your answer of {when} contradicted '{point}'"
    return f"resurfaced: your answer of {when} scored {answer.score:.1f}/5"


def _practice_from_weak(store: Store, bank: Bank, weak: list[WeakAnswer], now: dt.datetime,
                        user_id: int) -> list[PracticeToday]:
    if not weak:
        return []
    with store.engine.connect() as conn:
        submitted = dict(conn.execute(select(code_attempts.c.drill_id, func.max(code_attempts.c.submitted_at))
                                      .where(code_attempts.c.user_id == user_id)
                                      .group_by(code_attempts.c.drill_id)).all())
    found: dict[tuple[str, str], PracticeToday] = {}
    for answer in weak:
        q = next((x for x in bank.questions if x.id == answer.question_id), None)
        if q is None:
            continue
        reason = f"related to '{q.title}' ({_weak_reason(answer).removeprefix('resurfaced: ')})"
        if now - answer.at <= dt.timedelta(days=LAB_DAYS):
            for lab in q.related.labs:
                found.setdefault(("lab", lab), PracticeToday("lab", lab, reason))
        for drill in q.related.drills:
            last = as_utc(submitted.get(drill))
            if last is None or last < answer.at:
                found.setdefault(("drill", drill), PracticeToday("drill", drill, reason))
    return list(found.values())


def _due_reason(card: CardRecord, now: dt.datetime, recall: float) -> str:
    late = (now - card.due).days
    if late >= 1:
        return f"due {late} day{'s' if late != 1 else ''} ago (recall now {recall:.0%})"
    return f"due today (recall now {recall:.0%})"


def build_today(store: Store, bank: Bank, *, now: dt.datetime, user_id: int, new_limit: int | None,
                introduced_today: int, force: bool = False) -> Today | None:
    """Today's queue with reasons; None when there is no plan, backlog or weak answer (``force``: build it
    anyway, e.g. for the dashboard). ``new_limit``: new questions allowed today (the user asked for this
    many); None: as many as the study plan says, or the user's daily setting without a plan."""
    today = local_date(now)
    plan = latest_plan(store, user_id)
    if plan is not None and plan.options.interview_on <= today:
        plan = None
    backlog = backlog_today(store, now=now, user_id=user_id)
    weak = weak_answers(store, now=now, user_id=user_id)
    if plan is None and backlog is None and not weak and not force:
        return None
    questions = {q.id: q for q in bank.questions}
    scheduler = make_scheduler()
    end_of_today = local_midnight(today + dt.timedelta(days=1))
    day = plan.day(today) if plan else None
    horizon = end_of_today + dt.timedelta(days=1) if day is not None else end_of_today
    with store.engine.connect() as conn:
        rows = conn.execute(select(cards).where(cards.c.user_id == user_id, cards.c.due < horizon)).all()
        started = set(conn.execute(select(cards.c.question_id).where(cards.c.user_id == user_id)).scalars())
    records = {r.question_id: card_from_row(r) for r in rows if r.question_id in questions}
    mastery: dict[str, float] = {}
    weights = interview_weights(bank, plan.options if plan else None, mastery) if plan else {}
    recall = {k: scheduler.get_card_retrievability(c.fsrs_card, now) for k, c in records.items()}
    items: list[TodayItem] = []
    taken: set[str] = set()

    def add(question_id: str, kind: str, reason: str) -> None:
        if question_id in taken or question_id not in questions:
            return
        taken.add(question_id)
        items.append(TodayItem(questions[question_id], records.get(question_id), kind, reason))

    # A step is due at its minute (a review card may be a few hours early: it is due today).
    for key, record in records.items():
        if record.fsrs_card.state != State.Review and record.due <= now:
            add(key, "learning", "learning step (FSRS: again in minutes)")
    weak_today = [w for w in weak if local_date(w.at) < today]
    for answer in weak_today:
        add(answer.question_id, "resurfaced", _weak_reason(answer))
    for answer in weak_today:
        source = questions.get(answer.question_id)
        if source is None:
            continue
        for related in source.related.questions[:RELATED_PER_WEAK_ANSWER]:
            add(related, "resurfaced", f"related to '{source.title}', which you got wrong")
    held = 0
    if backlog is not None:
        for key in backlog.todo:
            add(key, "backlog", f"backlog: day {backlog.day} of {backlog.recovery.days}, most at-risk first")
        held += sum(1 for key in backlog.held if key in records and key not in taken)
    backlog_held = set(backlog.held) if backlog is not None else set()
    due_now = [k for k, r in records.items() if r.due < end_of_today and k not in taken and k not in backlog_held]
    if new_limit is None and plan is None:
        from gauntlet.review.settings import load_settings

        new_limit = load_settings(store, user_id).new_per_day
    new_wanted = max((new_limit or 0) - introduced_today, 0)
    early: list[str] = []
    budget_minutes = None
    mock_minutes = 0
    expected = 0.0
    practice = _practice_from_weak(store, bank, weak, now, user_id)
    if plan is not None and day is not None:
        budget_minutes = day.budget_minutes
        mock_minutes = day.mock_minutes
        practice = [PracticeToday(p.kind, p.id, f"study plan: {p.reason}") for p in day.practice] + practice
        forced = sum(review_cost(Candidate(i.question.id, recall.get(i.question.id, 0.0)), plan.costs) for i in items)
        scope = [q for q in bank.questions if plan.options.in_scope(q) and q.id not in started]
        rooms = [d.room_minutes for d in plan.days if d.date >= today and d.introduce]
        wanted = new_target(len(scope) + introduced_today, day.room_minutes, sum(rooms)) if day.introduce else 0
        new_wanted = max((wanted if new_limit is None else new_limit) - introduced_today, 0)
        tomorrow = plan.day(today + dt.timedelta(days=1))
        early_pool = ([Candidate(k, recall[k], weights.get(k, 1.0)) for k, r in records.items()
                       if end_of_today <= r.due and k not in taken]
                      if tomorrow is not None and tomorrow.easy and not day.easy else [])
        candidates = [Candidate(k, recall[k], weights.get(k, 1.0)) for k in due_now]
        choice = choose_day(candidates, max(day.room_minutes - forced, 0.0), new_wanted, plan.costs, plan.first_try,
                            early_pool)
        for key in choice.reviews:
            add(key, "due", _due_reason(records[key], now, recall[key]))
        held += len(choice.deferred)
        new_wanted = choice.new
        early = list(choice.early)
        expected = forced + choice.minutes + mock_minutes + sum(
            plan.costs.lab_minutes if p.kind == "lab" else plan.costs.drill_minutes for p in day.practice)
    else:
        for key in sorted(due_now, key=lambda k: (records[k].due, k)):
            add(key, "due", _due_reason(records[key], now, recall[key]))
    if new_wanted > 0:
        if plan is not None:
            scope_questions = [q for q in bank.questions if plan.options.in_scope(q) and q.id not in started]
            order = introduction_order(bank, scope_questions, mastery)
            why = (f"new: the study plan starts {new_wanted + introduced_today} today" if new_limit is None
                   else f"new: {new_limit} today, as you asked")
        else:
            order = [q.id for q in sorted((q for q in bank.questions if q.id not in started),
                                          key=lambda q: ({"beginner": 0, "intermediate": 1}.get(q.difficulty, 2),
                                                         next((t.order for t in bank.topics if t.id == q.topic), 99),
                                                         q.id))]
            why = f"new: {new_limit} a day (your setting)"
        for key in order[:new_wanted]:
            add(key, "new", why)
    for key in early:
        add(key, "early", "due tomorrow, an easy day: done today")
    return Today(tuple(items), held, tuple(practice), mock_minutes, budget_minutes, expected,
                 bool(day and day.easy), plan, day, backlog, introduced_today)
