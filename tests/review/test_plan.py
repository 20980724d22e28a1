"""The study plan (issue 16): a seeded simulated learner follows it for 30 days through the real queue and
store; backlog recovery after a break; easy days; weak-area resurfacing; the .ics export."""

from __future__ import annotations

import datetime as dt

import pytest
from fsrs import Card, Rating
from sqlalchemy import insert, select

from gauntlet.bank import load_bank
from gauntlet.bank.model import Bank, Question, Topic
from gauntlet.errors import InputError
from gauntlet.review.backlog import backlog_today, spread, start_recovery
from gauntlet.review.cards import make_scheduler, review
from gauntlet.review.plan import (
    PlanOptions,
    interview_moment,
    latest_plan,
    make_plan,
    mock_dates,
    plan_status,
    save_plan,
)
from gauntlet.review.plan_ics import escape_text, plan_to_ics
from gauntlet.review.plan_policy import Budget, Candidate, Costs, choose_day, parse_weekdays
from gauntlet.review.queue import build_queue
from gauntlet.review.today import build_today
from gauntlet.store import open_store
from gauntlet.store.attempts import attach_grade, record_attempt
from gauntlet.store.schema import cards, review_logs
from tests.review.plan_support import SimulatedLearner

START = dt.date(2026, 12, 7)  # a Monday


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(())


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    yield s
    s.close()


def follow_plan(store, bank, options: PlanOptions, days: int, first_try: float, seed: int):
    learner = SimulatedLearner(store, bank, store.local_user_id, first_try, seed)
    made_at = dt.datetime.combine(START, dt.time(7)).astimezone().astimezone(dt.UTC)
    plan = save_plan(store, make_plan(store, bank, options, now=made_at, user_id=store.local_user_id),
                     store.local_user_id)
    logs = [learner.study(START + dt.timedelta(days=k)) for k in range(days)]
    scope = [q.id for q in bank.questions if options.in_scope(q)]
    return plan, logs, learner.recall_on(interview_moment(options.interview_on), scope)


@pytest.mark.slow
def test_a_simulated_learner_following_the_plan_for_30_days(store, bank):
    """Projected and simulated retention agree within 5 points; no day's load is over the budget by
    more than 10%; the easy weekday carries the reduced load; re-plans are stored."""
    options = PlanOptions(START + dt.timedelta(days=30), minutes_per_day=20, topics=("probability-statistics",),
                          easy_weekdays=(6,), easy_factor=0.5)
    plan, logs, simulated = follow_plan(store, bank, options, 30, first_try=0.75, seed=7)
    assert abs(plan.retention - simulated) <= 0.05, (plan.retention, simulated)
    for log in logs:
        budget = options.budget.minutes_on(log.date)
        assert log.minutes <= budget * 1.10, (log.date, log.minutes, budget)
    easy = [log.minutes for log in logs if log.date.weekday() == 6]
    normal = [log.minutes for log in logs if log.date.weekday() != 6]
    assert easy and max(easy) <= 10 * 1.10 and sum(easy) / len(easy) < sum(normal) / len(normal)
    assert sum(log.new for log in logs) == plan.to_introduce  # every question of the plan was started
    latest = latest_plan(store, store.local_user_id)
    assert latest is not None and latest.origin == "replan"
    with store.engine.connect() as conn:
        reasons = conn.execute(select(review_logs.c.queue_reason).where(review_logs.c.queue_reason.is_not(None))
                               ).scalars().all()
    assert any(r.startswith("new: the study plan") for r in reasons) and any(r.startswith("due") for r in reasons)


def test_being_behind_gets_a_catch_up(store, bank):
    options = PlanOptions(START + dt.timedelta(days=20), minutes_per_day=30, topics=("probability-statistics",))
    made_at = dt.datetime.combine(START, dt.time(7)).astimezone().astimezone(dt.UTC)
    save_plan(store, make_plan(store, bank, options, now=made_at, user_id=store.local_user_id), store.local_user_id)
    later = made_at + dt.timedelta(days=3)  # three days with nothing done
    status = plan_status(store, bank, now=later, user_id=store.local_user_id, runs=4)
    assert status is not None and status.replanned and status.behind_days >= 2
    assert status.catch_up is not None and status.catch_up.startswith(f"You are {int(status.behind_days)} days behind")
    assert status.plan.days[0].date == START + dt.timedelta(days=3)


