"""Live events: from an answer stored in the database to every open page, cheaply.

A view stores an answer, then calls `changed()`. Per workshop, changes are coalesced
into at most one event every INTERVAL seconds (never one per vote) and published: to
Redis pub/sub when REDIS_URL is set, so that every process hears it, else straight to
this process. Each process holds ONE subscription (a pattern over all workshops) and,
per workshop with open pages here, builds the pages' new HTML once per event and hands
it to each open Server-Sent-Events stream. A stream keeps only the newest event of each
name, so a slow phone skips states instead of falling behind.

The database stays the truth: a page that (re)connects gets the current state first.

A participant the trainer removes is told on their own stream, the same way: `removed()`
is published (to Redis, or straight here), and each process ends that participant's
streams after the message (streams.py).
"""

import asyncio
import concurrent.futures
import contextlib
import logging
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from asgiref.sync import async_to_sync
from django.conf import settings

from journeys.core import metrics
from journeys.workshops.events import PARTICIPANT, ROOM, Builder, Event, Events

__all__ = ["PARTICIPANT", "ROOM", "Event", "Events", "Hub", "Listener", "hub", "notify"]

logger = logging.getLogger(__name__)

SUBSCRIBE_WAIT_S = 2.0  # how long a new stream waits for Redis to confirm the subscription
INTERVAL = 0.15  # seconds between two events of one workshop: at most ~7 a second
CHANNEL = "journeys:workshop:"


@dataclass(eq=False)
class Listener:
    """One open event stream."""

    workshop_id: int
    audience: str
    language: str
    participant_id: int | None = None  # a phone's stream: who joined with it
    removed: bool = False  # the trainer removed that participant: end the stream
    latest: dict[str, Event] = field(default_factory=dict)
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def offer(self, events: list[Event]) -> None:
        for event in events:
            self.latest[event.name] = event
        if events:
            self.wake.set()

    def take(self) -> list[Event]:
        events = list(self.latest.values())
        self.latest.clear()
        self.wake.clear()
        return events


@dataclass
class _Build:
    running: bool = False
    again: bool = False
    stage: bool = False


