"""Coding drills in the web app, through HTTP: list, task page, run examples, submit, history, security.

Code is judged for real, in the same sandbox the CLI uses (``GAUNTLET_SANDBOX`` or the strongest level
that works here).
"""

from __future__ import annotations

import html
import re

import pytest
from markupsafe import escape

from gauntlet.drills.attempts import code_attempts_for
from gauntlet.drills.isolation import forget_probes, select_level
from gauntlet.drills.loader import drill_ids, load_drill
from tests.web.conftest import Browser

HX = {"HX-Request": "true"}
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def solution(drill_id: str) -> str:
    return load_drill(drill_id).solution_path.read_text(encoding="utf-8")


def textarea(page_html: str) -> str:
    """What the editor holds, as the browser would show it."""
    return html.unescape(re.search(r'<textarea id="code-editor"[^>]*>(.*?)</textarea>', page_html, re.S).group(1))


def stored_ids(app, user_id: int) -> list[int]:
    return [a.id for a in code_attempts_for(app.state.store, user_id)]


@pytest.mark.slow  # sandboxed runs
def test_the_list_shows_every_drill_and_ticks_the_solved_ones(browser):
    page = browser.get("/code").text
    assert all(f'href="/code/{drill_id}"' in page for drill_id in drill_ids())
    assert "✓" not in page and f"0 of {len(drill_ids())} solved" in page
    browser.post("/code/mse-gradient/submit", {"code": solution("mse-gradient")})
    browser.post("/code/knn/submit", {"code": "def knn_predict(X_train, y_train, X_test, k):\n    return 0\n"})
    page = browser.get("/code").text
    ticked = re.findall(r'<tr data-drill="([^"]+)"><td class="solved-mark"><span class="good"', page)
    assert ticked == ["mse-gradient"] and f"1 of {len(drill_ids())} solved" in page


@pytest.mark.slow  # sandboxed runs
def test_the_dashboard_counts_solved_drills_only(browser):
    solved = re.compile(r'id="drills-solved">(\d+)/(\d+)<')
    assert solved.search(browser.get("/").text).groups() == ("0", str(len(drill_ids())))
    browser.post("/code/knn/submit", {"code": "def knn_predict(X_train, y_train, X_test, k):\n    return 0\n"})
    assert solved.search(browser.get("/").text).groups() == ("0", str(len(drill_ids())))
    browser.post("/code/mse-gradient/submit", {"code": solution("mse-gradient")})
    browser.post("/code/mse-gradient/submit", {"code": solution("mse-gradient")})  # solved twice counts once
    assert solved.search(browser.get("/").text).groups() == ("1", str(len(drill_ids())))


@pytest.mark.slow
def test_the_drill_page_shows_the_task_the_examples_and_the_starter(browser, local_app):
    drill = load_drill("knn")
    page = browser.get("/code/knn").text
    assert "<h1>k-nearest-neighbours classifier</h1>" in page
    assert "<h2>The rule</h2>" in page and "<strong>Distance ties</strong>" in page  # Markdown, rendered
    assert "time limit <strong>10 s</strong>" in page and "memory <strong>512 MB</strong>" in page
    assert "def example_majority_of_three(sol):" in page
    assert "def test_" not in page  # hidden tests are never shown
    assert textarea(page) == drill.starter() and "Opened with the starter" in page
    assert "No submissions yet" in page
    illustrated = [q for q in local_app.state.bank.questions if q.id in drill.questions or "knn" in q.related.drills]
    assert illustrated, "the shipped bank should hold a question that knn illustrates"
    for q in illustrated:
        assert f'<a href="/questions/{q.id}">{escape(q.title)}</a>' in page  # as the templates escape it
    assert browser.get("/code/knnn").status_code == 404


@pytest.mark.slow
def test_run_examples_gives_a_verdict_and_stores_nothing(browser, local_app):
    response = browser.post("/code/knn/test", {"code": solution("knn")}, headers=HX)
    assert response.status_code == 200 and "<html" not in response.text  # the fragment only
    assert "Accepted" in response.text and "3/3 examples" in response.text and "hidden #" not in response.text
    assert "nothing is stored" in response.text
    assert re.search(r"example_majority_of_three</td><td>example</td>.*?\d+\.\d ms", response.text, re.S)
    assert f"Sandbox: {select_level(None).value}" in response.text
    assert stored_ids(local_app, browser.user_id) == []


