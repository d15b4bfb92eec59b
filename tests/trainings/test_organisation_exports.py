"""The organisation administrator's CSV exports: learners' progress and certificates,
only of that organisation, with cells no spreadsheet runs as a formula, written to the
audit log, and the same 404 as elsewhere for anyone who is not its administrator."""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client

from journeys.accounts.actions import add_member
from journeys.accounts.models import AuditEntry, Organisation, Role
from journeys.core.content.load import load_content
from journeys.trainings.models import Certificate
from tests.conftest import CONTENT_FIXTURES, make_user
from tests.trainings.test_certificates import earn_certificate
from tests.trainings.test_self_paced import complete_training

FORMULA = '=HYPERLINK("https://example.org/phish","klik")'


@pytest.fixture
def admin_client(db, organisation: Organisation) -> Client:
    load_content(CONTENT_FIXTURES / "learning")
    admin = make_user("admin")
    add_member(organisation, admin, Role.ADMIN)
    client = Client()
    client.force_login(admin)
    return client


def learner_in(organisation: Organisation, username: str, first_name: str = "") -> Client:
    user = make_user(username)
    user.first_name = first_name
    user.save()
    add_member(organisation, user, Role.PARTICIPANT)
    client = Client()
    client.force_login(user)
    return client


def rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def learners(admin_client, organisation, other_organisation) -> Certificate:
    """One learner who finished with full marks, one who only enrolled, and a learner
    of another organisation who finished too."""
    certificate = earn_certificate(learner_in(organisation, "ann", FORMULA))
    learner_in(organisation, "bo", "Bo").post("/learn/alpha/enrol/")
    learner_in(other_organisation, "rotterdammer", "Rotterdammer").post("/learn/alpha/enrol/")
    return certificate


def test_progress_per_learner_and_training(admin_client, learners):
    got = rows(admin_client.get("/organisations/amsterdam/progress.csv"))
    assert got[0] == [
        "learner",
        "username",
        "training",
        "enrolled",
        "lessons_completed",
        "lessons_total",
        "completed_at",
        "score_percent",
    ]
    ann, bo = got[1:]
    assert ann[0] == "'" + FORMULA  # shown as text, never run
    assert ann[1:3] == ["ann", "Alpha training"]
    assert ann[4:6] == ["2", "2"] and ann[6] == ann[3] and ann[7] == "100"
    assert bo[:3] == ["Bo", "bo", "Alpha training"]
    assert bo[4:] == ["0", "2", "", ""]  # nothing done, nothing scored yet
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.DATA_EXPORTED, target="learners' progress (CSV)"
    ).exists()


def test_certificates_with_their_verification_address(admin_client, learners):
    got = rows(admin_client.get("/organisations/amsterdam/certificates.csv"))
    assert got[0] == ["certificate", "holder", "training", "issued", "status", "verification_url"]
    (row,) = got[1:]
    assert row[0] == learners.code
    assert row[1] == "'" + FORMULA
    assert row[2] == "Alpha training"
    assert row[4] == "valid"
    assert row[5] == f"http://testserver/certificates/{learners.code}/"
    assert AuditEntry.objects.filter(target="certificates (CSV)").count() == 1


def test_another_organisations_learners_never_appear(
    admin_client, learners, other_organisation: Organisation
):
    kim = learner_in(other_organisation, "kim2", "Kim")
    complete_training(kim)
    assert kim.post("/learn/alpha/certificate/").status_code == 302
    progress = admin_client.get("/organisations/amsterdam/progress.csv").content.decode()
    certificates = admin_client.get("/organisations/amsterdam/certificates.csv").content.decode()
    assert "rotterdammer" not in progress and "kim2" not in progress
    assert Certificate.objects.count() == 2
    assert certificates.count("\n") == 2 and "Kim" not in certificates  # header and Ann
    # The other organisation's own administrator sees its learners, not Amsterdam's.
    other_admin = make_user("other-admin")
    add_member(other_organisation, other_admin, Role.ADMIN)
    client = Client()
    client.force_login(other_admin)
    theirs = rows(client.get("/organisations/rotterdam/progress.csv"))
    assert sorted(row[1] for row in theirs[1:]) == ["kim2", "rotterdammer"]
    (kims,) = rows(client.get("/organisations/rotterdam/certificates.csv"))[1:]
    assert kims[1] == "Kim"


@pytest.mark.parametrize("role", [Role.TRAINER, Role.PARTICIPANT, None])
def test_anyone_but_the_administrator_gets_404(admin_client, organisation, role):
    person: User = make_user("someone")
    if role:
        add_member(organisation, person, role)
    client = Client()
    client.force_login(person)
    for path in (
        "/organisations/amsterdam/progress.csv",
        "/organisations/amsterdam/certificates.csv",
    ):
        assert client.get(path).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.DATA_EXPORTED).exists()


def test_the_buttons_are_on_the_organisation_page_for_its_administrator(admin_client):
    page = admin_client.get("/accounts/organisations/amsterdam/").content.decode()
    assert 'href="/organisations/amsterdam/progress.csv"' in page
    assert 'href="/organisations/amsterdam/certificates.csv"' in page