class Hub:
    """The events of one process (one event loop)."""

    def __init__(self, builder: Builder, redis_url: str = "") -> None:
        self.builder = builder
        self.redis_url = redis_url
        self.listeners: dict[int, set[Listener]] = defaultdict(set)
        self.last_published: dict[int, float] = {}
        self.pending: dict[int, bool] = {}  # workshop -> a stage change waits too
        self.builds: dict[int, _Build] = defaultdict(_Build)
        self.cached: dict[int, Events] = {}  # the newest events built, for new streams
        self._redis: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()  # Redis confirmed the subscription

    # ------------------------------------------------------------ streams

    async def listen(
        self, workshop_id: int, audience: str, language: str, participant_id: int | None = None
    ) -> Listener:
        listener = Listener(workshop_id, audience, language, participant_id)
        self.listeners[workshop_id].add(listener)
        await self._ensure_subscribed()
        return listener

    def leave(self, listener: Listener) -> None:
        listeners = self.listeners.get(listener.workshop_id)
        if listeners is not None:
            listeners.discard(listener)
            if not listeners:
                del self.listeners[listener.workshop_id]
                self.cached.pop(listener.workshop_id, None)
                build = self.builds.get(listener.workshop_id)
                if build is not None and not build.running:
                    del self.builds[listener.workshop_id]  # nothing left to build for

    async def catch_up(self, listener: Listener, stage: bool = True) -> None:
        """Give a new stream the current state: from the cache when it is fresh enough,
        else from one rebuild that every stream waiting for it shares."""
        cached = self.cached.get(listener.workshop_id, {})
        key = (listener.audience, listener.language)
        if key in cached:
            listener.offer(cached[key])
        else:
            await self.deliver(listener.workshop_id, stage=stage)

    # ------------------------------------------------------------ changes

    async def changed(self, workshop_id: int, stage: bool = False) -> None:
        """Something participants see changed (`stage`), or only answers did."""
        loop = asyncio.get_running_loop()
        self.forget(workshop_id, stage)
        if workshop_id in self.pending:
            self.pending[workshop_id] |= stage
            return
        wait = self.last_published.get(workshop_id, -1e9) + INTERVAL - loop.time()
        if stage or wait <= 0:
            await self._publish(workshop_id, stage)
        else:
            self._publish_later(workshop_id, stage, wait)

    async def removed(self, workshop_id: int, participant_id: int) -> None:
        """The trainer removed a participant: their streams, in every process, end."""
        redis = await self._connection()
        if redis is None:
            self.end_streams_of(workshop_id, participant_id)
        else:
            await redis.publish(f"{CHANNEL}{workshop_id}", f"removed {participant_id}")

    def end_streams_of(self, workshop_id: int, participant_id: int) -> None:
        for listener in self.listeners.get(workshop_id, ()):
            if listener.participant_id == participant_id:
                listener.removed = True
                listener.wake.set()

    def forget(self, workshop_id: int, stage: bool) -> None:
        """Drop cached events a change made stale: the room's always, everyone's on a
        stage change."""
        cached = self.cached.get(workshop_id, {})
        for key in list(cached):
            if stage or key[0] == ROOM:
                del cached[key]

    def _publish_later(self, workshop_id: int, stage: bool, wait: float) -> None:
        """Publish in `wait` seconds, with whatever else changed by then (`pending`)."""
        loop = asyncio.get_running_loop()
        self.pending[workshop_id] = stage
        loop.call_later(wait, lambda: loop.create_task(self._flush(workshop_id)))

    async def _flush(self, workshop_id: int) -> None:
        stage = self.pending.pop(workshop_id, False)
        await self._publish(workshop_id, stage)

    async def _publish(self, workshop_id: int, stage: bool) -> None:
        loop = asyncio.get_running_loop()
        self.last_published[workshop_id] = loop.time()
        redis = await self._connection()
        if redis is None:
            metrics.EVENTS_PUBLISHED.inc()
            await self.deliver(workshop_id, stage)
            return
        # Coalesce across processes too: each worker kept its own INTERVAL, so N workers
        # sent a busy room N times the events. Answers that another process's event,
        # published after them, already covers need none of their own; the claim expires
        # after INTERVAL, and whoever lost it tries again then, so the last answers of
        # a burst are always published by someone after they were stored.
        due = f"{CHANNEL}due:{workshop_id}"
        if not stage and not await redis.set(due, 1, nx=True, px=int(INTERVAL * 1000)):
            if workshop_id not in self.pending:
                self._publish_later(workshop_id, stage, INTERVAL)
            return
        metrics.EVENTS_PUBLISHED.inc()
        await redis.publish(f"{CHANNEL}{workshop_id}", "stage" if stage else "answers")

    async def deliver(self, workshop_id: int, stage: bool) -> None:
        """Build the pages' new state once and hand it to this process's streams."""
        if not self.listeners.get(workshop_id):
            return
        build = self.builds[workshop_id]
        build.stage |= stage
        if build.running:
            build.again = True
            return
        build.running = True
        try:
            while True:
                build.again, stage, build.stage = False, build.stage, False
                # Answers change only what the room sees: a process holding phones alone
                # has nothing to build for them.
                wanted = {
                    (lst.audience, lst.language)
                    for lst in self.listeners.get(workshop_id, ())
                    if stage or lst.audience == ROOM
                }
                if not wanted:
                    break
                events = await self.builder(workshop_id, stage, wanted)
                cache = self.cached.setdefault(workshop_id, {})
                for key, built in events.items():
                    merged = {event.name: event for event in [*cache.get(key, []), *built]}
                    cache[key] = list(merged.values())
                for listener in list(self.listeners.get(workshop_id, ())):
                    listener.offer(events.get((listener.audience, listener.language), []))
                if not build.again:
                    break
        finally:
            build.running = False

    # ------------------------------------------------------------ Redis

    async def _connection(self) -> Any:
        if not self.redis_url:
            return None
        if self._redis is None:
            from redis import asyncio as aioredis

            self._redis = aioredis.from_url(self.redis_url)
        return self._redis

    async def _ensure_subscribed(self) -> None:
        """Return once Redis has confirmed this process's subscription: a stream reads the
        current state after listening, so a change published in between must reach it.
        (A phone reconnecting to a restarted worker missed the next question that way.)
        Without Redis after SUBSCRIBE_WAIT_S: its state still comes from the database."""
        if not self.redis_url:
            return
        if self._reader is None:
            self._reader = asyncio.get_running_loop().create_task(self._read())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._subscribed.wait(), SUBSCRIBE_WAIT_S)

    async def _read(self) -> None:
        """The process's one subscription: every workshop's changes, from every process."""
        while True:
            try:
                redis = await self._connection()
                pubsub = redis.pubsub()
                await pubsub.psubscribe(f"{CHANNEL}*")
                async for message in pubsub.listen():
                    if message["type"] == "psubscribe":
                        self._subscribed.set()
                    if message["type"] != "pmessage":
                        continue
                    workshop_id = int(message["channel"].decode().removeprefix(CHANNEL))
                    if message["data"].startswith(b"removed "):
                        self.end_streams_of(workshop_id, int(message["data"].split()[1]))
                        continue
                    stage = message["data"] == b"stage"
                    self.forget(workshop_id, stage)
                    asyncio.get_running_loop().create_task(self.deliver(workshop_id, stage))
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis restarted or unreachable: try again shortly
                logger.warning("Redis subscription lost; reconnecting", exc_info=True)
                self._subscribed.clear()
                self._redis = None
                await asyncio.sleep(1)


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub]" = weakref.WeakKeyDictionary()


