"""What live.py hands to open pages: events per audience and language. A module of its
own so that live.py (which sends them) and state.py (which builds them) need not import
each other."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

ROOM = "room"  # the trainer's presenter and control pages
PARTICIPANT = "participant"


@dataclass(frozen=True)
class Event:
    name: str  # the SSE event name the page listens for: "activity", "results", ...
    id: str
    data: str  # HTML

    def encode(self) -> bytes:
        lines = "".join(f"data: {line}\n" for line in self.data.splitlines() or [""])
        return f"id: {self.id}\nevent: {self.name}\n{lines}\n".encode()


Events = dict[tuple[str, str], list[Event]]  # (audience, language) -> events
# Builds the pages' events of one workshop: (workshop id, stage changed, wanted) -> events.
Builder = Callable[[int, bool, set[tuple[str, str]]], Awaitable[Events]]
