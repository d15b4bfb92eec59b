"""Who may open what: every URL of the platform, for every role, with the status each
gets by GET and by POST. The table is generated from nothing: it is written down here
and checked against the URL list, so a new URL without a row fails the test, and a change
in who may see something shows up as a changed row in review.

Roles, in the order of each row's statuses: anonymous, participant (a phone that joined
the workshop), learner (an account in the owning organisation), trainer and admin of
another organisation, trainer and admin of the owning organisation. 302 for anonymous
and participant on a staff page is the login redirect (checked below); 404 is how a page
of another organisation answers, the same as for a page that does not exist. Every
answer, whatever its status, carries the Content-Security-Policy header.
"""

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.security.world import ROLES, World, path_for, url_names

# "name": (GET statuses, POST statuses), one per role in ROLES order.
MATRIX = {
    "accounts:home": ("302 302 200 200 200 200 200", "302 302 200 200 200 200 200"),
    "accounts:certificate-name": ("302 302 405 405 405 405 405", "302 302 302 302 302 302 302"),
    "accounts:login": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "accounts:logout": ("405 405 405 405 405 405 405", "302 302 302 302 302 302 302"),
    "accounts:organisation": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "accounts:signup": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    # Everyone's own data; deleting one's account needs the password (none sent: 400).
    "accounts:your-data": ("302 302 200 200 200 200 200", "302 302 200 200 200 200 200"),
    "accounts:export": ("302 302 200 200 200 200 200", "302 302 200 200 200 200 200"),
    "accounts:erase": ("302 302 405 405 405 405 405", "302 302 400 400 400 400 400"),
    # A member's data (the learner) and the audit log: the organisation's admin only;
    # erasing asks for its confirmation button (none sent: 400).
    "accounts:member-export": ("302 302 404 404 404 404 200", "302 302 404 404 404 404 200"),
    "accounts:member-erase": ("302 302 405 405 405 405 405", "302 302 404 404 404 404 400"),
    "accounts:audit-log": ("302 302 404 404 404 404 200", "302 302 404 404 404 404 200"),
    # The learning record store settings: admin only; a POST without its fields is 400.
    "accounts:xapi": ("302 302 404 404 404 404 200", "302 302 404 404 404 404 400"),
    "api-schema": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "api:api-combinations": ("400 400 400 400 400 400 400", "400 400 400 400 400 400 400"),
    "api:api-substance": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "api:api-substances": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "api:api-training": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "api:api-trainings": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "assessments:answers": ("302 302 302 302 302 302 302", "302 302 302 302 302 302 302"),
    "assessments:choose-scales": ("302 302 405 405 405 405 405", "302 302 404 404 404 302 302"),
    "assessments:done": ("302 302 302 302 302 302 302", "302 302 302 302 302 302 302"),
    "assessments:follow-up": ("302 302 405 405 405 405 405", "302 302 404 404 404 302 302"),
    "assessments:index": ("302 302 404 200 200 200 200", "302 302 404 200 200 200 200"),
    "assessments:measurement": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "assessments:measurement-csv": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "assessments:measurement-pdf": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "assessments:measurement-report": (
        "302 302 404 404 404 200 200",
        "302 302 404 404 404 200 200",
    ),
    "assessments:paste-scale": ("302 302 404 200 200 200 200", "302 302 404 200 200 200 200"),
    "assessments:scales": ("302 302 404 200 200 200 200", "302 302 404 200 200 200 200"),
    "assessments:self-paced": ("302 302 302 302 302 302 302", "302 302 302 302 302 302 302"),
    "assessments:take": ("200 200 200 200 200 200 200", "400 400 400 400 400 400 400"),
    "assessments:training-csv": ("302 302 404 200 200 200 200", "302 302 404 200 200 200 200"),
    "assessments:training-pdf": ("302 302 404 200 200 200 200", "302 302 404 200 200 200 200"),
    "assessments:training-report": ("302 302 404 200 200 200 200", "302 302 404 200 200 200 200"),
    "cards:card": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "cards:compose": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "cards:compose-pdf": ("400 400 400 400 400 400 400", "400 400 400 400 400 400 400"),
    "cards:deck": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "cards:deck-pdf": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "cards:index": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "certificate": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "certificate-pdf": ("302 302 200 403 403 403 403", "302 302 200 403 403 403 403"),
    "health": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    # Off unless JOURNEYS_METRICS_TOKEN is set, and then only with it (tests/core/test_metrics.py).
    "metrics": ("404 404 404 404 404 404 404", "404 404 404 404 404 404 404"),
    "knowledge:combinations": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "knowledge:index": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "knowledge:interventions": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "knowledge:route": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "knowledge:substance": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "mi:conversation": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "mi:listening": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "mi:practice": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "mi:summary": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "trainings:answer": ("302 302 405 405 405 405 405", "302 302 400 400 400 400 400"),
    "trainings:catalogue": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "trainings:claim": ("302 302 405 405 405 405 405", "302 302 403 403 403 403 403"),
    "trainings:detail": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "trainings:done": ("302 302 405 405 405 405 405", "302 302 302 302 302 302 302"),
    "trainings:enrol": ("302 302 405 405 405 405 405", "302 302 302 302 302 302 302"),
    "trainings:guide": ("302 302 403 200 200 200 200", "302 302 403 200 200 200 200"),
    # The training as a SCORM package: for trainers and administrators, as the guide.
    "trainings:scorm": ("302 302 403 200 200 200 200", "302 302 403 200 200 200 200"),
    "trainings:learn": ("302 302 200 200 200 200 200", "302 302 200 200 200 200 200"),
    "trainings:learners": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "trainings:lesson": ("302 302 200 200 200 200 200", "302 302 200 200 200 200 200"),
    # The organisation's CSV exports: its administrators only.
    "trainings:progress-csv": ("302 302 404 404 404 404 200", "302 302 404 404 404 404 200"),
    "trainings:certificates-csv": ("302 302 404 404 404 404 200", "302 302 404 404 404 404 200"),
    "trainings:revoke": ("302 302 405 405 405 405 405", "302 302 404 404 404 404 302"),
    "workshops:act": ("405 405 405 405 405 405 405", "403 403 404 404 404 302 302"),
    "workshops:add": ("302 302 405 405 405 405 405", "302 302 404 404 404 400 400"),
    "workshops:add-exercise": ("302 302 405 405 405 405 405", "302 302 404 404 404 302 302"),
    "workshops:add-questionnaire": ("302 302 405 405 405 405 405", "302 302 404 404 404 302 302"),
    "workshops:answer": ("405 405 405 405 405 405 405", "403 400 403 403 403 403 403"),
    "workshops:control": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "workshops:end": ("405 405 405 405 405 405 405", "403 403 404 404 404 302 302"),
    "workshops:export": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "workshops:index": ("302 302 404 200 200 200 200", "302 302 404 400 400 400 400"),
    "workshops:join": ("200 200 200 200 200 200 200", "400 400 400 400 400 400 400"),
    "workshops:joining": ("405 405 405 405 405 405 405", "403 403 404 404 404 302 302"),
    "workshops:leaderboard": ("405 405 405 405 405 405 405", "403 403 404 404 404 409 409"),
    "workshops:mine": ("403 200 403 403 403 403 403", "403 200 403 403 403 403 403"),
    "workshops:named": ("405 405 405 405 405 405 405", "403 302 403 403 403 403 403"),
    "workshops:next": ("405 405 405 405 405 405 405", "403 403 404 404 404 409 409"),
    "workshops:participant": ("302 200 302 302 302 302 302", "302 200 302 302 302 302 302"),
    "workshops:participant-events": ("501 501 501 501 501 501 501", "501 501 501 501 501 501 501"),
    "workshops:plans": ("302 302 404 200 200 200 200", "302 302 404 200 200 200 200"),
    "workshops:plan-new": ("302 302 404 200 200 200 200", "302 302 404 400 400 400 400"),
    "workshops:plan": ("302 302 404 404 404 200 200", "302 302 404 404 404 400 400"),
    "workshops:plan-start": ("302 302 405 405 405 405 405", "302 302 404 404 404 400 400"),
    "workshops:plan-own": ("302 302 405 405 405 405 405", "302 302 404 404 404 400 400"),
    "workshops:plan-add": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "workshops:plan-add-from": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "workshops:plan-pick": ("302 302 404 404 404 200 200", "302 302 404 404 404 400 400"),
    "workshops:plan-item": ("302 302 405 405 405 405 405", "302 302 404 404 404 302 302"),
    "workshops:plan-default": ("302 302 404 200 200 200 200", "302 302 404 200 200 200 200"),
    "workshops:plan-default-start": (
        "302 302 405 405 405 405 405",
        "302 302 404 400 400 400 400",
    ),
    "workshops:plan-default-copy": (
        "302 302 405 405 405 405 405",
        "302 302 404 400 400 400 400",
    ),
    "workshops:present": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "workshops:remove": ("405 405 405 405 405 405 405", "403 403 404 404 404 302 302"),
    "workshops:report": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "workshops:review": ("405 405 405 405 405 405 405", "403 403 404 404 404 409 409"),
    "workshops:room-events": ("501 501 501 501 501 501 501", "501 501 501 501 501 501 501"),
    # When and where (an empty form clears it), its .ics, the trainer's agenda page (a
    # POST without a choice: 400) and the agenda feed, opened by its secret token alone.
    "workshops:when": ("302 302 405 405 405 405 405", "302 302 404 404 404 302 302"),
    "workshops:calendar": ("302 302 404 404 404 200 200", "302 302 404 404 404 200 200"),
    "workshops:agenda": ("302 302 404 200 200 200 200", "302 302 404 400 400 400 400"),
    "workshops:agenda-feed": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "workshops:word": ("405 405 405 405 405 405 405", "403 403 404 404 404 409 409"),
    # Variants: the same URL pointing at the shared self-paced measurement, which every
    # trainer may read (their own learners' answers only) and only a site administrator
    # may change.
    "assessments:measurement@self-paced": (
        "302 302 404 200 200 200 200",
        "302 302 404 200 200 200 200",
    ),
    "assessments:measurement-csv@self-paced": (
        "302 302 404 200 200 200 200",
        "302 302 404 200 200 200 200",
    ),
    "assessments:follow-up@self-paced": (
        "302 302 405 405 405 405 405",
        "302 302 404 403 403 403 403",
    ),
}

