"""Input that used to give a server error in a live workshop now gets a clear refusal:
numbers that are not ASCII digits, and a trainer's move that does not fit the activity."""

from typing import Any

import pytest
from django.test import Client

from journeys.workshops.models import Activity, Answer, Workshop

OPTIONS = [{"key": key, "text": {"en": key, "nl": key}} for key in ("a", "b", "c")]


@pytest.fixture
def workshop(organisation) -> Workshop:
    return Workshop.objects.create(organisation=organisation, title="Night shift", code="NGHT23")


def open_activity(workshop: Workshop, kind: str, config: dict[str, Any]) -> Activity:
    activity = Activity.objects.create(workshop=workshop, kind=kind, config=config, state="open")
    Workshop.objects.filter(pk=workshop.pk).update(current=activity)
    return activity


def phone_in(workshop: Workshop) -> Client:
    phone = Client()
    assert phone.post("/join/", {"code": workshop.code, "nickname": "Ann"}).status_code == 302
    return phone


@pytest.mark.parametrize(
    "place",
    [
        "²",  # str.isdigit() says yes, int() raises: this was a server error
        "٣",  # Arabic-Indic three: int() reads 3
        "\uff13",  # full-width three
        "9" * 5000,  # more digits than int() converts
        "+1",
        " 1",
        "",
    ],
)
def test_a_ranking_place_that_is_not_plain_digits_gets_400(workshop, place):
    ranking = open_activity(workshop, "ranking", {"prompt": {"en": "Q"}, "options": OPTIONS})
    response = phone_in(workshop).post(
        f"/w/{workshop.code}/answer/{ranking.pk}/",
        {"rank-a": place, "rank-b": "1", "rank-c": "2"},
    )
    assert response.status_code == 400
    assert response.content.decode() == "Give every item its own place, from 1 to 3."
    assert not Answer.objects.exists()


def test_a_ranking_in_plain_digits_still_counts(workshop):
    ranking = open_activity(workshop, "ranking", {"prompt": {"en": "Q"}, "options": OPTIONS})
    response = phone_in(workshop).post(
        f"/w/{workshop.code}/answer/{ranking.pk}/", {"rank-a": "3", "rank-b": "1", "rank-c": "2"}
    )
    assert response.status_code == 302
    assert Answer.objects.get().value == ["b", "c", "a"]


@pytest.mark.parametrize("point", ["²", "٣", "\uff13", "3.0"])
def test_a_scale_point_that_is_not_plain_digits_gets_400(workshop, point):
    scale = open_activity(workshop, "scale", {"prompt": {"en": "Q"}})
    response = phone_in(workshop).post(f"/w/{workshop.code}/answer/{scale.pk}/", {"point": point})
    assert response.status_code == 400
    assert response.content.decode() == "Choose a point from 1 to 5."


@pytest.mark.parametrize("kind", ["poll", "ranking"])
def test_following_the_room_on_an_activity_that_is_no_scenario_gets_409(
    trainer_client, workshop, kind
):
    """Before: a KeyError, a server error."""
    activity = open_activity(workshop, kind, {"prompt": {"en": "Q"}, "options": OPTIONS})
    url = f"/workshops/{workshop.pk}/activities/{activity.pk}/follow/"
    response = trainer_client.post(url)
    assert response.status_code == 409
    assert response.content.decode() == "Only a scenario goes with the room&#x27;s choice."
    activity.refresh_from_db()
    assert activity.progress is None and activity.state == "open"
