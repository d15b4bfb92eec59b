"""Organisations and roles: a trainer sees only their own organisation's data."""

import pytest
from django.test import Client

from journeys.accounts.access import get_organisation_for_staff, organisations_for_staff
from tests.conftest import PASSWORD


def test_a_trainer_sees_their_organisation_and_its_members(client: Client, trainer, participant):
    client.force_login(trainer)
    response = client.get("/accounts/organisations/amsterdam/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amsterdam Training" in html
    assert "participant" in html


def test_a_trainer_gets_404_for_another_organisation(client: Client, trainer, other_trainer):
    client.force_login(trainer)
    assert client.get("/accounts/organisations/rotterdam/").status_code == 404


def test_a_participant_cannot_see_the_organisation_page(client: Client, participant):
    client.force_login(participant)
    assert client.get("/accounts/organisations/amsterdam/").status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client, organisation):
    response = client.get("/accounts/organisations/amsterdam/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_getters_only_return_staff_organisations(trainer, participant, other_trainer):
    assert [o.slug for o in organisations_for_staff(trainer)] == ["amsterdam"]
    assert list(organisations_for_staff(participant)) == []
    with pytest.raises(Exception, match="No such organisation"):
        get_organisation_for_staff(trainer, "rotterdam")


def test_a_trainer_logs_in_and_out(client: Client, trainer):
    response = client.post(
        "/accounts/login/", {"username": "trainer", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert "Amsterdam Training" in response.content.decode()
    response = client.post("/accounts/logout/", follow=True)
    assert "Log in" in response.content.decode()


def test_a_wrong_password_gets_a_clear_message_and_no_session(client: Client, trainer):
    response = client.post("/accounts/login/", {"username": "trainer", "password": "wrong"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_demo_data_is_created_once(db):
    from journeys.accounts.actions import create_demo_data

    password = create_demo_data()
    assert password and len(password) >= 12
    assert create_demo_data() is None
    client = Client()
    assert client.login(username="demo-trainer", password=password)
