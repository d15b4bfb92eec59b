"""Certificates: the training's rule (every lesson and exercise done, a pass mark on the
scored exercises), the printed name, the Dutch page and its language switcher, unknown
codes, and the owner's PDF in one click."""

import io
import re

import pytest
from django.test import Client
from pypdf import PdfReader

from journeys.accounts.actions import set_certificate_name
from journeys.core.content.load import load_content
from journeys.trainings.models import Certificate, Training
from tests.conftest import CONTENT_FIXTURES, PASSWORD
from tests.content_edits import content_changed, copy_content, edit, errors
from tests.trainings.test_self_paced import ANSWERS, complete_training, play_scenario, post

# The alpha fixture's scored exercises hold 10 points: pick-one 1, pick-some 1, facts 2,
# order 3, the scenario 3. These answers score 5 of them (pick-one, facts and the order
# wrong); the values ranking, the reflection and the Likert items are not scored.
WEAK_ANSWERS = {
    **ANSWERS,
    "pick-one": {"option": "b"},
    "facts": {"sky": "fiction", "moon": "fact"},
    "order": {"rank-one": "3", "rank-two": "2", "rank-three": "1"},
}


@pytest.fixture
def learner_client(db, participant) -> Client:
    load_content(CONTENT_FIXTURES / "learning")
    client = Client()
    client.force_login(participant)
    return client


def click_through_with_weak_answers(client: Client) -> None:
    client.post("/learn/alpha/enrol/")
    for slug, data in WEAK_ANSWERS.items():
        assert post(client, slug, data).status_code == 302, slug
    client.post("/learn/alpha/first-lesson/done/")
    play_scenario(client, ["talk", "call"])
    client.post("/learn/alpha/second-lesson/done/")


def earn_certificate(client: Client) -> Certificate:
    complete_training(client)
    assert client.post("/learn/alpha/certificate/").status_code == 302
    return Certificate.objects.get()


