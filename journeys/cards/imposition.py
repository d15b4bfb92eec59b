"""Where cards go on an A4 sheet for double-sided printing: plain geometry in mm.

Fronts fill a grid on one page; the next page holds the backs, mirrored left to right,
so that after the sheet is turned over on its long edge each back lands behind its
front. Crop marks sit outside every card, in the margins and gutters, never on a card.
"""

import math
from dataclasses import dataclass

from journeys.cards.fitting import CardSize

A4 = (210.0, 297.0)
MIN_MARGIN = 10.0  # most printers cannot print closer to the edge
GUTTER = 8.0  # room between cards for the crop marks and an imprecise cut
MARK_OFFSET = 1.0  # crop marks start this far from the card's corner ...
MARK_LENGTH = 2.5  # ... and are this long, so neighbours' marks never meet


@dataclass(frozen=True)
class Slot:
    x: float  # mm from the left edge of the paper to the card's left edge
    y: float  # mm from the top edge


@dataclass(frozen=True)
class Mark:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class SheetLayout:
    paper: tuple[float, float]
    card: CardSize
    columns: int
    rows: int
    fronts: tuple[Slot, ...]  # row by row, left to right
    backs: tuple[Slot, ...]  # the slot behind each front, mirrored for a long-edge flip
    marks: tuple[Mark, ...]

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def sheets(self, cards: int) -> int:
        return math.ceil(cards / self.per_sheet)

    def pages(self, cards: int) -> int:
        """Two pages per sheet: fronts, then backs."""
        return 2 * self.sheets(cards)


def sheet_layout(card: CardSize, paper: tuple[float, float] = A4) -> SheetLayout:
    width, height = paper
    columns = _fit(width, card.width)
    rows = _fit(height, card.height)
    if columns < 1 or rows < 1:
        raise ValueError(f"a {card.label} card does not fit on {width} × {height} mm paper")
    left = (width - (columns * card.width + (columns - 1) * GUTTER)) / 2
    top = (height - (rows * card.height + (rows - 1) * GUTTER)) / 2
    fronts = tuple(
        Slot(left + column * (card.width + GUTTER), top + row * (card.height + GUTTER))
        for row in range(rows)
        for column in range(columns)
    )
    backs = tuple(Slot(width - slot.x - card.width, slot.y) for slot in fronts)
    marks = tuple(mark for slot in fronts for mark in crop_marks(slot, card))
    return SheetLayout(paper, card, columns, rows, fronts, backs, marks)


def _fit(length: float, card_length: float) -> int:
    return int((length - 2 * MIN_MARGIN + GUTTER) // (card_length + GUTTER))


def crop_marks(slot: Slot, card: CardSize) -> list[Mark]:
    """Two short lines at each corner, pointing away from the card along its edges."""
    marks = []
    for x in (slot.x, slot.x + card.width):
        for y in (slot.y, slot.y + card.height):
            dx = -1 if x == slot.x else 1
            dy = -1 if y == slot.y else 1
            start, end = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
            marks.append(Mark(x + dx * start, y, x + dx * end, y))  # along the horizontal edge
            marks.append(Mark(x, y + dy * start, x, y + dy * end))  # along the vertical edge
    return marks
