"""Mock interview core: plans, the line editor, sessions that resume, reports that say what to practise."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from gauntlet.bank import load_bank
from gauntlet.cli.timed_input import LineEditor, clock
from gauntlet.errors import InputError
from gauntlet.grade.result import Grade, KeyPointResult, SignalResult
from gauntlet.review.mock import (
    MockAnswer,
    finish_session,
    get_session,
    latest_running_session,
    save_progress,
    start_session,
)
from gauntlet.review.mock_plan import LEVELS, MIN_QUESTIONS, build_plan, question_minutes
from gauntlet.review.mock_report import MockReport, QuestionResult, build_report
from gauntlet.review.report_export import to_html, to_markdown


@pytest.fixture(scope="module")
def shipped():
    bank = load_bank()
    if len(bank.questions) < 20:
        pytest.fail("the shipped bank is needed for plan tests")
    return bank


@pytest.mark.parametrize("level", ["fresher", "all", "senior"])
def test_plans_fill_the_time_balance_topics_and_rise_in_difficulty(shipped, level):
    rank = {"beginner": 0, "intermediate": 1, "advanced": 2}
    plan = build_plan(shipped, 30, level, rng=random.Random(3))
    questions = [shipped.question(p.question_id) for p in plan]
    assert abs(sum(p.budget_s for p in plan) - 30 * 60) < 1.0
    assert len(questions) >= 4 and len({q.id for q in questions}) == len(questions)
    topics = Counter(q.topic for q in questions)
    assert max(topics.values()) - min(topics.values()) <= 1, topics  # balanced across topics
    ordered = [q for q in questions if not (level == "senior" and q.kind == "scenario")]
    assert [rank[q.difficulty] for q in ordered] == sorted(rank[q.difficulty] for q in ordered)
    if level == "senior":
        assert questions[-1].kind == "scenario"
        assert all(q.difficulty != "beginner" for q in questions)
    if level == "fresher":
        assert all(q.difficulty != "advanced" for q in questions)
    assert build_plan(shipped, 30, level, rng=random.Random(3)) == plan  # same seed, same plan


def test_plan_prefers_least_practised_and_checks_inputs(shipped):
    first = build_plan(shipped, 20, "all", rng=random.Random(1))
    practised = {p.question_id: 5 for p in first}
    second = build_plan(shipped, 20, "all", rng=random.Random(1), practised=practised)
    assert not {p.question_id for p in first} & {p.question_id for p in second}
    with pytest.raises(InputError):
        build_plan(shipped, 30, "guru")
    with pytest.raises(InputError):
        build_plan(shipped, 2, "all")
    one_topic = build_plan(shipped, 15, "all", topics=["mlops-production"], rng=random.Random(0))
    assert {shipped.question(p.question_id).topic for p in one_topic} == {"mlops-production"}
    assert question_minutes(shipped.question("distribution-shift-every-six-hours")) == 8.0


@pytest.mark.parametrize("level", LEVELS)
def test_a_five_minute_mock_is_a_short_interview_not_one_question(shipped, level):
    for seed in range(5):
        plan = build_plan(shipped, 5, level, rng=random.Random(seed))
        questions = [shipped.question(p.question_id) for p in plan]
        assert len(plan) >= MIN_QUESTIONS
        assert abs(sum(p.budget_s for p in plan) - 300) < 1.0
        assert all(q.kind != "scenario" for q in questions)  # 2.5 minutes leave no room for a scenario
        assert len({q.topic for q in questions}) == len(questions)
    senior = [shipped.question(p.question_id) for p in build_plan(shipped, 15, "senior", rng=random.Random(0))]
    assert senior[-1].kind == "scenario"  # room for a scenario and a question before it


def test_line_editor_keys():
    editor = LineEditor("draft")
    editor.feed(" text\x7f\x7fxt\nsecond line\x15third\x1b[A\x1b[1;5C")
    assert editor.text == "draft text\nthird" and not editor.submitted
    editor.feed("\n.\r")
    assert editor.submitted and editor.text == "draft text\nthird"
    editor.feed("ignored")
    assert editor.text == "draft text\nthird"
    ctrl_d = LineEditor()
    ctrl_d.feed("é 稀疏 🙂\tx\x04")
    assert ctrl_d.submitted and ctrl_d.text == "é 稀疏 🙂    x"
    assert (clock(61.2), clock(0), clock(-3)) == ("01:02", "00:00", "00:00")


def test_session_resumes_where_it_stopped_and_finishes_with_a_report(shipped, tmp_path):
    from gauntlet.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    plan = build_plan(shipped, 20, "all", rng=random.Random(2))
    session = start_session(store, "all", 20, plan, user_id=store.local_user_id)
    save_progress(store, session, MockAnswer(0, plan[0].question_id, "answered", "my first answer", 100.0))
    save_progress(store, session, MockAnswer(1, plan[1].question_id, "in_progress", "half typed", 40.0))
    resumed = latest_running_session(store, user_id=store.local_user_id)
    assert resumed.id == session.id and resumed.next_position() == 1
    assert resumed.answer_at(1).answer == "half typed"
    assert resumed.remaining_s == pytest.approx(20 * 60 - 140.0)

    grade = Grade(2.0, "weak", "", (KeyPointResult("Point A", "missed", 0.1, None),
                                     KeyPointResult("Point B", "covered", 0.9, None)),
                  (SignalResult("tradeoffs", "Names trade-offs", False, None, "Name what you give up."),
                   SignalResult("why", "Explains the why", True, None, "")))
    report = build_report(resumed, shipped, {0: grade})
    finished = finish_session(store, resumed, report)
    assert finished.status == "finished" and latest_running_session(store, user_id=store.local_user_id) is None
    assert [a.status for a in finished.answers] == ["answered", "timed_out"] + ["skipped"] * (len(plan) - 2)
    first = report.questions[0]
    assert first.score == 2.0 and first.missed_key_points == ("Point A",) and first.covered_key_points == ("Point B",)
    assert [s.id for s in first.signals_shown] == ["why"] and first.signals_absent[0].id == "tradeoffs"
    assert len(report.practise_next) == 3
    assert "Point A" in report.practise_next[0].text
    assert "trade-offs" in report.practise_next[1].text
    assert report.topics_to_work_on
    assert get_session(store, session.id, user_id=store.local_user_id).report == report
    markdown, page = to_markdown(report), to_html(report)
    assert "## Three things to practise next" in markdown and "Point A" in markdown
    assert page.startswith("<!doctype html>") and "data:image/png;base64," in page


@pytest.mark.slow
def test_the_html_report_renders_bank_markdown_and_escapes_answers():
    question = QuestionResult(1, "softmax", "Softmax", "Why subtract `max(x)` in **softmax**?", "deep-learning",
                              "Deep learning", "beginner", "concept", "answered", "Because `exp` <overflows>", 60.0,
                              120.0, score=4.0, missed_key_points=("Use `logsumexp` for the log.",))
    report = MockReport(7, "all", 10, dt.datetime(2026, 12, 6, 10, tzinfo=dt.UTC), (question,))
    page = to_html(report)
    assert "<code>max(x)</code>" in page and "<strong>softmax</strong>" in page and "<code>logsumexp</code>" in page
    assert "`" not in page.split("<h2>Question by question</h2>")[0].split("<h2>Strengths</h2>")[1]
    assert "Because `exp` &lt;overflows&gt;" in page  # the candidate's own words, as typed


def test_report_escapes_user_text(shipped, tmp_path):
    from gauntlet.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    plan = build_plan(shipped, 10, "fresher", rng=random.Random(0))
    session = start_session(store, "fresher", 10, plan, user_id=store.local_user_id)
    save_progress(store, session, MockAnswer(0, plan[0].question_id, "answered", "<script>alert(1)</script>", 5.0))
    report = build_report(get_session(store, session.id, user_id=store.local_user_id), shipped, {})
    page = to_html(report)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert report.graded is False and report.strengths[0].startswith("Not graded")


def test_a_tag_narrows_the_plan_and_an_unknown_tag_is_a_clear_error():
    from tests.support import FIXTURE_BANK

    bank = load_bank((FIXTURE_BANK,))
    plan = build_plan(bank, 10, "all", rng=random.Random(4), tag="my-bank")
    assert {item.question_id for item in plan} <= {"my-drift", "my-overfitting"} and plan
    with pytest.raises(InputError, match="no question has the tag"):
        build_plan(bank, 10, "all", tag="no-such-tag")
