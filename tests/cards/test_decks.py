"""Cards drawn from the knowledge base: what each kind shows, in which language, and
that every printed fact cites a known source."""

import pytest
from django.utils import translation

from journeys.cards import decks
from journeys.core.models import Source
from journeys.knowledge.models import Substance

pytestmark = pytest.mark.usefixtures("curriculum")


def every_ref() -> list[str]:
    return [ref for refs in decks.all_refs().values() for ref in refs]


def test_wildcards_expand_to_every_card_of_a_kind_once():
    substances = decks.expand(["substance/*"])
    assert len(substances) == Substance.objects.count()
    assert decks.expand(["substance/mdma", "substance/*"])[0] == "substance/mdma"
    assert len(decks.expand(["substance/mdma", "substance/*"])) == len(substances)


@pytest.mark.parametrize("ref", ["substance/unicorn", "topic/nothing", "planet/mars", ""])
def test_unknown_cards_are_named_in_the_error(ref):
    with pytest.raises(decks.CardError, match="Unknown card"):
        decks.expand(["substance/mdma", ref])


def test_unknown_deck_lists_the_decks_there_are():
    with pytest.raises(decks.CardError, match="all-substances"):
        decks.get_deck("unicorns")


def test_custom_decks_need_cards_and_have_a_limit():
    with pytest.raises(decks.CardError, match="at least one"):
        decks.custom_refs([])
    with pytest.raises(decks.CardError, match="at most"):
        decks.custom_refs(["substance/mdma"] * (decks.MAX_CUSTOM_CARDS + 1))


def test_ghb_card_warns_against_alcohol_first_and_says_when_to_call_112():
    (card,) = decks.cards_for(["substance/ghb-gbl"], "en")
    mix = next(s for s in card.back if s.key == "do-not-mix")
    dangerous = [fact.text for fact in mix.items if fact.tag == "☠ Dangerous"]
    assert "Alcohol" in dangerous and "Opioids" in dangerous
    assert mix.first == len(dangerous)  # all dangerous ones get room before anything else
    assert [fact.tag for fact in mix.items] == sorted(
        (fact.tag for fact in mix.items), key=lambda tag: tag != "☠ Dangerous"
    )
    assert any(s.key == "get-help" for s in card.back)
    assert card.path == "/knowledge/substances/ghb-gbl/"
    assert card.title == "GHB / GBL" and "G" in card.aka


def test_a_card_in_dutch_is_dutch_and_says_nothing_fell_back():
    with translation.override("nl"):
        (card,) = decks.cards_for(["substance/ghb-gbl"], "nl")
    assert card.path == "/nl/knowledge/substances/ghb-gbl/"
    assert not card.fell_back
    headings = [s.heading for s in (*card.front, *card.back)]
    assert "Niet combineren met" in headings
    timing = next(s for s in card.front if s.key == "timing").items[0].text
    assert timing == "Slikken (oraal): werkt na 10–60 min, 1–2,5 uur lang"


def test_a_text_missing_in_dutch_falls_back_to_english_and_says_so():
    substance = Substance.objects.get(slug="mdma")
    substance.data["what_it_is"].pop("nl")
    substance.save()
    (card,) = decks.cards_for(["substance/mdma"], "nl")
    assert card.fell_back
    assert card.front[0].items[0].text.startswith("A synthetic")


def test_languages_without_cards_fall_back_to_english_with_a_notice():
    assert decks.supported_language("nl") == ("nl", "")
    language, notice = decks.supported_language("de")
    assert language == "en" and "English" in notice


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_fact_on_every_card_cites_a_known_source(language):
    known = set(Source.objects.values_list("key", flat=True))
    with translation.override(language):
        cards = decks.cards_for(every_ref(), language)
    assert len(cards) == len(every_ref())
    for card in cards:
        assert not card.fell_back, f"{card.ref} is not fully translated"
        assert card.front and card.back, card.ref
        for section in (*card.front, *card.back):
            for fact in section.items:
                assert fact.sources and set(fact.sources) <= known, (card.ref, fact.text)
                assert fact.text.strip()


def test_route_and_topic_cards():
    route, topic = decks.cards_for(["route/injecting", "topic/overdose-response"], "en")
    assert route.label == "Route of administration" and route.back[0].key == "safer-use"
    assert topic.path == "/cards/topic/overdose-response/"
    assert topic.front[0].heading == "Recognise"
