"""A learner's self-paced learning in their data export, and what erasure keeps of their
certificates (journeys/accounts/personal_data.py says how sections work)."""

from typing import Any

from django.contrib.auth.models import User
from django.db.models.signals import pre_delete
from django.utils import timezone

from journeys.accounts.personal_data import Section, register
from journeys.core.text import localized
from journeys.trainings.certificates import CERTIFICATES
from journeys.trainings.models import Attempt, Certificate, Enrolment


def read_learning(person: User) -> dict[str, Any]:
    """Progress, every answer as stored (open reflections included) and certificates."""
    enrolments = (
        Enrolment.objects.filter(user=person)
        .select_related("training", "last_lesson")
        .prefetch_related("completions__lesson")
    )
    return {
        "enrolments": [
            {
                "training": enrolment.training.slug,
                "started": enrolment.started,
                "last_lesson": enrolment.last_lesson.slug if enrolment.last_lesson else None,
                "completed_at": enrolment.completed_at,
                "lessons_completed": [
                    {"lesson": completion.lesson.slug, "completed_at": completion.completed_at}
                    for completion in enrolment.completions.all()
                ],
            }
            for enrolment in enrolments
        ],
        "exercise_answers": [
            {
                "training": attempt.exercise.training.slug,
                "exercise": attempt.exercise.slug,
                "exercise_title": str(localized(attempt.exercise.title).text),
                "answer": attempt.state,
                "complete": attempt.complete,
                "score": attempt.score,
                "max_score": attempt.max_score,
                "updated": attempt.updated,
            }
            for attempt in Attempt.objects.filter(user=person).select_related("exercise__training")
        ],
        "certificates": [
            {
                "code": certificate.code,
                "training": certificate.training.slug,
                "name": certificate.name,
                "organisation": certificate.organisation.name if certificate.organisation else None,
                "issued_at": certificate.issued_at,
                "revoked_at": certificate.revoked_at,
            }
            for certificate in Certificate.objects.filter(user=person).select_related(
                "training", "organisation"
            )
        ],
    }


def erase_certificates(sender: type[User], instance: User, **_: object) -> None:
    """Before an account goes: its certificates lose the name and say they were withdrawn
    at the holder's request, so a check of the code does not show a stranger's name or
    a bare "no such certificate". The account's deletion then unlinks them. Their stored
    PDFs, which carry the name, are removed now rather than when they go unused."""
    held = Certificate.objects.filter(user=instance)
    for code in held.values_list("code", flat=True):
        CERTIFICATES.discard(code)
    held.update(name="", erased_at=timezone.now())


def connect() -> None:
    register(
        Section(
            "self_paced_learning",
            ("trainings.Enrolment", "trainings.Attempt", "trainings.Certificate"),
            read_learning,
        )
    )
    pre_delete.connect(erase_certificates, sender=User, dispatch_uid="erase-certificates")
