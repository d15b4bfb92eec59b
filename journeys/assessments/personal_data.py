"""What a data export says about questionnaires: the measurements and licensed scale
texts a trainer set up, and a note that answers are not linked to anybody's account."""

from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from journeys.accounts.personal_data import Section, add_note, register
from journeys.assessments.models import LicensedScale, Measurement

NOT_LINKED = _(
    "Questionnaire answers (before, after and follow-up) are stored without any link to "
    "an account: they are paired only by a code you chose yourself. So they are not in "
    "this file, and nobody, not even the organisation, can find which answers are yours."
)


def read_measurements(person: User) -> dict[str, Any]:
    return {
        "measurements_created": [
            {"title": measurement.title, "kind": measurement.kind, "created": measurement.created}
            for measurement in Measurement.objects.filter(created_by=person)
        ],
        "licensed_scale_texts_added": [
            {"scale": scale.scale.slug, "permission": scale.permission, "added": scale.added}
            for scale in LicensedScale.objects.filter(added_by=person).select_related("scale")
        ],
    }


def connect() -> None:
    register(
        Section(
            "questionnaires",
            ("assessments.Measurement", "assessments.LicensedScale"),
            read_measurements,
        )
    )
    add_note("assessments", NOT_LINKED)
