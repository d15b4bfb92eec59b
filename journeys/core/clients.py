"""Who is asking: the client's address, as far as it can be trusted.

A reverse proxy puts the real client's address in X-Forwarded-For. Anyone can send that
header, so it counts only when the request came from an address listed in
JOURNEYS_TRUSTED_PROXIES (addresses or networks, comma-separated); otherwise the peer's
own address is the client. Rate limits key on this, so a forged header cannot give a
script a fresh allowance per request."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def is_from_trusted_proxy(request: HttpRequest) -> bool:
    return _is_trusted(str(request.META.get("REMOTE_ADDR") or ""))


def client_address(request: HttpRequest) -> str:
    """The peer's address; behind trusted proxies, the nearest address in X-Forwarded-For
    that is not itself a trusted proxy (entries left of it could be made up)."""
    address = str(request.META.get("REMOTE_ADDR") or "unknown")
    if not _is_trusted(address):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if not _is_trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return address  # a garbled header: fall back to the proxy itself
    return address


def client_network(request: HttpRequest) -> str:
    """What a per-address rate limit counts by: the IPv4 address, or an IPv6 address's
    /64, written as its first address. A phone or a household gets a whole IPv6 /64, so
    counting single addresses would give a script 2**64 fresh allowances."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:192.0.2.1 is the IPv4 client
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)
