"""Numbers typed into a questionnaire: only ASCII digits count. Python's int() reads '٣'
as 3 and str.isdigit() accepts '²' (which int() then refuses): neither may store an
answer or give a server error."""

import pytest
from django.test import Client

from journeys.assessments import measurements
from journeys.assessments.models import Measurement, Response
from journeys.core.numbers import whole_number
from journeys.trainings.models import Training
from tests.assessments.helpers import person_code, sheet

pytestmark = pytest.mark.usefixtures("curriculum")

# Superscript two, Arabic-Indic three, full-width three, and things that are not numbers.
NOT_NUMBERS = ["²", "٣", "\uff13", "--3", "3.0", "+3", "3 4", "0x3", "1" * 40]


@pytest.fixture
def measurement(organisation, trainer) -> Measurement:
    training = Training.objects.get(slug="health-risks")
    return measurements.for_workshop(organisation, training, "Evening group", trainer)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_only_ascii_digits_make_a_whole_number(text):
    assert whole_number(text, -100, 100) is None


def test_a_whole_number_within_its_range():
    assert whole_number("3", 1, 5) == 3
    assert whole_number("-2", -5, 5) == -2
    assert whole_number("0", 1, 5) is None
    assert whole_number("6", 1, 5) is None


def test_an_agreement_answer_in_other_digits_is_a_400_with_what_fits(client: Client, measurement):
    start = client.post(f"/m/{measurement.token}/pre/", person_code(1))
    url = start["Location"]
    training, form = sheet(client.get(url).content.decode())
    definition = measurements.definition_of(measurement)
    assert definition is not None
    item = definition["attitude"]["items"][0]["id"]
    for typed in NOT_NUMBERS:
        response = client.post(url, {"training": training, "form": form, item: typed})
        assert response.status_code == 400, typed
        assert "Answer with a number from 1 to 5." in response.content.decode()
    assert not Response.objects.exists()


def test_a_code_number_in_other_digits_is_a_400_with_what_fits(client: Client, measurement):
    url = f"/m/{measurement.token}/pre/"
    for field, typed, message in [
        ("birthday", "²", "Write a number from 1 to 31."),  # was a 500
        ("siblings", "٣", "Write a number from 0 to 20."),  # was taken as 3
    ]:
        response = client.post(url, {**person_code(1), field: typed})
        assert response.status_code == 400, typed
        assert message in response.content.decode()
