"""What anonymous PDF building may cost: a deck is built once however it is asked for,
the composed decks' store stays under its bound, each address builds a few new PDFs a
minute, and one process builds one PDF at a time. Single cards, one per page at
85 x 55 mm, keep each build short."""

import os
import threading
import time

import pytest

from journeys.cards import downloads
from journeys.core import built_files

pytestmark = pytest.mark.usefixtures("curriculum")


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def compose(client, *cards, address="127.0.0.1", prefix="", **options):
    query = {"card": list(cards), "size": "85x55", "layout": "single", **options}
    return client.get(f"{prefix}/cards/compose/pdf/", query, REMOTE_ADDR=address)


def stored():
    return sorted(downloads.composed_dir().glob("*.pdf"))


def test_the_same_deck_asked_for_differently_is_built_once(client, settings):
    first = compose(client, "route/snorting", "topic/ghb-dosing")
    assert first.status_code == 200
    again = compose(
        client, "topic/ghb-dosing", "route/snorting", "route/snorting", utm_source="flyer"
    )
    assert again.status_code == 200
    assert again.content == first.content
    assert len(list(settings.VAR_DIR.rglob("*.pdf"))) == 1


def test_the_composed_store_keeps_under_its_bound_and_drops_the_least_recently_served(
    client, settings
):
    fixed_deck = settings.VAR_DIR / "cards" / "fixed-deck.pdf"  # a fixed deck's PDF
    fixed_deck.parent.mkdir(parents=True)
    fixed_deck.write_bytes(b"%PDF")
    os.utime(fixed_deck, (0, 0))  # older than anything composed
    assert compose(client, "route/snorting").status_code == 200
    (snorting,) = stored()
    assert compose(client, "route/smoking").status_code == 200
    (smoking,) = set(stored()) - {snorting}
    assert compose(client, "route/snorting").status_code == 200  # served again: kept longest
    room = snorting.stat().st_size + smoking.stat().st_size
    settings.CARD_PDF_CACHE_MB = room * 1.2 / 1024 / 1024

    assert compose(client, "route/oral").status_code == 200
    left = stored()
    assert smoking not in left and snorting in left and len(left) == 2
    assert sum(path.stat().st_size for path in left) <= room * 1.2
    assert fixed_deck.exists()


def start_of_a_minute():
    """Rate limits count per minute: start early in one so all requests share it."""
    if time.time() % 60 > 55:
        time.sleep(60 - time.time() % 60)


def test_new_pdfs_are_limited_per_address_and_stored_ones_are_free(client, settings):
    settings.RATE_CARD_PDF = 2
    start_of_a_minute()
    assert compose(client, "route/snorting").status_code == 200
    assert compose(client, "route/smoking").status_code == 200

    refused = compose(client, "route/oral", prefix="/nl")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Te veel nieuwe kaartensets vanaf dit netwerk" in refused.content.decode()
    assert len(stored()) == 2

    assert compose(client, "route/snorting").status_code == 200  # stored: free
    assert compose(client, "route/oral", address="192.0.2.7").status_code == 200


def test_while_the_line_of_builds_is_full_a_new_pdf_is_refused_at_once(client):
    done = threading.Event()

    def build_slowly():
        with built_files.build_slot():
            done.wait(10)

    line = built_files.BUILDS_AT_ONCE + built_files.WAITING
    threads = [threading.Thread(target=build_slowly) for _ in range(line)]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 5
        while built_files.in_line() < line and time.monotonic() < deadline:
            time.sleep(0.01)
        started = time.monotonic()
        response = compose(client, "route/snorting")
        assert time.monotonic() - started < 1  # no waiting in a full line
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert response.status_code == 503
    assert response["Retry-After"] == str(built_files.RETRY_BUSY_S)
    assert "Cards are being made for others right now" in response.content.decode()
    assert stored() == [] and built_files.in_line() == 0
