"""Run inside an installation (`python -m tests.core.backup_platform build|inventory`, with
its environment): `build` adds learners through the trainings' actions, one with a
certificate; `inventory` prints, as JSON, what a restore must bring back (`build` too,
after building)."""

import json
import sys
from typing import Any

import django


def right_answer(exercise: Any) -> dict[str, list[str]]:
    """The form a learner who knows every answer posts, for the exercise types of the
    harm-reduction training."""
    kind = exercise.type
    if kind in {"single-choice", "multiple-choice"}:
        return {"option": [option.id for option in exercise.options if option.correct]}
    if kind == "fact-or-fiction":
        return {statement.id: [statement.verdict] for statement in exercise.statements}
    if kind == "ranking":
        order = exercise.key or [item.id for item in exercise.items]
        return {f"rank-{item}": [str(place)] for place, item in enumerate(order, start=1)}
    if kind == "reflection":
        return {"text": ["I will ask before I advise."]}
    if kind == "likert":
        return {item.id: ["4"] for item in exercise.items}
    raise ValueError(f"no right answer for a {kind} exercise here")


def build() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from journeys.accounts.actions import DEMO_ORGANISATION, add_member
    from journeys.accounts.models import Organisation, Role
    from journeys.trainings import actions
    from journeys.trainings.learning import exercise_model
    from journeys.trainings.models import Training

    organisation = Organisation.objects.get(slug=DEMO_ORGANISATION[1])
    training = Training.objects.get(slug="harm-reduction")
    users = get_user_model().objects
    graduate = users.create_user("sam", first_name="Sam", last_name="Jansen")
    halfway = users.create_user("noor", first_name="Noor", last_name="Bakker")
    for learner in (graduate, halfway):
        add_member(organisation, learner, Role.PARTICIPANT)
    for exercise in training.exercises.order_by("pk"):
        actions.submit_answer(graduate, exercise, right_answer(exercise_model(exercise)))
    for lesson in training.lessons.order_by("position"):
        actions.complete_lesson(graduate, lesson)
    first = training.lessons.order_by("position").first()
    assert first is not None
    actions.complete_lesson(halfway, first)
    certificate = actions.issue_certificate(graduate, training)
    return {"certificate": certificate.code, "inventory": inventory()}


def inventory() -> dict[str, Any]:
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from journeys.assessments.models import Response
    from journeys.core.backups import fingerprint
    from journeys.trainings.models import Attempt, Certificate, Enrolment, LessonCompletion
    from journeys.workshops.models import Answer

    return {
        "accounts": sorted(get_user_model().objects.values_list("username", flat=True)),
        "enrolments": sorted(
            [e.user.username, e.training.slug, e.completed_at is not None]
            for e in Enrolment.objects.select_related("user", "training")
        ),
        "lessons_done": LessonCompletion.objects.count(),
        "attempts": sorted(
            [a.user.username, a.exercise.slug, a.score] for a in Attempt.objects.select_related()
        ),
        "certificates": sorted(Certificate.objects.values_list("code", "name")),
        "responses": sorted(
            Response.objects.values_list("measurement__token", "phase", "pair_key", "form")
        ),
        "answers": sorted(
            [a.participant.nickname, a.activity_id, a.value]
            for a in Answer.objects.select_related("participant")
        ),
        "secret_key": fingerprint(settings.SECRET_KEY),
    }


if __name__ == "__main__":
    django.setup()
    result = build() if sys.argv[1] == "build" else inventory()
    sys.stdout.write(json.dumps(result, default=str) + "\n")
