"""Print-ready PDFs: `journeys cards build` as a trainer runs it, the pages it makes, the
facts on them, and what bad input gets."""

import io
import re
from pathlib import Path

import pytest
from django.utils import translation
from pypdf import PdfReader

from journeys.cards import decks, fitting
from journeys.cards.fitting import SIZES
from journeys.cards.imposition import sheet_layout
from journeys.cards.pdf import PrintOptions, build_pdf
from journeys.cli import main
from journeys.core.built_files import write_atomically
from journeys.knowledge.models import Substance

pytestmark = pytest.mark.usefixtures("curriculum")
MM = 72 / 25.4  # PDF points per millimetre


def pages_text(pdf: bytes | Path) -> list[str]:
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def page_size_mm(pdf: bytes, index: int = 0) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[index].mediabox
    return round(float(box.width) / MM), round(float(box.height) / MM)


def test_all_substances_in_dutch_on_a4_sheets(tmp_path, capsys):
    out = tmp_path / "out.pdf"
    status = main(["cards", "build", "--deck", "all-substances", "--lang", "nl", "-o", str(out)])
    assert status == 0
    cards = Substance.objects.count()
    expected_pages = sheet_layout(SIZES["a7"]).pages(cards)
    assert f"{cards} cards on {expected_pages} pages" in capsys.readouterr().out
    pages = pages_text(out)
    assert len(pages) == expected_pages
    assert page_size_mm(out.read_bytes()) == (210, 297)
    # The GHB card: its front on a fronts page, its back (mirrored) on the next page.
    front = next(i for i, text in enumerate(pages) if "GHB / GBL Ook wel: G" in text)
    assert front % 2 == 0
    assert (
        "Een dempend middel dat vroeger als slaapmiddel en narcosemiddel werd gebruikt."
        in (pages[front])
    )
    assert "Noodgeval? Bel 112." in pages[front]
    back = pages[front + 1]
    assert "Niet combineren met" in back
    assert re.search(r"Gevaarlijk: [^☠✖]*Alcohol", back)
    assert "Bronnen:" in back
    assert "Vel 1 van" in pages[0]


def test_one_card_per_page_at_85_by_55(tmp_path):
    out = tmp_path / "cards.pdf"
    args = ["cards", "build", "--cards", "topic/overdose-response,substance/mdma"]
    assert main([*args, "--layout", "single", "--size", "85x55", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert len(PdfReader(io.BytesIO(data)).pages) == 4
    assert page_size_mm(data) == (85, 55)
    texts = pages_text(data)
    assert texts[0].startswith("Recognise · call 112 · position · stay Overdose: what to do")
    assert "Does not respond to a loud voice" in texts[0]
    assert "MDMA" in texts[2]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_card_fits_its_size_at_the_first_try(size, language):
    """The estimate matches DejaVu Sans (Debian's fonts-dejavu-core): no card needs a
    second layout, and no card's text runs into its foot."""
    refs = [ref for refs in decks.all_refs().values() for ref in refs]
    with translation.override(language):
        cards = decks.cards_for(refs, language)
        built = build_pdf(cards, PrintOptions(SIZES[size], "single", "https://x.example"), "all")
    assert built.pages == 2 * len(cards)
    assert built.fit_rounds == 1


def test_a_hopeful_estimate_is_caught_by_the_real_layout(monkeypatch):
    monkeypatch.setattr(fitting, "CHARS_PER_MM", 2.0)  # pretends lines hold 3x as much
    cards = decks.cards_for(["substance/ghb-gbl"], "en")
    built = build_pdf(cards, PrintOptions(SIZES["85x55"], "single", "https://x.example"), "x")
    assert built.fit_rounds > 1
    assert built.pages == 2  # still one page per face: nothing spilled over


def test_the_organisation_line_is_printed_on_every_back(tmp_path):
    out = tmp_path / "x.pdf"
    line = "Stichting Voorbeeld · 020 123 4567"
    assert main(["cards", "build", "--deck", "nightlife", "--org-line", line, "-o", str(out)]) == 0
    pages = pages_text(out)
    backs = pages[1::2]
    assert all(text.count(line) == min(4, 12 - 4 * i) for i, text in enumerate(backs))
    assert line not in pages[0]


def test_bad_input_gets_a_message_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"an older deck")
    for args, message in [
        (["--deck", "unicorns"], "Unknown deck 'unicorns'. Decks: nightlife"),
        (["--cards", "substance/mdma,substance/unicorn"], "Unknown card: substance/unicorn."),
        (["--cards", ""], "A deck needs at least one card."),
        (["--deck", "nightlife", "--org-line", "x" * 121], "at most 120 characters"),
    ]:
        assert main(["cards", "build", *args, "-o", str(out)]) == 1
        assert message in capsys.readouterr().err
        assert out.read_bytes() == b"an older deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]  # no half-written files


def test_a_language_without_cards_falls_back_to_english_and_says_so(tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert (
        main(["cards", "build", "--cards", "topic/ghb-dosing", "--lang", "de", "-o", str(out)]) == 0
    )
    assert "no cards in de; they are printed in English" in capsys.readouterr().err
    assert "Wait at least 2 hours before taking more" in " ".join(pages_text(out))


def test_a_card_without_its_translation_is_named(tmp_path, capsys):
    substance = Substance.objects.get(slug="ketamine")
    substance.data["what_it_is"].pop("nl")
    substance.save()
    out = tmp_path / "x.pdf"
    assert (
        main(["cards", "build", "--cards", "substance/ketamine", "--lang", "nl", "-o", str(out)])
        == 0
    )
    assert "Ketamine is in het Engels: er is nog geen vertaling." in capsys.readouterr().err


def test_an_empty_deck_is_refused():
    with pytest.raises(decks.CardError, match="no cards"):
        build_pdf([], PrintOptions(SIZES["a7"], "sheets", "https://x.example"), "empty")


def test_writing_is_all_or_nothing(tmp_path, monkeypatch):
    target = tmp_path / "deck.pdf"
    write_atomically(target, b"%PDF-1.7 whole")
    assert target.read_bytes() == b"%PDF-1.7 whole"
    assert target.stat().st_mode & 0o777 == 0o644  # readable by others, like any file

    def disk_full(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("journeys.core.built_files.os.replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, b"%PDF-1.7 new")
    assert target.read_bytes() == b"%PDF-1.7 whole"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pdf"]  # the part file is gone
