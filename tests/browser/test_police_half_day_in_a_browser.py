"""The police half day as a trainer runs it, in real Chromium against a real `journeys serve`:
a plan made from the domestic-violence training (three why-stay statements picked, the
call-to-a-home scenario, "It's the drink") and a GHB question from the sex-and-drugs
training; started twice (two workshops, two codes) and run from the second; three phones
answer the GHB question and the presenter shows the tally; an activity is deleted (asked
twice) and restored; the scenario runs with the room's vote, the presenter debriefs the
room's choice, and the report keeps the route. axe-core checks the plan pages and the
pages the test leaves."""

from typing import Any

import pytest

from tests.browser.accessibility import check_accessibility
from tests.workshops.servers import Server, fresh_site

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
DOMESTIC_VIOLENCE = "Domestic violence – workshop for police"
SEX_AND_DRUGS = "Sex and alcohol/drugs"
PICKED = (
    "A victim can end the violence by simply leaving.",
    "Domestic violence is caused by alcohol.",
    "Domestic abuse can take place without any hitting.",
)
GHB = "At 23:00 Alex measured a dose of G"
WAIT = "Suggest he waits until at least 01:00"
SAME_AGAIN = "Fine, the same amount again."
DRINK = "I'm not like this when I'm sober"
SCENARIO = "A call to a home — and the day after"
SEPARATE = "Ayoub talks to Mark in the living room"
TOGETHER = "Sit them both down at the kitchen table"


@pytest.fixture
def server(tmp_path):
    server = Server(fresh_site(tmp_path / "var"))
    yield server
    server.stop()


def add_from_training(plan: Any, training: str, exercise: str) -> None:
    """From the plan's page: a training, one of its exercises, everything it offers."""
    plan.get_by_role("link", name=training).click()
    plan.get_by_role("link", name=exercise).click()
    plan.get_by_role("button", name="Add to the plan").click()
    plan.get_by_role("heading", name="Activities, in order").wait_for()


def start_plan(plan: Any, title: str) -> tuple[Any, str]:
    """Start a live workshop from the plan's page: its control page's URL and code."""
    plan.get_by_label("Title").fill(title)
    plan.get_by_role("button", name="Start", exact=True).click()
    code = plan.locator("strong.code").inner_text()
    return plan.url, code


