"""Login lockout after repeated wrong passwords (django-axes, configured in settings.py):
which address a login comes from, and the page a locked-out login gets."""

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from journeys.core.clients import client_network


def login_address(request: HttpRequest) -> str | None:
    """The client's network as the rate limits count it (core.clients.client_network:
    JOURNEYS_TRUSTED_PROXIES applies, an IPv6 client counts by its /64). None without an
    address, as axes keeps addresses in an IP address column."""
    network = client_network(request)
    try:
        return str(ipaddress.ip_address(network))
    except ValueError:
        return None


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """429 with a page that says how long to wait, in the page's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
