"""Card pages over HTTP: decks, a card's full text, composing a deck, PDF downloads, and
what bad requests get."""

import io

import pytest
from pypdf import PdfReader

from journeys.cards.decks import MAX_CUSTOM_CARDS
from journeys.cards.models import Deck, TopicCard
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("curriculum")


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # built PDFs are kept under var/cards/


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_cards_page_lists_decks_and_every_card(client):
    page = client.get("/cards/").content.decode()
    assert "Nightlife" in page and "All substances" in page
    assert 'href="/cards/substance/ghb-gbl/"' in page
    assert 'href="/cards/topic/overdose-response/"' in page
    dutch = client.get("/nl/cards/").content.decode()
    assert "Uitgaan" in dutch and "Alle middelen" in dutch


def test_a_deck_page_shows_every_card_as_printed_and_a_download_form(client):
    page = client.get("/cards/decks/nightlife/").content.decode()
    assert page.count('class="face face-front') == len(Deck.objects.get(slug="nightlife").cards)
    assert "Download the deck as PDF (12 cards)" in page
    assert 'name="size"' in page and 'name="layout"' in page
    assert 'name="organisation"' not in page  # only trainers print their organisation


def test_downloading_a_deck(client, settings):
    response = client.get("/nl/cards/decks/nightlife/pdf/", {"size": "a7", "layout": "sheets"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "journeys-nightlife-nl-a7-sheets.pdf" in response["Content-Disposition"]
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 6  # 12 cards, 4 a sheet
    assert "Op een vriend letten" in pdf_text(response)
    assert len(list((settings.VAR_DIR / "cards").glob("*.pdf"))) == 1
    again = client.get("/nl/cards/decks/nightlife/pdf/", {"size": "a7", "layout": "sheets"})
    assert again.content == response.content  # served from var/cards/


def test_a_link_without_options_gets_the_defaults(client):
    response = client.get("/cards/decks/routes/pdf/")
    assert response.status_code == 200
    assert "journeys-routes-en-a7-sheets.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"size": "a9"}, "Select a valid choice. a9 is not one of the available choices."),
        ({"layout": "poster"}, "Select a valid choice."),
    ],
)
def test_bad_print_options_get_a_clear_400(client, query, message):
    response = client.get("/cards/decks/nightlife/pdf/", query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_decks_and_cards_are_404(client):
    assert client.get("/cards/decks/unicorns/").status_code == 404
    assert client.get("/cards/decks/unicorns/pdf/").status_code == 404
    assert client.get("/cards/substance/unicorn/").status_code == 404
    assert client.get("/cards/planet/mars/").status_code == 404


def test_a_deck_that_holds_no_cards_says_so(client):
    Deck.objects.create(
        slug="empty", title={"en": "Empty"}, description={"en": "-"}, cards=["topic/*"]
    )
    TopicCard.objects.all().delete()
    response = client.get("/cards/decks/empty/pdf/")
    assert response.status_code == 400
    assert "This deck has no cards to print." in response.content.decode()


def test_a_card_page_shows_everything_with_its_sources(client):
    page = client.get("/cards/topic/ghb-dosing/").content.decode()
    for text in [
        "GHB: dosing and timing",
        "Wait at least 2 hours before taking more",
        "What suits a friend may be too much for you",  # more than a printed card holds
        'id="source-penington-ghb"',
        "The printed card",
    ]:
        assert text in page
    substance = client.get("/nl/cards/substance/ghb-gbl/").content.decode()
    assert "Niet combineren met" in substance and "Gevaarlijk" in substance


def test_composing_a_deck(client):
    page = client.get("/cards/compose/").content.decode()
    assert page.count('type="checkbox" name="card"') > 50
    response = client.get(
        "/cards/compose/pdf/",
        {
            "card": ["topic/overdose-response", "substance/mdma"],
            "layout": "single",
            "size": "85x55",
        },
    )
    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 4
    assert "Overdose: what to do" in pdf_text(response)


@pytest.mark.parametrize(
    ("cards", "message"),
    [
        ([], "Tick at least one card for your deck."),
        (["topic/ghb-dosing", "substance/unicorn"], "Select a valid choice. substance/unicorn is"),
    ],
)
def test_composing_with_bad_cards_keeps_the_choice_and_explains(client, cards, message):
    response = client.get("/cards/compose/pdf/", {"card": cards, "size": "a7"})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'role="alert"' in page
    for card in cards:
        if card == "topic/ghb-dosing":
            assert 'value="topic/ghb-dosing" checked' in page


def test_a_flood_of_cards_is_refused_without_work(client):
    response = client.get("/cards/compose/pdf/", {"card": ["substance/mdma"] * 2000})
    assert response.status_code == 400


def test_the_same_card_many_times_is_one_card(client):
    response = client.get(
        "/cards/compose/pdf/", {"card": ["substance/mdma"] * (MAX_CUSTOM_CARDS + 5)}
    )
    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2


def test_a_trainer_prints_their_organisation_on_the_back(client, trainer, organisation):
    client.login(username="trainer", password=PASSWORD)
    page = client.get("/cards/decks/nightlife/").content.decode()
    assert 'name="organisation"' in page and organisation.name in page
    response = client.get(
        "/cards/decks/nightlife/pdf/",
        {"organisation": organisation.slug, "contact": "020 123 4567", "layout": "single"},
    )
    assert f"{organisation.name} · 020 123 4567" in pdf_text(response)
    organisation.contact_line = "www.example.org/help"
    organisation.save()
    response = client.get(
        "/cards/decks/routes/pdf/", {"organisation": organisation.slug, "layout": "single"}
    )
    assert f"{organisation.name} · www.example.org/help" in pdf_text(response)


def test_others_cannot_print_an_organisation_name(client, other_organisation, trainer):
    # An organisation the user is not staff of is not among the choices.
    client.login(username="trainer", password=PASSWORD)
    response = client.get("/cards/decks/routes/pdf/", {"organisation": other_organisation.slug})
    assert response.status_code == 400
    client.logout()
    response = client.get("/cards/decks/routes/pdf/", {"organisation": "amsterdam", "contact": "x"})
    assert response.status_code == 200
    assert "Amsterdam Training" not in pdf_text(response)
