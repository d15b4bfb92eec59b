"""A training exported as a Dutch SCORM 1.2 package, run in Chromium inside a test LMS
page whose SCORM API is a real runtime: scorm-again from npm (tests/browser/scorm,
installed by `make test` and .ci/run). The LMS page holds the package in a frame, as
Moodle does; the package finds the API in its parent, the test completes the training
with the keyboard only, and reads back from scorm-again what the LMS would store.

The LMS, the runtime and the unzipped package are served by the page's routes under
http://lms.test/, so nothing leaves the machine; a request for anything else fails the
test (the package must need nothing outside the zip)."""

import io
import json
import math
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from journeys.trainings import scorm
from journeys.trainings.models import Training
from tests.browser.accessibility import check_accessibility
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUNTIME = (
    Path(__file__).parent / "scorm" / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
)
LMS = "http://lms.test"
LMS_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Test-LMS</title>
<script src="/runtime/scorm12.min.js"></script>
<script>window.API = new Scorm12API({autocommit: false, logLevel: 5});</script>
</head><body><main><h1>Test-LMS</h1>
<iframe title="Training" src="/package/index.html" style="width: 100%; height: 900px"></iframe>
</main></body></html>"""
TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
}


@pytest.fixture
def lms(page: Any, site: str) -> dict[str, Any]:
    """The Dutch harm-reduction package, unzipped, behind the test LMS page."""
    if not RUNTIME.exists():
        if os.environ.get("CI"):
            pytest.fail("scorm-again is missing: .ci/run installs it with npm ci")
        pytest.skip("scorm-again is not installed: npm ci --prefix tests/browser/scorm")
    training = Training.objects.get(slug="harm-reduction")
    with zipfile.ZipFile(io.BytesIO(scorm.build_package(training, "nl", site))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    served = {"/lms.html": LMS_PAGE.encode(), "/runtime/scorm12.min.js": RUNTIME.read_bytes()}
    served.update({f"/package/{name}": content for name, content in files.items()})
    outside: list[str] = []

    def answer(route: Any) -> None:
        path = route.request.url.removeprefix(LMS).split("?")[0]
        if path in served:
            route.fulfill(status=200, body=served[path], content_type=TYPES[Path(path).suffix])
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", answer)
    data = re.search(
        rb'<script id="package-data" type="application/json">(.*?)</script>', files["index.html"]
    )
    assert data is not None
    return {"training": training, "data": json.loads(data[1]), "outside": outside}


def test_a_dutch_package_is_completed_by_keyboard_and_reports_its_result(page, lms):
    page.goto(f"{LMS}/lms.html")
    frame = page.frame_locator("iframe")
    content = page.frames[1]
    content.wait_for_load_state()
    assert content.evaluate("document.documentElement.lang") == "nl"
    assert page.evaluate("window.API.cmi.core.lesson_status") == "incomplete"

    # The skip link is the first stop of the keyboard and leads to the content.
    frame.locator("body").focus()
    page.keyboard.press("Tab")
    assert content.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert content.evaluate("document.activeElement.id") == "main"

    exercises = lms["data"]["exercises"]
    wrong_on_purpose = next(slug for slug, e in exercises.items() if e["kind"] == "choice")
    points = 0
    for slug, exercise in exercises.items():
        form = frame.locator(f'form[data-exercise="{slug}"]')
        if exercise["kind"] == "choice":
            right = [o for o, item in exercise["items"].items() if item["correct"]]
            if slug == wrong_on_purpose:
                right = [next(o for o in exercise["items"] if o not in right)]
            for option in right:
                form.locator(f'input[value="{option}"]').focus()
                page.keyboard.press("Space")
        elif exercise["kind"] == "fact-or-fiction":
            for statement, item in exercise["items"].items():
                form.locator(f'input[name="{statement}"][value="{item["verdict"]}"]').focus()
                page.keyboard.press("Space")
        else:
            for place, item in enumerate(exercise["key"], start=1):
                form.locator(f'select[name="{item}"]').focus()
                page.keyboard.type(str(place))
        form.locator("button[type=submit]").focus()
        page.keyboard.press("Enter")
        outcome = form.locator(".outcome")
        score = exercise["max"] if slug != wrong_on_purpose else 0
        points += score
        assert outcome.locator(".score").inner_text() == f"Je score: {score} van {exercise['max']}"
        assert content.evaluate("document.activeElement.className") == "outcome"
        if slug == wrong_on_purpose:
            assert "Niet helemaal." in outcome.inner_text()
            check_accessibility(content)  # the page with feedback shown

    maximum = sum(e["max"] for e in exercises.values())
    percent = math.floor(100 * points / maximum)
    assert percent >= lms["training"].pass_mark  # one wrong answer still passes
    frame.locator("#finish-button").focus()
    page.keyboard.press("Enter")
    result = frame.locator("#result")
    assert f"Je score: {percent} %" in result.inner_text()
    assert "Je bent geslaagd." in result.inner_text()

    reported = page.evaluate(
        """() => ({
          status: window.API.cmi.core.lesson_status,
          raw: window.API.cmi.core.score.raw,
          min: window.API.cmi.core.score.min,
          max: window.API.cmi.core.score.max,
          finished: window.API.isTerminated(),
        })"""
    )
    assert reported == {
        "status": "passed",
        "raw": str(percent),
        "min": "0",
        "max": "100",
        "finished": True,
    }
    check_accessibility(content)
    assert lms["outside"] == []


def test_a_score_under_the_mastery_score_reports_failed(page, lms):
    page.goto(f"{LMS}/lms.html")
    frame = page.frame_locator("iframe")
    frame.locator("#finish-button").focus()
    page.keyboard.press("Enter")
    assert (
        "Je hebt de grens om te slagen nog niet gehaald." in frame.locator("#result").inner_text()
    )
    assert page.evaluate("window.API.cmi.core.lesson_status") == "failed"
    assert page.evaluate("window.API.cmi.core.score.raw") == "0"
    assert lms["outside"] == []


def test_a_trainer_downloads_the_package_from_the_guide(page, site, trainer):
    page.goto(f"{site}/accounts/login/?next=/nl/trainings/harm-reduction/guide/")
    page.get_by_label("Username").fill("trainer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/nl/trainings/harm-reduction/guide/")
    check_accessibility(page)
    page.get_by_label("Taal van het pakket").focus()
    page.keyboard.type("Nederlands")
    page.get_by_role("button", name="Download het SCORM-pakket").focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "journeys-harm-reduction-nl-scorm12.zip"
    with zipfile.ZipFile(download.value.path()) as archive:
        assert b'<html lang="nl">' in archive.read("index.html")
