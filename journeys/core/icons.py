"""A small set of line icons (24x24, drawn with the current text colour).

Icons always stand beside text that says the same thing, so they are hidden from
screen readers. Content names them (`icon: house`); the check rejects unknown names."""

import base64
from functools import lru_cache

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

ICONS: dict[str, str] = {
    "shield-heart": (
        '<path d="M12 3l7 3v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6z"/>'
        '<path d="M12 15s-3-1.8-3-4a1.6 1.6 0 0 1 3-.8 1.6 1.6 0 0 1 3 .8c0 2.2-3 4-3 4z"/>'
    ),
    "glass-pill": (
        '<path d="M4 3h7l-.6 5.2a2.9 2.9 0 0 1-5.8 0z"/><path d="M7.5 11v7M5 18h5"/>'
        '<rect x="12.5" y="11.5" width="10" height="4.6" rx="2.3" '
        'transform="rotate(-45 17.5 13.8)"/><path d="M15.9 12.2l3.2 3.2"/>'
    ),
    "heart-pulse": (
        '<path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z"/>'
        '<path d="M3 12.5h5l1.5-2.5 2.5 5 1.5-2.5H21"/>'
    ),
    "cycle": (
        '<path d="M20 12a8 8 0 0 1-14.3 4.9M4 12a8 8 0 0 1 14.3-4.9"/>'
        '<path d="M18.5 3v4.2h-4.2M5.5 21v-4.2h4.2"/>'
    ),
    "people": (
        '<circle cx="8" cy="8" r="3"/><circle cx="16.5" cy="8" r="3"/>'
        '<path d="M2.5 20a5.5 5.5 0 0 1 11 0M11 20a5.5 5.5 0 0 1 11 0"/>'
    ),
    "speech": ('<path d="M3 4h11v8H8l-3 3v-3H3z"/><path d="M10 15v1h6l3 3v-3h2V8h-4"/>'),
    "steps": '<path d="M3 20h5v-4h5v-4h5V8h3"/><path d="M18 8V3l3 1.5-3 1.5"/>',
    "house": '<path d="M3 11l9-7 9 7"/><path d="M5 9.5V20h14V9.5"/><path d="M10 20v-5h4v5"/>',
    # Card sections: always beside their heading.
    "info": '<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5v.5"/>',
    "sparkle": '<path d="M12 3l2 6.5L20.5 12 14 14.5 12 21l-2-6.5L3.5 12 10 9.5z"/>',
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 2"/>',
    "alert": '<path d="M12 3.5L2.5 20h19z"/><path d="M12 10v4.5M12 17.2v.3"/>',
    "ban": '<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>',
    "check": '<circle cx="12" cy="12" r="9"/><path d="M7.5 12.5l3 3 6-6.5"/>',
    "phone": (
        '<path d="M5 3.5h3.5l1.8 4.5-2.3 1.5a11 11 0 0 0 6.5 6.5l1.5-2.3 4.5 1.8V19a2 2 0 0 1'
        '-2 2A16.5 16.5 0 0 1 3 5.5a2 2 0 0 1 2-2z"/>'
    ),
    "eye": (
        '<path d="M2 12s3.5-6.5 10-6.5S22 12 22 12s-3.5 6.5-10 6.5S2 12 2 12z"/>'
        '<circle cx="12" cy="12" r="3"/>'
    ),
}


def render_icon(name: str, size: int = 32) -> SafeString:
    if name not in ICONS:
        return mark_safe("")
    return format_html(
        '<svg class="icon" width="{}" height="{}" viewBox="0 0 24 24" fill="none" '
        'stroke="currentColor" stroke-width="1.8" stroke-linecap="round" '
        'stroke-linejoin="round" aria-hidden="true" focusable="false">{}</svg>',
        size,
        size,
        mark_safe(ICONS[name]),  # noqa: S308  (our own constant markup)
    )


@lru_cache(maxsize=64)
def icon_data_uri(name: str, colour: str = "#083f78") -> str:
    """The icon as an image address, for print: WeasyPrint parses each address once per
    document however often it is used, where inline SVG is laid out every time."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
        f'stroke="{colour}" stroke-width="1.8" stroke-linecap="round" '
        f'stroke-linejoin="round">{ICONS.get(name, "")}</svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
