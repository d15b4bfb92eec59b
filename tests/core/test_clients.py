"""Who is asking: X-Forwarded-For counts only from a configured proxy."""

import pytest
from django.http import HttpRequest
from django.test import RequestFactory

from journeys.core.clients import client_address, client_network


def request_from(peer: str, forwarded: str | None = None) -> HttpRequest:
    if forwarded is None:
        return RequestFactory().get("/", REMOTE_ADDR=peer)
    return RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)


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


@pytest.mark.parametrize(
    ("peer", "network"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("not-an-address", "not-an-address"),
    ],
)
def test_rate_limits_count_an_ipv6_client_by_its_64(settings, peer: str, network: str) -> None:
    settings.TRUSTED_PROXIES = []
    assert client_network(request_from(peer)) == network
