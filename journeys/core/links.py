"""Where a link or redirect built from what a browser sent may go: only to a page of this site.

A path such as "//evil.example/" or "/\\evil.example/" is read by browsers as another
host, and a bare word such as "home" as a path relative to the current page; neither is
a page here. `next` parameters and the language switcher go through `local_page`."""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme


def _resolves(path: str) -> bool:
    """Whether a view answers `path` in some language (a prefix such as /nl/ only
    resolves while that language is active)."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                resolve(path)
            except Resolver404:
                continue
            return True
    return False


def local_page(url: str | None) -> str | None:
    """`url` when it is an absolute path ("/nl/trainings/?q=x") to a page of this site,
    else None: another host, a scheme, a relative path or a path no view answers."""
    if not url or not url.startswith("/") or url.startswith(("//", "/\\")):
        return None
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return None
    return url if _resolves(unquote(urlsplit(url).path)) else None
