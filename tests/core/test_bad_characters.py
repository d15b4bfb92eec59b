"""A NUL character (or a lone surrogate) that PostgreSQL cannot store gets a 400 with a
message wherever it comes in, and nothing is stored. Run on SQLite and PostgreSQL."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from journeys.assessments import measurements
from journeys.assessments.models import Response
from journeys.core.content.load import load_content
from journeys.trainings.models import Attempt, Training
from journeys.workshops.models import Activity, Answer, Participant, Workshop
from tests.assessments.helpers import person_code
from tests.conftest import CONTENT_FIXTURES, PASSWORD

NUL = "before\x00after"
MESSAGE = "cannot be stored"


def refused(response) -> bool:
    return response.status_code == 400 and MESSAGE in response.content.decode()


@pytest.fixture
def learner(participant) -> Client:
    load_content(CONTENT_FIXTURES / "learning")
    client = Client()
    client.force_login(participant)
    client.post("/learn/alpha/enrol/")
    return client


def test_a_reflection_with_a_nul_is_refused_and_not_stored(learner):
    assert refused(learner.post("/learn/alpha/exercises/think/", {"text": NUL}))
    assert not Attempt.objects.exists()
    dutch = learner.post("/nl/learn/alpha/exercises/think/", {"text": NUL})
    assert dutch.status_code == 400
    assert "niet kan worden opgeslagen" in dutch.content.decode()


def test_emoji_and_accents_are_stored_as_written(learner):
    text = "Één keer 😀 — naïef"
    response = learner.post("/learn/alpha/exercises/think/", {"text": text})
    assert response.status_code == 302
    assert Attempt.objects.get().state["text"] == text


def test_a_nul_in_a_field_name_or_the_query_is_refused(learner):
    assert refused(learner.post("/learn/alpha/exercises/think/", {"text": "ok", "x\x00": "1"}))
    assert refused(learner.get("/learn/alpha/?back=a%00b"))
    assert not Attempt.objects.exists()


@pytest.fixture
def workshop(client: Client, trainer, organisation) -> tuple[Client, Workshop]:
    client.login(username="trainer", password=PASSWORD)
    client.post(
        "/workshops/",
        {"title": "Evening", "organisation": organisation.slug, "training": "", "cap": 50},
    )
    return client, Workshop.objects.get(title="Evening")


def test_live_answers_with_a_nul_are_refused_and_not_stored(workshop):
    trainer, live = workshop
    assert refused(
        trainer.post(f"/workshops/{live.pk}/activities/add/", {"kind": "poll", "prompt": NUL})
    )
    assert not Activity.objects.exists()
    phone = Client()
    assert refused(phone.post("/join/", {"code": live.code, "nickname": NUL}))
    assert not Participant.objects.exists()
    assert phone.post("/join/", {"code": live.code, "nickname": "Ann"}).status_code == 302
    for kind, posted in [
        ("open-question", {"text": NUL}),
        ("word-cloud", {"word": ["care", NUL]}),
        ("question-box", {"text": NUL}),
    ]:
        trainer.post(f"/workshops/{live.pk}/activities/add/", {"kind": kind, "prompt": "Say"})
        activity = live.activities.order_by("-position")[0]
        trainer.post(f"/workshops/{live.pk}/activities/{activity.pk}/open/")
        url = f"/w/{live.code}/answer/{activity.pk}/"
        assert refused(phone.post(url, posted)), kind
        assert refused(phone.post(url, posted, HTTP_HX_REQUEST="true")), kind
    assert not Answer.objects.exists()


@pytest.mark.usefixtures("curriculum")
def test_questionnaire_codes_and_answers_with_a_nul_are_refused(client: Client, organisation):
    training = Training.objects.get(slug="health-risks")
    measurement = measurements.for_workshop(organisation, training, "Evening", None)
    assert refused(client.post(f"/m/{measurement.token}/post/", person_code(1) | {"mother": NUL}))
    opened = client.post(f"/m/{measurement.token}/post/", person_code(1))
    reaction = measurements.definition_of(measurement)["reaction"]  # type: ignore[index]
    text_item = next(item["id"] for item in reaction if item["kind"] == "text")
    posted = {"training": "health-risks", "form": "x", text_item: NUL}
    assert refused(client.post(opened["Location"], posted))
    assert not Response.objects.exists()


def test_an_mi_reply_with_a_nul_is_refused(client: Client, db):
    assert refused(client.post("/mi/practice/chemsex/", {"reply": NUL, "conversation": ""}))


def test_a_nul_in_the_path_a_cookie_or_a_json_body_is_refused(client: Client, db):
    assert refused(client.get("/certificates/ab%00cd/"))
    api = client.get("/api/knowledge/combinations?substances=ghb%00,alcohol")
    assert api.status_code == 400 and MESSAGE in api.json()["error"]
    for body in ['{"text": "a\\u0000b"}', '{"text": "half an emoji \\ud83d"}', '{"\\u0000": 1}']:
        response = client.post("/api/trainings", body, content_type="application/json")
        assert response.status_code == 400, body
    client.cookies["sessionid"] = "\x00" * 32
    assert refused(client.get("/"))
    assert not Session.objects.exists()
