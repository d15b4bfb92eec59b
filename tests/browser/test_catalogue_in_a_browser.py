"""The catalogue in a real browser, on a phone-sized screen, by keyboard."""

import pytest

from tests.browser.accessibility import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_eight_trainings_and_switches_to_dutch(page, site):
    page.goto(site + "/")
    cards = page.locator("li.training-card")
    assert cards.count() == 8
    assert page.locator("h1").inner_text() == "Harm-reduction trainings"
    page.get_by_role("link", name="Nederlands").click()
    page.wait_for_url(site + "/nl/")
    assert page.locator("html").get_attribute("lang") == "nl"
    check_accessibility(page)
    assert page.locator("h1").inner_text() == "Trainingen in harm reduction"
    assert "Motiverende gespreksvoering" in page.locator("main").inner_text()


def test_the_skip_link_is_the_first_stop_for_keyboard_users(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_a_whole_training_card_opens_the_training(page, site):
    page.goto(site + "/")
    page.locator("li.training-card").nth(3).click(position={"x": 20, "y": 120})
    page.wait_for_url(site + "/trainings/addiction/")
    assert page.get_by_role("heading", name="Learning objectives").is_visible()
    citation = page.locator(".citations a").first
    target = citation.get_attribute("href")
    citation.click()
    assert page.locator(target).is_visible()


def test_the_page_fits_a_phone_without_sideways_scrolling(page, site):
    page.goto(site + "/trainings/health-risks/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
