"""The shape of xAPI statements and the back-off of sending, as plain data."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from journeys.accounts import lrs, xapi

WHEN = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
TRAINING = xapi.Activity(
    "/trainings/addiction/", xapi.COURSE, {"en": "Addiction", "nl": "Verslaving"}
)
EXERCISE = xapi.Activity("/learn/addiction/exercises/quiz/", xapi.INTERACTION, {"en": "Quiz"})


def who(kind: str = xapi.OPAQUE, organisation: str = "1", name: str = "sam") -> dict[str, Any]:
    return xapi.actor(
        kind, organisation_key=organisation, account_name=name, home_page="https://org.example/"
    )


def test_a_scored_answer_has_its_score_success_and_parent_training(settings):
    settings.SITE_URL = "https://journeys.example.org"
    statement_id = uuid.uuid4()
    result = xapi.Result(completion=True, success=True, score=3, max_score=4)
    built = xapi.statement(
        statement_id, who(), xapi.ANSWERED, EXERCISE, WHEN, result=result, parent=TRAINING
    )
    assert built["id"] == str(statement_id)
    assert built["version"] == "1.0.3"
    assert built["verb"] == {
        "id": "http://adlnet.gov/expapi/verbs/answered",
        "display": {"en-US": "answered"},
    }
    assert built["object"] == {
        "objectType": "Activity",
        "id": "https://journeys.example.org/learn/addiction/exercises/quiz/",
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "name": {"en": "Quiz"},
        },
    }
    assert built["result"] == {
        "score": {"raw": 3, "min": 0, "max": 4, "scaled": 0.75},
        "success": True,
        "completion": True,
    }
    parent = built["context"]["contextActivities"]["parent"][0]
    assert parent["id"] == "https://journeys.example.org/trainings/addiction/"
    assert parent["definition"]["type"] == "http://adlnet.gov/expapi/activities/course"
    assert built["timestamp"] == "2026-03-01T12:00:00+00:00"


def test_an_unscored_answer_says_only_that_it_is_complete():
    built = xapi.statement(
        uuid.uuid4(), who(), xapi.ANSWERED, EXERCISE, WHEN, result=xapi.Result(completion=True)
    )
    assert built["result"] == {"completion": True}
    assert "context" not in built


def test_the_account_actor_is_the_account_name_on_the_organisations_home_page():
    assert who(xapi.ACCOUNT) == {
        "objectType": "Agent",
        "account": {"homePage": "https://org.example/", "name": "sam"},
    }


def test_the_opaque_actor_is_stable_per_person_and_organisation_and_hides_the_name(settings):
    settings.SITE_URL = "https://journeys.example.org"
    first = who(xapi.OPAQUE, "1", "sam")
    assert first == who(xapi.OPAQUE, "1", "sam")
    assert first != who(xapi.OPAQUE, "2", "sam")
    assert first != who(xapi.OPAQUE, "1", "kim")
    name = first["account"]["name"]
    assert "sam" not in name and len(name) == 64
    assert first["account"]["homePage"] == "https://journeys.example.org"


def test_the_opaque_actor_changes_with_the_secret_key(settings):
    before = who(xapi.OPAQUE)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert who(xapi.OPAQUE) != before


def test_unknown_verbs_activity_types_and_actor_kinds_are_refused():
    with pytest.raises(ValueError, match="verb"):
        xapi.statement(uuid.uuid4(), who(), "liked", EXERCISE, WHEN)
    with pytest.raises(ValueError, match="activity type"):
        xapi.statement(uuid.uuid4(), who(), xapi.ANSWERED, xapi.Activity("/x/", "video", {}), WHEN)
    with pytest.raises(ValueError, match="actor"):
        who("email")


def test_a_score_out_of_range_is_kept_within_it():
    assert xapi.Result(score=5, max_score=4).as_xapi()["score"]["raw"] == 4
    assert xapi.Result(score=-1, max_score=4).as_xapi()["score"]["scaled"] == 0


def test_the_back_off_starts_at_a_minute_doubles_and_stops_at_six_hours():
    assert lrs.backoff(0) == timedelta(0)
    assert [lrs.backoff(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert lrs.backoff(9) == timedelta(minutes=256)
    assert lrs.backoff(10) == timedelta(hours=6)
    assert lrs.backoff(10_000) == timedelta(hours=6)
