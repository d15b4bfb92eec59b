"""The workshop's CSV: what participants typed cannot run as a spreadsheet formula, and
answers the trainer did not show stay out unless the trainer asks for them."""

import csv
import io

import pytest
from django.test import Client

from journeys.workshops.models import Activity, Answer, Workshop

pytestmark = pytest.mark.usefixtures("curriculum")

FORMULA = '=HYPERLINK("https://example.org/phish","klik")'


@pytest.fixture
def workshop(trainer_client: Client, organisation) -> Workshop:
    trainer_client.post(
        "/workshops/",
        {"title": "Outreach", "organisation": organisation.slug, "training": "", "cap": 50},
    )
    return Workshop.objects.get(title="Outreach")


def open_activity(trainer_client: Client, workshop: Workshop, **fields: str) -> Activity:
    response = trainer_client.post(f"/workshops/{workshop.pk}/activities/add/", fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = workshop.activities.order_by("-position")[0]
    trainer_client.post(f"/workshops/{workshop.pk}/activities/{activity.pk}/open/")
    return activity


def answer_as(workshop: Workshop, nickname: str, activity: Activity, text: str) -> Answer:
    phone = Client()
    assert phone.post("/join/", {"code": workshop.code, "nickname": nickname}).status_code == 302
    response = phone.post(f"/w/{workshop.code}/answer/{activity.pk}/", {"text": text})
    assert response.status_code == 302
    return Answer.objects.get(activity=activity, participant__nickname=nickname)


def review(trainer_client: Client, workshop: Workshop, answer: Answer, choice: str) -> None:
    trainer_client.post(f"/workshops/{workshop.pk}/answers/{answer.pk}/review/", {"review": choice})


def exported(trainer_client: Client, workshop: Workshop, query: str = "") -> list[list[str]]:
    response = trainer_client.get(f"/workshops/{workshop.pk}/report.csv{query}")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_an_answer_that_looks_like_a_formula_is_written_as_text(trainer_client, workshop):
    question = open_activity(trainer_client, workshop, kind="open-question", prompt="=1+1")
    typed = [FORMULA, "+31 6 1234", "-2+3", "@SUM(A1)", "plain"]
    for n, text in enumerate(typed):
        review(trainer_client, workshop, answer_as(workshop, f"P{n}", question, text), "shown")
    rows = exported(trainer_client, workshop)
    # Each such cell starts with a single quote: Excel and LibreOffice show it as text.
    assert sorted(row[4] for row in rows[1:]) == sorted(
        ["'" + FORMULA, "'+31 6 1234", "'-2+3", "'@SUM(A1)", "plain"]
    )
    assert {row[2] for row in rows[1:]} == {"'=1+1"}  # the trainer's question too
    assert {row[0] for row in rows[1:]} == {"1"}


def test_waiting_and_hidden_answers_stay_out_unless_the_trainer_asks(trainer_client, workshop):
    question = open_activity(trainer_client, workshop, kind="open-question", prompt="What helps?")
    shown = answer_as(workshop, "A", question, "Time to talk")
    hidden = answer_as(workshop, "B", question, "Something rude")
    answer_as(workshop, "C", question, "Still waiting")
    review(trainer_client, workshop, shown, "shown")
    review(trainer_client, workshop, hidden, "hidden")
    box = open_activity(trainer_client, workshop, kind="question-box", prompt="Questions")
    answer_as(workshop, "D", box, "Is 112 free?")
    poll = open_activity(trainer_client, workshop, kind="poll", prompt="Where?", options="x\ny")
    phone = Client()
    phone.post("/join/", {"code": workshop.code, "nickname": "E"})
    phone.post(f"/w/{workshop.code}/answer/{poll.pk}/", {"option": "a"})
    # By default the CSV holds what the report page shows: shown open answers, every vote.
    rows = exported(trainer_client, workshop)
    assert [(row[1], row[4], row[5]) for row in rows[1:]] == [
        ("open-question", "Time to talk", "shown"),
        ("poll", "x", ""),
    ]
    # ?include=all (a link on the report page) adds those waiting or hidden.
    everything = exported(trainer_client, workshop, "?include=all")
    assert sorted((row[4], row[5]) for row in everything[1:]) == [
        ("Is 112 free?", "pending"),
        ("Something rude", "hidden"),
        ("Still waiting", "pending"),
        ("Time to talk", "shown"),
        ("x", ""),
    ]
    page = trainer_client.get(f"/workshops/{workshop.pk}/report/").content.decode()
    assert f"/workshops/{workshop.pk}/report.csv?include=all" in page
    assert "Of open answers and questions the CSV holds only those you showed" in page
