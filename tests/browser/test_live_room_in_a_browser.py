"""The live room in real Chromium against a real `journeys serve`: a phone used with the
keyboard only hears and is taken to each new question; a scenario is debriefed with
the room (votes, the room's choice with its feedback, the other options' feedback on
request, going on) and the report keeps its route. axe-core checks every state visited."""

import re
from typing import Any

import pytest

from tests.browser.accessibility import check_accessibility
from tests.workshops.servers import Browser, Server, add_and_open, fresh_site, start_workshop

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def server(tmp_path):
    server = Server(fresh_site(tmp_path / "var"))
    yield server
    server.stop()


def tab_to(page: Any, selector: str, most: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(most):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def focused_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id"))


def test_a_keyboard_phone_hears_the_next_question_and_gets_the_focus(browser, server):
    trainer = Browser(server.url)
    trainer.login("demo-trainer", server.site.password)
    workshop_id, code = start_workshop(trainer, "Keyboard room")

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{server.url}/join/?code={code}")
    tab_to(phone, "input[name=nickname]")
    phone.keyboard.type("Ann")
    tab_to(phone, "button[type=submit]:not(.link-button)")
    phone.keyboard.press("Enter")
    phone.get_by_text("You're in!").wait_for()
    # A compact header: the question has the screen (it took 40 % before).
    header = phone.locator("header.site-header").bounding_box()
    assert header is not None and header["height"] <= 0.15 * PHONE["height"], header
    check_accessibility(phone)

    add_and_open(
        trainer, workshop_id, kind="poll", prompt="Where do you work?", options="Street\nOffice"
    )
    phone.locator("#live-news", has_text="New question: Where do you work?").wait_for()
    assert focused_id(phone) == "question"
    check_accessibility(phone)
    tab_to(phone, "input[name=option]")
    phone.keyboard.press("Space")
    tab_to(phone, ".answer-form button[type=submit]")
    phone.keyboard.press("Enter")
    phone.get_by_text("Answer received.").wait_for()
    check_accessibility(phone)

    add_and_open(
        trainer,
        workshop_id,
        kind="fact-or-fiction",
        prompt="Naloxone works on GHB.",
        verdict="fiction",
    )
    phone.locator("#live-news", has_text="New question: Naloxone works on GHB.").wait_for()
    assert focused_id(phone) == "question"
    assert phone.locator("#question").inner_text() == "Naloxone works on GHB."
    tab_to(phone, "input[value=fact]")
    phone.keyboard.press("Space")
    tab_to(phone, ".answer-form button[type=submit]")
    phone.keyboard.press("Enter")
    phone.get_by_text("Answer received.").wait_for()
    # The trainer shows the results: the phone hears it and says its own answer was wrong.
    _s, _h, page = trainer.request("GET", f"/workshops/{workshop_id}/control/")
    statement = max(int(n) for n in re.findall(r"/activities/(\d+)/reveal/", page))
    trainer.post(f"/workshops/{workshop_id}/activities/{statement}/reveal/", {})
    phone.locator("#live-news", has_text="Results are shown.").wait_for()
    phone.get_by_text("Your answer: Fact — not right").wait_for()
    assert focused_id(phone) != ""  # not on <body>: the heading of the replaced part
    check_accessibility(phone)
    trainer.post(f"/workshops/{workshop_id}/end/", {})
    phone.locator("#live-news", has_text="The workshop has ended.").wait_for()
    check_accessibility(phone)


def test_a_scenario_debrief_with_the_room(browser, server):
    base = server.url
    trainer = browser.new_context(viewport={"width": 1280, "height": 900})
    control = trainer.new_page()
    control.goto(base + "/accounts/login/")
    control.get_by_label("Username").fill("demo-trainer")
    control.get_by_label("Password").fill(server.site.password)
    control.get_by_role("button", name="Log in").click()
    control.goto(base + "/workshops/")
    control.get_by_label("Title").fill("Party debrief")
    control.get_by_label("Training").select_option(label="Alcohol and drug use and health risks")
    control.get_by_role("button", name="Start").click()
    code = control.locator("strong.code").inner_text()
    control.locator("li", has_text="House party").get_by_role("button", name="Add").click()
    row = control.locator("tr", has_text="House party")
    row.get_by_role("button", name="Open").click()

    presenter = trainer.new_page()
    presenter.goto(control.url.replace("/control/", "/present/"))
    assert presenter.locator("nav").count() == 0  # presenter mode: no site navigation
    prompt_size = presenter.locator(".presenter-main .prompt").evaluate(
        "(e) => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert prompt_size >= 2.5 * 16
    check_accessibility(presenter)

    phones = []
    for name in ("Ann", "Bo", "Cy"):
        phone = browser.new_context(viewport=PHONE).new_page()
        phone.goto(f"{base}/join/?code={code}")
        phone.get_by_label("Nickname").fill(name)
        phone.get_by_role("button", name="Join").click()
        phone.get_by_text("The trainer will go on.").wait_for()
        assert phone.get_by_role("button", name="Send").count() == 0  # a narration step
        phones.append(phone)
    check_accessibility(phones[0])

    row.get_by_role("button", name="Go on with the room's choice").click()
    for phone, choice in zip(phones, ["Kneel down", "Kneel down", "Leave Sam"], strict=True):
        phone.get_by_text("What do you do first?").wait_for()
        phone.get_by_label(choice).check()
        phone.get_by_role("button", name="Send").click()
        phone.get_by_text("Answer received.").wait_for()
    presenter.locator(".bar", has_text="Kneel down").filter(has_text="2 votes").wait_for()
    label_size = presenter.locator(".presenter-main .bar-label").first.evaluate(
        "(e) => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert label_size >= 1.6 * 16
    check_accessibility(presenter)

    row.get_by_role("button", name="Show results").click()
    presenter.get_by_text("The room chose: Kneel down").wait_for()
    presenter.get_by_text("a safe way to check").wait_for()  # the chosen option's feedback
    assert presenter.get_by_text("The other options").count() == 0
    presenter.locator("#live-news", has_text="Results are shown.").wait_for()
    check_accessibility(presenter)
    # The trainer's focus stays where they acted, not on <body>.
    feedback = row.get_by_role("button", name="Show the other options' feedback")
    feedback.focus()
    control.keyboard.press("Enter")
    presenter.get_by_text("The other options").wait_for()
    presenter.get_by_text("Cold water and cold showers do not reverse").wait_for()
    control.wait_for_function("document.activeElement !== document.body")
    assert control.evaluate("!!document.activeElement.closest('tr[data-focus-row]')")
    check_accessibility(control)
    check_accessibility(presenter)

    row.get_by_role("button", name="Go on with the room's choice").click()
    presenter.get_by_text("The room chose").wait_for(state="detached")
    phones[0].get_by_text("Answer received.").wait_for(state="detached")
    assert phones[0].get_by_text("What do you do first?").count() == 0

    report = trainer.new_page()
    report.goto(control.url.replace("/control/", "/report/"))
    route = report.locator(".scenario-route")
    assert "What do you do first?" in route.inner_text()
    chosen = route.locator("li li", has_text="(the room's choice)")
    assert "Kneel down" in chosen.inner_text() and "2 votes" in chosen.inner_text()
    assert "1 vote" in route.locator("li li", has_text="Leave Sam").inner_text()
    check_accessibility(report)
    trainer.close()