# The event streams are answered before Django (journeys/workshops/streams.py); through
# Django they say 501. Their refusals are checked on a real server in
# tests/workshops/test_live_servers.py.
STREAMS = {"workshops:room-events", "workshops:participant-events"}
STAFF_ONLY = "302 302"  # the first two statuses of a page that needs a login


def _variant_kwargs(world: World, variant: str) -> dict[str, Any]:
    return {"self-paced": {"measurement_id": world.self_paced.pk}}[variant]


def test_every_url_has_a_row() -> None:
    names = {name for name, _ in url_names() if not name.startswith("admin:")}
    missing = sorted(names - {key.split("@")[0] for key in MATRIX})
    assert not missing, (
        f"add rows for these URLs to tests/security/test_access_matrix.py: {missing}"
    )
    unknown = sorted({key.split("@")[0] for key in MATRIX} - names)
    assert not unknown, f"rows for URLs that no longer exist: {unknown}"


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_each_role_gets_its_status(in_world: World, key: str) -> None:
    name, _, variant = key.partition("@")
    pattern = dict(url_names())[name]
    if variant:
        in_world.kwargs_by_name[key] = _variant_kwargs(in_world, variant)
        path = path_for(in_world, key, pattern, name=name)
    else:
        path = path_for(in_world, name, pattern)
    expected = dict(zip(("GET", "POST"), MATRIX[key], strict=True))
    got: dict[str, list[str]] = {"GET": [], "POST": []}
    for method in ("GET", "POST"):
        for role in ROLES:
            with transaction.atomic():  # each request sees the world as built
                client: Client = in_world.client(role)
                response = client.generic(method, path)
                got[method].append(str(response.status_code))
                assert response.has_header("Content-Security-Policy"), (method, path, role)
                if role in ("anonymous", "participant") and response.status_code == 302:
                    _assert_not_a_way_in(response["Location"])
                transaction.set_rollback(True)
    assert {m: " ".join(s) for m, s in got.items()} == expected, path


def _assert_not_a_way_in(location: str) -> None:
    """A 302 for someone without an account leads to a login, a questionnaire or a page
    anyone may see, never to a staff page."""
    staff_prefixes = ("/workshops/", "/assessments/", "/organisations/")
    assert not location.startswith(staff_prefixes) or location.startswith(
        reverse("accounts:login")
    ), location


def test_the_admin_is_only_for_site_staff(in_world: World) -> None:
    """Django's admin: every named page sends all seven roles to the admin login (none of
    them is site staff; an organisation's admin is not)."""
    for name, pattern in url_names():
        if not name.startswith("admin:") or name in ("admin:login", "admin:logout"):
            continue
        path = path_for(in_world, name, pattern)
        for role in ROLES:
            response = in_world.client(role).get(path)
            assert response.status_code == 302, (name, role, response.status_code)
            assert response["Location"].startswith(reverse("admin:login")), (name, role)
