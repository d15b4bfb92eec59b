from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from journeys.core.formats import duration_range
from journeys.core.icons import icon_data_uri, render_icon
from journeys.core.text import Localized, localized

register = template.Library()


@register.filter(name="localized")
def localized_filter(value: Any) -> SafeString | str:
    """{{ training.title|localized }}: the active language, or English marked with
    lang="en" so screen readers pronounce the fallback correctly. Takes a stored
    {"en": ..., "nl": ...} dict or a content model's Text."""
    if not value:
        return ""
    chosen = localized(_as_mapping(value))
    if chosen.fell_back:
        return format_html('<span lang="{}">{}</span>', chosen.language, chosen.text)
    return str(chosen.text)


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    """{{ numbers|get_item:source.key }}: look a key up in a dict."""
    return mapping.get(key, "")


@register.simple_tag
def icon(name: str, size: int = 32) -> SafeString:
    """{% icon training.icon %}: a decorative line icon from journeys.core.icons."""
    return render_icon(name, size)


@register.simple_tag
def icon_image(name: str) -> SafeString:
    """{% icon_image section.icon %}: the icon as a decorative <img>, for printed cards."""
    return format_html('<img class="icon" src="{}" alt="">', icon_data_uri(name))


@register.filter
def pick(value: Any) -> Localized[object] | None:
    """{% with items=block|pick %}: the value in the active language with .text,
    .language and .fell_back, for lists and for blocks that need a lang attribute."""
    return localized(_as_mapping(value)) if value else None


def _as_mapping(value: Any) -> Any:
    """Content models (Text, TextList) become their {"en": ..., "nl": ...} dict."""
    return value.as_dict() if hasattr(value, "as_dict") else value


@register.filter
def minutes_range(value: list[float]) -> str:
    """{{ timing.onset_minutes|minutes_range }}: [60, 150] -> "1–2.5 h" ("1–2,5 uur")."""
    low, high = value
    return duration_range(low, high)


@register.filter
def position(mapping: dict[str, object], key: str) -> int | str:
    """{{ sources|position:key }}: 1-based place of `key` in an ordered dict, for
    numbered citations that match a numbered source list."""
    try:
        return list(mapping).index(key) + 1
    except ValueError:
        return "?"
