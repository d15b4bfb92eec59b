"""Forgetting pairing keys while keeping the pairs (docs/privacy.md#retention); and
removing report PDFs no one asked for in JOURNEYS_PDF_CACHE_DAYS.

A pairing key is derived from a person's self-made code: whoever learns someone's code
(and holds the pairing key file) can find that person's answers. Reports need only to
know which responses belong together, so after the retention period each key becomes a
random anonymous pair id: every response with the same key in a measurement gets the same
id, so pairs, twice-used keys and the CSV's person numbers stay exactly as they were, and
no code leads to the answers any more. A code typed afterwards makes a new key that pairs
with nothing before it.

Anonymous ids start with ANONYMOUS, which no derived key (hex digits only) does: that is
how a later run knows what is done. One UPDATE per key, conditional on the old key, so two
runs at once never split a pair between two ids.
"""

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max

from journeys.assessments.models import Measurement, Response
from journeys.assessments.pdf import REPORTS
from journeys.core.maintenance import Counts, remove_unused_pdfs

ANONYMOUS = "pair-"


def anonymous_pair_id() -> str:
    return ANONYMOUS + secrets.token_hex(12)


def _anonymise(keys: Iterable[tuple[int, str]]) -> tuple[int, int]:
    """Give each (measurement id, pairing key) an anonymous pair id. Returns
    (measurements changed, keys replaced)."""
    measurements, replaced = set(), 0
    for measurement_id, key in keys:
        changed = Response.objects.filter(measurement_id=measurement_id, pair_key=key).update(
            pair_key=anonymous_pair_id()
        )
        if changed:
            measurements.add(measurement_id)
            replaced += 1
    return len(measurements), replaced


def forget_measurements_keys(measurement_ids: Iterable[int]) -> tuple[int, int]:
    """Every pairing key of these measurements becomes an anonymous pair id. Returns
    (measurements changed, keys replaced)."""
    keys = (
        Response.objects.filter(measurement_id__in=list(measurement_ids))
        .exclude(pair_key__startswith=ANONYMOUS)
        .order_by()
        .values_list("measurement_id", "pair_key")
        .distinct()
    )
    return _anonymise(list(keys))


def forget_self_paced_keys(now: datetime) -> Counts:
    """Self-paced measurements never end: a key goes when its person last answered more
    than JOURNEYS_RETENTION_DAYS ago. (Workshops' keys go with the workshop:
    journeys/workshops/retention.py.)"""
    cutoff = now - timedelta(days=settings.RETENTION_DAYS)
    stale = (
        Response.objects.filter(measurement__kind=Measurement.Kind.SELF_PACED)
        .exclude(pair_key__startswith=ANONYMOUS)
        .order_by()
        .values("measurement_id", "pair_key")
        .annotate(last=Max("submitted"))
        .filter(last__lt=cutoff)
    )
    _measurements, replaced = _anonymise(
        [(group["measurement_id"], group["pair_key"]) for group in stale]
    )
    return {"self-paced pairing keys anonymised": replaced}


def remove_unused_report_pdfs(now: datetime) -> Counts:
    return remove_unused_pdfs(REPORTS.directory, now)
