"""Take the README's screenshots from a running server: python docs/screenshots/take.py [URL].

With JOURNEYS_DEMO_PASSWORD set (printed by `journeys setup --demo` on a fresh install),
it also logs in as the demo trainer and takes the sample workshop's report, and turns the
report's PDF into PNG pages (needs pdftoppm from poppler-utils)."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
HERE = Path(__file__).parent
SHOTS = {
    "catalogue.png": "/",
    "catalogue-nl-phone.png": "/nl/",
    "training.png": "/trainings/harm-reduction/",
    "combinations.png": "/knowledge/combinations/?s=ghb&s=alcohol&s=cocaine&s=sertraline",
    "combinations-nl-phone.png": (
        "/nl/knowledge/combinations/?s=mdma&s=sertraline&s=tramadol#results"
    ),
    "substance.png": "/knowledge/substances/ghb-gbl/",
}

PRACTICE = {
    "": [
        "What would you like to be different after that night?",
        "You should just stop using G.",
        "So you want to keep going to parties, and you also want to feel in control.",
        "Do you use alone sometimes?",
        "It sounds like that night scared you more than you first let on.",
    ],
    "/nl": [
        "Wat zou je anders willen na die avond?",
        "Dus je wilt blijven feesten, en je wilt ook de controle houden.",
    ],
}


def practise(browser) -> None:  # type: ignore[no-untyped-def]
    """An MI practice conversation (desktop, English; phone, Dutch) and its summary."""
    for prefix, replies in PRACTICE.items():
        phone = prefix == "/nl"
        page = browser.new_page(
            viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        )
        page.goto(f"{BASE}{prefix}/mi/practice/ghb-at-parties/")
        page.get_by_role("button", name="Start again" if not phone else "Opnieuw beginnen").click()
        for number, reply in enumerate(replies, start=1):
            page.locator("textarea[name=reply]").fill(reply)
            page.locator("form.mi-reply button[type=submit]").click()
            page.locator(f"#turn-{number}").wait_for()
        if phone:
            page.locator(f"#turn-{len(replies)}").scroll_into_view_if_needed()
            page.screenshot(path=HERE / "mi-practice-nl-phone.png")
        else:
            page.screenshot(path=HERE / "mi-practice.png", full_page=True)
            page.goto(f"{BASE}/mi/practice/ghb-at-parties/summary/")
            page.screenshot(path=HERE / "mi-summary.png", full_page=True)
        page.close()


def measure(browser, password: str) -> None:  # type: ignore[no-untyped-def]
    """The sample workshop's report, a page of its PDF, and a questionnaire on a phone."""
    context = browser.new_context(viewport={"width": 1280, "height": 1800})
    page = context.new_page()
    page.goto(f"{BASE}/accounts/login/")
    page.get_by_label("Username").fill("demo-trainer")
    page.get_by_label("Password").fill(password)
    page.locator("form button[type=submit]").click()
    page.goto(f"{BASE}/assessments/")
    page.get_by_role("link", name=re.compile("Sample workshop")).first.click()
    page.get_by_role("link", name="Report").click()
    page.screenshot(path=HERE / "report.png")  # the top: findings and the first plot
    pdf = page.request.get(page.url.replace("/report/", "/report.pdf"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf.body())
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", path, HERE / "report-pdf-page"],
            check=True,
        )
    context.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{BASE}/nl/trainings/domestic-violence/measure/pre/")
    for name, value in [("mother", "Ma"), ("birthday", "14"), ("street", "K"), ("siblings", "2")]:
        phone.locator(f"input[name={name}]").fill(value)
    phone.locator("form button[type=submit]").click()
    phone.screenshot(path=HERE / "questionnaire-nl-phone.png")
    phone.close()


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
    )
    for name, path in SHOTS.items():
        phone = "phone" in name
        page = browser.new_page(
            viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        )
        page.goto(BASE + path)
        page.screenshot(path=HERE / name, full_page=not phone)
        page.close()
    practise(browser)
    if os.environ.get("JOURNEYS_DEMO_PASSWORD"):
        measure(browser, os.environ["JOURNEYS_DEMO_PASSWORD"])
    browser.close()
