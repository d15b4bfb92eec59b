"""Every move in a live workshop, one function each: the trainer's (who acts comes first:
the trainer user) and the participants' (the Participant). Each finds what it acts on
itself, checked (a workshop of an organisation the user trains for, else NotFound, which
is a 404), writes in one transaction and tells the open pages with
`transaction.on_commit`, so that no caller can forget to, nor announce what was rolled
back. Views parse the request, call one of these and render.

A change participants see (an activity opened, closed, revealed, moved, deleted; a
scenario's step) is a *stage* change: every phone rebuilds. Answers, joins and the
trainer's door only change the room's pages (`stage=False`)."""

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Max, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from journeys.accounts.access import AnyUser, organisations_for_staff
from journeys.accounts.models import Organisation
from journeys.assessments import measurements
from journeys.core import metrics
from journeys.core.limits import allow
from journeys.trainings.models import Exercise, Training
from journeys.workshops import agenda, live, statements
from journeys.workshops.activities import (
    ActionError,
    AnswerError,
    Config,
    ConfigError,
    Form,
    get_type,
    live_activities,
)
from journeys.workshops.activities import questionnaire as questionnaires
from journeys.workshops.models import Activity, AgendaFeed, Answer, Participant, Workshop

__all__ = ["ActionError", "AnswerError", "ConfigError", "JoinError", "JoinTooFast", "NotFound"]

# No 0/O or 1/I/L: codes are read off a projector and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_NICKNAME = 30
CODE_LIFETIME_HOURS = 24  # a workshop older than this no longer takes new participants


class NotFound(Http404):
    """No such workshop, activity, answer or participant for this user: a 404."""


class JoinError(Exception):
    """Why someone cannot join: a message for the person on the phone."""


class JoinTooFast(JoinError):
    """Too many joins at once: the phone may try again in a minute (429)."""


def _tell(workshop_id: int, stage: bool = True, removed: int | None = None) -> None:
    """Tell the open pages once the transaction is committed (at once outside one)."""
    transaction.on_commit(lambda: live.notify(workshop_id, stage=stage, removed=removed))


def _bump(workshop_id: int) -> None:
    Workshop.objects.filter(pk=workshop_id).update(stage=F("stage") + 1)


# ---------------------------------------------------------------- finding, checked


def workshop_for_staff(user: AnyUser, workshop_id: int) -> Workshop:
    """A workshop of an organisation `user` trains for, else NotFound."""
    workshop = (
        Workshop.objects.select_related("current", "training", "organisation")
        .filter(pk=workshop_id, organisation__in=organisations_for_staff(user))
        .first()
    )
    if workshop is None:
        raise NotFound("No such workshop")
    return workshop


def _activity_for_staff(user: AnyUser, workshop_id: int, activity_id: int) -> Activity:
    """An activity in the workshop's list (not a deleted one), else NotFound."""
    workshop = workshop_for_staff(user, workshop_id)
    activity = listed(workshop).filter(pk=activity_id).first()
    if activity is None:
        raise NotFound("No such activity")
    activity.workshop = workshop
    return activity


def listed(workshop: Workshop) -> QuerySet[Activity]:
    """The workshop's activities in order, without those the trainer deleted. The order
    is explicit: Django drops Meta.ordering from queries that group (annotate(Count))."""
    return workshop.activities.filter(deleted__isnull=True).order_by("position", "id")


