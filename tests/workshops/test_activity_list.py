"""The trainer's activity list: reorder with Up and Down, delete (after a confirming
second button) and restore until the workshop ends, and pick which statements or items
of an exercise to add. Through the HTTP client, on the real database."""

import pytest
from django.test import Client

from journeys.workshops.models import Activity, Answer, Workshop
from tests.workshops.test_workshop_flow import add, joined

pytestmark = pytest.mark.usefixtures("curriculum")


@pytest.fixture
def workshop(trainer_client: Client, organisation) -> Workshop:
    from journeys.trainings.models import Training

    training = Training.objects.get(slug="harm-reduction")
    response = trainer_client.post(
        "/workshops/",
        {"title": "List", "organisation": organisation.slug, "training": training.pk, "cap": 50},
    )
    assert response.status_code == 302
    return Workshop.objects.get(title="List")


def three(trainer_client: Client, workshop: Workshop) -> list[Activity]:
    return [
        add(trainer_client, workshop, kind="word-cloud", prompt=prompt)
        for prompt in ("First", "Second", "Third")
    ]


def order(workshop: Workshop) -> list[tuple[int, str]]:
    return [
        (a.position, a.config["prompt"]["en"])
        for a in workshop.activities.filter(deleted__isnull=True)
    ]


def act(client: Client, workshop: Workshop, activity_id: int, action: str) -> int:
    url = f"/workshops/{workshop.pk}/activities/{activity_id}/{action}/"
    return int(client.post(url).status_code)


def test_up_and_down_reorder_without_gaps(trainer_client, workshop):
    first, second, third = three(trainer_client, workshop)
    assert act(trainer_client, workshop, third.pk, "up") == 302
    assert order(workshop) == [(1, "First"), (2, "Third"), (3, "Second")]
    assert act(trainer_client, workshop, first.pk, "down") == 302
    assert order(workshop) == [(1, "Third"), (2, "First"), (3, "Second")]
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    rows = [control.index(f"<br>{prompt}</td>") for prompt in ("Third", "First", "Second")]
    assert rows == sorted(rows)
    assert f"/activities/{first.pk}/up/" in control and 'aria-label="Move up: First"' in control
    # The first cannot go up, the last not down: 409, nothing changes.
    assert act(trainer_client, workshop, third.pk, "up") == 409
    assert act(trainer_client, workshop, second.pk, "down") == 409
    assert order(workshop) == [(1, "Third"), (2, "First"), (3, "Second")]
    # An activity that is not there, or another workshop's: 404.
    assert act(trainer_client, workshop, 999999, "up") == 404


def test_next_follows_the_new_order(trainer_client, workshop):
    _first, _second, third = three(trainer_client, workshop)
    act(trainer_client, workshop, third.pk, "up")
    trainer_client.post(f"/workshops/{workshop.pk}/next/")
    trainer_client.post(f"/workshops/{workshop.pk}/next/")
    workshop.refresh_from_db()
    assert workshop.current_id == third.pk


def test_delete_asks_first_keeps_answers_and_can_be_restored(trainer_client, workshop):
    _first, second, _third = three(trainer_client, workshop)
    phone = joined(workshop.code, "Ann")
    act(trainer_client, workshop, second.pk, "open")
    assert (
        phone.post(f"/w/{workshop.code}/answer/{second.pk}/", {"word": "care"}).status_code == 302
    )
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    # Delete is a disclosure whose second button deletes: no JavaScript needed.
    assert "<details" in control and "Yes, delete" in control
    assert act(trainer_client, workshop, second.pk, "delete") == 302
    assert order(workshop) == [(1, "First"), (2, "Third")]
    workshop.refresh_from_db()
    assert workshop.current is None  # the phones no longer show it
    assert "Second" not in phone.get(f"/w/{workshop.code}/").content.decode()
    assert phone.post(f"/w/{workshop.code}/answer/{second.pk}/", {"word": "x"}).status_code == 400
    assert Answer.objects.filter(activity=second).count() == 1  # kept
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert "Deleted activities" in control and f"/activities/{second.pk}/restore/" in control
    report = trainer_client.get(f"/workshops/{workshop.pk}/report/").content.decode()
    assert "Second" not in report
    csv = trainer_client.get(f"/workshops/{workshop.pk}/report.csv").content.decode()
    assert "care" not in csv
    # Deleted ones cannot be opened, moved or deleted again: they are not in the list.
    assert act(trainer_client, workshop, second.pk, "open") == 404
    assert act(trainer_client, workshop, second.pk, "up") == 404
    # Restore puts it back at the end, with its answers.
    assert act(trainer_client, workshop, second.pk, "restore") == 302
    assert order(workshop) == [(1, "First"), (2, "Third"), (3, "Second")]
    assert "care" in trainer_client.get(f"/workshops/{workshop.pk}/report/").content.decode()
    assert act(trainer_client, workshop, second.pk, "restore") == 409  # not deleted


def test_after_the_end_deleted_ones_are_gone(trainer_client, workshop):
    first, _second, _third = three(trainer_client, workshop)
    act(trainer_client, workshop, first.pk, "delete")
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert "Yes, end the workshop" in control  # End asks too
    assert trainer_client.post(f"/workshops/{workshop.pk}/end/").status_code == 302
    assert act(trainer_client, workshop, first.pk, "restore") == 409
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert "Deleted activities" not in control
    report = trainer_client.get(f"/workshops/{workshop.pk}/report/").content.decode()
    assert "First" not in report and "Second" in report


def test_pick_the_statements_of_an_exercise(trainer_client, workshop):
    assert workshop.training is not None
    exercise = workshop.training.exercises.filter(type="fact-or-fiction").first()
    assert exercise is not None
    statements = [s["statement"]["en"] for s in exercise.data["statements"]]
    assert len(statements) >= 3
    url = f"/workshops/{workshop.pk}/activities/from-exercise/{exercise.pk}/"
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert control.count('name="item" value="0" checked') >= 1  # ticked by default
    assert all(s.replace("'", "&#x27;") in control for s in statements)
    response = trainer_client.post(url, {"picking": "1", "item": ["0", "2"]})
    assert response.status_code == 302
    assert [p for _pos, p in order(workshop)] == [statements[0], statements[2]]
    # None ticked: a clear message, nothing added.
    response = trainer_client.post(url, {"picking": "1"})
    assert response.status_code == 400
    assert "Tick at least one statement or item" in response.content.decode()
    # An item that is not there.
    response = trainer_client.post(url, {"picking": "1", "item": ["99"]})
    assert response.status_code == 400
    response = trainer_client.post(url, {"picking": "1", "item": ["x"]})
    assert response.status_code == 400
    assert workshop.activities.count() == 2


def test_pick_the_items_of_a_likert_exercise(trainer_client, workshop):
    from journeys.trainings.models import Exercise

    exercise = Exercise.objects.filter(type="likert").first()
    assert exercise is not None and len(exercise.data["items"]) >= 2
    Workshop.objects.filter(pk=workshop.pk).update(training=exercise.training)
    url = f"/workshops/{workshop.pk}/activities/from-exercise/{exercise.pk}/"
    assert trainer_client.post(url, {"picking": "1", "item": ["1"]}).status_code == 302
    assert [a.kind for a in workshop.activities.all()] == ["scale"]
    assert workshop.activities.get().config["prompt"] == exercise.data["items"][1]["text"]
