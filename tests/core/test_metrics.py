"""/metrics is off by default and never public: not found without JOURNEYS_METRICS_TOKEN,
and with it only for the right bearer token. Counts from two workers behind nginx:
tests/core/test_behind_nginx.py."""

import pytest

pytestmark = pytest.mark.django_db  # rendering the not-found page reads the database


@pytest.fixture
def metrics_on(settings, tmp_path):
    settings.METRICS_TOKEN = "the-scraper-token"
    settings.METRICS_DIR = tmp_path / "metrics"
    return settings


def test_it_is_not_found_while_metrics_are_off(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.parametrize(
    "authorization", ["", "Bearer", "Bearer the-scraper-toke", "the-scraper-token", "Basic x"]
)
def test_it_is_not_found_without_the_right_token(client, metrics_on, authorization):
    response = client.get("/metrics", HTTP_AUTHORIZATION=authorization)
    assert response.status_code == 404


def test_the_right_token_gets_prometheus_text(client, metrics_on):
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer the-scraper-token")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
