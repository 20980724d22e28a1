"""Choosing the questions of a timed mock interview: balanced across topics, rising in difficulty.

Pure functions over the bank: the same inputs and seed give the same plan.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gauntlet.bank.model import Bank, Question
from gauntlet.errors import InputError

LEVELS = ("fresher", "all", "senior")
_RANK = {"beginner": 0, "intermediate": 1, "advanced": 2}
# Minutes an interviewer typically gives a question of each difficulty; scenarios need room to reason.
BASE_MINUTES = {"beginner": 4.0, "intermediate": 5.0, "advanced": 6.0}
SCENARIO_EXTRA_MINUTES = 2.0
# Which questions suit each interview level, and the audiences to prefer.
LEVEL_DIFFICULTIES = {
    "fresher": ("beginner", "intermediate"),
    "all": ("beginner", "intermediate", "advanced"),
    "senior": ("intermediate", "advanced"),
}
LEVEL_AUDIENCES = {"fresher": ("fresher", "all"), "all": ("fresher", "all", "senior"), "senior": ("all", "senior")}
# One question is a quiz, not an interview: even a 5-minute mock asks two (2.5 minutes each, like the
# quick opening questions of a phone screen), so it has a second chance, a pace to keep and two topics
# for the report to compare. Three or more would leave under 1:40 a question, too little for an answer
# and its follow-up.
MIN_QUESTIONS = 2


@dataclass(frozen=True)
class PlanItem:
    question_id: str
    budget_s: float  # time allowed for the answer and its follow-up

    def to_dict(self) -> dict[str, Any]:
        return {"question_id": self.question_id, "budget_s": self.budget_s}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanItem:
        return cls(data["question_id"], float(data["budget_s"]))


def question_minutes(q: Question) -> float:
    return BASE_MINUTES[q.difficulty] + (SCENARIO_EXTRA_MINUTES if q.kind == "scenario" else 0.0)


def build_plan(
    bank: Bank,
    minutes: int,
    level: str,
    topics: list[str] | None = None,
    rng: random.Random | None = None,
    practised: dict[str, int] | None = None,
    tag: str | None = None,
) -> list[PlanItem]:
    """Questions for a ``minutes``-long interview at ``level``.

    Topics take turns so the set is balanced; the questions are asked easiest first; a senior interview
    includes a scenario question, asked last, when it leaves time for another question. At least
    ``MIN_QUESTIONS`` are asked (if the pool has them). Budgets are scaled so they add up to ``minutes``.
    Questions the user has practised least are preferred (``practised``: attempts per question id).
    ``tag`` keeps only questions with that tag (e.g. the tag of your own question folder).
    """
    if level not in LEVELS:
        raise InputError(f"--level must be one of {', '.join(LEVELS)} (got '{level}')")
    if not 5 <= minutes <= 180:
        raise InputError("--minutes must be between 5 and 180")
    rng = rng or random.Random()
    practised = practised or {}
    wanted_topics = topics or [t.id for t in bank.topics]
    for topic in wanted_topics:
        bank.topic(topic)  # raises NotFoundError listing the known topics
    if tag is not None and not any(tag in q.tags for q in bank.questions):
        raise InputError(f"no question has the tag {tag!r}; `gauntlet list` shows each question's tags")
    pool = [q for q in bank.questions if q.topic in wanted_topics and q.difficulty in LEVEL_DIFFICULTIES[level]
            and (tag is None or tag in q.tags)]
    if not pool:
        raise InputError("no question fits this level and these topics" + (" and this tag" if tag else ""))

    def preference(q: Question) -> tuple[int, bool, float]:
        # Least practised first, questions written for this audience first, then chance.
        return (practised.get(q.id, 0), q.audience not in LEVEL_AUDIENCES[level], rng.random())

    by_topic = {t: sorted((q for q in pool if q.topic == t), key=preference) for t in wanted_topics}
    chosen: list[Question] = []
    budget = float(minutes)
    if level == "senior":
        scenario = _senior_scenario(pool, minutes, preference)
        if scenario is not None:
            chosen.append(scenario)
            by_topic[scenario.topic].remove(scenario)
            budget -= question_minutes(scenario)
    order = list(wanted_topics)
    rng.shuffle(order)
    shortest = min(question_minutes(q) for q in pool)

    def fits(q: Question) -> bool:
        # Leaves room for the questions still needed to reach MIN_QUESTIONS, at their shortest.
        return question_minutes(q) + max(MIN_QUESTIONS - 1 - len(chosen), 0) * shortest <= budget

    while True:
        added = False
        for topic in order:
            if by_topic[topic]:
                candidate = by_topic[topic][0]
                if not chosen:  # the first question always goes in: the topic's first that fits, else its shortest
                    candidate = next((q for q in by_topic[topic] if fits(q)),
                                     min(by_topic[topic], key=question_minutes))
                if fits(candidate) or not chosen:
                    chosen.append(candidate)
                    by_topic[topic].remove(candidate)
                    budget -= question_minutes(candidate)
                    added = True
        if not added:
            break
    while len(chosen) < MIN_QUESTIONS and any(by_topic.values()):
        # A short interview: the shortest question left (the most preferred of those), from a topic not
        # asked yet if there is one.
        left = [q for t in order for q in by_topic[t]]
        fresh = [q for q in left if q.topic not in {c.topic for c in chosen}] or left
        extra = min(fresh, key=question_minutes)
        chosen.append(extra)
        by_topic[extra.topic].remove(extra)
    chosen.sort(key=lambda q: (q.kind == "scenario" and level == "senior", _RANK[q.difficulty], q.kind == "scenario"))
    total = sum(question_minutes(q) for q in chosen)
    scale = minutes / total
    return [PlanItem(q.id, round(question_minutes(q) * scale * 60, 1)) for q in chosen]


def _senior_scenario(pool: list[Question], minutes: int,
                     preference: Callable[[Question], tuple[int, bool, float]]) -> Question | None:
    """The scenario a senior interview ends with, if it and one more question fit in ``minutes`` at
    their usual lengths (a scenario squeezed into a 5-minute mock leaves no room to reason)."""
    scenarios = sorted((q for q in pool if q.kind == "scenario"), key=preference)
    shortest_other = min((question_minutes(q) for q in pool if q.kind != "scenario"), default=0.0)
    fitting = [q for q in scenarios if question_minutes(q) + shortest_other <= minutes]
    return fitting[0] if fitting else None
