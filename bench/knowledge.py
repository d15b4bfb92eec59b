"""Benchmark the combination checker.

    python bench/knowledge.py [--runs 5]

1. In-process: median time of one 6-substance check (target <= 1 ms).
2. Over HTTP: requests per second of GET /api/knowledge/combinations on one uvicorn
   worker (`journeys serve --workers 1`), 4 client threads with keep-alive, on a fresh
   SQLite installation in a temporary directory.
Prints a table (figure, value, target) and exits non-zero when it cannot run.
"""

import argparse
import http.client
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from _harness import fresh_installation, one_worker, print_table

SIX = ["ghb", "alcohol", "mdma", "sertraline", "cocaine", "ketamine"]
QUERY = "/api/knowledge/combinations?substances=" + ",".join(SIX)
BIN = Path(sys.executable).parent


def in_process(runs: int) -> tuple[float, float]:
    import django

    django.setup()
    from django.core.management import call_command

    from journeys.core.content.load import load_content
    from journeys.knowledge.catalogue import interaction_table
    from journeys.knowledge.interactions import check_combination

    call_command("migrate", verbosity=0)
    load_content(Path(__file__).resolve().parents[1] / "content")
    table = interaction_table()
    medians = []
    for _ in range(runs):
        n = 2000
        start = time.perf_counter()
        for _ in range(n):
            check_combination(table, SIX)
        medians.append((time.perf_counter() - start) / n * 1000)
    return statistics.median(medians), min(medians)


def requests_per_second(port: int, seconds: float, threads: int = 4) -> float:
    count = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        nonlocal count
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        done = 0
        while time.perf_counter() < deadline:
            connection.request("GET", QUERY)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")
            done += 1
        connection.close()
        with lock:
            count += done

    workers = [threading.Thread(target=client) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return count / (time.perf_counter() - start)


def over_http(runs: int) -> float:
    with tempfile.TemporaryDirectory() as var:
        env = fresh_installation(var)
        with one_worker(env, "--workers", "1") as (_, port):
            requests_per_second(port, 1.0)  # warm up
            return statistics.median(requests_per_second(port, 3.0) for _ in range(runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journeys.settings")
    with tempfile.TemporaryDirectory() as var:
        os.environ["JOURNEYS_VAR_DIR"] = var
        os.environ.pop("DATABASE_URL", None)
        median_ms, best_ms = in_process(args.runs)
    rps = over_http(args.runs)
    rows = [
        ("6-substance check, in-process, median ms", f"{median_ms:.3f}", "<= 1 ms"),
        ("6-substance check, in-process, best ms", f"{best_ms:.3f}", ""),
        ("combinations API, 1 worker, requests/s (median)", f"{rps:.0f}", "report"),
    ]
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
