"""The bibliography, content/sources.yaml: the one content kind core owns."""

import re
from collections.abc import Iterable, Iterator
from typing import Annotated

from pydantic import Field, HttpUrl, StringConstraints

from journeys.core.content.glossary import GlossaryFile
from journeys.core.content.problems import Problem
from journeys.core.content.registry import ContentFile, ContentKind, register
from journeys.core.content.schema import NonEmptyText, SourceId, Strict
from journeys.core.content.yamlfile import Loc
from journeys.core.models import Source

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


class SourceEntry(Strict):
    id: SourceId
    title: NonEmptyText
    author: NonEmptyText
    year: int | None = Field(ge=1800, le=2100)
    url: HttpUrl | None = None
    language: LanguageCode = "en"  # the title's language: pages mark it with lang="..."
    # What a reader sees beside the source (where a copy lives, an edition). Writers'
    # notes (what to check, what to replace, how to reuse it) go in editor_note,
    # which no page shows.
    note: str = ""
    editor_note: str = ""


# Words that mark a note as a writer's instruction rather than something for readers.
EDITOR_WORDS = re.compile(
    r"\b(verify|replace|own words|unconfirmed|staging|test host|TODO|check before|use only"
    r"|use for|use to|as given in the domain brief)\b",
    re.IGNORECASE,
)
MAX_NOTE_LENGTH = 240


class SourcesFile(Strict):
    sources: list[SourceEntry] = Field(min_length=1)


def source_ids(model: SourcesFile) -> Iterable[tuple[Loc, str]]:
    return ((("sources", index, "id"), entry.id) for index, entry in enumerate(model.sources))


def validate_sources(file: ContentFile[SourcesFile]) -> Iterator[Problem]:
    for index, entry in enumerate(file.model.sources):
        loc = ("sources", index, "note")
        if found := EDITOR_WORDS.search(entry.note):
            yield file.problem(
                loc, f"reads like a writer's note ({found.group(0)!r}): move it to editor_note"
            )
        elif len(entry.note) > MAX_NOTE_LENGTH:
            yield file.problem(
                loc,
                f"a public note is at most {MAX_NOTE_LENGTH} characters (where to find the "
                "source, which edition); put summaries in editor_note",
            )


SOURCE_FIELDS = ("title", "author", "year", "url", "language", "note")


def load_sources(files: list[ContentFile[SourcesFile]]) -> None:
    """Create, update and delete in bulk, keyed by id: a few queries for the whole
    bibliography instead of two or more per source on every load."""
    entries = [entry for file in files for entry in file.model.sources]
    existing = {source.key: source for source in Source.objects.all()}
    new, changed = [], []
    for entry in entries:
        values = {
            "title": entry.title,
            "author": entry.author,
            "year": entry.year,
            "url": str(entry.url) if entry.url else "",
            "language": entry.language,
            "note": entry.note,
        }
        source = existing.get(entry.id)
        if source is None:
            new.append(Source(key=entry.id, **values))
        elif any(getattr(source, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(source, name, value)
            changed.append(source)
    Source.objects.bulk_create(new)
    Source.objects.bulk_update(changed, SOURCE_FIELDS, batch_size=200)
    Source.objects.exclude(key__in=[entry.id for entry in entries]).delete()


register(
    ContentKind(
        name="sources",
        pattern="sources.yaml",
        schema=SourcesFile,
        load=load_sources,
        unique=source_ids,
        validate=validate_sources,
        required=True,
        load_order=0,
        description=(
            "The bibliography: id, title, author or publisher, year, url, the title's "
            "language, a public note and an editor's note."
        ),
    )
)


def glossary_terms(model: GlossaryFile) -> Iterable[tuple[Loc, str]]:
    """Each avoided phrase once per language, wherever it is listed."""
    for index, term in enumerate(model.terms):
        for position, phrase in enumerate(term.avoid):
            yield ("terms", index, "avoid", position), f"{term.language}: {phrase.casefold()}"


register(
    ContentKind(
        name="glossary",
        pattern="glossary.yaml",
        schema=GlossaryFile,
        load=lambda files: None,  # only the check reads it
        unique=glossary_terms,
        load_order=1,
        description="Terms to avoid per language, each with the term to use instead.",
    )
)
