"""Statements reach a real learning record store (ralph) once each, also when it is down
for a while, and nothing a learner wrote reaches it."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from journeys.accounts import lrs
from journeys.accounts.actions import add_member
from journeys.accounts.models import LrsConnection, OutboxStatement, Role
from journeys.core.content.load import load_content
from tests.accounts.ralph import PASSWORD, USERNAME, Ralph
from tests.conftest import CONTENT_FIXTURES, make_user
from tests.trainings.test_self_paced import ANSWERS, complete_training


@pytest.fixture
def learner(organisation):
    load_content(CONTENT_FIXTURES / "learning")
    user = make_user("sam")
    add_member(organisation, user, Role.PARTICIPANT)
    client = Client()
    client.force_login(user)
    return client


def connect(organisation, server: Ralph) -> LrsConnection:
    return LrsConnection.objects.create(
        organisation=organisation,
        enabled=True,
        endpoint=server.endpoint,
        username=USERNAME,
        password=PASSWORD,
        actor=LrsConnection.Actor.ACCOUNT,
        home_page="https://amsterdam.example/",
    )


def test_a_learners_statements_arrive_in_the_lrs_as_they_were_written(ralph, organisation, learner):
    connect(organisation, ralph)
    complete_training(learner)
    learner.post("/learn/alpha/certificate/")
    written = {str(row.id): row.statement for row in OutboxStatement.objects.all()}
    assert len(written) > 5
    assert lrs.send_due(timezone.now()) == {"xAPI statements sent": len(written)}
    assert not OutboxStatement.objects.exists()
    stored = {statement["id"]: statement for statement in ralph.statements()}
    assert stored.keys() == written.keys()
    for statement_id, statement in written.items():
        for key in ("actor", "verb", "object"):
            assert stored[statement_id][key] == statement[key]
    assert {s["actor"]["account"]["name"] for s in stored.values()} == {"sam"}
    verbs = sorted({s["verb"]["id"].rsplit("/", 1)[1] for s in stored.values()})
    assert verbs == ["answered", "completed", "passed"]


def test_the_reflection_statement_in_the_lrs_holds_nothing_the_learner_wrote(
    ralph, organisation, learner
):
    connect(organisation, ralph)
    learner.post("/learn/alpha/enrol/")
    learner.post("/learn/alpha/exercises/think/", {"text": "Something only I should know."})
    lrs.send_due(timezone.now())
    (statement,) = ralph.statements()
    assert statement["object"]["id"].endswith("/learn/alpha/exercises/think/")
    assert statement["result"] == {"completion": True}
    assert "only I should know" not in json.dumps(statement)


def test_every_statement_arrives_once_when_the_lrs_is_down_for_a_while(
    ralph, organisation, learner
):
    connection = connect(organisation, ralph)
    learner.post("/learn/alpha/enrol/")
    first_half = list(ANSWERS.items())[:3]
    for slug, data in first_half:
        learner.post(f"/learn/alpha/exercises/{slug}/", data)
    now = timezone.now()
    assert lrs.send_due(now)["xAPI statements sent"] == 3

    ralph.stop()
    complete_training(learner)  # the rest of the training while the LRS is down
    waiting = OutboxStatement.objects.count()
    assert waiting > 3
    assert lrs.send_due(now)["xAPI statements sent"] == 0
    connection.refresh_from_db()
    assert connection.failures == 1 and connection.last_error
    assert OutboxStatement.objects.count() == waiting  # nothing lost

    ralph.start()
    assert lrs.send_due(now + timedelta(seconds=10))["xAPI statements sent"] == 0  # backing off
    # A batch that reached the LRS but whose answer was lost is sent again: still once.
    lost_answer = list(OutboxStatement.objects.values_list("statement", flat=True)[:2])
    lrs.post(connection, lost_answer)
    assert lrs.send_due(now + timedelta(minutes=1))["xAPI statements sent"] == waiting
    connection.refresh_from_db()
    assert connection.failures == 0 and connection.next_try_at is None

    ids = [statement["id"] for statement in ralph.statements()]
    assert len(ids) == 3 + waiting
    assert len(set(ids)) == len(ids)


def test_a_failing_lrs_does_not_hold_up_another_organisations(
    ralph, organisation, other_organisation, learner
):
    LrsConnection.objects.create(
        organisation=organisation,
        enabled=True,
        endpoint=ralph.endpoint,
        username=USERNAME,
        password="not-the-password",
    )
    connect(other_organisation, ralph)
    add_member(other_organisation, User.objects.get(username="sam"), Role.PARTICIPANT)
    learner.post("/learn/alpha/first-lesson/done/")
    assert lrs.send_due(timezone.now())["xAPI statements sent"] == 1
    refused = LrsConnection.objects.get(organisation=organisation)
    assert refused.last_error.startswith("HTTP 401") and refused.failures == 1
    assert "not-the-password" not in refused.last_error
    assert OutboxStatement.objects.filter(organisation=organisation).count() == 1
    assert len(ralph.statements()) == 1


def test_journeys_maintenance_xapi_sends_only_the_statements(ralph, organisation, learner, capsys):
    from journeys.cli import main

    connect(organisation, ralph)
    learner.post("/learn/alpha/first-lesson/done/")
    assert main(["maintenance", "--xapi"]) == 0
    assert capsys.readouterr().out.strip() == "maintenance: 1 xAPI statements sent"
    assert len(ralph.statements()) == 1
