"""Generated from the URL list: what each page costs in database queries, and how the
pages that show only content are cached.

- Every page, for every role, makes at most a fixed number of queries once the content
  has been read (the first request after a load reads it; journeys/core/content/
  readmodel.py). The table below says how many; a new URL without a row fails, and a
  page whose count grows with the content (a query per training, per source) fails.
- Every view marked `@content_page` (journeys/core/caching.py) answers a visitor without
  a session with an ETag, a Cache-Control a proxy can use, no cookie and no CSRF token,
  a 304 on revalidation and gzip on request; a logged-in visitor gets `private`.
"""

import gzip
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from journeys.core.content.load import load_content
from tests.security.test_access_matrix import MATRIX, STREAMS
from tests.security.world import ROLES, World, path_for, url_names

CONTENT = Path(__file__).resolve().parents[2] / "content"

# The most queries a GET may make, per URL, for any role. Most pages: the session, the
# user, the content version, and a few of their own. The content pages a visitor without
# a session reads are answered from memory after one query (the content version).
DEFAULT_BUDGET = 10
BUDGET = {
    # Counts for the heavier staff pages, each a fixed number whatever the data size.
    "assessments:measurement": 16,
    "assessments:measurement-report": 16,
    "assessments:measurement-pdf": 16,
    "assessments:measurement-csv": 12,
    "assessments:training-report": 14,
    "assessments:training-csv": 14,  # and one audit entry per organisation of the trainer
    "cards:deck": 14,
    "assessments:training-pdf": 14,
    "workshops:control": 14,
    "workshops:present": 14,
    "workshops:report": 14,
    "workshops:export": 12,
    "workshops:plan": 12,
    # A person's data: one query per kind of data they may have, whatever its amount.
    # (20: the xAPI statements waiting and the trainer's agenda feed are one kind each.)
    "accounts:export": 20,
    "accounts:member-export": 20,
}
# Content pages: for a visitor without a session (anonymous) and for a signed-in one.
CONTENT_PAGE_QUERIES = {"anonymous": 1, "signed_in": 5}

CONTENT_PAGES = sorted(
    name for name, pattern in url_names() if getattr(pattern.callback, "content_page", False)
)


def test_the_content_pages_are_these():
    """Which pages every visitor shares: a change here is a change in what is cached."""
    assert CONTENT_PAGES == [
        "api:api-substance",
        "api:api-substances",
        "api:api-training",
        "api:api-trainings",
        "knowledge:index",
        "knowledge:route",
        "knowledge:substance",
        "trainings:catalogue",
        "trainings:detail",
    ]


def _path(world: World, key: str) -> str:
    name = key.split("@")[0]
    pattern = dict(url_names())[name]
    if "@" in key:
        world.kwargs_by_name[key] = {"measurement_id": world.self_paced.pk}
        return path_for(world, key, pattern, name=name)
    return path_for(world, name, pattern)


@pytest.mark.parametrize("key", sorted(k for k in MATRIX if k.split("@")[0] not in STREAMS))
def test_each_page_makes_a_fixed_small_number_of_queries(in_world: World, key: str):
    path = _path(in_world, key)
    budget = BUDGET.get(key.split("@")[0], DEFAULT_BUDGET)
    counts = {}
    for role in ROLES:
        with transaction.atomic():
            client = in_world.client(role)
            client.get(path)  # reads the content once per load
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            counts[role] = len(queries)
            transaction.set_rollback(True)
    too_many = {role: n for role, n in counts.items() if n > budget}
    assert not too_many, f"{path}: more than {budget} queries: {too_many}"
    if key in CONTENT_PAGES:
        assert counts["anonymous"] <= CONTENT_PAGE_QUERIES["anonymous"], (path, counts)
        signed_in = max(n for role, n in counts.items() if role != "anonymous")
        assert signed_in <= CONTENT_PAGE_QUERIES["signed_in"], (path, counts)


def test_reading_the_content_costs_the_same_whatever_its_size(in_world: World):
    """The first request after a load reads the catalogue in a fixed number of queries:
    not one per training or per objective."""
    load_content(CONTENT)
    client = in_world.client("anonymous")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) <= 5, [q["sql"][:60] for q in queries.captured_queries]


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_a_content_page_is_shared_and_revalidated(in_world: World, name: str):
    path = _path(in_world, name)
    visitor = in_world.client("anonymous")
    response = visitor.get(path)
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag.startswith('"')
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control, cache_control
    assert "max-age=0" in cache_control  # browsers ask again, and get a 304
    assert "Cookie" in response["Vary"]
    assert not response.cookies, "a shared page must not set a cookie"
    body = response.content.decode()
    assert "csrfmiddlewaretoken" not in body and "X-CSRFToken" not in body

    again = visitor.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag

    packed = visitor.get(path, headers={"Accept-Encoding": "gzip, br"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == response.content

    signed_in = in_world.client("learner").get(path)
    assert signed_in.status_code == 200
    assert "private" in signed_in["Cache-Control"]
    assert not signed_in.has_header("ETag")


def test_a_new_load_changes_every_etag(in_world: World):
    visitor = in_world.client("anonymous")
    before = visitor.get("/")["ETag"]
    load_content(CONTENT)
    response = visitor.get("/", headers={"If-None-Match": before})
    assert response.status_code == 200
    assert response["ETag"] != before


def test_errors_are_not_shared(in_world: World):
    """A 404 or a 400 is neither kept nor marked for a proxy to keep."""
    visitor = in_world.client("anonymous")
    missing = visitor.get("/trainings/no-such-training/")
    assert missing.status_code == 404
    assert not missing.has_header("ETag")
    wrong = visitor.get("/api/trainings?lang=xx")
    assert wrong.status_code == 400
    assert "public" not in wrong.get("Cache-Control", "")