def test_the_policy_keeps_the_day_within_its_room_most_at_risk_first():
    costs = Costs(new_minutes=4, review_minutes=1.5)
    due = [Candidate(f"q{i}", retrievability=0.5 + i / 100, weight=1.0) for i in range(40)]
    choice = choose_day(due, 30.0, new_wanted=5, costs=costs, first_try=0.7)
    assert choice.reviews[0] == "q0" and choice.minutes <= 30.0 and choice.deferred
    assert choice.new == 0  # no room left for new questions
    roomy = choose_day(due[:2], 30.0, new_wanted=3, costs=costs, first_try=0.7)
    assert roomy.new == 3 and not roomy.deferred
    assert Budget(60, (5, 6), 0.5).minutes_on(dt.date(2026, 12, 12)) == 30  # a Saturday
    assert parse_weekdays("Sat, sunday") == (5, 6)
    with pytest.raises(InputError, match="not a weekday"):
        parse_weekdays("someday")


def test_mock_interviews_come_more_often_near_the_interview():
    interview = START + dt.timedelta(days=40)
    dates = mock_dates(START, interview, Budget(60, (6,)))
    gaps_before = [(b - a).days for a, b in zip(dates, dates[1:], strict=False)]
    assert dates[-1] <= interview - dt.timedelta(days=2)
    assert gaps_before[0] > gaps_before[-1] and gaps_before[-1] <= 3
    assert all(d.weekday() != 6 for d in dates)


def synthetic_bank(n: int) -> Bank:
    topic = Topic("t", "Topic", "", "beginner", "all", 1)
    questions = tuple(Question(f"q{i:03d}", f"Q{i}", "?", "t", "beginner", "all", "concept", "original", "", (), (), (),
                               "") for i in range(n))
    return Bank((topic,), questions)


@pytest.mark.slow
def test_a_backlog_of_300_after_a_30_day_break_is_spread_over_the_days_asked(store):
    bank = synthetic_bank(300)
    scheduler = make_scheduler()
    t0 = dt.datetime(2026, 10, 1, 18, tzinfo=dt.UTC)
    with store.transaction() as conn:
        for i, q in enumerate(bank.questions):
            card, _ = scheduler.review_card(Card(card_id=i + 1, due=t0), Rating.Good, t0)
            card, _ = scheduler.review_card(card, Rating.Good if i % 3 else Rating.Easy, t0 + dt.timedelta(minutes=10))
            conn.execute(insert(cards).values(user_id=store.local_user_id, question_id=q.id, fsrs_card_id=i + 1,
                                              state=int(card.state), step=card.step, stability=card.stability,
                                              difficulty=card.difficulty, due=card.due, last_review=card.last_review,
                                              reps=2))
    back = dt.datetime.combine(dt.date(2026, 11, 10), dt.time(18)).astimezone().astimezone(dt.UTC)  # 30+ days later
    recovery = start_recovery(store, now=back, days=5, user_id=store.local_user_id)
    assert len(recovery.question_ids) == 300
    per_day = []
    first_day_recall: list[float] = []
    for k in range(5):
        now = back + dt.timedelta(days=k)
        queue = build_queue(store, bank, now=now, new_limit=0, limit=10_000, user_id=store.local_user_id)
        backlog = [i for i in queue if i.kind == "backlog"]
        per_day.append(len(backlog))
        if k == 0:
            assert len(queue) == 60  # never the whole wall
            first_day_recall = [scheduler.get_card_retrievability(i.card.fsrs_card, now) for i in backlog if i.card]
        for item in backlog:
            review(store, item.question.id, 3, reviewed_at=now, user_id=store.local_user_id, queue_reason=item.reason)
    assert per_day == [60, 60, 60, 60, 60]
    rest = [scheduler.get_card_retrievability(Card(card_id=1, stability=s, difficulty=5.0, due=back, last_review=t0),
                                              back) for s in (3.0,)]
    assert max(first_day_recall) <= min(rest) + 0.2  # the least-recalled went first
    assert backlog_today(store, now=back + dt.timedelta(days=5), user_id=store.local_user_id) is None
    assert [len(s) for s in spread([str(i) for i in range(7)], 3)] == [3, 2, 2]