_builder: Builder | None = None


def use_builder(builder: Builder) -> None:
    """What hubs build events with (state.build_events): wired in once, by apps.py."""
    global _builder
    _builder = builder


def hub() -> Hub:
    """This event loop's hub (one per server process)."""
    if _builder is None:
        raise RuntimeError("live.use_builder() was not called: is the workshops app installed?")
    loop = asyncio.get_running_loop()
    if loop not in _hubs:
        _hubs[loop] = Hub(_builder, settings.REDIS_URL)
    return _hubs[loop]


_server_loop: asyncio.AbstractEventLoop | None = None


def serving_on(loop: asyncio.AbstractEventLoop) -> None:
    """The ASGI server's event loop, where this process's hub lives (asgi.py tells it)."""
    global _server_loop
    _server_loop = loop


def notify(workshop_id: int, stage: bool = False, removed: int | None = None) -> None:
    """Tell the pages from sync code (a view, or an action's `transaction.on_commit`).

    Under the ASGI server the change is handed to the server's event loop and the request
    goes on at once: waiting for the loop (and Redis) held the worker's one request slot
    (core/gate.py) for a few milliseconds per answer, which capped answers per second.
    The answer is already stored, so nothing waits for the event to be correct. Without
    a server (tests, commands) it runs here and now. `removed`: the participant the
    trainer removed, whose streams end."""

    async def changed() -> None:
        if removed is not None:
            await hub().removed(workshop_id, removed)
        await hub().changed(workshop_id, stage)

    loop = _server_loop
    if loop is not None and loop.is_running() and not loop.is_closed():
        future = asyncio.run_coroutine_threadsafe(changed(), loop)
        future.add_done_callback(_log_failure)
    else:
        async_to_sync(changed)()


def _log_failure(future: "concurrent.futures.Future[None]") -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.warning("A live event was not published", exc_info=future.exception())
