"""One request at a time through Django in each worker, first come first served.

Django answers a request's synchronous part in a thread of its own, and Python runs one
thread at a time: eight requests at once take turns on the interpreter lock, each is
slowed by the others, and the time spent handing the lock over is lost. Measured on one
worker with 8 connections (docs/performance.md): a logged-in lesson page went from
about 120 to about 165 requests a second, its p99 from 110-190 ms to about 70 ms, and
live answers' p99 from about 190 to 150 ms with 300 phones, once requests queued here
instead of in the interpreter.

A request that has waited `patience` seconds goes ahead anyway, alongside the one that
holds the turn: a slow request (a PDF being built, a large export read slowly by its
client) holds the others up by at most that. The live event streams are answered before
this gate (journeys/workshops/streams.py) and never wait in it.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

ASGIApp = Callable[[Any, Any, Any], Awaitable[None]]


class OneAtATime:
    def __init__(self, app: ASGIApp, patience: float) -> None:
        self.app = app
        self.patience = patience
        self._turn = asyncio.Lock()  # fair: waiters get the turn in the order they came

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or self.patience <= 0:
            await self.app(scope, receive, send)
            return
        try:
            async with asyncio.timeout(self.patience):  # no task of its own, unlike wait_for
                await self._turn.acquire()
        except TimeoutError:
            await self.app(scope, receive, send)  # waited long enough: go alongside
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self._turn.release()
