"""A person walks the Plan page in Debian's chromium (issue 16): make a plan, read it, see today's queue
with its reasons, download the calendar, then find the plan on the dashboard."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.web.test_browser import chromium, page, server, shoot  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def test_walk_the_plan_page(page, server):  # noqa: F811 - the imported fixtures
    page.goto(server.url + "/")
    page.click("nav >> text=Plan")
    page.wait_for_url(re.compile(r"/plan$"))
    assert page.locator("h1").inner_text() == "Study plan"
    interview = dt.date.today() + dt.timedelta(days=20)
    page.fill("input[name=interview]", interview.isoformat())
    page.fill("input[name=minutes_per_day]", "30")
    page.check("input[name=topics][value=probability-statistics]")
    page.check("input[name=easy_days][value='6']")
    page.click("#make-plan")
    page.wait_for_selector("#plan-days")
    rows = page.locator("#plan-days tbody tr")
    assert rows.count() == 20
    assert re.fullmatch(r"\d+%", page.locator("#plan-retention").inner_text())
    assert "easy days: sun" in page.locator("#plan-summary").inner_text()
    reasons = page.locator("#today .today-queue li").all_inner_texts()
    assert reasons and all("·" in r for r in reasons)  # each item says why it is there
    assert any("new: the study plan starts" in r for r in reasons)
    with page.expect_download() as download:
        page.click("text=Download the calendar (.ics)")
    text = open(download.value.path(), encoding="utf-8", newline="").read()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") >= 21
    shoot(page, "plan")
    page.click("nav >> text=Dashboard")
    assert "projected retention" in page.locator("#dashboard-plan").inner_text()
    assert page.locator("#today .today-queue li").count() >= 1
