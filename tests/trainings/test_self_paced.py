"""Self-paced learning end to end over HTTP: enrol, lessons, exercises, progress,
resume, certificate, verification, revocation, and what tampered posts get."""

import io
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from journeys.accounts.actions import add_member
from journeys.accounts.models import Role
from journeys.core.content.load import load_content
from journeys.trainings.models import Attempt, Certificate, Enrolment
from tests.conftest import CONTENT_FIXTURES, make_user

ANSWERS: dict[str, dict[str, Any]] = {
    "pick-one": {"option": "a"},
    "pick-some": {"option": ["a", "b"]},
    "facts": {"sky": "fact", "moon": "fiction"},
    "order": {"rank-one": "1", "rank-two": "2", "rank-three": "3"},
    "values": {"rank-safety": "1", "rank-freedom": "2"},
    "think": {"text": "My private thought about this."},
    "agree": {"help": "5", "blame": "1"},
}


@pytest.fixture
def learning(db):
    load_content(CONTENT_FIXTURES / "learning")


@pytest.fixture
def learner_client(learning, trainer, participant) -> Client:
    participant.first_name, participant.last_name = "Sam", "Jansen"
    participant.save()
    client = Client()
    client.force_login(participant)
    return client


def post(client: Client, exercise: str, data: dict[str, Any], training: str = "alpha"):
    return client.post(f"/learn/{training}/exercises/{exercise}/", data)


def play_scenario(client: Client, choices: list[str]) -> None:
    post(client, "night-out", {"continue": "1"})
    for choice in choices:
        post(client, "night-out", {"choice": choice})


def complete_training(client: Client) -> None:
    client.post("/learn/alpha/enrol/")
    for slug, data in ANSWERS.items():
        assert post(client, slug, data).status_code == 302, slug
    client.post("/learn/alpha/first-lesson/done/")
    play_scenario(client, ["talk", "call"])
    client.post("/learn/alpha/second-lesson/done/")


def test_every_exercise_type_renders_on_the_lesson_page(learner_client):
    html = learner_client.get("/learn/alpha/first-lesson/").content.decode()
    for slug in ANSWERS:
        assert f'id="exercise-{slug}"' in html
    assert 'type="radio" name="option" value="a"' in html  # single choice
    assert 'type="checkbox" name="option" value="c"' in html  # multiple choice
    assert 'name="moon" value="fiction"' in html  # fact or fiction
    assert 'name="rank-three"' in html  # ranking
    assert '<textarea id="reflection-think" name="text"' in html  # reflection
    assert 'name="blame" value="5"' in html  # likert
    assert "<strong>first</strong>" in html
    assert "<script>" not in html  # raw HTML in lessons is not rendered
    assert 'id="source-alpha-source"' in html and 'id="source-beta-source"' in html


def test_the_scenario_renders_its_first_step_and_advances(learner_client):
    html = learner_client.get("/learn/alpha/second-lesson/").content.decode()
    assert "Your friend looks unwell." in html and 'name="continue"' in html
    post(learner_client, "night-out", {"continue": "1"})
    html = learner_client.get("/learn/alpha/second-lesson/").content.decode()
    assert 'name="choice" value="talk"' in html


def test_answers_show_feedback_and_scores(learner_client):
    response = post(learner_client, "facts", {"sky": "fact", "moon": "fact"})
    assert response.status_code == 302
    assert response["Location"] == "/learn/alpha/first-lesson/#exercise-facts"
    html = learner_client.get("/learn/alpha/first-lesson/").content.decode()
    assert "Your score: 1 of 2" in html
    assert "It is rock." in html and "Not quite." in html


def test_a_second_answer_replaces_the_first(learner_client, participant):
    post(learner_client, "pick-one", {"option": "b"})
    post(learner_client, "pick-one", {"option": "a"})
    attempt = Attempt.objects.get(user=participant, exercise__slug="pick-one")
    assert attempt.score == 1.0 and attempt.state == {"options": ["a"]}


def test_the_dutch_lesson_is_in_dutch(learner_client):
    html = learner_client.get("/nl/learn/alpha/first-lesson/").content.decode()
    assert "De <strong>eerste</strong> les." in html
    assert "Welke klopt?" in html


def test_progress_grows_and_resume_goes_to_the_first_unfinished_lesson(learner_client):
    learner_client.post("/learn/alpha/enrol/")
    html = learner_client.get("/learn/alpha/").content.decode()
    assert 'aria-valuenow="0"' in html
    post(learner_client, "pick-one", {"option": "a"})
    learner_client.post("/learn/alpha/first-lesson/done/")
    html = learner_client.get("/learn/alpha/").content.decode()
    assert 'aria-valuenow="20"' in html  # 2 of 10 steps: 8 exercises and 2 lessons
    assert 'href="/learn/alpha/second-lesson/">Resume' in html


