"""What one day of study holds: the minutes budget, easy days, and which reviews and new questions fit.

One policy serves both the study plan's simulation (``plan_sim``) and today's real drill queue
(``today``), so what the plan projects is what the drill does. It never changes an FSRS interval: a
review that does not fit today's budget waits (most at-risk first is kept), and before an easy day
some of its reviews are done a day early. Both are recorded in the review log as the reason the card
was in the queue.

Minutes are estimates per item (``Costs``): a review costs more the likelier it is to lapse, since a
lapse brings the card back the same day (FSRS relearning step).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS_DONE = 1e9  # a same-day learning step is never deferred: FSRS expects it within minutes


def parse_weekdays(text: str) -> tuple[int, ...]:
    """'sat,sun' (or 'saturday, Sunday', or '') -> (5, 6): Monday is 0."""
    from gauntlet.errors import InputError

    days: set[int] = set()
    for part in (p.strip().lower() for p in text.split(",")):
        if not part:
            continue
        matches = [i for i, name in enumerate(WEEKDAY_NAMES) if part[:3] == name]
        if not matches:
            raise InputError(f"'{part}' is not a weekday (use {', '.join(WEEKDAY_NAMES)})", option="easy-days")
        days.add(matches[0])
    if len(days) == 7:
        raise InputError("cannot make every day an easy day: the budget is the normal day's load",
                         option="easy-days")
    return tuple(sorted(days))


def weekday_names(days: Iterable[int]) -> str:
    return ", ".join(WEEKDAY_NAMES[d] for d in sorted(days)) or "none"


@dataclass(frozen=True)
class Costs:
    """Minutes one item takes (measured from the user's review log when it has enough durations)."""

    new_minutes: float = 4.0  # a question seen for the first time: answer, read the model answer, rate
    review_minutes: float = 1.5  # one review of a question already learnt
    lab_minutes: float = 10.0  # run a lab and read what to notice
    drill_minutes: float = 25.0  # a coding drill from the starter to a submission

    def to_dict(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Costs:
        return cls(**{k: float(v) for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Budget:
    """Minutes a day; on the easy weekdays (0 = Monday) only ``easy_factor`` of them."""

    minutes_per_day: float
    easy_weekdays: tuple[int, ...] = ()
    easy_factor: float = 0.5

    def is_easy(self, day: dt.date) -> bool:
        return day.weekday() in self.easy_weekdays

    def minutes_on(self, day: dt.date) -> float:
        return self.minutes_per_day * (self.easy_factor if self.is_easy(day) else 1.0)


@dataclass(frozen=True)
class Candidate:
    """A card that could be reviewed today: its FSRS retrievability now and its weight for the interview."""

    key: str
    retrievability: float
    weight: float = 1.0
    learning: bool = False  # in a same-day learning or relearning step


def review_cost(candidate: Candidate, costs: Costs) -> float:
    """Expected minutes: one review, plus a relearning review the same day if it lapses (1 - R)."""
    return costs.review_minutes * (2.0 - min(max(candidate.retrievability, 0.0), 1.0))


def new_cost(costs: Costs, first_try: float) -> float:
    """Expected minutes of a new question on its first day: the answer, then its learning step(s)."""
    return costs.new_minutes + costs.review_minutes * (2.0 - first_try)


def risk(candidate: Candidate) -> float:
    """How much a review matters now: the chance it is forgotten, times its weight for the interview."""
    return (1.0 - candidate.retrievability) * candidate.weight


def at_risk_first(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Learning steps first, then lowest retrievability x highest weight; ties by key (deterministic)."""
    return sorted(candidates, key=lambda c: (not c.learning, -risk(c), c.key))


@dataclass(frozen=True)
class DayChoice:
    """What fits in one day: reviews in the order to do them, those that wait, new questions, minutes."""

    reviews: tuple[str, ...]
    deferred: tuple[str, ...]
    early: tuple[str, ...]  # due tomorrow (an easy day), done today
    new: int
    minutes: float  # expected minutes of reviews and new questions (not counting fixed items)


def choose_day(
    candidates: Sequence[Candidate],
    room_minutes: float,
    new_wanted: int,
    costs: Costs,
    first_try: float,
    early_candidates: Sequence[Candidate] = (),
) -> DayChoice:
    """Fill ``room_minutes`` (the day's budget less its mock interview, lab or drill): due reviews most
    at-risk first; what does not fit waits for a later day. Then up to ``new_wanted`` new questions in
    the room left, then reviews due tomorrow (when tomorrow is an easy day) in what is still left."""
    reviews: list[str] = []
    deferred: list[str] = []
    used = 0.0
    for candidate in at_risk_first(candidates):
        cost = review_cost(candidate, costs)
        if candidate.learning or used + cost <= room_minutes + 1e-9:
            reviews.append(candidate.key)
            used += cost
        else:
            deferred.append(candidate.key)
    per_new = new_cost(costs, first_try)
    new = max(0, min(new_wanted, math.floor((room_minutes - used) / per_new + 1e-9)))
    used += new * per_new
    early: list[str] = []
    for candidate in at_risk_first(early_candidates):
        cost = review_cost(candidate, costs)
        if used + cost > room_minutes + 1e-9:
            break
        early.append(candidate.key)
        used += cost
    return DayChoice(tuple(reviews), tuple(deferred), tuple(early), new, used)


def new_target(remaining: int, today_minutes: float, minutes_left: float) -> int:
    """New questions to aim for today: the questions still to introduce, shared among the days left in
    proportion to their budgets (an easy day takes a smaller share). Rounded up, so the plan ends early
    rather than late."""
    if remaining <= 0 or today_minutes <= 0 or minutes_left <= 0:
        return 0
    return min(remaining, math.ceil(remaining * today_minutes / minutes_left - 1e-9))
