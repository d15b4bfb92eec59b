"""Benchmark live workshops: many phones, answers to the presenter, one or more workers.

    python bench/live.py [--participants N ...] [--answer-seconds S]
    python bench/live.py --drill [rooms burst kill] --workers 1 2 --database postgres

Without --drill, for each N (default 300, 1000 and 3000): a fresh workshop on `journeys
serve` in a temporary installation (SQLite and one process unless told otherwise). This
process is the load generator, on loopback only: it joins N participants by code, holds N
participant event streams and one presenter stream open, opens a poll, and sends one
answer per participant spread over S seconds (default N / 150).

The scale-out drill (--drill) runs three scenarios per worker count, side by side:
- rooms: 10 workshops of 500 participants and one of 3,000 at the same time, answering
  over 40 s (--answer-seconds);
- burst: 3,000 answers within 10 s into one workshop (--participants sets the room);
- kill: a workshop of --participants (default 500) answering over 20 s; one worker is
  killed with SIGKILL a third of the way in. Phones and presenter reconnect by themselves
  as a browser does (after the server's `retry: 2000`, with Last-Event-ID), a phone whose
  answer got no reply sends it again, and afterwards the trainer opens a second poll that
  every phone must get. Needs two or more workers.
With --database postgres the installation gets a fresh PostgreSQL database (on the server
JOURNEYS_BENCH_POSTGRES names, default the one .ci/run starts); with more than one worker
or PostgreSQL, the workers share a Redis server this script starts on a free port.

Latency of an answer: from its acknowledgement to the first presenter event that counts
at least as many answers as had been acknowledged in that workshop by then. An answer is
lost when it was acknowledged but the presenter's final count or the stored answers miss
it. Every phase has a time limit; the script exits non-zero when it cannot run or when an
acknowledged answer is lost. Prints a table (figure, value per worker count, target) per
run; the last lines are machine-readable, for the last run: participants, answers_sent,
answers_counted, latency_p50_ms, latency_p99_ms, workers, answers_per_second,
answers_lost.
"""

import argparse
import asyncio
import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _harness import BIN, HOST, free_port, wait_for_port

P99_TARGET_MS = 300.0
RATE_TARGET = 250.0  # answers per second with 2 workers on a 2-core machine
RETRY_S = 2.0  # what the server's event streams tell a browser: `retry: 2000`
POSTGRES = os.environ.get("JOURNEYS_BENCH_POSTGRES", "postgres://journeys:journeys@127.0.0.1:5432")


# ---------------------------------------------------------------- a small HTTP client


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes


async def request(
    port: int,
    method: str,
    path: str,
    cookies: dict[str, str],
    form: dict[str, str] | None = None,
    extra: dict[str, str] | None = None,
) -> Response:
    """One request on a connection of its own; ConnectionError when no answer came."""
    reader, writer = await asyncio.open_connection(HOST, port)
    body = urllib.parse.urlencode(form).encode() if form is not None else b""
    headers = {
        "Host": f"{HOST}:{port}",
        "Connection": "close",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        **(extra or {}),
    }
    if form is not None:
        headers.update(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Content-Length": str(len(body)),
                "X-CSRFToken": cookies.get("csrftoken", ""),
                "Referer": f"http://{HOST}:{port}/",
            }
        )
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    try:
        writer.write(head.encode() + b"\r\n" + body)
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    if not data.startswith(b"HTTP/1.1 "):
        raise ConnectionError(f"{method} {path}: no answer")
    head_bytes, _, payload = data.partition(b"\r\n\r\n")
    lines = head_bytes.decode().split("\r\n")
    status = int(lines[0].split()[1])
    response_headers, new_cookies = {}, {}
    for line in lines[1:]:
        name, _, value = line.partition(": ")
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            new_cookies[key] = rest.split(";")[0]
        response_headers[name.lower()] = value
    return Response(status, response_headers, new_cookies, payload)


@dataclass
class Stream:
    """One event stream, reconnected as a browser's EventSource does; remembers when each
    event arrived."""

    events: list[tuple[float, str, str]] = field(default_factory=list)
    opened: bool = False
    connections: int = 0


