"""Simulating the days up to the interview with the real FSRS scheduler.

Each simulated day follows the same policy as the drill queue (``plan_policy.choose_day``): due
reviews most at-risk first within the day's room, new questions in what is left, reviews a day early
before an easy day. Outcomes are drawn at random: a learnt question is recalled with its FSRS
retrievability, a new one answered right with the learner's first-try accuracy; a recalled card is
rated Good, a forgotten one Again, and ``fsrs`` computes the next due date (fuzz off, as in the drill).
Several seeded runs are averaged, so expected reviews per day come from FSRS due dates, not a guess.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import mean

from fsrs import Card, Rating, Scheduler, State

from gauntlet.review.plan_policy import Candidate, Costs, choose_day, new_target

MAX_STEPS_PER_CARD = 8  # same-day learning steps of one card (a learner failing every step stops here)


@dataclass(frozen=True)
class SimDay:
    """One day of the simulation: when its session happens and how many minutes it has."""

    date: dt.date
    session_at: dt.datetime  # UTC
    ends_at: dt.datetime  # UTC: the end of that local day
    room_minutes: float  # the day's budget less its fixed items (mock interview, lab, drill)
    fixed_minutes: float
    introduce: bool  # new questions may start this day (not in the last days before the interview)
    easy_tomorrow: bool


@dataclass(frozen=True)
class DayOutcome:
    reviews: int  # reviews done, same-day learning steps included
    new: int
    minutes: float  # reviews + new questions + fixed items, at the costs' minutes per item
    deferred: int  # due reviews left for a later day (over budget)
    early: int  # reviews done a day early (tomorrow is an easy day)


@dataclass(frozen=True)
class SimRun:
    days: tuple[DayOutcome, ...]
    recall_at_interview: dict[str, float]  # question id -> FSRS retrievability then (introduced only)
    cards: dict[str, Card] = field(repr=False)


def card_seed(question_id: str) -> int:
    """A stable FSRS card id for a simulated card (``fsrs.Card()`` would sleep 1 ms to make one)."""
    return sum((i + 1) * ord(ch) for i, ch in enumerate(question_id)) + 1


def _rate(rng: random.Random, p_recall: float) -> Rating:
    return Rating.Good if rng.random() < p_recall else Rating.Again


def simulate_once(
    start_cards: Mapping[str, Card],
    to_introduce: Sequence[str],
    days: Sequence[SimDay],
    weights: Mapping[str, float],
    scheduler: Scheduler,
    costs: Costs,
    first_try: float,
    interview_at: dt.datetime,
    rng: random.Random,
) -> SimRun:
    """One random path through ``days``; ``start_cards`` (the user's cards now) are not modified."""
    cards = dict(start_cards)
    queue = list(to_introduce)
    room_left = [sum(d.room_minutes for d in days[i:] if d.introduce) for i in range(len(days))]
    outcomes: list[DayOutcome] = []
    for index, day in enumerate(days):
        t = day.session_at

        def candidate(key: str, card: Card, at: dt.datetime = t) -> Candidate:
            return Candidate(key, scheduler.get_card_retrievability(card, at), weights.get(key, 1.0),
                             learning=card.state != State.Review)

        due = [candidate(k, c) for k, c in cards.items() if c.due < day.ends_at]
        early = ([candidate(k, c) for k,
                  c in cards.items() if day.ends_at <= c.due < day.ends_at + dt.timedelta(days=1)]
                 if day.easy_tomorrow else [])
        wanted = new_target(len(queue), day.room_minutes, room_left[index]) if day.introduce else 0
        choice = choose_day(due, day.room_minutes, wanted, costs, first_try, early)
        reviews = 0
        for key in choice.reviews + choice.early:
            card = cards[key]
            at = max(t, card.due) if card.state != State.Review else t
            cards[key], _ = scheduler.review_card(card, _rate(rng, scheduler.get_card_retrievability(card, at)), at)
            reviews += 1
        introduced = queue[: choice.new]
        del queue[: choice.new]
        for key in introduced:
            card = Card(card_id=card_seed(key), due=t)
            cards[key], _ = scheduler.review_card(card, _rate(rng, first_try), t)
        # Same-day learning and relearning steps, at the minute they come due.
        for key in set(introduced) | set(choice.reviews) | set(choice.early):
            for _ in range(MAX_STEPS_PER_CARD):
                card = cards[key]
                if card.state == State.Review or card.due >= day.ends_at:
                    break
                cards[key], _ = scheduler.review_card(
                    card, _rate(rng, scheduler.get_card_retrievability(card, card.due)), card.due)
                reviews += 1
        minutes = reviews * costs.review_minutes + len(introduced) * costs.new_minutes + day.fixed_minutes
        outcomes.append(DayOutcome(reviews, len(introduced), minutes, len(choice.deferred), len(choice.early)))
    recall = {k: scheduler.get_card_retrievability(c, interview_at) for k, c in cards.items()}
    return SimRun(tuple(outcomes), recall, cards)


@dataclass(frozen=True)
class SimSummary:
    """The mean of several runs: per day, and each question's recall on the interview day."""

    reviews: tuple[float, ...]
    new: tuple[float, ...]
    minutes: tuple[float, ...]
    max_minutes: tuple[float, ...]  # the busiest run's minutes that day
    deferred: tuple[float, ...]
    recall_at_interview: dict[str, float]  # mean over runs; a question never introduced is absent
    runs: int


def simulate(
    start_cards: Mapping[str, Card],
    to_introduce: Sequence[str],
    days: Sequence[SimDay],
    weights: Mapping[str, float],
    scheduler: Scheduler,
    costs: Costs,
    first_try: float,
    interview_at: dt.datetime,
    runs: int = 12,
    seed: int = 0,
) -> SimSummary:
    """``runs`` seeded paths (seed, seed + 1, ...) averaged: the same inputs give the same summary."""
    paths = [simulate_once(start_cards, to_introduce, days, weights, scheduler, costs, first_try, interview_at,
                           random.Random(seed + r)) for r in range(runs)]

    def per_day(attribute: str) -> tuple[float, ...]:
        return tuple(mean(float(getattr(p.days[i], attribute)) for p in paths) for i in range(len(days)))

    keys = {k for p in paths for k in p.recall_at_interview}
    # A question some runs had not introduced by then counts as 0 in those runs.
    recall = {k: mean(p.recall_at_interview.get(k, 0.0) for p in paths) for k in keys}
    return SimSummary(per_day("reviews"), per_day("new"), per_day("minutes"),
                      tuple(max(p.days[i].minutes for p in paths) for i in range(len(days))),
                      per_day("deferred"), recall, runs)
