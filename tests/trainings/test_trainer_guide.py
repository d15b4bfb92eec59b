"""The trainer's guide (trainer.md): for trainers only."""

import pytest
from django.test import Client

from tests.conftest import CONTENT_FIXTURES


@pytest.fixture
def guide_content(tmp_path, db):
    import shutil

    from journeys.core.content.load import load_content

    content = shutil.copytree(CONTENT_FIXTURES / "learning", tmp_path / "content")
    (content / "trainings" / "alpha" / "trainer.md").write_text(
        "---\ntitle: {en: Running alpha, nl: Alfa geven}\nsources: [alpha-source]\n---\n"
        "Start with **the fact round**.\n\n<!-- nl -->\nBegin met **de feitenronde**.\n"
    )
    load_content(content)


def test_a_trainer_reads_the_guide_in_both_languages(client: Client, guide_content, trainer):
    client.force_login(trainer)
    assert (
        "<strong>the fact round</strong>" in client.get("/trainings/alpha/guide/").content.decode()
    )
    assert (
        "<strong>de feitenronde</strong>"
        in client.get("/nl/trainings/alpha/guide/").content.decode()
    )
    assert "/trainings/alpha/guide/" in client.get("/trainings/alpha/").content.decode()


def test_a_participant_gets_403_and_no_link(client: Client, guide_content, participant):
    client.force_login(participant)
    assert client.get("/trainings/alpha/guide/").status_code == 403
    assert "/trainings/alpha/guide/" not in client.get("/trainings/alpha/").content.decode()


def test_a_training_without_a_guide_is_404(client: Client, guide_content, trainer):
    client.force_login(trainer)
    assert client.get("/trainings/beta/guide/").status_code == 404
