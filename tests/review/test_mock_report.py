"""The mock interview report: an interviewer's debrief per question, summaries that agree with the scores,
advice worded for each shell, and reports stored by older versions still read (issue 16 item 7, issue 18
item 4)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gauntlet.grade.result import Grade, KeyPointResult, PitfallMatch, SignalResult
from gauntlet.grade.signals import SIGNALS
from gauntlet.review.mock import AnswerStatus, MockAnswer, MockSession, SessionStatus, get_session, start_session
from gauntlet.review.mock_flow import current_turn, finish_with_report, save_draft, submit
from gauntlet.review.mock_plan import PlanItem
from gauntlet.review.mock_report import MockReport, Shell, build_report
from gauntlet.review.report_export import to_html, to_markdown

# A report as the version before typed reports stored it: made by that code (a 5-minute mock ended
# during the first question's follow-up, the second question skipped). It shows what this version
# fixes: "answered 0/2" with status "follow_up", Core Fundamentals under both strengths and weakest
# topics, "You showed shows data skepticism", and advice naming terminal commands (shown on the web too).
V1_REPORT = {
    "session_id": 1, "level": "all", "minutes": 5, "started_at": "2026-12-06T19:04:40.261841+00:00", "graded": True,
    "questions": [
        {"position": 1, "question_id": "my-overfitting", "title": "My overfitting question",
         "prompt": "What is overfitting?", "topic": "core-fundamentals", "topic_name": "Core Fundamentals",
         "difficulty": "beginner", "kind": "concept", "status": "follow_up",
         "answer": "The model memorises noise: training error is low but validation error is high, because it "
                   "fits the noise. Regularise or get more data.",
         "score": 4.0, "missed_key_points": ["Detect it with a held-out set."],
         "signals_shown": ["Explains the why", "Shows data skepticism"],
         "signals_absent": [
             {"name": "Names trade-offs", "tip": "Name a trade-off: what you give up for what you gain (accuracy vs "
                                                 "latency, bias vs variance, cost vs recall)."},
             {"name": "Links to business impact", "tip": "Tie it to impact: who is affected and how much (cost, "
                                                         "revenue, users, risk), ideally with a number."},
             {"name": "Gives concrete examples", "tip": "Add a concrete example: a specific case, dataset, or number "
                                                        "from a project makes the point stick."}],
         "time_used_s": 80.0, "budget_s": 150.0, "follow_up": "How do you detect it?", "follow_up_answer": None},
        {"position": 2, "question_id": "my-drift", "title": "My drift question",
         "prompt": "How do you notice that the inputs of a deployed model drift?", "topic": "mlops-production",
         "topic_name": "MLOps & Production", "difficulty": "advanced", "kind": "concept", "status": "skipped",
         "answer": "", "score": None, "missed_key_points": [], "signals_shown": [], "signals_absent": [],
         "time_used_s": 0.0, "budget_s": 150.0, "follow_up": None, "follow_up_answer": None}],
    "overall": {"planned": 2, "answered": 0, "timed_out": 0, "skipped": 1, "mean_score": 2.0, "time_used_s": 80.0},
    "by_topic": [{"topic": "core-fundamentals", "name": "Core Fundamentals", "count": 1, "mean_score": 4.0},
                 {"topic": "mlops-production", "name": "MLOps & Production", "count": 1, "mean_score": 0.0}],
    "strengths": ["Core Fundamentals (mean 4.0/5)", "You showed explains the why in 1 of 1 answers",
                  "You showed shows data skepticism in 1 of 1 answers"],
    "weakest_topics": ["MLOps & Production", "Core Fundamentals"],
    "practise_next": [
        "Re-answer \"My overfitting question\" (`gauntlet ask --id my-overfitting`) and cover: Detect it with a "
        "held-out set.",
        "Show names trade-offs (missing in 1 of 1 answers): Name a trade-off: what you give up for what you gain "
        "(accuracy vs latency, bias vs variance, cost vs recall).",
        "Drill MLOps & Production (`gauntlet drill --topic mlops-production`): it averaged 0.0/5."],
}


def test_a_report_stored_by_the_previous_version_loads_and_renders_in_todays_words():
    report = MockReport.from_dict(json.loads(json.dumps(V1_REPORT)))  # as read back from report_json
    assert report.version == 1
    first, second = report.questions
    assert (first.status, second.status) == ("answered", "skipped")  # the follow-up was cut, not the answer
    assert (report.overall.answered, report.overall.planned, report.overall.mean_score) == (1, 2, 2.0)
    assert report.strengths == ("Core Fundamentals: 4.0/5 over 1 question", "You explained the why in your answer",
                                "You questioned the data in your answer")
    assert report.topics_to_work_on_text == ("MLOps & Production (0.0/5)",)
    assert [s.id for s in first.signals_shown] == ["why", "data_skepticism"]  # ids found from the names
    assert first.debrief.strong == ("You explained the why and questioned the data.",)
    assert first.debrief.missing == ("Not covered: Detect it with a held-out set.",
                                     "Not shown: trade-offs, business impact and concrete examples.",
                                     "The follow-up went unanswered.")
    assert second.debrief.missing == ("No answer: the interview ended before this question.",)

    cli = [step.markdown(Shell.CLI) for step in report.practise_next]
    web = [step.markdown(Shell.WEB) for step in report.practise_next]
    assert cli[0] == ("Re-answer “My overfitting question” and cover: Detect it with a held-out set. "
                      "→ `gauntlet ask --id my-overfitting`")
    assert web[0] == ("Re-answer “My overfitting question” and cover: Detect it with a held-out set. "
                      "→ [answer it again](/questions/my-overfitting)")
    assert web[2] == ("Review MLOps & Production: it averaged 0.0/5. "
                      "→ [review MLOps & Production](/review?topic=mlops-production)")
    assert not any("gauntlet" in step for step in web)

    markdown = to_markdown(report)
    assert "answered 1/2" in markdown and "| answered |" in markdown
    assert "follow up" not in markdown and "You showed" not in markdown
    page = to_html(report, Shell.WEB, base_url="http://127.0.0.1:8000/")
    assert '<a href="http://127.0.0.1:8000/questions/my-overfitting">answer it again</a>' in page
    assert "gauntlet " not in page
    assert MockReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report  # stored again as version 2


def _grade(score: float, covered=(), missed=(), contradicted=(), shown=(), pitfall=None) -> Grade:
    points = ([KeyPointResult(t, "covered", 0.9, None) for t in covered]
              + [KeyPointResult(t, "missed", 0.1, None) for t in missed]
              + [KeyPointResult(t, "contradicted", 0.8, None, contradicted=True) for t in contradicted])
    signals = tuple(SignalResult(s.id, s.name, s.id in shown, None, s.tip) for s in SIGNALS)
    return Grade(score, "strong" if score >= 3.75 else "partial", "", tuple(points), signals,
                 PitfallMatch(*pitfall, 0.9, None) if pitfall else None)


def _session(plan: list[PlanItem], answers: list[MockAnswer]) -> MockSession:
    return MockSession(7, 1, "all", 10, tuple(plan), SessionStatus.FINISHED, dt.datetime(2026, 12, 6, tzinfo=dt.UTC),
                       None, tuple(answers))


def test_each_question_gets_what_was_strong_what_was_missing_and_what_to_do_next(bank):
    plan = [PlanItem("my-overfitting", 300.0), PlanItem("my-drift", 300.0)]
    session = _session(plan, [
        MockAnswer(0, "my-overfitting", AnswerStatus.ANSWERED, "It memorises noise.", 100.0, "How?", "A held-out set."),
        MockAnswer(1, "my-drift", AnswerStatus.TIMED_OUT, "Watch the inputs", 300.0)])
    grades = {0: _grade(4.0, covered=["Training error is low."], shown=["tradeoffs", "examples"]),
              1: _grade(1.5, missed=["Compare feature distributions."], contradicted=["PSI above 0.25 means drift."],
                        pitfall=("Accuracy shows drift at once.", "Labels arrive late; watch the inputs."))}
    report = build_report(session, bank, grades)
    strong, weak = report.questions
    assert strong.debrief.strong == ("Covered: Training error is low.",
                                     "You named trade-offs and gave concrete examples.", "You took the follow-up.")
    assert strong.debrief.next_step.text.startswith("Re-answer it, this time: ")  # a signal it did not show
    assert weak.debrief.missing[:4] == (
        "Time ran out before the answer was finished.", "Said the opposite of: PSI above 0.25 means drift.",
        "Fell into a common mistake: “Accuracy shows drift at once.” In fact: Labels arrive late; watch the inputs.",
        "Not covered: Compare feature distributions.")
    # A wrong claim is fixed by reading, not by re-answering: the step links the model answer.
    assert weak.debrief.next_step.markdown(Shell.WEB) == (
        "Read the model answer to it: you said the opposite of: PSI above 0.25 means drift. "
        "→ [read the model answer](/questions/my-drift?reveal=1)")
    assert weak.debrief.next_step.markdown(Shell.CLI).endswith("→ `gauntlet show my-drift --answer`")
    assert report.overall.timed_out == 1 and report.overall.answered == 2
    assert len(report.practise_next) == 3 and len(set(report.practise_next)) == 3
    assert report.practise_next[0].text.startswith("Read the model answer to “My drift question”")


@pytest.mark.parametrize("scores", [(4.0,), (4.0, 4.5), (4.0, 1.0), (3.5, 3.4), (1.0, 0.5)])
def test_no_topic_is_both_a_strength_and_one_to_work_on(bank, scores):
    ids = ["my-overfitting", "my-drift"][:len(scores)]
    session = _session([PlanItem(i, 300.0) for i in ids],
                       [MockAnswer(n, i, AnswerStatus.ANSWERED, "an answer", 60.0) for n, i in enumerate(ids)])
    report = build_report(session, bank, {n: _grade(s) for n, s in enumerate(scores)})
    strong = {t.name for t in report.by_topic if any(s.startswith(t.name) for s in report.strengths)}
    weak = {t.name for t in report.topics_to_work_on}
    assert not strong & weak
    assert strong | weak == {t.name for t in report.by_topic}  # every graded topic is said to be one or the other
    if not weak:
        assert report.topics_to_work_on_text == ("None: every topic averaged 3.5/5 or more.",)
        assert not any(step.text.startswith("Drill") for step in report.practise_next)


def test_strengths_name_signals_in_plain_words(bank):
    session = _session([PlanItem("my-drift", 300.0)], [MockAnswer(0, "my-drift", AnswerStatus.ANSWERED, "x", 60.0)])
    report = build_report(session, bank, {0: _grade(2.0, shown=[s.id for s in SIGNALS])})
    assert report.strengths == ("You explained the why in your answer", "You named trade-offs in your answer",
                                "You tied the answer to business impact in your answer",
                                "You questioned the data in your answer", "You gave concrete examples in your answer")


def test_ending_during_the_follow_up_reports_the_answer_as_answered(store, bank):
    """The issue's report: a mock ended while its follow-up was open said "answered 0/1", status "follow up"."""
    plan = [PlanItem("my-overfitting", 300.0), PlanItem("my-drift", 300.0)]
    session = start_session(store, "all", 10, plan, user_id=store.local_user_id)
    turn = current_turn(store, bank, session.id, store.local_user_id)
    turn = save_draft(store, turn, "", time_used_s=60.0)
    answer = ("Overfitting is when the model memorises noise in the training data, so training error is low while "
              "validation error on held-out data is high. Regularisation or more data reduce it.")
    assert submit(store, turn, answer).status == AnswerStatus.FOLLOW_UP
    report = finish_with_report(store, bank, get_session(store, session.id, store.local_user_id))
    first = report.questions[0]
    assert first.status == "answered" and first.score is not None
    assert (report.overall.answered, report.overall.planned) == (1, 2)
    assert "The follow-up went unanswered." in first.debrief.missing
    stored = get_session(store, session.id, store.local_user_id)
    assert stored.answer_at(0).status == AnswerStatus.ANSWERED  # the session says what the report says
    assert stored.report == report
