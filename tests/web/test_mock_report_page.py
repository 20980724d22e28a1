"""The mock report page and its download, through HTTP: a report stored by the version before typed reports
reads as a debrief, and says where to practise with the app's pages, never a terminal command."""

from __future__ import annotations

import json
import re

from sqlalchemy import update

from gauntlet.review.mock import start_session
from gauntlet.review.mock_plan import PlanItem
from gauntlet.store.schema import mock_sessions
from tests.review.test_mock_report import V1_REPORT

COMMAND = re.compile(r"gauntlet (ask|show|drill|mock|tips)\b")


def test_an_old_report_reads_as_a_debrief_with_links_not_commands(browser, local_app):
    store = local_app.state.store
    plan = [PlanItem("my-overfitting", 150.0), PlanItem("my-drift", 150.0)]
    session = start_session(store, "all", 5, plan, user_id=browser.user_id)
    with store.transaction() as conn:
        conn.execute(update(mock_sessions).where(mock_sessions.c.id == session.id).values(
            status="finished", report_json=json.dumps({**V1_REPORT, "session_id": session.id})))

    page = browser.get(f"/mock/{session.id}/report").text
    assert "answered 1/2" in page and "follow up" not in page and "You showed" not in page
    steps = re.search(r'<ol id="practise-next">(.*?)</ol>', page, re.DOTALL).group(1)
    assert '<a href="/questions/my-overfitting">answer it again</a>' in steps
    assert '<a href="/review?topic=mlops-production">review MLOps &amp; Production</a>' in steps
    assert not COMMAND.search(page)
    strengths = re.search(r'<ul id="strengths">(.*?)</ul>', page, re.DOTALL).group(1)
    to_work_on = re.search(r'<ul id="topics-to-work-on">(.*?)</ul>', page, re.DOTALL).group(1)
    assert "Core Fundamentals" in strengths and "Core Fundamentals" not in to_work_on
    assert "<h4>What was strong</h4>" in page and "Not covered: Detect it with a held-out set." in page

    download = browser.get(f"/mock/{session.id}/report.html").text
    assert '<a href="http://127.0.0.1:8000/questions/my-overfitting">answer it again</a>' in download
    assert not COMMAND.search(download)
