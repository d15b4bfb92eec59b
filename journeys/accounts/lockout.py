"""Login lockout after repeated wrong passwords (django-axes, configured in settings.py):
which address a login comes from, and the page a locked-out login gets."""

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from journeys.core.clients import client_address


def login_address(request: HttpRequest) -> str | None:
    """The client's address as the rate limits see it (JOURNEYS_TRUSTED_PROXIES applies);
    None when there is none, as axes stores addresses in an IP address column."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """429 with a page that says how long to wait, in the page's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
