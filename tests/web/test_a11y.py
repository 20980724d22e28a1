"""Accessibility of the web app in Debian's chromium: axe-core on every page a person can reach, at desktop
and phone widths, and the phone layout (390x844) of the pages that broke on it.

axe-core comes from npm (a devDependency: `npm ci` installs it). Screenshots go to
test-artifacts/screenshots/ like those of test_browser.py; a failing test leaves one in
test-artifacts/failures/.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from gauntlet.review.mock import start_session
from gauntlet.review.mock_plan import PlanItem
from gauntlet.web.app import create_app
from gauntlet.web.config import WebConfig
from tests.support import FIXTURE_BANK
from tests.web.browser_support import ServerThread
from tests.web.test_browser import ARTIFACTS, VIEWPORTS, chromium, server, shoot  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = VIEWPORTS["phone"]
JUDGED = 60_000  # ms: a lab run or a sandboxed submission on a busy two-core machine
# Smallest text we accept, in CSS px: the chart labels were about 8 px on a phone.
MIN_TEXT_PX = 11
# Figures are PNGs whose text is sized for their natural width (10 pt at 90-110 dpi, 12-15 px): shown at
# no less than this fraction of it, their smallest text stays at 10 px or more.
MIN_FIGURE_SCALE = 0.8


def _in_days(days: int) -> str:
    import datetime as dt

    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def axe_installed() -> None:
    if not AXE.exists():
        reason = "axe-core is not installed: run `npm ci` (it is a devDependency in package.json)"
        if _in_ci():
            pytest.fail(reason)  # CI must run every check, never pass over it
        pytest.skip(reason)


@pytest.fixture
def page(chromium, request):  # noqa: F811 - the imported fixture
    # The app's CSP (script-src 'self') refuses inline scripts, which is how add_script_tag injects axe:
    # bypass it for the test's own script only; the app's pages are unchanged.
    context = chromium.new_context(viewport=VIEWPORTS["desktop"], bypass_csp=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    # the not-found page and a refused login are visited on purpose: chromium logs their 404 and 401 as
    # console errors
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error"
           and not msg.location.get("url", "").endswith(("/no/such/page", "/login")) else None)
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(folder / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert errors == [], f"browser errors: {errors}"


def axe_violations(page) -> list[str]:
    """axe's violations on the page as loaded now, one line per rule with the nodes it found."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    # every rule axe enables by default: WCAG 2.x A/AA and its best practices (heading order, landmarks...)
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']}))"
                           ".violations.map(v => ({id: v.id, help: v.help,"
                           " targets: v.nodes.map(n => n.target.join(' '))}))")
    return [f"{v['id']} ({v['help']}): {len(v['targets'])} node(s), e.g. {v['targets'][:5]}" for v in result]


def check_both_widths(page, name: str, found: dict[str, list[str]]) -> None:
    """axe at desktop and phone widths (media queries change what is shown), plus no sideways page scroll
    on the phone."""
    for label, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        problems = axe_violations(page)
        if label == "phone":
            overflow = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if overflow[0] > overflow[1]:
                problems.append(f"page scrolls sideways: {overflow[0]} px wide in a {overflow[1]} px window")
        if problems:
            found[f"{name} ({label})"] = problems
    page.set_viewport_size(VIEWPORTS["desktop"])