def _lock_live(workshop: Workshop) -> None:
    """One change to the list at a time; none once the workshop ended."""
    status = (
        Workshop.objects.select_for_update()
        .filter(pk=workshop.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status != Workshop.Status.LIVE:
        raise ActionError(_("This workshop has ended."))


def _renumber(workshop: Workshop) -> None:
    """Positions 1..n in the list's order, without gaps."""
    for position, (pk, was) in enumerate(listed(workshop).values_list("pk", "position"), 1):
        if was != position:
            Activity.objects.filter(pk=pk).update(position=position)


# ---------------------------------------------------------------- starting one


def normalise_code(typed: str) -> str:
    return "".join(c for c in typed.upper() if c.isascii() and c.isalnum())[: CODE_LENGTH + 2]


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Workshop.objects.filter(code=code, status=Workshop.Status.LIVE).exists():
            return code


def start_workshop(
    user: AnyUser,
    organisation: Organisation,
    title: str,
    training: Training | None,
    cap: int,
    leaderboard: bool = False,
) -> Workshop:
    if not organisations_for_staff(user).filter(pk=organisation.pk).exists():
        raise NotFound("No such organisation")
    return Workshop.objects.create(
        organisation=organisation,
        trainer=user if user.is_authenticated else None,
        training=training,
        title=title,
        code=_new_code(),
        participant_cap=cap,
        leaderboard=leaderboard,
    )


def plan_workshop(
    user: AnyUser,
    workshop_id: int,
    starts_at: datetime | None,
    ends_at: datetime | None,
    place: str,
) -> Workshop:
    """When and where the workshop is planned (both times, or neither: unplanned); what
    its calendar entry says. The form checks the times; this checks who may."""
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        if (starts_at is None) != (ends_at is None) or (
            starts_at is not None and ends_at is not None and ends_at <= starts_at
        ):
            raise ActionError(_("Give a start and an end after it, or neither."))
        workshop.starts_at, workshop.ends_at, workshop.place = starts_at, ends_at, place.strip()
        workshop.save(update_fields=["starts_at", "ends_at", "place"])
    return workshop


def renew_agenda_feed(user: AnyUser) -> AgendaFeed:
    """A new secret calendar address for a trainer; the old one, if any, stops working."""
    if not user.is_authenticated or not organisations_for_staff(user).exists():
        raise NotFound("Only trainers have an agenda")
    with transaction.atomic():
        feed, _created = AgendaFeed.objects.update_or_create(
            user_id=user.pk, defaults={"token": agenda.new_token()}
        )
    return feed


def stop_agenda_feed(user: AnyUser) -> None:
    """Turn the trainer's calendar address off: it answers 404 from now on."""
    if user.is_authenticated:
        AgendaFeed.objects.filter(user_id=user.pk).delete()


# ---------------------------------------------------------------- the activity list


def _append(workshop: Workshop, kind: str, config: Config) -> Activity:
    position = (listed(workshop).aggregate(Max("position"))["position__max"] or 0) + 1
    return Activity.objects.create(
        workshop=workshop,
        position=position,
        kind=kind,
        config=config,
        progress=get_type(kind).initial_progress(config),
    )


def add_activity(user: AnyUser, workshop_id: int, kind: str, config: Config) -> Activity:
    """An activity at the end of the list; `config` as the type's `read_config` (or an
    exercise's `live_activities`) made it."""
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        activity = _append(workshop, kind, config)
        _tell(workshop.pk, stage=False)
    return activity


def add_questionnaire(user: AnyUser, workshop_id: int, phase: str) -> Activity:
    """The before or after questionnaire of the workshop's training, as an activity; the
    workshop's measurement is made with the first one."""
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        if phase not in questionnaires.PROMPTS:
            raise ConfigError(_("Choose the questionnaire before or after the training."))
        if workshop.training is None or not measurements.has_instruments(workshop.training):
            raise ConfigError(_("Choose a training with questionnaires for this workshop first."))
        if workshop.measurement is None:
            workshop.measurement = measurements.for_workshop(
                workshop.organisation, workshop.training, workshop.title, user
            )
            workshop.save(update_fields=["measurement"])
        config = questionnaires.config_for(phase, workshop.measurement.token)
        activity = _append(workshop, "questionnaire", config)
        _tell(workshop.pk, stage=False)
    return activity


def exercise_for_staff(user: AnyUser, workshop_id: int, exercise_id: int) -> Exercise:
    """An exercise of the workshop's training, else NotFound."""
    workshop = workshop_for_staff(user, workshop_id)
    exercise = Exercise.objects.filter(pk=exercise_id, training=workshop.training).first()
    if exercise is None:
        raise NotFound("No such exercise in this workshop's training")
    return exercise


def add_from_exercise(
    user: AnyUser, workshop_id: int, exercise_id: int, picked: list[int] | None = None
) -> list[Activity]:
    """A training's exercise as live activities, one per statement or item. `picked`:
    the indexes (0-based) of the statements or items to add; None adds them all."""
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        exercise = exercise_for_staff(user, workshop_id, exercise_id)
        found = live_activities(exercise.type, exercise.data)
        if picked is not None:
            if not picked:
                raise ConfigError(_("Tick at least one statement or item to add."))
            if not set(picked) <= set(range(len(found))):
                raise ConfigError(_("That statement or item is not part of this exercise."))
            found = [pair for i, pair in enumerate(found) if i in set(picked)]
        added = [_append(workshop, kind, config) for kind, config in found]
        _tell(workshop.pk, stage=False)
    return added


def move_activity(user: AnyUser, workshop_id: int, activity_id: int, up: bool) -> None:
    """One place up (earlier) or down in the list; the first cannot go up, the last not
    down (ActionError)."""
    with transaction.atomic():
        activity = _activity_for_staff(user, workshop_id, activity_id)
        _lock_live(activity.workshop)
        order = list(listed(activity.workshop).values_list("pk", flat=True))
        at = order.index(activity.pk)
        other = at - 1 if up else at + 1
        if not 0 <= other < len(order):
            raise ActionError(
                _("This activity is first already.") if up else _("This activity is last already.")
            )
        order[at], order[other] = order[other], order[at]
        for position, pk in enumerate(order, 1):
            Activity.objects.filter(pk=pk).update(position=position)
        _bump(workshop_id)
        _tell(workshop_id)


def delete_activity(user: AnyUser, workshop_id: int, activity_id: int) -> None:
    """Out of the list, the phones, the report and Next, with its answers kept: it can
    be restored until the workshop ends."""
    with transaction.atomic():
        activity = _activity_for_staff(user, workshop_id, activity_id)
        workshop = activity.workshop
        _lock_live(workshop)
        state = Activity.State.CLOSED if activity.state == Activity.State.OPEN else activity.state
        Activity.objects.filter(pk=activity.pk).update(deleted=timezone.now(), state=state)
        if workshop.current_id == activity.pk:  # the phones stop showing it
            Workshop.objects.filter(pk=workshop.pk).update(current=None)
        _renumber(workshop)
        _bump(workshop_id)
        _tell(workshop_id)


def restore_activity(user: AnyUser, workshop_id: int, activity_id: int) -> None:
    """A deleted activity back at the end of the list, with its answers; only while the
    workshop is live (ActionError after)."""
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        activity = Activity.objects.filter(pk=activity_id, workshop=workshop).first()
        if activity is None:
            raise NotFound("No such activity")
        _lock_live(workshop)
        if activity.deleted is None:
            raise ActionError(_("This activity is not deleted."))
        position = (listed(workshop).aggregate(Max("position"))["position__max"] or 0) + 1
        Activity.objects.filter(pk=activity.pk).update(deleted=None, position=position)
        _bump(workshop_id)
        _tell(workshop_id)


# ---------------------------------------------------------------- running it


def open_activity(user: AnyUser, workshop_id: int, activity_id: int) -> None:
    """Open one activity for answers: it becomes what every phone shows; others close."""
    with transaction.atomic():
        activity = _activity_for_staff(user, workshop_id, activity_id)
        _open(activity)


def _open(activity: Activity) -> None:
    workshop = activity.workshop
    if workshop.status != Workshop.Status.LIVE:
        raise ActionError(_("This workshop has ended."))
    workshop.activities.filter(state=Activity.State.OPEN).exclude(pk=activity.pk).update(
        state=Activity.State.CLOSED
    )
    Activity.objects.filter(pk=activity.pk).update(state=Activity.State.OPEN)
    Workshop.objects.filter(pk=workshop.pk).update(current=activity, stage=F("stage") + 1)
    _tell(workshop.pk)


def close_activity(user: AnyUser, workshop_id: int, activity_id: int) -> None:
    with transaction.atomic():
        activity = _activity_for_staff(user, workshop_id, activity_id)
        if activity.state == Activity.State.OPEN:
            Activity.objects.filter(pk=activity.pk).update(state=Activity.State.CLOSED)
            _bump(workshop_id)
        _tell(workshop_id)


def reveal_activity(user: AnyUser, workshop_id: int, activity_id: int) -> None:
    with transaction.atomic():
        activity = _activity_for_staff(user, workshop_id, activity_id)
        Activity.objects.filter(pk=activity.pk).update(state=Activity.State.REVEALED)
        Workshop.objects.filter(pk=workshop_id).update(current=activity, stage=F("stage") + 1)
        _tell(workshop_id)


def next_activity(user: AnyUser, workshop_id: int) -> Activity:
    """Open the first activity after the current one that has not been run yet."""
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        after = workshop.current.position if workshop.current else 0
        upcoming = listed(workshop).filter(position__gt=after, state=Activity.State.READY).first()
        if upcoming is None:
            raise ActionError(_("There is no next activity. Add one below."))
        upcoming.workshop = workshop
        _open(upcoming)
    return upcoming


def follow_the_room(user: AnyUser, workshop_id: int, activity_id: int) -> None:
    """A scenario goes on with the choice most of the room voted for."""
    type_move(user, workshop_id, activity_id, "follow")


def type_move(user: AnyUser, workshop_id: int, activity_id: int, name: str) -> None:
    """A move only some types have (activities' `trainer_actions`): a scenario's "Go on
    with the room's choice" or "Show the other options' feedback"."""
    with transaction.atomic():
        activity = _activity_for_staff(user, workshop_id, activity_id)
        move = get_type(activity.kind).action(name)
        if move is None:
            if name == "follow":
                raise ActionError(_("Only a scenario goes with the room's choice."))
            raise ActionError(_("This activity has no such move."))
        if activity.state not in move.states or not move.offered(activity):
            raise ActionError(_("This move does not fit the activity now."))
        # Votes stay stored with their step; the room votes afresh on the new one.
        changes: dict[str, Any] = {"progress": move.do(activity)}
        if move.reopens and activity.state != Activity.State.OPEN:
            _open(activity)
        Activity.objects.filter(pk=activity.pk).update(**changes)
        _bump(workshop_id)
        _tell(workshop_id)


def show_leaderboard(user: AnyUser, workshop_id: int, shown: bool) -> None:
    """Put the quiz leaderboard on the projector, or take it off."""
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        if shown and not workshop.leaderboard:
            raise ActionError(_("This workshop has no leaderboard."))
        Workshop.objects.filter(pk=workshop.pk).update(leaderboard_shown=shown)
        _tell(workshop.pk, stage=False)


def hide_word(user: AnyUser, workshop_id: int, activity_id: int, word: str, hidden: bool) -> None:
    """Take a word off the projector's word cloud (or put it back): the activity keeps
    its list of hidden words; the answers stay."""
    with transaction.atomic():
        activity = _activity_for_staff(user, workshop_id, activity_id)
        kind = get_type(activity.kind)
        if kind.hide_word is None:
            raise ActionError(_("Only a word cloud hides words."))
        config = kind.hide_word(activity.config, word, hidden)
        Activity.objects.filter(pk=activity.pk).update(config=config)
        _tell(workshop_id, stage=False)


def review_answer(user: AnyUser, workshop_id: int, answer_id: int, review: str) -> None:
    """Show or hide an open answer or question on the room's screen."""
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        if review not in Answer.Review.values:
            raise ActionError(_("Unknown choice."))
        Answer.objects.filter(pk=answer_id, activity__workshop=workshop).update(review=review)
        _tell(workshop.pk, stage=False)


def set_joining(user: AnyUser, workshop_id: int, closed: bool) -> None:
    """Lock (or unlock) the door: those in the room stay, nobody new joins."""
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        Workshop.objects.filter(pk=workshop.pk).update(joining_closed=closed)
        _tell(workshop.pk, stage=False)


def remove_participant(user: AnyUser, workshop_id: int, participant_id: int) -> None:
    """Take someone out of the room with their answers (a flood's votes must not count);
    the row stays, marked, so their phone can say what happened: its streams end."""
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        found = Participant.objects.filter(pk=participant_id, workshop=workshop, removed=False)
        if not found.update(removed=True, named=False):
            raise ActionError(_("That participant is no longer in this workshop."))
        Answer.objects.filter(participant_id=participant_id).delete()
        _tell(workshop.pk, stage=False, removed=participant_id)


def end_workshop(user: AnyUser, workshop_id: int) -> None:
    with transaction.atomic():
        workshop = workshop_for_staff(user, workshop_id)
        workshop.activities.filter(state=Activity.State.OPEN).update(state=Activity.State.CLOSED)
        Workshop.objects.filter(pk=workshop.pk).update(
            status=Workshop.Status.ENDED, ended=timezone.now(), stage=F("stage") + 1
        )
        _tell(workshop.pk)


# ---------------------------------------------------------------- participants


def live_workshop(code: str) -> Workshop:
    """The live workshop with this code, or JoinError saying why not."""
    workshop = (
        Workshop.objects.filter(code=normalise_code(code)).order_by("status", "-created").first()
    )
    if workshop is None:
        raise JoinError(_("There is no workshop with that code. Check the code on the screen."))
    # A workshop made ahead of its planned day takes people until a day after its start.
    age = timezone.now() - max(workshop.created, workshop.starts_at or workshop.created)
    if workshop.status == Workshop.Status.ENDED or age.total_seconds() > CODE_LIFETIME_HOURS * 3600:
        raise JoinError(_("This workshop has ended. Ask the trainer for a new code."))
    return workshop


def join(workshop: Workshop, nickname: str, attendee: User | None = None) -> Participant:
    """A new participant, unless the trainer closed joining or the room is full. A
    workshop takes its first RATE_JOIN_WORKSHOP participants at any pace (a room joining
    at once), then that many a minute: a script that floods joins fills the room slowly
    enough for the trainer to close it and remove what it added. `attendee`, the account
    of someone who joins signed in, is reported to their organisations' learning record
    stores as having attended (statements.py); the participant itself stays unlinked."""
    nickname = " ".join(nickname.split())[:MAX_NICKNAME]
    if not nickname:
        raise JoinError(_("Choose a nickname: any name you like, it need not be yours."))
    with transaction.atomic():
        # One join at a time per workshop, so the cap holds under a flood.
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        if workshop.joining_closed:
            raise JoinError(_("This workshop is closed to new participants."))
        everyone = Participant.objects.filter(workshop=workshop)  # the removed too
        if everyone.filter(removed=False).count() >= workshop.participant_cap:
            raise JoinError(_("This workshop is full. Ask the trainer."))
        budget = settings.RATE_JOIN_WORKSHOP
        if everyone.count() >= budget and not allow("join-workshop", str(workshop.pk), budget):
            raise JoinTooFast(_("Many people are joining right now. Wait a minute and try again."))
        participant = Participant.objects.create(
            workshop=workshop, nickname=nickname, token=secrets.token_urlsafe(32)
        )
        if attendee is not None:
            statements.workshop_attended(attendee, workshop)
        _tell(workshop.pk, stage=False)  # the room sees one more join
    return participant


def participant_by_token(token: str) -> Participant | None:
    if not token:
        return None
    return Participant.objects.select_related("workshop").filter(token=token).first()


@dataclass(frozen=True)
class Stored:
    activity: Activity
    value: Any
    replaced: bool  # a second answer replaced the first


def answer(participant: Participant, activity_id: int, form: Form) -> Stored:
    """Store a participant's answer to the open activity of their own workshop; it is
    stored first, then announced."""
    mine = Activity.objects.filter(pk=activity_id, workshop_id=participant.workshop_id)
    activity = next(iter(mine[:1]), None)
    if activity is None:
        raise AnswerError(_("That question is not part of your workshop."))
    if participant.workshop.status != Workshop.Status.LIVE:
        raise AnswerError(_("This workshop has ended."))
    if activity.state != Activity.State.OPEN or activity.deleted is not None:
        raise AnswerError(_("This question is closed; answers are no longer taken."))
    kind = get_type(activity.kind)
    value = kind.read_answer(activity.config, form)
    kind.check_answer(activity, value)
    replaced = _store(activity, participant, value)
    _tell(participant.workshop_id, stage=False)
    metrics.ANSWERS.inc()
    return Stored(activity, value, replaced=replaced)


def _store(activity: Activity, participant: Participant, value: Any) -> bool:
    """Store an answer, replacing the phone's earlier one; True when it replaced one.

    One statement for a changed answer, two for a first one, each committed on its own:
    this runs for every answer of a quiz room at once, and update_or_create's transaction,
    savepoints and row lock took about ten round trips to PostgreSQL. The INSERT turns into
    an UPDATE when a second post from the same phone got there in between."""
    fields = {"value": value, "review": Answer.Review.PENDING, "updated": timezone.now()}
    if Answer.objects.filter(activity=activity, participant=participant).update(**fields):
        return True
    Answer.objects.bulk_create(
        [Answer(activity=activity, participant=participant, **fields)],
        update_conflicts=True,
        unique_fields=["activity", "participant"],
        update_fields=list(fields),
    )
    return False


def set_named(participant: Participant, named: bool) -> None:
    """Whether the room may see this participant's nickname beside a quiz score."""
    with transaction.atomic():
        Participant.objects.filter(pk=participant.pk).update(named=named)
        _tell(participant.workshop_id, stage=False)  # the leaderboard may change
