"""Planned workshops in calendars: the trainer sets when and where, downloads one
workshop's .ics and subscribes a calendar app to a secret agenda address that holds only
their own workshops in their own organisations."""

import datetime
from datetime import timedelta
from typing import Any

import icalendar
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from journeys.accounts.models import Organisation
from journeys.workshops import actions
from journeys.workshops.models import AgendaFeed, Workshop

TITLE = 'Police, Amsterdam; day 1\nroom "B" \\ back'


@pytest.fixture
def workshop(trainer: User, organisation: Organisation) -> Workshop:
    return actions.start_workshop(trainer, organisation, TITLE, None, 50)


def plan(client: Client, workshop: Workshop, **fields: str):
    return client.post(f"/workshops/{workshop.pk}/when/", fields)


def events(content: bytes) -> list[Any]:
    """The VEVENTs, read by the icalendar package (Any: its property types are a union)."""
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


def feed_url(trainer_client: Client) -> str:
    assert trainer_client.post("/workshops/agenda/", {"feed": "renew"}).status_code == 302
    token = AgendaFeed.objects.get().token
    return f"/workshops/agenda/{token}.ics"


def test_the_trainer_plans_a_workshop_and_its_ics_has_the_times_in_utc(trainer_client, workshop):
    response = plan(
        trainer_client,
        workshop,
        starts_at="2030-03-01T09:30",  # Amsterdam, winter time: UTC+1
        ends_at="2030-03-01T12:00",
        place="Politiebureau, Elandsgracht 117; zaal 2",
    )
    assert response.status_code == 302
    response = trainer_client.get(f"/workshops/{workshop.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert body.count(b"\n") == body.count(b"\r\n")  # every line ends in CRLF
    (event,) = events(body)
    assert event["DTSTART"].dt == datetime.datetime(2030, 3, 1, 8, 30, tzinfo=datetime.UTC)
    assert event["DTEND"].dt == datetime.datetime(2030, 3, 1, 11, 0, tzinfo=datetime.UTC)
    assert str(event["SUMMARY"]) == TITLE  # commas, semicolons, newline, backslash
    assert str(event["LOCATION"]) == "Politiebureau, Elandsgracht 117; zaal 2"
    assert str(event["UID"]) == f"workshop-{workshop.pk}@testserver"
    assert workshop.code in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(f"/workshops/{workshop.pk}/control/")


def test_the_uid_stays_when_the_workshop_moves(trainer_client, workshop):
    plan(trainer_client, workshop, starts_at="2030-03-01T09:30", ends_at="2030-03-01T12:00")
    first = events(trainer_client.get(f"/workshops/{workshop.pk}/calendar.ics").content)[0]
    plan(trainer_client, workshop, starts_at="2030-03-08T13:00", ends_at="2030-03-08T15:00")
    moved = events(trainer_client.get(f"/workshops/{workshop.pk}/calendar.ics").content)[0]
    assert moved["UID"] == first["UID"]
    assert moved["DTSTART"].dt == datetime.datetime(2030, 3, 8, 12, 0, tzinfo=datetime.UTC)


def test_an_unplanned_workshop_has_no_calendar_entry(trainer_client, workshop):
    assert trainer_client.get(f"/workshops/{workshop.pk}/calendar.ics").status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"starts_at": "2030-03-01T12:00", "ends_at": "2030-03-01T09:00"}, "after the start"),
        ({"starts_at": "2030-03-01T12:00"}, "both a start and an end"),
        ({"starts_at": "tomorrow", "ends_at": "2030-03-01T09:00"}, "valid date/time"),
    ],
)
def test_times_that_do_not_fit_get_a_clear_message_and_change_nothing(
    trainer_client, workshop, fields, message
):
    response = plan(trainer_client, workshop, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.starts_at is None and workshop.ends_at is None


def test_the_agenda_feed_holds_only_the_trainers_own_planned_workshops(
    trainer_client, trainer, organisation, other_organisation, other_trainer, workshop
):
    soon = timezone.now() + timedelta(days=3)
    actions.plan_workshop(trainer, workshop.pk, soon, soon + timedelta(hours=2), "Room 1")
    actions.start_workshop(trainer, organisation, "Not planned yet", None, 50)
    # Another trainer's workshop in the same organisation, and one in another organisation.
    theirs = actions.start_workshop(other_trainer, other_organisation, "Rotterdam", None, 50)
    actions.plan_workshop(other_trainer, theirs.pk, soon, soon + timedelta(hours=2), "")
    # A workshop this trainer ran for an organisation they no longer train for.
    Workshop.objects.create(
        organisation=other_organisation,
        trainer=trainer,
        title="Left behind",
        code="ZZZZZZ",
        starts_at=soon,
        ends_at=soon + timedelta(hours=1),
    )
    # Long past: out of the feed.
    old = actions.start_workshop(trainer, organisation, "Last year", None, 50)
    past = timezone.now() - timedelta(days=400)
    actions.plan_workshop(trainer, old.pk, past, past + timedelta(hours=1), "")
    response = Client().get(feed_url(trainer_client))  # a calendar app: no login
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert [str(event["SUMMARY"]) for event in events(response.content)] == [TITLE]


def test_a_wrong_renewed_or_stopped_token_gets_404(trainer_client):
    calendar_app = Client()
    assert calendar_app.get("/workshops/agenda/not-the-token.ics").status_code == 404
    old = feed_url(trainer_client)
    assert calendar_app.get(old).status_code == 200
    assert (
        AgendaFeed.objects.get().token in trainer_client.get("/workshops/agenda/").content.decode()
    )
    new = feed_url(trainer_client)
    assert new != old
    assert calendar_app.get(old).status_code == 404
    assert calendar_app.get(new).status_code == 200
    assert trainer_client.post("/workshops/agenda/", {"feed": "stop"}).status_code == 302
    assert calendar_app.get(new).status_code == 404


def test_a_learner_has_no_agenda_and_no_other_workshops_calendar(client, participant, workshop):
    client.force_login(participant)
    assert client.get("/workshops/agenda/").status_code == 404
    assert client.post("/workshops/agenda/", {"feed": "renew"}).status_code == 404
    assert not AgendaFeed.objects.exists()
    workshop.starts_at = timezone.now()
    workshop.ends_at = timezone.now() + timedelta(hours=1)
    workshop.save()
    assert client.get(f"/workshops/{workshop.pk}/calendar.ics").status_code == 404


def test_a_workshop_made_ahead_takes_participants_on_its_day(trainer, workshop):
    Workshop.objects.filter(pk=workshop.pk).update(created=timezone.now() - timedelta(days=5))
    with pytest.raises(actions.JoinError):
        actions.live_workshop(workshop.code)  # made five days ago, never planned
    soon = timezone.now() + timedelta(hours=1)
    actions.plan_workshop(trainer, workshop.pk, soon, soon + timedelta(hours=2), "")
    assert actions.live_workshop(workshop.code).pk == workshop.pk
