"""No page shows stale content after `journeys content load`: pages read content from
memory once per load (journeys/core/content/readmodel.py), and a load makes every
process read it again, without a restart. Checked in one process (the test client) and
on two real `journeys serve` processes sharing one database."""

import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from journeys.core.content.load import load_content
from journeys.trainings.models import Enrolment, Training
from tests.content_edits import copy_content, edit
from tests.workshops.servers import JOURNEYS, Browser, Server, fresh_site

CONTENT = Path(__file__).resolve().parents[2] / "content"
LESSON = "trainings/harm-reduction/lessons/01-what-harm-reduction-is.md"
OLD_SENTENCE = "That is where harm reduction starts."
NEW_SENTENCE = "That is where this edited lesson starts."
TRAINING = "trainings/harm-reduction/training.yaml"
SUBSTANCE = "knowledge/substances/ghb-gbl.yaml"

# The pages, by who asks: content shared by visitors without a session (kept whole), and
# a learner's lesson page (content pieces kept, the rest per request).
SHARED_PAGES = ["/", "/trainings/harm-reduction/", "/knowledge/substances/ghb-gbl/"]


def edit_everything(content: Path) -> None:
    edit(content / LESSON, OLD_SENTENCE, NEW_SENTENCE)
    edit(content / TRAINING, "en: Harm reduction", "en: Harm reduction, edited")
    edit(content / SUBSTANCE, "name: {en: GHB / GBL,", "name: {en: GHB or GBL edited,")


@pytest.mark.django_db
def test_one_process_shows_a_load_on_the_next_request(tmp_path: Path):
    content = copy_content(CONTENT, tmp_path)
    load_content(content)
    learner = User.objects.create_user("learner")
    Enrolment.objects.create(user=learner, training=Training.objects.get(slug="harm-reduction"))
    visitor, signed_in = Client(), Client()
    signed_in.force_login(learner)
    lesson = "/learn/harm-reduction/what-harm-reduction-is/"

    before = {path: visitor.get(path).content.decode() for path in SHARED_PAGES}
    assert OLD_SENTENCE in signed_in.get(lesson).content.decode()
    api_before = visitor.get("/api/trainings").json()
    assert "Harm reduction, edited" not in before["/"]

    edit_everything(content)
    load_content(content)

    after = {path: visitor.get(path).content.decode() for path in SHARED_PAGES}
    assert "Harm reduction, edited" in after["/"]
    assert "Harm reduction, edited" in after["/trainings/harm-reduction/"]
    assert "GHB or GBL edited" in after["/knowledge/substances/ghb-gbl/"]
    page = signed_in.get(lesson).content.decode()
    assert NEW_SENTENCE in page and OLD_SENTENCE not in page
    assert "Harm reduction, edited" in page  # the training's title in the breadcrumb
    titles = [t["title"] for t in visitor.get("/api/trainings").json()["trainings"]]
    assert "Harm reduction, edited" in titles
    assert api_before != visitor.get("/api/trainings").json()


def test_two_processes_show_a_load_without_a_restart(tmp_path: Path):
    """Two workers on one database, both having served (and kept) the old pages; a load
    run from the command line, as an operator does; both serve the new content."""
    site = fresh_site(tmp_path / "var")
    servers = [Server(site), Server(site)]
    try:
        browsers = [Browser(server.url) for server in servers]
        for browser in browsers:
            for path in SHARED_PAGES:
                status, _, _ = browser.request("GET", path)
                assert status == 200
            assert "Harm reduction, edited" not in browser.request("GET", "/")[2]

        content = copy_content(CONTENT, tmp_path)
        edit_everything(content)
        subprocess.run(
            [JOURNEYS, "content", "load", str(content)], env=site.env, check=True, timeout=120
        )

        for browser in browsers:
            assert "Harm reduction, edited" in browser.request("GET", "/")[2]
            assert "GHB or GBL edited" in browser.request("GET", SHARED_PAGES[2])[2]
            _, _, body = browser.request("GET", "/api/trainings")
            assert "Harm reduction, edited" in body
    finally:
        for server in servers:
            server.stop()
