"""A small world for the security tests: two organisations, every role, and one of each
thing a URL can point to, built once per test module through the same calls the pages
make. `path_for(name)` fills any URL pattern's arguments from it, so tests generated
from the URL list reach real objects, not only 404s."""

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Model, QuerySet
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from journeys.accounts.actions import add_member, create_organisation
from journeys.accounts.models import Organisation, Role
from journeys.assessments import measurements
from journeys.assessments.models import Measurement
from journeys.core.content.load import load_content
from journeys.knowledge.models import Route, Substance
from journeys.mi.models import Persona
from journeys.trainings.models import Certificate, Training
from journeys.workshops import actions, plans
from journeys.workshops.models import Activity, Plan, Workshop

PASSWORD = "a-long-test-password-42"
ModelT = TypeVar("ModelT", bound=Model)
TRAINING = "harm-reduction"

# The roles of the authorization matrix, in the order its rows list statuses.
ROLES = (
    "anonymous",  # nobody logged in
    "participant",  # a phone that joined the workshop by its code, no account
    "learner",  # an account in the owning organisation, following a training
    "other_trainer",  # trainer of another organisation
    "other_admin",  # administrator of another organisation
    "trainer",  # trainer of the organisation that owns the workshop and measurement
    "admin",  # administrator of that organisation
)


@dataclass
class World:
    owner: Organisation
    other: Organisation
    users: dict[str, User]
    workshop: Workshop
    activities: dict[str, Activity]
    measurement: Measurement
    self_paced: Measurement
    certificate: Certificate
    participant_token: str
    plan: Plan
    kwargs: dict[str, Any] = field(default_factory=dict)
    # Names whose arguments are not the training's: the same converter, another thing.
    kwargs_by_name: dict[str, dict[str, Any]] = field(default_factory=dict)

    def client(self, role: str) -> Client:
        client = Client()
        if role == "participant":
            cookie = f"{_cookie_prefix()}{self.workshop.code}"
            client.cookies[cookie] = self.participant_token
        elif role != "anonymous":
            client.force_login(self.users[role])
        return client


def _cookie_prefix() -> str:
    from journeys.workshops.views import COOKIE_PREFIX

    return COOKIE_PREFIX


def _user(username: str, organisation: Organisation | None, role: Role | None) -> User:
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name="Sam", last_name="Jansen"
    )
    if organisation and role:
        add_member(organisation, user, role)
    return user


