"""A person's data: the JSON download of everything stored about them, their account's
deletion with what it keeps (certificate checks, anonymous counts), and the same two for
an organisation's administrator; the export covers every table linked to an account."""

import json
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.test import Client

from journeys.accounts.actions import add_member
from journeys.accounts.models import Membership, Organisation, Role
from journeys.accounts.personal_data import models_linked_to_accounts, uncovered_models
from journeys.assessments import measurements
from journeys.assessments.models import Response
from journeys.core.content.load import load_content
from journeys.trainings.models import Attempt, Certificate, Enrolment, Training
from journeys.workshops import actions as workshop_actions
from journeys.workshops.models import Answer, Workshop
from tests.conftest import CONTENT_FIXTURES, PASSWORD, make_user
from tests.trainings.test_self_paced import complete_training

POLL = {
    "prompt": {"en": "Where?"},
    "options": [{"key": "a", "text": {"en": "Street"}}, {"key": "b", "text": {"en": "Club"}}],
    "multiple": False,
}


@pytest.fixture
def learner_client(learning: None, participant: User) -> Client:
    participant.first_name, participant.last_name = "Sam", "Jansen"
    participant.email = "sam@example.org"
    participant.save()
    client = Client()
    client.force_login(participant)
    complete_training(client)
    assert client.post("/learn/alpha/certificate/").status_code == 302
    return client


@pytest.fixture
def learning(db: None) -> None:
    load_content(CONTENT_FIXTURES / "learning")


@pytest.fixture
def admin(organisation: Organisation) -> User:
    user = make_user("admin")
    add_member(organisation, user, Role.ADMIN)
    return user


