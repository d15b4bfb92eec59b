"""A learner plays a fact-or-fiction round and a branching scenario in Chromium."""

import pytest

from journeys.core.content.load import load_content
from tests.browser.accessibility import check_accessibility
from tests.conftest import CONTENT_FIXTURES, PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def learner_page(live_server, page):
    load_content(CONTENT_FIXTURES / "learning")
    make_user("learner")
    page.goto(live_server.url + "/accounts/login/?next=/learn/alpha/")
    page.get_by_label("Username").fill("learner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/learn/alpha/")
    return page


def test_a_learner_completes_a_fact_or_fiction_round(learner_page):
    page = learner_page
    page.get_by_role("link", name="Start").click()
    round_ = page.locator("#exercise-facts")
    check_accessibility(page)
    round_.get_by_role("group", name="The sky is blue.").get_by_label("Fact").check()
    round_.get_by_role("group", name="The moon is cheese.").get_by_label("Fiction").check()
    round_.get_by_role("button", name="Check my answers").click()
    page.wait_for_load_state()
    result = page.locator("#exercise-facts")
    assert "Your score: 2 of 2" in result.inner_text()
    assert "It is rock." in result.inner_text()
    # The score is read out at once: focus moves to it (core/static/journeys/js/arrival.js).
    assert page.evaluate("document.activeElement.getAttribute('role')") == "status"
    assert "Your score" in page.evaluate("document.activeElement.textContent")


def test_a_learner_plays_a_scenario_to_its_best_ending(learner_page):
    page = learner_page
    page.get_by_role("link", name="Second lesson").click()
    scenario = page.locator("#exercise-night-out")
    assert "Your friend looks unwell." in scenario.inner_text()
    check_accessibility(page)
    scenario.get_by_role("button", name="Continue").click()
    page.locator("#exercise-night-out").get_by_role("button", name="Talk calmly").click()
    page.locator("#exercise-night-out").get_by_role("button", name="Call 112").click()
    page.wait_for_load_state()
    ending = page.locator("#exercise-night-out").inner_text()
    assert "Help arrives in time." in ending
    assert "Your score: 3 of 3" in ending
    assert "You stayed and called." in ending
