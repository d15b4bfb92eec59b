"""The sample workshop `journeys setup --demo` adds: labelled, complete, replaceable."""

import pytest
from django.test import Client

from journeys.accounts.actions import DEMO_TRAINER, create_demo_data
from journeys.assessments.models import Measurement, Response
from journeys.workshops.demo import SAMPLE_TITLE, add_sample_workshop
from journeys.workshops.models import Workshop

pytestmark = pytest.mark.usefixtures("curriculum")


def test_the_sample_shows_a_full_report_and_is_replaced_not_duplicated(client: Client):
    assert add_sample_workshop() is None  # no demo organisation yet: says so, adds nothing
    password = create_demo_data()
    assert password
    add_sample_workshop()
    workshop = add_sample_workshop()
    assert workshop is not None and workshop.status == Workshop.Status.ENDED
    assert Workshop.objects.filter(title=SAMPLE_TITLE).count() == 1
    measurement = Measurement.objects.get(demo=True)
    assert Response.objects.filter(measurement=measurement, phase="pre").count() == 22
    assert Response.objects.filter(measurement=measurement, phase="follow-up").count() == 12
    client.login(username=DEMO_TRAINER, password=password)
    listing = client.get("/assessments/").content.decode()
    assert "sample data" in listing
    page = client.get(f"/assessments/{measurement.pk}/report/").content.decode()
    assert "20 people answered both before and after" in page
    assert "rose from" in page and "Kirkpatrick level 3" in page
    assert "Before without an after" in page and "After without a before" in page
    assert page.count('<img src="data:image/svg+xml;base64,') == 4
    # The sample stays out of the training's pooled report: it is not real data.
    pooled = client.get("/assessments/trainings/harm-reduction/report/").content.decode()
    assert "0 people answered both before and after" in pooled
