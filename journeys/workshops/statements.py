"""The xAPI statement of a live workshop (docs/integrations.md): a signed-in person who
joins is reported to their organisations' learning record stores as having attended it.
People in the room without an account are never reported, and neither their nickname
nor their answers go in the statement. Called from actions.join inside its transaction;
the statement goes to the outbox of journeys/accounts/lrs.py."""

from django.conf import settings
from django.contrib.auth.models import User

from journeys.accounts import lrs, xapi
from journeys.workshops.models import Workshop


def workshop_activity(workshop: Workshop) -> xapi.Activity:
    # The trainer wrote the title in the room's language, which is not recorded: the
    # site's language is the best guess.
    return xapi.Activity(
        f"/workshops/{workshop.pk}/", xapi.MEETING, {settings.LANGUAGE_CODE: workshop.title}
    )


def workshop_attended(user: User, workshop: Workshop) -> None:
    lrs.record(user, xapi.ATTENDED, workshop_activity(workshop))


def reports_attendance(user: User) -> bool:
    """Whether joining a workshop would be reported to one of the person's organisations
    (the join page says so before they join)."""
    return lrs.sends_for(user)
