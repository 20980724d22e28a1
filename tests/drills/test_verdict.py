"""Verdict records: the stored attempt survives a JSON round trip; the run's verdict is the most
serious outcome."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from gauntlet.drills.verdict import Submission, TestResult, Verdict, overall_verdict


def test_a_submission_round_trips_through_json():
    submission = Submission(
        drill_id="knn", suite="submit", verdict=Verdict.WRONG_ANSWER,
        results=[TestResult("example_a", "example", True, Verdict.ACCEPTED, 0.01),
                 TestResult("test_edge_b", "edge", False, Verdict.WRONG_ANSWER, 0.02, "mismatch"),
                 TestResult("test_numeric_c", "numeric", False, Verdict.RUNTIME_ERROR, 0.5, "ValueError: x",
                            "Traceback ...\nValueError: x\n"),
                 TestResult("test_random_d", "random", False, Verdict.NOT_RUN, 0.0)],
        isolation="bwrap", started_at=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
        finished_at=datetime(2025, 1, 2, 3, 4, 6, tzinfo=UTC), code="def f(): ...\n",
        filename="knn.py", load_seconds=0.1, output="hi\n", notes=["a note"],
    )
    data = json.loads(json.dumps(submission.to_dict()))
    assert Submission.from_dict(data) == submission
    assert (data["passed"], data["failed"], data["not_run"]) == (1, 2, 1)
    assert abs(data["user_seconds"] - 0.63) < 1e-9
    assert submission.hidden_failures_by_category() == {"edge": 1, "numeric": 1}
    assert submission.decisive_result().name == "test_edge_b"


def test_the_most_serious_outcome_decides():
    assert overall_verdict([Verdict.ACCEPTED, Verdict.ACCEPTED]) is Verdict.ACCEPTED
    assert overall_verdict([Verdict.WRONG_ANSWER, Verdict.RUNTIME_ERROR]) is Verdict.RUNTIME_ERROR
    assert overall_verdict([Verdict.RUNTIME_ERROR, Verdict.MEMORY_LIMIT]) is Verdict.MEMORY_LIMIT
    assert overall_verdict([Verdict.MEMORY_LIMIT, Verdict.TIME_LIMIT, Verdict.NOT_RUN]) is Verdict.TIME_LIMIT
    assert overall_verdict([Verdict.TIME_LIMIT, Verdict.FORBIDDEN]) is Verdict.FORBIDDEN