def test_a_learner_completes_a_training_and_gets_a_certificate_anyone_can_verify(
    learner_client, participant
):
    complete_training(learner_client)
    enrolment = Enrolment.objects.get(user=participant)
    assert enrolment.completed_at is not None
    response = learner_client.post("/learn/alpha/certificate/")
    certificate = Certificate.objects.get(user=participant)
    assert response["Location"] == f"/certificates/{certificate.code}/"
    assert certificate.organisation is not None
    assert certificate.organisation.slug == "amsterdam"

    public = Client().get(f"/certificates/{certificate.code}/").content.decode()
    assert "Sam Jansen" in public and "Alpha training" in public and "is valid" in public
    assert "sam" not in public.lower().replace("sam jansen", "")  # no username or more

    pdf = learner_client.get(f"/certificates/{certificate.code}/pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Sam Jansen" in text and "Alpha training" in text and certificate.code in text


def test_a_certificate_before_completion_is_refused(learner_client):
    learner_client.post("/learn/alpha/enrol/")
    assert learner_client.post("/learn/alpha/certificate/").status_code == 403
    assert not Certificate.objects.exists()


def test_only_the_owner_downloads_the_pdf(learner_client, trainer):
    complete_training(learner_client)
    learner_client.post("/learn/alpha/certificate/")
    code = Certificate.objects.get().code
    other = Client()
    other.force_login(trainer)
    assert other.get(f"/certificates/{code}/pdf").status_code == 403


def test_an_unknown_certificate_code_is_a_404(db):
    assert Client().get("/certificates/NOPE-NOPE-NOPE/").status_code == 404


def test_the_organisation_admin_revokes_a_certificate(learner_client, organisation):
    complete_training(learner_client)
    learner_client.post("/learn/alpha/certificate/")
    certificate = Certificate.objects.get()
    admin = make_user("admin")
    add_member(organisation, admin, Role.ADMIN)
    client = Client()
    client.force_login(admin)
    response = client.post(f"/organisations/amsterdam/certificates/{certificate.code}/revoke/")
    assert response.status_code == 302
    page = Client().get(f"/certificates/{certificate.code}/")
    assert page.status_code == 410 and "revoked" in page.content.decode()


def test_a_trainer_cannot_revoke(learner_client, trainer):
    complete_training(learner_client)
    learner_client.post("/learn/alpha/certificate/")
    code = Certificate.objects.get().code
    client = Client()
    client.force_login(trainer)
    response = client.post(f"/organisations/amsterdam/certificates/{code}/revoke/")
    assert response.status_code == 404
    assert Certificate.objects.get().revoked_at is None


def test_trainers_see_progress_but_never_reflection_text(learner_client, trainer, other_trainer):
    complete_training(learner_client)
    client = Client()
    client.force_login(trainer)
    html = client.get("/organisations/amsterdam/progress/").content.decode()
    assert "Sam Jansen" in html and "100%" in html
    assert "My private thought" not in html
    client.force_login(other_trainer)
    assert client.get("/organisations/amsterdam/progress/").status_code == 404


@pytest.mark.parametrize(
    ("exercise", "data", "status"),
    [
        ("no-such-exercise", {"option": "a"}, 404),
        ("pick-one", {"option": "zzz"}, 400),
        ("pick-one", {}, 400),
        ("think", {"text": "x" * 6000}, 400),
        ("facts", {"sky": "fact"}, 400),
        ("night-out", {"choice": "call"}, 400),
    ],
)
def test_a_tampered_answer_gets_a_clear_error_and_changes_nothing(
    learner_client, participant, exercise, data, status
):
    response = post(learner_client, exercise, data)
    assert response.status_code == status
    assert not Attempt.objects.filter(user=participant).exists()
    assert not Enrolment.objects.filter(user=participant).exists()
    if status == 400:
        assert 'role="alert"' in response.content.decode()


def test_another_learner_only_ever_touches_their_own_attempt(learner_client, participant):
    post(learner_client, "pick-one", {"option": "a"})
    someone = make_user("someone")
    client = Client()
    client.force_login(someone)
    post(client, "pick-one", {"option": "b"})
    assert Attempt.objects.get(user=participant).state == {"options": ["a"]}
    assert Attempt.objects.get(user=someone).state == {"options": ["b"]}


def test_answering_needs_a_login_and_a_post(learning):
    assert Client().post("/learn/alpha/exercises/pick-one/", {"option": "a"}).status_code == 302
    client = Client()
    client.force_login(make_user("x"))
    assert client.get("/learn/alpha/exercises/pick-one/").status_code == 405


def test_signing_up_makes_an_account_and_logs_in(learning):
    client = Client()
    response = client.post(
        "/accounts/signup/?next=/learn/alpha/",
        {
            "username": "newcomer",
            "password1": "a-long-passphrase-77",
            "password2": "a-long-passphrase-77",
        },
    )
    assert response["Location"] == "/learn/alpha/"
    assert client.get("/learn/alpha/").status_code == 200
    response = Client().post(
        "/accounts/signup/?next=https://evil.example/",
        {
            "username": "other",
            "password1": "a-long-passphrase-77",
            "password2": "a-long-passphrase-77",
        },
    )
    assert response["Location"] == "/"


def test_the_training_page_offers_to_continue_once_enrolled(learner_client):
    assert "Follow at your own pace" in learner_client.get("/trainings/alpha/").content.decode()
    learner_client.post("/learn/alpha/enrol/")
    html = learner_client.get("/trainings/alpha/").content.decode()
    assert "Continue where you left off" in html
