"""A trainee practises a whole MI conversation in Chromium: picks a client, types
replies by keyboard, reads the coach's feedback and sees the MITI summary scores."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPLIES = [
    "What would you like to be different after that night?",
    "So you want to keep going to parties, and you also want to stay in control.",
    "Do you use alone sometimes?",
    "It sounds like that night scared you more than you first let on.",
    "You should just stop using G.",
    "Part of you already knows what you want to change before the festival.",
]


def test_a_trainee_completes_a_practice_conversation(page, site):
    page.goto(site + "/mi/practice/")
    page.get_by_role("link", name="Sam, 24: GHB at parties").click()
    assert "passed out" in page.locator(".lead").inner_text()
    check_accessibility(page)
    box = page.get_by_label("What do you say to Sam?")
    for number, text in enumerate(REPLIES, start=1):
        box = page.get_by_label("What do you say to Sam?")
        box.fill(text)
        box.press("Tab")
        page.keyboard.press("Enter")  # the Reply button, by keyboard
        turn = page.locator(f"#turn-{number}")
        turn.wait_for()
        assert turn.locator(".mi-code-name").inner_text()
        if number == 1:
            check_accessibility(page)
        # The coach's note on the new reply has the focus, so it is read out at once.
        assert page.evaluate("document.activeElement.closest('li').id") == f"turn-{number}"
    transcript = page.locator(".mi-transcript").inner_text()
    assert "Open question" in transcript
    assert "Advice without permission" in transcript
    # The latest feedback is announced to screen readers.
    assert page.locator(f"#turn-{len(REPLIES)} [role=status]").count() == 1

    page.get_by_role("button", name="Finish and see your summary").click()
    # expect(), unlike is_visible(), waits for the page the click opens.
    expect(page.get_by_role("heading", name="MITI summary scores")).to_be_visible()
    ratio = page.locator('[data-score="reflection_to_question"] .mi-value').inner_text()
    assert ratio not in ("", "–")
    complex_share = page.locator(
        '[data-score="percent_complex_reflections"] .mi-value'
    ).inner_text()
    assert complex_share.endswith("%")
    ratings = page.locator(".mi-rating").all_inner_texts()
    assert all(r in ("good", "fair", "below fair", "not enough replies") for r in ratings)
    assert len(page.locator(".mi-scores tbody tr").all()) == 3
    check_accessibility(page)

    page.get_by_role("button", name="Practise again").click()
    assert page.locator(".mi-you").count() == 0


def test_a_rejected_reply_keeps_its_text_and_says_why(page, site):
    page.goto(site + "/mi/practice/chemsex/")
    page.get_by_label("What do you say to Daan?").fill("🙂🙂🙂")
    page.get_by_role("button", name="Reply").click()
    assert "no words" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("What do you say to Daan?").input_value() == "🙂🙂🙂"
