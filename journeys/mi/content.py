"""The MI practice files and how they load.

- mi/personas/<slug>.yaml  a virtual client: situation, change goal, opening line and
                           statements of change, neutral, sustain talk and discord
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
from journeys.core.content.schema import Slug, Sources, Strict, Text
from journeys.core.content.yamlfile import Loc


class Statements(Strict):
    # Walked in order, never repeated: change talk runs from desire to taking steps.
    change: list[Text] = Field(min_length=4)
    neutral: list[Text] = Field(min_length=3)
    sustain: list[Text] = Field(min_length=3)
    discord: list[Text] = Field(min_length=2)


class PersonaFile(Strict):
    slug: Slug
    position: int = Field(ge=0)
    training: Slug
    name: Text
    title: Text
    situation: Text
    change_goal: Text
    opening: Text
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
        description="MI practice personas: situation, change goal, opening, statements, closing.",
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
