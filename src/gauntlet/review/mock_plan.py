"""Choosing the questions of a timed mock interview: balanced across topics, rising in difficulty.

Pure functions over the bank: the same inputs and seed give the same plan.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

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


@dataclass(frozen=True)
class PlanItem:
    question_id: str
    budget_s: float  # time allowed for the answer and its follow-up

    def to_dict(self) -> dict:
        return {"question_id": self.question_id, "budget_s": self.budget_s}

    @classmethod
    def from_dict(cls, data: dict) -> "PlanItem":
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
    always includes a scenario question, asked last. Budgets are scaled so they add up to ``minutes``.
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

    def preference(q: Question) -> tuple:
        # Least practised first, questions written for this audience first, then chance.
        return (practised.get(q.id, 0), q.audience not in LEVEL_AUDIENCES[level], rng.random())

    by_topic = {t: sorted((q for q in pool if q.topic == t), key=preference) for t in wanted_topics}
    chosen: list[Question] = []
    budget = float(minutes)
    if level == "senior":
        scenarios = sorted((q for q in pool if q.kind == "scenario"), key=preference)
        if scenarios:
            chosen.append(scenarios[0])
            by_topic[scenarios[0].topic].remove(scenarios[0])
            budget -= question_minutes(scenarios[0])
    order = list(wanted_topics)
    rng.shuffle(order)
    while True:
        added = False
        for topic in order:
            if by_topic[topic]:
                candidate = by_topic[topic][0]
                if question_minutes(candidate) <= budget or not chosen:
                    chosen.append(by_topic[topic].pop(0))
                    budget -= question_minutes(candidate)
                    added = True
        if not added:
            break
    chosen.sort(key=lambda q: (q.kind == "scenario" and level == "senior", _RANK[q.difficulty], q.kind == "scenario"))
    total = sum(question_minutes(q) for q in chosen)
    scale = minutes / total
    return [PlanItem(q.id, round(question_minutes(q) * scale * 60, 1)) for q in chosen]
