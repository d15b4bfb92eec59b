"""Workshop plans: a workshop prepared once and started as often as needed.

A plan is a name and an ordered list of items, each an activity snapshot (kind and
config, exactly as a workshop's Activity holds them) taken from any training's live-able
exercise or written by the trainer. Starting a plan makes a fresh workshop with a new
code and the plan's activities in order. A plan belongs to an organisation: its trainers
see, edit and start it; for everyone else it does not exist (404).

Each training also offers a default plan, read from its trainer's guide's timing table
at content load (journeys/trainings/guide_plan.py): the timed blocks, each with the
exercises it names that can run live. A fact-or-fiction set there gives its first
DEFAULT_STATEMENTS statements (the guides say "choose 8 to 10"); the trainer can copy
the default plan into an own plan and pick others.

Writes go through the functions below; views stay thin."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from journeys.accounts.access import AnyUser, organisations_for_staff
from journeys.accounts.models import Organisation
from journeys.trainings.models import Exercise, Training
from journeys.workshops import actions, activities
from journeys.workshops.activities import Config
from journeys.workshops.models import Plan, PlanItem, Workshop

DEFAULT_STATEMENTS = 10  # of a fact-or-fiction set in a default plan: the first ten
MAX_ITEMS = 100  # in one plan; a workshop of more is no longer a plan for a day


class PlanError(Exception):
    """A change to a plan that cannot be made: the message says what to do instead."""


@dataclass(frozen=True)
class Draft:
    """An activity on its way into a plan or a workshop."""

    kind: str
    config: Config
    exercise: Exercise | None = None


# ---------------------------------------------------------------- plain rules


def moved(order: Sequence[int], item: int, direction: str) -> list[int]:
    """`order` with `item` one place up (earlier) or down; at an end it stays put."""
    order = list(order)
    if item not in order or direction not in ("up", "down"):
        raise PlanError(_("That item is not in this plan."))
    i = order.index(item)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    return order


def picked(offered: int, chosen: Iterable[str]) -> list[int]:
    """The ticked statements' indexes (0-based) of the `offered` ones, in order."""
    indexes = set()
    for value in chosen:
        if not value.isascii() or not value.isdigit() or int(value) >= offered:
            raise PlanError(_("That statement is not part of this exercise. Tick one shown."))
        indexes.add(int(value))
    if not indexes:
        raise PlanError(_("Tick at least one statement to add."))
    return sorted(indexes)


def hours(minutes: int) -> float:
    return round(minutes / 60, 1)


# ---------------------------------------------------------------- reads


def plans_for_staff(user: AnyUser) -> QuerySet[Plan]:
    """The plans of the organisations `user` trains for."""
    return Plan.objects.filter(organisation__in=organisations_for_staff(user)).select_related(
        "organisation"
    )


