"""Every page carries the Content-Security-Policy, and no template a browser renders needs
an exception to it: no inline scripts, <style> elements, style attributes or on* handlers
(the browser tests fail on any violation the pages still cause)."""

import re
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}

PAGES = [
    "/",
    "/nl/",
    "/trainings/addiction/",
    "/nl/trainings/addiction/",
    "/knowledge/",
    "/knowledge/substances/mdma/",
    "/knowledge/combinations/?substances=ghb,alcohol",
    "/knowledge/interventions/",
    "/cards/",
    "/cards/decks/nightlife/",
    "/mi/practice/",
    "/join/",
    "/accounts/login/",
    "/accounts/signup/",
    "/no-such-page/",
    "/api/trainings",
]

# Rendered only into PDFs by WeasyPrint, never sent to a browser. cards/_face.html is in
# deck pages too, but has its style attribute only on a printed sheet (the rendered deck
# page is checked below).
PDF_ONLY = {
    "cards/templates/cards/print.html",
    "cards/templates/cards/_face.html",
    "assessments/templates/assessments/report_pdf.html",
    "trainings/templates/trainings/certificate_pdf.html",
}


def policy_of(header: str) -> dict[str, str]:
    directives = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in directives}


INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>"  # a script without src
    r"|<style\b"
    r"|\sstyle="
    r"|\son[a-z]+=",
    re.IGNORECASE,
)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_content_security_policy(client: Client, curriculum, path: str):
    response = client.get(path)
    assert response.status_code in {200, 404}, path
    assert policy_of(response["Content-Security-Policy"]) == POLICY
    assert not INLINE.search(response.content.decode()), "the policy would block part of it"


def test_the_lockout_and_error_answers_carry_it_too(client: Client, settings, participant):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 1
    response = client.post("/accounts/login/", {"username": "participant", "password": "wrong"})
    assert response.status_code == 429
    assert policy_of(response["Content-Security-Policy"]) == POLICY


def test_no_template_a_browser_renders_has_inline_scripts_or_styles():
    found = []
    for template in sorted((ROOT / "journeys").glob("*/templates/**/*.html")):
        name = str(template.relative_to(ROOT / "journeys"))
        if name in PDF_ONLY:
            continue
        for number, line in enumerate(template.read_text().splitlines(), start=1):
            if INLINE.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == []
