"""The MI practice files and how they load.

- mi/personas/<slug>.yaml  a virtual client: situation, change goal, opening line,
                           statements of change, neutral, sustain talk and discord and
                           clarifying lines, each with the topics it is about, and per
                           topic the English and Dutch words that say a reply is about it
- mi/listening.yaml        the reflective-listening test: client statements and an
                           example reply for each level 1-5
"""

from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import Field

from journeys.core.content.problems import Problem
from journeys.core.content.registry import (
    ContentFile,
    ContentKind,
    listed_ids,
    register,
    replace_by_slug,
)
from journeys.core.content.schema import NonEmptyText, Slug, Sources, Strict, Text
from journeys.core.content.yamlfile import Loc


class Line(Text):
    """A client's line and what it is about: keys of the persona's `topics` (none: a line
    that fits any reply, such as "Mm. Could be.")."""

    topics: list[Slug] = Field(default_factory=list)


class TopicWords(Strict):
    """Words that say a reply is about the topic, in both languages: whole words or word
    starts ("geslag"), or phrases ("veilig thuis"); see client_lines.py."""

    en: list[NonEmptyText] = Field(min_length=1)
    nl: list[NonEmptyText] = Field(min_length=1)


class Statements(Strict):
    # Never repeated. A reply with a topic gets a line about it (client_lines.py); one
    # without gets the next in order, so change talk runs from desire to taking steps.
    change: list[Line] = Field(min_length=4)
    neutral: list[Line] = Field(min_length=3)
    sustain: list[Line] = Field(min_length=3)
    discord: list[Line] = Field(min_length=2)
    # Said when a reply is about a topic no line is left for ("I'm not sure what you mean").
    unclear: list[Line] = Field(min_length=1)


class PersonaFile(Strict):
    slug: Slug
    position: int = Field(ge=0)
    training: Slug
    name: Text
    title: Text
    situation: Text
    change_goal: Text
    opening: Text
    topics: dict[Slug, TopicWords] = Field(min_length=1)
    statements: Statements
    closing: Text
    sources: Sources


class ListeningEntry(Strict):
    id: Slug
    statement: Text
    examples: dict[Literal[1, 2, 3, 4, 5], Text]


class ListeningFile(Strict):
    sources: Sources
    items: list[ListeningEntry] = Field(min_length=1)


def validate_persona(file: ContentFile[PersonaFile]) -> Iterator[Problem]:
    if file.model.slug != file.path.stem:
        yield file.problem(("slug",), f"slug {file.model.slug!r} must equal the file name")
    trainings = file.path.parents[2] / "trainings"
    if not (trainings / file.model.training / "training.yaml").exists():
        yield file.problem(("training",), f"unknown training {file.model.training!r}")
    yield from _check_topics(file)


def _check_topics(file: ContentFile[PersonaFile]) -> Iterator[Problem]:
    """Every topic a line names is declared under `topics`, and every declared topic has
    a line about it that a reply can get (not only a clarifying line)."""
    declared = set(file.model.topics)
    talked_about: set[str] = set()
    for kind in ("change", "neutral", "sustain", "discord", "unclear"):
        for i, line in enumerate(getattr(file.model.statements, kind)):
            for j, topic in enumerate(line.topics):
                if topic not in declared:
                    yield file.problem(
                        ("statements", kind, i, "topics", j),
                        f"unknown topic {topic!r}: declare it under topics",
                    )
            if kind != "unclear":
                talked_about.update(line.topics)
    for topic in sorted(declared - talked_about):
        yield file.problem(("topics", topic), f"no line is about topic {topic!r}")


def validate_listening(file: ContentFile[ListeningFile]) -> Iterator[Problem]:
    for i, item in enumerate(file.model.items):
        missing = sorted({1, 2, 3, 4, 5} - set(item.examples))
        if missing:
            yield file.problem(("items", i, "examples"), f"no example for level(s) {missing}")


def persona_slugs(model: PersonaFile) -> Iterable[tuple[Loc, str]]:
    return [(("slug",), f"persona {model.slug}")]


def listening_ids(model: ListeningFile) -> Iterable[tuple[Loc, str]]:
    return listed_ids(model, "items")


def load_personas(files: list[ContentFile[PersonaFile]]) -> None:
    from journeys.mi.models import Persona

    replace_by_slug(
        Persona,
        (
            (
                f.model.slug,
                {
                    "position": f.model.position,
                    "training": f.model.training,
                    "title": f.model.title.as_dict(),
                    "data": f.model.model_dump(
                        mode="json", exclude={"slug", "position", "training", "title"}
                    ),
                },
            )
            for f in files
        ),
    )


def load_listening(files: list[ContentFile[ListeningFile]]) -> None:
    from journeys.mi.models import ListeningItem

    items = files[0].model.items if files else []
    replace_by_slug(
        ListeningItem,
        (
            (
                item.id,
                {
                    "position": position,
                    "statement": item.statement.as_dict(),
                    "examples": {
                        str(level): text.as_dict() for level, text in item.examples.items()
                    },
                },
            )
            for position, item in enumerate(items)
        ),
    )


register(
    ContentKind(
        name="mi-personas",
        pattern="mi/personas/*.yaml",
        schema=PersonaFile,
        load=load_personas,
        unique=persona_slugs,
        validate=validate_persona,
        load_order=80,
        description=(
            "MI practice personas: situation, change goal, opening, topics, statements, closing."
        ),
    )
)
register(
    ContentKind(
        name="mi-listening",
        pattern="mi/listening.yaml",
        schema=ListeningFile,
        load=load_listening,
        unique=listening_ids,
        validate=validate_listening,
        load_order=80,
        description="The reflective-listening test: client statements, an example reply per level.",
    )
)
