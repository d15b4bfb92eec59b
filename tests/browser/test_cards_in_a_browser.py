"""Harm-reduction cards on a phone: a deck's cards as printed, the PDF download, and a
deck of your own composed by keyboard."""

import pytest

from tests.browser.accessibility import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_trainer_previews_a_deck_and_downloads_it(page, site):
    page.goto(site + "/nl/cards/decks/nightlife/")
    assert page.get_by_role("heading", name="Uitgaan").is_visible()
    fronts = page.get_by_role("group", name="Voorkant")
    assert fronts.count() == 12
    assert "Noodgeval? Bel 112." in fronts.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page)
    page.get_by_label("85 × 55 mm").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download de set als pdf (12 kaarten)").click()
    assert download.value.suggested_filename == "journeys-nightlife-nl-85x55-sheets.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_composing_a_deck_by_keyboard_and_the_message_when_nothing_is_ticked(page, site):
    page.goto(site + "/cards/compose/")
    page.get_by_role("button", name="Download my deck as PDF").click()
    alert = page.get_by_role("alert").first
    assert "Tick at least one card for your deck." in alert.inner_text()
    check_accessibility(page)
    page.get_by_label("Overdose: what to do").focus()
    page.keyboard.press("Space")
    page.get_by_label("GHB / GBL").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my deck as PDF").click()
    assert download.value.suggested_filename == "journeys-cards-en-a7-sheets.pdf"
