"""A self-paced learner fills in the questionnaire before the training on a phone, by
keyboard: code, radio buttons, a question left open, then the thank-you page."""

import pytest
from playwright.sync_api import expect

from journeys.assessments.models import Response
from tests.browser.accessibility import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_learner_fills_in_the_questionnaire_by_keyboard(page, site):
    page.goto(site + "/trainings/harm-reduction/")
    page.get_by_role("link", name="before you start").click()
    page.get_by_label("The first two letters of your mother's first name").fill("ma")
    page.get_by_label("The day of the month you were born").fill("40")
    page.get_by_label("The first letter of the street you grew up in").fill("K")
    page.get_by_label("How many older brothers and sisters").fill("1")
    page.get_by_role("button", name="Next").click()
    assert page.get_by_text("Write a number from 1 to 31.").is_visible()
    check_accessibility(page)
    assert (
        page.get_by_label("The first two letters of your mother's first name").input_value() == "ma"
    )
    page.get_by_label("The day of the month you were born").fill("14")
    page.get_by_label("The day of the month you were born").press("Enter")

    questions = page.locator("fieldset.questionnaire-item")
    count = questions.count()
    assert count > 15
    # Every question but the last: its first option, chosen with the keyboard.
    for i in range(count - 1):
        questions.nth(i).locator("input[type=radio]").first.focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name="Hand in").click()
    notice = page.get_by_role("status")
    assert "You left one question open" in notice.inner_text()
    check_accessibility(page)
    assert questions.nth(0).locator("input[type=radio]").first.is_checked()  # kept
    page.get_by_role("button", name="Hand in").click()
    # expect(), unlike is_visible(), waits for the page the click opens.
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    response = Response.objects.get()
    assert response.phase == "pre" and len(response.answers) == count - 1
