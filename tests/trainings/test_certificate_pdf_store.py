"""A certificate's PDF is built once and kept; with a task worker it is built off the
request path. Only its holder gets it, stored or not."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_tasks_db.models import DBTaskResult

from journeys.cli import main
from journeys.trainings.certificates import CERTIFICATES
from tests.trainings.test_certificates import earn_certificate, learner_client, pdf_text

__all__ = ["learner_client"]  # the fixture, shared with the certificate tests


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def stored() -> list[Path]:
    return sorted(CERTIFICATES.directory.glob("*.pdf"))


def test_the_same_certificate_is_built_once_and_a_new_name_makes_a_new_one(
    learner_client, other_trainer
):
    certificate = earn_certificate(learner_client)
    url = f"/certificates/{certificate.code}/pdf"
    first = learner_client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    (built,) = stored()
    inode = built.stat().st_ino
    assert learner_client.get(url).content == first.content
    assert built.stat().st_ino == inode  # served from the store, not written again

    stranger = Client()
    stranger.force_login(other_trainer)
    assert stranger.get(url).status_code == 403

    certificate.name = "Sam de Vries"
    certificate.save()
    renamed = learner_client.get(url)
    assert "Sam de Vries" in pdf_text(renamed.content)
    assert len(stored()) == 2


def test_erasing_the_holder_removes_the_stored_pdfs_that_carry_the_name(learner_client):
    certificate = earn_certificate(learner_client)
    url = f"/certificates/{certificate.code}/pdf"
    assert learner_client.get(url).status_code == 200
    assert learner_client.get(f"/nl/certificates/{certificate.code}/pdf").status_code == 200
    other = CERTIFICATES.path(["ZZZZ-ZZZZ-ZZZZ", "someone else"])
    other.write_bytes(b"%PDF another holder's")
    assert len(stored()) == 3  # English, Dutch, and another holder's
    User.objects.get(certificates=certificate).delete()
    assert stored() == [other]  # this holder's PDFs gone, another's kept


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_the_certificate_is_queued_once_and_built_by_it(
    settings, learner_client, participant
):
    settings.TASKS_MODE = "database"
    certificate = earn_certificate(learner_client)
    url = f"/certificates/{certificate.code}/pdf"
    assert learner_client.get(url).status_code == 202
    assert learner_client.get(url).status_code == 202
    (task,) = DBTaskResult.objects.all()
    assert certificate.name not in str(task.args_kwargs)  # the id, not the name

    assert main(["worker", "--once"]) == 0
    assert "Download the PDF" in learner_client.get(f"{url}?waiting=1").content.decode()
    pdf = learner_client.get(url)
    assert pdf["Content-Type"] == "application/pdf"
    assert certificate.code in pdf_text(pdf.content)
