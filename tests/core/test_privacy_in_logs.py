"""Nothing a person wrote reaches a log line, an error report or a traceback, whatever
fails: a bug that quotes the value, or the database refusing the row and quoting it."""

import logging

import pytest
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client

from journeys.core.content.load import load_content
from journeys.trainings.models import Attempt
from tests.conftest import CONTENT_FIXTURES

MARKER = "unique-private-marker-5521"
REFLECTION = f"My brother {MARKER} uses every weekend and I am scared."


@pytest.fixture
def learner(participant) -> Client:
    load_content(CONTENT_FIXTURES / "learning")
    client = Client(raise_request_exception=False)
    client.force_login(participant)
    client.post("/learn/alpha/enrol/")
    return client


def quote_the_value(sender, instance, **kwargs):
    """A bug of the kind that leaked: an error message that quotes what was being saved."""
    raise RuntimeError(f"cannot save {instance.state!r}")


@pytest.fixture
def saving_fails():
    pre_save.connect(quote_the_value, sender=Attempt)
    yield
    pre_save.disconnect(quote_the_value, sender=Attempt)


def logged(caplog) -> str:
    """Everything the records hold, formatted as any handler would format them."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    assert all(record.exc_info is None for record in caplog.records)
    return "\n".join(formatter.format(record) for record in caplog.records)


def reflect(client: Client, accept: str = "text/html"):
    return client.post(
        "/learn/alpha/exercises/think/", {"text": REFLECTION}, headers={"accept": accept}
    )


def test_a_failing_save_logs_where_it_failed_but_not_the_reflection(learner, saving_fails, caplog):
    response = reflect(learner)
    assert response.status_code == 500
    assert MARKER not in response.content.decode()
    text = logged(caplog)
    assert "Internal Server Error: /learn/alpha/exercises/think/" in text
    assert "RuntimeError" in text and "quote_the_value" in text  # where and what, still
    assert MARKER not in text


def test_the_database_refusing_the_row_logs_no_values(learner, caplog):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's constraint errors name the constraint, never the row")
    table = Attempt._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT refuses_the_marker "
            f"CHECK (state::text NOT LIKE '%%{MARKER}%%')"
        )
    response = reflect(learner)
    assert response.status_code == 500
    text = logged(caplog)
    assert "IntegrityError" in text
    assert MARKER not in text  # PostgreSQL's message says "Failing row contains (...)"


@pytest.mark.parametrize("accept", ["text/html", "text/plain"])
def test_the_debug_error_report_hides_the_text(learner, saving_fails, settings, accept):
    settings.DEBUG = True
    response = reflect(learner, accept)
    assert response.status_code == 500
    report = response.content.decode()
    assert "RuntimeError" in report and "quote_the_value" in report
    assert MARKER not in report
    assert "text" in report  # the form field's name, without its value
