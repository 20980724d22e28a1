"""A study plan from today to the interview date: what to do each day, and how much you will remember.

``make_plan`` reads the user's cards and history, decides the fixed items (mock interviews at a rising
cadence, labs and coding drills for the weakest topics), then simulates every day with the real FSRS
scheduler under the day's minutes budget (``plan_sim``), which yields the new questions and expected
reviews per day and each topic's projected retention (FSRS retrievability) on the interview morning.

Plans are stored: the one the user asked for (``origin="new"``) is the baseline that progress is
measured against ("2 days behind"); each later day a re-plan from real progress is stored beside it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from statistics import mean, median
from typing import Any

from fsrs import Card, Scheduler
from sqlalchemy import insert, select

from gauntlet.bank.model import Bank, Question
from gauntlet.errors import InputError
from gauntlet.review.cards import card_from_row, make_scheduler
from gauntlet.review.mock_plan import LEVEL_DIFFICULTIES, LEVELS
from gauntlet.review.plan_policy import Budget, Costs, weekday_names
from gauntlet.review.plan_sim import SimDay, simulate
from gauntlet.store import Store
from gauntlet.store.schema import cards, review_logs, study_plans

SESSION_HOUR = 18  # local time of a simulated day's session
INTERVIEW_HOUR = 9  # retention is projected for the interview morning
FIRST_TRY_PRIOR = (7.0, 3.0)  # Beta prior on first-try accuracy: 70 % until the log says otherwise
MIN_DURATIONS = 20  # timed reviews needed before the user's own minutes per review replace the defaults
OUT_OF_SCOPE_WEIGHT = 0.3  # a question outside the plan's topics or level still matters a little
PRACTICE_EVERY = 3  # days between two labs or coding drills
MAX_DAYS = 366
_DIFFICULTY_RANK = {"beginner": 0, "intermediate": 1, "advanced": 2}


@dataclass(frozen=True)
class PlanOptions:
    """What the user asked for: the date, minutes a day, interview level and topics, easy weekdays."""

    interview_on: dt.date
    minutes_per_day: int = 45
    level: str = "all"
    topics: tuple[str, ...] = ()  # empty: every topic
    easy_weekdays: tuple[int, ...] = ()  # 0 = Monday
    easy_factor: float = 0.5  # an easy day holds this share of the budget
    mock_minutes: int = 30

    def checked(self, bank: Bank, today: dt.date) -> PlanOptions:
        if self.interview_on <= today:
            raise InputError(f"the interview date must be after today ({today.isoformat()})", option="interview")
        if (self.interview_on - today).days > MAX_DAYS:
            raise InputError(f"the interview date must be within {MAX_DAYS} days", option="interview")
        if not 10 <= self.minutes_per_day <= 600:
            raise InputError("must be between 10 and 600", option="minutes-per-day")
        if self.level not in LEVELS:
            raise InputError(f"must be one of {', '.join(LEVELS)} (got '{self.level}')", option="level")
        if not 0.0 <= self.easy_factor < 1.0:
            raise InputError("must be at least 0 and below 1", option="easy-factor")
        for topic in self.topics:
            bank.topic(topic)  # NotFoundError lists the known topics
        return self

    @property
    def budget(self) -> Budget:
        return Budget(float(self.minutes_per_day), self.easy_weekdays, self.easy_factor)

    def in_scope(self, q: Question) -> bool:
        return (not self.topics or q.topic in self.topics) and q.difficulty in LEVEL_DIFFICULTIES[self.level]

    def to_dict(self) -> dict[str, Any]:
        return {"interview_on": self.interview_on.isoformat(), "minutes_per_day": self.minutes_per_day,
                "level": self.level, "topics": list(self.topics), "easy_weekdays": list(self.easy_weekdays),
                "easy_factor": self.easy_factor, "mock_minutes": self.mock_minutes}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlanOptions:
        return cls(dt.date.fromisoformat(data["interview_on"]), int(data["minutes_per_day"]), data["level"],
                   tuple(data["topics"]), tuple(int(d) for d in data["easy_weekdays"]), float(data["easy_factor"]),
                   int(data["mock_minutes"]))


@dataclass(frozen=True)
class PracticeItem:
    """A lab or coding drill the plan puts on a day, and why (the weak topic it serves)."""

    kind: str  # "lab" | "drill"
    id: str
    topic: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "topic": self.topic, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> PracticeItem:
        return cls(data["kind"], data["id"], data["topic"], data["reason"])


@dataclass(frozen=True)
class PlanDay:
    """One day: its budget, the fixed items, and the simulation's expected new questions and reviews."""

    date: dt.date
    budget_minutes: float
    room_minutes: float  # the budget less the mock interview and practice item
    introduce: bool  # new questions may start (not in the last days before the interview)
    easy: bool
    new: float  # expected new questions (mean of the simulated runs)
    reviews: float  # expected reviews, same-day learning steps included
    minutes: float  # expected minutes of everything that day
    max_minutes: float  # the busiest simulated run's minutes
    mock_minutes: int  # 0: no mock interview that day
    practice: tuple[PracticeItem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "budget_minutes": self.budget_minutes,
                "room_minutes": self.room_minutes, "introduce": self.introduce, "easy": self.easy,
                "new": self.new, "reviews": self.reviews, "minutes": self.minutes, "max_minutes": self.max_minutes,
                "mock_minutes": self.mock_minutes, "practice": [p.to_dict() for p in self.practice]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlanDay:
        return cls(dt.date.fromisoformat(data["date"]), float(data["budget_minutes"]), float(data["room_minutes"]),
                   bool(data["introduce"]), bool(data["easy"]), float(data["new"]), float(data["reviews"]),
                   float(data["minutes"]), float(data["max_minutes"]), int(data["mock_minutes"]),
                   tuple(PracticeItem.from_dict(p) for p in data["practice"]))


@dataclass(frozen=True)
class TopicForecast:
    topic: str
    name: str
    questions: int  # in the plan's scope
    practised: int  # with a card today
    retention: float  # projected mean recall on the interview morning (a question never learnt counts 0)

    def to_dict(self) -> dict[str, Any]:
        return {"topic": self.topic, "name": self.name, "questions": self.questions, "practised": self.practised,
                "retention": self.retention}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TopicForecast:
        return cls(data["topic"], data["name"], int(data["questions"]), int(data["practised"]),
                   float(data["retention"]))


@dataclass(frozen=True)
class StudyPlan:
    options: PlanOptions
    made_at: dt.datetime
    days: tuple[PlanDay, ...]
    topics: tuple[TopicForecast, ...]
    retention: float  # projected mean recall of the plan's questions on the interview morning
    in_scope: int  # questions the plan covers
    to_introduce: int  # of those, not yet started when the plan was made
    costs: Costs
    first_try: float  # the learner's first-try accuracy the simulation assumed
    warnings: tuple[str, ...] = ()
    origin: str = "new"  # "new": asked for by the user; "replan": re-planned from progress
    id: int | None = None

    @property
    def expected_new(self) -> float:
        return sum(d.new for d in self.days)

    def day(self, date: dt.date) -> PlanDay | None:
        return next((d for d in self.days if d.date == date), None)

    def to_dict(self) -> dict[str, Any]:
        return {"options": self.options.to_dict(), "made_at": self.made_at.isoformat(),
                "days": [d.to_dict() for d in self.days], "topics": [t.to_dict() for t in self.topics],
                "retention": self.retention, "in_scope": self.in_scope, "to_introduce": self.to_introduce,
                "costs": self.costs.to_dict(), "first_try": self.first_try, "warnings": list(self.warnings),
                "origin": self.origin}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], plan_id: int | None = None) -> StudyPlan:
        return cls(PlanOptions.from_dict(data["options"]), dt.datetime.fromisoformat(data["made_at"]),
                   tuple(PlanDay.from_dict(d) for d in data["days"]),
                   tuple(TopicForecast.from_dict(t) for t in data["topics"]), float(data["retention"]),
                   int(data["in_scope"]), int(data["to_introduce"]), Costs.from_dict(data["costs"]),
                   float(data["first_try"]), tuple(data["warnings"]), data["origin"], plan_id)


