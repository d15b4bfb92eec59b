"""xAPI 1.0.3 statements about learning events, as plain data (docs/integrations.md).

A statement says who (the actor), did what (an ADL verb), to what (an activity, whose id
is a stable address of this site under JOURNEYS_SITE_URL), with what result. What a
learner wrote never goes in: no `response`, no answers, no free text; only whether an
exercise is complete and, for scored ones, the score and whether it passed. The apps
that own the events build them here (journeys/trainings/statements.py) and put them in
the outbox with journeys/accounts/lrs.py; this module reads no database.

The actor is one of two kinds, per organisation's choice:
- `account`: the person's account name on the organisation's home page, for an LRS
  that already knows the learners by that name;
- `opaque`: an id made from the site's secret key, the organisation and the account
  (a keyed hash): the same person always gets the same id in one organisation, a
  different one in another, and the id cannot be turned back into the account.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.conf import settings
from django.utils.crypto import salted_hmac

VERSION = "1.0.3"

# ADL verbs (http://adlnet.gov/expapi/verbs/) with their English display.
COMPLETED = "completed"
ANSWERED = "answered"
PASSED = "passed"
FAILED = "failed"
ATTENDED = "attended"
VERBS = (COMPLETED, ANSWERED, PASSED, FAILED, ATTENDED)

# ADL activity types (http://adlnet.gov/expapi/activities/).
COURSE = "course"
LESSON = "lesson"
INTERACTION = "cmi.interaction"
ASSESSMENT = "assessment"
MEETING = "meeting"
ACTIVITY_TYPES = (COURSE, LESSON, INTERACTION, ASSESSMENT, MEETING)

ACCOUNT = "account"
OPAQUE = "opaque"

Statement = dict[str, Any]


def verb_id(verb: str) -> str:
    return f"http://adlnet.gov/expapi/verbs/{verb}"


def activity_type_id(kind: str) -> str:
    return f"http://adlnet.gov/expapi/activities/{kind}"


def site_url(path: str) -> str:
    """The stable, absolute address of a page of this site: `path` starts with "/"."""
    return settings.SITE_URL + path


@dataclass(frozen=True)
class Activity:
    path: str  # the page's path on this site, e.g. /trainings/addiction/
    kind: str  # one of ACTIVITY_TYPES
    name: Mapping[str, str]  # language -> name, e.g. {"en": "Addiction", "nl": "Verslaving"}

    def as_xapi(self) -> dict[str, Any]:
        definition: dict[str, Any] = {"type": activity_type_id(self.kind)}
        names = {language: text for language, text in self.name.items() if text}
        if names:
            definition["name"] = names
        return {"objectType": "Activity", "id": site_url(self.path), "definition": definition}


@dataclass(frozen=True)
class Result:
    completion: bool | None = None
    success: bool | None = None
    score: float | None = None
    max_score: float | None = None

    def as_xapi(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if self.score is not None and self.max_score:
            raw = max(0.0, min(self.score, self.max_score))
            result["score"] = {
                "raw": raw,
                "min": 0,
                "max": self.max_score,
                "scaled": round(raw / self.max_score, 4),
            }
        if self.success is not None:
            result["success"] = self.success
        if self.completion is not None:
            result["completion"] = self.completion
        return result


def actor(kind: str, *, organisation_key: str, account_name: str, home_page: str) -> dict[str, Any]:
    """The statement's actor. `organisation_key` and `account_name` make the opaque id
    (with the site's secret key); `home_page` is the organisation's, for `account`."""
    if kind == ACCOUNT:
        return {"objectType": "Agent", "account": {"homePage": home_page, "name": account_name}}
    if kind != OPAQUE:
        raise ValueError(f"unknown actor kind {kind!r}")
    opaque = salted_hmac(
        "journeys.xapi.actor", f"{organisation_key}\n{account_name}", algorithm="sha256"
    ).hexdigest()
    return {"objectType": "Agent", "account": {"homePage": settings.SITE_URL, "name": opaque}}


def statement(
    statement_id: UUID,
    who: Mapping[str, Any],
    verb: str,
    activity: Activity,
    timestamp: datetime,
    *,
    result: Result | None = None,
    parent: Activity | None = None,
) -> Statement:
    """One statement; `parent` is the training a lesson or an exercise belongs to."""
    if verb not in VERBS:
        raise ValueError(f"unknown verb {verb!r}")
    if activity.kind not in ACTIVITY_TYPES:
        raise ValueError(f"unknown activity type {activity.kind!r}")
    built: Statement = {
        "id": str(statement_id),
        "actor": dict(who),
        "verb": {"id": verb_id(verb), "display": {"en-US": verb}},
        "object": activity.as_xapi(),
        "timestamp": timestamp.isoformat(),
        "version": VERSION,
    }
    if result is not None and (shown := result.as_xapi()):
        built["result"] = shown
    if parent is not None:
        built["context"] = {"contextActivities": {"parent": [parent.as_xapi()]}}
    return built
