"""GET /healthz: 200 when the database, Redis (when configured) and content are there,
503 naming the check that failed; nothing in it that helps an attacker."""

import os

import pytest

from journeys.core.models import ContentLoad

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")
# Nothing listens on port 9 (discard) here: a Redis that is configured but down.
REDIS_DOWN = "redis://127.0.0.1:9/0"


@pytest.mark.django_db
def test_it_is_ok_with_the_database_and_content(client, curriculum, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "content": "ok"}}


@pytest.mark.django_db
def test_it_checks_redis_when_redis_is_configured(client, curriculum, settings):
    settings.REDIS_URL = REDIS_URL
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == "ok"


@pytest.mark.django_db
def test_redis_configured_but_down_is_503_naming_redis(client, curriculum, settings):
    settings.REDIS_URL = REDIS_DOWN
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failing",
        "checks": {"database": "ok", "content": "ok", "redis": "failing"},
    }


@pytest.mark.django_db
def test_no_content_loaded_is_503_naming_content(client, settings):
    settings.REDIS_URL = ""
    ContentLoad.objects.all().delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "content": "failing"}


@pytest.mark.django_db
def test_it_tells_nothing_about_versions_or_addresses(client, curriculum, settings):
    settings.REDIS_URL = REDIS_DOWN
    text = client.get("/healthz").content.decode()
    assert "127.0.0.1" not in text
    assert ContentLoad.objects.get().version not in text
    assert "Django" not in text and "Error" not in text
