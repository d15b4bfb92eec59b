"""What the benchmarks share: a fresh installation, one `journeys serve` worker on a free
port, and the table every benchmark prints. Not a benchmark itself (`make bench` skips
files starting with an underscore)."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not listen on port {port}")


def fresh_installation(var: str) -> dict[str, str]:
    """`journeys setup --no-demo` on SQLite in `var`; returns the environment to run in."""
    env = {**os.environ, "JOURNEYS_VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "journeys.settings"}
    env.pop("DATABASE_URL", None)
    env.pop("JOURNEYS_DEBUG", None)
    subprocess.run(
        [BIN / "journeys", "setup", "--no-demo"], env=env, check=True, capture_output=True
    )
    return env


@contextmanager
def one_worker(env: dict[str, str], *options: str) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """One `journeys serve` worker (with `options`), listening; stopped at the end."""
    port = free_port()
    server = subprocess.Popen(
        [BIN / "journeys", "serve", "--port", str(port), *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield server, port
    finally:
        server.terminate()
        server.wait(timeout=30)


def print_table(rows: Sequence[tuple[str, str, str]], value_width: int = 8) -> None:
    width = max(len(row[0]) for row in rows)
    print(f"{'figure':<{width}}  {'value':>{value_width}}  target")
    for figure, value, target in rows:
        print(f"{figure:<{width}}  {value:>{value_width}}  {target}")