def test_the_police_half_day_from_a_plan(browser, server, page):
    base = server.url
    trainer = browser.new_context(viewport={"width": 1280, "height": 900})
    plan = trainer.new_page()
    plan.goto(base + "/accounts/login/")
    plan.get_by_label("Username").fill("demo-trainer")
    plan.get_by_label("Password").fill(server.site.password)
    plan.get_by_role("button", name="Log in").click()

    # The training's default plan: the guide's half day, the warm-up's first ten statements.
    plan.goto(base + "/workshops/plans/")
    check_accessibility(plan)
    plan.get_by_role("link", name=f"Default plan: {DOMESTIC_VIOLENCE}").click()
    warm_up = plan.get_by_role("heading", name="0:15 · 20 minutes · Warm-up: fact or fiction")
    assert warm_up.locator("xpath=following-sibling::ol[1]/li").count() == 10
    check_accessibility(plan)

    # An own plan: three statements picked, the scenario, one more question, and GHB.
    plan.goto(base + "/workshops/plans/new/")
    plan.get_by_label("Name of the plan").fill("Police Amsterdam, half day")
    plan.get_by_role("button", name="Make the plan").click()
    plan.get_by_role("link", name=DOMESTIC_VIOLENCE).click()
    plan.get_by_role("link", name="Fact or fiction: why victims stay").click()
    boxes = plan.get_by_role("checkbox")
    assert boxes.count() == 15  # all offered, all ticked
    for n in range(boxes.count()):
        boxes.nth(n).uncheck()
    for statement in PICKED:
        plan.get_by_label(statement).check()
    check_accessibility(plan)
    plan.get_by_role("button", name="Add to the plan").click()
    add_from_training(plan, DOMESTIC_VIOLENCE, SCENARIO)
    add_from_training(plan, DOMESTIC_VIOLENCE, '"It\'s the drink"')
    add_from_training(plan, SEX_AND_DRUGS, '"I don\'t feel anything yet"')
    items = plan.locator("ol.activities > li")
    assert items.count() == 6
    assert [items.nth(n).inner_text().count(s) for n, s in enumerate(PICKED)] == [1, 1, 1]
    assert GHB in items.nth(5).inner_text()
    items.nth(5).get_by_role("button", name="Up").click()  # GHB before "It's the drink"
    assert GHB in plan.locator("ol.activities > li").nth(4).inner_text()
    check_accessibility(plan)
    plan_url = plan.url

    # Started twice: two workshops with their own codes; the room uses the second.
    _first, first_code = start_plan(plan, "Police Amsterdam (try-out)")
    plan.goto(plan_url)
    control_url, code = start_plan(plan, "Police Amsterdam")
    assert code != first_code
    control = plan
    presenter = trainer.new_page()
    presenter.goto(control_url.replace("/control/", "/present/"))
    assert presenter.locator(".big-code").inner_text() == code

    phones = [page]
    phones += [browser.new_context(viewport=PHONE).new_page() for _ in range(2)]
    for phone, name in zip(phones, ("Ann", "Bo", "Cy"), strict=True):
        phone.goto(f"{base}/join/?code={code}")
        phone.get_by_label("Nickname").fill(name)
        phone.get_by_role("button", name="Join").click()
        phone.get_by_text("You're in!").wait_for()
    presenter.locator(".participant-count", has_text="3").wait_for()

    # The GHB question: the phones answer, the presenter counts and shows the tally.
    ghb = control.locator("tr", has_text=GHB)
    ghb.get_by_role("button", name="Open").click()
    for phone, option in zip(phones, [WAIT, WAIT, SAME_AGAIN], strict=True):
        phone.get_by_label(option).check()
        phone.get_by_role("button", name="Send").click()
        phone.get_by_text("Answer received.").wait_for()
    presenter.locator(".answer-count", has_text="3").wait_for()
    ghb.get_by_role("button", name="Show results").click()
    presenter.locator(".bar-correct", has_text=WAIT).wait_for()
    assert "2 (67%)" in presenter.locator(".bar-correct").inner_text()
    assert "1 (33%)" in presenter.locator(".bar", has_text=SAME_AGAIN).inner_text()
    check_accessibility(presenter)

    # Delete "It's the drink" (asked twice), then restore it: back at the end of the list.
    drink = control.locator("tr", has_text=DRINK)
    drink.locator("summary").click()
    drink.get_by_role("button", name="Yes, delete").click()
    drink.wait_for(state="detached")
    deleted = control.locator(".deleted-activities li", has_text=DRINK)
    deleted.get_by_role("button", name="Restore").click()
    deleted.wait_for(state="detached")
    rows = control.locator("table.activities tbody tr")
    assert rows.count() == 6 and DRINK in rows.nth(5).inner_text()
    check_accessibility(control)

    # The scenario: the room votes, the presenter debriefs its choice, the trainer goes on.
    scenario = control.locator("tr", has_text=SCENARIO)
    scenario.get_by_role("button", name="Open").click()
    for phone in phones:
        phone.get_by_text("The trainer will go on.").wait_for()
    scenario.get_by_role("button", name="Go on with the room's choice").click()
    for phone, choice in zip(phones, [SEPARATE, SEPARATE, TOGETHER], strict=True):
        phone.get_by_text("How do you start?").wait_for()
        phone.get_by_label(choice).check()
        phone.get_by_role("button", name="Send").click()
        phone.get_by_text("Answer received.").wait_for()
    presenter.locator(".bar", has_text=SEPARATE).filter(has_text="2 votes").wait_for()
    scenario.get_by_role("button", name="Show results").click()
    presenter.get_by_text(f"The room chose: {SEPARATE}").wait_for()
    presenter.get_by_text("Fear of revenge is one of the reasons").wait_for()  # its feedback
    check_accessibility(presenter)
    scenario.get_by_role("button", name="Go on with the room's choice").click()
    for phone in phones:
        phone.get_by_text("It's my own fault").wait_for()

    # The report keeps the route: the step, its votes and the room's choice.
    report = trainer.new_page()
    report.goto(control_url.replace("/control/", "/report/"))
    route = report.locator(".scenario-route")
    assert "How do you start?" in route.inner_text()
    chosen = route.locator("li li", has_text="(the room's choice)")
    assert SEPARATE in chosen.inner_text() and "2 votes" in chosen.inner_text()
    assert "1 vote" in route.locator("li li", has_text=TOGETHER).inner_text()
    check_accessibility(report)
    trainer.close()  # the page fixture checks the first phone, left on the scenario's step
