"""A real Chromium (Debian's package) driven by Playwright against the live test server.

Every browser context reports Content-Security-Policy violations, and a test fails on
any: a page that works only without the policy is broken in production. axe-core checks
the page each test leaves behind, and the states the tests check on the way
(tests/browser/accessibility.py): a WCAG 2.1 A/AA violation fails the test."""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings

from journeys.core.content.load import load_content
from tests.browser.accessibility import AXE_SOURCE, check_accessibility

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Runs in every page before its own scripts; the event fires for each blocked script,
# style, style attribute, connection or frame.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} on ${document.location.href}`
  );
}, true);
"""


class WatchedBrowser:
    """The browser, with every new context collecting the CSP violations of its pages."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.violations: list[str] = []

    def new_context(self, **options: Any) -> Any:
        context = self.browser.new_context(**options)

        def report(violation: str) -> None:  # Playwright marks the function: no builtins
            self.violations.append(violation)

        context.expose_function("reportCspViolation", report)
        context.add_init_script(REPORT_VIOLATIONS)
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self.browser, name)


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    if not AXE_SOURCE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: .ci/run installs it with npm ci")
        pytest.skip("axe-core is not installed: npm ci --prefix tests/browser/axe (needs Node.js)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, which makes Django refuse
    # the test's own (synchronous, safe) ORM calls; allow them while the browser runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            yield WatchedBrowser(browser)
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(autouse=True)
def no_csp_violations(browser: Any) -> Iterator[None]:
    """Fails the test when a page broke the Content-Security-Policy."""
    browser.violations.clear()
    yield
    assert browser.violations == [], "Content-Security-Policy violations"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    yield page
    if not page.is_closed() and page.url.startswith("http"):
        check_accessibility(page)  # the state the test left the page in
    context.close()


@pytest.fixture
def site(live_server: Any) -> str:
    """The live server's address, with the shipped content loaded."""
    load_content(settings.CONTENT_DIR)
    return str(live_server.url)
