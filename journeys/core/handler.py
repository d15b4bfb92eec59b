"""Django's ASGI handler with the whole request in one thread: one hop from the event loop.

Under ASGI, Django runs its middleware chain in async mode. With classic middleware in
the chain, a request went from the event loop to a thread (the middleware), back to the
loop (Django's async core), to the thread again (the view) and back twice more: each
hop waits for the loop, which in a live workshop is busy with thousands of event
streams, while the request holds its worker's turn (core/gate.py). Profiled under a
burst of answers on PostgreSQL, request threads spent about half their time waiting for
those hops. Here the chain is built in sync mode and run by one `sync_to_async` call, as
under WSGI; the few async views (the trainer's live controls) are adapted by Django.
"""

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest, HttpResponseBase


class OneThreadASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        self.load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)
