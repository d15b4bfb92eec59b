"""A trainer's changes to measurements and licensed scales, one function each: who acts
comes first; each finds what it changes itself, checked (else Http404), and writes in one
transaction. A change that is not allowed raises Refused with the message and status
the view shows. Views parse, call, render."""

from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from journeys.accounts.access import AnyUser, organisations_for_staff
from journeys.accounts.models import Organisation
from journeys.assessments import measurements
from journeys.assessments.models import LicensedScale, Measurement, Scale


class Refused(Exception):
    """Not allowed now: `message` says why; nothing was changed."""

    def __init__(self, message: str, status: int, measurement: Measurement | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.measurement = measurement


def measurement_for_staff(user: AnyUser, measurement_id: int) -> Measurement:
    measurement = measurements.visible_to(user).filter(pk=measurement_id).first()
    if measurement is None:
        raise Http404(_("No such measurement"))
    return measurement


def set_follow_up(user: AnyUser, measurement_id: int, open_: bool) -> Measurement:
    """Open or close a measurement's follow-up questionnaire."""
    with transaction.atomic():
        measurement = measurement_for_staff(user, measurement_id)
        if not measurements.may_manage(user, measurement):
            message = _(
                "Every organisation's learners answer the self-paced questionnaire, so only a "
                "site administrator can open or close its follow-up. Nothing was changed."
            )
            raise Refused(message, 403, measurement)
        measurement.follow_up_open = open_
        measurement.save(update_fields=["follow_up_open"])
    return measurement


def choose_scales(user: AnyUser, measurement_id: int, wanted: list[str]) -> Measurement:
    """The organisation's licensed scales a measurement adds, chosen before anyone
    answered: `wanted` as posted (LicensedScale ids)."""
    with transaction.atomic():
        measurement = measurement_for_staff(user, measurement_id)
        if measurement.organisation is None or measurement.responses.exists():
            # Changing the questions after people answered would make pre and post differ.
            raise Http404(_("Scales can only be chosen before anyone has answered."))
        offered = {
            str(pk): pk
            for pk in LicensedScale.objects.filter(
                organisation=measurement.organisation
            ).values_list("pk", flat=True)
        }
        unknown = [value for value in wanted if value not in offered]
        if unknown:
            message = _(
                "No such licensed scale for this organisation: %(scales)s. Choose from the "
                "list on the measurement's page. Nothing was changed."
            ) % {"scales": ", ".join(unknown)}
            raise Refused(message, 400, measurement)
        measurement.scales.set([offered[value] for value in wanted])
    return measurement


def paste_scale(
    user: AnyUser, organisation: Organisation, scale: Scale, items: Any, permission: str
) -> LicensedScale:
    """An organisation's pasted items of a licensed scale (the rules come from content);
    refused once people answered them, as their scores would change with the text."""
    if not organisations_for_staff(user).filter(pk=organisation.pk).exists():
        raise Http404(_("Only trainers manage scales"))
    with transaction.atomic():
        if measurements.scale_answered(organisation, scale):
            message = _(
                "People have already answered these items in a measurement, so their text "
                "can no longer change: their scores would change with it. Nothing was changed."
            )
            raise Refused(message, 409)
        licensed, _created = LicensedScale.objects.update_or_create(
            organisation=organisation,
            scale=scale,
            defaults={
                "items": items,
                "permission": permission,
                "added_by": user if user.is_authenticated else None,
            },
        )
    return licensed
