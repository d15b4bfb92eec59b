"""Request middleware of our own: forwarded headers only from trusted proxies."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from journeys.core.clients import is_from_trusted_proxy

Handler = Callable[[HttpRequest], HttpResponseBase]

# What a reverse proxy tells about the client. Django believes X-Forwarded-Proto through
# SECURE_PROXY_SSL_HEADER from anyone; a client that reaches a worker directly could claim
# https (and get secure-only treatment) or another address.
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST")


def forwarded_headers_from_trusted_proxies(get_response: Handler) -> Handler:
    """Outermost: drops the forwarded headers unless the peer is in JOURNEYS_TRUSTED_PROXIES,
    so nothing after it (is_secure(), the HTTPS redirect, rate limits) can be fooled."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        if not is_from_trusted_proxy(request):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return get_response(request)

    return middleware