# ---- time: local days, as the drill queue counts them ------------------------------------------------

def local_midnight(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in the machine's local time zone, as UTC."""
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone().date()


def interview_moment(day: dt.date) -> dt.datetime:
    return local_midnight(day) + dt.timedelta(hours=INTERVIEW_HOUR)


# ---- what the plan reads from the user's history -------------------------------------------------------

@dataclass(frozen=True)
class LearnerHistory:
    cards: dict[str, Card]  # question id -> the user's FSRS card
    first_try: float
    costs: Costs
    topic_mastery: dict[str, float]  # topic id -> 0..1 (mean recall now, unpractised questions 0)


def first_try_accuracy(first_ratings: Sequence[int]) -> float:
    """Share of new questions answered right the first time (rating above Again), with a Beta prior."""
    good, bad = FIRST_TRY_PRIOR
    return (good + sum(r > 1 for r in first_ratings)) / (good + bad + len(first_ratings))


DEFAULT_COSTS = Costs()


def estimate_costs(new_ms: Sequence[int], review_ms: Sequence[int], base: Costs = DEFAULT_COSTS) -> Costs:
    """The user's own minutes per new question and per review (medians, 0.5-15 min) when the log has
    enough timed ones; the defaults otherwise."""
    def minutes(values: Sequence[int], default: float) -> float:
        if len(values) < MIN_DURATIONS:
            return default
        return min(max(median(values) / 60_000, 0.5), 15.0)

    return replace(base, new_minutes=minutes(new_ms, base.new_minutes),
                   review_minutes=minutes(review_ms, base.review_minutes))


def read_history(store: Store, bank: Bank, scheduler: Scheduler, now: dt.datetime, user_id: int) -> LearnerHistory:
    owner = user_id
    with store.engine.connect() as conn:
        rows = conn.execute(select(cards).where(cards.c.user_id == owner)).all()
        logs = conn.execute(select(review_logs.c.rating, review_logs.c.was_new, review_logs.c.duration_ms)
                            .where(review_logs.c.user_id == owner)).all()
    user_cards = {r.question_id: card_from_row(r).fsrs_card for r in rows}
    first = [r.rating for r in logs if r.was_new]
    new_ms = [r.duration_ms for r in logs if r.was_new and r.duration_ms]
    review_ms = [r.duration_ms for r in logs if not r.was_new and r.duration_ms]
    mastery = {}
    for topic in bank.topics:
        ids = [q.id for q in bank.questions_in(topic.id)]
        mastery[topic.id] = mean(scheduler.get_card_retrievability(user_cards[i], now) if i in user_cards else 0.0
                                 for i in ids) if ids else 0.0
    return LearnerHistory(user_cards, first_try_accuracy(first), estimate_costs(new_ms, review_ms), mastery)


# ---- the fixed items: mock interviews and practice ------------------------------------------------------

def mock_gap(days_left: int) -> int:
    """Days between two mock interviews: weekly at first, every 4 days in the last three weeks, every
    other day in the last week."""
    return 2 if days_left <= 8 else 4 if days_left <= 22 else 7


def mock_dates(today: dt.date, interview_on: dt.date, budget: Budget) -> list[dt.date]:
    """Mock interview days, last one two days before the interview (the day before is for rest and a
    light review), none on an easy day (moved a day earlier)."""
    chosen: list[dt.date] = []
    day = interview_on - dt.timedelta(days=2)
    while day >= today:
        placed = day
        while budget.is_easy(placed) and placed > today:
            placed -= dt.timedelta(days=1)
        if not budget.is_easy(placed) and placed not in chosen:
            chosen.append(placed)
        day = placed - dt.timedelta(days=mock_gap((interview_on - placed).days))
    return sorted(chosen)


def mock_length(options: PlanOptions, budget_minutes: float) -> int:
    """A mock interview's minutes: what the user asked, at most three quarters of the day's budget
    (reviews still need room), in 5-minute steps, at least 10."""
    return max(10, min(options.mock_minutes, int(budget_minutes * 0.75) // 5 * 5))


def practice_pool(bank: Bank, options: PlanOptions, mastery: Mapping[str, float],
                  solved_drills: set[str]) -> list[PracticeItem]:
    """Labs and coding drills linked to the plan's questions, weakest topic first."""
    names = {t.id: t.name for t in bank.topics}
    scoped_topics = sorted({q.topic for q in bank.questions if options.in_scope(q)},
                           key=lambda t: (mastery.get(t, 0.0), t))
    items: list[PracticeItem] = []
    seen: set[tuple[str, str]] = set()
    for topic in scoped_topics:
        reason = f"weak topic: {names.get(topic, topic)} ({mastery.get(topic, 0.0):.0%} recall now)"
        for q in sorted(bank.questions_in(topic), key=lambda q: (_DIFFICULTY_RANK.get(q.difficulty, 9), q.id)):
            if not options.in_scope(q):
                continue
            for kind, ids in (("lab", q.related.labs), ("drill", q.related.drills)):
                for item_id in ids:
                    if (kind, item_id) in seen or (kind == "drill" and item_id in solved_drills):
                        continue
                    seen.add((kind, item_id))
                    items.append(PracticeItem(kind, item_id, topic, reason))
    return items


def introduction_order(bank: Bank, questions: Sequence[Question], mastery: Mapping[str, float]) -> list[str]:
    """New questions topic by topic in turn (weakest topic first), easiest first within a topic, so every
    topic is started early rather than one finished before the next begins."""
    by_topic: dict[str, list[Question]] = {}
    for q in sorted(questions, key=lambda q: (_DIFFICULTY_RANK.get(q.difficulty, 9), q.id)):
        by_topic.setdefault(q.topic, []).append(q)
    order = sorted(by_topic, key=lambda t: (mastery.get(t, 0.0), t))
    result: list[str] = []
    while any(by_topic.values()):
        for topic in order:
            if by_topic[topic]:
                result.append(by_topic[topic].pop(0).id)
    return result


def interview_weights(bank: Bank, options: PlanOptions | None, mastery: Mapping[str, float]) -> dict[str, float]:
    """How much each question matters for the interview: 1 plus its topic's weakness; a question outside
    the plan's scope a fraction of that."""
    weights = {}
    for q in bank.questions:
        base = 1.0 + (1.0 - mastery.get(q.topic, 0.0))
        weights[q.id] = base if options is None or options.in_scope(q) else base * OUT_OF_SCOPE_WEIGHT
    return weights


# ---- the plan -----------------------------------------------------------------------------------------------

def _seed(user_id: int, day: dt.date) -> int:
    return zlib.crc32(f"{user_id}:{day.isoformat()}".encode())


def make_plan(store: Store, bank: Bank, options: PlanOptions, *, now: dt.datetime, user_id: int,
              desired_retention: float = 0.9, runs: int = 12, origin: str = "new",
              solved_drills: set[str] | None = None) -> StudyPlan:
    """Plan every day from today (local date of ``now``) to the day before ``options.interview_on``."""
    today = local_date(now)
    options = options.checked(bank, today)
    scheduler = make_scheduler(desired_retention)
    history = read_history(store, bank, scheduler, now, user_id)
    budget = options.budget
    scope = [q for q in bank.questions if options.in_scope(q)]
    if not scope:
        raise InputError("no question fits this level and these topics", option="topics")
    fresh = [q for q in scope if q.id not in history.cards]
    order = introduction_order(bank, fresh, history.topic_mastery)
    weights = interview_weights(bank, options, history.topic_mastery)
    n_days = (options.interview_on - today).days
    consolidation = min(3, n_days // 7)  # the last days bring nothing new: time to consolidate
    mocks = set(mock_dates(today, options.interview_on, budget))
    pool = practice_pool(bank, options, history.topic_mastery, solved_drills or set())
    costs = history.costs
    days: list[SimDay] = []
    fixed: list[tuple[int, tuple[PracticeItem, ...]]] = []
    since_practice = PRACTICE_EVERY - 1  # the first practice item comes on day 1, not day 0
    for k in range(n_days):
        date = today + dt.timedelta(days=k)
        minutes = budget.minutes_on(date)
        mock = mock_length(options, minutes) if date in mocks else 0
        practice: tuple[PracticeItem, ...] = ()
        since_practice += 1
        if not mock and not budget.is_easy(date) and since_practice >= PRACTICE_EVERY and pool:
            fitting = [p for p in pool if (costs.lab_minutes if p.kind == "lab" else costs.drill_minutes)
                       <= minutes * 0.5]
            if fitting:
                practice = (fitting[0],)
                pool.remove(fitting[0])
                since_practice = 0
        fixed_minutes = mock + sum(costs.lab_minutes if p.kind == "lab" else costs.drill_minutes for p in practice)
        start = local_midnight(date)
        session = now if k == 0 else start + dt.timedelta(hours=SESSION_HOUR)
        tomorrow = date + dt.timedelta(days=1)
        days.append(SimDay(date, session, local_midnight(tomorrow), max(minutes - fixed_minutes, 0.0), fixed_minutes,
                           k < n_days - consolidation, budget.is_easy(tomorrow) and not budget.is_easy(date)))
        fixed.append((mock, practice))
    summary = simulate(history.cards, order, days, weights, scheduler, costs, history.first_try,
                       interview_moment(options.interview_on), runs=runs, seed=_seed(user_id, today))
    plan_days = tuple(
        PlanDay(d.date, budget.minutes_on(d.date), d.room_minutes, d.introduce, budget.is_easy(d.date),
                summary.new[i], summary.reviews[i], summary.minutes[i], summary.max_minutes[i], *fixed[i])
        for i, d in enumerate(days))
    names = {t.id: t.name for t in bank.topics}
    topics = []
    for topic in sorted({q.topic for q in scope}, key=lambda t: next(x.order for x in bank.topics if x.id == t)):
        ids = [q.id for q in scope if q.topic == topic]
        topics.append(TopicForecast(topic, names.get(topic, topic), len(ids), sum(i in history.cards for i in ids),
                                    mean(summary.recall_at_interview.get(i, 0.0) for i in ids)))
    retention = mean(summary.recall_at_interview.get(q.id, 0.0) for q in scope)
    warnings = []
    introduced = sum(d.new for d in plan_days)
    if order and introduced < len(order) - 0.5:
        warnings.append(f"At {options.minutes_per_day} minutes a day the plan starts about {introduced:.0f} of the "
                        f"{len(order)} new questions before the interview: give it more minutes a day, or fewer "
                        "topics.")
    if any(d.room_minutes > 0 and summary.deferred[i] >= 1 for i, d in enumerate(days)):
        worst = max(summary.deferred)
        warnings.append(f"Some days hold more reviews than the budget (up to {worst:.0f} wait for a later day).")
    return StudyPlan(options, now, plan_days, tuple(topics), retention, len(scope), len(order), costs,
                     history.first_try, tuple(warnings), origin)


# ---- stored plans -------------------------------------------------------------------------------------------

def save_plan(store: Store, plan: StudyPlan, user_id: int) -> StudyPlan:
    with store.transaction() as conn:
        key = conn.execute(insert(study_plans).values(
            user_id=user_id, created_at=plan.made_at, interview_on=plan.options.interview_on, origin=plan.origin,
            plan_json=json.dumps(plan.to_dict()))).inserted_primary_key
    assert key is not None
    return replace(plan, id=int(key[0]))


def latest_plan(store: Store, user_id: int, origin: str | None = None) -> StudyPlan | None:
    """The user's most recent plan (of ``origin``, if given), or None."""
    query = select(study_plans).where(study_plans.c.user_id == user_id)
    if origin is not None:
        query = query.where(study_plans.c.origin == origin)
    with store.engine.connect() as conn:
        row = conn.execute(query.order_by(study_plans.c.created_at.desc(), study_plans.c.id.desc()).limit(1)).first()
    return StudyPlan.from_dict(json.loads(row.plan_json), int(row.id)) if row else None


# ---- progress against the plan ----------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanStatus:
    """Today's plan (re-planned from progress when the stored one is from an earlier day) and how far
    the user is from the plan they asked for."""

    plan: StudyPlan
    baseline: StudyPlan
    planned_new_so_far: float  # by the baseline, before today
    introduced_so_far: int  # new questions actually started since the baseline was made, before today
    behind_days: float  # > 0: behind the baseline by this many days of its new questions
    catch_up: str | None  # what the re-plan does about it, in words
    replanned: bool  # a re-plan was made (and stored) by this call

    @property
    def days_left(self) -> int:
        return len(self.plan.days)


def _introduced_between(store: Store, question_ids: set[str], start: dt.datetime, end: dt.datetime,
                        user_id: int) -> int:
    with store.engine.connect() as conn:
        rows = conn.execute(select(review_logs.c.question_id).where(
            review_logs.c.user_id == user_id, review_logs.c.was_new.is_(True),
            review_logs.c.reviewed_at >= start, review_logs.c.reviewed_at < end)).scalars().all()
    return sum(q in question_ids for q in rows)


def plan_status(store: Store, bank: Bank, *, now: dt.datetime, user_id: int, desired_retention: float = 0.9,
                runs: int = 12) -> PlanStatus | None:
    """The current plan, re-planned from real progress once a day (stored), with how far behind the
    user is; None when the user has no plan or its interview date has passed."""
    latest = latest_plan(store, user_id)
    baseline = latest_plan(store, user_id, origin="new")
    if latest is None or baseline is None:
        return None
    today = local_date(now)
    if latest.options.interview_on <= today:
        return None
    replanned = False
    if local_date(latest.made_at) < today:
        latest = save_plan(store, make_plan(store, bank, latest.options, now=now, user_id=user_id,
                                            desired_retention=desired_retention, runs=runs, origin="replan"),
                           user_id)
        replanned = True
    planned = sum(d.new for d in baseline.days if d.date < today)
    scope = {q.id for q in bank.questions if baseline.options.in_scope(q)}
    done = _introduced_between(store, scope, baseline.made_at, local_midnight(today), user_id)
    intro_days = [d for d in baseline.days if d.introduce and d.new > 0]
    rate = mean(d.new for d in intro_days) if intro_days else 0.0
    behind = (planned - done) / rate if rate > 0 else 0.0
    catch_up = None
    if behind >= 1.0:
        upcoming = [d for d in latest.days if d.introduce and d.new > 0]
        if upcoming:
            catch_up = (f"You are {math.floor(behind)} day{'s' if math.floor(behind) != 1 else ''} behind "
                        f"({planned - done:.0f} new questions). The catch-up: about "
                        f"{mean(d.new for d in upcoming):.0f} new a day until {upcoming[-1].date.isoformat()} "
                        f"instead of {rate:.0f}, projected retention {latest.retention:.0%} "
                        f"(planned {baseline.retention:.0%}).")
        else:
            catch_up = (f"You are {math.floor(behind)} days behind and no day is left for new questions: "
                        "the plan now keeps what you have learnt.")
    return PlanStatus(latest, baseline, planned, done, behind, catch_up, replanned)


def describe_options(options: PlanOptions) -> str:
    topics = ", ".join(options.topics) if options.topics else "all topics"
    easy = weekday_names(options.easy_weekdays)
    return (f"interview {options.interview_on.isoformat()} · {options.minutes_per_day} min a day · level "
            f"{options.level} · {topics} · easy days: {easy}")