def admin_client(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def download(client: Client, path: str = "/accounts/your-data/download/") -> dict[str, Any]:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    document: dict[str, Any] = json.loads(response.content)
    return document


def test_the_download_holds_the_account_progress_answers_and_certificates(learner_client):
    data = download(learner_client)
    account = data["account"]
    assert (account["username"], account["email"]) == ("participant", "sam@example.org")
    assert (account["first_name"], account["last_name"]) == ("Sam", "Jansen")
    assert account["date_joined"] and "last_login" in account
    [membership] = account["memberships"]
    assert (membership["organisation"], membership["role"]) == ("Amsterdam Training", "participant")
    learning = data["self_paced_learning"]
    [enrolment] = learning["enrolments"]
    assert enrolment["training"] == "alpha" and enrolment["completed_at"]
    assert {c["lesson"] for c in enrolment["lessons_completed"]} == {
        "first-lesson",
        "second-lesson",
    }
    answers = {a["exercise"]: a["answer"] for a in learning["exercise_answers"]}
    assert "My private thought about this." in json.dumps(answers["think"])  # a reflection
    assert set(answers) >= {"pick-one", "order", "values", "agree", "night-out"}
    [certificate] = learning["certificates"]
    assert certificate["code"] == Certificate.objects.get().code
    assert certificate["name"] == "Sam Jansen"


def test_the_download_says_what_is_not_in_it_and_why(learner_client):
    notes = " ".join(download(learner_client)["notes"])
    assert "Questionnaire answers" in notes and "without any link to an account" in notes
    assert "nickname" in notes  # live workshops
    assert "not stored" in notes  # MI practice


def test_a_trainers_download_lists_their_workshops_plans_and_measurements(
    curriculum, organisation, trainer
):
    training = Training.objects.get(slug="harm-reduction")
    workshop_actions.start_workshop(trainer, organisation, "Police", training, 50)
    measurements.for_workshop(organisation, training, "Police pre/post", trainer)
    client = Client()
    client.force_login(trainer)
    data = download(client)
    assert [w["title"] for w in data["live_workshops"]["workshops_run"]] == ["Police"]
    created = data["questionnaires"]["measurements_created"]
    assert [m["title"] for m in created] == ["Police pre/post"]


def test_every_table_linked_to_an_account_is_in_the_download():
    """A new model with a foreign key to the user must be claimed by a section."""
    assert uncovered_models() == []
    assert {"trainings.Attempt", "trainings.Certificate", "accounts.AuditEntry"} <= (
        models_linked_to_accounts()
    )


def test_a_new_table_linked_to_an_account_is_noticed():
    """The check reads the installed models: a table that joins them with a link to the
    account and no section is named."""

    class Diary(models.Model):  # noqa: DJ008  (lives only in this test)
        author = models.OneToOneField(User, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "accounts"

    try:
        assert uncovered_models() == ["accounts.Diary"]
    finally:
        del apps.all_models["accounts"]["diary"]
        apps.clear_cache()
    assert uncovered_models() == []


def test_deleting_your_account_is_asked_with_your_password(learner_client, participant):
    page = learner_client.get("/accounts/your-data/").content.decode()
    assert "<details>" in page and 'name="password"' in page
    wrong = learner_client.post("/accounts/your-data/delete/", {"password": "not-it"})
    assert wrong.status_code == 400
    assert "That is not your password" in wrong.content.decode()
    assert User.objects.filter(pk=participant.pk).exists()
    assert learner_client.post("/accounts/your-data/delete/", {}).status_code == 400


def test_deleting_your_account_removes_your_data_and_keeps_a_withdrawn_certificate(
    learner_client, participant
):
    code = Certificate.objects.get().code
    response = learner_client.post("/accounts/your-data/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=participant.pk).exists()
    assert not Enrolment.objects.exists() and not Attempt.objects.exists()
    assert not Membership.objects.filter(user_id=participant.pk).exists()
    certificate = Certificate.objects.get(code=code)
    assert certificate.user is None and certificate.name == "" and certificate.erased_at
    check = Client().get(f"/certificates/{code}/")
    assert check.status_code == 410
    page = check.content.decode()
    assert "withdrawn" in page and "at the holder's request" in page
    assert "Sam Jansen" not in page
    assert learner_client.get("/accounts/").status_code == 302  # logged out


def test_erasure_keeps_a_workshops_counts_and_a_measurements_responses(
    curriculum, organisation, trainer, admin
):
    """The trainer's account goes; the room's answers and the anonymous questionnaire
    responses stay, so the organisation's reports count the same."""
    training = Training.objects.get(slug="harm-reduction")
    workshop = workshop_actions.start_workshop(trainer, organisation, "Police", training, 50)
    poll = workshop_actions.add_activity(trainer, workshop.pk, "poll", POLL)
    workshop_actions.open_activity(trainer, workshop.pk, poll.pk)
    phone = Client()
    phone.post("/join/", {"code": workshop.code, "nickname": "Ann"})
    assert phone.post(f"/w/{workshop.code}/answer/{poll.pk}/", {"option": "a"}).status_code == 302
    measurement = measurements.for_workshop(organisation, training, "Police", trainer)
    Response.objects.create(measurement=measurement, phase="pre", pair_key="k", answers={})
    before = measurements.phase_counts(measurement)

    response = admin_client(admin).post(
        f"/accounts/organisations/amsterdam/members/{trainer.pk}/erase/", {"confirm": "erase"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=trainer.pk).exists()
    assert Workshop.objects.get(pk=workshop.pk).trainer is None
    assert Answer.objects.filter(activity=poll).count() == 1
    assert measurements.phase_counts(measurement) == before == {"pre": 1}
    report = admin_client(admin).get(f"/workshops/{workshop.pk}/report/")
    assert report.status_code == 200


def test_an_admin_downloads_a_members_data(learner_client, participant, admin):
    data = download(
        admin_client(admin), f"/accounts/organisations/amsterdam/members/{participant.pk}/download/"
    )
    assert data["account"]["username"] == "participant"
    assert data["self_paced_learning"]["certificates"]


def test_only_an_admin_of_the_persons_organisation_may_download_or_erase(
    learner_client, participant, trainer, other_organisation
):
    other_admin = make_user("other-admin")
    add_member(other_organisation, other_admin, Role.ADMIN)
    base = f"/accounts/organisations/amsterdam/members/{participant.pk}"
    for someone in (trainer, other_admin, participant):
        client = Client()
        client.force_login(someone)
        assert client.get(f"{base}/download/").status_code == 404, someone
        assert client.post(f"{base}/erase/", {"confirm": "erase"}).status_code == 404, someone
    # nor through their own organisation's address
    client = Client()
    client.force_login(other_admin)
    assert (
        client.get(
            f"/accounts/organisations/rotterdam/members/{participant.pk}/download/"
        ).status_code
        == 404
    )
    assert User.objects.filter(pk=participant.pk).exists()


def test_an_admin_erases_a_member_whose_only_organisation_is_theirs(
    learner_client, participant, admin
):
    page = admin_client(admin).get("/accounts/organisations/amsterdam/").content.decode()
    assert f"/members/{participant.pk}/erase/" in page and "<details>" in page
    base = f"/accounts/organisations/amsterdam/members/{participant.pk}/erase/"
    assert admin_client(admin).post(base).status_code == 400  # not confirmed
    assert admin_client(admin).post(base, {"confirm": "erase"}).status_code == 302
    assert not User.objects.filter(pk=participant.pk).exists()
    assert Certificate.objects.get().erased_at


def test_a_member_of_two_organisations_only_leaves_the_admins_one(
    learner_client, participant, admin, other_organisation
):
    add_member(other_organisation, participant, Role.PARTICIPANT)
    base = f"/accounts/organisations/amsterdam/members/{participant.pk}/erase/"
    assert admin_client(admin).post(base, {"confirm": "erase"}).status_code == 302
    assert User.objects.filter(pk=participant.pk).exists()
    assert list(Membership.objects.filter(user=participant).values_list("organisation__slug")) == [
        ("rotterdam",)
    ]
    assert Enrolment.objects.filter(user=participant).exists()


def test_an_admin_erases_themselves_only_from_their_own_page(admin):
    base = f"/accounts/organisations/amsterdam/members/{admin.pk}/erase/"
    assert admin_client(admin).post(base, {"confirm": "erase"}).status_code == 403
    assert User.objects.filter(pk=admin.pk).exists()
