"""The audit log: each action of a trainer or an administrator that changes or shows
people's data leaves one entry for the organisation, which only its administrators read,
newest first, a page at a time."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from journeys.accounts import audit
from journeys.accounts.actions import add_member
from journeys.accounts.models import AuditEntry, Organisation, Role
from journeys.assessments import measurements
from journeys.trainings.models import Certificate, Training
from journeys.workshops import actions as workshop_actions
from tests.conftest import PASSWORD, make_user

Action = AuditEntry.Action


@pytest.fixture
def admin(organisation: Organisation) -> User:
    user = make_user("admin")
    add_member(organisation, user, Role.ADMIN)
    return user


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def entries(organisation: Organisation | None) -> list[tuple[str, str, str]]:
    return [
        (entry.action, entry.actor.username if entry.actor else "", entry.target)
        for entry in AuditEntry.objects.filter(organisation=organisation)
    ]


def test_revoking_a_certificate_is_logged(curriculum, organisation, admin, participant):
    Certificate.objects.create(
        code="AAAA-BBBB-CCCC",
        user=participant,
        training=Training.objects.get(slug="harm-reduction"),
        organisation=organisation,
        name="Sam",
    )
    response = logged_in(admin).post("/organisations/amsterdam/certificates/AAAA-BBBB-CCCC/revoke/")
    assert response.status_code == 302
    assert entries(organisation) == [
        (Action.CERTIFICATE_REVOKED, "admin", "certificate AAAA-BBBB-CCCC")
    ]


def test_downloads_and_erasures_are_logged(organisation, admin, participant, other_organisation):
    target = f"account #{participant.pk}"
    logged_in(participant).get("/accounts/your-data/download/")
    assert entries(None) == [(Action.DATA_EXPORTED, "participant", target)]
    base = f"/accounts/organisations/amsterdam/members/{participant.pk}"
    logged_in(admin).get(f"{base}/download/")
    add_member(other_organisation, participant, Role.PARTICIPANT)
    logged_in(admin).post(f"{base}/erase/", {"confirm": "erase"})  # leaves ours only
    assert entries(organisation) == [
        (Action.MEMBER_REMOVED, "admin", target),
        (Action.DATA_EXPORTED, "admin", target),
    ]
    logged_in(participant).post("/accounts/your-data/delete/", {"password": PASSWORD})
    # The account is gone, and with it the name of who did it; the number names nobody.
    assert entries(other_organisation) == [(Action.ACCOUNT_ERASED, "", target)]


def test_an_admins_erasure_is_logged(organisation, admin, participant):
    base = f"/accounts/organisations/amsterdam/members/{participant.pk}"
    logged_in(admin).post(f"{base}/erase/", {"confirm": "erase"})
    assert entries(organisation) == [(Action.ACCOUNT_ERASED, "admin", f"account #{participant.pk}")]


def test_opening_reports_and_downloading_answers_is_logged(curriculum, organisation, trainer):
    training = Training.objects.get(slug="harm-reduction")
    measurement = measurements.for_workshop(organisation, training, "Police", trainer)
    workshop = workshop_actions.start_workshop(trainer, organisation, "Police", training, 50)
    client = logged_in(trainer)
    for path in (
        f"/assessments/{measurement.pk}/report/",
        f"/assessments/{measurement.pk}/responses.csv",
        "/assessments/trainings/harm-reduction/report/",
        "/assessments/trainings/harm-reduction/responses.csv",
        f"/workshops/{workshop.pk}/report.csv",
    ):
        assert client.get(path).status_code == 200, path
    assert sorted(entries(organisation)) == sorted(
        [
            (Action.REPORT_OPENED, "trainer", f"measurement #{measurement.pk}"),
            (Action.RESPONSES_EXPORTED, "trainer", f"measurement #{measurement.pk}"),
            (Action.REPORT_OPENED, "trainer", "training harm-reduction, all groups"),
            (Action.RESPONSES_EXPORTED, "trainer", "training harm-reduction, all groups"),
            (Action.WORKSHOP_EXPORTED, "trainer", f"workshop #{workshop.pk}"),
        ]
    )


def test_membership_changes_in_the_site_admin_are_logged(organisation, participant):
    staff = User.objects.create_superuser("root", password=PASSWORD)
    client = logged_in(staff)
    response = client.post(
        "/admin/accounts/membership/add/",
        {"user": participant.pk, "organisation": organisation.pk, "role": "trainer"},
    )
    assert response.status_code == 200  # the form refuses a second membership in one org
    other = make_user("newcomer")
    response = client.post(
        "/admin/accounts/membership/add/",
        {"user": other.pk, "organisation": organisation.pk, "role": "trainer"},
    )
    assert response.status_code == 302
    assert entries(organisation) == [
        (Action.MEMBER_ADDED, "root", f"account #{other.pk} (trainer)")
    ]


def test_only_the_organisations_admin_reads_its_log(
    organisation, admin, trainer, participant, other_organisation
):
    other_admin = make_user("other-admin")
    add_member(other_organisation, other_admin, Role.ADMIN)
    audit.record(admin, Action.DATA_EXPORTED, organisation, "account #1")
    audit.record(other_admin, Action.DATA_EXPORTED, other_organisation, "account #999")
    for someone in (trainer, participant, other_admin):
        response = logged_in(someone).get("/accounts/organisations/amsterdam/audit-log/")
        assert response.status_code == 404, someone
    page = logged_in(admin).get("/accounts/organisations/amsterdam/audit-log/").content.decode()
    assert "account #1" in page and "account #999" not in page
    assert (
        "/audit-log/" in logged_in(admin).get("/accounts/organisations/amsterdam/").content.decode()
    )
    assert (
        "/audit-log/"
        not in logged_in(trainer).get("/accounts/organisations/amsterdam/").content.decode()
    )


def test_the_log_is_newest_first_and_paged(organisation, admin):
    for n in range(audit.ENTRIES_PER_PAGE + 3):
        audit.record(admin, Action.DATA_EXPORTED, organisation, f"account #{n}")
    client = logged_in(admin)
    first = client.get("/accounts/organisations/amsterdam/audit-log/").content.decode()
    newest = f"account #{audit.ENTRIES_PER_PAGE + 2}<"
    assert newest in first and "account #0<" not in first
    assert first.index(newest) < first.index(f"account #{audit.ENTRIES_PER_PAGE + 1}<")
    assert "Page 1 of 2" in first and "?page=2" in first
    second = client.get("/accounts/organisations/amsterdam/audit-log/?page=2").content.decode()
    assert "account #0<" in second and newest not in second