@pytest.mark.slow
def test_an_accepted_submission_is_stored_listed_and_reopened(browser, local_app):
    code = solution("knn")
    response = browser.post("/code/knn/submit", {"code": code}, headers=HX)
    assert response.status_code == 200 and "Accepted" in response.text
    [attempt] = code_attempts_for(local_app.state.store, browser.user_id)
    assert attempt.code == code and attempt.accepted and attempt.passed == attempt.total > 3
    assert f"Stored as attempt #{attempt.id}." in response.text
    # the history box is swapped in alongside the verdict
    assert 'id="code-history" class="card" hx-swap-oob="true"' in response.text
    assert f'href="/code/knn/attempts/{attempt.id}"' in response.text
    page = browser.get("/code/knn").text
    assert textarea(page) == code and f"Opened with your last submission (#{attempt.id}, Accepted)" in page
    assert textarea(browser.get("/code/knn?starter=1").text) == load_drill("knn").starter()
    reopened = browser.get(f"/code/knn/attempts/{attempt.id}")
    assert reopened.status_code == 200 and textarea(reopened.text) == code
    assert f"Opened with the code of attempt #{attempt.id} (Accepted)" in reopened.text and "Accepted" in reopened.text
    assert browser.get(f"/code/kmeans/attempts/{attempt.id}").status_code == 404  # another drill's URL


@pytest.mark.slow  # sandboxed runs
def test_a_wrong_answer_shows_the_failed_example_and_only_counts_of_hidden_failures(browser):
    drill = load_drill("knn")
    zeros = ("import numpy as np\ndef knn_predict(X_train, y_train, X_test, k):\n"
             "    return np.zeros(len(X_test), dtype=int)\n")
    failed = browser.post("/code/knn/submit", {"code": zeros}, headers=HX).text
    assert "Wrong answer" in failed and "Failed example: example_majority_of_three" in failed
    assert html.escape("expected [0, 1], got [0, 0]") in failed  # expected vs got, the example's message
    assert "def example_majority_of_three(sol):" in failed

    hidden_only = browser.post("/code/knn/submit",
                               {"code": (drill.wrong_dir / "counter_tie_break.py").read_text()}, headers=HX).text
    assert "Wrong answer" in hidden_only and "Failed example" not in hidden_only
    assert re.search(r"\d+ of \d+ hidden tests failed", hidden_only) and "<strong>edge</strong> ×" in hidden_only
    assert "hidden #1" in hidden_only and "test_edge" not in hidden_only
    for line in drill.hidden_tests_path.read_text().splitlines():
        if len(line.strip()) > 25:
            assert html.escape(line.strip()) not in hidden_only


@pytest.mark.slow  # sandboxed runs
def test_a_runtime_error_shows_the_users_traceback_only(browser):
    response = browser.post("/code/knn/test", {"code": load_drill("knn").starter()}, headers=HX).text
    assert "Runtime error in example_majority_of_three" in response
    assert 'File &#34;solution.py&#34;, line' in response and "NotImplementedError" in response
    assert "worker.py" not in response and "gauntlet" not in response.split('id="verdict-result"')[1]


@pytest.mark.slow  # sandboxed runs
def test_without_javascript_the_form_posts_and_gets_the_whole_page(browser, local_app):
    response = browser.post("/code/mse-gradient/submit", {"code": solution("mse-gradient")})
    assert response.status_code == 200 and "<h1>Mean squared error and its gradient</h1>" in response.text
    assert 'id="verdict-result"' in response.text and "Accepted" in response.text
    assert len(stored_ids(local_app, browser.user_id)) == 1


@pytest.mark.slow
def test_bad_code_is_refused_with_a_reason(browser, local_app):
    empty = browser.post("/code/knn/submit", {"code": "   \n"}, headers=HX)
    # with HTMX the reason is shown in place of a verdict
    assert empty.status_code == 200 and "the editor is empty" in empty.text and "<html" not in empty.text
    assert browser.post("/code/knn/submit", {"code": ""}).status_code == 400  # without HTMX: the error page
    huge = browser.post("/code/knn/test", {"code": "#" * 100_001})
    assert huge.status_code == 400 and "longer than 100,000 characters" in huge.text and "<html" in huge.text
    assert stored_ids(local_app, browser.user_id) == []


@pytest.mark.parametrize("url", ["/code/knn/test", "/code/knn/submit"])
def test_runs_without_or_with_a_wrong_csrf_token_are_refused(browser, local_app, url):
    code = {"code": solution("knn")}
    assert browser.post(url, code, with_csrf=False).status_code == 403
    assert browser.post(url, {**code, "csrf_token": "forged"}, with_csrf=False).status_code == 403
    other = Browser(browser.client.app)
    assert browser.post(url, {**code, "csrf_token": other.csrf}, with_csrf=False).status_code == 403
    assert stored_ids(local_app, browser.user_id) == []


@pytest.mark.slow  # sandboxed runs
def test_code_and_what_it_prints_are_escaped(browser):
    code = (f"print({XSS!r})\nraise ValueError({XSS!r})\n# </textarea>{XSS}\n"
            "def knn_predict(X_train, y_train, X_test, k):\n    return 0\n")
    response = browser.post("/code/knn/submit", {"code": code}, headers=HX)
    assert "Runtime error" in response.text
    for page in (response.text, browser.get("/code/knn").text):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page
    assert textarea(browser.get("/code/knn").text) == code


