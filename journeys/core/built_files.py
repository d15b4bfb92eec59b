"""Files that are costly to build (PDFs: card decks, reports, certificates), built once and
kept, so that building them does not hold up other people's pages.

Building a PDF costs 0.2 to 2.6 s of CPU (WeasyPrint); serving a stored one costs a file
read. So:

- A file is stored under a hash of everything that decides its bytes (the caller's key
  parts), on a `Shelf`: a folder in var/ and, for shelves that grow with use, a bound on
  the disk it may fill, kept by removing the files served least recently (serving a
  file touches it). Files are written whole or not at all.
- Without a task worker (JOURNEYS_TASKS unset) the request builds a missing file, and one
  process builds BUILDS_AT_ONCE file at a time: on a 2-core machine two builds at once
  are no faster (WeasyPrint holds the GIL), and every build in progress slows every
  other page the process serves. At most WAITING more requests wait, each for at most
  WAIT_S, since a waiting request holds a thread and a database connection; the rest are
  told to come back in RETRY_BUSY_S (503). Measured with bench/cards.py on one worker
  (2 cores, shared): the catalogue page took a median 51 ms while four new decks were
  asked for at once, against 80 ms when all four were built together (12-15 ms alone);
  three of the four got their PDF, one the 503.
- With JOURNEYS_TASKS=database a missing file is queued for `journeys worker` (Django's
  task interface, django-tasks' database backend), and the request is answered at once
  with how far along it is (`Waiting`). A marker file beside where the file will be
  holds the queued task's id, so asking again while it waits queues nothing new. Tasks
  carry ids, never what a person wrote or their name.
"""

import glob
import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

BUILDS_AT_ONCE = 1
WAITING = 2
WAIT_S = 5.0
RETRY_BUSY_S = 5
# A marker without a task id: its request died between marking and queueing.
MARK_LOST_S = 60


class Busy(Exception):
    """Enough files are being built or waited for in this process already."""


@dataclass(frozen=True)
class Shelf:
    """One kind of built file: its folder below var/ and the setting (in MB) that bounds
    the disk it may fill; none for shelves of a few fixed files. On a `grouped` shelf the
    first key part (an id, never a name) starts the file's name, so that every file of
    one thing can be found and removed (a certificate's PDFs when its holder is erased)."""

    folder: str
    bound_setting: str | None = None
    grouped: bool = False

    @property
    def directory(self) -> Path:
        return Path(settings.VAR_DIR) / self.folder

    def path(self, key_parts: Sequence[object]) -> Path:
        key = hashlib.sha256(repr(list(key_parts)).encode()).hexdigest()
        group = f"{key_parts[0]}-" if self.grouped else ""
        return self.directory / f"{group}{key[:32]}.pdf"

    def discard(self, group: object) -> None:
        """Remove every file of one group, and its build's marker."""
        if not self.grouped:
            raise ValueError("only a grouped shelf knows which files belong together")
        for path in self.directory.glob(f"{glob.escape(str(group))}-*"):
            path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Waiting:
    """A file not built yet: queued for the task worker, or (without one) refused for
    now because this process is building enough already ("busy")."""

    state: Literal["queued", "running", "failed", "busy"]
    ahead: int = 0  # tasks queued before this one


def background() -> bool:
    """Whether missing files are built by the task worker instead of the request."""
    return bool(settings.TASKS_MODE)


def stored_or_built(
    shelf: Shelf,
    key_parts: Sequence[object],
    build: Callable[[], bytes],
    before_building: Callable[[], None] = lambda: None,
) -> bytes:
    """The file that `key_parts` describe: stored, or built in this request and stored.
    `before_building` may raise to refuse a new build (a rate limit); raises Busy when
    this process is building enough already. Errors from `build` pass through."""
    path = shelf.path(key_parts)
    data = read(path)
    if data is not None:
        return data
    before_building()
    with build_slot():
        data = read(path)  # built by another request while this one waited
        if data is None:
            data = build()
            store(shelf, path, data)
    return data


