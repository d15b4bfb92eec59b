"""Who may change a measurement, and what cannot change once people answered: the
follow-up switch, a licensed scale's pasted text and a measurement's scales."""

import random
from typing import Any

import pytest
from django.test import Client

from journeys.assessments import measurements
from journeys.assessments.models import LicensedScale, Measurement, Scale
from journeys.trainings.models import Training
from tests.assessments.helpers import fill_in, person_code
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("curriculum")

MCRS_ITEMS = "\n".join(
    f"Made-up item {n}{' (R)' if n in (2, 4, 6, 8, 10) else ''}" for n in range(1, 12)
)


@pytest.fixture
def group(organisation, trainer) -> Measurement:
    training = Training.objects.get(slug="addiction")
    return measurements.for_workshop(organisation, training, "Evening", trainer)


def test_a_trainer_of_another_organisation_cannot_switch_the_follow_up(
    client, group, other_trainer
):
    client.login(username="other-trainer", password=PASSWORD)
    response = client.post(f"/assessments/{group.pk}/follow-up/", {"open": "1"})
    assert response.status_code == 404
    group.refresh_from_db()
    assert group.follow_up_open is False


def test_only_a_site_administrator_switches_the_shared_self_paced_follow_up(
    trainer_client, trainer
):
    shared = measurements.self_paced(Training.objects.get(slug="addiction"))
    assert shared.follow_up_open is True
    page = trainer_client.get(f"/assessments/{shared.pk}/").content.decode()
    assert "Close the follow-up" not in page  # no button that would only be refused
    assert "only a site administrator can open or close its follow-up" in page
    refused = trainer_client.post(f"/assessments/{shared.pk}/follow-up/", {"open": "0"})
    assert refused.status_code == 403
    assert "only a site administrator can open or close its follow-up" in refused.content.decode()
    shared.refresh_from_db()
    assert shared.follow_up_open is True  # every organisation's learners can still answer
    trainer.is_superuser = True
    trainer.save()
    assert (
        "Close the follow-up" in trainer_client.get(f"/assessments/{shared.pk}/").content.decode()
    )
    closed = trainer_client.post(f"/assessments/{shared.pk}/follow-up/", {"open": "0"})
    assert closed.status_code == 302
    shared.refresh_from_db()
    assert shared.follow_up_open is False


def test_the_owning_organisation_still_switches_its_own_follow_up(trainer_client, group):
    assert "Open the follow-up" in trainer_client.get(f"/assessments/{group.pk}/").content.decode()
    assert (
        trainer_client.post(f"/assessments/{group.pk}/follow-up/", {"open": "1"}).status_code == 302
    )
    group.refresh_from_db()
    assert group.follow_up_open is True


def paste(trainer_client: Client, organisation, items: str) -> Any:
    return trainer_client.post(
        "/assessments/scales/mcrs/",
        {"organisation": organisation.slug, "items": items, "permission": "Licence, 2026"},
    )


def test_a_licensed_scale_cannot_be_pasted_again_once_people_answered(
    trainer_client, organisation, group
):
    assert paste(trainer_client, organisation, MCRS_ITEMS).status_code == 302
    licensed = LicensedScale.objects.get()
    # Before anyone answered, a correction is fine.
    corrected = MCRS_ITEMS.replace("Made-up item 1\n", "Made-up item one\n")
    assert paste(trainer_client, organisation, corrected).status_code == 302
    group.scales.add(licensed)
    extra = {f"mcrs-{i}": "3" for i in range(1, 12)}
    fill_in(Client(), f"/m/{group.token}/pre/", person_code(1), random.Random(1), 0.5, **extra)
    before = LicensedScale.objects.get().items
    refused = paste(trainer_client, organisation, MCRS_ITEMS.replace("item 3", "item three"))
    assert refused.status_code == 409
    assert "People have already answered these items in a measurement" in refused.content.decode()
    assert "Nothing was changed." in refused.content.decode()
    assert LicensedScale.objects.get().items == before
    assert LicensedScale.objects.count() == 1


def test_another_organisation_may_still_paste_its_own_text(
    client, organisation, other_organisation, other_trainer, group
):
    licensed = LicensedScale.objects.create(
        organisation=organisation,
        scale=Scale.objects.get(slug="mcrs"),
        items=[{"text": f"i{n}", "reverse": False} for n in range(11)],
        permission="x",
    )
    group.scales.add(licensed)
    fill_in(Client(), f"/m/{group.token}/pre/", person_code(2), random.Random(2), 0.5)
    client.login(username="other-trainer", password=PASSWORD)
    assert paste(client, other_organisation, MCRS_ITEMS).status_code == 302
    assert LicensedScale.objects.count() == 2


@pytest.mark.parametrize("posted", [["mcrs"], ["99999"], ["²"], ["1 OR 1=1"]])
def test_choosing_a_scale_that_is_not_there_is_a_400(trainer_client, group, posted):
    response = trainer_client.post(f"/assessments/{group.pk}/scales/", {"scale": posted})
    assert response.status_code == 400
    page = response.content.decode()
    assert "No such licensed scale for this organisation" in page
    assert "Nothing was changed." in page
    assert group.scales.count() == 0


def test_a_scale_of_another_organisation_cannot_be_chosen(
    trainer_client, group, other_organisation
):
    theirs = LicensedScale.objects.create(
        organisation=other_organisation,
        scale=Scale.objects.get(slug="mcrs"),
        items=[{"text": f"i{n}", "reverse": False} for n in range(11)],
        permission="x",
    )
    response = trainer_client.post(f"/assessments/{group.pk}/scales/", {"scale": [theirs.pk]})
    assert response.status_code == 400
    assert group.scales.count() == 0


def test_a_known_scale_is_still_chosen(trainer_client, organisation, group):
    paste(trainer_client, organisation, MCRS_ITEMS)
    licensed = LicensedScale.objects.get()
    response = trainer_client.post(f"/assessments/{group.pk}/scales/", {"scale": [licensed.pk]})
    assert response.status_code == 302
    assert list(group.scales.all()) == [licensed]