def build() -> World:
    """Content as `make run` loads it, then the people and things the URLs point to."""
    load_content(Path(settings.CONTENT_DIR))
    owner = create_organisation("Amsterdam Training", "amsterdam")
    other = create_organisation("Rotterdam Training", "rotterdam")
    users = {
        "learner": _user("learner", owner, Role.PARTICIPANT),
        "other_trainer": _user("other-trainer", other, Role.TRAINER),
        "other_admin": _user("other-admin", other, Role.ADMIN),
        "trainer": _user("trainer", owner, Role.TRAINER),
        "admin": _user("admin", owner, Role.ADMIN),
    }
    training = Training.objects.get(slug=TRAINING)
    trainer = users["trainer"]
    workshop = actions.start_workshop(trainer, owner, "Police", training, 50)
    poll = actions.add_activity(
        trainer,
        workshop.pk,
        "poll",
        {
            "prompt": {"en": "Where?"},
            "options": [
                {"key": "a", "text": {"en": "Street"}},
                {"key": "b", "text": {"en": "Club"}},
            ],
            "multiple": False,
        },
    )
    actions.open_activity(trainer, workshop.pk, poll.pk)
    scenario_exercise = training.exercises.filter(type="scenario").first()
    activities = {"poll": poll}
    if scenario_exercise is not None:
        activities["scenario"] = actions.add_from_exercise(
            trainer, workshop.pk, scenario_exercise.pk
        )[0]
    starts = timezone.now() + timedelta(days=7)
    actions.plan_workshop(trainer, workshop.pk, starts, starts + timedelta(hours=3), "Room 1")
    feed = actions.renew_agenda_feed(trainer)
    phone = Client()  # joins and answers as a phone does
    assert phone.post("/join/", {"code": workshop.code, "nickname": "Ann"}).status_code == 302
    assert phone.post(f"/w/{workshop.code}/answer/{poll.pk}/", {"option": "a"}).status_code == 302
    token = phone.cookies[f"{_cookie_prefix()}{workshop.code}"].value
    measurement = measurements.for_workshop(owner, training, "Police pre/post", users["trainer"])
    self_paced = measurements.self_paced(training)
    certificate = Certificate.objects.create(
        code="TESTCODE2026",
        user=users["learner"],
        training=training,
        organisation=owner,
        name="Sam Jansen",
    )
    plan = plans.create_plan(owner, trainer, "Police, half day")
    plan_item = plans.add_own(plan, "poll", {"prompt": "Where?", "options": "Street\nClub"})
    world = World(
        owner=owner,
        other=other,
        users=users,
        workshop=workshop,
        activities=activities,
        measurement=measurement,
        self_paced=self_paced,
        certificate=certificate,
        participant_token=token,
        plan=plan,
    )
    exercise = training.exercises.order_by("pk").first()
    assert exercise is not None
    world.kwargs = {
        "slug": TRAINING,
        "organisation": owner.slug,
        "code": certificate.code,
        "lesson_slug": _first(training.lessons.order_by("position")).slug,
        "exercise_slug": exercise.slug,
        "token": measurement.token,
        "phase": "pre",
        "measurement_id": measurement.pk,
        "workshop_id": workshop.pk,
        "exercise_id": exercise.pk,
        "activity_id": poll.pk,
        "action": "close",
        "answer_id": poll.answers.get().pk,
        "participant_id": poll.answers.get().participant_id,
        "door": "close",
        "kind": "substance",
        "object_id": "1",
        "content_type_id": "1",
        "id": "1",
        "app_label": "accounts",
        "url": "nothing-here",
        "plan_id": plan.pk,
        "item_id": plan_item.pk,
        "training_slug": TRAINING,
        "shown": "show",
        "person_id": users["learner"].pk,
        "feed_token": feed.token,
    }
    persona = Persona.objects.order_by("slug").first()
    assert persona is not None
    world.kwargs_by_name = {
        "api:api-substance": {"slug": _first(Substance.objects.order_by("slug")).slug},
        "knowledge:substance": {"slug": "mdma"},
        "knowledge:route": {"slug": _first(Route.objects.order_by("pk")).slug},
        "cards:deck": {"slug": _first_deck()},
        "cards:deck-pdf": {"slug": _first_deck()},
        "cards:card": {"kind": "substance", "slug": "mdma"},
        "mi:conversation": {"slug": persona.slug},
        "mi:restart": {"slug": persona.slug},
        "mi:summary": {"slug": persona.slug},
        "assessments:paste-scale": {"slug": "mcrs"},
        "accounts:organisation": {"slug": owner.slug},
        "accounts:audit-log": {"slug": owner.slug},
        "accounts:xapi": {"slug": owner.slug},
        "accounts:member-export": {"slug": owner.slug},
        "accounts:member-erase": {"slug": owner.slug},
        "workshops:participant": {"code": workshop.code},
        "workshops:answer": {"code": workshop.code, "activity_id": poll.pk},
        "workshops:named": {"code": workshop.code},
        "workshops:participant-events": {"code": workshop.code},
        "trainings:revoke": {"organisation": owner.slug, "code": certificate.code},
        "workshops:plan-item": {"action": "up"},
        # a fact-or-fiction set: the page where statements are ticked
        "workshops:plan-pick": {
            "exercise_id": _first(plans.live_exercises(training).filter(type="fact-or-fiction")).pk
        },
        "workshops:mine": {"code": workshop.code},
    }
    return world


def _first(found: QuerySet[ModelT]) -> ModelT:
    first = found.first()
    assert first is not None, f"the content has no {found.model.__name__}"
    return first


def _first_deck() -> str:
    from journeys.cards.models import Deck

    deck = Deck.objects.order_by("position").first()
    assert deck is not None
    return deck.slug


def url_names() -> list[tuple[str, URLPattern]]:
    """Every named URL pattern of the platform, with its namespace: what the generated
    tests walk. A new URL appears here by itself."""
    found: list[tuple[str, URLPattern]] = []

    def walk(resolver: URLResolver, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry, inner)
            elif entry.name:
                found.append((f"{namespace}:{entry.name}" if namespace else entry.name, entry))

    walk(get_resolver(), "")
    return sorted(set(found), key=lambda pair: pair[0])


def path_for(world: World, key: str, pattern: URLPattern, name: str = "") -> str:
    """The path of URL `key` (a URL name, or a name@variant with its own arguments in
    kwargs_by_name) with its arguments filled from the world."""
    name = name or key
    wanted = set(pattern.pattern.regex.groupindex)
    values = {**world.kwargs, **world.kwargs_by_name.get(key, {})}
    unknown = wanted - set(values)
    assert not unknown, (
        f"URL {name!r} takes {sorted(unknown)}: give them a value in tests/security/world.py"
    )
    return reverse(name, kwargs={key: values[key] for key in wanted})
