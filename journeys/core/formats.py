"""Numbers and durations as people read them in the active language."""

from django.utils import translation
from django.utils.translation import gettext as _


def decimal(value: float) -> str:
    """2.5 -> "2.5" in English, "2,5" in Dutch; whole numbers without decimals."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if translation.get_language() == "nl" else text


def duration_range(low: float, high: float) -> str:
    """A range of minutes: [10, 60] -> "10–60 min"; from two hours up in hours:
    [60, 150] -> "1–2.5 h" ("1–2,5 uur" in Dutch). One unit per range, so the
    reader never adds "1 h" and "30 min" in their head."""
    if high < 120:
        return _("%(low)s–%(high)s min") % {"low": decimal(low), "high": decimal(high)}
    return _("%(low)s–%(high)s h") % {"low": decimal(low / 60), "high": decimal(high / 60)}
