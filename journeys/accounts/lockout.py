"""Login lockout after repeated wrong passwords (django-axes, configured in settings.py):
which address a login comes from, and the page a locked-out login gets."""

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from journeys.core.clients import client_address


def login_address(request: HttpRequest) -> str | None:
    """The client's address as the rate limits see it (JOURNEYS_TRUSTED_PROXIES applies).
    An IPv6 client counts by its /64, written as the network's first address: a phone or
    household gets a whole /64, and single addresses would give a script endless fresh
    tries. None without an address, as axes keeps addresses in an IP address column."""
    try:
        ip = ipaddress.ip_address(client_address(request))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:192.0.2.7 is the IPv4 client
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """429 with a page that says how long to wait, in the page's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
