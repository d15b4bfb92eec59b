"""Content read as data: what `journeys content load` stored, built once per content
version and kept in this process's memory, so that content pages do not go through the
ORM on every request.

Content changes only when `journeys content load` runs, and each load writes a new
version (journeys.core.models.ContentLoad). A request asks for the version once (one
indexed query, the first time a page needs it); whatever was built for an older version
is dropped. So a load shows on the next request, in every process, without a restart.

- `@per_content_version` memoizes a function of plain, hashable arguments (a slug, a
  language). What it returns is shared by every request of the process: read it, never
  change it.
- `fragment(key, render)` keeps a rendered piece of a template (the `{% contentcache %}`
  tag in journeys/core/templatetags/journeys.py).
- `kept_page(key)` and `keep_page(key, page)` hold whole pages that every visitor
  without a session shares (journeys/core/caching.py), at most PAGES_KEPT of them.
"""

import functools
import threading
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.http import HttpRequest, HttpResponseBase

from journeys.core.models import current_content_version

# The version this request reads, once it has asked (None outside a request).
_this_request: ContextVar[dict[str, str] | None] = ContextVar("content_version", default=None)


def content_version() -> str:
    """The newest content load's version: asked of the database once per request."""
    asked = _this_request.get()
    if asked is None:
        return current_content_version()
    if "version" not in asked:
        asked["version"] = current_content_version()
    return asked["version"]


def one_version_per_request(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """Middleware: every part of one request reads the same content version."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        token = _this_request.set({})
        try:
            return get_response(request)
        finally:
            _this_request.reset(token)

    return middleware


PAGES_KEPT = 500  # whole pages per version: the site's content pages fit many times


class _Store:
    """Values for one content version; a newer version replaces them all. With a
    `limit`, values beyond it are built each time instead of kept."""

    def __init__(self, limit: int | None = None) -> None:
        self._lock = threading.Lock()
        self._version = ""
        self._values: dict[Hashable, Any] = {}
        self._limit = limit

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        found = self.find(key)
        if found is not None:
            return found
        value = build()  # outside the lock: two requests may build the same value once
        self.keep(key, value)
        return value

    def find(self, key: Hashable) -> Any:
        return self._values_for(content_version()).get(key)

    def keep(self, key: Hashable, value: Any) -> None:
        values = self._values_for(content_version())
        if self._limit is None or len(values) < self._limit:
            values[key] = value

    def _values_for(self, version: str) -> dict[Hashable, Any]:
        """The values of `version`. Around a load, a request that started before it may
        still ask for the old version: the store then switches back and forth (values
        are rebuilt), but a value is only ever found under the version it was built for."""
        with self._lock:
            if version != self._version:
                self._version, self._values = version, {}
            return self._values


P = ParamSpec("P")
R = TypeVar("R")


def per_content_version(build: Callable[P, R]) -> Callable[P, R]:
    """Memoize `build` per content version and (hashable) arguments."""
    store = _Store()

    @functools.wraps(build)
    def read(*args: P.args, **kwargs: P.kwargs) -> R:
        key = (args, tuple(sorted(kwargs.items())))
        return store.get(key, lambda: build(*args, **kwargs))  # type: ignore[no-any-return]

    return read


_fragments = _Store()


def fragment(key: Hashable, render: Callable[[], str]) -> str:
    """A rendered piece of a page that shows only content, rendered once per version."""
    return _fragments.get(key, render)  # type: ignore[no-any-return]


_pages = _Store(limit=PAGES_KEPT)


def kept_page(key: Hashable) -> Any:
    return _pages.find(key)


def keep_page(key: Hashable, page: Any) -> None:
    _pages.keep(key, page)
