"""journeys/core/gate.py: requests go through Django one at a time, in the order they
came; one that has waited its patience goes ahead alongside a slow one."""

import asyncio
from typing import Any

from journeys.core.gate import OneAtATime


class Recorder:
    """An ASGI app that notes when each request starts and ends, and how many ran at once."""

    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds
        self.events: list[str] = []
        self.running = 0
        self.most_at_once = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        name = scope["path"]
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        self.events.append(f"start {name}")
        await asyncio.sleep(self.seconds.get(name, 0.01))
        self.events.append(f"end {name}")
        self.running -= 1


async def _serve(gate: OneAtATime, paths: list[str], scope_type: str = "http") -> None:
    async def one(path: str, delay: float) -> None:
        await asyncio.sleep(delay)
        await gate({"type": scope_type, "path": path}, None, None)

    await asyncio.gather(*(one(path, 0.001 * n) for n, path in enumerate(paths)))


def test_quick_requests_run_one_at_a_time_in_the_order_they_came():
    app = Recorder({})
    asyncio.run(_serve(OneAtATime(app, patience=1.0), ["/a", "/b", "/c"]))
    assert app.most_at_once == 1
    assert app.events == ["start /a", "end /a", "start /b", "end /b", "start /c", "end /c"]


def test_a_request_that_waited_its_patience_goes_ahead_beside_a_slow_one():
    app = Recorder({"/report.pdf": 0.5})
    asyncio.run(_serve(OneAtATime(app, patience=0.05), ["/report.pdf", "/lesson"]))
    assert app.events == ["start /report.pdf", "start /lesson", "end /lesson", "end /report.pdf"]


def test_without_patience_or_for_other_scopes_nothing_waits():
    for gate_patience, scope_type in ((0, "http"), (1.0, "lifespan")):
        app = Recorder({"/a": 0.1, "/b": 0.1})
        asyncio.run(_serve(OneAtATime(app, patience=gate_patience), ["/a", "/b"], scope_type))
        assert app.most_at_once == 2