async def hold_stream(port: int, path: str, cookies: dict[str, str], stream: Stream) -> None:
    """Read one event stream until cancelled, reconnecting after RETRY_S when it breaks."""
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    last_id = ""
    while True:
        writer = None
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            head = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nCookie: {cookie}\r\n"
            if last_id:
                head += f"Last-Event-ID: {last_id}\r\n"
            writer.write(f"{head}Accept: text/event-stream\r\n\r\n".encode())
            await writer.drain()
            status = await reader.readline()
            if b" 200 " not in status:
                if not stream.opened:
                    raise RuntimeError(f"stream {path}: {status!r}")
                raise ConnectionError(status)
            while (await reader.readline()) not in (b"\r\n", b""):
                pass
            stream.opened = True
            stream.connections += 1
            name, data = "", []
            # Chunked transfer encoding puts hex chunk sizes on lines of their own: ignored.
            while line := await reader.readline():
                text = line.decode().rstrip("\r\n")
                if text.startswith("event: "):
                    name = text[7:]
                elif text.startswith("id: "):
                    last_id = text[4:]
                elif text.startswith("data: "):
                    data.append(text[6:])
                elif text == "" and data:
                    stream.events.append((time.monotonic(), name, "\n".join(data)))
                    name, data = "", []
        except OSError:  # the worker went away: try again, as a browser does
            pass
        finally:
            if writer is not None:
                writer.close()
        await asyncio.sleep(RETRY_S)


async def bounded(tasks: list, limit: int, seconds: float, what: str) -> list:  # type: ignore[type-arg]
    gate = asyncio.Semaphore(limit)

    async def run(coroutine: Any) -> Any:
        async with gate:
            return await coroutine

    try:
        return await asyncio.wait_for(asyncio.gather(*(run(t) for t in tasks)), seconds)
    except TimeoutError:
        raise RuntimeError(f"{what} did not finish within {seconds:.0f} s") from None


def found(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    if match is None:
        raise RuntimeError(f"{pattern!r} not found in the server's answer")
    return match.group(1)


# ---------------------------------------------------------------- the installation


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A Redis server of our own on a free port, nothing kept on disk."""
    executable = shutil.which("redis-server")
    if executable is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    server = subprocess.Popen(
        [executable, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"redis://{HOST}:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this run, dropped at the end."""
    import psycopg

    name = f"journeys_bench_{secrets.token_hex(4)}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@dataclass
class Installation:
    env: dict[str, str]
    password: str  # the demo trainer's
    database: str
    redis: bool


@contextlib.contextmanager
def installation(database: str, redis: bool) -> Iterator[Installation]:
    with contextlib.ExitStack() as stack:
        var = stack.enter_context(tempfile.TemporaryDirectory())
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "JOURNEYS_DEBUG"}
        }
        env.update(
            {
                "JOURNEYS_VAR_DIR": var,
                "JOURNEYS_WORKSHOP_CAP": "10000",
                "JOURNEYS_RATE_JOIN": "1000000",  # thousands join from one address
                "JOURNEYS_RATE_JOIN_WORKSHOP": "1000000",
            }
        )
        if database == "postgres":
            env["DATABASE_URL"] = stack.enter_context(postgres_database())
        if redis:
            env["REDIS_URL"] = stack.enter_context(redis_server())
        done = subprocess.run(
            [BIN / "journeys", "setup"], env=env, capture_output=True, text=True, check=True
        )
        password = re.search(r"with password '([^']+)'", done.stdout)
        if not password:
            raise RuntimeError("setup printed no demo trainer password")
        yield Installation(env, password.group(1), database, redis)


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    workers: int

    def worker_pids(self) -> list[int]:
        """The processes that serve requests: uvicorn's children, or itself alone."""
        if self.workers == 1:
            return [self.process.pid]
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def busiest_worker(self) -> int:
        """The worker holding the most connections (open sockets)."""

        def sockets(pid: int) -> int:
            fds = Path(f"/proc/{pid}/fd")
            return sum(1 for fd in fds.iterdir() if os.readlink(fd).startswith("socket:"))

        return max(self.worker_pids(), key=sockets)

    def cpu_seconds(self) -> float:
        total = 0.0
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def memory_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
        return sizes


