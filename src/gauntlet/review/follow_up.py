"""Which follow-up a mock interviewer asks: aimed at what the answer got wrong or left out.

An interviewer's follow-up is not a random next question: it goes where the answer was weakest. The
grader says which key points an answer contradicted, missed or only touched; the bank says which
follow-up probes which key point. In that order of gravity (a wrong claim first, then a missing point,
then a half-made one) the first gap is taken, one with a bank follow-up before one without, then in
the bank's key point order: its bank follow-up, else a question built from the key point. With no
gap, a broader follow-up (one that probes no single point: the senior angle). Without a grade (grading
off, or the model missing) the bank's follow-ups are drawn, the same for a session and position.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from gauntlet.bank.model import FollowUp, Question
from gauntlet.grade.result import Grade, KeyPointResult

# A quote from the answer longer than this is cut at a word boundary: the follow-up quotes, not re-reads.
QUOTE_CHARS = 160


class Aim(StrEnum):
    """What a follow-up was aimed at. Stored as its value with the mock answer."""

    CONTRADICTED = "contradicted"  # the answer asserted the opposite of a key point
    MISSED = "missed"  # the answer did not make a key point
    PARTLY = "partly"  # the answer only touched a key point
    SENIOR = "senior"  # nothing was missing: a broader question
    UNGRADED = "ungraded"  # no grade to aim with: one of the bank's follow-ups, drawn


# In order of gravity: the gap a follow-up goes to first.
_GAPS = (Aim.CONTRADICTED, Aim.MISSED, Aim.PARTLY)


@dataclass(frozen=True)
class FollowUpChoice:
    text: str  # what the interviewer asks
    aim: Aim
    target: str | None = None  # the key point probed (its text), None for a senior or drawn follow-up


def choose_follow_up(question: Question, grade: Grade | None, seed: int) -> FollowUpChoice | None:
    """The follow-up to ask after ``grade`` (None: not graded), or None when the question has none to
    offer. ``seed`` makes a draw repeatable (a resumed interview asks the same)."""
    rng = random.Random(seed)
    if grade is None or not grade.graded or len(grade.key_points) != len(question.key_points):
        # Not graded, or graded against other key points (the bank changed): nothing to aim with.
        if not question.follow_ups:
            return None
        drawn = rng.choice(question.follow_ups)
        return FollowUpChoice(drawn.text, Aim.UNGRADED, _probed_text(question, drawn))
    for aim in _GAPS:
        gaps = [index for index, result in enumerate(grade.key_points) if result.status == aim.value]
        if gaps:
            # A gap a bank follow-up probes first: a question written for it reads better than one built.
            written = [index for index in gaps if any(f.probes == index for f in question.follow_ups)]
            index = (written or gaps)[0]
            return _aimed_at(question, index, grade.key_points[index], aim, rng)
    broader = [f for f in question.follow_ups if f.probes is None]
    if broader:
        return FollowUpChoice(rng.choice(broader).text, Aim.SENIOR)
    return FollowUpChoice(_senior_question(question), Aim.SENIOR)


def _aimed_at(question: Question, index: int, result: KeyPointResult, aim: Aim, rng: random.Random) -> FollowUpChoice:
    point = question.key_points[index].text
    written = [f for f in question.follow_ups if f.probes == index]
    if aim is Aim.CONTRADICTED:
        said = _quote(result.span.text) if result.span and result.span.text.strip() else ""
        opener = f'You said: "{said}". ' if said else "Part of your answer contradicts a key idea here. "
        if written:
            return FollowUpChoice(opener + "Are you sure? " + rng.choice(written).text, aim, point)
        return FollowUpChoice(opener + "Are you sure? Walk me through why that holds, and what you would expect "
                              "to observe if it did not.", aim, point)
    if written:
        return FollowUpChoice(rng.choice(written).text, aim, point)
    lead = "You did not get to this" if aim is Aim.MISSED else "You only touched on this"
    return FollowUpChoice(f"{lead}: {_sentence(point)} Why does it matter here, and what goes wrong "
                          "if it is ignored?", aim, point)


def _senior_question(question: Question) -> str:
    return (f"Good. Now as if you owned this in production: on \"{question.title}\", what would you "
            "monitor, what would you trade off, and how would you explain the choice to the business?")


def _probed_text(question: Question, follow_up: FollowUp) -> str | None:
    return question.key_points[follow_up.probes].text if follow_up.probes is not None else None


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= QUOTE_CHARS:
        return text
    cut = text[:QUOTE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."
