"""A trainee's reply is counted as the MITI counts, thought by thought, in Chromium: an
affirmation and an autonomy statement are not a complex reflection (issue 21)."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPLY = "It took courage to talk to me about this. It's your decision."


def test_a_reply_of_two_thoughts_is_counted_as_affirmation_and_autonomy(page, site):
    page.goto(site + "/mi/practice/ghb-at-parties/")
    box = page.get_by_label("What do you say to Sam?")
    box.fill(REPLY)
    page.get_by_role("button", name="Reply", exact=True).click()
    turn = page.locator("#turn-1")
    turn.wait_for()

    # Each thought of the reply is shown with the one code it counts as.
    thoughts = turn.get_by_role("list", name="Your reply, thought by thought")
    items = thoughts.get_by_role("listitem")
    assert items.count() == 2
    assert items.nth(0).inner_text() == ("It took courage to talk to me about this. (Affirmation)")
    assert items.nth(1).inner_text() == "It's your decision. (Emphasising autonomy)"
    assert "Complex reflection" not in turn.inner_text()
    check_accessibility(page)

    page.get_by_role("button", name="Finish and see your summary").click()
    # expect(), unlike is_visible(), waits for the page the click opens.
    expect(page.get_by_role("heading", name="MITI summary scores")).to_be_visible()
    assert page.locator('[data-count="affirmation"]').inner_text() == "Affirmations: 1"
    assert (
        page.locator('[data-count="emphasising_autonomy"]').inner_text()
        == "Emphasising autonomy: 1"
    )
    assert "Reflections: 0 simple, 0 complex" in page.locator("main").inner_text()
    # No reflections: no complex-reflection percentage, and no rating for it.
    complex_share = page.locator('[data-score="percent_complex_reflections"]')
    assert complex_share.locator(".mi-value").inner_text() == "–"
    assert complex_share.locator(".mi-rating").inner_text() == "not enough replies"
    check_accessibility(page)
