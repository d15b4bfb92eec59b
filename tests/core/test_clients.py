"""Who is asking: X-Forwarded-For counts only from a configured proxy."""

import pytest
from django.test import RequestFactory

from journeys.core.clients import client_address


def request_from(peer: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_forwarded_header_from_an_unlisted_peer_is_ignored(settings) -> None:
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("127.0.0.1", "203.0.113.9")) == "127.0.0.1"


def test_forwarded_header_from_a_listed_proxy_gives_the_client(settings) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("127.0.0.1", "203.0.113.9")) == "203.0.113.9"


def test_addresses_a_client_made_up_left_of_the_real_one_do_not_count(settings) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = request_from("10.0.0.2", "198.51.100.1, 203.0.113.9, 10.0.0.5")
    assert client_address(request) == "203.0.113.9"


@pytest.mark.parametrize("garbled", ["", "not-an-address", " , "])
def test_a_garbled_header_falls_back_to_the_peer(settings, garbled: str) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("127.0.0.1", garbled)) == "127.0.0.1"
