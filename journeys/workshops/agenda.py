"""Planned workshops as calendar entries: one workshop's .ics, and a trainer's agenda feed
that a calendar app subscribes to (docs/integrations.md, "Calendar feeds").

A calendar app cannot log in, so the feed's address carries a secret: a random token
of 256 bits per trainer (`AgendaFeed`), shown to the trainer on their agenda page,
replaced when they renew it and gone when they turn the feed off. A wrong or old token
gets the same 404 as an address that does not exist. The token is kept as it is, not
hashed, so the trainer can copy the address again later: it opens only the trainer's
own planned workshops' titles, times and places, which the database holds anyway.

The feed holds the workshops the trainer runs, in organisations where they are still a
trainer or an administrator, that have a planned start and ended less than
`PAST_DAYS` ago or are still to come."""

import datetime
import secrets

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from journeys.accounts.access import organisations_for_staff
from journeys.core import ical
from journeys.workshops.models import AgendaFeed, Workshop

PAST_DAYS = 30  # recent workshops stay in the calendar for a month
TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def owner_of(token: str) -> User:
    """The trainer whose feed this token opens, else 404."""
    feed = AgendaFeed.objects.select_related("user").filter(token=token).first()
    if not token or feed is None or not feed.user.is_active:
        raise Http404("No such calendar")
    return feed.user


def planned_for(trainer: User, now: datetime.datetime) -> QuerySet[Workshop]:
    """The trainer's planned workshops, oldest first, in their organisations only."""
    since = now - datetime.timedelta(days=PAST_DAYS)
    return (
        Workshop.objects.filter(
            trainer=trainer,
            organisation__in=organisations_for_staff(trainer),
            starts_at__isnull=False,
        )
        .filter(Q(ends_at__gte=since) | Q(ends_at__isnull=True, starts_at__gte=since))
        .select_related("organisation", "training")
        .order_by("starts_at", "pk")
    )


def event(workshop: Workshop, host: str, control_url: str) -> ical.Event:
    """The calendar entry of a planned workshop. The UID is the workshop's number at this
    site, so the entry stays one entry whatever changes."""
    if workshop.starts_at is None:
        raise ValueError("the workshop has no planned start")
    end = workshop.ends_at or workshop.starts_at + datetime.timedelta(hours=2)
    lines = [_("Live workshop of %(organisation)s.") % {"organisation": workshop.organisation.name}]
    lines.append(_("Join code: %(code)s") % {"code": workshop.code})
    if workshop.status == Workshop.Status.ENDED:
        lines.append(_("This workshop has ended."))
    return ical.Event(
        uid=f"workshop-{workshop.pk}@{host}",
        start=workshop.starts_at,
        end=end,
        summary=workshop.title,
        stamp=timezone.now(),
        location=workshop.place,
        description="\n".join(lines),
        url=control_url,
    )
