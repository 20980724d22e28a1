"""The Plan page and the dashboard's Today section (issue 16), through the app on both backends."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from gauntlet.review.plan import latest_plan


@pytest.mark.slow
def test_make_a_plan_see_it_on_the_plan_page_and_the_dashboard_and_download_it(browser, local_app):
    empty = browser.get("/plan")
    assert empty.status_code == 200 and "Make a plan" in empty.text
    interview = (dt.date.today() + dt.timedelta(days=21)).isoformat()
    made = browser.post("/plan", {"interview": interview, "minutes_per_day": "30", "level": "all",
                                  "topics": ["probability-statistics"], "easy_days": ["6"]})
    assert made.status_code == 200 and 'id="plan-days"' in made.text
    plan = latest_plan(local_app.state.store, browser.user_id)
    assert plan is not None and plan.options.easy_weekdays == (6,) and len(plan.days) == 21
    assert re.search(r'id="plan-retention">\d+%', made.text)
    assert made.text.count("<tr>") >= len(plan.days)
    dashboard = browser.get("/")
    assert 'id="dashboard-plan"' in dashboard.text and "new: the study plan starts" in dashboard.text
    calendar = browser.get("/plan.ics")
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert calendar.text.startswith("BEGIN:VCALENDAR\r\n") and "Interview day" in calendar.text


def test_a_bad_date_is_a_form_error_in_the_browsers_words(browser):
    page = browser.post("/plan", {"interview": "2020-01-01", "minutes_per_day": "30"})
    assert page.status_code == 400 and "Interview the interview date must be after today" in page.text
    assert "--interview" not in page.text


def test_catch_up_with_nothing_overdue_says_so(browser):
    page = browser.post("/plan/catch-up", {"days": "5"})
    assert page.status_code == 400 and "nothing is overdue" in page.text


def test_the_review_page_says_why_a_card_is_due_today_and_the_rating_keeps_it(browser, local_app):
    from sqlalchemy import select

    from gauntlet.store.schema import review_logs

    interview = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    browser.post("/plan", {"interview": interview, "minutes_per_day": "30", "level": "all",
                           "topics": ["probability-statistics"]})
    page = browser.get("/review").text
    reason = re.search(r'id="queue-reason">Why today: ([^<]+)</p>', page)
    assert reason and reason.group(1).startswith("new: the study plan")
    question_id = re.search(r'name="question_id" value="([^"]+)"', page).group(1)
    browser.post("/review/rate", {"question_id": question_id, "rating": "3"})
    with local_app.state.store.engine.connect() as conn:
        stored = conn.execute(select(review_logs.c.queue_reason)
                              .where(review_logs.c.question_id == question_id)).scalar()
    assert stored == html.unescape(reason.group(1))