def text_of(html: bytes) -> str:
    """The page's text, without tags and with spaces folded, for phrases that span markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# The rule


def test_the_training_page_states_the_certificate_rule(learner_client):
    page = text_of(learner_client.get("/trainings/alpha/").content)
    assert (
        "To get the certificate: finish every lesson and exercise and score at least 70 % "
        "of the points on the scored exercises." in page
    )
    Training.objects.filter(slug="alpha").update(pass_mark=85)
    content_changed()
    assert "minstens 85 % van de punten" in text_of(Client().get("/nl/trainings/alpha/").content)


def test_clicking_through_below_the_pass_mark_earns_no_certificate_and_says_what_is_missing(
    learner_client,
):
    click_through_with_weak_answers(learner_client)
    overview = text_of(learner_client.get("/learn/alpha/").content)
    assert "Your score so far: 5 of 10 points (50 %)" in overview
    assert "below the pass mark" in overview
    assert "Get your certificate" not in overview

    response = learner_client.post("/learn/alpha/certificate/")
    assert response.status_code == 403
    assert not Certificate.objects.exists()
    assert "<title>Error:" in response.content.decode()
    page = text_of(response.content)
    assert "There is no certificate yet" in page
    assert "Score at least 70 % of the points on the scored exercises (you have 50 % now)" in page
    assert "Finish every lesson" not in page  # every lesson and exercise is done
    for exercise in ["Pick one", "Facts", "Order"]:  # where points can still be gained
        assert exercise in page


def test_answering_again_above_the_pass_mark_earns_the_certificate(learner_client):
    click_through_with_weak_answers(learner_client)
    post(learner_client, "pick-one", ANSWERS["pick-one"])
    post(learner_client, "facts", ANSWERS["facts"])  # 8 of 10 points
    overview = text_of(learner_client.get("/learn/alpha/").content)
    assert "8 of 10 points (80 %)" in overview and "That reaches the pass mark." in overview
    response = learner_client.post("/learn/alpha/certificate/")
    assert response.status_code == 302
    assert Certificate.objects.filter(training__slug="alpha").exists()


def test_a_score_just_under_the_pass_mark_is_not_rounded_up(learner_client):
    Training.objects.filter(slug="alpha").update(pass_mark=51)
    content_changed()
    click_through_with_weak_answers(learner_client)  # 50 %
    assert learner_client.post("/learn/alpha/certificate/").status_code == 403
    Training.objects.filter(slug="alpha").update(pass_mark=50)
    content_changed()
    assert learner_client.post("/learn/alpha/certificate/").status_code == 302


def test_lessons_not_done_are_named_as_missing(learner_client):
    learner_client.post("/learn/alpha/enrol/")
    post(learner_client, "pick-one", ANSWERS["pick-one"])
    page = text_of(learner_client.post("/learn/alpha/certificate/").content)
    assert "Finish every lesson and exercise (you have done 10 % so far)." in page
    assert "Score at least" not in page  # 1 of 1 point so far


def test_the_pass_mark_comes_from_training_yaml_and_the_check_bounds_it(db, tmp_path):
    content = copy_content(CONTENT_FIXTURES / "learning", tmp_path)
    training = content / "trainings" / "alpha" / "training.yaml"
    edit(training, "objectives:", "certificate:\n  pass_mark: 90\nobjectives:")
    load_content(content)
    assert Training.objects.get(slug="alpha").pass_mark == 90
    edit(training, "pass_mark: 90", "pass_mark: 150")
    assert any("certificate.pass_mark" in error for error in errors(content))


def test_every_shipped_training_sets_its_pass_mark(curriculum):
    assert set(Training.objects.values_list("pass_mark", flat=True)) == {70}


# The page in both languages


def test_the_dutch_certificate_page_is_in_dutch_and_the_switcher_links_both_ways(learner_client):
    code = earn_certificate(learner_client).code
    response = Client().get(f"/nl/certificates/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html and "is geldig" in html
    assert f'href="/certificates/{code}/" hreflang="en"' in html
    english = Client().get(f"/certificates/{code}/").content.decode()
    assert f'href="/nl/certificates/{code}/" hreflang="nl"' in english
    for target in (f"/certificates/{code}/", f"/nl/certificates/{code}/"):
        assert Client().get(target).status_code == 200


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/certificates/NOPE-NOPE-NOPE/", "No such certificate"),
        ("/nl/certificates/NOPE-NOPE-NOPE/", "Dit certificaat bestaat niet"),
    ],
)
def test_an_unknown_code_says_there_is_no_such_certificate(db, url, words):
    response = Client().get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert f"<title>{words}" in html and f"<h1>{words}</h1>" in html
    assert "NOPE-NOPE-NOPE" in html


def test_an_unknown_code_for_the_pdf_says_the_same(learner_client):
    response = learner_client.get("/certificates/NOPE-NOPE-NOPE/pdf")
    assert response.status_code == 404 and "No such certificate" in response.content.decode()


# The PDF


def test_the_owner_downloads_the_pdf_in_one_request_from_the_certificate_page(learner_client):
    code = earn_certificate(learner_client).code
    page = learner_client.get(f"/certificates/{code}/").content.decode()
    link = re.search(r'href="([^"]+)">Download as PDF', page)
    assert link is not None
    response = learner_client.get(link.group(1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"/certificates/{code}/" in pdf_text(response.content)
    # And from the Dutch page and the progress page, the same.
    nl = learner_client.get(f"/nl/certificates/{code}/").content.decode()
    assert f'href="/nl/certificates/{code}/pdf"' in nl
    overview = learner_client.get("/learn/alpha/").content.decode()
    assert f'href="/certificates/{code}/pdf"' in overview


def test_a_logged_out_owner_logs_in_and_lands_on_the_pdf(learner_client, participant):
    code = earn_certificate(learner_client).code
    client = Client()
    response = client.get(f"/certificates/{code}/pdf")
    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith("/accounts/login/")
    landed = client.post(
        login, {"username": participant.username, "password": PASSWORD}, follow=True
    )
    assert landed.status_code == 200 and landed["Content-Type"] == "application/pdf"


# The printed name


def test_the_name_chosen_for_certificates_is_on_the_page_and_the_pdf(learner_client, participant):
    set_certificate_name(participant, "Sam de Vries")
    code = earn_certificate(learner_client).code
    page = Client().get(f"/certificates/{code}/").content.decode()
    assert "Sam de Vries" in page and participant.username not in page
    pdf = learner_client.get(f"/certificates/{code}/pdf")
    assert "Sam de Vries" in pdf_text(pdf.content)


def test_without_a_chosen_name_the_certificate_shows_the_username(learner_client, participant):
    code = earn_certificate(learner_client).code
    assert participant.username in Client().get(f"/certificates/{code}/").content.decode()
    assert participant.username in pdf_text(learner_client.get(f"/certificates/{code}/pdf").content)


def test_changing_the_name_later_reprints_the_certificates_held(learner_client, participant):
    code = earn_certificate(learner_client).code
    response = learner_client.post(
        "/accounts/certificate-name/", {"certificate_name": "Sam Bakker"}
    )
    assert response.status_code == 302
    assert "Sam Bakker" in Client().get(f"/certificates/{code}/").content.decode()
    learner_client.post("/accounts/certificate-name/", {"certificate_name": ""})
    assert participant.username in Client().get(f"/certificates/{code}/").content.decode()


def test_a_revoked_certificate_keeps_the_name_it_was_revoked_with(learner_client, participant):
    certificate = earn_certificate(learner_client)
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at="2026-01-01T00:00Z")
    learner_client.post("/accounts/certificate-name/", {"certificate_name": "Sam Bakker"})
    certificate.refresh_from_db()
    assert certificate.name == participant.username
