"""HTTP caching for pages and API answers that show only content.

Such a page is the same for every visitor without a session, until the next
`journeys content load`. For those visitors `@content_page` answers with an ETag made of
the content version, the language and the address; `Cache-Control` lets a reverse proxy
keep it for JOURNEYS_PROXY_CACHE_SECONDS and makes browsers revalidate, which costs one
indexed query and a 304. The ETag promises that the same tag means the same body, so
the worker keeps the body under it too (journeys/core/content/readmodel.py) and renders
each such page once per content load. The answer is gzip-compressed when the client
accepts it (nothing secret is in it, so compression leaks nothing).

A visitor with a session (logged in, or a phone in a workshop) sees their own header and
messages: their answers are `private, no-cache` and never shared.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.utils.text import compress_string
from django.utils.translation import get_language

from journeys.core.content import readmodel
from journeys.core.content.readmodel import content_version

View = Callable[..., HttpResponseBase]

# Cookies that make a page personal: the session (a login, a workshop seat) and
# flash messages waiting to be shown.
_PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def is_shared(request: HttpRequest) -> bool:
    """Whether this request gets the page every visitor without a session gets."""
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in _PERSONAL_COOKIES
    )


def content_etag(request: HttpRequest) -> str:
    key = f"{content_version()}|{get_language()}|{request.get_full_path()}"
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:24])


def content_page(view: View) -> View:
    """Mark `view` as showing only content (see the module's docstring)."""

    @functools.wraps(view)
    def page(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_shared(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        request.content_page = True  # type: ignore[attr-defined]  # base.html: no CSRF token
        etag = content_etag(request)
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            return _shareable(HttpResponseNotModified(), etag)
        kept: tuple[bytes, str] | None = readmodel.kept_page(etag)
        if kept is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or not isinstance(response, HttpResponse):
                return response  # an error or a redirect is neither kept nor shared
            kept = (response.content, response["Content-Type"])
            readmodel.keep_page(etag, kept)
        shared = HttpResponse(kept[0], content_type=kept[1])
        _compress(request, shared)
        return _shareable(shared, etag)

    page.content_page = True  # type: ignore[attr-defined]  # for the tests that list them
    return page


def _shareable(response: HttpResponseBase, etag: str) -> HttpResponseBase:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PROXY_CACHE_SECONDS)
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
    return response


def _compress(request: HttpRequest, response: HttpResponseBase) -> None:
    if not isinstance(response, HttpResponse) or response.has_header("Content-Encoding"):
        return
    if "gzip" not in request.headers.get("Accept-Encoding", "") or len(response.content) < 200:
        return
    response.content = compress_string(response.content)
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
