"""The web app with grading in worker processes, as `gauntlet serve` runs it."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest
from fastapi.testclient import TestClient

from gauntlet.store.attempts import get_attempt
from gauntlet.web.app import create_app
from gauntlet.web.config import WebConfig
from tests.support import FIXTURE_BANK
from tests.web.conftest import Browser


def test_health_reports_no_warm_up_when_grading_in_request_threads(tmp_path):
    with TestClient(create_app(WebConfig(db_url=f"sqlite:///{tmp_path / 'a.db'}")),
                    base_url="http://localhost") as client:
        assert client.get("/healthz").json() == {"ok": True, "grader": None}
        ready = client.get("/readyz")  # nothing to warm up: ready at once
        assert ready.status_code == 200 and ready.json()["ready"] is True


@pytest.mark.slow  # starts grading workers, each loading the model
def test_answers_are_graded_by_the_pool_which_warms_up_and_stops_with_the_app(tmp_path):
    threads_before = set(threading.enumerate())
    workers_before = {process.pid for process in multiprocessing.active_children()}
    app = create_app(WebConfig(db_url=f"sqlite:///{tmp_path / 'b.db'}", extra_banks=(FIXTURE_BANK,),
                               grading_workers=1))
    with TestClient(app):  # runs the start-up and, on leaving, the shutdown
        browser = Browser(app)
        # Alive at once, but not ready for a load balancer's traffic until every question is prepared.
        not_ready = browser.get("/readyz")
        assert not_ready.status_code == 503 and "grader warming up" in not_ready.json()["problems"][0]
        assert browser.get("/healthz").status_code == 200
        status = browser.get("/healthz").json()["grader"]
        assert status["questions"] == len(app.state.bank.questions) and status["error"] is None
        deadline = time.monotonic() + 60
        while browser.get("/healthz").json()["grader"]["prepared"] == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert browser.get("/healthz").json()["grader"]["prepared"] >= 1

        page = browser.post("/questions/my-drift/answer",
                            {"answer": "Compare live and training feature distributions with PSI."})
        assert page.status_code == 200 and "Model answer" in page.text
        attempt_id = int(str(page.url).rstrip("/").rsplit("/", 1)[1])
        attempt = get_attempt(app.state.store, attempt_id, user_id=app.state.local_user.id)
        assert attempt.grade is not None and 0 <= attempt.score <= 5
    # The app's shutdown stopped the warm-up and the workers: no thread or process of it is left.
    app.state.grading_pool.join_warm_up(timeout=30)  # a warm-up thread ends after the question in hand
    assert {process.pid for process in multiprocessing.active_children()} - workers_before == set()
    assert set(threading.enumerate()) <= threads_before
