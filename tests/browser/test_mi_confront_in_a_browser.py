"""The coach never praises a confrontation (issue 24), in Chromium, in English and in
Dutch: to Marco, who used violence against his partner and blames her, "No, you hit her.
That is your responsibility, not hers." gets a warning note, draws discord and counts as
confronting in the summary, never as a reflection; an affirmation is shown as one."""

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass(frozen=True)
class Words:
    """The replies and what the page says, in one language."""

    path: str
    confront: str
    affirm: str
    label: str
    reply: str
    finish: str
    scores: str
    confronting: str
    affirmation: str
    reflections: tuple[str, ...]
    confronting_count: str
    affirmation_count: str
    no_reflections: str


ENGLISH = Words(
    path="/mi/practice/used-violence-at-home/",
    confront="No, you hit her. That is your responsibility, not hers.",
    affirm="It took courage to open the door and talk to me.",
    label="What do you say to Marco?",
    reply="Reply",
    finish="Finish and see your summary",
    scores="MITI summary scores",
    confronting="Confronting",
    affirmation="Affirmation",
    reflections=("Simple reflection", "Complex reflection"),
    confronting_count="Confronting: 1",
    affirmation_count="Affirmations: 1",
    no_reflections="Reflections: 0 simple, 0 complex",
)
DUTCH = Words(
    path="/nl/mi/practice/used-violence-at-home/",
    confront="Nee, jij hebt haar geslagen. Dat is jouw verantwoordelijkheid, niet de hare.",
    affirm="Knap dat je de deur opendeed en met me praat.",
    label="Wat zeg je tegen Marco?",
    reply="Reageren",
    finish="Afronden en samenvatting bekijken",
    scores="Samenvattende MITI-scores",
    confronting="Confronteren",
    affirmation="Bevestigen",
    reflections=("Eenvoudige reflectie", "Complexe reflectie"),
    confronting_count="Confronteren: 1",
    affirmation_count="Bevestigingen: 1",
    no_reflections="Reflecties: 0 eenvoudig, 0 complex",
)


def send(page, words: Words, number: int, text: str):
    page.get_by_label(words.label).fill(text)
    page.get_by_role("button", name=words.reply, exact=True).click()
    turn = page.locator(f"#turn-{number}")
    turn.wait_for()
    return turn


def codes_of(turn) -> list[str]:
    """The codes the reply counts as, as the page names them (one per thought)."""
    return [c.strip() for c in turn.locator(".mi-code-name strong").all_inner_texts()]


def confront_then_affirm(page, site: str, words: Words) -> None:
    page.goto(site + words.path)

    # The confrontation: a warning, no praise, not a reflection, and Marco pushes back.
    turn = send(page, words, 1, words.confront)
    assert words.confronting in codes_of(turn), codes_of(turn)
    assert turn.locator(".mi-note-warn").count() >= 1
    assert turn.locator(".mi-note-good").count() == 0, turn.inner_text()
    assert not set(codes_of(turn)) & set(words.reflections), codes_of(turn)
    assert "mi-discord" in str(page.locator("#turn-1 + li.mi-client").get_attribute("class"))
    check_accessibility(page)

    # The affirmation is shown as an affirmation, with a note that says so.
    turn = send(page, words, 2, words.affirm)
    assert words.affirmation in codes_of(turn), codes_of(turn)
    assert turn.locator(".mi-note-good").count() >= 1
    assert turn.locator(".mi-note-warn").count() == 0, turn.inner_text()
    assert not set(codes_of(turn)) & set(words.reflections), codes_of(turn)

    # The summary counts one confrontation and one affirmation, and no reflection, so
    # the confrontation adds nothing to "% complex reflections".
    page.get_by_role("button", name=words.finish).click()
    # expect(), unlike is_visible(), waits for the page the click opens.
    expect(page.get_by_role("heading", name=words.scores)).to_be_visible()
    assert page.locator('[data-count="confronting"]').inner_text() == words.confronting_count
    assert page.locator('[data-count="affirmation"]').inner_text() == words.affirmation_count
    assert words.no_reflections in page.locator("main").inner_text()
    complex_share = page.locator('[data-score="percent_complex_reflections"] .mi-value')
    assert complex_share.inner_text() == "–"
    check_accessibility(page)


def test_a_confrontation_is_warned_about_and_counted_as_confronting(page, site):
    confront_then_affirm(page, site, ENGLISH)


def test_een_confrontatie_krijgt_een_waarschuwing_en_telt_als_confronteren(page, site):
    confront_then_affirm(page, site, DUTCH)
