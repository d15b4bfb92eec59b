"""Validate a content directory without touching the database."""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from journeys.core.content import glossary
from journeys.core.content.problems import Problem
from journeys.core.content.registry import ContentFile, ContentKind, UnknownVariant, kinds
from journeys.core.content.schema import Strict, Text, TextList
from journeys.core.content.yamlfile import Loc, YamlError, dotted

SOURCES_KIND = "sources"
GLOSSARY_KIND = "glossary"

_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
}


@dataclass
class CheckedContent:
    root: Path
    files: dict[str, list[ContentFile[Strict]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    file_count: int = 0  # every matched file, including those that failed to parse

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check_content(root: Path) -> CheckedContent:
    result = CheckedContent(root=root)
    if not root.is_dir():
        result.problems.append(Problem(str(root), 1, "-", "content directory not found"))
        return result

    matched: set[Path] = set()
    for kind in kinds():
        paths = sorted(root.glob(kind.pattern))
        matched.update(paths)
        result.file_count += len(paths)
        if kind.required and not paths:
            result.problems.append(Problem(_shown(root, kind.pattern), 1, "-", "file is missing"))
        result.files[kind.name] = [
            parsed for path in paths if (parsed := _parse(root, path, kind, result.problems))
        ]

    for path in sorted(root.rglob("*.yaml")):
        if path not in matched:
            result.problems.append(
                Problem(_shown(root, path), 1, "-", "not a known kind of content file", "warning")
            )

    for kind in kinds():
        _check_unique(kind, result.files[kind.name], result.problems)
        for file in result.files[kind.name]:
            result.problems.extend(kind.validate(file))
            result.problems.extend(kind.cross_check(file, result.files))

    known_sources = _source_ids(result)
    for files in result.files.values():
        for file in files:
            result.problems.extend(_check_sources_and_languages(file, known_sources))

    glossary_rules = [
        rule
        for file in result.files.get(GLOSSARY_KIND, [])
        for rule in glossary.rules(file.model)  # type: ignore[arg-type]
    ]
    for name, files in result.files.items():
        if name in (SOURCES_KIND, GLOSSARY_KIND):
            continue  # source titles are the sources' own words
        for file in files:
            relative = file.path.relative_to(root).as_posix()
            result.problems.extend(glossary.check_file(file, glossary_rules, relative))

    result.problems.sort()
    return result


def _shown(root: Path, path: Path | str) -> str:
    full = root / path
    relative = os.path.relpath(full)
    return relative if not relative.startswith("..") else str(full)


def _parse(
    root: Path, path: Path, kind: ContentKind[Strict], problems: list[Problem]
) -> ContentFile[Strict] | None:
    shown = _shown(root, path.relative_to(root))
    try:
        document = kind.reader(path, shown)
    except YamlError as error:
        problems.append(error.problem)
        return None
    try:
        schema = kind.schema_for(document.data) if kind.schema_for else kind.schema
    except UnknownVariant as error:
        problems.append(Problem(shown, document.line_of((error.field,)), error.field, str(error)))
        return None
    try:
        model = schema.model_validate(document.data)
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(item["loc"])
            message = _MESSAGES.get(item["type"], item["msg"])
            problems.append(Problem(shown, document.line_of(loc), dotted(loc), message))
        return None
    return ContentFile(path=path, shown=shown, document=document, model=model)


def _check_unique(
    kind: ContentKind[Strict], files: list[ContentFile[Strict]], problems: list[Problem]
) -> None:
    first_seen: dict[str, ContentFile[Strict]] = {}
    for file in files:
        for loc, key in kind.unique(file.model):
            if key in first_seen:
                other = first_seen[key]
                problems.append(
                    file.problem(
                        loc,
                        f"duplicate {kind.name} {key!r} (first at {other.shown})",
                    )
                )
            else:
                first_seen[key] = file


def _source_ids(result: CheckedContent) -> set[str]:
    ids: set[str] = set()
    for file in result.files.get(SOURCES_KIND, []):
        for _loc, key in _kind(SOURCES_KIND).unique(file.model):
            ids.add(key)
    return ids


def _kind(name: str) -> ContentKind[Strict]:
    return next(kind for kind in kinds() if kind.name == name)


def _check_sources_and_languages(
    file: ContentFile[Strict], known_sources: set[str]
) -> Iterator[Problem]:
    for loc, name, value in walk(file.model):
        if (
            name == "sources"
            and isinstance(value, list)
            and all(isinstance(item, str) for item in value)
        ):
            for index, source_id in enumerate(value):
                if source_id not in known_sources:
                    yield file.problem(
                        (*loc, index), f"unknown source id {source_id!r} (not in sources.yaml)"
                    )
        elif isinstance(value, Text | TextList) and not value.nl:
            yield file.problem(loc, "missing Dutch (nl) translation", "warning")


def walk(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, Any]]:
    """Every field of a model tree as (location, field name, value)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        yield from _walk_value((*loc, name), name, value)


def _walk_value(loc: Loc, name: str, value: Any) -> Iterator[tuple[Loc, str, Any]]:
    yield loc, name, value
    if isinstance(value, BaseModel):
        yield from walk(value, loc)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield from walk(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, BaseModel):
                yield from walk(item, (*loc, key))
