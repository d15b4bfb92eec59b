"""What the pages of a live workshop show, read from the database: the room's view
(presenter and control pages) and the participants' view. live.py's hub builds events
with `build_events` (apps.py wires it in) once per change and process; views use these
for the first page load."""

from collections import Counter
from typing import Any

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import translation

from journeys.core.threads import off_request
from journeys.workshops.actions import listed
from journeys.workshops.activities import Tally, get_type
from journeys.workshops.events import PARTICIPANT, ROOM, Event, Events
from journeys.workshops.models import Activity, Answer, Participant, Workshop

LEADERBOARD_SIZE = 5
# The newest participants on the control page, each with Remove: enough to clear a
# flood of joins, small enough for an event sent on every change.
NEWEST_PARTICIPANTS = 30


def tally(activity: Activity) -> Tally:
    kind = get_type(activity.kind)
    if kind.moderated:
        answers = activity.answers.all()
        shown = list(answers.filter(review=Answer.Review.SHOWN).values_list("value", flat=True))
        result = kind.tally(activity.config, shown)
        result["respondents"] = answers.count()
        result["waiting"] = answers.filter(review=Answer.Review.PENDING).count()
        return result
    return kind.tally(activity.config, kind.tally_values(activity))


def step(activity: Activity) -> dict[str, Any] | None:
    """Where an activity played in steps (a scenario) is; None for the others."""
    return get_type(activity.kind).step(activity)


def leaderboard(workshop: Workshop) -> list[dict[str, Any]]:
    """Right answers per participant over revealed quiz questions; only those who
    agreed to be shown by nickname appear, the others count as "someone"."""
    points: Counter[int] = Counter()
    for activity in listed(workshop).filter(state=Activity.State.REVEALED):
        is_correct = get_type(activity.kind).is_correct
        if is_correct is None:
            continue
        for participant_id, value in activity.answers.values_list("participant_id", "value"):
            if is_correct(activity.config, value):
                points[participant_id] += 1
    named = dict(
        Participant.objects.filter(workshop=workshop, named=True).values_list("id", "nickname")
    )
    top = [(pid, n) for pid, n in points.most_common() if pid in named][:LEADERBOARD_SIZE]
    return [{"nickname": named[pid], "points": n} for pid, n in top]


def room_context(workshop: Workshop) -> dict[str, Any]:
    current = workshop.current
    activities = list(listed(workshop).annotate(answer_count=Count("answers")))
    for activity in activities:
        kind = get_type(activity.kind)
        if kind.answers_elsewhere:  # a questionnaire's hand-ins are no Answer rows
            activity.answer_count = len(kind.tally_values(activity))
    # Restorable until the workshop ends; after that out of view (and out of the report).
    deleted = []
    if workshop.status == Workshop.Status.LIVE:
        deleted = list(workshop.activities.filter(deleted__isnull=False).order_by("deleted"))
    pending = []
    if current and get_type(current.kind).moderated:
        pending = list(current.answers.filter(review=Answer.Review.PENDING).order_by("updated"))
    in_room = workshop.participants.filter(removed=False)
    return {
        "workshop": workshop,
        "participants": in_room.count(),
        "newest": list(in_room.order_by("-joined", "-pk")[:NEWEST_PARTICIPANTS]),
        "current": current,
        "tally": tally(current) if current else None,
        "step": step(current) if current else None,
        "activities": activities,
        "deleted": deleted,
        "pending": pending,
        "revealed": current is not None and current.state == Activity.State.REVEALED,
        # Quiz results stay hidden until revealed, so nobody copies the room's answer.
        "has_right_answer": current is not None and get_type(current.kind).is_correct is not None,
        # On the projector only while the trainer shows it.
        "leaderboard": leaderboard(workshop)
        if workshop.leaderboard and workshop.leaderboard_shown
        else [],
    }


def participant_context(workshop: Workshop) -> dict[str, Any]:
    current = workshop.current
    revealed = current is not None and current.state == Activity.State.REVEALED
    return {
        "workshop": workshop,
        "current": current,
        "open": current is not None and current.state == Activity.State.OPEN,
        "revealed": revealed,
        "tally": tally(current) if revealed and current else None,
        "step": step(current) if current else None,
        # After a reveal each phone says whether its own answer was right.
        "has_right_answer": current is not None and get_type(current.kind).is_correct is not None,
    }


def my_answer(current: Activity | None, participant: Participant) -> dict[str, Any]:
    """A participant's own answer to the activity shown, and whether it was right."""
    if current is None:
        return {"mine": None, "mine_right": False, "mine_known": True}
    found = Answer.objects.filter(activity=current, participant=participant).first()
    mine = found.value if found else None
    is_correct = get_type(current.kind).is_correct
    right = mine is not None and is_correct is not None and is_correct(current.config, mine)
    return {"mine": mine, "mine_right": right, "mine_known": True}


def render_events(workshop_id: int, stage: bool, wanted: set[tuple[str, str]]) -> Events:
    workshop = Workshop.objects.select_related("current").get(pk=workshop_id)
    room = room_context(workshop) if any(a == ROOM for a, _ in wanted) else None
    mine = (
        participant_context(workshop)
        if stage and any(a == PARTICIPANT for a, _ in wanted)
        else None
    )
    events: Events = {}
    for audience, language in wanted:
        with translation.override(language):
            if audience == ROOM and room is not None:
                event_id = f"{workshop.stage}"
                events[(audience, language)] = [
                    Event("results", event_id, render_to_string("workshops/_results.html", room)),
                    Event(
                        "control",
                        event_id,
                        render_to_string("workshops/_control_status.html", room),
                    ),
                ]
            elif audience == PARTICIPANT and mine is not None:
                events[(audience, language)] = [
                    Event(
                        "activity",
                        str(workshop.stage),
                        render_to_string("workshops/_activity.html", mine),
                    )
                ]
    return events


async def build_events(workshop_id: int, stage: bool, wanted: set[tuple[str, str]]) -> Events:
    # Outside the request thread: building must not queue behind the requests it reports.
    return await off_request(render_events)(workshop_id, stage, wanted)
