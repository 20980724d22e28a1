"""The web app driven in Debian's chromium by Playwright: each page's main flow, as a person would use it.

Screenshots of every page at desktop and phone widths go to test-artifacts/screenshots/ (for review by
eye); a failing test leaves a screenshot of the page it failed on in test-artifacts/failures/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gauntlet.review.mock import start_session
from gauntlet.review.mock_plan import PlanItem
from gauntlet.web.app import create_app
from gauntlet.web.config import WebConfig
from tests.support import FIXTURE_BANK
from tests.web.browser_support import CHROMIUM, CHROMIUM_ARGS, ServerThread

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
VIEWPORTS = {"desktop": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = create_app(WebConfig(db_url=f"sqlite:///{tmp_path_factory.mktemp('web') / 'browser.db'}",
                               extra_banks=(FIXTURE_BANK,)))
    with ServerThread(app) as running:
        running.app = app
        yield running
    app.state.store.close()


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, request):
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(folder / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert errors == [], f"browser errors: {errors}"


def shoot(page, name: str) -> None:
    """Screenshots at desktop and phone widths, for the eye check of each page."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for label, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(VIEWPORTS["desktop"])


def test_dashboard_and_navigation(page, server):
    htmx = page.request.get(server.url + "/static/vendor/htmx.min.js")  # installed by `npm ci`, served locally
    assert htmx.status == 200 and "htmx" in htmx.text()[:2000]
    page.goto(server.url + "/")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("svg.bars").count() == 1
    shoot(page, "dashboard")
    page.click("nav >> text=Questions")
    page.wait_for_url(re.compile(r"/bank$"))
    for name in ("tables", "tips", "faq"):
        page.goto(f"{server.url}/{name}")
        shoot(page, name)


def test_bank_filter_and_search(page, server):
    page.goto(server.url + "/bank")
    page.select_option("select[name=topic]", "mlops-production")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r"topic=mlops-production"))
    in_topic = page.locator("#count").inner_text()
    assert in_topic.endswith("questions") and int(in_topic.split()[0]) > 1
    page.select_option("select[name=tag]", "my-bank")  # the test bank's own tag: topic AND tag narrow to one
    page.click("form.filters button")
    page.wait_for_url(re.compile(r"tag=my-bank"))
    assert page.locator("#count").inner_text() == "1 question"
    assert "My drift question" in page.locator("table.list").inner_text()
    page.select_option("select[name=tag]", "")
    page.fill("input[name=q]", "overfit")
    page.select_option("select[name=topic]", "")
    page.click("form.filters button")
    assert "My overfitting question" in page.locator("table.list").inner_text()
    shoot(page, "bank")


def test_answer_a_question_and_read_the_feedback(page, server):
    page.goto(server.url + "/questions/my-overfitting")
    shoot(page, "question")
    page.fill("#answer", "The model memorises noise: training error is low, validation error is high. <b>bold?</b>")
    page.keyboard.press("Control+Enter")  # submits, like the button
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    assert "<b>bold?</b>" in page.locator(".your-answer").first.inner_text()  # shown as typed, not as HTML
    assert page.locator("h2", has_text="Model answer").count() == 1
    shoot(page, "feedback")


def test_drill_with_keyboard_rating(page, server):
    page.goto(server.url + "/review")
    first = page.locator("h2").inner_text()
    page.click("#reveal")
    page.wait_for_selector("#rating-form")
    shoot(page, "drill-rate")
    page.keyboard.press("3")  # the keyboard shortcut for "good"
    page.wait_for_url(re.compile(r"/review$"))
    assert page.locator("h2").count() == 0 or page.locator("h2").inner_text() != first
    from gauntlet.bank import load_bank
    from gauntlet.review.cards import get_card

    bank = load_bank((FIXTURE_BANK,))
    rated = next(q.id for q in bank.questions if q.title == first)
    assert get_card(server.app.state.store, rated, user_id=server.app.state.store.local_user_id).reps == 1
    page.goto(server.url + "/review")
    shoot(page, "drill")


def test_mock_interview_counts_down_saves_drafts_and_auto_advances(page, server):
    store = server.app.state.store
    session = start_session(store, "all", 5, [PlanItem("my-overfitting", 9.0), PlanItem("my-drift", 4.0)],
                            user_id=store.local_user_id)
    page.goto(f"{server.url}/mock/{session.id}")
    clock = page.locator("#question-clock")
    first_reading = clock.inner_text()
    assert re.fullmatch(r"00:0\d", first_reading)
    page.fill("#answer", "typed before the clock ran out")
    page.wait_for_selector("#draft-status >> text=draft saved", timeout=8000)  # htmx heartbeat every 5 s
    shoot(page, "mock-question")
    # At zero the page submits what was typed and the next question appears by itself.
    page.wait_for_selector("text=My drift question", timeout=15000)
    page.wait_for_url(re.compile(r"/report$"), timeout=20000)
    assert "typed before the clock ran out" in page.content()
    assert page.locator("#practise-next li").count() == 3
    assert page.locator("img.plot").evaluate("img => img.naturalWidth") > 0
    shoot(page, "mock-report")
    page.goto(server.url + "/mock")
    shoot(page, "mock-start")


def test_run_a_lab_and_see_its_figures(page, server):
    page.goto(server.url + "/labs")
    page.click("text=L1 vs L2 regularisation")
    page.fill("input[name=seed]", "7")
    page.click("#run-lab")
    page.wait_for_selector("#lab-result", timeout=60000)
    assert page.locator("#lab-result img.plot").count() >= 1
    assert page.locator("#lab-result img.plot").first.evaluate("img => img.naturalWidth") > 0
    shoot(page, "lab")


def render_anki_card(fields: dict[str, str]) -> str:
    """The back of a card as Anki builds it from our note type: {{Field}}, {{#Field}}...{{/Field}}
    (shown only when the field is not empty) and {{FrontSide}}."""
    from gauntlet.review.anki import BACK, CSS, FRONT

    def fill(template: str) -> str:
        for name, value in fields.items():
            template = re.sub(r"\{\{#" + name + r"\}\}(.*?)\{\{/" + name + r"\}\}",
                              r"\1" if value else "", template, flags=re.S)
            template = template.replace("{{" + name + "}}", value)
        return template

    back = fill(BACK).replace("{{FrontSide}}", fill(FRONT))
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{CSS}</style></head>" \
           f"<body><div class='card'>{back}</div></body></html>"


def test_an_anki_card_renders_paragraphs_and_lists_whole(page, tmp_path):
    """The missing-data card (wrapped lines, bullets with continuation lines) in chromium: one paragraph
    per paragraph of the model answer, every list item inside its list, nothing split mid-sentence."""
    import sqlite3
    import zipfile

    from gauntlet.bank import load_bank
    from gauntlet.review.anki import FIELDS, export_anki

    bank = load_bank()
    export_anki(bank, tmp_path / "deck.apkg")
    with zipfile.ZipFile(tmp_path / "deck.apkg") as deck:
        (tmp_path / "col.db").write_bytes(deck.read(next(n for n in deck.namelist() if n.startswith("collection"))))
    with sqlite3.connect(tmp_path / "col.db") as col:
        rows = [r[0].split("\x1f") for r in col.execute("SELECT flds FROM notes")]
    fields = dict(zip(FIELDS, next(r for r in rows if r[-1] == "missing-data-mechanisms"), strict=True))
    page.set_content(render_anki_card(fields))
    question = bank.question("missing-data-mechanisms")
    blocks = [b for b in re.split(r"\n\s*\n", question.model_answer.strip()) if b.strip()]
    prose = [b for b in blocks if not re.match(r"\s*([-*]|\d+\.)\s", b)]
    assert page.locator(".answer > p").count() == len(prose)
    for paragraph in page.locator(".answer > p").all_inner_texts():
        assert "\n\n" not in paragraph and paragraph.strip()[-1] in ".:?!)\"'"  # whole sentences, not a cut line
    assert page.locator(".answer li").count() == page.locator(".answer ul > li, .answer ol > li").count()
    assert page.locator("h4", has_text="Key points").count() == 1
    assert page.locator("h4:has-text('Key points') + ul > li").count() == len(question.key_points)
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "anki-card-missing-data.png"), full_page=True)
