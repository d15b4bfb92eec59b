"""One registry of content file kinds. An app adds a kind with `register(ContentKind(...))`
in its AppConfig.ready(); the check and the loader then handle it like every other."""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from journeys.core.content.problems import Problem, Severity
from journeys.core.content.schema import Strict
from journeys.core.content.yamlfile import Loc, YamlDocument, dotted, read_yaml

M = TypeVar("M", bound=Strict)


@dataclass
class ContentFile(Generic[M]):
    """A content file that parsed and matched its schema."""

    path: Path
    shown: str  # the path as printed in problems
    document: YamlDocument
    model: M

    def problem(self, loc: Loc, message: str, severity: Severity = "error") -> Problem:
        return Problem(self.shown, self.document.line_of(loc), dotted(loc), message, severity)


@dataclass(frozen=True)
class ContentKind(Generic[M]):
    name: str
    pattern: str  # glob under the content directory, e.g. "trainings/*/training.yaml"
    schema: type[M]
    load: Callable[[list[ContentFile[M]]], None]
    # Keys that must be unique across every file of this kind: (where, key).
    unique: Callable[[M], Iterable[tuple[Loc, str]]] = lambda model: ()
    # Checks a schema cannot express (slug matches folder, ids unique in the file, ...).
    validate: Callable[[ContentFile[M]], Iterable[Problem]] = lambda file: ()
    # References into other kinds' files (a substance's route, an intervention's groups):
    # receives the file and every parsed file by kind name.
    cross_check: Callable[
        [ContentFile[M], Mapping[str, list[ContentFile[Strict]]]], Iterable[Problem]
    ] = lambda file, files: ()
    # How the file is read (YAML; or Markdown with front matter: read_markdown).
    reader: Callable[[Path, str], YamlDocument] = read_yaml
    # For kinds whose schema depends on the data (exercises by `type`): returns the
    # schema, or raises UnknownVariant naming the field and what is allowed.
    schema_for: Callable[[Any], type[M]] | None = None
    required: bool = False
    load_order: int = 100
    description: str = field(default="", compare=False)


class UnknownVariant(Exception):
    """Raised by a kind's schema_for: `field` holds a value the kind does not know."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def listed_ids(model: Strict, *fields: str) -> Iterator[tuple[Loc, str]]:
    """For a kind's `unique`: where each item of the named list fields has its `id`,
    labelled by kind: (("risks", 0, "id"), "risk overdose"). Ids must be unique per kind."""
    for field_name in fields:
        for i, item in enumerate(getattr(model, field_name)):
            yield (field_name, i, "id"), f"{field_name.removesuffix('s')} {item.id}"


def replace_by_slug(model: Any, rows: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """For a kind's `load`: create or update one row per (slug, fields), keyed by slug so
    rows keep their identity, and delete the rows whose slug is no longer there."""
    slugs = []
    for slug, fields in rows:
        model.objects.update_or_create(slug=slug, defaults=fields)
        slugs.append(slug)
    model.objects.exclude(slug__in=slugs).delete()


_kinds: dict[str, ContentKind[Strict]] = {}


def register(kind: ContentKind[M]) -> ContentKind[M]:
    if kind.name in _kinds:
        raise ValueError(f"content kind {kind.name!r} is registered twice")
    _kinds[kind.name] = kind  # type: ignore[assignment]
    return kind


def kinds() -> list[ContentKind[Strict]]:
    return sorted(_kinds.values(), key=lambda kind: (kind.load_order, kind.name))
