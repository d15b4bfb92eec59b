"""Learning events put xAPI statements in the outbox, in the event's transaction, for the
organisations that turned it on; what a learner wrote never goes in; the administrator's
page edits the settings, shows the backlog and never shows the secret."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from journeys.accounts import lrs
from journeys.accounts.actions import add_member, erase_member
from journeys.accounts.models import AuditEntry, LrsConnection, OutboxStatement, Role
from journeys.accounts.personal_data import export
from journeys.trainings import actions as training_actions
from journeys.trainings.models import Lesson
from journeys.workshops.models import Participant, Workshop
from tests.conftest import make_user
from tests.trainings.test_self_paced import ANSWERS, complete_training

SECRET = "lrs-secret-never-shown"


@pytest.fixture
def admin(organisation):
    user = make_user("admin")
    add_member(organisation, user, Role.ADMIN)
    return user


@pytest.fixture
def sending(organisation):
    return LrsConnection.objects.create(
        organisation=organisation,
        enabled=True,
        endpoint="http://127.0.0.1:9/xAPI/",
        username="journeys",
        password=SECRET,
    )


@pytest.fixture
def learner_client(learning, participant) -> Client:
    client = Client()
    client.force_login(participant)
    return client


@pytest.fixture
def learning(db):
    from journeys.core.content.load import load_content
    from tests.conftest import CONTENT_FIXTURES

    load_content(CONTENT_FIXTURES / "learning")


def verbs_and_objects(participant) -> list[tuple[str, str]]:
    return [
        (row.statement["verb"]["display"]["en-US"], row.statement["object"]["id"].split("/", 3)[3])
        for row in OutboxStatement.objects.filter(user=participant)
    ]


def test_nothing_goes_in_the_outbox_while_the_organisation_has_not_turned_it_on(
    learner_client, participant
):
    complete_training(learner_client)
    assert not OutboxStatement.objects.exists()


def test_a_completed_training_puts_each_event_in_the_outbox(learner_client, participant, sending):
    complete_training(learner_client)
    assert learner_client.post("/learn/alpha/certificate/").status_code == 302
    made = verbs_and_objects(participant)
    assert ("completed", "learn/alpha/first-lesson/") in made
    assert ("completed", "learn/alpha/second-lesson/") in made
    assert ("answered", "learn/alpha/exercises/pick-one/") in made
    assert ("completed", "trainings/alpha/") in made
    assert made[-1] == ("passed", "trainings/alpha/")
    rows = OutboxStatement.objects.filter(user=participant)
    assert all(str(row.id) == row.statement["id"] for row in rows)
    scored = next(r.statement for r in rows if r.statement["object"]["id"].endswith("/pick-one/"))
    assert scored["result"]["score"]["max"] > 0 and "success" in scored["result"]
    assert scored["context"]["contextActivities"]["parent"][0]["id"].endswith("/trainings/alpha/")


def test_a_reflection_statement_holds_nothing_the_learner_wrote(
    learner_client, participant, sending
):
    learner_client.post("/learn/alpha/enrol/")
    written = "My private thought about this."
    assert ANSWERS["think"]["text"] == written
    assert learner_client.post("/learn/alpha/exercises/think/", ANSWERS["think"]).status_code == 302
    (row,) = OutboxStatement.objects.filter(user=participant)
    assert row.statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert row.statement["result"] == {"completion": True}
    text = json.dumps(row.statement)
    assert "private thought" not in text and "response" not in text
    assert "participant" not in text  # the opaque actor does not carry the account name


def test_each_organisation_of_the_learner_gets_its_own_statement_and_actor(
    learning, participant, sending, other_organisation
):
    add_member(other_organisation, participant, Role.PARTICIPANT)
    LrsConnection.objects.create(
        organisation=other_organisation,
        enabled=True,
        endpoint="http://127.0.0.1:9/xAPI/",
        actor=LrsConnection.Actor.ACCOUNT,
        home_page="https://rotterdam.example/",
    )
    training_actions.complete_lesson(participant, Lesson.objects.get(slug="first-lesson"))
    rows = {row.organisation_id: row.statement for row in OutboxStatement.objects.all()}
    assert rows[other_organisation.pk]["actor"]["account"] == {
        "homePage": "https://rotterdam.example/",
        "name": "participant",
    }
    assert rows[sending.organisation_id]["actor"]["account"]["name"] != "participant"
    assert rows[sending.organisation_id]["id"] != rows[other_organisation.pk]["id"]


def test_a_rolled_back_event_leaves_no_statement(learning, participant, sending):
    lesson = Lesson.objects.get(slug="first-lesson")
    with pytest.raises(RuntimeError), transaction.atomic():
        training_actions.complete_lesson(participant, lesson)
        raise RuntimeError("the event fails after the statement was written")
    assert not OutboxStatement.objects.exists()


def test_completing_a_lesson_again_sends_nothing_new(learning, participant, sending):
    lesson = Lesson.objects.get(slug="first-lesson")
    training_actions.complete_lesson(participant, lesson)
    training_actions.complete_lesson(participant, lesson)
    assert OutboxStatement.objects.count() == 1


def test_waiting_statements_are_in_the_persons_data_and_go_with_their_account(
    learning, participant, sending, admin
):
    training_actions.complete_lesson(participant, Lesson.objects.get(slug="first-lesson"))
    document = export(participant)
    (waiting,) = document["xapi_statements_waiting"]
    assert waiting["statement"]["verb"]["display"]["en-US"] == "completed"
    erase_member(admin, participant.memberships.get())
    assert not OutboxStatement.objects.exists()


def test_an_unreachable_lrs_keeps_the_statements_and_puts_the_next_try_off(
    learning, participant, sending
):
    training_actions.complete_lesson(participant, Lesson.objects.get(slug="first-lesson"))
    now = timezone.now()
    assert lrs.send_due(now) == {"xAPI statements sent": 0}
    sending.refresh_from_db()
    assert sending.failures == 1 and sending.next_try_at == now + timedelta(minutes=1)
    assert "Connection" in sending.last_error or "refused" in sending.last_error.lower()
    assert SECRET not in sending.last_error
    assert lrs.send_due(now + timedelta(seconds=30)) == {"xAPI statements sent": 0}
    sending.refresh_from_db()
    assert sending.failures == 1  # not tried again before its time
    lrs.send_due(now + timedelta(minutes=1))
    sending.refresh_from_db()
    assert sending.failures == 2 and sending.next_try_at == now + timedelta(minutes=3)
    assert OutboxStatement.objects.count() == 1


def admin_client(admin) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def test_the_admin_turns_it_on_and_the_secret_is_never_shown_back(organisation, admin):
    client = admin_client(admin)
    page = client.get("/accounts/organisations/amsterdam/xapi/").content.decode()
    assert "Statements waiting" in page and 'name="endpoint"' in page
    form = {
        "enabled": "on",
        "endpoint": "https://lrs.example.org/xAPI/",
        "username": "key",
        "password": SECRET,
        "actor": "opaque",
        "home_page": "",
    }
    response = client.post("/accounts/organisations/amsterdam/xapi/", form)
    assert response.status_code == 302
    connection = LrsConnection.objects.get(organisation=organisation)
    assert connection.enabled and connection.password == SECRET
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LRS_CHANGED).count() == 1
    page = client.get("/accounts/organisations/amsterdam/xapi/").content.decode()
    assert SECRET not in page and "A secret is saved" in page
    client.post("/accounts/organisations/amsterdam/xapi/", {**form, "password": ""})
    connection.refresh_from_db()
    assert connection.password == SECRET  # left empty: kept


def test_the_page_shows_the_backlog_and_the_last_error(learning, participant, sending, admin):
    training_actions.complete_lesson(participant, Lesson.objects.get(slug="first-lesson"))
    lrs.send_due(timezone.now())
    page = admin_client(admin).get("/accounts/organisations/amsterdam/xapi/").content.decode()
    assert "<dt>Statements waiting</dt><dd>1</dd>" in page
    assert "Oldest waiting since" in page and "Last error" in page and "Next try" in page


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"enabled": "on", "endpoint": "", "actor": "opaque"}, "Give the LRS endpoint"),
        ({"endpoint": "ftp://lrs.example.org/", "actor": "opaque"}, "must start with https://"),
        ({"actor": "account", "home_page": ""}, "Give your home page"),
        ({"actor": "email"}, "Select a valid choice"),
    ],
)
def test_bad_settings_get_a_clear_message_and_change_nothing(organisation, admin, form, message):
    response = admin_client(admin).post("/accounts/organisations/amsterdam/xapi/", form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LrsConnection.objects.exists()


def test_a_trainer_cannot_open_the_page(organisation, trainer_client):
    assert trainer_client.get("/accounts/organisations/amsterdam/xapi/").status_code == 404


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://127.0.0.1:8000/xAPI/",
        "http://localhost/xAPI/",
        "http://10.1.2.3/xAPI/",
        "http://192.168.0.10/xAPI/",
        "http://169.254.169.254/latest/",  # a cloud's metadata service
        "http://[::1]/xAPI/",
    ],
)
def test_an_endpoint_in_a_private_network_is_refused(organisation, admin, settings, endpoint):
    settings.XAPI_PRIVATE_ADDRESSES = False
    form = {"enabled": "on", "endpoint": endpoint, "actor": "opaque"}
    response = admin_client(admin).post("/accounts/organisations/amsterdam/xapi/", form)
    assert response.status_code == 400
    assert "in a private network" in response.content.decode()
    assert not LrsConnection.objects.exists()


def test_a_saved_private_endpoint_is_not_posted_to(learning, participant, sending, settings):
    """Saved while private addresses were allowed, or a host name that now points inside:
    checked again before each post, and nothing is sent."""
    settings.XAPI_PRIVATE_ADDRESSES = False
    training_actions.complete_lesson(participant, Lesson.objects.get(slug="first-lesson"))
    lrs.send_due(timezone.now())
    sending.refresh_from_db()
    assert sending.last_error == lrs.PRIVATE_ADDRESS
    assert OutboxStatement.objects.count() == 1


class _Redirecting(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.send_response(302)
        self.send_header("Location", "http://169.254.169.254/latest/")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_redirect_from_the_lrs_is_not_followed(learning, participant, sending):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Redirecting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sending.endpoint = f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
        sending.save()
        training_actions.complete_lesson(participant, Lesson.objects.get(slug="first-lesson"))
        lrs.send_due(timezone.now())
    finally:
        server.shutdown()
    sending.refresh_from_db()
    assert sending.last_error.startswith("HTTP 302")
    assert OutboxStatement.objects.count() == 1


@pytest.fixture
def workshop(organisation, trainer) -> Workshop:
    return Workshop.objects.create(
        organisation=organisation, trainer=trainer, title="Night shift", code="NGHT23"
    )


def test_a_signed_in_person_who_joins_a_workshop_is_reported_as_attending(
    workshop, participant, sending
):
    phone = Client()
    phone.force_login(participant)
    page = phone.get("/join/").content.decode()
    assert "it will be told that you took part" in page  # said before joining
    response = phone.post("/join/", {"code": workshop.code, "nickname": "Secret Sam"})
    assert response.status_code == 302
    (row,) = OutboxStatement.objects.all()
    assert row.user == participant
    assert row.statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attended"
    assert row.statement["object"]["id"].endswith(f"/workshops/{workshop.pk}/")
    assert row.statement["object"]["definition"]["type"].endswith("/activities/meeting")
    assert "Secret Sam" not in json.dumps(row.statement)
    # The participant in the room stays a nickname without an account.
    assert Participant.objects.get().nickname == "Secret Sam"


def test_someone_without_an_account_who_joins_is_never_reported(workshop, sending):
    phone = Client()
    assert "took part" not in phone.get("/join/").content.decode()
    assert phone.post("/join/", {"code": workshop.code, "nickname": "Ann"}).status_code == 302
    assert Participant.objects.count() == 1
    assert not OutboxStatement.objects.exists()


def test_the_join_page_says_nothing_of_reporting_where_the_organisation_does_not_send(
    workshop, participant
):
    phone = Client()
    phone.force_login(participant)
    assert "took part" not in phone.get("/join/").content.decode()
    assert phone.post("/join/", {"code": workshop.code, "nickname": "Ann"}).status_code == 302
    assert not OutboxStatement.objects.exists()
