"""`gauntlet reports` run as a user would, on a report stored by the version before typed reports."""

from __future__ import annotations

import json
import subprocess

import pytest
from sqlalchemy import update

from gauntlet.review.mock import start_session
from gauntlet.review.mock_plan import PlanItem
from gauntlet.store import open_store
from gauntlet.store.schema import mock_sessions
from tests.review.test_mock_report import V1_REPORT
from tests.support import gauntlet_command


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(gauntlet_command() + args, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_reports_shows_and_exports_a_report_stored_by_the_previous_version(cli_env, tmp_path):
    store = open_store()  # the database the command opens (this test's data dir)
    plan = [PlanItem("my-overfitting", 150.0), PlanItem("my-drift", 150.0)]
    session = start_session(store, "all", 5, plan, user_id=store.local_user_id)
    with store.transaction() as conn:
        conn.execute(update(mock_sessions).where(mock_sessions.c.id == session.id).values(
            status="finished", report_json=json.dumps({**V1_REPORT, "session_id": session.id})))
    store.close()

    listed = run(["reports"], cli_env)
    assert listed.returncode == 0 and "2.0" in listed.stdout
    shown = run(["reports", str(session.id), "--out", str(tmp_path)], cli_env)
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "answered 1/2" in out and "follow up" not in out and "You showed" not in out
    assert "strong  You explained the why and questioned the data." in out
    assert "→ gauntlet ask --id my-overfitting" in out and "→ gauntlet review --topic mlops-production" in out
    markdown = (tmp_path / f"mock-{session.id}.md").read_text(encoding="utf-8")
    assert "**What was missing:**" in markdown and "→ `gauntlet ask --id my-drift`" in markdown
    assert (tmp_path / f"mock-{session.id}.html").read_text(encoding="utf-8").startswith("<!doctype html>")
