"""Benchmark printing cards: the all-substances deck as A4 sheets, in English and Dutch,
and composed decks downloaded from a running server.

    python bench/cards.py [--runs 3]

1. In-process: builds the deck the way `journeys cards build --deck all-substances`
   does (cards from the knowledge base, fitted, laid out by WeasyPrint, PDF bytes), once
   per language.
2. Over HTTP, on one uvicorn worker: a new 4-card composed deck (cold), the same deck
   again (stored), the catalogue page alone, and the catalogue page while 4 new decks
   are asked for at once (the rate limit is lifted for this).
Both on a fresh SQLite installation in a temporary directory. Prints a table (figure,
value, target); the last line is `deck_build_s: X`, the median time for both languages.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from _harness import free_port, print_table, wait_for_port

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's code, also when the bench is copied elsewhere
TARGET_S = 5.0
CHEAP_PAGE = "/"  # the catalogue: a template and a few queries
PARALLEL = 4


def build_both_languages() -> tuple[dict[str, float], dict[str, int]]:
    from django.utils import translation

    from journeys.cards import decks
    from journeys.cards.fitting import SIZES
    from journeys.cards.pdf import PrintOptions, build_pdf

    seconds, pages = {}, {}
    for language in ("en", "nl"):
        start = time.perf_counter()
        with translation.override(language):
            deck = decks.get_deck("all-substances")
            cards = decks.cards_for(decks.expand(deck.cards), language)
            options = PrintOptions(SIZES["a7"], "sheets", "https://journeys.example.org")
            built = build_pdf(cards, options, "All substances")
        seconds[language] = time.perf_counter() - start
        pages[language] = built.pages
    return seconds, pages


def get(url: str) -> tuple[int, float]:
    """(status, seconds) of one GET, body read."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (our server)
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    return status, time.perf_counter() - start


def fetch_status(url: str, statuses: list[int]) -> None:
    statuses.append(get(url)[0])


def serve(var: str) -> tuple[subprocess.Popen[bytes], str]:
    """One uvicorn worker on this tree's code, as `journeys serve` runs it."""
    port = free_port()
    env = {**os.environ, "JOURNEYS_VAR_DIR": var, "PYTHONPATH": str(ROOT)}
    env["JOURNEYS_RATE_CARD_PDF"] = "100000"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "journeys.asgi:application",
            "--port",
            str(port),
            "--log-level",
            "error",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, seconds=20)
    return server, f"http://127.0.0.1:{port}"


def over_http(var: str, runs: int) -> dict[str, float | str]:
    from journeys.cards import decks

    refs = [ref for refs in decks.all_refs().values() for ref in refs]
    windows = iter(range(len(refs) - 3))  # 4 cards in a row: a new deck each time

    def new_deck() -> str:
        start = next(windows)
        query = urllib.parse.urlencode({"card": refs[start : start + 4]}, doseq=True)
        return f"{url}/cards/compose/pdf/?{query}"

    server, url = serve(var)
    try:
        get(url + CHEAP_PAGE)
        get(new_deck())  # warm up: imports, fonts, the interaction table
        cold, stored, alone, loaded, statuses, walls = [], [], [], [], [], []
        for _ in range(runs):
            deck = new_deck()
            cold.append(get(deck)[1])
            stored += [get(deck)[1] for _ in range(5)]
            alone += [get(url + CHEAP_PAGE)[1] for _ in range(5)]
            answers: list[int] = []
            builds = [
                threading.Thread(target=fetch_status, args=(new_deck(), answers))
                for _ in range(PARALLEL)
            ]
            start = time.perf_counter()
            for build in builds:
                build.start()
            time.sleep(0.05)
            while any(build.is_alive() for build in builds):
                loaded.append(get(url + CHEAP_PAGE)[1])
            for build in builds:
                build.join()
            walls.append(time.perf_counter() - start)
            statuses += answers
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {
        "cold": statistics.median(cold),
        "stored": statistics.median(stored),
        "alone": statistics.median(alone),
        "loaded": statistics.median(loaded),
        "loaded_max": max(loaded),
        "wall": statistics.median(walls),
        "answers": f"{statuses.count(200)}/{statuses.count(503)}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journeys.settings")
    with tempfile.TemporaryDirectory() as var:
        os.environ["JOURNEYS_VAR_DIR"] = var
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        from journeys.core.content.load import load_content

        call_command("migrate", verbosity=0)
        load_content(Path(__file__).resolve().parents[1] / "content")
        build_both_languages()  # warm up: imports, fonts, the interaction table
        runs = [build_both_languages() for _ in range(args.runs)]
        http = over_http(var, args.runs)
    totals = [sum(seconds.values()) for seconds, _pages in runs]
    english = statistics.median(seconds["en"] for seconds, _pages in runs)
    dutch = statistics.median(seconds["nl"] for seconds, _pages in runs)
    pages = runs[0][1]
    both = statistics.median(totals)
    rows = [
        ("all-substances, A7 on A4, English, median s", f"{english:.2f}", "report"),
        ("all-substances, A7 on A4, Dutch, median s", f"{dutch:.2f}", "report"),
        ("pages per language (fronts + backs)", f"{pages['en']}/{pages['nl']}", "report"),
        (f"both languages, median of {args.runs} s", f"{both:.2f}", f"<= {TARGET_S:.0f} s"),
        ("both languages, fastest s", f"{min(totals):.2f}", ""),
        ("new 4-card composed deck over HTTP, median s", f"{http['cold']:.2f}", "report"),
        ("the same deck again (stored), median ms", f"{http['stored'] * 1000:.1f}", "<= 50"),
        ("catalogue page alone, median ms", f"{http['alone'] * 1000:.0f}", "report"),
        (
            f"catalogue page while {PARALLEL} new decks are asked for, median ms",
            f"{http['loaded'] * 1000:.0f}",
            "<= 3x alone",
        ),
        ("  the same, slowest ms", f"{http['loaded_max'] * 1000:.0f}", ""),
        (f"  {PARALLEL} new decks: all answered, median s", f"{http['wall']:.2f}", "report"),
        (f"  {PARALLEL} new decks: PDFs/busy (503), all runs", str(http["answers"]), "report"),
    ]
    print_table(rows)
    print(f"deck_build_s: {both:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
