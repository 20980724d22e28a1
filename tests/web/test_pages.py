"""Every page and main flow of the web app, through HTTP, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Browser


def test_every_page_renders(browser):
    for url, text in [("/", "Mastery by topic"), ("/bank", "question"), ("/bank?q=drift", "My drift question"),
                      ("/questions/my-drift", "How do you notice"), ("/review", "Review"), ("/mock", "Mock interview"),
                      ("/tables", "Comparison tables"), ("/tips", "Interview tips"), ("/faq", "Frequently asked")]:
        response = browser.get(url)
        assert response.status_code == 200, url
        assert text in response.text, url
        assert 'src="/static/vendor/htmx.min.js"' in response.text
    # That htmx is served (installed by `npm ci`) is checked by the browser suite, so this fast suite
    # passes on a checkout where only the Python package is installed.


def test_bank_filters_and_search(browser):
    page = browser.get("/bank?topic=mlops-production&difficulty=advanced&q=drift").text
    assert "My drift question" in page and "My overfitting question" not in page
    assert browser.get("/bank?difficulty=easy").status_code == 400
    assert browser.get("/bank?topic=astrology").status_code == 404


def test_answer_then_feedback_page(browser):
    response = browser.post("/questions/my-overfitting/answer", {"answer": "It fits noise; validate on held-out data.",
                                                                 "started_at": "2020-01-01T00:00:00"})
    assert response.status_code == 200 and re.search(r"/attempts/\d+$", str(response.url))
    shown = re.sub(r"<[^>]+>", "", response.text)  # the covered key point's span is marked inside the answer
    assert "It fits noise; validate on held-out data." in shown and "Model answer" in shown
    assert '<mark class="kp kp-covered"' in response.text and "1 of 4 key points" in shown
    missed = re.findall(r'<li class="missed"><strong>missed</strong>: ([^<]*)</li>', response.text)
    assert len(missed) == 3 and all(line.startswith("Add: ") for line in missed), missed
    coverage = response.text.split('<ul class="coverage">', 1)[1].split("</ul>", 1)[0]
    for line in missed:  # each missed point said once, with what to do ("missed: X — Add: X" said it twice)
        assert coverage.count(line.removeprefix("Add: ").rstrip(".")) == 1, line
    assert browser.post("/questions/my-overfitting/answer", {"answer": "   "}).status_code == 400
    assert browser.get("/questions/my-overfitting").text.count("/attempts/") >= 1


def test_review_flow_records_a_review(browser, local_app):
    page = browser.get("/review").text
    question_id = re.search(r'name="question_id" value="([^"]+)"', page).group(1)
    shown = re.search(r'name="shown_at" value="([^"]+)"', page).group(1)
    rate = browser.post("/review/answer", {"question_id": question_id, "answer": "", "shown_at": shown})
    assert "How well did you recall it?" in rate.text and 'data-key="3"' in rate.text
    after = browser.post("/review/rate", {"question_id": question_id, "rating": "3", "shown_at": shown})
    assert str(after.url).endswith("/review")
    from gauntlet.review.cards import get_card

    assert get_card(local_app.state.store, question_id, browser.user_id) is not None
    assert browser.post("/review/rate", {"question_id": question_id, "rating": "9"}).status_code == 400


@pytest.mark.slow
def test_mock_flow_with_follow_up_and_report(browser):
    assert "is paused" not in browser.get("/mock").text
    started = browser.post("/mock", {"minutes": "10", "level": "all"})
    session_url = started.url.path
    assert re.fullmatch(r"/mock/\d+", session_url)
    paused = browser.get("/mock").text  # left for the start page: the running one is offered first
    assert f'Interview <a href="{session_url}">#{session_url.rsplit("/", 1)[1]}</a> is paused' in paused
    assert 'id="clock"' in started.text and "data-question-left" in started.text
    draft = browser.post(f"{session_url}/draft", {"position": "0", "answer": "draft text"})
    assert "draft saved" in draft.text
    assert "draft text" in browser.get(session_url).text  # a reload keeps what was typed
    follow = browser.post(f"{session_url}/answer", {"position": "0", "answer": "first answer"})
    assert "Follow-up:" in follow.text
    browser.post(f"{session_url}/answer", {"position": "0", "answer": "follow-up answer"})
    second = browser.post(f"{session_url}/answer", {"position": "1", "answer": "", "timed_out": "1"})
    report = second if "/report" in str(second.url) else browser.get(f"{session_url}/report")
    assert "Three things to practise next" in report.text
    assert "first answer" in report.text and "follow-up answer" in report.text
    # "first answer" makes none of the question's key points: the follow-up went to one it missed
    assert "Targeted a point your answer missed: " in report.text
    assert browser.get(f"{session_url}/plot.png").content[:4] == b"\x89PNG"
    download = browser.get(f"{session_url}/report.html")
    assert "attachment" in download.headers["content-disposition"] and download.text.startswith("<!doctype html>")


def test_unknown_things_are_clean_404_pages(browser):
    for url in ("/questions/nope", "/attempts/12345", "/mock/999", "/mock/999/report", "/no/such/page"):
        response = browser.get(url)
        assert response.status_code == 404, url
        assert "Traceback" not in response.text


@pytest.mark.slow
def test_local_mode_has_no_login(sqlite_local_app):
    fresh = Browser(sqlite_local_app)
    assert fresh.get("/").status_code == 200
    assert fresh.get("/login").status_code == 404


@pytest.mark.slow  # runs a lab twice and draws its figures
def test_labs_list_page_and_a_run(browser):
    listing = browser.get("/labs")
    assert listing.status_code == 200 and "/labs/l1-vs-l2" in listing.text
    lab = browser.get("/labs/l1-vs-l2")
    assert "What to notice" in lab.text and 'name="seed"' in lab.text
    first = browser.post("/labs/l1-vs-l2/run", {"seed": "3"})
    assert first.status_code == 200 and 'id="lab-result"' in first.text and "data:image/png;base64," in first.text
    again = browser.post("/labs/l1-vs-l2/run", {"seed": "3"})
    numbers = lambda html: re.search(r'<table class="list numbers">.*?</table>', html, re.S).group(0)  # noqa: E731
    assert numbers(first.text) == numbers(again.text)  # same seed, same numbers
    assert browser.post("/labs/l1-vs-l2/run", {"seed": "-1"}).status_code == 400
    assert browser.get("/labs/no-such-lab").status_code == 404


def test_every_typed_answer_is_graded_through_the_apps_grader(browser, local_app):
    """The server grades in its worker pool (app.state.grade_with), never in the request threads: a
    long answer must not hold a page-serving thread. The drill's typed answer took the other road."""
    from gauntlet.grade import grade_question

    seen = []

    def recording(question, answer):
        seen.append(question.id)
        return grade_question(question, answer)

    local_app.state.grade_with = recording
    page = browser.get("/review").text
    question_id = re.search(r'name="question_id" value="([^"]+)"', page).group(1)
    shown = re.search(r'name="shown_at" value="([^"]+)"', page).group(1)
    browser.post("/review/answer", {"question_id": question_id, "answer": "It memorises noise.", "shown_at": shown})
    browser.post("/questions/my-overfitting/answer", {"answer": "It fits noise.", "started_at": "2020-01-01T00:00:00"})
    assert seen == [question_id, "my-overfitting"]


def test_the_review_pages_old_address_redirects(browser):
    old = browser.get("/drill?topic=mlops-production", follow_redirects=False)
    assert old.status_code == 301 and old.headers["location"] == "/review?topic=mlops-production"
    assert "<h1>Review</h1>" in browser.get("/drill").text
