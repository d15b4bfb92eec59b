"""X-Forwarded-Proto and -For count only when the request came from a trusted proxy: a
client that reaches a worker directly cannot claim https or another address."""

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from journeys.core.clients import client_address
from journeys.core.middleware import forwarded_headers_from_trusted_proxies

PROXY = "10.0.0.1"


@pytest.fixture
def behind_tls(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.TRUSTED_PROXIES = [PROXY]
    return settings


def seen_by_the_view(peer: str, **headers: str) -> HttpRequest:
    seen: list[HttpRequest] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request)
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR=peer)
    request.META.update(headers)
    forwarded_headers_from_trusted_proxies(view)(request)
    return seen[0]


@pytest.mark.django_db
def test_a_direct_client_claiming_https_is_sent_to_https(client, behind_tls):
    response = client.get("/join/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_the_proxy_saying_https_is_believed(client, behind_tls):
    response = client.get("/join/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def test_a_direct_client_is_neither_secure_nor_the_address_it_names(behind_tls):
    request = seen_by_the_view(
        "203.0.113.5", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert not request.is_secure()
    assert client_address(request) == "203.0.113.5"
    assert "HTTP_X_FORWARDED_FOR" not in request.META


def test_the_proxy_gives_the_client_and_the_scheme(behind_tls):
    request = seen_by_the_view(
        PROXY, HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert request.is_secure()
    assert client_address(request) == "198.51.100.7"
