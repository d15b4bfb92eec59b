"""What each bad input gets: a clear message, nothing lost, nothing silently dropped."""

import random
from typing import Any

import pytest
from django.test import Client

from journeys.assessments import measurements
from journeys.assessments.models import Measurement, Response
from journeys.trainings.models import Training
from tests.assessments.helpers import fill_in, person_code, sheet
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("curriculum")


@pytest.fixture
def measurement(organisation, trainer) -> Measurement:
    training = Training.objects.get(slug="health-risks")
    return measurements.for_workshop(organisation, training, "Evening group", trainer)


def definition(measurement: Measurement) -> dict[str, Any]:
    found = measurements.definition_of(measurement)
    assert found is not None
    return found


def to_questionnaire(phone: Client, measurement: Measurement, n: int, phase: str = "pre") -> str:
    response = phone.post(f"/m/{measurement.token}/{phase}/", person_code(n))
    assert response.status_code == 302
    return response["Location"]


def test_a_code_that_does_not_fit_is_explained(client, measurement):
    response = client.post(
        f"/m/{measurement.token}/pre/",
        {"mother": "1", "birthday": "32", "street": "", "siblings": "x"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Write 2 letters." in page and "Write a number from 1 to 31." in page
    assert "Write a number from 0 to 20." in page
    assert 'value="32"' in page  # what was typed stays


def test_free_text_where_a_number_belongs_keeps_the_other_answers(client, measurement):
    url = to_questionnaire(client, measurement, 1)
    training, form = sheet(client.get(url).content.decode())
    sheet_items = definition(measurement)
    first = sheet_items["attitude"]["items"][0]["id"]
    second = sheet_items["attitude"]["items"][1]["id"]
    response = client.post(
        url, {"training": training, "form": form, first: "quite a lot", second: "4"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Answer with a number from 1 to 5." in page
    assert f'name="{second}" value="4" checked' in page
    assert not Response.objects.exists()
    # An option that is not one of the question's: the same.
    knowledge = sheet_items["knowledge"][f"form_{form}"][0]["id"]
    response = client.post(url, {"training": training, "form": form, knowledge: "9"})
    assert response.status_code == 400 and "Choose one of the options." in response.content.decode()


def test_a_form_for_another_training_stores_nothing(client, measurement):
    url = to_questionnaire(client, measurement, 2)
    _training, form = sheet(client.get(url).content.decode())
    response = client.post(url, {"training": "addiction", "form": form, "x": "1"})
    assert response.status_code == 400
    assert "This answer sheet is for another training or form" in response.content.decode()
    assert not Response.objects.exists()


def test_missing_items_are_asked_once_then_stored_and_reported(client, measurement):
    url = to_questionnaire(client, measurement, 3)
    training, form = sheet(client.get(url).content.decode())
    sheet_items = definition(measurement)
    one = sheet_items["attitude"]["items"][0]["id"]
    nothing = client.post(url, {"training": training, "form": form})
    assert (
        nothing.status_code == 400 and "Answer at least one question." in nothing.content.decode()
    )
    asked = client.post(url, {"training": training, "form": form, one: "3"})
    assert asked.status_code == 200 and "press “Hand in” again" in asked.content.decode()
    assert 'name="confirm" value="1"' in asked.content.decode()
    stored = client.post(url, {"training": training, "form": form, one: "3", "confirm": "1"})
    assert stored.status_code == 302
    assert Response.objects.get().answers == {one: 3}


def test_a_code_twice_post_without_pre_and_gaps_are_reported(client, measurement, trainer):
    rng = random.Random(5)
    for n in range(6):  # six complete pairs
        phone = Client()
        fill_in(phone, f"/m/{measurement.token}/pre/", person_code(n), rng, 0.4)
        fill_in(phone, f"/m/{measurement.token}/post/", person_code(n), rng, 0.8)
    for _ in range(2):  # two people who made the same code
        fill_in(Client(), f"/m/{measurement.token}/pre/", person_code(40), rng, 0.4)
    fill_in(Client(), f"/m/{measurement.token}/post/", person_code(41), rng, 0.8)  # no before
    sheet_items = definition(measurement)
    phone = Client()
    first_item = None
    url = to_questionnaire(phone, measurement, 42)
    training, form = sheet(phone.get(url).content.decode())
    first_item = sheet_items["knowledge"][f"form_{form}"][0]["id"]
    phone.post(url, {"training": training, "form": form, first_item: "0", "confirm": "1"})
    client.login(username="trainer", password=PASSWORD)
    page = client.get(f"/assessments/{measurement.pk}/report/").content.decode()
    assert "6 people answered both before and after" in page
    assert "<strong>2</strong> — A code was entered more than once" in page
    assert "<strong>1</strong> — After without a before" in page
    assert "<strong>1</strong> — Before without an after" in page  # the one with gaps
    assert "Responses with unanswered knowledge questions" in page
    assert "Small sample" in page


def test_fewer_than_five_pairs_show_no_figures(client, measurement, trainer):
    rng = random.Random(1)
    for n in range(4):
        phone = Client()
        fill_in(phone, f"/m/{measurement.token}/pre/", person_code(n), rng, 0.4)
        fill_in(phone, f"/m/{measurement.token}/post/", person_code(n), rng, 0.8)
    client.login(username="trainer", password=PASSWORD)
    page = client.get(f"/assessments/{measurement.pk}/report/").content.decode()
    assert "Fewer than 5 people answered both before and after" in page
    assert 'data-figure="t"' not in page and "rose from" not in page


def test_unknown_links_closed_follow_up_and_other_trainers(client, measurement, other_trainer):
    assert client.get("/m/not-a-token/pre/").status_code == 404
    assert client.get(f"/m/{measurement.token}/during/").status_code == 404
    closed = client.get(f"/m/{measurement.token}/follow-up/")
    assert closed.status_code == 404 and "not open yet" in closed.content.decode()
    client.login(username="other-trainer", password=PASSWORD)
    assert client.get(f"/assessments/{measurement.pk}/report/").status_code == 404
    assert client.get(f"/assessments/{measurement.pk}/responses.csv").status_code == 404


def test_answering_twice_from_one_phone_stores_once(client, measurement):
    rng = random.Random(3)
    fill_in(client, f"/m/{measurement.token}/pre/", person_code(1), rng, 0.5)
    again = client.get(f"/m/{measurement.token}/pre/")
    assert again.status_code == 302 and again["Location"].endswith("/pre/done/")
    assert Response.objects.count() == 1
