"""The mock report as a file (the web app's "Download as HTML", the terminal's export), opened in Debian's
chromium: one main landmark, no axe violations at desktop and phone widths, nothing scrolls sideways on a
390 px phone (it was 509 px wide), and its practice links point at the app's pages."""

from __future__ import annotations

import pytest

from gauntlet.review.mock_report import MockReport, Shell
from gauntlet.review.report_export import to_html
from tests.review.test_mock_report import V1_REPORT
from tests.web.test_a11y import axe_installed, check_both_widths, page  # noqa: F401 - fixtures
from tests.web.test_browser import chromium  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


def test_the_report_file_has_a_main_landmark_and_fits_a_phone(page, axe_installed):  # noqa: F811
    report = MockReport.from_dict(V1_REPORT)
    page.set_content(to_html(report, Shell.WEB, base_url="http://127.0.0.1:8000"))
    assert page.locator("main").count() == 1 and page.locator("main h1").count() == 1
    found: dict[str, list[str]] = {}
    check_both_widths(page, "mock report file", found)  # axe at both widths, and the phone's page width
    assert found == {}
    links = page.locator("ol a").evaluate_all("links => links.map(a => a.href)")
    assert links == ["http://127.0.0.1:8000/questions/my-overfitting", "http://127.0.0.1:8000/tips",
                     "http://127.0.0.1:8000/review?topic=mlops-production"]
