"""A trainer plans a workshop by keyboard and mouse in real Chromium, makes a calendar
address and fetches the feed a calendar app would subscribe to; both pages pass axe."""

import datetime
from typing import Any

import icalendar
import pytest

from tests.browser.accessibility import check_accessibility
from tests.workshops.servers import Server, fresh_site

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    server = Server(fresh_site(tmp_path / "var"))
    yield server
    server.stop()


def test_a_trainer_plans_a_workshop_and_subscribes_a_calendar_to_it(browser, server):
    base = server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill("demo-trainer")
    page.get_by_label("Password").fill(server.site.password)
    page.get_by_role("button", name="Log in").click()
    page.goto(base + "/workshops/")
    page.get_by_label("Title").fill("Police, Amsterdam; evening")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Starts").fill("2030-07-01T19:00")
    page.get_by_label("Ends").fill("2030-07-01T21:30")
    page.get_by_label("Place").fill("Elandsgracht 117")
    page.get_by_role("button", name="Save when and where").click()
    assert page.get_by_label("Starts").input_value() == "2030-07-01T19:00"
    check_accessibility(page)
    page.get_by_role("link", name="Your agenda feed").click()
    page.get_by_role("button", name="Make a calendar address").click()
    address = page.get_by_label("Your calendar address").input_value()
    check_accessibility(page)
    feed = context.request.get(address)  # the feed needs no login: the token is the key
    assert feed.status == 200
    calendar: Any = icalendar.Calendar.from_ical(feed.body())  # Any: a union of value types
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Police, Amsterdam; evening"
    start = event["DTSTART"].dt  # 19:00 summer time in Amsterdam
    assert start == datetime.datetime(2030, 7, 1, 17, 0, tzinfo=datetime.UTC)
    context.close()