@pytest.mark.slow  # sandboxed runs
def test_users_never_see_each_others_attempts(shared_app):
    alice, bob = Browser(shared_app), Browser(shared_app)
    alice.signup("alice")
    bob.signup("bobby")
    secret = solution("knn") + "\n# alice's private note\n"
    alice.post("/code/knn/submit", {"code": secret}, headers=HX)
    [attempt] = code_attempts_for(shared_app.state.store, alice_id := _user_id(shared_app, "alice"))
    assert attempt.user_id == alice_id
    assert alice.get(f"/code/knn/attempts/{attempt.id}").status_code == 200
    assert bob.get(f"/code/knn/attempts/{attempt.id}").status_code == 404
    bob_page = bob.get("/code/knn").text
    assert "alice's private note" not in bob_page and "No submissions yet" in bob_page
    assert textarea(bob_page) == load_drill("knn").starter()
    assert "✓" not in bob.get("/code").text and "✓" in alice.get("/code").text
    bob.post("/code/knn/submit", {"code": solution("knn")}, headers=HX)
    assert [a.id for a in code_attempts_for(shared_app.state.store, alice_id)] == [attempt.id]


@pytest.mark.slow  # sandboxed runs
def test_shared_mode_needs_a_login_and_real_isolation(shared_app, monkeypatch, tmp_path):
    visitor = Browser(shared_app)
    assert visitor.client.get("/code", follow_redirects=False).headers["location"] == "/login?next=/code"
    assert visitor.post("/code/knn/submit", {"code": solution("knn")}).url.path == "/login"
    visitor.signup("carol")
    carol = _user_id(shared_app, "carol")
    # The server's environment cannot lower the level for accounts: a shared server judges in bubblewrap.
    monkeypatch.setenv("GAUNTLET_SANDBOX", "rlimits")
    judged = visitor.post("/code/knn/submit", {"code": solution("knn")}, headers=HX)
    assert "Accepted" in judged.text and "Sandbox: bwrap" in judged.text
    assert [a.sandbox for a in code_attempts_for(shared_app.state.store, carol)] == ["bwrap"]
    # Without a working bubblewrap, no drill runs for anyone, and the page says why.
    forget_probes()
    monkeypatch.setenv("PATH", str(tmp_path))  # no bwrap (nor anything else) on the PATH
    try:
        refused = visitor.post("/code/knn/submit", {"code": solution("knn")}, headers=HX)
    finally:
        monkeypatch.undo()
        forget_probes()
    assert "bubblewrap" in refused.text and 'role="alert"' in refused.text and "Accepted" not in refused.text
    assert len(code_attempts_for(shared_app.state.store, carol)) == 1


def _user_id(app, username: str) -> int:
    from sqlalchemy import select

    from gauntlet.store.schema import users

    with app.state.store.engine.connect() as conn:
        return conn.execute(select(users.c.id).where(users.c.username == username)).scalar_one()


@pytest.mark.slow  # sandboxed runs
def test_the_cli_and_the_web_explain_a_verdict_with_the_same_counts(browser, local_app):
    """A hidden test that crashes and one that answers wrong: both shells say 2 of N failed, by category."""
    import datetime as dt

    from gauntlet.cli.code import render_submission
    from gauntlet.cli.state import console
    from gauntlet.drills.attempts import record_code_attempt
    from gauntlet.drills.verdict import Submission, TestResult, Verdict

    now = dt.datetime.now(dt.UTC)
    results = [TestResult("example_majority_of_three", "example", True, Verdict.ACCEPTED, 0.001),
               TestResult("hidden a", "edge", False, Verdict.WRONG_ANSWER, 0.001, message="secret expected value"),
               TestResult("hidden b", "random", False, Verdict.RUNTIME_ERROR, 0.001, message="ValueError: boom",
                          traceback="ValueError: boom"),
               TestResult("hidden c", "random", False, Verdict.ACCEPTED, 0.001)]
    submission = Submission("knn", "submit", Verdict.WRONG_ANSWER, results, "bwrap", now,
                            now + dt.timedelta(seconds=1), "code", "solution.py")
    stored = record_code_attempt(local_app.state.store, browser.user_id, submission, "code")
    web = re.sub(r"<[^>]+>", "", browser.get(f"/code/knn/attempts/{stored.id}").text)
    with console.capture() as captured:
        render_submission(submission)
    cli = captured.get()
    for shown in (" ".join(web.split()), " ".join(cli.split())):
        assert "1/1 examples, 1/3 hidden tests" in shown
        assert "2 of 3 hidden tests failed. Where to look:" in shown
        assert "edge ×1" in shown and "random ×1" in shown
        assert "secret expected value" not in shown
