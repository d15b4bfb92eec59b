"""The card files and how they load.

- cards/topics.yaml   topic cards (overdose response, GHB, sex and drugs, ...), written
                      as sections of sourced items for the front and the back
- cards/decks.yaml    named decks: which cards, in which order

Substance and route cards are not written here: they are drawn from the knowledge base,
so a card never disagrees with the course.
"""

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from journeys.core.content.problems import Problem
from journeys.core.content.registry import (
    ContentFile,
    ContentKind,
    listed_ids,
    register,
    replace_by_slug,
)
from journeys.core.content.schema import IconName, Slug, SourcedList, Strict, Text
from journeys.core.content.yamlfile import Loc

CARD_KINDS = ("substance", "route", "topic")

# "substance/mdma", or "substance/*" for every card of a kind, in the knowledge base's order.
CardRef = Annotated[
    str, StringConstraints(pattern=r"^(substance|route|topic)/([a-z0-9][a-z0-9-]*|\*)$")
]


class TopicSection(Strict):
    heading: Text
    icon: IconName
    items: SourcedList
    style: Literal["list", "paragraph"] = "list"  # paragraph: the items run on as sentences


class TopicEntry(Strict):
    id: Slug
    title: Text
    subtitle: Text | None = None
    front: list[TopicSection] = Field(min_length=1)
    back: list[TopicSection] = Field(min_length=1)


class TopicsFile(Strict):
    topics: list[TopicEntry] = Field(min_length=1)


class DeckEntry(Strict):
    id: Slug
    title: Text
    description: Text
    cards: list[CardRef] = Field(min_length=1)


class DecksFile(Strict):
    decks: list[DeckEntry] = Field(min_length=1)


def topic_ids(model: TopicsFile) -> Iterable[tuple[Loc, str]]:
    return listed_ids(model, "topics")


def deck_ids(model: DecksFile) -> Iterable[tuple[Loc, str]]:
    return listed_ids(model, "decks")


def validate_decks(file: ContentFile[DecksFile]) -> Iterator[Problem]:
    for i, deck in enumerate(file.model.decks):
        seen: set[str] = set()
        for j, ref in enumerate(deck.cards):
            if ref in seen:
                yield file.problem(("decks", i, "cards", j), f"card {ref!r} is listed twice")
            seen.add(ref)


Files = Mapping[str, list[ContentFile[Strict]]]


def known_cards(file: ContentFile[DecksFile], files: Files) -> dict[str, set[str] | None]:
    """The slugs each card kind can print; None where the file that holds them did not
    parse (its own error says why; a second error here would only repeat it)."""
    root = file.path.parents[1]
    return {
        # A substance's slug is its file name, so a file with an error still counts.
        "substance": {path.stem for path in (root / "knowledge" / "substances").glob("*.yaml")},
        "route": _ids(files, "routes", root / "knowledge" / "routes.yaml", "routes"),
        "topic": _ids(files, "card-topics", root / "cards" / "topics.yaml", "topics"),
    }


def _ids(files: Files, kind: str, path: Path, attribute: str) -> set[str] | None:
    parsed = files.get(kind, [])
    if not parsed and path.exists():
        return None
    return {item.id for f in parsed for item in getattr(f.model, attribute)}


def deck_references(file: ContentFile[DecksFile], files: Files) -> Iterator[Problem]:
    known = known_cards(file, files)
    for i, deck in enumerate(file.model.decks):
        for j, ref in enumerate(deck.cards):
            kind, slug = ref.split("/")
            slugs = known[kind]
            if slugs is not None and slug != "*" and slug not in slugs:
                yield file.problem(("decks", i, "cards", j), f"unknown {kind} card {slug!r}")


def load_topics(files: list[ContentFile[TopicsFile]]) -> None:
    from journeys.cards.models import TopicCard

    topics = files[0].model.topics if files else []
    replace_by_slug(
        TopicCard,
        (
            (
                topic.id,
                {
                    "position": position,
                    "title": topic.title.as_dict(),
                    "data": topic.model_dump(
                        mode="json", exclude={"id", "title"}, exclude_none=True
                    ),
                },
            )
            for position, topic in enumerate(topics)
        ),
    )


def load_decks(files: list[ContentFile[DecksFile]]) -> None:
    from journeys.cards.models import Deck

    decks = files[0].model.decks if files else []
    replace_by_slug(
        Deck,
        (
            (
                deck.id,
                {
                    "position": position,
                    "title": deck.title.as_dict(),
                    "description": deck.description.as_dict(),
                    "cards": list(deck.cards),
                },
            )
            for position, deck in enumerate(decks)
        ),
    )


register(
    ContentKind(
        name="card-topics",
        pattern="cards/topics.yaml",
        schema=TopicsFile,
        load=load_topics,
        unique=topic_ids,
        load_order=60,
        description="Topic cards: title, subtitle, front and back sections of sourced items.",
    )
)
register(
    ContentKind(
        name="card-decks",
        pattern="cards/decks.yaml",
        schema=DecksFile,
        load=load_decks,
        unique=deck_ids,
        validate=validate_decks,
        cross_check=deck_references,
        load_order=70,
        description="Card decks: title, description and the cards they hold.",
    )
)
