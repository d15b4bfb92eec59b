"""Database work outside a request's thread.

Django hands a request's database connection back when the request ends. Work that the
event loop sends to its own thread pool (`sync_to_async(..., thread_sensitive=False)`:
event-stream checks, live events) never ends a request, so the thread kept its connection
for good: with PostgreSQL's pool that was a pooled connection taken out forever per thread.
"""

from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.db import connections

P = ParamSpec("P")
R = TypeVar("R")


def off_request(function: Callable[P, R]) -> Callable[P, Awaitable[R]]:
    """`function` as a coroutine run in the event loop's thread pool, so that a slow query
    does not queue behind requests; its thread's connections go back when it returns."""

    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        finally:
            connections.close_all()

    return sync_to_async(run, thread_sensitive=False)
