"""The grader warm-up a server runs at start: every question's side is encoded before anyone answers."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from gauntlet.bank import load_bank
from gauntlet.grade import grader
from gauntlet.web.app import GraderWarmUp, create_app
from gauntlet.web.config import WebConfig
from tests.support import FIXTURE_BANK


def _fixture_questions():
    bank = load_bank((FIXTURE_BANK,))
    return [bank.question("my-drift"), bank.question("my-overfitting")]


def test_warm_up_prepares_each_question_once_so_grading_finds_it_cached(monkeypatch):
    questions = _fixture_questions()
    prepared = []
    real_prepare = grader._prepare
    monkeypatch.setattr(grader, "_prepare", lambda *a, **k: prepared.append(a[0]) or real_prepare(*a, **k))
    grader._CACHE.clear()
    warm = GraderWarmUp(questions)
    warm.start()
    warm._thread.join(timeout=120)
    assert warm.status() == {"questions": 2, "prepared": 2, "error": None}
    assert prepared == [q.prompt for q in questions]
    grader.grade_question(questions[0], "Compare live and training feature distributions with PSI.")
    assert len(prepared) == 2  # the answer was graded against the warmed question side


def test_a_stopped_warm_up_prepares_nothing_more():
    warm = GraderWarmUp(_fixture_questions())
    warm.stop()
    warm.start()
    warm._thread.join(timeout=30)
    assert warm.done == 0


def test_health_reports_the_warm_up(tmp_path):
    quiet = create_app(WebConfig(db_url=f"sqlite:///{tmp_path / 'a.db'}"))
    with TestClient(quiet) as client:
        assert client.get("/healthz").json() == {"ok": True, "grader": None}
    warming = create_app(WebConfig(db_url=f"sqlite:///{tmp_path / 'b.db'}", warm_grader=True))
    with TestClient(warming) as client:
        status = client.get("/healthz").json()["grader"]
        assert status["questions"] == len(warming.state.bank.questions) and status["error"] is None
        deadline = time.monotonic() + 60
        while client.get("/healthz").json()["grader"]["prepared"] == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert client.get("/healthz").json()["grader"]["prepared"] >= 1
    # leaving the client ran the shutdown: the thread stops after the question in hand
    warming.state.grader_warm_up._thread.join(timeout=30)
    assert not warming.state.grader_warm_up._thread.is_alive()
