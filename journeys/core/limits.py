"""Rate limits: how often `who` may do `kind` per minute, in fixed one-minute windows.

The counters must be shared by every server process: with a count per process,
`journeys serve --workers 2` let twice the budget through. With REDIS_URL they live in
Redis (one INCR and EXPIRE in one round trip, on one connection pool per process:
Django's cache made a client per request under ASGI, so every answer opened a new Redis
connection); without it they live in the database instead (RateCounter: one row per key
and minute, incremented with one UPDATE in a transaction, so two processes never both
take the last unit). Rows older than the previous minute are deleted by the first count
of each key in a new minute.

Keys are keyed hashes of kind and who: no client address is stored in clear.
"""

import time
from functools import cache

import redis
from django.conf import settings
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
        count = int(_redis(settings.REDIS_URL).get(f"limit:{key}:{minute}") or 0)
    else:
        found = RateCounter.objects.filter(minute=minute, key=key).values_list("count", flat=True)
        count = found.first() or 0
    return count >= per_minute


def current_minute() -> int:
    return int(time.time() // 60)


def _key(kind: str, who: str) -> str:
    return salted_hmac("journeys.core.limits", f"{kind}\n{who}", algorithm="sha256").hexdigest()


@cache
def _redis(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def _count_in_redis(key: str, minute: int) -> int:
    name = f"limit:{key}:{minute}"
    with _redis(settings.REDIS_URL).pipeline(transaction=True) as pipe:
        pipe.incr(name)
        pipe.expire(name, 70)
        count, _expiry = pipe.execute()
    return int(count)


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
