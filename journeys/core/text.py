"""Texts stored per language ({"en": ..., "nl": ...}) and how a page picks one."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.utils.translation import get_language

FALLBACK_LANGUAGE = "en"


T = TypeVar("T")


@dataclass(frozen=True)
class Localized(Generic[T]):
    text: T
    language: str  # the language `text` is in
    fell_back: bool  # True when the requested language was missing


def localized(value: Mapping[str, Any], language: str | None = None) -> Localized[Any]:
    """The value (a text, or a list of items) in `language` (default: the active one),
    else in English. Other keys, such as "sources", are ignored."""
    wanted = language or get_language() or settings.LANGUAGE_CODE
    if value.get(wanted):
        return Localized(value[wanted], wanted, fell_back=False)
    return Localized(value.get(FALLBACK_LANGUAGE, ""), FALLBACK_LANGUAGE, fell_back=True)
