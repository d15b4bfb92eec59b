"""Licensed scales pasted by an organisation, self-paced learners and the follow-up."""

import random

import pytest
from django.test import Client

from journeys.accounts.actions import add_member
from journeys.accounts.models import Role
from journeys.assessments import measurements
from journeys.assessments.models import LicensedScale, Measurement, Response
from journeys.trainings.models import Training
from tests.assessments.helpers import fill_in, person_code, sheet
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.usefixtures("curriculum")

MCRS_ITEMS = "\n".join(
    f"Made-up item {n}{' (R)' if n in (2, 4, 6, 8, 10) else ''}" for n in range(1, 12)
)


def test_pasting_a_licensed_scale_checks_it_against_its_rules(trainer_client, organisation):
    page = trainer_client.get("/assessments/scales/mcrs/").content.decode()
    assert "Medical Condition Regard Scale" in page and "5 items: mark each with (R)" in page
    short = trainer_client.post(
        "/assessments/scales/mcrs/",
        {"organisation": organisation.slug, "items": "one\ntwo", "permission": "x"},
    )
    assert (
        short.status_code == 400
        and "This scale has 11 items; you pasted 2 lines." in short.content.decode()
    )
    unmarked = MCRS_ITEMS.replace(" (R)", "", 1)
    wrong = trainer_client.post(
        "/assessments/scales/mcrs/",
        {"organisation": organisation.slug, "items": unmarked, "permission": "x"},
    )
    assert "you marked 4" in wrong.content.decode()
    assert not LicensedScale.objects.exists()
    ok = trainer_client.post(
        "/assessments/scales/mcrs/",
        {
            "organisation": organisation.slug,
            "items": MCRS_ITEMS,
            "permission": "Licence from the authors, 2026-11",
        },
    )
    assert ok.status_code == 302
    pasted = LicensedScale.objects.get()
    assert [i["reverse"] for i in pasted.items].count(True) == 5


def test_a_licensed_scale_is_asked_and_scored(trainer_client, organisation, trainer):
    trainer_client.post(
        "/assessments/scales/mcrs/",
        {"organisation": organisation.slug, "items": MCRS_ITEMS, "permission": "Licence, 2026"},
    )
    response = trainer_client.post(
        "/assessments/",
        {
            "organisation": organisation.slug,
            "title": "Paper group",
            "training": Training.objects.get(slug="addiction").pk,
        },
    )
    measurement = Measurement.objects.get(title="Paper group")
    assert response["Location"] == f"/assessments/{measurement.pk}/"
    trainer_client.post(
        f"/assessments/{measurement.pk}/scales/", {"scale": [LicensedScale.objects.get().pk]}
    )
    rng = random.Random(8)
    for n in range(5):
        for phase, level in (("pre", 2 + n % 2), ("post", 5 + (n % 3 == 1))):
            phone = Client()
            extra = {f"mcrs-{i}": str(level if i % 2 else 7 - level) for i in range(1, 12)}
            fill_in(phone, f"/m/{measurement.token}/{phase}/", person_code(n), rng, 0.5, **extra)
    page = trainer_client.get(f"/m/{measurement.token}/pre/")  # a trainer's own phone view
    assert page.status_code == 200
    report = trainer_client.get(f"/assessments/{measurement.pk}/report/").content.decode()
    assert "Licensed scales" in report
    assert 'data-outcome="scale:mcrs"' in report
    assert "Medical Condition Regard Scale (MCRS) rose from 26.4 to 59.4 on a 11–66 scale" in report
    # Once people have answered, the scales can no longer change.
    assert (
        trainer_client.post(f"/assessments/{measurement.pk}/scales/", {"scale": []}).status_code
        == 404
    )
    assert measurement.scales.count() == 1


def test_self_paced_learners_and_a_follow_up(client, trainer, participant, organisation):
    training = Training.objects.get(slug="motivational-interviewing")
    start = client.get("/trainings/motivational-interviewing/measure/pre/")
    measurement = Measurement.objects.get(kind="self-paced", training=training)
    assert start["Location"] == f"/m/{measurement.token}/pre/"
    rng = random.Random(9)
    for n in range(5):  # the organisation's learners: its trainers see their answers
        phone = Client()
        learner = make_user(f"learner-{n}")
        add_member(organisation, learner, Role.PARTICIPANT)
        phone.force_login(learner)
        fill_in(phone, f"/m/{measurement.token}/pre/", person_code(n), rng, 0.4)
        fill_in(phone, f"/m/{measurement.token}/post/", person_code(n), rng, 0.9)
        _posted, form, final = fill_in(
            phone, f"/m/{measurement.token}/follow-up/", person_code(n), rng, 0.7
        )
        assert final.status_code == 302 and form == ""
    assert Response.objects.filter(phase="follow-up").count() == 5
    done = client.get(f"/m/{measurement.token}/post/done/")
    assert done.status_code == 302  # this browser has not answered
    client.login(username="participant", password=PASSWORD)  # a learner, not a trainer
    assert client.get(f"/assessments/{measurement.pk}/report/").status_code == 404
    assert client.get("/assessments/trainings/motivational-interviewing/report/").status_code == 404
    client.login(username="trainer", password=PASSWORD)
    report = client.get("/assessments/trainings/motivational-interviewing/report/").content.decode()
    assert "5 people answered both before and after" in report
    assert "Kirkpatrick level 3" in report


def test_the_post_test_ends_with_the_right_answers(client, organisation, trainer):
    measurement = measurements.for_workshop(
        organisation, Training.objects.get(slug="sex-drugs"), "G", trainer
    )
    fill_in(client, f"/m/{measurement.token}/post/", person_code(1), random.Random(1), 0.5)
    page = client.get(f"/m/{measurement.token}/post/done/").content.decode()
    assert "The right answers" in page and 'class="sources"' in page


def test_the_questionnaire_in_dutch(client, organisation, trainer):
    measurement = measurements.for_workshop(
        organisation, Training.objects.get(slug="domestic-violence"), "Politie", trainer
    )
    first = client.post(f"/nl/m/{measurement.token}/pre/", person_code(3))
    assert first["Location"] == f"/nl/m/{measurement.token}/pre/answers/"
    page = client.get(first["Location"]).content.decode()
    assert "Weet ik niet" in page and "Helemaal eens" in page
    sheet(page)
