"""A live workshop in real Chromium against a real uvicorn server: the trainer's control
and presenter pages, three phones joining by code, a poll and a fact-or-fiction round.
The presenter page is never reloaded: the tallies arrive as Server-Sent Events."""

import pytest

from tests.browser.accessibility import check_accessibility
from tests.workshops.servers import Browser, Server, add_and_open, fresh_site, start_workshop

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    server = Server(fresh_site(tmp_path / "var"))
    yield server
    server.stop()


def test_a_room_answers_a_poll_and_a_fact_or_fiction_round(browser, server):
    base = server.url
    trainer = browser.new_context(viewport={"width": 1280, "height": 900})
    control = trainer.new_page()
    control.goto(base + "/accounts/login/")
    control.get_by_label("Username").fill("demo-trainer")
    control.get_by_label("Password").fill(server.site.password)
    control.get_by_role("button", name="Log in").click()
    control.goto(base + "/workshops/")
    control.get_by_label("Title").fill("Police workshop")
    control.get_by_role("button", name="Start").click()
    code = control.locator("strong.code").inner_text()

    presenter = trainer.new_page()
    presenter.goto(control.url.replace("/control/", "/present/"))
    presenter.evaluate("window.notReloaded = true")
    assert presenter.locator(".big-code").inner_text() == code

    phones = []
    for name in ("Ann", "Bo", "Cy"):
        phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        phone.goto(base + "/join/")
        phone.get_by_label("Code").fill(code.lower())
        phone.get_by_label("Nickname").fill(name)
        phone.get_by_role("button", name="Join").click()
        phone.get_by_text("You're in!").wait_for()
        phones.append(phone)
    presenter.locator(".participant-count", has_text="3").wait_for()

    # Round 1: a poll.
    control.get_by_label("Kind").select_option("poll")
    control.get_by_label("Question or statement").fill("Where do you meet people who use drugs?")
    control.get_by_label("Options, one per line").fill("On the street\nIn custody\nAt events")
    control.get_by_role("button", name="Add", exact=True).click()
    control.locator("tr", has_text="Where do you meet").get_by_role("button", name="Open").click()
    for phone, option in zip(phones, ["On the street", "On the street", "At events"], strict=True):
        phone.get_by_label(option).check()
        phone.get_by_role("button", name="Send").click()
        phone.get_by_text("Answer received.").wait_for()
    presenter.locator(".answer-count", has_text="3").wait_for()
    bars = presenter.locator(".bar")
    assert "2 (67%)" in bars.filter(has_text="On the street").inner_text()
    assert "1 (33%)" in bars.filter(has_text="At events").inner_text()

    # Round 2: fact or fiction, revealed by the trainer.
    control.get_by_label("Kind").select_option("fact-or-fiction")
    control.get_by_label("Question or statement").fill("Naloxone reverses a GHB overdose.")
    control.get_by_label("For fact or fiction: the statement is").select_option("fiction")
    control.get_by_label("Explanation shown with the answer").fill(
        "Naloxone only works on opioids."
    )
    control.get_by_role("button", name="Add", exact=True).click()
    control.locator("tr", has_text="Naloxone reverses").get_by_role("button", name="Open").click()
    for phone, verdict in zip(phones, ["Fiction", "Fiction", "Fact"], strict=True):
        phone.get_by_role("heading", name="Naloxone reverses a GHB overdose.").wait_for()
        phone.get_by_label(verdict, exact=True).check()
        phone.get_by_role("button", name="Send").click()
        phone.get_by_text("Answer received.").wait_for()
    presenter.locator(".answer-count", has_text="3").wait_for()
    assert "when the trainer reveals them" in presenter.locator("#results").inner_text()
    control.locator("tr", has_text="Naloxone reverses").get_by_role(
        "button", name="Show results"
    ).click()
    presenter.get_by_text("right answer").wait_for()
    assert "2 (67%)" in presenter.locator(".bar-correct").inner_text()  # Fiction
    phones[2].get_by_text("Naloxone only works on opioids.").wait_for()
    assert presenter.evaluate("window.notReloaded") is True
    for page in (presenter, phones[2], control):
        check_accessibility(page)
    # A move that cannot be made says why, on the control page.
    control.get_by_role("button", name="Next activity").click()
    control.locator("#control-message", has_text="There is no next activity").wait_for()

    # The trainer closes the door and removes someone; that phone is told without a reload.
    control.get_by_role("button", name="Close to new participants").click()
    control.get_by_text("Closed to new participants.").wait_for()
    control.get_by_role("button", name="Remove Cy").click()
    phones[2].get_by_text("The trainer removed you from this workshop.").wait_for()
    presenter.locator(".participant-count", has_text="2").wait_for()
    latecomer = browser.new_context().new_page()
    latecomer.goto(f"{base}/join/?code={code}")
    latecomer.get_by_label("Nickname").fill("Dee")
    latecomer.get_by_role("button", name="Join").click()
    latecomer.get_by_text("This workshop is closed to new participants.").wait_for()
    trainer.close()


def test_a_phone_reconnects_by_itself_after_a_server_restart(browser, tmp_path):
    site = fresh_site(tmp_path / "var")
    server = Server(site)
    try:
        trainer = Browser(server.url)
        trainer.login("demo-trainer", site.password)
        workshop_id, code = start_workshop(trainer)
        phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        phone.goto(f"{server.url}/join/?code={code}")
        phone.get_by_label("Nickname").fill("Ann")
        phone.get_by_role("button", name="Join").click()
        phone.get_by_text("You're in!").wait_for()
        phone.evaluate("window.notReloaded = true")
        server.kill()
        server = Server(site, port=server.port)  # the same address, a new process
        add_and_open(trainer, workshop_id, kind="poll", prompt="Still there?", options="yes\nno")
        phone.get_by_role("heading", name="Still there?").wait_for(timeout=15_000)
        assert phone.evaluate("window.notReloaded") is True
    finally:
        server.stop()
