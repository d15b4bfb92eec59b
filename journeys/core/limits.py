"""Rate limits as fixed one-minute windows in the cache (Redis across processes)."""

import time

from django.core.cache import cache


def allow(kind: str, who: str, per_minute: int) -> bool:
    """Count one more `kind` for `who`; False once this minute's allowance is used."""
    window = int(time.time() // 60)
    key = f"limit:{kind}:{who}:{window}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=70)
        count = 1
    return count <= per_minute


def over(kind: str, who: str, per_minute: int) -> bool:
    """Whether `who` has used this minute's allowance, without counting."""
    window = int(time.time() // 60)
    return int(cache.get(f"limit:{kind}:{who}:{window}", 0)) >= per_minute
