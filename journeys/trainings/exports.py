"""CSV exports for an organisation's administrator: its learners' progress and the
certificates it issued (docs/integrations.md, "CSV exports").

Only the organisation's own participants and its own certificates; cells through
journeys/core/spreadsheets.py, so a name such as `=HYPERLINK(...)` stays text. A fixed
number of queries whatever the number of learners. Each download is written to the
audit log, as other downloads of people's data are. No answer a learner wrote is in
either file: progress counts lessons and points only."""

import io
import math
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from journeys.accounts import audit
from journeys.accounts.models import Membership, Organisation, Role
from journeys.core import spreadsheets
from journeys.trainings.models import Attempt, Certificate, Enrolment, Lesson

PROGRESS_COLUMNS = [
    "learner",
    "username",
    "training",
    "enrolled",
    "lessons_completed",
    "lessons_total",
    "completed_at",
    "score_percent",
]
CERTIFICATE_COLUMNS = [
    "certificate",
    "holder",
    "training",
    "issued",
    "status",
    "verification_url",
]


def _day(moment: Any) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def progress_rows(organisation: Organisation) -> list[list[Any]]:
    """One row per learner (a participant of the organisation) and training they
    enrolled in, by username and then training."""
    learners = Membership.objects.filter(organisation=organisation, role=Role.PARTICIPANT)
    enrolments = (
        Enrolment.objects.filter(user__in=learners.values("user"))
        .select_related("user", "training")
        .annotate(lessons_done=Count("completions"))
        .order_by("user__username", "training__position", "training__slug")
    )
    totals = dict(
        Lesson.objects.values("training").annotate(n=Count("pk")).values_list("training", "n")
    )
    points = {
        (row["user"], row["exercise__training"]): row
        for row in Attempt.objects.filter(user__in=learners.values("user"), max_score__gt=0)
        .values("user", "exercise__training")
        .annotate(score=Sum("score"), max_score=Sum("max_score"))
    }
    rows = []
    for enrolment in enrolments:
        scored = points.get((enrolment.user_id, enrolment.training_id))
        score: int | str = ""
        if scored and scored["max_score"]:
            score = math.floor(100 * (scored["score"] or 0) / scored["max_score"])
        person: User = enrolment.user
        rows.append(
            [
                person.get_full_name() or person.get_username(),
                person.get_username(),
                str(enrolment.training),
                _day(enrolment.started),
                enrolment.lessons_done,
                totals.get(enrolment.training_id, 0),
                _day(enrolment.completed_at),
                score,
            ]
        )
    return rows


def certificate_rows(
    organisation: Organisation, verify_url: Callable[[str], str]
) -> list[list[Any]]:
    """One row per certificate the organisation issued, newest first. `verify_url`
    gives a certificate's public page from its code."""
    rows = []
    found = Certificate.objects.filter(organisation=organisation).select_related("training")
    for certificate in found.order_by("-issued_at", "code"):
        if certificate.erased_at:
            status = "withdrawn"  # at the holder's request; the name is gone
        elif certificate.revoked_at:
            status = "revoked"
        else:
            status = "valid"
        rows.append(
            [
                certificate.code,
                certificate.name,
                str(certificate.training),
                _day(certificate.issued_at),
                status,
                verify_url(certificate.code),
            ]
        )
    return rows


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = spreadsheets.Writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def export_progress(admin: User, organisation: Organisation) -> str:
    """The progress CSV; the caller checked that `admin` administers `organisation`."""
    with transaction.atomic():
        audit.record(admin, audit.Action.DATA_EXPORTED, organisation, "learners' progress (CSV)")
        return _csv(PROGRESS_COLUMNS, progress_rows(organisation))


def export_certificates(
    admin: User, organisation: Organisation, verify_url: Callable[[str], str]
) -> str:
    """The certificates CSV; the caller checked that `admin` administers `organisation`."""
    with transaction.atomic():
        audit.record(admin, audit.Action.DATA_EXPORTED, organisation, "certificates (CSV)")
        return _csv(CERTIFICATE_COLUMNS, certificate_rows(organisation, verify_url))
