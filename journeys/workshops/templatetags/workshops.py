import segno
from django import template
from django.utils.safestring import SafeString, mark_safe

from journeys.workshops.activities import ACTIVITY_TYPES

register = template.Library()


@register.simple_tag
def qr_svg(url: str, scale: int = 6) -> SafeString:
    """A QR code as inline SVG, black on white, for the projector."""
    svg = segno.make(url, error="m").svg_inline(scale=scale, border=2, light="#fff")
    return mark_safe(svg)  # noqa: S308  (segno's own markup of our own URL)


@register.filter
def kind_label(kind: str) -> str:
    found = ACTIVITY_TYPES.get(kind)
    return str(found.label) if found else kind
