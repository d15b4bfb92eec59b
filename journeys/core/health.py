"""What GET /healthz checks, for the reverse proxy and monitoring: the database answers,
Redis answers when it is configured, and content has been loaded. Each check says only
ok or failing: no versions, addresses or error messages that would help an attacker."""

from functools import cache

import redis
from django.conf import settings
from django.db import DatabaseError, connection

from journeys.core.models import current_content_version

# Short: a probe that hangs is worse than one that says failing.
REDIS_TIMEOUT_SECONDS = 1.0


@cache
def _redis(url: str) -> redis.Redis:
    return redis.Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
    )


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def redis_answers() -> bool:
    try:
        return bool(_redis(settings.REDIS_URL).ping())
    except redis.RedisError:
        return False


def content_loaded() -> bool:
    try:
        return current_content_version() != ""
    except DatabaseError:
        return False


def checks() -> dict[str, bool]:
    """Each check's name and whether it passed; Redis only when REDIS_URL is set."""
    results = {"database": database_answers(), "content": content_loaded()}
    if settings.REDIS_URL:
        results["redis"] = redis_answers()
    return results
