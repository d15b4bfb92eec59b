from typing import Any

import segno
from django import template
from django.utils.safestring import SafeString, mark_safe

from journeys.workshops.activities import TrainerAction, activity_types

register = template.Library()


@register.simple_tag
def qr_svg(url: str, scale: int = 6) -> SafeString:
    """A QR code as inline SVG, black on white, for the projector."""
    svg = segno.make(url, error="m").svg_inline(scale=scale, border=2, light="#fff")
    return mark_safe(svg)  # noqa: S308  (segno's own markup of our own URL)


@register.filter
def kind_label(kind: str) -> str:
    found = activity_types().get(kind)
    return str(found.label) if found else kind


@register.filter
def answer_template(kind: str) -> str:
    """The phone's answer fields of an activity type."""
    return activity_types()[kind].answer_template


@register.filter
def results_template(kind: str) -> str:
    """What the room sees of an activity type's answers."""
    return activity_types()[kind].results_template


@register.filter
def trainer_actions(activity: Any) -> list[TrainerAction]:
    """The moves only this type has that fit the activity now, for the control page's row."""
    return [
        move
        for move in activity_types()[activity.kind].trainer_actions
        if activity.state in move.states and move.offered(activity)
    ]


@register.filter
def control_template(kind: str) -> str:
    """The type's own controls for the activity shown now ("" for none)."""
    return activity_types()[kind].control_template


@register.filter
def answer_text(activity: Any, value: Any) -> Any:
    """The text of what a participant answered, for "Your answer: ..."."""
    return activity_types()[activity.kind].answer_text(activity.config, value)
