"""Forgetting who was in a workshop, once it is long over (docs/privacy.md#retention).

A workshop is over when it ended, or, if the trainer never ended it, when it started.
JOURNEYS_RETENTION_DAYS later its participants lose their nickname, their leaderboard
consent and their browser token (a phone that kept the cookie no longer leads to its
answers), and its questionnaires' pairing keys become anonymous pair ids
(journeys/assessments/retention.py). The rows stay: answer counts, tallies and the
pre/post report come out as before, and a participant's answers still count once.
"""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from journeys.assessments.retention import forget_measurements_keys
from journeys.core.maintenance import Counts
from journeys.workshops.models import Participant, Workshop


def forget_finished(now: datetime) -> Counts:
    cutoff = now - timedelta(days=settings.RETENTION_DAYS)
    over = Workshop.objects.filter(Q(ended__lt=cutoff) | Q(ended__isnull=True, created__lt=cutoff))
    remembered = Participant.objects.filter(workshop__in=over).exclude(nickname="")
    by_workshop: dict[int, list[int]] = {}
    for participant_id, workshop_id in remembered.order_by().values_list("pk", "workshop_id"):
        by_workshop.setdefault(workshop_id, []).append(participant_id)
    nicknames = 0
    for participant_ids in by_workshop.values():
        with transaction.atomic():
            for participant_id in participant_ids:
                # Conditional, so that a second run at the same time changes nothing again.
                nicknames += (
                    Participant.objects.filter(pk=participant_id)
                    .exclude(nickname="")
                    .update(nickname="", named=False, token=secrets.token_urlsafe(32))
                )
    measurements, keys = forget_measurements_keys(
        over.exclude(measurement=None).values_list("measurement_id", flat=True)
    )
    return {
        "workshops' nicknames forgotten": len(by_workshop),
        "participants' nicknames removed": nicknames,
        "workshops' pairing key sets anonymised": measurements,
        "workshop pairing keys anonymised": keys,
    }
