"""`journeys content check` on card files: unknown cards, repeats and bad topics are named
with file and line; an error elsewhere is not repeated as a second, misleading one."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.content_edits import copy_content, edit, errors


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(Path(settings.CONTENT_DIR), tmp_path)


def test_a_deck_with_an_unknown_card_names_it_and_its_line(content):
    decks = content / "cards" / "decks.yaml"
    edit(decks, "      - substance/cocaine\n", "      - substance/cocaine-powder\n")
    (problem,) = errors(content)
    line = decks.read_text().splitlines().index("      - substance/cocaine-powder") + 1
    assert problem.startswith(f"{decks}:{line}: decks[0].cards[4]: ")
    assert problem.endswith("unknown substance card 'cocaine-powder'")


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ("planet/mars", "String should match pattern"),
        ("topic/overdose-response", "card 'topic/overdose-response' is listed twice"),
        ("topic/how-to-fly", "unknown topic card 'how-to-fly'"),
    ],
)
def test_bad_card_names(content, card, message):
    edit(content / "cards" / "decks.yaml", "      - topic/ghb-dosing\n", f"      - {card}\n")
    (problem,) = errors(content)
    assert message in problem


def test_a_topic_without_sources_or_with_an_unknown_icon_fails(content):
    topics = content / "cards" / "topics.yaml"
    edit(topics, "        icon: eye\n", "        icon: rocket\n")
    edit(topics, "          sources: [penington-ghb]\n", "")
    found = errors(content)
    assert any("front[0].icon: " in p and "unknown icon 'rocket'" in p for p in found)
    assert any("items.sources: required field is missing" in p for p in found)


def test_a_broken_substance_file_is_reported_once_not_again_by_the_decks(content):
    edit(content / "knowledge" / "substances" / "cocaine.yaml", "classes:", "klasses:")
    found = errors(content)
    assert found and all("cocaine.yaml" in problem for problem in found)
