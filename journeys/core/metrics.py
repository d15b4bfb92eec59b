"""Prometheus metrics: open event streams, answers received, live events published and
request latency. Off unless JOURNEYS_METRICS_TOKEN is set: then every metric is a stand-in
that does nothing and prometheus_client is never imported.

With metrics on, each worker process writes its numbers to files in METRICS_DIR
(prometheus_client's multiprocess mode, PROMETHEUS_MULTIPROC_DIR, set in settings.py);
`journeys serve` empties the folder at start, and a scrape of /metrics, answered by any
worker, adds up all of them. The open-streams gauge counts only live processes: a worker
killed without a goodbye is forgotten at the next scrape."""

import hmac
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from prometheus_client import Counter, Gauge, Histogram

ASGIApp = Any
LIVE_GAUGE_FILE = re.compile(r"^gauge_live\w+_(\d+)\.db$")


class Unmeasured:
    """Stands in for a metric while metrics are off."""

    def inc(self, amount: float = 1) -> None:
        pass

    def dec(self, amount: float = 1) -> None:
        pass

    def observe(self, amount: float) -> None:
        pass


STREAMS_OPEN: "Gauge | Unmeasured"
ANSWERS: "Counter | Unmeasured"
EVENTS_PUBLISHED: "Counter | Unmeasured"
REQUEST_SECONDS: "Histogram | Unmeasured"

if settings.METRICS_TOKEN:
    from prometheus_client import Counter, Gauge, Histogram

    Path(settings.METRICS_DIR).mkdir(parents=True, exist_ok=True)
    STREAMS_OPEN = Gauge(
        "journeys_event_streams_open",
        "Server-Sent-Events streams open now (phones and presenters).",
        multiprocess_mode="livesum",
    )
    ANSWERS = Counter("journeys_answers", "Live answers stored.")
    EVENTS_PUBLISHED = Counter("journeys_live_events_published", "Live events published.")
    REQUEST_SECONDS = Histogram(
        "journeys_request_duration_seconds",
        "Time to answer a request (not the event streams), whole response sent.",
        buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    )
else:
    STREAMS_OPEN = ANSWERS = EVENTS_PUBLISHED = REQUEST_SECONDS = Unmeasured()


def timed(app: ASGIApp) -> ASGIApp:
    """The ASGI app, with each HTTP request's time observed; the app itself when off."""
    if not settings.METRICS_TOKEN:
        return app

    async def application(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        started = time.perf_counter()
        try:
            await app(scope, receive, send)
        finally:
            REQUEST_SECONDS.observe(time.perf_counter() - started)

    return application


def may_scrape(authorization: str) -> bool:
    """Whether `Authorization: Bearer <token>` carries the configured token."""
    token = settings.METRICS_TOKEN
    if not token:
        return False
    expected = f"Bearer {token}".encode()
    return hmac.compare_digest(authorization.encode(), expected)


def _forget_dead_workers(folder: Path) -> None:
    from prometheus_client import multiprocess

    for file in folder.iterdir():
        if match := LIVE_GAUGE_FILE.match(file.name):
            pid = int(match.group(1))
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                multiprocess.mark_process_dead(pid, str(folder))  # type: ignore[no-untyped-call]
            except PermissionError:  # alive, another user's
                pass


def exposition() -> tuple[bytes, str]:
    """Every worker's metrics together, in Prometheus' text format, and its content type."""
    from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
    from prometheus_client.multiprocess import MultiProcessCollector

    folder = Path(settings.METRICS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    _forget_dead_workers(folder)
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(folder))  # type: ignore[no-untyped-call]
    return generate_latest(registry), CONTENT_TYPE_LATEST
