"""Texts stored per language ({"en": ..., "nl": ...}) and how a page picks one."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str  # the language `text` is in
    fell_back: bool  # True when the requested language was missing


def localized(value: dict[str, str], language: str | None = None) -> LocalizedText:
    """The text in `language` (default: the active one), else in English."""
    wanted = language or get_language() or settings.LANGUAGE_CODE
    if value.get(wanted):
        return LocalizedText(value[wanted], wanted, fell_back=False)
    return LocalizedText(value.get(FALLBACK_LANGUAGE, ""), FALLBACK_LANGUAGE, fell_back=True)
