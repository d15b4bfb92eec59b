"""Building blocks shared by every content file's pydantic schema."""

from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from journeys.core.icons import ICONS

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
SourceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a field name must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in every shipped language. English is required; a missing Dutch
    text is a warning from the check, and the page falls back to English."""

    en: NonEmptyText
    nl: NonEmptyText | None = None

    def as_dict(self) -> dict[str, str]:
        return {lang: value for lang, value in (("en", self.en), ("nl", self.nl)) if value}


# A fact-bearing field cites at least one source id from content/sources.yaml.
# The check finds every field named `sources` and verifies each id exists.
Sources = Annotated[list[SourceId], Field(min_length=1)]


class TextList(Strict):
    """Short items in every shipped language, item for item (the nl list, when
    present, has as many items as the en list)."""

    en: list[NonEmptyText] = Field(min_length=1)
    nl: list[NonEmptyText] | None = None

    @model_validator(mode="after")
    def same_length(self) -> Self:
        if self.nl is not None and len(self.nl) != len(self.en):
            raise ValueError(f"nl has {len(self.nl)} items but en has {len(self.en)}")
        return self

    def as_dict(self) -> dict[str, list[str]]:
        return {lang: items for lang, items in (("en", self.en), ("nl", self.nl)) if items}


class SourcedText(Text):
    """A fact: a text and the sources that back it."""

    sources: Sources


class SourcedList(TextList):
    """A list of facts backed by the same sources."""

    sources: Sources


def _known_icon(name: str) -> str:
    if name not in ICONS:
        raise ValueError(f"unknown icon {name!r}; known icons: {', '.join(sorted(ICONS))}")
    return name


IconName = Annotated[str, AfterValidator(_known_icon)]
