"""Benchmark live workshops: many phones on one server, answers to the presenter.

    python bench/live.py [--participants N ...] [--answer-seconds S]

For each N (default 300, 1000 and 3000): a fresh workshop on one `journeys serve` worker
(SQLite, no Redis: one process) in a temporary installation. This process is the load
generator, on loopback only: it joins N participants by code, holds N participant event
streams and one presenter stream open, opens a poll, and sends one answer per
participant spread over S seconds (default N / 150). Latency of an answer: from its
acknowledgement to the first presenter event that counts at least as many answers as
had been acknowledged by then. Every phase has a time limit; the script exits non-zero
when it cannot run. Prints a table (figure, value, target) per N; the last lines are
machine-readable: participants, answers_sent, answers_counted, latency_p50_ms,
latency_p99_ms (for the last N).
"""

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _harness import BIN, HOST, free_port, print_table, wait_for_port

P99_TARGET_MS = 300.0


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
    writer.write(head.encode() + b"\r\n" + body)
    await writer.drain()
    data = await reader.read()
    writer.close()
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
    """One open event stream; remembers when each event arrived."""

    events: list[tuple[float, str, str]] = field(default_factory=list)
    opened: bool = False


async def hold_stream(port: int, path: str, cookies: dict[str, str], stream: Stream) -> None:
    """Read one event stream until cancelled."""
    reader, writer = await asyncio.open_connection(HOST, port)
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    head = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nCookie: {cookie}\r\n"
    writer.write(f"{head}Accept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        raise RuntimeError(f"stream {path}: {status!r}")
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    stream.opened = True
    name, data = "", []
    try:
        # Chunked transfer encoding puts hex chunk sizes on lines of their own: ignored.
        while line := await reader.readline():
            text = line.decode().rstrip("\r\n")
            if text.startswith("event: "):
                name = text[7:]
            elif text.startswith("data: "):
                data.append(text[6:])
            elif text == "" and data:
                stream.events.append((time.monotonic(), name, "\n".join(data)))
                name, data = "", []
    finally:
        writer.close()


async def bounded(tasks: list, limit: int, seconds: float, what: str) -> list:  # type: ignore[type-arg]
    gate = asyncio.Semaphore(limit)

    async def run(coroutine: Any) -> Any:
        async with gate:
            return await coroutine

    try:
        return await asyncio.wait_for(asyncio.gather(*(run(t) for t in tasks)), seconds)
    except TimeoutError:
        raise RuntimeError(f"{what} did not finish within {seconds:.0f} s") from None


# ---------------------------------------------------------------- server


def setup(var: Path) -> tuple[dict[str, str], str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}
    }
    env.update(
        {
            "JOURNEYS_VAR_DIR": str(var),
            "JOURNEYS_WORKSHOP_CAP": "10000",
            "JOURNEYS_RATE_JOIN": "1000000",
            "JOURNEYS_RATE_JOIN_WORKSHOP": "1000000",  # thousands join one workshop at once
        }
    )
    done = subprocess.run(
        [BIN / "journeys", "setup"], env=env, capture_output=True, text=True, check=True
    )
    password = re.search(r"with password '([^']+)'", done.stdout)
    if not password:
        raise RuntimeError("setup printed no demo trainer password")
    return env, password.group(1)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mb(pid: int, field_name: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


# ---------------------------------------------------------------- one run


def found(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    if match is None:
        raise RuntimeError(f"{pattern!r} not found in the server's answer")
    return match.group(1)


async def run(
    port: int, pid: int, password: str, participants: int, answer_seconds: float
) -> dict[str, float]:
    trainer: dict[str, str] = {}
    trainer.update((await request(port, "GET", "/accounts/login/", trainer)).cookies)
    login = await request(
        port,
        "POST",
        "/accounts/login/",
        trainer,
        {"username": "demo-trainer", "password": password},
    )
    trainer.update(login.cookies)
    started = await request(
        port,
        "POST",
        "/workshops/",
        trainer,
        {
            "title": f"Bench {participants}",
            "organisation": "demo",
            "training": "",
            "cap": str(participants),
        },
    )
    workshop_id = int(found(r"/workshops/(\d+)/", started.headers["location"]))
    control = (
        await request(port, "GET", f"/workshops/{workshop_id}/control/", trainer)
    ).body.decode()
    code = found(r'<strong class="code">([A-Z0-9]+)</strong>', control)
    added = await request(
        port,
        "POST",
        f"/workshops/{workshop_id}/activities/add/",
        trainer,
        {"kind": "poll", "prompt": "Where do you work?", "options": "Street\nStation\nOffice"},
    )
    assert added.status == 302, added.status
    control = (
        await request(port, "GET", f"/workshops/{workshop_id}/control/", trainer)
    ).body.decode()
    activity_id = int(found(rf"/workshops/{workshop_id}/activities/(\d+)/open/", control))

    # Join: one CSRF cookie for all, one participant cookie each.
    csrf = (await request(port, "GET", "/join/", {})).cookies
    t0 = time.monotonic()

    async def join(n: int) -> dict[str, str]:
        response = await request(port, "POST", "/join/", csrf, {"code": code, "nickname": f"p{n}"})
        if response.status != 302:
            raise RuntimeError(f"join {n}: HTTP {response.status}")
        return {**csrf, **response.cookies}

    phones = await bounded([join(n) for n in range(participants)], 16, 300, "joining")
    join_seconds = time.monotonic() - t0

    room = Stream()
    room_task = asyncio.ensure_future(
        hold_stream(port, f"/workshops/{workshop_id}/events/", trainer, room)
    )
    streams = [Stream() for _ in phones]
    t0 = time.monotonic()
    holders = [
        asyncio.ensure_future(hold_stream(port, f"/w/{code}/events/?since=1", phone, stream))
        for phone, stream in zip(phones, streams, strict=True)
    ]
    deadline = time.monotonic() + 300
    while sum(s.opened for s in streams) < participants or not room.opened:
        failed = [h for h in holders if h.done() and h.exception()]
        if failed:
            raise RuntimeError(f"event stream failed: {failed[0].exception()}")
        if time.monotonic() > deadline:
            raise RuntimeError("event streams did not all open within 300 s")
        await asyncio.sleep(0.05)
    connect_seconds = time.monotonic() - t0
    await asyncio.sleep(1)

    # Open the poll: every phone must get it.
    cpu_before = cpu_seconds(pid)
    opened_at = time.monotonic()
    await request(
        port, "POST", f"/workshops/{workshop_id}/activities/{activity_id}/open/", trainer, {}
    )
    deadline = time.monotonic() + 60
    while not all(
        any(e[1] == "activity" and "Where do you work?" in e[2] for e in s.events) for s in streams
    ):
        if time.monotonic() > deadline:
            raise RuntimeError("not every phone got the opened poll within 60 s")
        await asyncio.sleep(0.02)
    fanout = sorted(
        next(e[0] for e in s.events if e[1] == "activity" and "Where" in e[2]) - opened_at
        for s in streams
    )

    # Answers, spread evenly over answer_seconds.
    acks: list[tuple[float, int]] = []  # (time, answers acknowledged so far)
    start = time.monotonic()

    async def answer(n: int, phone: dict[str, str]) -> None:
        await asyncio.sleep(start + answer_seconds * n / participants - time.monotonic())
        response = await request(
            port,
            "POST",
            f"/w/{code}/answer/{activity_id}/",
            phone,
            {"option": "abc"[n % 3]},
            {"HX-Request": "true"},
        )
        if response.status != 200:
            raise RuntimeError(f"answer {n}: HTTP {response.status} {response.body[:100]!r}")
        acks.append((time.monotonic(), len(acks) + 1))

    await bounded(
        [answer(n, phone) for n, phone in enumerate(phones)], 64, answer_seconds + 120, "answering"
    )
    answers_done = time.monotonic()

    def counted(event: tuple[float, str, str]) -> int:
        match = re.search(r'answer-count">(\d+)<', event[2])
        return int(match.group(1)) if match else -1

    deadline = time.monotonic() + 30
    while not any(e[1] == "results" and counted(e) == len(acks) for e in room.events):
        if time.monotonic() > deadline:
            break
        await asyncio.sleep(0.02)
    cpu_used = cpu_seconds(pid) - cpu_before
    wall = time.monotonic() - opened_at
    results = [(t, counted(e)) for e in room.events if e[1] == "results" for t in [e[0]]]
    latencies = []
    for acked_at, so_far in acks:
        seen = next((t for t, count in results if t >= acked_at and count >= so_far), None)
        latencies.append((seen - acked_at) * 1000 if seen else float("inf"))
    latencies.sort()
    counted_final = max((count for _t, count in results), default=0)
    csv_rows = (
        (await request(port, "GET", f"/workshops/{workshop_id}/report.csv", trainer))
        .body.decode()
        .strip()
        .splitlines()
    )
    for task in (room_task, *holders):
        task.cancel()
    await asyncio.gather(room_task, *holders, return_exceptions=True)
    return {
        "participants": participants,
        "connections_held": sum(s.opened for s in streams) + 1,
        "join_s": join_seconds,
        "connect_s": connect_seconds,
        "fanout_p50_ms": fanout[len(fanout) // 2] * 1000,
        "fanout_max_ms": fanout[-1] * 1000,
        "answers_sent": len(acks),
        "answers_counted": counted_final,
        "answers_stored": len(csv_rows) - 1,
        "answer_rate": len(acks) / (answers_done - start),
        "latency_p50_ms": latencies[len(latencies) // 2],
        "latency_p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "presenter_events": len(results),
        "server_cpu_percent": 100 * cpu_used / wall,
        "server_rss_mb": memory_mb(pid, "VmRSS"),
        "server_peak_rss_mb": memory_mb(pid, "VmHWM"),
    }


def table(figures: dict[str, float], answer_seconds: float) -> None:
    n = int(figures["participants"])
    rows = [
        ("participants", f"{n}", ""),
        (
            "event streams held (phones + presenter)",
            f"{figures['connections_held']:.0f}",
            f"{n + 1}",
        ),
        ("joining all, s", f"{figures['join_s']:.1f}", "report"),
        ("opening all streams, s", f"{figures['connect_s']:.1f}", "report"),
        (
            "poll opened -> every phone has it, p50 / max ms",
            f"{figures['fanout_p50_ms']:.0f} / {figures['fanout_max_ms']:.0f}",
            "report",
        ),
        (f"answers sent (over {answer_seconds:.0f} s)", f"{figures['answers_sent']:.0f}", f"{n}"),
        ("answers counted on the presenter", f"{figures['answers_counted']:.0f}", "= sent"),
        ("answers stored (CSV rows)", f"{figures['answers_stored']:.0f}", "= sent"),
        ("answers per second", f"{figures['answer_rate']:.0f}", "report"),
        ("answer -> presenter latency p50 ms", f"{figures['latency_p50_ms']:.0f}", "report"),
        (
            "answer -> presenter latency p99 ms",
            f"{figures['latency_p99_ms']:.0f}",
            f"<= {P99_TARGET_MS:.0f}",
        ),
        ("presenter events (coalesced)", f"{figures['presenter_events']:.0f}", f"< {n}"),
        (
            "server CPU while answering, % of one core",
            f"{figures['server_cpu_percent']:.0f}",
            "report",
        ),
        (
            "server memory now / peak, MB",
            f"{figures['server_rss_mb']:.0f} / {figures['server_peak_rss_mb']:.0f}",
            "report",
        ),
    ]
    print_table(rows, value_width=12)
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, nargs="+", default=[300, 1000, 3000])
    parser.add_argument("--answer-seconds", type=float, default=None)
    args = parser.parse_args()
    if any(not 1 <= n <= 5000 for n in args.participants):
        parser.error("--participants: 1 to 5000")
    last: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as var:
        env, password = setup(Path(var))
        for participants in args.participants:
            answer_seconds = args.answer_seconds or max(2.0, participants / 150)
            port = free_port()
            server = subprocess.Popen(
                [BIN / "journeys", "serve", "--port", str(port)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            try:
                wait_for_port(port)
                last = asyncio.run(run(port, server.pid, password, participants, answer_seconds))
            finally:
                server.terminate()
                server.wait(timeout=30)
            table(last, answer_seconds)
    for key in ("participants", "answers_sent", "answers_counted"):
        print(f"{key}: {last[key]:.0f}")
    print(f"latency_p50_ms: {last['latency_p50_ms']:.1f}")
    print(f"latency_p99_ms: {last['latency_p99_ms']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