def test_no_axe_violations_on_any_page(page, server, axe_installed):  # noqa: F811 - the imported fixture
    """Every page a user reaches, in the state they see it in (answered, revealed, judged, running...)."""
    found: dict[str, list[str]] = {}
    url = server.url

    def visit(name: str, path: str | None = None) -> None:
        if path is not None:
            page.goto(url + path)
        check_both_widths(page, name, found)

    for name, path in [("dashboard (empty)", "/"), ("bank", "/bank"), ("bank filtered", "/bank?q=drift"),
                       ("question", "/questions/my-overfitting"),
                       ("question revealed", "/questions/my-drift?reveal=1"), ("labs", "/labs"),
                       ("lab", "/labs/l1-vs-l2"), ("code list", "/code"), ("tables", "/tables"),
                       ("tips", "/tips"), ("faq", "/faq"), ("not found", "/no/such/page"),
                       ("mock start (none yet)", "/mock"), ("plan (none yet)", "/plan")]:
        visit(name, path)

    page.goto(url + "/questions/my-overfitting")
    page.fill("#answer", "The model memorises noise: training error is low and validation error is high; "
                         "regularise, get more data and validate on held-out data.")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    visit("feedback")
    visit("question with history", "/questions/my-overfitting")

    page.goto(url + "/review")
    visit("drill")
    page.fill("#answer", "Compare live feature distributions with the training ones (PSI); watch the metric.")
    page.click("#reveal")
    page.wait_for_selector("#rating-form")
    visit("drill feedback and rating")
    page.keyboard.press("3")
    page.wait_for_url(re.compile(r"/review$"))

    page.goto(url + "/labs/l1-vs-l2")
    page.click("#run-lab")
    page.wait_for_selector("#lab-result", timeout=JUDGED)
    visit("lab result")

    page.goto(url + "/code/knn")
    visit("code drill")
    page.click("#submit-code")  # the starter as it is: a verdict, a stored attempt and the history table
    page.wait_for_selector("#verdict >> text=Stored as attempt", timeout=JUDGED)
    visit("code drill judged")
    page.click("#code-history a")
    page.wait_for_url(re.compile(r"/code/knn/attempts/\d+$"))
    visit("code attempt")

    store = server.app.state.store
    plan = [PlanItem("my-overfitting", 600.0), PlanItem("my-drift", 600.0)]
    session = start_session(store, "all", 30, plan, user_id=store.local_user_id)
    visit("mock question", f"/mock/{session.id}")
    visit("mock start (one paused)", "/mock")
    page.goto(f"{url}/mock/{session.id}")
    page.fill("#answer", "Training error low, validation error high: it memorised the noise.")
    page.click("#mock-answer button[type=submit]")
    page.wait_for_load_state()
    visit("mock question after an answer")  # a follow-up or the next question
    page.click("text=End the interview now")
    page.wait_for_url(re.compile(r"/report$"), timeout=JUDGED)
    visit("mock report")
    visit("mock start (with history)", "/mock")
    visit("dashboard (with history)", "/")

    page.goto(url + "/plan")
    page.fill("input[name=interview]", _in_days(21))
    page.check("input[name=easy_days][value='6']")
    page.click("#make-plan")
    page.wait_for_selector("#plan-days")
    visit("plan")
    visit("dashboard (with a plan)", "/")

    assert not found, "axe-core violations:\n" + json.dumps(found, indent=1)


def test_no_axe_violations_on_the_shared_mode_pages(page, chromium, axe_installed, tmp_path):  # noqa: F811
    """Log in, sign up, and a signed-in page (its header has the user's name and a log-out button)."""
    app = create_app(WebConfig(db_url=f"sqlite:///{tmp_path / 'shared.db'}", shared=True,
                               extra_banks=(FIXTURE_BANK,)))
    found: dict[str, list[str]] = {}
    try:
        with ServerThread(app) as running:
            page.goto(running.url + "/login")
            check_both_widths(page, "login", found)
            page.fill("input[name=username]", "nobody")
            page.fill("input[name=password]", "wrong password here")
            page.click("button[type=submit]")
            page.wait_for_selector(".error-message")
            check_both_widths(page, "login refused", found)
            page.goto(running.url + "/signup")
            check_both_widths(page, "signup", found)
            page.fill("input[name=username]", "reader")
            page.fill("input[name=password]", "correct horse battery")
            page.click("button[type=submit]")
            page.wait_for_selector("text=Log out")
            check_both_widths(page, "dashboard signed in", found)
    finally:
        app.state.store.close()
    assert not found, "axe-core violations:\n" + json.dumps(found, indent=1)


def phone_overflow(page) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"the page scrolls sideways on a phone: {width} px wide in a {inner} px window"


def visible_in_viewport_or_own_scroller(page, selector: str) -> bool:
    """The element is laid out (not display:none) and either lies inside the window or inside a box that
    scrolls sideways by itself (a wide table may scroll inside its own frame, never the page)."""
    return page.evaluate("""sel => {
        const el = document.querySelector(sel);
        const box = el.getBoundingClientRect();
        if (box.width === 0 || getComputedStyle(el).display === 'none') return false;
        if (box.right <= window.innerWidth) return true;
        for (let p = el.parentElement; p; p = p.parentElement) {
            const overflow = getComputedStyle(p).overflowX;
            if ((overflow === 'auto' || overflow === 'scroll') && p.scrollWidth > p.clientWidth) return true;
        }
        return false;
    }""", selector)


def smallest_svg_text_px(page, selector: str) -> float:
    """The smallest rendered font size of the visible text of the SVGs matching selector, in CSS px."""
    return page.evaluate("""sel => Math.min(...[...document.querySelectorAll(sel)]
        .filter(svg => svg.getBoundingClientRect().width > 0)
        .flatMap(svg => [...svg.querySelectorAll('text')].map(t =>
            parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a)))""", selector)


