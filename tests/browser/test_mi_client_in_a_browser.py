"""The practice client answers what was asked, in Chromium: a trainee asks Linda about the
Veilig Thuis number and gets a line about it (journeys/mi/client_lines.py), in English
and in Dutch."""

import pytest
from django.conf import settings

from journeys.mi.models import Persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def lines_about(topic: str, language: str) -> set[str]:
    statements = Persona.objects.get(slug="stay-with-partner").data["statements"]
    return {
        line[language]
        for lines in statements.values()
        for line in lines
        if topic in line.get("topics", ())
    }


def ask(page, label: str, button: str, question: str) -> str:
    """Send the question; the client's answer to it, without the speaker's name."""
    page.get_by_label(label).fill(question)
    page.get_by_role("button", name=button, exact=True).click()
    page.locator("#turn-1").wait_for()
    answer = page.locator("#turn-1 + li.mi-client")
    speaker = str(answer.locator(".mi-speaker").inner_text())
    return str(answer.inner_text()).removeprefix(speaker).strip()


def test_linda_answers_a_question_about_the_phone_number(page, site):
    page.goto(site + "/mi/practice/")
    page.get_by_role("link", name="Linda, 41: staying with her partner").click()
    answer = ask(page, "What do you say to Linda?", "Reply", "Do you have the Veilig Thuis number?")
    assert answer in lines_about("help", "en")
    # Not just any line about help ("A report would ruin everything"): one about ringing.
    assert any(word in answer.lower() for word in ("number", "ring", "phone", "call"))


def test_linda_answers_a_question_about_the_phone_number_in_dutch(page, site):
    assert "nl" in dict(settings.LANGUAGES)
    page.goto(site + "/nl/mi/practice/stay-with-partner/")
    answer = ask(page, "Wat zeg je tegen Linda?", "Reageren", "Heb je het nummer van Veilig Thuis?")
    assert answer in lines_about("help", "nl")
    assert any(word in answer.lower() for word in ("nummer", "bel", "telefoon"))
