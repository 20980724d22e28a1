"""A coding drill done in Debian's chromium, as a person would: open it, write code, run, submit.

Uses the browser, server and screenshot helpers of test_browser.py (screenshots at desktop and phone
widths in test-artifacts/screenshots/; any console error or CSP violation fails the test).
"""

from __future__ import annotations

import re

import pytest

from gauntlet.drills.attempts import code_attempts_for
from gauntlet.drills.loader import load_drill
from tests.web.test_browser import chromium, page, server, shoot  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.browser

JUDGED = 60_000  # ms: a run starts a sandbox and NumPy; generous for a busy two-core machine


def test_write_run_and_submit_a_coding_drill(page, server):  # noqa: F811 - the imported fixtures
    drill = load_drill("knn")
    page.goto(server.url + "/code")
    shoot(page, "code-list")
    page.click("text=k-nearest-neighbours classifier")
    page.wait_for_url(re.compile(r"/code/knn$"))
    editor = page.locator("#code-editor")
    assert editor.input_value() == drill.starter()
    assert editor.evaluate("e => getComputedStyle(e).fontFamily").lower().find("mono") >= 0

    # Tab indents by four spaces, Shift+Tab takes them back, Esc then Tab leaves the editor.
    editor.fill("def f():\n")
    editor.press("End")
    page.keyboard.press("Control+End")
    page.keyboard.press("Tab")
    page.keyboard.type("return 1")
    assert editor.input_value() == "def f():\n    return 1"
    page.keyboard.press("Shift+Tab")
    assert editor.input_value() == "def f():\nreturn 1"
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "code-editor"

    # An empty editor is refused with a reason, in place.
    editor.fill("")
    page.click("#submit-code")
    page.wait_for_selector("#verdict .error-message >> text=the editor is empty", timeout=JUDGED)

    editor.fill(drill.solution_path.read_text())  # as if pasted
    page.click("#run-examples")
    page.wait_for_selector("#verdict .verdict-line >> text=3/3 examples", timeout=JUDGED)
    assert page.locator("#verdict .verdict-line .verdict-word").inner_text() == "Accepted"
    assert page.url.endswith("/code/knn")  # HTMX: the verdict came in without leaving the page

    page.click("#submit-code")
    page.wait_for_selector("#verdict >> text=Stored as attempt", timeout=JUDGED)
    assert page.locator("#verdict .verdict-line .verdict-word").inner_text() == "Accepted"
    assert "hidden tests" in page.locator("#verdict .verdict-line").inner_text()
    assert page.locator("#code-history tbody tr").count() == 1  # the history box was updated too
    assert "Accepted" in page.locator("#code-history").inner_text()
    page.click("#verdict summary")  # open the per-test timings
    assert page.locator("#verdict table.tests tbody tr").count() == len(code_attempts_for(
        server.app.state.store, server.app.state.store.local_user_id, drill_id="knn")[0].results)
    shoot(page, "code-drill-accepted")

    editor.fill("import numpy as np\ndef knn_predict(X_train, y_train, X_test, k):\n"
                "    return np.zeros(len(X_test), dtype=int)\n")
    page.click("#submit-code")
    page.wait_for_selector("#verdict >> text=Failed example: example_majority_of_three", timeout=JUDGED)
    assert page.locator("#verdict .verdict-line .verdict-word").inner_text() == "Wrong answer"
    assert "expected [0, 1], got [0, 0]" in page.locator("#verdict").inner_text()
    assert page.locator("#code-history tbody tr").count() == 2
    shoot(page, "code-drill-wrong")

    page.reload()
    assert "np.zeros(len(X_test)" in editor.input_value()  # the last submission comes back
    page.goto(server.url + "/code")
    assert page.locator('tr[data-drill="knn"] .solved-mark').inner_text() == "✓"