def figure_scales(page, selector: str) -> list[float]:
    """How much each figure is shrunk: its shown width over its natural width."""
    return page.evaluate("sel => [...document.querySelectorAll(sel)].map(i => i.getBoundingClientRect().width"
                         " / i.naturalWidth)", selector)


def shoot_phone(page, name: str) -> None:
    """The shared screenshot helper (desktop and phone), then back to the phone width the test runs at."""
    shoot(page, name)
    page.set_viewport_size(PHONE)


def test_phone_layout_of_bank_feedback_mock_report_and_figures(page, server):  # noqa: F811
    """The issue's phone problems, at 390x844: nothing scrolls the page sideways, the report's score
    column shows, chart and figure text is readable, tick boxes sit on their labels' line."""
    url = server.url
    page.set_viewport_size(PHONE)

    page.goto(url + "/bank")
    phone_overflow(page)
    # the list fits the phone, and each question's topic, level and audience show (under its title)
    assert page.locator("table.questions").evaluate("t => t.getBoundingClientRect().right") <= PHONE["width"]
    meta = page.locator("table.questions tbody tr .row-meta")
    assert meta.count() > 100 and meta.first.is_visible()
    assert re.fullmatch(r".+ · (beginner|intermediate|advanced) · \w+", meta.first.inner_text())
    shoot_phone(page, "a11y-bank")

    page.goto(url + "/")
    phone_overflow(page)
    labels = page.locator(".mastery-list .mastery-name")
    assert labels.count() > 5 and labels.first.is_visible()  # the phone's chart: one line per topic
    sizes = labels.evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= MIN_TEXT_PX, sizes
    page.set_viewport_size(VIEWPORTS["desktop"])
    assert smallest_svg_text_px(page, "svg.bars") >= MIN_TEXT_PX  # the desktop's SVG chart
    page.set_viewport_size(PHONE)

    page.goto(url + "/questions/my-overfitting")
    page.fill("#answer", "It memorises noise: low training error, high validation error. Regularise.")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    phone_overflow(page)
    assert page.locator("h2", has_text="Model answer").is_visible()
    shoot_phone(page, "a11y-feedback")

    store = server.app.state.store
    plan = [PlanItem("my-overfitting", 600.0), PlanItem("my-drift", 600.0)]
    session = start_session(store, "all", 30, plan, user_id=store.local_user_id)
    page.goto(f"{url}/mock/{session.id}")
    phone_overflow(page)
    page.fill("#answer", "Training error low, validation error high.")
    page.click("text=End the interview now")
    page.wait_for_url(re.compile(r"/report$"), timeout=JUDGED)
    phone_overflow(page)
    score = page.locator("table.mock-questions th", has_text="score")
    assert score.is_visible()
    assert visible_in_viewport_or_own_scroller(page, "table.mock-questions th:nth-child(4)")
    assert page.locator("table.mock-questions tbody td:nth-child(4)").first.inner_text() != ""
    plot = page.locator("img.plot")
    plot.evaluate("img => img.decode()")
    assert plot.evaluate("img => img.naturalWidth") > 0
    assert min(figure_scales(page, "img.plot")) >= MIN_FIGURE_SCALE
    shoot_phone(page, "a11y-mock-report")

    page.goto(url + "/mock")
    phone_overflow(page)
    # each tick box sits at the start of its label's first line, not on a line of its own
    placements = page.locator("#mock-start label.check").evaluate_all("""labels => labels.map(label => {
        const box = label.querySelector('input').getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(label);
        range.setStartAfter(label.querySelector('input'));
        const line = range.getClientRects()[0];
        return box.right <= line.left && box.bottom > line.top && box.top < line.bottom;
    })""")
    assert placements and all(placements), placements
    shoot_phone(page, "a11y-mock-start")

    page.goto(url + "/labs/l1-vs-l2")
    page.click("#run-lab")
    page.wait_for_selector("#lab-result", timeout=JUDGED)
    phone_overflow(page)
    assert page.locator("#lab-result img.plot").count() >= 1
    assert min(figure_scales(page, "#lab-result img.plot")) >= MIN_FIGURE_SCALE
    shoot_phone(page, "a11y-lab")


def test_skip_link_is_the_first_stop_and_moves_to_the_main_content(page, server):  # noqa: F811
    page.goto(server.url + "/bank")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), "
                            "document.activeElement.getAttribute('href')]")
    assert focused == ["Skip to content", "#main"]
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the page's content, past the navigation
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
