"""A questionnaire handed in by a learner with an account becomes one xAPI statement in
the outbox of their organisation: that it was handed in, never the answers; anonymous
participants get none."""

import json
import random

import pytest
from django.test import Client

from journeys.accounts.actions import add_member
from journeys.accounts.models import LrsConnection, OutboxStatement, Role
from journeys.assessments.models import Measurement, Response
from tests.assessments.helpers import fill_in, person_code
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("curriculum")


@pytest.fixture
def sending(organisation):
    return LrsConnection.objects.create(
        organisation=organisation, enabled=True, endpoint="https://lrs.example.org/xAPI/"
    )


def test_a_handed_in_questionnaire_is_a_statement_without_its_answers(
    client, organisation, sending
):
    start = client.get("/trainings/motivational-interviewing/measure/pre/")
    token = Measurement.objects.get(kind="self-paced").token
    assert start["Location"] == f"/m/{token}/pre/"
    learner = make_user("learner")
    add_member(organisation, learner, Role.PARTICIPANT)
    phone = Client()
    phone.force_login(learner)
    _posted, _form, final = fill_in(
        phone, f"/m/{token}/pre/", person_code(1), random.Random(3), 0.5
    )
    assert final.status_code == 302
    (row,) = OutboxStatement.objects.filter(user=learner)
    statement = row.statement
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert statement["object"]["id"].endswith("/trainings/motivational-interviewing/measure/pre/")
    assert statement["object"]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/assessment"
    )
    assert statement["result"] == {"completion": True}
    text = json.dumps(statement)
    response = Response.objects.get()
    assert response.answers and not any(f'"{key}"' in text for key in response.answers)
    assert response.pair_key not in text


def test_an_anonymous_participant_gets_no_statement(client, organisation, sending):
    client.get("/trainings/motivational-interviewing/measure/pre/")
    token = Measurement.objects.get(kind="self-paced").token
    fill_in(Client(), f"/m/{token}/pre/", person_code(2), random.Random(4), 0.5)
    assert Response.objects.count() == 1
    assert not OutboxStatement.objects.exists()