@contextlib.contextmanager
def serving(site: Installation, workers: int) -> Iterator[Server]:
    port = free_port()
    process = subprocess.Popen(
        [BIN / "journeys", "serve", "--port", str(port), "--workers", str(workers)],
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(process, port, workers)
    try:
        wait_for_port(port)
        deadline = time.monotonic() + 60
        while len(server.worker_pids()) < workers:  # every worker up before the clock starts
            if time.monotonic() > deadline:
                raise RuntimeError(f"{workers} workers did not start within 60 s")
            time.sleep(0.1)
        time.sleep(1)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


# ---------------------------------------------------------------- a room


@dataclass
class Room:
    """One workshop: its code, a poll, its phones and presenter, and what was answered."""

    id: int
    code: str
    activity_id: int
    phones: list[dict[str, str]] = field(default_factory=list)
    streams: list[Stream] = field(default_factory=list)
    presenter: Stream = field(default_factory=Stream)
    acks: list[tuple[float, int]] = field(default_factory=list)  # (when, acknowledged so far)
    first_sent: float = 0.0
    unanswered: int = 0  # answers that never got a reply, after retries


async def trainer_session(port: int, password: str) -> dict[str, str]:
    trainer: dict[str, str] = {}
    trainer.update((await request(port, "GET", "/accounts/login/", trainer)).cookies)
    form = {"username": "demo-trainer", "password": password}
    trainer.update((await request(port, "POST", "/accounts/login/", trainer, form)).cookies)
    return trainer


async def add_poll(port: int, trainer: dict[str, str], workshop_id: int, prompt: str) -> int:
    path = f"/workshops/{workshop_id}/activities/add/"
    form = {"kind": "poll", "prompt": prompt, "options": "Street\nStation\nOffice"}
    added = await request(port, "POST", path, trainer, form)
    if added.status != 302:
        raise RuntimeError(f"adding a poll: HTTP {added.status}")
    control = await request(port, "GET", f"/workshops/{workshop_id}/control/", trainer)
    ids = re.findall(rf"/workshops/{workshop_id}/activities/(\d+)/open/", control.body.decode())
    return max(int(i) for i in ids)


async def new_room(port: int, trainer: dict[str, str], size: int, title: str) -> Room:
    form = {"title": title, "organisation": "demo", "training": "", "cap": str(size)}
    started = await request(port, "POST", "/workshops/", trainer, form)
    workshop_id = int(found(r"/workshops/(\d+)/", started.headers["location"]))
    control = await request(port, "GET", f"/workshops/{workshop_id}/control/", trainer)
    code = found(r'<strong class="code">([A-Z0-9]+)</strong>', control.body.decode())
    activity_id = await add_poll(port, trainer, workshop_id, "Where do you work?")
    return Room(workshop_id, code, activity_id)


async def join(port: int, room: Room, size: int) -> None:
    csrf = (await request(port, "GET", "/join/", {})).cookies

    async def one(n: int) -> dict[str, str]:
        form = {"code": room.code, "nickname": f"p{n}"}
        response = await request(port, "POST", "/join/", csrf, form)
        if response.status != 302:
            raise RuntimeError(f"join {n}: HTTP {response.status}")
        return {**csrf, **response.cookies}

    room.phones = await bounded([one(n) for n in range(size)], 16, 600, "joining")


async def open_streams(port: int, rooms: list[Room], trainer: dict[str, str]) -> list[Any]:
    holders = []
    for room in rooms:
        path = f"/workshops/{room.id}/events/"
        holders.append(asyncio.ensure_future(hold_stream(port, path, trainer, room.presenter)))
        room.streams = [Stream() for _ in room.phones]
        for phone, stream in zip(room.phones, room.streams, strict=True):
            path = f"/w/{room.code}/events/?since=1"
            holders.append(asyncio.ensure_future(hold_stream(port, path, phone, stream)))
    everything = [s for room in rooms for s in (room.presenter, *room.streams)]
    deadline = time.monotonic() + 300
    while not all(s.opened for s in everything):
        failed = [h for h in holders if h.done() and h.exception()]
        if failed:
            raise RuntimeError(f"event stream failed: {failed[0].exception()}")
        if time.monotonic() > deadline:
            raise RuntimeError("event streams did not all open within 300 s")
        await asyncio.sleep(0.05)
    return holders


async def open_poll(port: int, trainer: dict[str, str], room: Room, prompt: str) -> list[float]:
    """Open the room's poll; seconds until each phone had it."""
    opened_at = time.monotonic()
    path = f"/workshops/{room.id}/activities/{room.activity_id}/open/"
    await request(port, "POST", path, trainer, {})

    def arrival(stream: Stream) -> float | None:
        return next(
            (t for t, name, data in stream.events if name == "activity" and prompt in data), None
        )

    deadline = time.monotonic() + 90
    while any(arrival(s) is None for s in room.streams):
        if time.monotonic() > deadline:
            missing = sum(arrival(s) is None for s in room.streams)
            raise RuntimeError(f"{missing} phones did not get the opened poll within 90 s")
        await asyncio.sleep(0.05)
    return sorted(arrival(s) - opened_at for s in room.streams)  # type: ignore[operator]


async def answer_all(port: int, room: Room, start: float, seconds: float) -> None:
    """One answer per phone, spread evenly over `seconds` from `start`. An answer that gets
    no reply (its worker died) is sent again, as a person taps Send again."""
    size = len(room.phones)
    room.first_sent = start

    async def answer(n: int, phone: dict[str, str]) -> None:
        await asyncio.sleep(start + seconds * n / size - time.monotonic())
        path = f"/w/{room.code}/answer/{room.activity_id}/"
        form = {"option": "abc"[n % 3]}
        for _attempt in range(10):
            try:
                response = await request(port, "POST", path, phone, form, {"HX-Request": "true"})
            except OSError:
                await asyncio.sleep(RETRY_S / 2)
                continue
            if response.status != 200:
                raise RuntimeError(f"answer {n}: HTTP {response.status} {response.body[:100]!r}")
            room.acks.append((time.monotonic(), len(room.acks) + 1))
            return
        room.unanswered += 1

    tasks = [answer(n, phone) for n, phone in enumerate(room.phones)]
    await bounded(tasks, 128, seconds + 180, "answering")


def counted(event: tuple[float, str, str]) -> int:
    match = re.search(r'answer-count">(\d+)<', event[2])
    return int(match.group(1)) if match else -1


async def settle(port: int, trainer: dict[str, str], rooms: list[Room]) -> dict[str, float]:
    """Wait for every presenter to count what was acknowledged; latencies and losses."""
    deadline = time.monotonic() + 30
    while not all(
        any(e[1] == "results" and counted(e) >= len(r.acks) for e in r.presenter.events)
        for r in rooms
    ):
        if time.monotonic() > deadline:
            break
        await asyncio.sleep(0.05)
    latencies, lost, counted_total, stored_total = [], 0, 0, 0
    for room in rooms:
        results = [(e[0], counted(e)) for e in room.presenter.events if e[1] == "results"]
        for acked_at, so_far in room.acks:
            seen = next((t for t, count in results if t >= acked_at and count >= so_far), None)
            latencies.append((seen - acked_at) * 1000 if seen else float("inf"))
        final = max((count for _t, count in results), default=0)
        csv = await request(port, "GET", f"/workshops/{room.id}/report.csv", trainer)
        stored = len(csv.body.decode().strip().splitlines()) - 1
        lost += max(0, len(room.acks) - min(final, stored))
        counted_total += final
        stored_total += stored
    latencies.sort()
    acks = [t for room in rooms for t, _n in room.acks]
    first = min(room.first_sent for room in rooms)
    return {
        "answers_sent": len(acks),
        "answers_counted": counted_total,
        "answers_stored": stored_total,
        "answers_lost": lost,
        "answers_unanswered": sum(room.unanswered for room in rooms),
        "answers_per_second": len(acks) / max(1e-9, max(acks, default=first) - first),
        "latency_p50_ms": latencies[len(latencies) // 2] if latencies else 0.0,
        "latency_p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        if latencies
        else 0.0,
        "presenter_events": sum(
            1 for room in rooms for e in room.presenter.events if e[1] == "results"
        ),
    }


async def stop(holders: list[Any]) -> None:
    for task in holders:
        task.cancel()
    await asyncio.gather(*holders, return_exceptions=True)


# ---------------------------------------------------------------- the scenarios


async def scenario(
    server: Server,
    password: str,
    sizes: list[int],
    answer_seconds: float,
    kill_at: float | None = None,
) -> dict[str, float]:
    """Rooms of `sizes` at once: join, hold streams, open each poll, answer over
    `answer_seconds`; with `kill_at`, SIGKILL one worker that far into the answers and
    then check that the workshop goes on (a second poll reaches every phone)."""
    port = server.port
    trainer = await trainer_session(port, password)
    rooms = [await new_room(port, trainer, n, f"Bench {n}") for n in sizes]
    t0 = time.monotonic()
    for room, size in zip(rooms, sizes, strict=True):
        await join(port, room, size)
    join_seconds = time.monotonic() - t0
    t0 = time.monotonic()
    holders = await open_streams(port, rooms, trainer)
    connect_seconds = time.monotonic() - t0
    await asyncio.sleep(1)
    try:
        fanout = sorted(
            t
            for times in await asyncio.gather(
                *(open_poll(port, trainer, r, "Where do you work?") for r in rooms)
            )
            for t in times
        )
        cpu_before, wall_before = server.cpu_seconds(), time.monotonic()
        own_before = time.process_time()
        start = time.monotonic() + 0.5
        answering = asyncio.gather(*(answer_all(port, r, start, answer_seconds) for r in rooms))
        killed = 0
        if kill_at is not None:
            await asyncio.sleep(start + answer_seconds * kill_at - time.monotonic())
            os.kill(server.busiest_worker(), signal.SIGKILL)
            killed = 1
        await answering
        cpu_used = server.cpu_seconds() - cpu_before
        own_used = time.process_time() - own_before
        figures = await settle(port, trainer, rooms)
        figures["server_cpu_percent"] = 100 * cpu_used / (time.monotonic() - wall_before)
        figures["client_cpu_percent"] = 100 * own_used / (time.monotonic() - wall_before)
        if kill_at is not None:
            # The workshop goes on: a second poll reaches every phone.
            for room in rooms:
                room.activity_id = await add_poll(port, trainer, room.id, "And after the break?")
                await open_poll(port, trainer, room, "And after the break?")
        everything = [s for room in rooms for s in (room.presenter, *room.streams)]
        figures.update(
            {
                "participants": sum(sizes),
                "rooms": len(rooms),
                "workers": server.workers,
                "workers_killed": killed,
                "connections_held": sum(s.opened for s in everything),
                "reconnected": sum(s.connections > 1 for s in everything),
                "join_s": join_seconds,
                "connect_s": connect_seconds,
                "fanout_p50_ms": fanout[len(fanout) // 2] * 1000,
                "fanout_max_ms": fanout[-1] * 1000,
            }
        )
        memory = server.memory_mb()
        figures["worker_rss_mb_max"] = max(memory)
        figures["worker_rss_mb_total"] = sum(memory)
        return figures
    finally:
        await stop(holders)


ROWS: list[tuple[str, str, str, str]] = [
    # (figure, key, format, target)
    ("workers", "workers", "{:.0f}", ""),
    ("rooms", "rooms", "{:.0f}", ""),
    ("participants", "participants", "{:.0f}", ""),
    ("event streams held (phones + presenters)", "connections_held", "{:.0f}", "all"),
    ("joining all, s", "join_s", "{:.1f}", "report"),
    ("opening all streams, s", "connect_s", "{:.1f}", "report"),
    ("poll opened -> every phone has it, p50 ms", "fanout_p50_ms", "{:.0f}", "report"),
    ("poll opened -> every phone has it, max ms", "fanout_max_ms", "{:.0f}", "report"),
    ("workers killed with SIGKILL", "workers_killed", "{:.0f}", ""),
    ("streams that reconnected by themselves", "reconnected", "{:.0f}", "report"),
    ("answers acknowledged", "answers_sent", "{:.0f}", "= participants"),
    ("answers counted on the presenters", "answers_counted", "{:.0f}", ">= acknowledged"),
    ("answers stored (CSV rows)", "answers_stored", "{:.0f}", ">= acknowledged"),
    ("acknowledged answers lost", "answers_lost", "{:.0f}", "0"),
    ("answers per second", "answers_per_second", "{:.0f}", f">= {RATE_TARGET:.0f} (2 workers)"),
    ("answer -> presenter latency p50 ms", "latency_p50_ms", "{:.0f}", "report"),
    ("answer -> presenter latency p99 ms", "latency_p99_ms", "{:.0f}", f"<= {P99_TARGET_MS:.0f}"),
    ("presenter events (coalesced)", "presenter_events", "{:.0f}", "< answers"),
    ("server CPU while answering, % of one core", "server_cpu_percent", "{:.0f}", "report"),
    ("load generator CPU (same machine), % of one core", "client_cpu_percent", "{:.0f}", "report"),
    ("memory per worker (largest), MB", "worker_rss_mb_max", "{:.0f}", "report"),
    ("memory of all workers, MB", "worker_rss_mb_total", "{:.0f}", "report"),
]


def table(title: str, runs: list[dict[str, float]]) -> None:
    print(f"== {title}")
    width = max(len(row[0]) for row in ROWS)
    print(f"{'figure':<{width}}  " + "".join(f"{'value':>10}" for _ in runs) + "  target")
    for label, key, form, target in ROWS:
        values = "".join(f"{form.format(run[key]):>10}" for run in runs)
        print(f"{label:<{width}}  {values}  {target}")
    print()


DRILLS = ("rooms", "burst", "kill")


def plan(args: argparse.Namespace) -> list[tuple[str, list[int], float, float | None]]:
    """(title, room sizes, answer seconds, kill at) for each run asked for."""
    if not args.drill:
        return [
            (f"{n} participants", [n], args.answer_seconds or max(2.0, n / 150), None)
            for n in args.participants
        ]
    size = args.participants[0] if args.participants_given else None
    runs: list[tuple[str, list[int], float, float | None]] = []
    for drill in args.drill:
        if drill == "rooms":
            sizes = [500] * 10 + [3000]
            runs.append(("rooms: 10 x 500 + 1 x 3000", sizes, args.answer_seconds or 40.0, None))
        elif drill == "burst":
            n = size or 3000
            runs.append((f"burst: {n} answers within 10 s", [n], 10.0, None))
        else:
            n = size or 500
            title = f"kill: {n} participants, one worker killed"
            runs.append((title, [n], args.answer_seconds or 20.0, 1 / 3))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, nargs="+", default=None)
    parser.add_argument("--answer-seconds", type=float, default=None)
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--drill", nargs="*", choices=DRILLS, default=None, help="scale-out drill (all three)"
    )
    args = parser.parse_args()
    args.participants_given = args.participants is not None
    args.participants = args.participants or [300, 1000, 3000]
    if args.drill == []:
        args.drill = list(DRILLS)
    if any(not 1 <= n <= 5000 for n in args.participants):
        parser.error("--participants: 1 to 5000")
    if any(not 1 <= n <= 8 for n in args.workers):
        parser.error("--workers: 1 to 8")
    if args.drill and "kill" in args.drill and min(args.workers) < 2:
        parser.error("the kill drill needs two or more workers (--workers 2)")
    if shutil.which("redis-server") is None and (max(args.workers) > 1 or args.drill):
        parser.error("redis-server is not installed (apt-get install redis-server)")
    redis = max(args.workers) > 1 or args.database == "postgres"
    last: dict[str, float] = {}
    lost = 0
    with installation(args.database, redis) as site:
        for title, sizes, answer_seconds, kill_at in plan(args):
            runs = []
            for workers in args.workers:
                with serving(site, workers) as server:
                    figures = asyncio.run(
                        scenario(server, site.password, sizes, answer_seconds, kill_at)
                    )
                runs.append(figures)
                lost += int(figures["answers_lost"])
            table(f"{title} ({args.database}{', Redis' if redis else ''})", runs)
            last = runs[-1]
    for key in ("participants", "answers_sent", "answers_counted"):
        print(f"{key}: {last[key]:.0f}")
    print(f"latency_p50_ms: {last['latency_p50_ms']:.1f}")
    print(f"latency_p99_ms: {last['latency_p99_ms']:.1f}")
    print(f"workers: {last['workers']:.0f}")
    print(f"answers_per_second: {last['answers_per_second']:.0f}")
    print(f"answers_lost: {last['answers_lost']:.0f}")
    return 1 if lost else 0


if __name__ == "__main__":
    with contextlib.suppress(ImportError):
        import uvloop  # the load generator must not be the bottleneck

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    sys.exit(main())
