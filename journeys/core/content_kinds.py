"""The bibliography, content/sources.yaml: the one content kind core owns."""

from collections.abc import Iterable

from pydantic import Field, HttpUrl

from journeys.core.content.registry import ContentFile, ContentKind, register
from journeys.core.content.schema import NonEmptyText, SourceId, Strict
from journeys.core.content.yamlfile import Loc
from journeys.core.models import Source


class SourceEntry(Strict):
    id: SourceId
    title: NonEmptyText
    author: NonEmptyText
    year: int | None = Field(ge=1800, le=2100)
    url: HttpUrl | None = None
    note: str = ""


class SourcesFile(Strict):
    sources: list[SourceEntry] = Field(min_length=1)


def source_ids(model: SourcesFile) -> Iterable[tuple[Loc, str]]:
    return ((("sources", index, "id"), entry.id) for index, entry in enumerate(model.sources))


def load_sources(files: list[ContentFile[SourcesFile]]) -> None:
    entries = [entry for file in files for entry in file.model.sources]
    for entry in entries:
        Source.objects.update_or_create(
            key=entry.id,
            defaults={
                "title": entry.title,
                "author": entry.author,
                "year": entry.year,
                "url": str(entry.url) if entry.url else "",
                "note": entry.note,
            },
        )
    Source.objects.exclude(key__in=[entry.id for entry in entries]).delete()


register(
    ContentKind(
        name="sources",
        pattern="sources.yaml",
        schema=SourcesFile,
        load=load_sources,
        unique=source_ids,
        required=True,
        load_order=0,
        description="The bibliography: id, title, author or publisher, year, url, note.",
    )
)
