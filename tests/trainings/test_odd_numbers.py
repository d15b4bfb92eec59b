"""A learner's ranking places and Likert ratings are ASCII digits in range; anything else
gets the exercise's 400 with what to do, never a server error, and nothing is stored."""

import pytest
from django.test import Client

from journeys.core.content.load import load_content
from journeys.trainings.models import Attempt
from tests.conftest import CONTENT_FIXTURES

ODD = [
    "²",  # str.isdigit() says yes, int() raises: this was a server error
    "٣",  # Arabic-Indic three: int() read it as 3 and stored it
    "\uff13",  # full-width three, the same
    "9" * 5000,  # more digits than int() converts: a server error too
    "-1",
    "3.0",
]


@pytest.fixture
def learner_client(db, participant) -> Client:
    load_content(CONTENT_FIXTURES / "learning")
    client = Client()
    client.force_login(participant)
    return client


@pytest.mark.parametrize("place", ODD)
def test_a_ranking_place_that_is_not_plain_digits_gets_400(learner_client, place):
    response = learner_client.post(
        "/learn/alpha/exercises/order/", {"rank-one": place, "rank-two": "1", "rank-three": "2"}
    )
    assert response.status_code == 400
    assert "give each item a place from 1 to 3" in response.content.decode()
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("rating", ODD)
def test_a_likert_rating_that_is_not_plain_digits_gets_400(learner_client, rating):
    response = learner_client.post("/learn/alpha/exercises/agree/", {"help": rating, "blame": "2"})
    assert response.status_code == 400
    assert "answer each statement from 1 to 5" in response.content.decode()
    assert not Attempt.objects.exists()


def test_plain_digits_still_count(learner_client, participant):
    learner_client.post("/learn/alpha/exercises/agree/", {"help": "5", "blame": "2"})
    order = {"rank-one": "3", "rank-two": "1", "rank-three": "2"}
    learner_client.post("/learn/alpha/exercises/order/", order)
    states = dict(Attempt.objects.values_list("exercise__slug", "state"))
    assert states == {
        "agree": {"ratings": {"help": 5, "blame": 2}},
        "order": {"order": ["two", "three", "one"]},
    }
