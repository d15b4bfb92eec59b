"""Cards as a print-ready PDF (WeasyPrint): A4 sheets for double-sided printing with crop
marks, or one card per page at card size.

Text is fitted by estimate (fitting.py), then checked against WeasyPrint's real layout:
every face has a marker after its last line and one where its foot (the emergency strip
or the QR footer) begins. A face whose text runs into its foot is fitted again with
fewer lines, so no printed card ever has clipped text, whatever fonts a machine has.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import segno
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from journeys.cards.decks import CardError
from journeys.cards.fitting import (
    Card,
    CardSize,
    FittedCard,
    fit_card,
    fit_source_names,
    short_source_name,
)
from journeys.cards.imposition import Mark, Slot, sheet_layout
from journeys.core.models import Source

Layout = Literal["sheets", "single"]
LAYOUTS: dict[str, str] = {
    "sheets": "A4 sheets, double-sided, with crop marks",
    "single": "one card per page, at card size",
}
MAX_ORG_LINE = 120
CSS_FILE = Path(__file__).parent / "static" / "cards" / "card.css"
MAX_FIT_ROUNDS = 4
SHRINK_STEP = 1.5  # lines taken off a face that overflowed


@dataclass(frozen=True)
class PrintOptions:
    size: CardSize
    layout: Layout
    site_url: str  # "https://journeys.example.org": QR codes point below it
    org_line: str = ""  # printed on every back: "Printed by ... · contact"


@dataclass(frozen=True)
class PlacedFace:
    number: int  # unique in the document: the fit markers' ids use it
    side: Literal["front", "back"]
    slot: Slot
    card: FittedCard
    qr: str = ""  # data URI, backs only
    source_names: tuple[str, ...] = ()
    more_sources: int = 0


@dataclass(frozen=True)
class Page:
    faces: tuple[PlacedFace, ...]
    marks: tuple[Mark, ...] = ()
    note: str = ""  # printing instructions in the sheet's margin


@dataclass
class Built:
    pdf: bytes
    pages: int
    cards: int
    notices: list[str] = field(default_factory=list)
    fit_rounds: int = 1  # layouts made: more than one when the estimate was too hopeful


def emergency_text() -> str:
    return _("Emergency? Call 112. Not medical advice: no drug use is risk-free.")


def build_pdf(cards: Sequence[Card], options: PrintOptions, title: str) -> Built:
    """The PDF of `cards` in the language they were built in (the active one)."""
    if not cards:
        raise CardError(_("This deck has no cards to print."))
    if len(options.org_line) > MAX_ORG_LINE:
        raise CardError(
            _("The line for the back can be at most %(max)d characters.") % {"max": MAX_ORG_LINE}
        )
    from weasyprint import CSS, HTML  # imported here: it loads Pango, which pages don't need

    strip = emergency_text()
    shrink = {card.ref: 0.0 for card in cards}
    overflowing: list[str] = []
    names = short_names()
    for fit_round in range(1, MAX_FIT_ROUNDS + 1):
        fitted = [fit_card(card, options.size, strip, shrink[card.ref]) for card in cards]
        pages = paginate(fitted, options, names)
        html = render_to_string(
            "cards/print.html",
            {
                "pages": pages,
                "options": options,
                "title": title,
                "strip": strip,
                "language": translation.get_language(),
                "page_width": options.size.width if options.layout == "single" else 210,
                "page_height": options.size.height if options.layout == "single" else 297,
            },
        )
        document = HTML(string=html, base_url=str(CSS_FILE.parent)).render(
            stylesheets=[CSS(filename=str(CSS_FILE))]
        )
        overflowing = overflowing_cards(document, pages)
        if not overflowing:
            notices = [
                _("%(title)s is in English: it has no translation yet.") % {"title": card.title}
                for card in cards
                if card.fell_back
            ]
            pdf = document.write_pdf()
            return Built(bytes(pdf), len(document.pages), len(cards), notices, fit_round)
        for ref in overflowing:
            shrink[ref] += SHRINK_STEP
    raise CardError(
        _("These cards do not fit their size: %(cards)s.") % {"cards": ", ".join(overflowing)}
    )


def paginate(
    fitted: Sequence[FittedCard], options: PrintOptions, names: dict[str, str]
) -> list[Page]:
    pages: list[Page] = []
    number = 0

    def face(card: FittedCard, side: Literal["front", "back"], slot: Slot) -> PlacedFace:
        nonlocal number
        number += 1
        if side == "front":
            return PlacedFace(number, side, slot, card)
        shown, more = _footer_sources(card, options, names)
        return PlacedFace(
            number, side, slot, card, qr_code(options.site_url + card.card.path), shown, more
        )

    if options.layout == "single":
        origin = Slot(0, 0)
        for card in fitted:
            pages.append(Page((face(card, "front", origin),)))
            pages.append(Page((face(card, "back", origin),)))
        return pages

    layout = sheet_layout(options.size)
    sheets = layout.sheets(len(fitted))
    for sheet in range(sheets):
        chunk = fitted[sheet * layout.per_sheet : (sheet + 1) * layout.per_sheet]
        where = {"sheet": sheet + 1, "sheets": sheets}
        fronts = tuple(
            face(card, "front", slot) for card, slot in zip(chunk, layout.fronts, strict=False)
        )
        backs = tuple(
            face(card, "back", slot) for card, slot in zip(chunk, layout.backs, strict=False)
        )
        pages.append(
            Page(
                fronts,
                layout.marks,
                _(
                    "Sheet %(sheet)s of %(sheets)s, fronts. Print double-sided, flip on the "
                    "long edge, at actual size (100%%)."
                )
                % where,
            )
        )
        pages.append(Page(backs, layout.marks, _("Sheet %(sheet)s of %(sheets)s, backs.") % where))
    return pages


def _footer_sources(
    card: FittedCard, options: PrintOptions, names: dict[str, str]
) -> tuple[tuple[str, ...], int]:
    short = tuple(dict.fromkeys(names[key] for key in card.sources if key in names))
    return fit_source_names(short, options.size, prefix=_("Sources") + ": ")


def short_names() -> dict[str, str]:
    return {s.key: short_source_name(s.author, s.year) for s in Source.objects.all()}


@lru_cache(maxsize=512)
def qr_code(url: str) -> str:
    # A small PNG, one pixel per module, printed with hard edges: WeasyPrint draws it far
    # faster than the same code as an SVG path.
    return str(segno.make(url, error="m").png_data_uri(scale=1, border=2))


def overflowing_cards(document: Any, pages: Sequence[Page]) -> list[str]:
    """Cards with a face whose last line sits below the top of its foot."""
    anchors: dict[str, tuple[float, float]] = {}
    for page in document.pages:
        anchors.update(page.anchors)
    refs = {face.number: face.card.card.ref for page in pages for face in page.faces}
    over = [
        refs[number]
        for number in refs
        if f"end-{number}" in anchors
        and f"foot-{number}" in anchors
        and anchors[f"end-{number}"][1] > anchors[f"foot-{number}"][1] + 0.5
    ]
    return list(dict.fromkeys(over))
