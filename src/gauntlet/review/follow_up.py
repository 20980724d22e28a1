"""Which follow-up a mock interviewer asks: aimed at what the answer got wrong or left out.

An interviewer's follow-up is not a random next question: it goes where the answer was weakest. The
grader says which key points an answer missed, contradicted or only touched, and which common mistake
it made; the bank says which follow-up probes which key point. The order is by how sure the grader is:
on the graded answer set (``benchmarks/follow_up_targets.py``) a point it calls missed is missing in
99 % of cases, one it calls contradicted is really wrong or missing in about 75 %, a stated mistake
bears on a real gap about half the time. So a missed point first, then a contradicted one (quoting
what was said), then a common mistake, then a half-made point; but an answer with as many points
contradicted as missed is more wrong than incomplete, and is challenged on what it got wrong first.
Among several gaps of a kind, the one the answer came least close to. Each gets its bank follow-up,
else a question built from the key point. With no gap, a broader follow-up (one that probes no single
point: the senior angle). Without a grade (grading off, or the model missing) the bank's follow-ups
are drawn, the same for a session and position. The report lists every contradicted point and mistake
either way.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from gauntlet.bank.model import FollowUp, Question
from gauntlet.grade.result import Grade, KeyPointResult

# What the interviewer asks about a claim no bank follow-up probes: defend it, without being told the answer.
_CHALLENGE = "Walk me through why that holds, and what you would expect to observe if it did not."
# A quote from the answer longer than this is cut at a word boundary: the follow-up quotes, not re-reads.
QUOTE_CHARS = 160


class Aim(StrEnum):
    """What a follow-up was aimed at. Stored as its value with the mock answer."""

    CONTRADICTED = "contradicted"  # the answer asserted the opposite of a key point
    PITFALL = "pitfall"  # the answer stated one of the question's common mistakes
    MISSED = "missed"  # the answer did not make a key point
    PARTLY = "partly"  # the answer only touched a key point
    SENIOR = "senior"  # nothing was missing: a broader question
    UNGRADED = "ungraded"  # no grade to aim with: one of the bank's follow-ups, drawn


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
    statuses = [result.status for result in grade.key_points]
    # An answer more wrong than incomplete is challenged on what it got wrong; otherwise the surer gap,
    # what it left out, comes first.
    wrong_first = statuses.count(Aim.CONTRADICTED) >= statuses.count(Aim.MISSED)
    for aim in (Aim.CONTRADICTED, Aim.MISSED) if wrong_first else (Aim.MISSED, Aim.CONTRADICTED):
        if (choice := _at_surest_gap(question, grade, aim, rng)) is not None:
            return choice
    if grade.pitfall is not None:
        return _at_pitfall(question, grade, rng)
    if (choice := _at_surest_gap(question, grade, Aim.PARTLY, rng)) is not None:
        return choice
    broader = [f for f in question.follow_ups if f.probes is None]
    if broader:
        return FollowUpChoice(rng.choice(broader).text, Aim.SENIOR)
    return FollowUpChoice(_senior_question(question), Aim.SENIOR)


def _at_surest_gap(question: Question, grade: Grade, aim: Aim, rng: random.Random) -> FollowUpChoice | None:
    """Aimed at the key point with status ``aim`` that the answer came least close to (ties: bank order);
    None when no point has that status."""
    gaps = [index for index, result in enumerate(grade.key_points) if result.status == aim]
    if not gaps:
        return None
    index = min(gaps, key=lambda i: grade.key_points[i].similarity)
    return _aimed_at(question, index, grade.key_points[index], aim, rng)


def _aimed_at(question: Question, index: int, result: KeyPointResult, aim: Aim, rng: random.Random) -> FollowUpChoice:
    point = question.key_points[index].text
    written = [f for f in question.follow_ups if f.probes == index]
    if aim is Aim.CONTRADICTED:
        said = _quote(result.span.text) if result.span and result.span.text.strip() else ""
        opener = f'You said: "{said}". ' if said else "Part of your answer contradicts a key idea here. "
        if written:
            return FollowUpChoice(opener + "Are you sure? " + rng.choice(written).text, aim, point)
        return FollowUpChoice(opener + "Are you sure? " + _CHALLENGE, aim, point)
    if written:
        return FollowUpChoice(rng.choice(written).text, aim, point)
    lead = "You did not get to this" if aim is Aim.MISSED else "You only touched on this"
    return FollowUpChoice(f"{lead}: {_sentence(point)} Why does it matter here, and what goes wrong "
                          "if it is ignored?", aim, point)


def _at_pitfall(question: Question, grade: Grade, rng: random.Random) -> FollowUpChoice:
    """Challenge a common mistake the answer stated, through the key point it bears on: the one the answer
    was making in the same words, else the one sharing the most content words with the mistake and its
    correction."""
    assert grade.pitfall is not None
    said = _quote(grade.pitfall.span.text) if grade.pitfall.span.text.strip() else ""
    opener = f'You said: "{said}". Are you sure? ' if said else "One thing you said is a common mistake. "
    index = _point_said_there(grade)
    if index is None:
        index = _closest_point(question, f"{grade.pitfall.mistake} {grade.pitfall.correction}")
    if index is None:
        return FollowUpChoice(opener + _CHALLENGE, Aim.PITFALL)
    written = [f for f in question.follow_ups if f.probes == index]
    ask = rng.choice(written).text if written else _CHALLENGE
    return FollowUpChoice(opener + ask, Aim.PITFALL, question.key_points[index].text)


def _point_said_there(grade: Grade) -> int | None:
    """The key point whose evidence in the answer overlaps the mistake's sentence the most: what the
    answer was trying to say when it said the mistake."""
    assert grade.pitfall is not None
    mistake = grade.pitfall.span
    overlaps = [max(0, min(k.span.end, mistake.end) - max(k.span.start, mistake.start)) if k.span else 0
                for k in grade.key_points]
    best = max(overlaps, default=0)
    return overlaps.index(best) if best > 0 else None


def _closest_point(question: Question, text: str) -> int | None:
    from gauntlet.grade.text import content_stems

    said = set(content_stems(text))
    shared = [len(said & set(content_stems(point.text))) for point in question.key_points]
    best = max(shared, default=0)
    return shared.index(best) if best > 0 else None


def _senior_question(question: Question) -> str:
    return (f"Good. Now as if you owned this in production: on \"{question.title}\", what would you "
            "monitor, what would you trade off, and how would you explain the choice to the business?")


def _probed_text(question: Question, follow_up: FollowUp) -> str | None:
    return question.key_points[follow_up.probes].text if follow_up.probes is not None else None


def _quote(text: str) -> str:
    text = " ".join(text.split()).rstrip(".,;: ")  # the sentence's own full stop would double the opener's
    if len(text) <= QUOTE_CHARS:
        return text
    cut = text[:QUOTE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."
