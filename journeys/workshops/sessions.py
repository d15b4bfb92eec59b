"""What happens in a live workshop, in the database: starting one, joining, answering,
and the trainer's moves. Views call these and then tell live.py what changed."""

import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from journeys.accounts.access import AnyUser
from journeys.accounts.models import Organisation
from journeys.assessments import measurements
from journeys.core.limits import allow
from journeys.trainings.exercises import get_type
from journeys.trainings.models import Exercise, Training
from journeys.workshops.activities import ACTIVITY_TYPES, AnswerError, Config, ConfigError, Form
from journeys.workshops.from_exercises import activities_from_exercise
from journeys.workshops.models import Activity, Answer, Participant, Workshop

# No 0/O or 1/I/L: codes are read off a projector and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_NICKNAME = 30
CODE_LIFETIME_HOURS = 24  # a workshop older than this no longer takes new participants


class JoinError(Exception):
    """Why someone cannot join: a message for the person on the phone."""


class JoinTooFast(JoinError):
    """Too many joins at once: the phone may try again in a minute (429)."""


class ActionError(Exception):
    """A trainer's move that does not fit the workshop's state."""


def normalise_code(typed: str) -> str:
    return "".join(c for c in typed.upper() if c.isascii() and c.isalnum())[: CODE_LENGTH + 2]


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Workshop.objects.filter(code=code, status=Workshop.Status.LIVE).exists():
            return code


def start_workshop(
    organisation: Organisation,
    trainer: Any,
    title: str,
    training: Training | None,
    cap: int,
    leaderboard: bool = False,
) -> Workshop:
    return Workshop.objects.create(
        organisation=organisation,
        trainer=trainer,
        training=training,
        title=title,
        code=new_code(),
        participant_cap=cap,
        leaderboard=leaderboard,
    )


def live_workshop(code: str) -> Workshop:
    """The live workshop with this code, or JoinError saying why not."""
    workshop = (
        Workshop.objects.filter(code=normalise_code(code)).order_by("status", "-created").first()
    )
    if workshop is None:
        raise JoinError(_("There is no workshop with that code. Check the code on the screen."))
    age = timezone.now() - workshop.created
    if workshop.status == Workshop.Status.ENDED or age.total_seconds() > CODE_LIFETIME_HOURS * 3600:
        raise JoinError(_("This workshop has ended. Ask the trainer for a new code."))
    return workshop


def join(workshop: Workshop, nickname: str) -> Participant:
    """A new participant, unless the trainer closed joining or the room is full. A
    workshop takes its first RATE_JOIN_WORKSHOP participants at any pace (a room joining
    at once), then that many a minute: a script that floods joins fills the room slowly
    enough for the trainer to close it and remove what it added."""
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
        return Participant.objects.create(
            workshop=workshop, nickname=nickname, token=secrets.token_urlsafe(32)
        )


def participant_by_token(token: str) -> Participant | None:
    if not token:
        return None
    return Participant.objects.select_related("workshop").filter(token=token).first()


# ---------------------------------------------------------------- answering


@dataclass(frozen=True)
class Stored:
    activity: Activity
    value: Any
    replaced: bool  # a second answer replaced the first


def answer(participant: Participant, activity_id: int, form: Form) -> Stored:
    """Store a participant's answer to the open activity of their own workshop."""
    activity = Activity.objects.filter(pk=activity_id, workshop_id=participant.workshop_id).first()
    if activity is None:
        raise AnswerError(_("That question is not part of your workshop."))
    if participant.workshop.status != Workshop.Status.LIVE:
        raise AnswerError(_("This workshop has ended."))
    if activity.state != Activity.State.OPEN:
        raise AnswerError(_("This question is closed; answers are no longer taken."))
    kind = ACTIVITY_TYPES[activity.kind]
    value = kind.read_answer(activity.config, form)
    if activity.kind == "scenario":
        check_scenario_vote(activity, value)
    try:
        with transaction.atomic():
            _row, created = Answer.objects.update_or_create(
                activity=activity,
                participant=participant,
                defaults={"value": value, "review": Answer.Review.PENDING},
            )
    except IntegrityError:  # two posts at once: the other one made the row
        Answer.objects.filter(activity=activity, participant=participant).update(value=value)
        created = False
    return Stored(activity, value, replaced=not created)


def set_named(participant: Participant, named: bool) -> None:
    Participant.objects.filter(pk=participant.pk).update(named=named)


# ---------------------------------------------------------------- the trainer's moves


def add_activity(workshop: Workshop, kind: str, config: Config) -> Activity:
    position = (workshop.activities.aggregate(Max("position"))["position__max"] or 0) + 1
    progress = None
    if kind == "scenario":
        progress = get_type("scenario").initial(scenario_model(config))
    return Activity.objects.create(
        workshop=workshop, position=position, kind=kind, config=config, progress=progress
    )


QUESTIONNAIRE_PROMPTS = {
    "pre": {
        "en": "Before we start: a short questionnaire",
        "nl": "Voor we beginnen: een korte vragenlijst",
    },
    "post": {"en": "To finish: a short questionnaire", "nl": "Tot slot: een korte vragenlijst"},
}


