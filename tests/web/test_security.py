"""Security: escaping, CSRF, injection strings, isolation between users, session fixation, rate limits."""

from __future__ import annotations

import re

import pytest

from gauntlet.web.app import create_app
from gauntlet.web.config import WebConfig
from gauntlet.web.security import CSRF_COOKIE, SESSION_COOKIE
from tests.web.conftest import Browser

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
INJECTIONS = ["' OR '1'='1", "'; DROP TABLE attempts; --", '" OR 1=1 --', "%' UNION SELECT password_hash FROM users --"]


@pytest.mark.slow
def test_answers_render_escaped_everywhere(browser):
    response = browser.post("/questions/my-drift/answer", {"answer": XSS})
    assert "<script>alert" not in response.text and "&lt;script&gt;" in response.text
    assert "<img src=x" not in response.text
    started = browser.post("/mock", {"minutes": "10", "level": "all"})
    session_url = started.url.path
    browser.post(f"{session_url}/draft", {"position": "0", "answer": XSS})
    assert "<script>alert" not in browser.get(session_url).text
    browser.post(f"{session_url}/finish")
    assert "<script>alert" not in browser.get(f"{session_url}/report").text
    assert "script-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("url,data", [
    ("/questions/my-drift/answer", {"answer": "x"}),
    ("/review/rate", {"question_id": "my-drift", "rating": "3"}),
    ("/review/answer", {"question_id": "my-drift", "answer": "x"}),
    ("/mock", {"minutes": "10", "level": "all"}),
])
def test_posts_without_or_with_a_wrong_csrf_token_are_refused(browser, url, data):
    assert browser.post(url, data, with_csrf=False).status_code == 403
    assert browser.post(url, {**data, "csrf_token": "forged"}, with_csrf=False).status_code == 403
    other = Browser(browser.client.app)  # a token from another visitor does not fit this one's cookie
    assert browser.post(url, {**data, "csrf_token": other.csrf}, with_csrf=False).status_code == 403


@pytest.mark.slow
def test_injection_strings_in_search_and_login_are_harmless(browser, shared_app, local_app):
    from gauntlet.bank.query import search_questions

    for text in INJECTIONS:
        response = browser.get("/bank", params={"q": text})
        # the text is only ever a search string: the page lists exactly what the core search finds for it
        expected = len(search_questions(local_app.state.bank, text, limit=500))
        assert response.status_code == 200
        assert re.search(r'id="count">(\d+) question', response.text).group(1) == str(expected)
    shared = Browser(shared_app)
    shared.signup("alice")
    for text in INJECTIONS:
        attempt = Browser(shared_app).post("/login", {"username": text, "password": text})
        assert attempt.status_code in (401, 429)
    from gauntlet.store.users import authenticate

    # The tables are intact: alice still logs in (checked in the core: the login limiter now blocks this client).
    assert authenticate(shared_app.state.store, "alice", "correct horse battery").username == "alice"


def _answer(browser: Browser, text: str) -> int:
    response = browser.post("/questions/my-drift/answer", {"answer": text})
    return int(re.search(r"/attempts/(\d+)$", str(response.url)).group(1))


def test_users_cannot_see_or_touch_each_others_data(shared_app):
    alice, bob = Browser(shared_app), Browser(shared_app)
    alice.signup("alice")
    bob.signup("bobby")
    alice_attempt = _answer(alice, "alice's private answer")
    assert alice.get(f"/attempts/{alice_attempt}").status_code == 200
    assert bob.get(f"/attempts/{alice_attempt}").status_code == 404
    started = alice.post("/mock", {"minutes": "10", "level": "all"})
    session_url = started.url.path
    for url in (session_url, f"{session_url}/report", f"{session_url}/plot.png", f"{session_url}/report.html"):
        assert bob.get(url).status_code == 404, url
    assert bob.post(f"{session_url}/draft", {"position": "0", "answer": "bob was here"}).status_code == 404
    assert bob.post(f"{session_url}/answer", {"position": "0", "answer": "bob was here"}).status_code == 404
    assert bob.post(f"{session_url}/finish").status_code == 404
    assert bob.post("/review/rate", {"question_id": "my-drift", "rating": "3", "attempt_id": str(alice_attempt)}
                    ).status_code == 404
    assert "bob was here" not in alice.get(session_url).text
    assert "alice's private answer" not in bob.get("/").text


