"""Wrong passwords: after too many for one username from one address, that pair is
locked out for a while (429, in the page's language); other users on the same Wi-Fi and
the same user elsewhere still log in."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lockout_on(settings) -> int:
    """The lockout, after 3 wrong passwords (10 by default) to keep the tests short."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def log_in(client: Client, username: str, password: str, address: str = "192.0.2.7", **headers):
    form = {"username": username, "password": password}
    return client.post("/accounts/login/", form, REMOTE_ADDR=address, **headers)


def guess(client: Client, username: str, times: int, address: str = "192.0.2.7", **headers):
    return [log_in(client, username, "wrong", address, **headers).status_code for _ in range(times)]


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_after_too_many_wrong_passwords_the_right_one_is_refused(client: Client, lockout_on):
    make_user("ana")
    statuses = guess(client, "ana", lockout_on)
    assert statuses[:-1] == [200] * (lockout_on - 1)  # the form again, with its message
    assert statuses[-1] == 429
    response = log_in(client, "ana", PASSWORD)
    assert response.status_code == 429
    assert "Too many login attempts" in response.content.decode()
    assert not logged_in(client)


def test_the_lockout_page_is_in_dutch_on_dutch_pages(client: Client, lockout_on):
    make_user("ana")
    guess(client, "ana", lockout_on)
    response = client.post(
        "/nl/accounts/login/", {"username": "ana", "password": PASSWORD}, REMOTE_ADDR="192.0.2.7"
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Te veel inlogpogingen" in html
    assert "15 minuten" in html


def test_another_username_from_the_same_address_still_logs_in(client: Client, lockout_on):
    make_user("ana")
    make_user("bram")
    guess(client, "ana", lockout_on)
    assert log_in(client, "bram", PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_same_username_from_another_address_still_logs_in(client: Client, lockout_on):
    make_user("ana")
    guess(client, "ana", lockout_on, address="192.0.2.7")
    assert log_in(client, "ana", PASSWORD, address="198.51.100.20").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_client_address_counts(
    client: Client, settings, lockout_on
):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    make_user("ana")
    guess(client, "ana", lockout_on, address="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.7")
    refused = log_in(client, "ana", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.7")
    assert refused.status_code == 429
    other = log_in(client, "ana", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert other.status_code == 302


def test_a_forged_forwarded_header_does_not_give_a_fresh_allowance(client: Client, lockout_on):
    make_user("ana")
    for n in range(lockout_on):
        log_in(client, "ana", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert log_in(client, "ana", PASSWORD).status_code == 429


def test_new_addresses_in_the_same_ipv6_64_do_not_give_fresh_tries(client: Client, lockout_on):
    make_user("ana")
    for n in range(lockout_on):
        log_in(client, "ana", "wrong", address=f"2001:db8:1:2::{n + 1:x}")
    assert log_in(client, "ana", PASSWORD, address="2001:db8:1:2:ffff::9").status_code == 429
    assert log_in(client, "ana", PASSWORD, address="2001:db8:1:3::1").status_code == 302


def test_an_administrators_reset_lets_the_user_in_again(client: Client, lockout_on):
    make_user("ana")
    guess(client, "ana", lockout_on)
    reset(username="ana")
    assert log_in(client, "ana", PASSWORD).status_code == 302


def test_after_the_cool_off_the_user_logs_in_again(client: Client, lockout_on):
    make_user("ana")
    guess(client, "ana", lockout_on)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "ana", PASSWORD).status_code == 302


def test_a_successful_login_starts_the_count_again(client: Client, lockout_on):
    make_user("ana")
    guess(client, "ana", lockout_on - 1)
    assert log_in(client, "ana", PASSWORD).status_code == 302
    client.logout()
    assert guess(client, "ana", lockout_on - 1) == [200] * (lockout_on - 1)
    assert log_in(client, "ana", PASSWORD).status_code == 302


def test_nothing_about_a_successful_login_is_kept(client: Client, lockout_on):
    from axes.models import AccessLog

    make_user("ana")
    log_in(client, "ana", PASSWORD)
    assert not AccessLog.objects.exists()
