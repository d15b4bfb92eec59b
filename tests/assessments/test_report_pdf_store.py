"""Report PDFs are built once per state of the answers and kept; with a task worker they
are built off the request path, the page saying how far along they are. Access is
checked before a stored file is served, as before."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from journeys.accounts.actions import add_member
from journeys.accounts.models import Role
from journeys.assessments import demo
from journeys.assessments.models import Instrument, Measurement, Response
from journeys.assessments.pdf import REPORTS
from journeys.cli import main
from journeys.trainings.models import Training
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("curriculum")


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def measurement(organisation) -> Measurement:
    training = Training.objects.get(slug="health-risks")
    measurement = Measurement.objects.create(
        training=training, organisation=organisation, kind="workshop", title="Night shift"
    )
    demo.add_responses(measurement, Instrument.objects.get(training=training).definition, people=8)
    return measurement


def stored() -> list[Path]:
    return sorted(REPORTS.directory.glob("*.pdf"))


def test_the_same_report_is_built_once_and_a_new_response_makes_a_new_one(
    trainer_client, measurement
):
    url = f"/assessments/{measurement.pk}/report.pdf"
    first = trainer_client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    (built,) = stored()
    inode = built.stat().st_ino
    again = trainer_client.get(url)
    assert again.content == first.content
    assert built.stat().st_ino == inode  # served from the store, not written again

    latest = Response.objects.filter(measurement=measurement).last()
    assert latest is not None
    latest.pk = None
    latest.pair_key = "someone-new"
    latest.save()
    assert trainer_client.get(url).status_code == 200
    assert len(stored()) == 2


def test_another_organisations_trainer_gets_404_whether_the_report_is_stored_or_not(
    other_trainer, trainer_client, measurement
):
    url = f"/assessments/{measurement.pk}/report.pdf"
    client = Client()
    client.force_login(other_trainer)
    assert client.get(url).status_code == 404
    assert stored() == []
    assert trainer_client.get(url).status_code == 200
    assert client.get(url).status_code == 404
    assert client.get(f"{url}?waiting=1").status_code == 404


def test_two_trainers_who_see_the_same_answers_share_one_file(
    organisation, trainer_client, measurement
):
    colleague = make_user("colleague")
    add_member(organisation, colleague, Role.TRAINER)
    client = Client()
    client.force_login(colleague)
    url = f"/assessments/{measurement.pk}/report.pdf"
    assert trainer_client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert len(stored()) == 1


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_the_page_shows_progress_queues_once_and_then_links_the_pdf(
    settings, trainer_client, measurement
):
    settings.TASKS_MODE = "database"
    url = f"/assessments/{measurement.pk}/report.pdf"
    waiting = trainer_client.get(url)
    assert waiting.status_code == 202
    page = waiting.content.decode()
    assert "<progress" in page and "It is next in line." in page
    assert f'hx-get="{url}?waiting=1"' in page and 'hx-trigger="every 2s"' in page
    assert trainer_client.get(f"{url}?waiting=1").status_code == 202
    assert trainer_client.get(url).status_code == 202
    (task,) = DBTaskResult.objects.all()
    assert task.status == "READY"
    # Ids only: nothing a person wrote, no name, in the queue.
    assert measurement.pk in task.args_kwargs["args"]
    assert "Night shift" not in str(task.args_kwargs)
    assert stored() == []

    assert main(["worker", "--once"]) == 0
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert len(stored()) == 1
    ready = trainer_client.get(f"{url}?waiting=1")
    assert ready.status_code == 200
    assert re.search(
        rf'<a href="{re.escape(url)}" download>Download the PDF</a>', ready.content.decode()
    )
    assert "hx-trigger" not in ready.content.decode()
    pdf = trainer_client.get(url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_a_pooled_report_is_built_for_the_trainer_who_asked(
    settings, trainer_client, measurement
):
    settings.TASKS_MODE = "database"
    url = "/nl/assessments/trainings/health-risks/report.pdf"
    waiting = trainer_client.get(url)
    assert waiting.status_code == 202
    assert "Je pdf wordt gemaakt" in waiting.content.decode()
    assert main(["worker", "--once"]) == 0
    pdf = trainer_client.get(url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
