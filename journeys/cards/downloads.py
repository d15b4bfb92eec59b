"""Card PDFs for the site: each built once, stored by what it holds, a few built at a time.

Building a deck's PDF costs 0.2 to 2.6 s of CPU (WeasyPrint); serving a stored one costs
a file read. Anyone may ask for any combination of cards, so:

- A PDF is stored under a hash of everything that decides its bytes: the content load,
  language, size, layout, site address, line on the back, title and the cards in print
  order. The same deck asked for with its cards in another order, twice, or with extra
  parameters is the same file (the compose form puts cards in the page's order).
- The fixed decks without a personal line live in var/cards/: a few dozen files per
  content load. Decks composed on the site, and decks with an organisation's line, live
  in var/cards/composed/, kept under JOURNEYS_CARD_PDF_CACHE_MB by removing the files
  served least recently (serving a file touches it).
- Building a new PDF costs the asking address one of JOURNEYS_RATE_CARD_PDF per minute;
  a stored one is free.
- One process builds BUILDS_AT_ONCE PDF at a time: on a 2-core machine two builds at
  once are no faster (WeasyPrint holds the GIL), and every build in progress slows every
  other page the process serves. At most WAITING more requests wait, each for at most
  WAIT_S, since a waiting request holds a thread and a database connection; the rest are
  told to come back in RETRY_BUSY_S (503). Measured with bench/cards.py on one worker
  (2 cores, shared): the catalogue page took a median 51 ms while four new decks were
  asked for at once, against 80 ms when all four were built together (12-15 ms alone);
  three of the four got their PDF, one the 503.
"""

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from journeys.cards.pdf import write_atomically
from journeys.core import limits
from journeys.core.content.readmodel import content_version

BUILDS_AT_ONCE = 1
WAITING = 2
WAIT_S = 5.0
RETRY_BUSY_S = 5
RETRY_LIMITED_S = 60  # the rate limit counts per minute


class TooMany(Exception):
    """This address has had its new PDFs for this minute."""


class Busy(Exception):
    """Enough PDFs are being built or waited for in this process already."""


def stored_or_built(
    key_parts: Sequence[object], build: Callable[[], bytes], who: str, composed: bool
) -> bytes:
    """The PDF that `key_parts` describe: stored, or built by `build` and stored.
    Raises TooMany or Busy instead of building; errors from `build` pass through."""
    path = _path(key_parts, composed)
    pdf = _read(path)
    if pdf is not None:
        return pdf
    if not limits.allow("card-pdf", who, settings.RATE_CARD_PDF):
        raise TooMany
    with build_slot():
        pdf = _read(path)  # built by another request while this one waited
        if pdf is None:
            pdf = build()
            _store(path, pdf, composed)
    return pdf


def composed_dir() -> Path:
    return Path(settings.VAR_DIR) / "cards" / "composed"


# ---------------------------------------------------------------- the build slot

_lock = threading.Lock()
_building = threading.BoundedSemaphore(BUILDS_AT_ONCE)
_in_line = 0  # requests building or waiting to build in this process


@contextmanager
def build_slot() -> Iterator[None]:
    """Hold one of this process's build slots; Busy when the line is full or the wait
    runs out."""
    global _in_line
    with _lock:
        if _in_line >= BUILDS_AT_ONCE + WAITING:
            raise Busy
        _in_line += 1
    try:
        if not _building.acquire(timeout=WAIT_S):
            raise Busy
        try:
            yield
        finally:
            _building.release()
    finally:
        with _lock:
            _in_line -= 1


def in_line() -> int:
    """Requests building or waiting to build in this process."""
    return _in_line


# ---------------------------------------------------------------- the store


def _path(key_parts: Sequence[object], composed: bool) -> Path:
    key = hashlib.sha256(repr([content_version(), *key_parts]).encode()).hexdigest()
    directory = composed_dir() if composed else Path(settings.VAR_DIR) / "cards"
    return directory / f"{key[:32]}.pdf"


def _read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
        _touch(path)
    except FileNotFoundError:  # never built, or just removed to make room
        return None
    return data


def _store(path: Path, data: bytes, composed: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)
    if composed:
        _touch(path)
        _make_room(path.parent, settings.CARD_PDF_CACHE_MB * 1024 * 1024, keep=path)


def _touch(path: Path) -> None:
    """Served now: the last to be removed. The exact time, as the file system's own clock
    moves in steps of milliseconds and would tie files served one after the other."""
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def _make_room(directory: Path, most_bytes: float, keep: Path) -> None:
    """Remove the PDFs served least recently until the rest fit in `most_bytes`."""
    files = []
    for path in directory.glob("*.pdf"):
        try:
            stat = path.stat()
        except FileNotFoundError:  # removed by another process
            continue
        files.append((stat.st_mtime_ns, stat.st_size, path))
    total = sum(size for _served, size, _path in files)
    for _served, size, path in sorted(files):
        if total <= most_bytes:
            break
        if path != keep:
            path.unlink(missing_ok=True)
            total -= size
