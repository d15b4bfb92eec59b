"""Every write of self-paced learning and certificates goes through these functions."""

import secrets

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from journeys.accounts import audit
from journeys.accounts.models import Membership, Role, printed_name
from journeys.trainings import statements
from journeys.trainings.exercises import get_type
from journeys.trainings.exercises.base import Form
from journeys.trainings.learning import (
    exercise_model,
    missing_for_certificate,
    training_progress,
)
from journeys.trainings.models import (
    Attempt,
    Certificate,
    Enrolment,
    Exercise,
    Lesson,
    LessonCompletion,
    Training,
)

# Letters and digits that cannot be mistaken for each other when read aloud or typed.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def enrol(user: User, training: Training) -> Enrolment:
    enrolment, _ = Enrolment.objects.get_or_create(user=user, training=training)
    return enrolment


@transaction.atomic
def submit_answer(user: User, exercise: Exercise, form: Form) -> Attempt:
    """Read, play and score an answer; raises AnswerError (nothing written) when the
    answer does not fit the exercise."""
    kind = get_type(exercise.type)
    model = exercise_model(exercise)
    enrolment = enrol(user, exercise.training)
    attempt = Attempt.objects.select_for_update().filter(user=user, exercise=exercise).first()
    answer = kind.read_answer(model, form)
    # A stepped exercise (a scenario) starts from its first step, not from nothing.
    state = kind.play(model, attempt.state if attempt else kind.initial(model), answer)
    outcome = kind.score(model, state)
    attempt, _ = Attempt.objects.update_or_create(
        user=user,
        exercise=exercise,
        defaults={
            "state": state,
            "complete": outcome.complete,
            "score": outcome.score,
            "max_score": outcome.max_score,
        },
    )
    if exercise.lesson_id:
        enrolment.last_lesson_id = exercise.lesson_id
        enrolment.save(update_fields=["last_lesson"])
    statements.exercise_answered(user, attempt)
    _update_completion(enrolment)
    return attempt


@transaction.atomic
def complete_lesson(user: User, lesson: Lesson) -> Enrolment:
    enrolment = enrol(user, lesson.training)
    _, new = LessonCompletion.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    if new:
        statements.lesson_completed(user, lesson)
    enrolment.last_lesson = lesson
    enrolment.save(update_fields=["last_lesson"])
    _update_completion(enrolment)
    return enrolment


def _update_completion(enrolment: Enrolment) -> None:
    complete = training_progress(enrolment.user, enrolment.training).complete
    if complete and not enrolment.completed_at:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        statements.training_completed(enrolment.user, enrolment.training)


class NotYetEarned(PermissionDenied):
    """The learner does not meet the training's certificate rule yet; `missing` says
    what is left, in words for the learner."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(" ".join(missing))
        self.missing = missing


@transaction.atomic
def issue_certificate(user: User, training: Training) -> Certificate:
    """The learner's certificate when they meet the training's rule: every lesson and
    exercise done and at least its pass mark on the scored exercises (the same
    certificate when asked again). Raises NotYetEarned otherwise."""
    if missing := missing_for_certificate(training_progress(user, training)):
        raise NotYetEarned(missing)
    existing = Certificate.objects.filter(user=user, training=training).first()
    if existing:
        return existing
    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    statements.certificate_issued(user, training)
    return Certificate.objects.create(
        code=new_code(),
        user=user,
        training=training,
        organisation=membership.organisation if membership else None,
        name=printed_name(user),
    )


def new_code() -> str:
    while True:
        code = "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))
        if not Certificate.objects.filter(code=code).exists():
            return code


@transaction.atomic
def revoke_certificate(admin: User, certificate: Certificate) -> Certificate:
    """Only an administrator of the certificate's organisation may revoke it."""
    allowed = Membership.objects.filter(
        user=admin, organisation=certificate.organisation, role=Role.ADMIN
    ).exists()
    if not allowed or certificate.organisation is None:
        raise PermissionDenied("Only the organisation's administrator can revoke this.")
    if not certificate.revoked_at:
        certificate.revoked_at = timezone.now()
        certificate.save(update_fields=["revoked_at"])
        audit.record(
            admin,
            audit.Action.CERTIFICATE_REVOKED,
            certificate.organisation,
            f"certificate {certificate.code}",
        )
    return certificate


def reprint_certificates(user: User, name: str, **_: object) -> None:
    """Print `name` on the certificates `user` holds; revoked ones keep the name they were
    revoked with. Receives accounts' certificate_name_changed (connected in apps.py)."""
    Certificate.objects.filter(user=user, revoked_at=None).update(name=name)
