"""Benchmark printing cards: the all-substances deck as A4 sheets, in English and Dutch.

    python bench/cards.py [--runs 3]

Builds the deck the way `journeys cards build --deck all-substances` does (cards from
the knowledge base, fitted, laid out by WeasyPrint, PDF bytes), once per language, on a
fresh SQLite installation in a temporary directory. Prints a table (figure, value,
target); the last line is `deck_build_s: X`, the median time for both languages.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 5.0


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
    ]
    width = max(len(row[0]) for row in rows)
    print(f"{'figure':<{width}}  {'value':>8}  target")
    for figure, value, target in rows:
        print(f"{figure:<{width}}  {value:>8}  {target}")
    print(f"deck_build_s: {both:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
