"""Card PDFs for the site: each built once, stored by what it holds, a few built at a time
(journeys/core/built_files.py says how and why).

Anyone may ask for any combination of cards, so:

- A PDF is stored under a hash of everything that decides its bytes: the content load,
  language, size, layout, site address, line on the back, title and the cards in print
  order. The same deck asked for with its cards in another order, twice, or with extra
  parameters is the same file (the compose form puts cards in the page's order).
- The fixed decks without a personal line live in var/cards/: a few dozen files per
  content load. Decks composed on the site, and decks with an organisation's line, live
  in var/cards/composed/, kept under JOURNEYS_CARD_PDF_CACHE_MB.
- Building a new PDF costs the asking address one of JOURNEYS_RATE_CARD_PDF per minute;
  a stored one is free.
"""

from collections.abc import Callable, Sequence
from pathlib import Path

from django.conf import settings

from journeys.core import built_files, limits
from journeys.core.content.readmodel import content_version

RETRY_LIMITED_S = 60  # the rate limit counts per minute

FIXED = built_files.Shelf("cards")
COMPOSED = built_files.Shelf("cards/composed", "CARD_PDF_CACHE_MB")


class TooMany(Exception):
    """This address has had its new PDFs for this minute."""


def stored_or_built(
    key_parts: Sequence[object], build: Callable[[], bytes], who: str, composed: bool
) -> bytes:
    """The PDF that `key_parts` describe: stored, or built by `build` and stored.
    Raises TooMany or built_files.Busy instead of building; errors from `build` pass through."""

    def within_the_limit() -> None:
        if not limits.allow("card-pdf", who, settings.RATE_CARD_PDF):
            raise TooMany

    shelf = COMPOSED if composed else FIXED
    return built_files.stored_or_built(
        shelf, [content_version(), *key_parts], build, within_the_limit
    )


def composed_dir() -> Path:
    return COMPOSED.directory
