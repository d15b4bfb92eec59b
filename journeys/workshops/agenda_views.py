"""Planned workshops in calendars: set when and where (the control page), one workshop's
.ics, the trainer's agenda page with the secret feed address, and the feed itself
(journeys/workshops/agenda.py says what is in it and why the address is secret)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from journeys.accounts.access import organisations_for_staff
from journeys.core import ical
from journeys.workshops import actions, agenda
from journeys.workshops.activities import ActionError
from journeys.workshops.forms import ActivityForm, WhenForm
from journeys.workshops.models import AgendaFeed, Workshop
from journeys.workshops.views import _control_page

ICS_TYPE = "text/calendar; charset=utf-8"


@login_required
@require_POST
def plan(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """Set (or clear) when and where the workshop is planned."""
    workshop = actions.workshop_for_staff(request.user, workshop_id)
    form = WhenForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.plan_workshop(
                request.user, workshop.pk, data["starts_at"], data["ends_at"], data["place"]
            )
        except ActionError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _("Saved when and where the workshop takes place."))
            return redirect("workshops:control", workshop.pk)
    return _control_page(request, workshop, ActivityForm(), status=400, when_form=form)


def _event(request: HttpRequest, workshop: Workshop) -> ical.Event:
    control = request.build_absolute_uri(reverse("workshops:control", args=[workshop.pk]))
    return agenda.event(workshop, request.get_host().split(":")[0], control)


def _ics(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def workshop_calendar(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """One planned workshop as an .ics file, for the trainer's own calendar."""
    workshop = actions.workshop_for_staff(request.user, workshop_id)
    if workshop.starts_at is None:
        raise Http404("This workshop has no planned time")
    return _ics(ical.calendar([_event(request, workshop)]), f"workshop-{workshop.pk}")


@login_required
def agenda_page(request: HttpRequest) -> HttpResponse:
    """The trainer's planned workshops and their secret calendar address. POST `renew`
    makes a new address (the old one stops working), POST `stop` turns it off."""
    user = request.user
    if not organisations_for_staff(user).exists():
        raise Http404("Only trainers have an agenda")
    choice = request.POST.get("feed") if request.method == "POST" else None
    if choice == "renew":
        actions.renew_agenda_feed(user)
        messages.success(
            request, _("Your calendar has a new address. The old one no longer works.")
        )
        return redirect("workshops:agenda")
    if choice == "stop":
        actions.stop_agenda_feed(user)
        messages.success(request, _("Your calendar address is turned off."))
        return redirect("workshops:agenda")
    feed = AgendaFeed.objects.filter(user=user).first()  # type: ignore[misc]
    feed_url = ""
    if feed is not None:
        feed_url = request.build_absolute_uri(reverse("workshops:agenda-feed", args=[feed.token]))
    status = 400 if request.method == "POST" else 200
    context = {
        "workshops": agenda.planned_for(user, timezone.now()),  # type: ignore[arg-type]
        "feed_url": feed_url,
        "choice_error": _("Choose to renew or to turn off the address.") if status == 400 else "",
    }
    return render(request, "workshops/agenda.html", context, status=status)


@require_safe
def agenda_feed(request: HttpRequest, feed_token: str) -> HttpResponse:
    """The feed a calendar app subscribes to: no login, the token is the key."""
    trainer = agenda.owner_of(feed_token)
    planned = agenda.planned_for(trainer, timezone.now())
    events = [_event(request, workshop) for workshop in planned]
    name = trainer.get_full_name() or trainer.get_username()
    text = ical.calendar(events, name=_("Workshops of %(name)s") % {"name": name})
    response = HttpResponse(text, content_type=ICS_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response
