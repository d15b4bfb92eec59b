"""One world per test module, rolled back at its end; each test runs in a savepoint
inside it, so what one test changes the next does not see."""

from collections.abc import Iterator

import pytest
from django.db import transaction

from tests.security.world import World, build


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


@pytest.fixture
def in_world(world: World, db: None) -> World:
    """The world, with database access for this test (rolled back after it)."""
    return world
