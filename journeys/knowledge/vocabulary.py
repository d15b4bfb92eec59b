"""Fixed vocabularies of the knowledge base: substance classes and interaction statuses.

Content names them by id; pages show the translated label, an icon and the id's text,
so colour is never the only signal."""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class SubstanceClass(StrEnum):
    DEPRESSANT = "depressant"
    OPIOID = "opioid"
    STIMULANT = "stimulant"
    EMPATHOGEN = "empathogen"
    PSYCHEDELIC = "psychedelic"
    DISSOCIATIVE = "dissociative"
    CANNABINOID = "cannabinoid"
    DELIRIANT = "deliriant"
    GAS = "gas"
    MEDICINE = "medicine"


CLASS_LABELS: dict[str, Promise] = {
    SubstanceClass.DEPRESSANT: _("Depressant"),
    SubstanceClass.OPIOID: _("Opioid"),
    SubstanceClass.STIMULANT: _("Stimulant"),
    SubstanceClass.EMPATHOGEN: _("Empathogen"),
    SubstanceClass.PSYCHEDELIC: _("Psychedelic"),
    SubstanceClass.DISSOCIATIVE: _("Dissociative"),
    SubstanceClass.CANNABINOID: _("Cannabinoid"),
    SubstanceClass.DELIRIANT: _("Deliriant"),
    SubstanceClass.GAS: _("Gas or vapour"),
    SubstanceClass.MEDICINE: _("Medicine"),
}


class Status(StrEnum):
    """TripSit's six combination statuses, from least to most risky."""

    LOW_RISK_SYNERGY = "low-risk-synergy"
    LOW_RISK_NO_SYNERGY = "low-risk-no-synergy"
    LOW_RISK_DECREASE = "low-risk-decrease"
    CAUTION = "caution"
    UNSAFE = "unsafe"
    DANGEROUS = "dangerous"


@dataclass(frozen=True)
class StatusInfo:
    label: Promise
    explanation: Promise
    icon: str  # a text symbol shown beside the colour
    severity: int  # orders statuses for "the worst status": decrease < ... < dangerous


STATUS_INFO: dict[Status, StatusInfo] = {
    Status.LOW_RISK_SYNERGY: StatusInfo(
        _("Low risk & synergy"),
        _("Effects add up to more than the sum; unlikely to harm when used carefully."),
        "↗",
        2,
    ),
    Status.LOW_RISK_NO_SYNERGY: StatusInfo(
        _("Low risk & no synergy"),
        _("Effects simply add up; no more harm expected than from each alone."),
        "→",
        1,
    ),
    Status.LOW_RISK_DECREASE: StatusInfo(
        _("Low risk & decrease"),
        _("One weakens the effect of the other."),
        "↘",
        0,
    ),
    Status.CAUTION: StatusInfo(
        _("Caution"),
        _("Not usually physically harmful, but can be unpleasant or unpredictable."),
        "⚠",
        3,
    ),
    Status.UNSAFE: StatusInfo(
        _("Unsafe"),
        _("Considerable risk of physical harm; avoid where possible."),
        "✖",
        4,
    ),
    Status.DANGEROUS: StatusInfo(
        _("Dangerous"),
        _("Extremely harmful and unpredictable; can cause death. Avoid."),
        "☠",
        5,
    ),
}

# What a pair without a rating says: never "safe".
NOT_RATED = _("Not rated")

LOW_RISK = frozenset(
    {Status.LOW_RISK_SYNERGY, Status.LOW_RISK_NO_SYNERGY, Status.LOW_RISK_DECREASE}
)

# TripSit's spelling in combos.json -> our ids.
TRIPSIT_STATUS = {
    "Low Risk & Synergy": Status.LOW_RISK_SYNERGY,
    "Low Risk & No Synergy": Status.LOW_RISK_NO_SYNERGY,
    "Low Risk & Decrease": Status.LOW_RISK_DECREASE,
    "Caution": Status.CAUTION,
    "Unsafe": Status.UNSAFE,
    "Dangerous": Status.DANGEROUS,
}

TRIPSIT_COMMIT = "83670cb6bc8863615fcb9be081c87f061b42dea4"
TRIPSIT_URL = "https://github.com/TripSit/drugs"
TRIPSIT_SOURCE = "tripsit-combos-83670cb"  # the chart's id in content/sources.yaml
TRIPSIT_CREDIT = _(
    "Combination ratings build on TripSit's combination chart (community data, "
    "TripSit/drugs commit %(commit)s), with our own notes and sources."
)
# TripSit's chart disclaimer, in our words; it travels with every combination result.
DISCLAIMER = _(
    "This is harm-reduction information, not medical advice, and it is not guaranteed to "
    "be accurate. It is only as good as the label on a drug: what you have may be "
    "something else, so test it. A combination without a warning is not necessarily safe. "
    "Do not rely on this alone; risks are higher with some medicines. In an emergency "
    "call 112."
)
