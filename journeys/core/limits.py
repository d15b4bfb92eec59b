"""Rate limits: how often `who` may do `kind` per minute, in fixed one-minute windows.

The counters must be shared by every server process: with a count per process,
`journeys serve --workers 2` let twice the budget through. With REDIS_URL they live in
Redis (Django's cache); without it the cache is each process's own memory, so they live
in the database instead (RateCounter: one row per key and minute, incremented with one
UPDATE in a transaction, so two processes never both take the last unit). Rows older
than the previous minute are deleted by the first count of each key in a new minute.

Keys are keyed hashes of kind and who: no client address is stored in clear.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils.crypto import salted_hmac

from journeys.core.models import RateCounter


def allow(kind: str, who: str, per_minute: int) -> bool:
    """Count one more `kind` for `who`; False once this minute's allowance is used."""
    key, minute = _key(kind, who), current_minute()
    count = _count_in_redis(key, minute) if settings.REDIS_URL else _count_in_database(key, minute)
    return count <= per_minute


def over(kind: str, who: str, per_minute: int) -> bool:
    """Whether `who` has used this minute's allowance, without counting."""
    key, minute = _key(kind, who), current_minute()
    if settings.REDIS_URL:
        count = int(cache.get(f"limit:{key}:{minute}", 0))
    else:
        found = RateCounter.objects.filter(minute=minute, key=key).values_list("count", flat=True)
        count = found.first() or 0
    return count >= per_minute


def current_minute() -> int:
    return int(time.time() // 60)


def _key(kind: str, who: str) -> str:
    return salted_hmac("journeys.core.limits", f"{kind}\n{who}", algorithm="sha256").hexdigest()


def _count_in_redis(key: str, minute: int) -> int:
    name = f"limit:{key}:{minute}"
    cache.add(name, 0, timeout=70)
    try:
        return int(cache.incr(name))
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=70)
        return 1


def _count_in_database(key: str, minute: int) -> int:
    with transaction.atomic():
        RateCounter.objects.bulk_create(
            [RateCounter(minute=minute, key=key)], ignore_conflicts=True
        )
        counter = RateCounter.objects.filter(minute=minute, key=key)
        # The UPDATE locks the row until the transaction ends, so the count read back
        # is this request's own.
        counter.update(count=F("count") + 1)
        count = counter.values_list("count", flat=True).get()
        if count == 1:
            RateCounter.objects.filter(minute__lt=minute - 1).delete()
    return count
