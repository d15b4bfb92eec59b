"""Take the README's screenshots from a running server: python docs/screenshots/take.py [URL]."""

import shutil
import sys
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
    browser.close()
