"""The web app with grading in worker processes, as `gauntlet serve` runs it."""

from __future__ import annotations

import time

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


def test_answers_are_graded_by_the_pool_which_warms_up_and_stops_with_the_app(tmp_path):
    app = create_app(WebConfig(db_url=f"sqlite:///{tmp_path / 'b.db'}", extra_banks=(FIXTURE_BANK,),
                               grading_workers=1))
    pool = app.state.grading_pool
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
    pool.join_warm_up(timeout=30)
    assert not any(thread.is_alive() for thread in pool._warmers)
    assert all(executor._shutdown_thread for executor in pool._executors)
