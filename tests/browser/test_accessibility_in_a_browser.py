"""axe-core walks the main pages in English and Dutch, on a desktop and on a phone, each
in the state a person sees after using it (an exercise's feedback, a checked combination,
a coded MI reply, a form with an error). On the phone every page also reflows at 320 px
(WCAG 1.4.10): no sideways scrolling of the whole page."""

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.accessibility import accessibility_violations
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_in_a_fact_or_fiction_round(page: Any) -> None:
    exercise = page.locator("#exercise-harm-reduction-facts")
    for statement in exercise.locator("fieldset").all():
        statement.locator("input[type=radio]").first.check()
    exercise.locator("button[type=submit]").click()
    page.locator("#exercise-harm-reduction-facts .outcome").wait_for()


def reply_to_sam(page: Any) -> None:
    page.locator("textarea").fill("What would you like to be different after that night?")
    page.locator("form button[type=submit]").first.click()
    page.locator("#turn-1").wait_for()


def join_with_a_wrong_code(page: Any) -> None:
    page.locator("input[name=code]").fill("ZZZZZZ")
    page.locator("input[name=nickname]").fill("Ann")
    page.locator("main form button[type=submit]").click()
    page.locator("[role=alert]").first.wait_for()


def log_in(page: Any) -> None:
    page.locator("input[name=username]").fill("walker")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/learn/harm-reduction/")


# (address without the language prefix, what to do there before checking)
WALK: list[tuple[str, Callable[[Any], None] | None]] = [
    ("/", None),
    ("/trainings/harm-reduction/", None),
    ("/trainings/harm-reduction/measure/pre/", None),
    ("/knowledge/", None),
    ("/knowledge/substances/ghb-gbl/", None),
    ("/knowledge/routes/snorting/", None),
    ("/knowledge/combinations/?s=ghb&s=alcohol", None),
    ("/cards/", None),
    ("/cards/decks/nightlife/", None),
    ("/cards/substance/ghb-gbl/", None),
    ("/mi/practice/", None),
    ("/mi/practice/ghb-at-parties/", reply_to_sam),
    ("/join/", join_with_a_wrong_code),
    ("/accounts/signup/", None),
    ("/accounts/login/?next=/learn/harm-reduction/", log_in),
    ("/learn/harm-reduction/", None),
    ("/learn/harm-reduction/facts-fiction-and-values/", fill_in_a_fact_or_fiction_round),
]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_main_pages_have_no_wcag_violations_on_desktop_and_phone(browser, site, language):
    make_user("walker")
    prefix = "" if language == "en" else "/nl"
    problems: list[str] = []
    for width, height in ((1280, 900), (375, 812), (320, 640)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for address, act in WALK:
            response = page.goto(site + prefix + address)
            assert response is not None and response.ok, f"{address}: {response}"
            if act is not None:
                act(page)
            page.wait_for_load_state()
            if width == 320:  # reflow only: axe has seen the page at 375 px
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > 320:
                    problems.append(f"{page.url}: {scroll_width} px wide at 320 px")
                continue
            where = f"{page.url} at {width} px"
            problems += [f"{where}: {line}" for line in accessibility_violations(page)]
        context.close()
    assert not problems, "\n".join(problems)


def test_the_check_names_the_rule_and_the_element(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    (line,) = accessibility_violations(page)
    assert line.startswith("image-alt (critical):") and line.endswith(": img")
    context.close()
