"""Card PDFs no one asked for in JOURNEYS_PDF_CACHE_DAYS are removed: the fixed decks of
earlier content loads, which nothing serves again, and composed decks out of use."""

from datetime import datetime

from journeys.cards.downloads import COMPOSED, FIXED
from journeys.core.maintenance import Counts, remove_unused_pdfs


def remove_unused_card_pdfs(now: datetime) -> Counts:
    fixed = remove_unused_pdfs(FIXED.directory, now)
    composed = remove_unused_pdfs(COMPOSED.directory, now)
    return {what: fixed[what] + composed[what] for what in fixed}