def stored_or_queued(
    shelf: Shelf,
    key_parts: Sequence[object],
    build: Callable[[], bytes],
    enqueue: Callable[[str], str],
) -> bytes | Waiting:
    """The stored file, or with a task worker, how far its build is: `enqueue(requested)`
    queues the build task for the file named `requested` and returns the task's id.
    Without a worker, as `stored_or_built`."""
    if not background():
        try:
            return stored_or_built(shelf, key_parts, build)
        except Busy:
            return Waiting("busy")
    path = shelf.path(key_parts)
    data = read(path)
    if data is not None:
        return data
    marker = path.with_suffix(".queued")
    waiting = _queued(marker)
    if waiting is not None:
        return waiting
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:  # another request is queueing it right now
        return Waiting("queued")
    with os.fdopen(handle, "w") as file:
        file.write(enqueue(path.stem))
    return _queued(marker) or Waiting("queued")


def build_queued(
    shelf: Shelf, key_parts: Sequence[object], build: Callable[[], bytes], requested: str
) -> None:
    """In the task worker: build and store the file, then clear the mark of the request
    that queued it. The key is worked out again here: had something changed since (a new
    response), the file is stored under the new key, which that request asks for next."""
    path = shelf.path(key_parts)
    if read(path) is None:
        store(shelf, path, build())
    (shelf.directory / f"{requested}.queued").unlink(missing_ok=True)


def _queued(marker: Path) -> Waiting | None:
    """How far the task that `marker` names is; None when there is none to wait for (no
    marker, a lost or finished task: queue it anew). A failed one is reported once."""
    from django_tasks_db.models import DBTaskResult  # its app must be loaded first

    try:
        task_id = marker.read_text()
        marked = marker.stat().st_mtime
    except FileNotFoundError:
        return None
    if not task_id:
        if time.time() - marked < MARK_LOST_S:
            return Waiting("queued")
        marker.unlink(missing_ok=True)
        return None
    found = DBTaskResult.objects.filter(pk=task_id).values("status", "enqueued_at").first()
    if found is None or found["status"] == "SUCCESSFUL":
        marker.unlink(missing_ok=True)  # pruned, or built under a newer key
        return None
    if found["status"] == "FAILED":
        marker.unlink(missing_ok=True)  # the next request tries again
        return Waiting("failed")
    if found["status"] == "RUNNING":
        return Waiting("running")
    ahead = DBTaskResult.objects.ready().filter(enqueued_at__lt=found["enqueued_at"]).count()
    return Waiting("queued", ahead)


def answer(request: HttpRequest, made: bytes | Waiting, filename: str) -> HttpResponse:
    """The PDF as a download, or a page saying how far it is that asks again every few
    seconds (HTMX; a link without JavaScript) and becomes a link to it when it is made.
    Asking again carries ?waiting=1, so a made file is then linked rather than sent."""
    waiting = request.GET.get("waiting") == "1"
    if isinstance(made, bytes) and not waiting:
        response = HttpResponse(made, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    state = made.state if isinstance(made, Waiting) else "ready"
    context = {
        "state": state,
        "ahead": made.ahead if isinstance(made, Waiting) else 0,
        "download_url": request.path,
        "poll_url": f"{request.path}?waiting=1",
    }
    status = {"ready": 200, "failed": 503, "busy": 503}.get(state, 202)
    response = render(request, "core/built_file.html", context, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_BUSY_S)
    return response


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


def read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
        _touch(path)
    except FileNotFoundError:  # never built, or just removed to make room
        return None
    return data


def store(shelf: Shelf, path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)
    if shelf.bound_setting:
        _touch(path)
        bound = float(getattr(settings, shelf.bound_setting))
        _make_room(path.parent, bound * 1024 * 1024, keep=path)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all: never a half-written file."""
    directory = path.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the server reads it
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _touch(path: Path) -> None:
    """Served now: the last to be removed. The exact time, as the file system's own clock
    moves in steps of milliseconds and would tie files served one after the other."""
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def _make_room(directory: Path, most_bytes: float, keep: Path) -> None:
    """Remove the files served least recently until the rest fit in `most_bytes`."""
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