def add_questionnaire(workshop: Workshop, phase: str, user: AnyUser | None) -> Activity:
    """The before or after questionnaire of the workshop's training, as an activity; the
    workshop's measurement is made with the first one."""
    if phase not in QUESTIONNAIRE_PROMPTS:
        raise ConfigError(_("Choose the questionnaire before or after the training."))
    if workshop.training is None or not measurements.has_instruments(workshop.training):
        raise ConfigError(_("Choose a training with questionnaires for this workshop first."))
    if workshop.measurement is None:
        workshop.measurement = measurements.for_workshop(
            workshop.organisation, workshop.training, workshop.title, user
        )
        workshop.save(update_fields=["measurement"])
    config = {
        "prompt": QUESTIONNAIRE_PROMPTS[phase],
        "phase": phase,
        "measurement": workshop.measurement.token,
    }
    return add_activity(workshop, "questionnaire", config)


def add_from_exercise(workshop: Workshop, exercise: Exercise) -> list[Activity]:
    return [
        add_activity(workshop, kind, config)
        for kind, config in activities_from_exercise(exercise.type, exercise.data)
    ]


def _bump(workshop: Workshop) -> None:
    Workshop.objects.filter(pk=workshop.pk).update(stage=F("stage") + 1)


def open_activity(activity: Activity) -> None:
    """Open one activity for answers: it becomes what every phone shows; others close."""
    workshop = activity.workshop
    if workshop.status != Workshop.Status.LIVE:
        raise ActionError(_("This workshop has ended."))
    with transaction.atomic():
        workshop.activities.filter(state=Activity.State.OPEN).exclude(pk=activity.pk).update(
            state=Activity.State.CLOSED
        )
        Activity.objects.filter(pk=activity.pk).update(state=Activity.State.OPEN)
        Workshop.objects.filter(pk=workshop.pk).update(current=activity, stage=F("stage") + 1)


def close_activity(activity: Activity) -> None:
    if activity.state == Activity.State.OPEN:
        Activity.objects.filter(pk=activity.pk).update(state=Activity.State.CLOSED)
        _bump(activity.workshop)


def reveal_activity(activity: Activity) -> None:
    Activity.objects.filter(pk=activity.pk).update(state=Activity.State.REVEALED)
    Workshop.objects.filter(pk=activity.workshop_id).update(current=activity, stage=F("stage") + 1)


def next_activity(workshop: Workshop) -> Activity | None:
    """Open the first activity after the current one that has not been run yet."""
    after = workshop.current.position if workshop.current else 0
    upcoming = workshop.activities.filter(position__gt=after, state=Activity.State.READY).first()
    if upcoming is None:
        raise ActionError(_("There is no next activity. Add one below."))
    open_activity(upcoming)
    return upcoming


def delete_activity(activity: Activity) -> None:
    workshop = activity.workshop
    activity.delete()
    _bump(workshop)


def review_answer(workshop: Workshop, answer_id: int, review: str) -> None:
    if review not in Answer.Review.values:
        raise ActionError(_("Unknown choice."))
    Answer.objects.filter(pk=answer_id, activity__workshop=workshop).update(review=review)


def close_joining(workshop: Workshop, closed: bool = True) -> None:
    """Lock (or unlock) the door: those in the room stay, nobody new joins."""
    Workshop.objects.filter(pk=workshop.pk).update(joining_closed=closed)


def remove_participant(workshop: Workshop, participant_id: int) -> None:
    """Take someone out of the room with their answers (a flood's votes must not count);
    the row stays, marked, so their phone can say what happened."""
    with transaction.atomic():
        found = Participant.objects.filter(pk=participant_id, workshop=workshop, removed=False)
        if not found.update(removed=True, named=False):
            raise ActionError(_("That participant is no longer in this workshop."))
        Answer.objects.filter(participant_id=participant_id).delete()


def end_workshop(workshop: Workshop) -> None:
    with transaction.atomic():
        workshop.activities.filter(state=Activity.State.OPEN).update(state=Activity.State.CLOSED)
        Workshop.objects.filter(pk=workshop.pk).update(
            status=Workshop.Status.ENDED, ended=timezone.now(), stage=F("stage") + 1
        )


# ---------------------------------------------------------------- scenarios


def scenario_model(config: Config) -> Any:
    return get_type("scenario").schema.model_validate(config["scenario"])


def check_scenario_vote(activity: Activity, value: dict[str, str]) -> None:
    scenario = scenario_model(activity.config)
    node = scenario.node((activity.progress or {}).get("node", ""))
    if value["step"] != node.id or value["choice"] not in {c.id for c in node.choices}:
        raise AnswerError(_("The room has moved on; vote on the step shown now."))


def follow_the_room(activity: Activity) -> None:
    """Take the choice most of the room voted for (the first on a tie) and move on."""
    if activity.kind != "scenario":
        raise ActionError(_("Only a scenario goes with the room's choice."))
    scenario = scenario_model(activity.config)
    progress = activity.progress or {}
    node = scenario.node(progress.get("node", ""))
    play = get_type("scenario").play
    if node.kind == "narration":
        progress = play(scenario, progress, {"continue": True})
    elif node.kind == "choice":
        votes: dict[str, int] = {choice.id: 0 for choice in node.choices}
        for value in activity.answers.values_list("value", flat=True):
            if value.get("step") == node.id and value.get("choice") in votes:
                votes[value["choice"]] += 1
        winner = max(votes, key=lambda choice: (votes[choice], -list(votes).index(choice)))
        progress = play(scenario, progress, {"choice": winner})
    else:
        raise ActionError(_("The scenario has ended."))
    # Votes stay stored with their step; the room votes afresh on the new one.
    Activity.objects.filter(pk=activity.pk).update(progress=progress)
    _bump(activity.workshop)
