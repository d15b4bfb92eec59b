"""Content read once per content load (journeys/core/content/readmodel.py): a value is
built once per version and rebuilt after a load; a rendered fragment likewise."""

from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.utils import translation

from journeys.core.content import readmodel
from journeys.core.models import ContentLoad, current_content_version

pytestmark = pytest.mark.django_db


def a_load() -> None:
    """What `journeys content load` leaves behind that the read model looks at."""
    ContentLoad.objects.create(summary={})


def test_a_value_is_built_once_per_content_version_and_again_after_a_load():
    built: list[str] = []

    @readmodel.per_content_version
    def titles(language: str) -> list[str]:
        built.append(language)
        return [f"title in {language}"]

    a_load()
    assert titles("en") is titles("en")
    assert titles("nl") == ["title in nl"]
    assert built == ["en", "nl"]

    a_load()
    titles("en")
    assert built == ["en", "nl", "en"]


def test_every_load_has_a_version_of_its_own_even_when_ids_are_reused():
    """SQLite hands out a rolled-back id again; the version must still be new."""
    a_load()
    first = current_content_version()
    ContentLoad.objects.all().delete()
    a_load()
    assert current_content_version() not in ("", first)


def test_a_request_reads_one_version_even_when_a_load_lands_in_the_middle(client):
    """Every part of one page reads the same content: the version is asked once."""
    a_load()
    seen: list[str] = []

    def middle_of_a_request(request: HttpRequest) -> HttpResponse:
        seen.append(readmodel.content_version())
        a_load()
        seen.append(readmodel.content_version())
        return HttpResponse()

    readmodel.one_version_per_request(middle_of_a_request)(HttpRequest())
    assert seen[0] == seen[1]
    assert readmodel.content_version() != seen[0]  # the next request sees the load


def test_a_request_that_started_before_a_load_never_gets_new_values_nor_gives_old_ones():
    built: list[str] = []

    @readmodel.per_content_version
    def value() -> str:
        built.append(readmodel.content_version())
        return readmodel.content_version()

    a_load()
    old = readmodel.content_version()
    a_load()
    new = readmodel.content_version()
    assert value() == new
    # A request still reading the old version gets the old version's value ...
    token = readmodel._this_request.set({"version": old})
    try:
        assert value() == old
    finally:
        readmodel._this_request.reset(token)
    # ... and the next request the new one's (built again: loads are rare).
    assert value() == new
    assert built == [new, old, new]


def render(source: str, **context: object) -> str:
    return str(engines["django"].from_string("{% load journeys %}" + source).render(context))


def test_a_content_fragment_renders_once_per_version_and_language():
    a_load()
    calls: list[int] = []

    class Counter:
        def __str__(self) -> str:
            calls.append(1)
            return str(len(calls))

    source = '{% contentcache "test" key %}{{ counter }}{% endcontentcache %}'
    with translation.override("en"):
        assert render(source, key="a", counter=Counter()) == "1"
        assert render(source, key="a", counter=Counter()) == "1"  # kept
        assert render(source, key="b", counter=Counter()) == "2"  # another key
    with translation.override("nl"):
        assert render(source, key="a", counter=Counter()) == "3"  # another language
    a_load()
    with translation.override("en"):
        assert render(source, key="a", counter=Counter()) == "4"  # a new load


def test_a_fragment_keyed_on_none_is_rendered_every_time():
    """A typed search is never kept: memory would grow with every search anyone typed."""
    a_load()
    source = '{% contentcache "search" query %}{{ text }}{% endcontentcache %}'
    assert render(source, query=None, text="one") == "one"
    assert render(source, query=None, text="two") == "two"


def test_kept_pages_stop_at_a_limit(monkeypatch):
    a_load()
    monkeypatch.setattr(readmodel._pages, "_limit", 3)
    for n in range(10):
        readmodel.keep_page(("page", n), b"x")
    kept = [n for n in range(10) if readmodel.kept_page(("page", n)) is not None]
    assert kept == [0, 1, 2]


def test_the_sqlite_backend_reuses_a_closed_connection(tmp_path: Path):
    """journeys/core/sqlite: a request's connection goes back to the pool and the next
    request takes it, with no transaction left open."""
    from django.db.utils import ConnectionHandler

    handler = ConnectionHandler(
        {"default": {"ENGINE": "journeys.core.sqlite", "NAME": str(tmp_path / "pool.sqlite3")}}
    )
    first = handler["default"]
    first.ensure_connection()
    raw = first.connection
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x int)")
    first.set_autocommit(False)
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1)")
    first.close()  # uncommitted: rolled back, then kept
    second = ConnectionHandler(
        {"default": {"ENGINE": "journeys.core.sqlite", "NAME": str(tmp_path / "pool.sqlite3")}}
    )["default"]
    second.ensure_connection()
    assert second.connection is raw
    with second.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchall() == [(0,)]  # the open transaction did not leak
    second.close()
