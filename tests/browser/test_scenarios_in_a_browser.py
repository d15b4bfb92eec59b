"""Every shipped branching scenario, walked in Chromium from its start to an ending."""

import pytest
from django.conf import settings

from journeys.core.content.check import check_content
from journeys.core.content.load import load_content
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_STEPS = 40


def shipped_scenarios() -> list[tuple[str, str]]:
    checked = check_content(settings.CONTENT_DIR)
    return sorted(
        (file.path.parent.parent.name, file.path.stem)
        for file in checked.files["exercise"]
        if getattr(file.model, "type", None) == "scenario"
    )


@pytest.mark.parametrize(("training", "slug"), shipped_scenarios())
@pytest.mark.parametrize("choose", ["first", "last"])
def test_a_learner_walks_a_scenario_to_an_ending(live_server, page, training, slug, choose):
    from journeys.trainings.models import Exercise

    load_content(settings.CONTENT_DIR)
    make_user("walker")
    lesson = (
        Exercise.objects.select_related("lesson").get(training__slug=training, slug=slug).lesson
    )
    assert lesson is not None, "every shipped exercise sits in a lesson"
    page.goto(f"{live_server.url}/accounts/login/?next=/learn/{training}/{lesson.slug}/")
    page.get_by_label("Username").fill("walker")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    scenario = f"#exercise-{slug}"
    page.wait_for_selector(scenario)
    for _ in range(MAX_STEPS):
        if "Looking back" in page.locator(scenario).inner_text():
            break
        buttons = page.locator(f"{scenario} form button")
        (buttons.first if choose == "first" else buttons.last).click()
        page.wait_for_load_state()
    else:
        pytest.fail(f"{slug}: no ending after {MAX_STEPS} steps")
    assert "Your score:" in page.locator(scenario).inner_text()
