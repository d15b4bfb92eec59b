"""Sessions hold only what they must, as briefly as they must: a pairing key only while
its questionnaire is open, no MI practice replies at all, a working day's login, and
expired rows deleted."""

import io
import random
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from journeys.assessments import measurements
from journeys.assessments.models import Response
from journeys.cli import main
from journeys.trainings.models import Training
from tests.assessments.helpers import answers_for, person_code, sheet

pytestmark = pytest.mark.usefixtures("curriculum")


def stored_sessions() -> list[dict[str, object]]:
    return [row.get_decoded() for row in Session.objects.all()]


def test_the_pairing_key_is_kept_only_while_the_questionnaire_is_open(
    client: Client, organisation, trainer, participant
):
    training = Training.objects.get(slug="health-risks")
    measurement = measurements.for_workshop(organisation, training, "Evening", trainer)
    client.force_login(participant)
    url = f"/m/{measurement.token}/pre/"
    opened = client.post(url, person_code(3))
    [row] = stored_sessions()
    held = [value for key, value in row.items() if key.startswith("assessment:")]
    assert len(held) == 1  # the key beside the user id, while the questionnaire is open

    training_slug, form = sheet(client.get(opened["Location"]).content.decode())
    posted = answers_for(training_slug, form, "pre", random.Random(3), 0.5)
    handed_in = client.post(opened["Location"], {"training": training_slug, "form": form, **posted})
    assert handed_in.status_code == 302
    key = Response.objects.get(measurement=measurement).pair_key
    [row] = stored_sessions()
    assert key not in str(row)
    assert row[f"assessment:{measurement.token}:pre:done"] is True
    assert client.get(url).status_code == 302  # answering twice still goes to the thanks


def test_mi_practice_replies_are_in_no_session_and_no_table(client: Client, participant):
    client.force_login(participant)
    marker = "So the unique-marker-4471 weekend scared you more than you let on."
    page = client.post("/mi/practice/chemsex/", {"reply": marker, "conversation": ""})
    assert page.status_code == 200
    assert "unique-marker-4471" in page.content.decode()
    assert "unique-marker-4471" not in str(stored_sessions())
    everything = io.StringIO()
    call_command("dumpdata", stdout=everything)
    assert "unique-marker-4471" not in everything.getvalue()


def test_a_login_lasts_a_working_day(client: Client, participant):
    client.force_login(participant)
    row = Session.objects.get()
    assert row.expire_date - timezone.now() <= timedelta(hours=12)
    assert client.session.get_expiry_age() == 12 * 3600


def test_maintenance_deletes_expired_sessions(db, capsys):
    expired, current = SessionStore(), SessionStore()
    for store in (expired, current):
        store["_auth_user_id"] = "1"
        store.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    assert main(["maintenance"]) == 0
    assert "1 expired sessions deleted" in capsys.readouterr().out
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]