def test_a_contradicted_key_point_resurfaces_the_question_and_its_related_items(store, bank):
    source = next(q for q in bank.questions if q.related.questions and (q.related.labs or q.related.drills))
    at = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
    attempt = record_attempt(store, source.id, "a wrong answer", "ask", at, store.local_user_id, submitted_at=at)
    grade = {"score": 2.5, "key_points": [{"text": source.key_points[0].text, "status": "contradicted"}]}
    attach_grade(store, attempt.id, 2.5, grade, "test", user_id=store.local_user_id)
    same_day = build_today(store, bank, now=at + dt.timedelta(hours=1), user_id=store.local_user_id, new_limit=0,
                           introduced_today=0)
    assert same_day is not None and not same_day.items  # not the same day: the model answer was just read
    next_day = build_today(store, bank, now=at + dt.timedelta(days=1), user_id=store.local_user_id, new_limit=0,
                           introduced_today=0)
    assert next_day is not None
    reasons = {i.question.id: i.reason for i in next_day.items}
    assert reasons[source.id].startswith("resurfaced: your answer of") and "contradicted" in reasons[source.id]
    assert source.related.questions[0] in reasons
    assert {p.id for p in next_day.practice} >= set(source.related.drills)
    review(store, source.id, 3, reviewed_at=at + dt.timedelta(days=1), user_id=store.local_user_id)
    after = build_today(store, bank, now=at + dt.timedelta(days=2), user_id=store.local_user_id, new_limit=0,
                        introduced_today=0, force=True)
    assert after is not None and source.id not in {i.question.id for i in after.items if i.kind == "resurfaced"}


def test_the_ics_export_parses_back(store, bank):
    options = PlanOptions(START + dt.timedelta(days=10), minutes_per_day=30, topics=("probability-statistics",))
    now = dt.datetime(2026, 12, 7, 7, tzinfo=dt.UTC)
    plan = make_plan(store, bank, options, now=now, user_id=store.local_user_id, runs=2)
    text = plan_to_ics(plan, now=now, user_key="u1")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "").split("\r\n")
    events, current = [], None
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and ":" in line:
            name, value = line.split(":", 1)
            current[name] = value
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-2] == "END:VCALENDAR"
    assert len(events) == len(plan.days) + sum(1 for d in plan.days if d.mock_minutes) + 1
    assert len({e["UID"] for e in events}) == len(events)
    assert all(e["DTSTAMP"] == "20261207T070000Z" and "DTSTART;VALUE=DATE" in e for e in events)
    assert events[0]["DTSTART;VALUE=DATE"] == "20261207" and events[0]["DTEND;VALUE=DATE"] == "20261208"
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert events[-1]["SUMMARY"] == "Interview day"


def test_plan_options_are_checked(store, bank):
    now = dt.datetime(2026, 12, 7, 7, tzinfo=dt.UTC)
    with pytest.raises(InputError, match="--interview the interview date must be after today"):
        make_plan(store, bank, PlanOptions(dt.date(2026, 12, 1)), now=now, user_id=store.local_user_id)
    with pytest.raises(InputError, match="--minutes-per-day must be between"):
        make_plan(store, bank, PlanOptions(dt.date(2027, 1, 1), minutes_per_day=5), now=now,
                  user_id=store.local_user_id)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_whole_bank_for_30_days_at_an_hour_a_day(store, bank, seed):
    options = PlanOptions(START + dt.timedelta(days=30), minutes_per_day=60, topics=(
        "probability-statistics", "feature-engineering", "evaluation-experimentation"), easy_weekdays=(5, 6))
    plan, logs, simulated = follow_plan(store, bank, options, 30, first_try=0.7, seed=seed)
    assert abs(plan.retention - simulated) <= 0.05, (plan.retention, simulated)
    assert all(log.minutes <= options.budget.minutes_on(log.date) * 1.10 for log in logs)
