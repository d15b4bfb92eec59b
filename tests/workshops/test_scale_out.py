"""The scale-out drill, small: `bench/live.py --drill kill` with two workers on PostgreSQL
and Redis. 300 phones answer a poll; a third of the way in, the busiest worker is killed
with SIGKILL. Phones and presenter reconnect to the other worker by themselves, every
answer that was acknowledged is counted on the presenter and stored, and a second poll
reaches every phone. The full drill (10 x 500 + 3,000, a 3,000-answer burst, 1 vs 2
workers) runs from bench/ and its figures are in docs/deploy.md."""

import os
import shutil
import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DRILL = ["--drill", "kill", "--workers", "2", "--database", "postgres", "--participants", "300"]
POSTGRES = os.environ.get("JOURNEYS_BENCH_POSTGRES", "postgres://journeys:journeys@127.0.0.1:5432")


def postgres_is_up() -> bool:
    address = urllib.parse.urlsplit(POSTGRES)
    try:
        socket.create_connection((address.hostname, address.port or 5432), timeout=0.5).close()
        return True
    except OSError:
        return False


def figures(output: str) -> dict[str, str]:
    """The contract lines at the end of bench/live.py's output (`name: value`)."""
    lines = (line.partition(": ") for line in output.splitlines() if ": " in line)
    return {name: value for name, _, value in lines if " " not in name}


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
@pytest.mark.skipif(not postgres_is_up(), reason=f"no PostgreSQL server at {POSTGRES}")
def test_killing_a_worker_mid_workshop_loses_no_acknowledged_answer():
    run = subprocess.run(
        [sys.executable, "bench/live.py", *DRILL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "JOURNEYS_BENCH_POSTGRES": POSTGRES},
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    found = figures(run.stdout)
    assert found["workers"] == "2"
    assert found["participants"] == "300"
    assert found["answers_sent"] == "300"  # every phone's answer was acknowledged, retried
    assert int(found["answers_counted"]) >= 300
    assert found["answers_lost"] == "0"
    table = run.stdout
    assert _row(table, "workers killed with SIGKILL") == 1
    # The killed worker's streams came back by themselves (about half of the 301).
    assert _row(table, "streams that reconnected by themselves") > 0


def _row(table: str, label: str) -> float:
    line = next(line for line in table.splitlines() if line.startswith(label))
    return float(line[len(label) :].split()[0])
