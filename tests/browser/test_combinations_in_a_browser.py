"""The combination checker on a phone-sized screen: type-ahead, keyboard, result."""

import pytest

from tests.browser.accessibility import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_checks_ghb_and_alcohol_by_keyboard(page, site):
    page.goto(site + "/knowledge/combinations/")
    first = page.get_by_label("Substance 1")
    first.fill("ghb")
    page.keyboard.press("Tab")
    page.keyboard.type("alcohol")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    result = page.locator(".combination-result")
    assert "Dangerous" in result.inner_text()
    assert "☠" in result.inner_text()  # the icon, not only the colour
    assert "not necessarily safe" in page.locator(".disclaimer").inner_text()
    check_accessibility(page)
    assert page.evaluate("document.activeElement.id") == "results"  # read out at once
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_the_names_list_offers_street_names(page, site):
    page.goto(site + "/knowledge/combinations/")
    options = page.locator("#substance-names option")
    values = options.evaluate_all("options => options.map(o => o.value.toLowerCase())")
    assert "xtc" in values and "ghb" in values
    assert "5-meo-dmt" in values and "angel dust" in values  # every chart entry, by name


def test_a_typo_gets_a_suggestion(page, site):
    page.goto(site + "/knowledge/combinations/?s=alcohl&s=mdma#results")  # as the form sends
    alert = page.get_by_role("alert")
    assert "Did you mean" in alert.inner_text()
    assert "Alcohol" in alert.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"  # read out
