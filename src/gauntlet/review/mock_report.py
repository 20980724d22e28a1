"""The mock interview report: an interviewer's debrief of one session.

Per question: what was strong, what was missing, what to practise next. For the whole interview:
scores by topic, strengths, topics to work on, and three things to practise next.

The report stores only what happened (``MockReport`` and its ``QuestionResult`` rows, as JSON with the
session: ``to_dict``/``from_dict``). Everything said about it (counts, means, debriefs, advice) is
computed from those facts when read, so a report stored by an older version reads in today's words,
and advice can never disagree with the scores it is about.

Advice is worded for neither shell: a ``Step`` says what to do and names where as a ``Practice``, which
the terminal shows as a command and the browser as a link (``Step.markdown``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from statistics import mean
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from gauntlet.bank.model import Bank, Question
    from gauntlet.grade.result import Grade
    from gauntlet.review.mock import MockAnswer, MockSession
    from gauntlet.review.mock_plan import PlanItem

# Version 1 (before typed reports) stored its summaries as text worded for the terminal; version 2
# stores only the facts.
REPORT_VERSION = 2
# A topic averaging at least this is a strength; below it, a topic to work on. Never both.
STRONG_SCORE = 3.5
# Topics listed to work on, weakest first.
TOPICS_TO_WORK_ON = 2
PRACTISE_STEPS = 3


class Shell(StrEnum):
    """Who shows a step: the terminal names a command, the browser links a page."""

    CLI = "cli"
    WEB = "web"


# A question's outcome in a report. An answer still open when the interview ended is closed by
# ``closed_status``; older reports may hold the open ones, read back the same way.
ANSWERED, TIMED_OUT, SKIPPED = "answered", "timed_out", "skipped"
_OPEN_MAIN_ANSWER, _OPEN_FOLLOW_UP = "in_progress", "follow_up"


def closed_status(status: str | None, answer: str) -> str:
    """What an answer's status becomes when the interview ends: a follow-up cut short leaves its main
    answer answered; a main answer cut short timed out (or was skipped, if nothing was typed)."""
    if status is None:
        return SKIPPED
    if status == _OPEN_FOLLOW_UP:
        return ANSWERED
    if status == _OPEN_MAIN_ANSWER:
        return TIMED_OUT if answer.strip() else SKIPPED
    return status


# How the debrief says each interview signal (ids of grade.signals): done, and its name as a thing.
SIGNAL_WORDS: dict[str, tuple[str, str]] = {
    "why": ("explained the why", "the why"),
    "tradeoffs": ("named trade-offs", "trade-offs"),
    "business_impact": ("tied the answer to business impact", "business impact"),
    "data_skepticism": ("questioned the data", "data skepticism"),
    "examples": ("gave concrete examples", "concrete examples"),
}


@dataclass(frozen=True)
class SignalNote:
    """An interview signal as a report keeps it."""

    id: str  # a grade.signals id; "" for a name no longer known (a report stored long ago)
    name: str  # the grader's name for it: "Names trade-offs"
    tip: str = ""  # how to show it

    @property
    def done(self) -> str:
        """What the candidate did, after "You": "named trade-offs"."""
        return SIGNAL_WORDS[self.id][0] if self.id in SIGNAL_WORDS else f"showed “{self.name}”"

    @property
    def thing(self) -> str:
        """The signal as a thing one shows or misses: "trade-offs"."""
        return SIGNAL_WORDS[self.id][1] if self.id in SIGNAL_WORDS else f"“{self.name}”"

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "tip": self.tip}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> SignalNote:
        """Also reads version 1, which kept a shown signal as its name and an absent one as {name, tip}."""
        if isinstance(data, str):
            return cls(_signal_id(data), data)
        name = str(data["name"])
        return cls(str(data.get("id") or _signal_id(name)), name, str(data.get("tip", "")))


def _signal_id(name: str) -> str:
    from gauntlet.grade.signals import SIGNALS  # only reports from before signal ids were kept need it

    return next((s.id for s in SIGNALS if s.name == name), "")


@dataclass(frozen=True)
class PitfallNote:
    """A common wrong belief the answer fell into, and what is true."""

    mistake: str
    correction: str

    def to_dict(self) -> dict[str, str]:
        return {"mistake": self.mistake, "correction": self.correction}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> PitfallNote | None:
        return cls(str(data["mistake"]), str(data["correction"])) if data else None


@dataclass(frozen=True)
class Practice:
    """Where to practise, said once per shell: the command the terminal runs, and the page the browser
    opens with the words that link to it (as ``errors.Hint`` does for errors)."""

    command: str  # "gauntlet ask --id precision-vs-recall"
    url: str  # "/questions/precision-vs-recall", relative to the web app
    label: str  # "answer it again"


@dataclass(frozen=True)
class Step:
    """One thing to practise: what to do (Markdown, in neither shell's words), and where."""

    text: str
    where: Practice | None = None

    def markdown(self, shell: Shell | str, base_url: str = "") -> str:
        """The step for ``shell``: the terminal's ends with its command, the browser's with a link.
        ``base_url`` makes the link absolute (a saved file opened outside the app)."""
        if self.where is None:
            return self.text
        if Shell(shell) == Shell.CLI:
            return f"{self.text} → `{self.where.command}`"
        return f"{self.text} → [{self.where.label}]({base_url.rstrip('/')}{self.where.url})"


def _ask(question_id: str) -> Practice:
    return Practice(f"gauntlet ask --id {question_id}", f"/questions/{quote(question_id)}", "answer it again")


def _model_answer(question_id: str) -> Practice:
    return Practice(f"gauntlet show {question_id} --answer", f"/questions/{quote(question_id)}?reveal=1",
                    "read the model answer")


def _review_topic(topic: str, name: str) -> Practice:
    return Practice(f"gauntlet review --topic {topic}", f"/review?topic={quote(topic)}", f"review {name}")


_TIPS = Practice("gauntlet tips", "/tips", "the interview tips")


def _mock(level: str, minutes: int) -> Practice:
    return Practice(f"gauntlet mock --level {level} --minutes {minutes}", "/mock", "start a mock interview")


@dataclass(frozen=True)
class Debrief:
    """What an interviewer would say about one answer."""

    strong: tuple[str, ...]  # Markdown lines
    missing: tuple[str, ...]
    next_step: Step


@dataclass(frozen=True)
class QuestionResult:
    """One planned question: what was asked, what was answered, how it was graded."""

    position: int  # 1-based
    question_id: str
    title: str
    prompt: str
    topic: str
    topic_name: str
    difficulty: str
    kind: str
    status: str  # ANSWERED, TIMED_OUT or SKIPPED
    answer: str
    time_used_s: float  # main answer and follow-up
    budget_s: float
    score: float | None = None  # 0-5; None when not graded (no grader, or nothing typed)
    label: str = ""  # the grader's few words for the score ("strong", "partial"...)
    covered_key_points: tuple[str, ...] = ()
    partly_key_points: tuple[str, ...] = ()
    missed_key_points: tuple[str, ...] = ()  # version 1 kept the contradicted ones here too
    contradicted_key_points: tuple[str, ...] = ()
    pitfall: PitfallNote | None = None
    signals_shown: tuple[SignalNote, ...] = ()
    signals_absent: tuple[SignalNote, ...] = ()
    follow_up: str | None = None
    follow_up_answer: str | None = None
    follow_up_aim: str | None = None  # review.follow_up.Aim value; None in reports before adaptive follow-ups
    follow_up_target: str | None = None  # the key point the follow-up probed

    @property
    def answered(self) -> bool:
        return bool(self.answer.strip())

    @property
    def heading(self) -> str:
        """"2. Precision vs recall — 3.3/5, partial" (or "— no answer", or the title alone if not graded)."""
        if self.score is None:
            return f"{self.position}. {self.title}" + ("" if self.answered else " — no answer")
        label = f", {self.label}" if self.label else ""
        return f"{self.position}. {self.title} — {score_text(self.score)}{label}"

    @property
    def follow_up_reason(self) -> str | None:
        """Why this follow-up was asked: the gap it targeted (None without a follow-up, or in old reports)."""
        from gauntlet.review.follow_up import Aim

        if not self.follow_up or not self.follow_up_aim:
            return None
        target = self.follow_up_target
        reasons: dict[str, str] = {  # by the stored value: an aim this version does not know says nothing
            Aim.CONTRADICTED: f"Targeted what you said the opposite of: {target}",
            Aim.PITFALL: "Targeted a common mistake your answer made"
                       + (f", on the point: {target}" if target else "."),
            Aim.MISSED: f"Targeted a point your answer missed: {target}",
            Aim.PARTLY: f"Targeted a point your answer only touched: {target}",
            Aim.SENIOR: "Your answer left no key point out, so it went broader: the senior angle.",
            Aim.UNGRADED: "Drawn from the question's follow-ups (the answer was not graded during the interview)"
                        + (f"; it probes: {target}" if target else "."),
        }
        return reasons.get(self.follow_up_aim)

    @cached_property
    def debrief(self) -> Debrief:
        return Debrief(_strong_points(self), _missing_points(self), _next_step(self, "it"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position, "question_id": self.question_id, "title": self.title, "prompt": self.prompt,
            "topic": self.topic, "topic_name": self.topic_name, "difficulty": self.difficulty, "kind": self.kind,
            "status": self.status, "answer": self.answer, "time_used_s": self.time_used_s,
            "budget_s": self.budget_s, "score": self.score, "label": self.label,
            "covered_key_points": list(self.covered_key_points), "partly_key_points": list(self.partly_key_points),
            "missed_key_points": list(self.missed_key_points),
            "contradicted_key_points": list(self.contradicted_key_points),
            "pitfall": self.pitfall.to_dict() if self.pitfall else None,
            "signals_shown": [s.to_dict() for s in self.signals_shown],
            "signals_absent": [s.to_dict() for s in self.signals_absent],
            "follow_up": self.follow_up, "follow_up_answer": self.follow_up_answer,
            "follow_up_aim": self.follow_up_aim, "follow_up_target": self.follow_up_target,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuestionResult:
        answer = str(data.get("answer") or "")
        score = data.get("score")
        return cls(
            position=int(data["position"]), question_id=str(data["question_id"]), title=str(data["title"]),
            prompt=str(data.get("prompt", "")), topic=str(data.get("topic", "")),
            topic_name=str(data.get("topic_name", "")), difficulty=str(data.get("difficulty", "")),
            kind=str(data.get("kind", "")), status=closed_status(data.get("status"), answer), answer=answer,
            time_used_s=float(data.get("time_used_s", 0.0)), budget_s=float(data.get("budget_s", 0.0)),
            score=None if score is None else float(score), label=str(data.get("label", "")),
            covered_key_points=_texts(data, "covered_key_points"), partly_key_points=_texts(data, "partly_key_points"),
            missed_key_points=_texts(data, "missed_key_points"),
            contradicted_key_points=_texts(data, "contradicted_key_points"),
            pitfall=PitfallNote.from_dict(data.get("pitfall")),
            signals_shown=tuple(SignalNote.from_dict(s) for s in data.get("signals_shown", [])),
            signals_absent=tuple(SignalNote.from_dict(s) for s in data.get("signals_absent", [])),
            follow_up=data.get("follow_up"), follow_up_answer=data.get("follow_up_answer"),
            follow_up_aim=data.get("follow_up_aim"), follow_up_target=data.get("follow_up_target"),
        )


def _texts(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(text) for text in data.get(key, []))


@dataclass(frozen=True)
class Overall:
    planned: int
    answered: int  # something was typed (in time, or when its time ran out)
    timed_out: int
    skipped: int  # nothing typed
    mean_score: float | None  # over every planned question, a blank one counting 0; None when not graded
    time_used_s: float


@dataclass(frozen=True)
class TopicScore:
    topic: str
    name: str
    count: int
    mean_score: float | None  # None when not graded


@dataclass(frozen=True)
class MockReport:
    """A finished mock interview: the session's facts and its questions' results. The summaries are
    properties computed from them (see the module docstring)."""

    session_id: int
    level: str
    minutes: int
    started_at: dt.datetime
    questions: tuple[QuestionResult, ...]
    version: int = field(default=REPORT_VERSION, compare=False)  # the version it was stored as

    @property
    def graded(self) -> bool:
        return any(q.score is not None for q in self.questions)

    @cached_property
    def overall(self) -> Overall:
        return _overall(self.questions)

    @cached_property
    def by_topic(self) -> tuple[TopicScore, ...]:
        return _by_topic(self.questions)

    @cached_property
    def strengths(self) -> tuple[str, ...]:
        return _strengths(self.questions, self.by_topic)

    @cached_property
    def topics_to_work_on(self) -> tuple[TopicScore, ...]:
        """Topics below STRONG_SCORE, weakest first (never one listed as a strength)."""
        below = [t for t in self.by_topic if t.mean_score is not None and t.mean_score < STRONG_SCORE]
        return tuple(sorted(below, key=lambda t: t.mean_score or 0.0)[:TOPICS_TO_WORK_ON])

    @property
    def topics_to_work_on_text(self) -> tuple[str, ...]:
        """The topics to work on as the report lists them, or why it lists none."""
        if not self.graded:
            return ("(not graded)",)
        return (tuple(f"{t.name} ({score_text(t.mean_score)})" for t in self.topics_to_work_on)
                or (f"None: every topic averaged {STRONG_SCORE}/5 or more.",))

    @cached_property
    def practise_next(self) -> tuple[Step, ...]:
        return _practise_next(self)

    def to_dict(self) -> dict[str, Any]:
        return {"version": REPORT_VERSION, "session_id": self.session_id, "level": self.level,
                "minutes": self.minutes, "started_at": self.started_at.isoformat(),
                "questions": [q.to_dict() for q in self.questions]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MockReport:
        """Any stored version. Version 1's summaries (text for the terminal only, and what this version
        fixed in them) are not read: they are computed again from its questions."""
        started = dt.datetime.fromisoformat(str(data["started_at"]))
        return cls(int(data["session_id"]), str(data["level"]), int(data["minutes"]),
                   started if started.tzinfo else started.replace(tzinfo=dt.UTC),
                   tuple(QuestionResult.from_dict(q) for q in data["questions"]), int(data.get("version", 1)))


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}/5"


# --- Building a report from a session ------------------------------------------------------------------


def build_report(session: MockSession, bank: Bank, grades: Mapping[int, Grade | None]) -> MockReport:
    """The report of ``session`` (finished, or being finished: open answers are closed as
    ``closed_status`` says). ``grades`` maps plan position to the grade of its answer, if any."""
    questions = {q.id: q for q in bank.questions}
    topic_names = {t.id: t.name for t in bank.topics}
    results = tuple(
        _question_result(position, item, questions.get(item.question_id), session.answer_at(position),
                         grades.get(position), topic_names)
        for position, item in enumerate(session.plan))
    return MockReport(session.id, session.level, session.minutes, session.started_at, results)


def _question_result(position: int, item: PlanItem, question: Question | None, answer: MockAnswer | None,
                     grade: Grade | None, topic_names: Mapping[str, str]) -> QuestionResult:
    """One row; a question no longer in the bank keeps its id as its title."""
    text = answer.answer if answer else ""
    topic = question.topic if question else ""
    result = QuestionResult(
        position=position + 1, question_id=item.question_id, title=question.title if question else item.question_id,
        prompt=question.prompt if question else "", topic=topic, topic_name=topic_names.get(topic, topic),
        difficulty=question.difficulty if question else "", kind=question.kind if question else "",
        status=closed_status(answer.status if answer else None, text), answer=text,
        time_used_s=round(answer.time_used_s + answer.follow_up_time_s, 1) if answer else 0.0,
        budget_s=item.budget_s, follow_up=answer.follow_up if answer else None,
        follow_up_answer=answer.follow_up_answer if answer else None,
        follow_up_aim=answer.follow_up_aim if answer else None,
        follow_up_target=answer.follow_up_target if answer else None)
    return _with_grade(result, grade) if grade is not None and grade.score is not None else result


def _with_grade(result: QuestionResult, grade: Grade) -> QuestionResult:
    def points(*statuses: str) -> tuple[str, ...]:
        return tuple(k.text for k in grade.key_points if k.status in statuses)

    return replace(
        result, score=None if grade.score is None else round(grade.score, 2), label=grade.label,
        covered_key_points=points("covered"), partly_key_points=points("partly"), missed_key_points=points("missed"),
        contradicted_key_points=points("contradicted"),
        pitfall=PitfallNote(grade.pitfall.mistake, grade.pitfall.correction) if grade.pitfall else None,
        signals_shown=tuple(SignalNote(s.id, s.name) for s in grade.signals if s.present),
        signals_absent=tuple(SignalNote(s.id, s.name, s.tip) for s in grade.signals if not s.present))


# --- What a report says, computed from its facts -------------------------------------------------------


def _overall(questions: tuple[QuestionResult, ...]) -> Overall:
    graded = any(q.score is not None for q in questions)
    return Overall(
        planned=len(questions), answered=sum(q.answered for q in questions),
        timed_out=sum(q.status == TIMED_OUT for q in questions), skipped=sum(not q.answered for q in questions),
        # A planned question left blank counts as 0: running out of time is part of the result.
        mean_score=round(mean(q.score or 0.0 for q in questions), 2) if graded and questions else None,
        time_used_s=round(sum(q.time_used_s for q in questions), 1))


def _by_topic(questions: tuple[QuestionResult, ...]) -> tuple[TopicScore, ...]:
    graded = any(q.score is not None for q in questions)
    topics = []
    for topic in dict.fromkeys(q.topic for q in questions if q.topic):
        asked = [q for q in questions if q.topic == topic]
        topics.append(TopicScore(topic, asked[0].topic_name or topic, len(asked),
                                 round(mean(q.score or 0.0 for q in asked), 2) if graded else None))
    return tuple(topics)


def _graded_answers(questions: tuple[QuestionResult, ...]) -> list[QuestionResult]:
    return [q for q in questions if q.score is not None and q.answered]


def _strengths(questions: tuple[QuestionResult, ...], by_topic: tuple[TopicScore, ...]) -> tuple[str, ...]:
    graded = _graded_answers(questions)
    if not graded:
        return ("Not graded: strengths need the answer grader.",)
    strengths = [f"{t.name}: {t.mean_score:.1f}/5 over {_count(t.count, 'question')}" for t in by_topic
                 if t.mean_score is not None and t.mean_score >= STRONG_SCORE]
    shown = Counter(s for q in graded for s in _unique(q.signals_shown))
    strengths += [f"You {signal.done} {_in_answers(count, len(graded))}"
                  for signal, count in shown.most_common() if count * 2 >= len(graded)]
    return tuple(strengths) or (f"No clear strength yet: no topic averaged {STRONG_SCORE}/5 or more.",)


def _unique(signals: tuple[SignalNote, ...]) -> list[SignalNote]:
    """One note per signal, without its tip (the same signal's tip may differ between grader versions)."""
    return list(dict.fromkeys(SignalNote(s.id, s.name) for s in signals))


def _and(phrases: Iterable[str]) -> str:
    """"a, b and c"."""
    items = list(phrases)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _in_answers(count: int, graded: int) -> str:
    return "in your answer" if graded == 1 else f"in {count} of {graded} answers"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _strong_points(q: QuestionResult) -> tuple[str, ...]:
    if q.score is None:
        return ()
    strong = [f"Covered: {point}" for point in q.covered_key_points]
    if q.signals_shown:
        strong.append(f"You {_and(s.done for s in q.signals_shown)}.")
    if q.follow_up and (q.follow_up_answer or "").strip():
        strong.append("You took the follow-up.")
    return tuple(strong) or ("Nothing the grader could credit: no key point covered and no interview signal.",)


def _missing_points(q: QuestionResult) -> tuple[str, ...]:
    if not q.answered:
        return ("No answer: " + ("its time ran out before anything was typed." if q.status == TIMED_OUT
                                 else "the interview ended before this question."),)
    missing = ["Time ran out before the answer was finished."] if q.status == TIMED_OUT else []
    if q.score is None:
        return tuple(missing)
    missing += [f"Said the opposite of: {point}" for point in q.contradicted_key_points]
    if q.pitfall:
        missing.append(f"Fell into a common mistake: “{q.pitfall.mistake}” In fact: {q.pitfall.correction}")
    missing += [f"Not covered: {point}" for point in q.missed_key_points]
    missing += [f"Only partly covered: {point}" for point in q.partly_key_points]
    if q.signals_absent:
        missing.append(f"Not shown: {_and(s.thing for s in q.signals_absent)}.")
    if q.follow_up and not (q.follow_up_answer or "").strip():
        missing.append("The follow-up went unanswered.")
    return tuple(missing)


def _next_step(q: QuestionResult, subject: str) -> Step:
    """The one thing to do next about ``q``; ``subject`` names it ("it", or its title in quotes)."""
    if not q.answered:
        return Step(f"Answer {subject} on the clock: one sentence that answers it, then the why, then an example.",
                    _ask(q.question_id))
    if q.score is None:
        return Step(f"Compare your answer to {subject} with the model answer, point by point.",
                    _model_answer(q.question_id))
    if q.contradicted_key_points:
        return Step(f"Read the model answer to {subject}: you said the opposite of: {q.contradicted_key_points[0]}",
                    _model_answer(q.question_id))
    if q.pitfall:
        return Step(f"Read the model answer to {subject}: {q.pitfall.correction}", _model_answer(q.question_id))
    unsaid = q.missed_key_points + q.partly_key_points
    if unsaid:
        return Step(f"Re-answer {subject} and cover: {unsaid[0]}", _ask(q.question_id))
    if q.signals_absent:
        return Step(f"Re-answer {subject}, this time: {q.signals_absent[0].tip}", _ask(q.question_id))
    return Step(f"Go further in {q.topic_name or 'this topic'}: its harder questions.",
                _review_topic(q.topic, q.topic_name))


def _practise_next(report: MockReport) -> tuple[Step, ...]:
    """Exactly PRACTISE_STEPS next steps, most useful first, none said twice."""
    candidates = [*_weakest_answer_step(report), *_signal_step(report), *_topic_step(report), *_pacing_step(report),
                  *_other_answer_steps(report), *_fallback_steps(report)]
    steps = list(dict.fromkeys(candidates))
    return tuple(steps[:PRACTISE_STEPS])


def _by_score(report: MockReport) -> list[QuestionResult]:
    """Graded answers with something to fix, lowest score first."""
    return sorted((q for q in _graded_answers(report.questions) if q.debrief.missing), key=lambda q: q.score or 0.0)


def _weakest_answer_step(report: MockReport) -> list[Step]:
    return [_next_step(q, f"“{q.title}”") for q in _by_score(report)[:1]]


def _signal_step(report: MockReport) -> list[Step]:
    graded = _graded_answers(report.questions)
    absent = Counter(s for q in graded for s in _unique(q.signals_absent))
    if not absent:
        return []
    signal, count = absent.most_common(1)[0]
    tip = next(s.tip for q in graded for s in q.signals_absent if SignalNote(s.id, s.name) == signal)
    return [Step(f"Missing {_in_answers(count, len(graded))}: {signal.thing}. {tip}".strip(), _TIPS)]


def _topic_step(report: MockReport) -> list[Step]:
    return [Step(f"Review {t.name}: it averaged {t.mean_score:.1f}/5.", _review_topic(t.topic, t.name))
            for t in report.topics_to_work_on[:1]]


def _pacing_step(report: MockReport) -> list[Step]:
    blank = report.overall.skipped
    if not blank:
        return []
    return [Step(f"{_count(blank, 'question')} got no answer in time: lead with a one-sentence answer, then the "
                 "why, then one example, so the clock never leaves you empty-handed.",
                 _mock(report.level, report.minutes))]


def _other_answer_steps(report: MockReport) -> list[Step]:
    return [_next_step(q, f"“{q.title}”") for q in _by_score(report)[1:]]


def _fallback_steps(report: MockReport) -> list[Step]:
    return [Step("Run a longer or harder mock to find your limits.", _mock("senior", 45)),
            Step("Explain one answer aloud to a non-specialist in under two minutes: clarity is graded too."),
            Step("Review the interview tips and apply one to every answer.", _TIPS)]
