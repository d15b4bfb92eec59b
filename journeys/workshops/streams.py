"""The live event streams, served straight from ASGI.

A Server-Sent-Events stream stays open for the whole workshop. Through Django's ASGI
handler each open stream kept a request, its middleware state and a worker thread of its
own (about 380 KB, and a thread, per phone; 1.1 GB for 3,000). Here a stream is one
small coroutine: the cookie is checked once, with one query in the shared thread pool,
and events go out with `send`. Every other request goes to Django unchanged."""

import asyncio
import contextlib
import re
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from importlib import import_module
from typing import Any
from urllib.parse import parse_qs

from asgiref.sync import sync_to_async
from django.conf import settings

from journeys.core import metrics
from journeys.core.threads import off_request
from journeys.workshops import live

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[Any]]
Send = Callable[[Any], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LANGUAGES = "|".join(code for code, _name in settings.LANGUAGES)
PARTICIPANT_PATH = re.compile(rf"^(?:/({LANGUAGES}))?/w/([A-Za-z0-9]{{1,12}})/events/$")
ROOM_PATH = re.compile(rf"^(?:/({LANGUAGES}))?/workshops/([0-9]{{1,12}})/events/$")
KEEPALIVE_SECONDS = 15.0


def with_event_streams(django: ASGIApp) -> ASGIApp:
    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        live.serving_on(asyncio.get_running_loop())  # where a view's live.notify() goes
        if scope["type"] == "http" and scope["method"] == "GET":
            path = scope["path"]
            if match := PARTICIPANT_PATH.match(path):
                return await participant_stream(scope, receive, send, *match.groups())
            if match := ROOM_PATH.match(path):
                return await room_stream(scope, receive, send, *match.groups())
        return await django(scope, receive, send)

    return application


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar.load(value.decode("latin-1"))
    return {key: morsel.value for key, morsel in jar.items()}


def _header(scope: Scope, wanted: bytes) -> str:
    return next((v.decode("latin-1") for n, v in scope.get("headers", []) if n == wanted), "")


def _query(scope: Scope, name: str) -> str:
    return str(parse_qs(scope.get("query_string", b"").decode("latin-1")).get(name, [""])[0])


def removed_event(listener: live.Listener) -> live.Event:
    """What a removed participant's phone shows in place of the activity."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(listener.language):
        html = render_to_string("workshops/_removed.html")
    return live.Event("activity", "removed", html)


async def _refuse(send: Send, status: int) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain")],
        }
    )
    await send({"type": "http.response.body", "body": b""})


async def participant_stream(
    scope: Scope, receive: Receive, send: Send, language: str | None, code: str
) -> None:
    from journeys.workshops.actions import normalise_code
    from journeys.workshops.models import Participant, Workshop

    code = normalise_code(code)
    token = _cookies(scope).get(f"workshop-{code}", "")

    def find() -> tuple[int, int] | None:
        found = (
            Participant.objects.filter(token=token, workshop__code=code, removed=False)
            .values_list("pk", "workshop_id")
            .first()
        )
        return found if token else None

    def current_stage(workshop_id: int) -> int:
        return Workshop.objects.values_list("stage", flat=True).get(pk=workshop_id)

    found = await off_request(find)()
    if found is None:
        return await _refuse(send, 403)
    participant_id, workshop_id = found
    hub = live.hub()
    listener = await hub.listen(
        workshop_id, live.PARTICIPANT, language or settings.LANGUAGE_CODE, participant_id
    )
    # The stage is read after listening: a change made in between is either in what is
    # read here or in an event this listener gets, never lost between the two.
    try:
        stage = await off_request(current_stage)(workshop_id)
    except BaseException:
        hub.leave(listener)
        raise
    seen = _header(scope, b"last-event-id") or _query(scope, "since")
    await _stream(hub, listener, receive, send, first=seen != str(stage))


async def room_stream(
    scope: Scope, receive: Receive, send: Send, language: str | None, workshop_id: str
) -> None:
    session_key = _cookies(scope).get(settings.SESSION_COOKIE_NAME, "")

    def allowed() -> bool:
        from django.contrib import auth
        from django.http import Http404, HttpRequest

        from journeys.workshops.actions import workshop_for_staff

        request = HttpRequest()
        request.session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        try:
            workshop_for_staff(auth.get_user(request), int(workshop_id))
        except Http404:
            return False
        return True

    if not session_key or not await off_request(allowed)():
        return await _refuse(send, 404)
    hub = live.hub()
    listener = await hub.listen(int(workshop_id), live.ROOM, language or settings.LANGUAGE_CODE)
    await _stream(hub, listener, receive, send, first=True)


async def _stream(
    hub: live.Hub, listener: live.Listener, receive: Receive, send: Send, first: bool
) -> None:
    """Send events until the client goes away: the current state first when asked."""
    disconnected = asyncio.Event()

    async def watch() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass
        disconnected.set()
        listener.wake.set()

    watcher = asyncio.get_running_loop().create_task(watch())
    metrics.STREAMS_OPEN.inc()
    try:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/event-stream; charset=utf-8"),
                    (b"cache-control", b"no-cache"),
                    (b"x-accel-buffering", b"no"),  # nginx: pass events on at once
                ],
            }
        )
        await send({"type": "http.response.body", "body": b"retry: 2000\n\n", "more_body": True})
        if first:
            await hub.catch_up(listener, stage=listener.audience == live.PARTICIPANT)
        while not disconnected.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(listener.wake.wait(), KEEPALIVE_SECONDS)
            if disconnected.is_set():
                break
            if listener.removed:  # tell the phone, then end: it may not reconnect
                event = await sync_to_async(removed_event, thread_sensitive=False)(listener)
                await send({"type": "http.response.body", "body": event.encode()})
                return
            events = listener.take()
            body = b"".join(event.encode() for event in events) or b": keep-alive\n\n"
            await send({"type": "http.response.body", "body": body, "more_body": True})
    except OSError:  # the connection broke while sending
        pass
    finally:
        metrics.STREAMS_OPEN.dec()
        hub.leave(listener)
        watcher.cancel()
