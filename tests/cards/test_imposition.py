"""Cards on A4 for double-sided printing: inside the printable area, no overlaps, backs
behind their fronts after a long-edge flip, crop marks never on a card."""

import pytest

from journeys.cards.fitting import SIZES
from journeys.cards.imposition import A4, MIN_MARGIN, sheet_layout


@pytest.mark.parametrize(("size", "columns", "rows"), [("a7", 2, 2), ("85x55", 2, 4)])
def test_grid_per_sheet(size, columns, rows):
    layout = sheet_layout(SIZES[size])
    assert (layout.columns, layout.rows, layout.per_sheet) == (columns, rows, columns * rows)


@pytest.mark.parametrize("size", SIZES)
def test_cards_sit_inside_the_margins_without_overlapping(size):
    layout = sheet_layout(SIZES[size])
    card = layout.card
    for slot in layout.fronts + layout.backs:
        assert MIN_MARGIN <= slot.x <= A4[0] - MIN_MARGIN - card.width
        assert MIN_MARGIN <= slot.y <= A4[1] - MIN_MARGIN - card.height
    for i, a in enumerate(layout.fronts):
        for b in layout.fronts[i + 1 :]:
            apart = a.x + card.width <= b.x or b.x + card.width <= a.x
            assert apart or a.y + card.height <= b.y or b.y + card.height <= a.y


@pytest.mark.parametrize("size", SIZES)
def test_each_back_lands_behind_its_front_when_flipped_on_the_long_edge(size):
    layout = sheet_layout(SIZES[size])
    for front, back in zip(layout.fronts, layout.backs, strict=True):
        assert back.y == front.y
        assert back.x == pytest.approx(A4[0] - front.x - layout.card.width)


@pytest.mark.parametrize("size", SIZES)
def test_crop_marks_stay_off_every_card(size):
    layout = sheet_layout(SIZES[size])
    card = layout.card
    assert len(layout.marks) == 8 * layout.per_sheet
    for mark in layout.marks:
        for slot in layout.fronts:
            inside_x = slot.x < min(mark.x1, mark.x2) < slot.x + card.width
            inside_y = slot.y < min(mark.y1, mark.y2) < slot.y + card.height
            assert not (inside_x and inside_y)
            assert not (
                slot.x < max(mark.x1, mark.x2) < slot.x + card.width
                and slot.y < max(mark.y1, mark.y2) < slot.y + card.height
            )


def test_pages_are_two_per_sheet():
    layout = sheet_layout(SIZES["a7"])
    assert [layout.pages(n) for n in (1, 4, 5, 41)] == [2, 2, 4, 22]
