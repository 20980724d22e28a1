"""The content model: plain, immutable dataclasses for everything in the question bank.

State is data: loading and validation live in ``loader``/``validate``; these types carry no behaviour
beyond small conveniences and explicit ``to_dict``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

DIFFICULTIES = ("beginner", "intermediate", "advanced")
AUDIENCES = ("fresher", "all", "senior")
KINDS = ("concept", "scenario")
SOURCES = ("guide", "original")


@dataclass(frozen=True)
class KeyPoint:
    """One short, checkable statement a good answer makes, with phrases that evidence it.

    ``contrasts`` are (term, opposite) pairs: ``term`` occurs in the text, and saying ``opposite`` in
    its place states the opposite claim ("Gaussian" / "Laplace"). ``wrong`` are statements that
    contradict the point as candidates put it (swapped, negated, reversed). The grader uses both, with
    its own general pairs (L1/L2, increase/decrease...), to tell a wrong claim from the right one.
    """

    text: str
    synonyms: tuple[str, ...] = ()
    contrasts: tuple[tuple[str, str], ...] = ()
    wrong: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pitfall:
    """A common wrong belief, said as a candidate would say it, and what is actually true."""

    mistake: str
    correction: str


@dataclass(frozen=True)
class FollowUp:
    """A question the interviewer asks once the answer is in.

    ``probes``: the index (into the question's ``key_points``) of the key point it tests, so a mock
    interview can ask it when an answer missed or contradicted that point; None for a broader question
    (a senior angle), asked when nothing is missing.
    """

    text: str
    probes: int | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Related:
    questions: tuple[str, ...] = ()
    labs: tuple[str, ...] = ()
    drills: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    prompt: str
    topic: str
    difficulty: str
    audience: str
    kind: str
    source: str
    model_answer: str
    key_points: tuple[KeyPoint, ...]
    pitfalls: tuple[Pitfall, ...]
    follow_ups: tuple[FollowUp, ...]
    senior_angle: str
    related: Related = field(default_factory=Related)
    tags: tuple[str, ...] = ()
    reviewed: str | None = None  # ISO date the answer was last checked for accuracy
    path: Path | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path) if self.path else None
        return data


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    blurb: str
    difficulty: str
    audience: str
    order: int
    path: Path | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ComparisonTable:
    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: str = ""
    related_questions: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Tip:
    id: str
    title: str
    body: str
    example: str = ""


@dataclass(frozen=True)
class Signal:
    """Something interviewers listen for (first-principles thinking, pragmatism...)."""

    id: str
    name: str
    description: str
    how_to_show: str
    example: str = ""


@dataclass(frozen=True)
class FaqEntry:
    id: str
    question: str
    answer: str


@dataclass(frozen=True)
class Bank:
    """A loaded, validated question bank. Lookups by id go through ``question``/``topic``."""

    topics: tuple[Topic, ...]
    questions: tuple[Question, ...]
    tables: tuple[ComparisonTable, ...] = ()
    tips: tuple[Tip, ...] = ()
    signals: tuple[Signal, ...] = ()
    faq: tuple[FaqEntry, ...] = ()

    def question(self, question_id: str) -> Question:
        from gauntlet.errors import NotFoundError

        for q in self.questions:
            if q.id == question_id:
                return q
        raise NotFoundError(f"no question with id '{question_id}'; `gauntlet list` shows the ids")

    def topic(self, topic_id: str) -> Topic:
        from gauntlet.errors import NotFoundError

        for t in self.topics:
            if t.id == topic_id:
                return t
        known = ", ".join(t.id for t in self.topics)
        raise NotFoundError(f"no topic '{topic_id}'; known topics: {known}")

    def questions_in(self, topic_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.topic == topic_id)