def get_plan_for_staff(user: AnyUser, plan_id: int) -> Plan:
    """A plan of an organisation `user` trains for, else 404."""
    plan = plans_for_staff(user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan")
    return plan


def live_exercises(training: Training) -> QuerySet[Exercise]:
    return training.exercises.filter(type__in=activities.exercise_types_offered())


def exercise_in(training_slug: str, exercise_id: int) -> Exercise:
    """An exercise of the training, else 404; PlanError when it cannot run live."""
    exercise = (
        Exercise.objects.select_related("training")
        .filter(pk=exercise_id, training__slug=training_slug)
        .first()
    )
    if exercise is None:
        raise Http404("No such exercise in this training")
    if exercise.type not in activities.exercise_types_offered():
        raise PlanError(
            _("This exercise cannot run in a live workshop (reflections stay private).")
        )
    return exercise


def offered(exercise: Exercise) -> list[Draft]:
    """The activities an exercise gives: one each for a fact-or-fiction set's statements
    and a likert exercise's items, else one."""
    return [
        Draft(kind, config, exercise)
        for kind, config in activities.live_activities(exercise.type, exercise.data)
    ]


# ---------------------------------------------------------------- writes


def create_plan(organisation: Organisation, author: AnyUser | None, name: str) -> Plan:
    name = " ".join(name.split())
    if not name:
        raise PlanError(_("Give the plan a name."))
    return Plan.objects.create(
        organisation=organisation,
        author=author if author is not None and author.is_authenticated else None,
        name=name[:200],
    )


def rename_plan(plan: Plan, name: str) -> None:
    name = " ".join(name.split())
    if not name:
        raise PlanError(_("Give the plan a name."))
    Plan.objects.filter(pk=plan.pk).update(name=name[:200])


def add_items(plan: Plan, drafts: Sequence[Draft]) -> list[PlanItem]:
    """Add activities at the end of the plan, in order."""
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()  # one writer at a time
        count = plan.items.count()
        if count + len(drafts) > MAX_ITEMS:
            raise PlanError(
                _("A plan holds at most %(n)d activities. Remove some first.") % {"n": MAX_ITEMS}
            )
        last = plan.items.aggregate(Max("position"))["position__max"] or 0
        items = PlanItem.objects.bulk_create(
            PlanItem(
                plan=plan,
                position=last + n,
                kind=draft.kind,
                config=draft.config,
                exercise=draft.exercise,
            )
            for n, draft in enumerate(drafts, start=1)
        )
        Plan.objects.filter(pk=plan.pk).update(updated=timezone.now())
    return items


def add_from_exercise(plan: Plan, exercise: Exercise, chosen: Iterable[str]) -> list[PlanItem]:
    """The ticked statements (indexes) of an exercise's activities; one that gives a
    single activity needs no ticks."""
    drafts = offered(exercise)
    chosen = list(chosen)
    if len(drafts) == 1 and not chosen:
        return add_items(plan, drafts)
    return add_items(plan, [drafts[i] for i in picked(len(drafts), chosen)])


def add_own(plan: Plan, kind: str, fields: dict[str, str]) -> PlanItem:
    """A question the trainer wrote: the fields of the control page's activity form,
    read by the kind's own read_config (ConfigError says what is missing)."""
    config = activities.get_type(kind).read_config(fields)
    return add_items(plan, [Draft(kind, config)])[0]


def _renumber(plan: Plan, order: Sequence[int]) -> None:
    for position, pk in enumerate(order, start=1):
        PlanItem.objects.filter(pk=pk, plan=plan).exclude(position=position).update(
            position=position
        )


def move_item(plan: Plan, item_id: int, direction: str) -> None:
    with transaction.atomic():
        order = list(plan.items.values_list("pk", flat=True))
        _renumber(plan, moved(order, item_id, direction))


def remove_item(plan: Plan, item_id: int) -> None:
    with transaction.atomic():
        if not plan.items.filter(pk=item_id).delete()[0]:
            raise PlanError(_("That item is not in this plan."))
        _renumber(plan, list(plan.items.values_list("pk", flat=True)))


def start(
    drafts: Sequence[Draft],
    organisation: Organisation,
    trainer: AnyUser,
    title: str,
    cap: int,
    leaderboard: bool,
    training: Training | None = None,
) -> Workshop:
    """A fresh workshop with a new code and these activities in order. Its training is
    the one given, else the one training all its exercises come from (for the
    questionnaires), else none."""
    if not drafts:
        raise PlanError(_("This plan has no activities yet. Add one first."))
    if training is None:
        trainings = {d.exercise.training_id for d in drafts if d.exercise is not None}
        if len(trainings) == 1:
            training = Training.objects.filter(pk=trainings.pop()).first()
    with transaction.atomic():
        workshop = actions.start_workshop(trainer, organisation, title, training, cap, leaderboard)
        for draft in drafts:
            actions.add_activity(trainer, workshop.pk, draft.kind, draft.config)
    return workshop


def drafts_of(plan: Plan) -> list[Draft]:
    return [
        Draft(item.kind, item.config, item.exercise)
        for item in plan.items.select_related("exercise")
    ]


# ---------------------------------------------------------------- default plans


@dataclass(frozen=True)
class DefaultBlock:
    time: str
    minutes: int
    part: dict[str, str]
    drafts: list[Draft]


@dataclass(frozen=True)
class DefaultPlan:
    training: Training
    blocks: list[DefaultBlock]

    @property
    def minutes(self) -> int:
        return sum(block.minutes for block in self.blocks)

    @property
    def drafts(self) -> list[Draft]:
        return [draft for block in self.blocks for draft in block.drafts]


def default_plan_minutes(training: Training) -> int:
    return sum(block["minutes"] for block in (training.trainer_guide or {}).get("timing", []))


def default_plan(training: Training) -> DefaultPlan:
    """The training's guide's timing, as stored at content load, with each block's
    exercises as activities (a fact-or-fiction set: its first DEFAULT_STATEMENTS)."""
    timing: list[dict[str, Any]] = (training.trainer_guide or {}).get("timing", [])
    slugs = {slug for block in timing for slug in block.get("exercises", [])}
    exercises = {e.slug: e for e in live_exercises(training).filter(slug__in=slugs)}
    blocks = []
    for block in timing:
        drafts: list[Draft] = []
        for slug in block.get("exercises", []):
            if slug in exercises:
                given = offered(exercises[slug])
                if exercises[slug].type == "fact-or-fiction":
                    given = given[:DEFAULT_STATEMENTS]
                drafts += given
        blocks.append(DefaultBlock(block["time"], block["minutes"], block["part"], drafts))
    return DefaultPlan(training, blocks)


def copy_default(
    default: DefaultPlan, organisation: Organisation, author: AnyUser, name: str
) -> Plan:
    """An own plan with the default plan's activities, to edit."""
    with transaction.atomic():
        plan = create_plan(organisation, author, name)
        add_items(plan, default.drafts[:MAX_ITEMS])
    return plan