def test_pages_need_a_login_in_shared_mode(shared_app):
    visitor = Browser(shared_app)
    response = visitor.client.get("/attempts/1", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/attempts/1"
    assert visitor.post("/questions/my-drift/answer", {"answer": "x"}).url.path == "/login"


@pytest.mark.slow
def test_session_fixation_is_prevented(shared_app):
    Browser(shared_app).signup("victim")
    attacker = Browser(shared_app)
    attacker.signup("mallory")
    planted = attacker.client.cookies.get(SESSION_COOKIE)
    victim = Browser(shared_app)
    victim.client.cookies.set(SESSION_COOKIE, planted, domain="127.0.0.1")  # a planted, known session id
    victim.post("/login", {"username": "victim", "password": "correct horse battery"})
    issued = victim.client.cookies.get(SESSION_COOKIE)
    assert issued != planted
    attacker_view = attacker.get("/")
    assert "victim" not in attacker_view.text
    assert attacker_view.url.path == "/login"  # the planted session died at the victim's login


@pytest.mark.slow
def test_a_csrf_cookie_planted_by_a_same_site_page_cannot_post_into_an_account(shared_app):
    """A page on another port of the same host can set cookies for it: once signed in, the token is the
    session's, so a planted double-submit cookie and the matching token are refused."""
    victim = Browser(shared_app)
    victim.signup("victim2")
    victim.client.cookies.set(CSRF_COOKIE, "planted-by-attacker", domain="127.0.0.1")
    forged = victim.post("/questions/my-drift/answer", {"answer": "forged", "csrf_token": "planted-by-attacker"},
                         with_csrf=False)
    assert forged.status_code == 403
    assert "forged" not in stored_answers(shared_app)
    # Its own pages carry the session's token, which works.
    page = victim.get("/questions/my-drift").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert token == victim.csrf != "planted-by-attacker"
    assert victim.post("/questions/my-drift/answer", {"answer": "mine", "csrf_token": token},
                       with_csrf=False).status_code == 200


@pytest.mark.slow
def test_the_csrf_token_changes_at_every_login(shared_app):
    first = Browser(shared_app)
    first.signup("rotor")
    before = first.csrf
    first.post("/logout")
    first.post("/login", {"username": "rotor", "password": "correct horse battery"})
    assert first.csrf != before
    stale = first.post("/questions/my-drift/answer", {"answer": "x", "csrf_token": before}, with_csrf=False)
    assert stale.status_code == 403


@pytest.mark.slow
def test_login_is_rate_limited(shared_app):
    Browser(shared_app).signup("carol")
    guesser = Browser(shared_app)
    statuses = [guesser.post("/login", {"username": "carol", "password": f"wrong-{i}"}).status_code for i in range(5)]
    assert statuses[:3] == [401, 401, 401] and statuses[3:] == [429, 429]
    blocked = guesser.post("/login", {"username": "carol", "password": "correct horse battery"})
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers


@pytest.mark.slow  # dozens of requests
def test_login_never_redirects_off_site(shared_app):
    other = Browser(shared_app)
    other.signup("dave1")
    other.post("/logout")
    response = other.client.post("/login", data={"username": "dave1", "password": "correct horse battery",
                                                 "next": "//evil.example/x", "csrf_token": other.csrf},
                                 follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_session_cookie_flags(shared_app):
    visitor = Browser(shared_app)
    response = visitor.client.post("/signup", data={"username": "erin", "password": "correct horse battery",
                                                    "csrf_token": visitor.csrf}, follow_redirects=False)
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert Browser(shared_app).signup("erin").status_code == 400  # taken
    assert Browser(shared_app).signup("x", "short").status_code == 400


@pytest.mark.slow  # dozens of requests
def test_usernames_have_one_form(shared_app):
    """"alice\\n", "ALICE" and full-width "ａｌｉｃｅ" are alice, not new accounts beside her."""
    Browser(shared_app).signup("alice")
    for variant in ["alice\n", "ALICE", "\uff41\uff4c\uff49\uff43\uff45", " alice"]:
        response = Browser(shared_app).post("/signup", {"username": variant, "password": "another long password"})
        assert response.status_code == 400, variant
    login = Browser(shared_app).post("/login", {"username": "ALICE", "password": "correct horse battery"})
    assert login.status_code == 200 and login.url.path == "/"
    nul = Browser(shared_app).post("/login", {"username": "ali\x00ce", "password": "correct horse battery"})
    assert nul.status_code == 401


HUGE = "99999999999999999999"


@pytest.mark.slow  # dozens of requests
def test_bad_ids_and_fields_get_the_apps_own_4xx_page(browser):
    """Numbers beyond a database integer, digits that are not ASCII, non-numeric ratings: each a 4xx
    page in the app's style, never a 500 or FastAPI's raw JSON."""
    for url in [f"/attempts/{HUGE}", f"/mock/{HUGE}", f"/mock/{HUGE}/report", f"/code/knn/attempts/{HUGE}"]:
        response = browser.get(url)
        assert response.status_code == 404 and "<html" in response.text, url
    page = browser.get("/review").text
    question_id = re.search(r'name="question_id" value="([^"]+)"', page).group(1)
    for fields in [{"rating": "x"}, {"rating": "3", "suggested": "\u00b2"}, {"rating": "3", "suggested": HUGE},
                   {"rating": "3", "attempt_id": HUGE}, {"rating": "3", "attempt_id": "\u00b2"}]:
        response = browser.post("/review/rate", {"question_id": question_id, **fields})
        assert response.status_code in (303, 200, 400, 404), (fields, response.status_code)
        assert "application/json" not in response.headers.get("content-type", ""), fields
        assert response.status_code < 500


def test_a_local_server_answers_only_loopback_names(sqlite_local_app):
    local_app = sqlite_local_app
    """DNS rebinding: attacker.test resolved to 127.0.0.1 must not read or post anything."""
    from fastapi.testclient import TestClient

    rebound = TestClient(local_app, base_url="http://attacker.test:8000")
    assert rebound.get("/attempts/1").status_code == 421
    assert rebound.post("/questions/my-overfitting/answer", data={"answer": "x"}).status_code == 421
    for name in ["http://localhost:8000", "http://127.0.0.1:8000", "http://[::1]:8000"]:
        assert TestClient(local_app, base_url=name).get("/bank").status_code == 200, name


def test_a_shared_server_can_be_limited_to_its_public_names(db_url):
    from fastapi.testclient import TestClient

    app = create_app(WebConfig(db_url=db_url, shared=True, public_hosts=("gauntlet.example.org",)))
    try:
        assert TestClient(app, base_url="https://gauntlet.example.org").get("/login").status_code == 200
        assert TestClient(app, base_url="https://evil.example.org").get("/login").status_code == 421
    finally:
        app.state.store.close()


def test_posts_from_another_origin_are_refused_even_with_the_token(browser):
    """A page on another port of the same host could plant the CSRF cookie; the Origin check stops it."""
    data = {"answer": "planted", "started_at": "2020-01-01T00:00:00"}
    for origin in ["http://127.0.0.1:9999", "http://attacker.test", "null"]:
        response = browser.post("/questions/my-overfitting/answer", data, headers={"origin": origin})
        assert response.status_code == 403, origin
    referred = browser.post("/questions/my-overfitting/answer", data, headers={"referer": "http://127.0.0.1:9999/x"})
    assert referred.status_code == 403
    own = browser.post("/questions/my-overfitting/answer", data, headers={"origin": "http://127.0.0.1:8000"})
    assert own.status_code == 200


def test_the_security_rules_hold_for_every_launcher():
    """create_app, not only `gauntlet serve`, applies them."""
    from gauntlet.errors import InputError

    assert WebConfig(db_url="postgresql+psycopg://u@h/db").checked().shared
    with pytest.raises(InputError, match="loopback"):
        WebConfig().checked("0.0.0.0")
    assert WebConfig(shared=True).checked("0.0.0.0").shared


def test_one_answer_limit_stated_once_and_said_in_the_apps_words(browser):
    """The limit the page enforces (maxlength), the error for a longer answer and the error for a post
    past the form parser's own cap all name the same number."""
    from gauntlet.web.inputs import MAX_ANSWER_CHARS

    limit = f"{MAX_ANSWER_CHARS:,}"
    assert f'maxlength="{MAX_ANSWER_CHARS}"' in browser.get("/questions/my-drift").text
    assert f'maxlength="{MAX_ANSWER_CHARS}"' in browser.get("/review").text
    for url in ("/questions/my-drift/answer", "/review/answer"):
        over = browser.post(url, {"question_id": "my-drift", "answer": "x" * (MAX_ANSWER_CHARS + 1)})
        assert over.status_code == 400 and limit in over.text, url
    huge = browser.post("/questions/my-drift/answer", {"answer": "word " * 2_000_000})  # 10 MB
    assert huge.status_code == 400 and limit in huge.text and "1024KB" not in huge.text
    assert "/attempts/" not in browser.get("/questions/my-drift").text  # nothing was recorded


@pytest.mark.slow  # dozens of requests
def test_sign_up_is_limited_per_client_address(shared_app):
    from fastapi.testclient import TestClient

    from gauntlet.store.login_throttle import SignupThrottle

    limit = SignupThrottle(shared_app.state.store).limit
    statuses = [Browser(shared_app).signup(f"minted{i}").status_code for i in range(limit + 1)]
    assert statuses == [200] * limit + [429]
    other = TestClient(shared_app, base_url="http://127.0.0.1:8000", client=("10.9.8.7", 5000))
    other.get("/login")
    token = other.cookies.get(CSRF_COOKIE)
    assert other.post("/signup", data={"username": "elsewhere", "password": "correct horse battery",
                                       "csrf_token": token}).status_code == 200


@pytest.mark.slow
def test_one_account_cannot_queue_more_than_its_share_of_grades(shared_app):
    """Answers sent in parallel by one account of a shared server: one is graded, the next is refused at
    once (429) and not recorded; another account's answer and other pages are not held up meanwhile."""
    import threading

    from gauntlet.grade import grade_question

    gate, entered = threading.Event(), threading.Semaphore(0)

    def slow_grade(question, answer):  # the real grader, held until the test lets it go
        entered.release()
        if "first" in answer:
            gate.wait(30)
        return grade_question(question, answer)

    shared_app.state.grade_with = slow_grade
    flooder, other = Browser(shared_app), Browser(shared_app)
    flooder.signup("flooder")
    other.signup("someone")
    statuses = []
    sender = threading.Thread(target=lambda: statuses.append(
        flooder.post("/questions/my-drift/answer", {"answer": "The first answer: compare distributions."}).status_code))
    sender.start()
    assert entered.acquire(timeout=30)  # being graded now
    refused = flooder.post("/questions/my-drift/answer", {"answer": "One more."})
    assert refused.status_code == 429 and "Wait for its feedback" in refused.text
    assert other.post("/questions/my-drift/answer", {"answer": "Another account's answer."}).status_code == 200
    assert flooder.get("/bank").status_code == 200
    gate.set()
    sender.join(30)
    assert statuses == [200]
    assert shared_app.state.grading_shares.in_progress() == 0
    answers = stored_answers(shared_app)
    assert "The first answer: compare distributions." in answers and "One more." not in answers


def stored_answers(app) -> list[str]:
    """Every answer the database holds, whoever typed it."""
    from sqlalchemy import select

    from gauntlet.store.schema import attempts

    with app.state.store.engine.connect() as conn:
        return list(conn.execute(select(attempts.c.answer)).scalars())
