"""Shared fixtures: a seeded organisation with a trainer and a participant, and the
real curriculum loaded from content/ (as `make run` would)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client

from journeys.accounts.actions import add_member, create_organisation
from journeys.accounts.models import Organisation, Role
from journeys.core.content.check import CheckedContent, check_content
from journeys.core.content.load import load_content

FIXTURES = Path(__file__).parent / "fixtures"
CONTENT_FIXTURES = FIXTURES / "content"
PASSWORD = "a-long-test-password-42"

# The fixtures through which a test reaches the database under test.
# (pytest-django gives every test django_db_blocker, so that one says nothing.)
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """JOURNEYS_TESTS_DATABASE_ONLY=1 keeps only the tests that use the database: CI runs
    everything on SQLite, then these again on PostgreSQL (the rest would only repeat)."""
    if os.environ.get("JOURNEYS_TESTS_DATABASE_ONLY") != "1":
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        uses = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        (kept if uses else dropped).append(item)
    config.hook.pytest_deselected(items=dropped)
    items[:] = kept


def make_user(username: str) -> User:
    return get_user_model().objects.create_user(username=username, password=PASSWORD)


@pytest.fixture
def organisation(db: None) -> Organisation:
    return create_organisation("Amsterdam Training", "amsterdam")


@pytest.fixture
def other_organisation(db: None) -> Organisation:
    return create_organisation("Rotterdam Training", "rotterdam")


@pytest.fixture
def trainer(organisation: Organisation) -> User:
    user = make_user("trainer")
    add_member(organisation, user, Role.TRAINER)
    return user


@pytest.fixture
def participant(organisation: Organisation) -> User:
    user = make_user("participant")
    add_member(organisation, user, Role.PARTICIPANT)
    return user


@pytest.fixture
def other_trainer(other_organisation: Organisation) -> User:
    user = make_user("other-trainer")
    add_member(other_organisation, user, Role.TRAINER)
    return user


@pytest.fixture
def trainer_client(client: Client, trainer: User) -> Client:
    """The test client, logged in as the organisation's trainer."""
    client.login(username="trainer", password=PASSWORD)
    return client


@pytest.fixture
def curriculum(db: None) -> None:
    """The real content/ directory, loaded."""
    root = Path(settings.CONTENT_DIR)
    load_content(root, checked_content(root))


_checked: dict[tuple[tuple[str, int, int], ...], CheckedContent] = {}


def checked_content(root: Path) -> CheckedContent:
    """check_content(root), done again only when a file under root changed (its name,
    size or modification time): most tests load the same content."""
    fingerprint = tuple(
        (str(path), stat.st_size, stat.st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )
    if fingerprint not in _checked:
        _checked.clear()
        _checked[fingerprint] = check_content(root)
    return _checked[fingerprint]


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request: pytest.FixtureRequest) -> None:
    """Rate-limit counters live in Redis (the cache) or else the database; each test
    starts with none."""
    from django.core.cache import cache

    cache.clear()
    for database in ("transactional_db", "db"):
        if database in request.fixturenames:
            from journeys.core.models import RateCounter

            request.getfixturevalue(database)
            RateCounter.objects.all().delete()
            break


@pytest.fixture(autouse=True)
def _no_login_lockout(settings) -> None:
    """The login lockout (django-axes) needs the request, which Client.login() does not
    pass; tests/accounts/test_login_throttle.py turns it back on."""
    settings.AXES_ENABLED = False
