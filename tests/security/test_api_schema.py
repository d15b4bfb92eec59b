"""The JSON API and its OpenAPI description (journeys/core/openapi.yaml, served at
/api/schema/) agree: every API URL is described, every described path exists, and
schemathesis sends generated requests to each operation and checks each answer against
the description, with no server error."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import checks

from journeys.core.views import openapi_description
from tests.security.world import World, url_names

EXAMPLES = 25
# A combination needs two names the knowledge base knows: a schema cannot say which, so
# a well-formed request may rightly get 400 there (with the problem and suggestions).
EXCLUDED = {"GET /api/knowledge/combinations": [checks.positive_data_acceptance]}


def _described_paths() -> set[str]:
    return set(openapi_description()["paths"])


def test_the_schema_is_served_as_openapi_3_1(db: None) -> None:
    response = Client().get("/api/schema/")
    assert response.status_code == 200
    assert response.json()["openapi"] == "3.1.0"


def test_every_api_url_is_described() -> None:
    """A new JSON endpoint without a description fails here."""
    api = [
        str(pattern.pattern)
        for name, pattern in url_names()
        if name.startswith("api:") or name in ("health", "api-schema")
    ]
    described = {
        re.sub(r"\{(\w+)\}", r"<slug:\1>", path).lstrip("/") for path in _described_paths()
    }
    missing = sorted(route for route in api if route not in described)
    assert not missing, f"add these to journeys/core/openapi.yaml: {missing}"


def test_every_described_path_exists() -> None:
    for path in _described_paths():
        try:
            resolve(re.sub(r"\{\w+\}", "mdma", path))
        except Resolver404:
            pytest.fail(f"journeys/core/openapi.yaml describes {path}, which no view serves")


def _operations() -> list[str]:
    return sorted(
        f"{method.upper()} {path}"
        for path, methods in openapi_description()["paths"].items()
        for method in methods
    )


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """Django closes the database connection when a request ends unless it runs under the
    test client; schemathesis calls the WSGI handler itself, so keep the connection (and
    the test's transaction) open as the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("label", _operations())
def test_the_api_answers_as_described(in_world: World, connection_kept: None, label: str) -> None:
    """Schemathesis' generated requests, through Django's WSGI handler in this process
    (so the world's database is the one answering), each answer validated."""
    schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())
    operation = schema[label.split(" ", 1)[1]][label.split(" ", 1)[0]]

    examples = operation.get_strategies_from_examples()  # the described examples first

    @given(case=st.one_of(*examples, operation.as_strategy()))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: schemathesis.Case[Any]) -> None:
        # Schemathesis asks for gzip, which content answers honour, and its WSGI client
        # does not unpack it as a browser does; compression is checked in
        # test_pages_are_cheap_and_cacheable.py.
        case.call_and_validate(
            headers={"Accept-Encoding": "identity"}, excluded_checks=EXCLUDED.get(label, [])
        )

    call()
