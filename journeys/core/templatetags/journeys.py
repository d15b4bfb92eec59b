from typing import Any, cast

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from journeys.core.content import readmodel
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


@register.tag
def contentcache(parser: Parser, token: Token) -> "ContentCacheNode":
    """{% contentcache "catalogue" training.slug %}...{% endcontentcache %}: a piece of a
    page that shows only content, rendered once per content version, language and the
    given values (journeys/core/content/readmodel.py). Nothing per person (a form, a
    CSRF token, progress, the user's name) may go inside: every visitor gets the same.
    A value that is None renders the piece without keeping it (a typed search: keeping
    every search anyone typed would let memory grow without end)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("contentcache needs a name")
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    return ContentCacheNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class ContentCacheNode(template.Node):
    def __init__(self, nodelist: NodeList, names: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.names = names

    def render(self, context: template.Context) -> SafeString:
        values = [name.resolve(context) for name in self.names]
        if any(value is None for value in values):
            return self.nodelist.render(context)
        key = ("contentcache", get_language(), *map(str, values))
        # nodelist.render gives a SafeString, and that object is what is kept.
        return cast(SafeString, readmodel.fragment(key, lambda: self.nodelist.render(context)))
