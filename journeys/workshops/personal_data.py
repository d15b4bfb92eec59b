"""What a data export says about live workshops: those a trainer ran and the plans they
wrote; a note that people in the room join by nickname, without an account."""

from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from journeys.accounts.personal_data import Section, add_note, register
from journeys.workshops.models import AgendaFeed, Plan, Workshop

NOT_LINKED = _(
    "Taking part in a live workshop needs no account: a participant joins with a code and "
    "a nickname, which are not linked to an account, so they are not in this file."
)


def read_workshops(person: User) -> dict[str, Any]:
    return {
        "workshops_run": [
            {"title": workshop.title, "code": workshop.code, "created": workshop.created}
            for workshop in Workshop.objects.filter(trainer=person)
        ],
        "plans_written": [
            {"name": plan.name, "created": plan.created, "updated": plan.updated}
            for plan in Plan.objects.filter(author=person)
        ],
        # Whether a calendar address is on, not its secret.
        "agenda_feed_since": AgendaFeed.objects.filter(user=person)
        .values_list("created", flat=True)
        .first(),
    }


def connect() -> None:
    register(
        Section(
            "live_workshops",
            ("workshops.Workshop", "workshops.Plan", "workshops.AgendaFeed"),
            read_workshops,
        )
    )
    add_note("workshops", NOT_LINKED)
