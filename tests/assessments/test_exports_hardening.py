"""The measurement CSVs give away no more than the report page: a group of fewer than 5
pairs gives a CSV with the header and no rows; from the shared self-paced measurement a
trainer downloads only their own organisation's learners; no cell runs as a formula."""

import csv
import io
import random

import pytest
from django.test import Client

from journeys.accounts.actions import add_member
from journeys.accounts.models import Organisation, Role
from journeys.assessments import measurements
from journeys.assessments.models import LicensedScale, Measurement, Response, Scale
from journeys.trainings.models import Training
from tests.assessments.helpers import fill_in, person_code
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.usefixtures("curriculum")

MCRS_ITEMS = [{"text": f"Made-up item {n}", "reverse": n % 2 == 0} for n in range(1, 12)]
CSV_NOTE = "The CSV leaves out every group in which fewer than 5 people answered both"


def rows(client: Client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:500]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


def answer_pre_and_post(measurement: Measurement, people: range, phone: Client | None = None):
    rng = random.Random(len(people))
    for n in people:
        browser = phone or Client()
        extra = {f"mcrs-{i}": "4" for i in range(1, 12)}
        for phase in ("pre", "post"):
            fill_in(browser, f"/m/{measurement.token}/{phase}/", person_code(n), rng, 0.6, **extra)


def test_one_respondent_gives_a_csv_without_rows_even_with_a_licensed_scale(
    trainer_client, organisation, trainer
):
    training = Training.objects.get(slug="addiction")
    small = measurements.for_workshop(organisation, training, "Two people", trainer)
    licensed = LicensedScale.objects.create(
        organisation=organisation,
        scale=Scale.objects.get(slug="mcrs"),
        items=MCRS_ITEMS,
        permission="Licence, 2026",
    )
    small.scales.add(licensed)
    answer_pre_and_post(small, range(1))
    assert Response.objects.filter(measurement=small).count() == 2
    exported = rows(trainer_client, f"/assessments/{small.pk}/responses.csv")
    assert exported[0][:5] == ["measurement", "date", "phase", "form", "person"]
    assert "mcrs-1" in exported[0]
    assert exported[1:] == []  # one person's answers, licensed items included: not given
    pooled = rows(trainer_client, "/assessments/trainings/addiction/responses.csv")
    assert pooled[1:] == []
    # The pages say so, beside the link.
    assert CSV_NOTE in trainer_client.get(f"/assessments/{small.pk}/").content.decode()
    report = trainer_client.get(f"/assessments/{small.pk}/report/").content.decode()
    assert CSV_NOTE in report and "Fewer than 5 people answered both" in report


def test_rows_appear_at_five_pairs_and_a_lone_follow_up_stays_out(
    trainer_client, organisation, trainer
):
    training = Training.objects.get(slug="health-risks")
    group = measurements.for_workshop(organisation, training, "Evening", trainer)
    answer_pre_and_post(group, range(4))
    assert rows(trainer_client, f"/assessments/{group.pk}/responses.csv")[1:] == []
    answer_pre_and_post(group, range(4, 5))
    assert len(rows(trainer_client, f"/assessments/{group.pk}/responses.csv")[1:]) == 10
    group.follow_up_open = True
    group.save()
    fill_in(Client(), f"/m/{group.token}/follow-up/", person_code(0), random.Random(3), 0.5)
    exported = rows(trainer_client, f"/assessments/{group.pk}/responses.csv")
    assert {row[2] for row in exported[1:]} == {"pre", "post"}  # one follow-up: left out
    # In the pooled CSV a small group is left out and a big one kept.
    small = measurements.for_workshop(organisation, training, "Morning", trainer)
    answer_pre_and_post(small, range(2))
    pooled = rows(trainer_client, "/assessments/trainings/health-risks/responses.csv")
    assert {row[0] for row in pooled[1:]} == {str(group.pk)}
    assert len(pooled[1:]) == 10


def learner(organisation: Organisation, name: str) -> Client:
    add_member(organisation, make_user(name), Role.PARTICIPANT)
    browser = Client()
    assert browser.login(username=name, password=PASSWORD)
    return browser


def test_self_paced_answers_go_only_to_the_learners_own_organisation(
    client, trainer, other_trainer, organisation, other_organisation
):
    training = Training.objects.get(slug="motivational-interviewing")
    shared = measurements.self_paced(training)
    for n in range(5):  # five Amsterdam learners, logged in
        answer_pre_and_post(shared, range(n, n + 1), learner(organisation, f"ams-{n}"))
    for n in range(10, 12):  # two Rotterdam learners
        answer_pre_and_post(shared, range(n, n + 1), learner(other_organisation, f"rdm-{n}"))
    answer_pre_and_post(shared, range(20, 22))  # two people not logged in
    assert Response.objects.filter(measurement=shared).count() == 18
    client.login(username="trainer", password=PASSWORD)
    mine = rows(client, f"/assessments/{shared.pk}/responses.csv")
    assert len(mine[1:]) == 10
    assert Response.objects.filter(organisations=organisation).count() == 10
    assert Response.objects.filter(organisations=other_organisation).count() == 4
    assert Response.objects.filter(organisations=None).count() == 4  # not logged in
    assert (
        len(rows(client, "/assessments/trainings/motivational-interviewing/responses.csv")[1:])
        == 10
    )
    # The report pages count the same answers as the downloads.
    for page in (
        f"/assessments/{shared.pk}/report/",
        "/assessments/trainings/motivational-interviewing/report/",
    ):
        assert (
            "Responses: 5 before, 5 after, 0 follow-up; 5 people"
            in client.get(page).content.decode()
        )
    # Rotterdam has two learners here: under 5, so its trainer gets no rows at all, and
    # never Amsterdam's or the anonymous ones; its report pages count only its own two.
    client.login(username="other-trainer", password=PASSWORD)
    assert rows(client, f"/assessments/{shared.pk}/responses.csv")[1:] == []
    pooled = rows(client, "/assessments/trainings/motivational-interviewing/responses.csv")
    assert pooled[1:] == []
    for page in (
        f"/assessments/{shared.pk}/report/",
        "/assessments/trainings/motivational-interviewing/report/",
    ):
        assert (
            "Responses: 2 before, 2 after, 0 follow-up; 2 people"
            in client.get(page).content.decode()
        )


def test_a_stored_answer_that_looks_like_a_formula_is_written_as_text(
    trainer_client, organisation, trainer
):
    group = measurements.for_workshop(
        organisation, Training.objects.get(slug="sex-drugs"), "Night", trainer
    )
    definition = measurements.definition_of(group)
    assert definition is not None
    item = definition["attitude"]["items"][0]["id"]
    for n in range(5):  # answers stored some other way than the validated form
        for phase in ("pre", "post"):
            Response.objects.create(
                measurement=group, phase=phase, form="a", pair_key=f"k{n}", answers={item: "=1+1"}
            )
    exported = rows(trainer_client, f"/assessments/{group.pk}/responses.csv")
    column = exported[0].index(item)
    assert {row[column] for row in exported[1:]} == {"'=1+1"}
    assert {row[0] for row in exported[1:]} == {str(group.pk)}  # numbers stay numbers
