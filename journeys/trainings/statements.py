"""The xAPI statements of self-paced learning (docs/integrations.md): which event says
what, about which activity. Called from journeys/trainings/actions.py inside the
event's transaction; the statements go to the outbox of journeys/accounts/lrs.py.

An exercise's statement says whether it is complete and, for scored exercises, the score
and whether it reached the training's pass mark; never the answer: what a learner wrote
in a reflection or chose in a Likert item stays here."""

from django.contrib.auth.models import User

from journeys.accounts import lrs, xapi
from journeys.trainings.models import Attempt, Exercise, Lesson, Training


def training_activity(training: Training) -> xapi.Activity:
    return xapi.Activity(f"/trainings/{training.slug}/", xapi.COURSE, training.title)


def lesson_activity(lesson: Lesson) -> xapi.Activity:
    return xapi.Activity(f"/learn/{lesson.training.slug}/{lesson.slug}/", xapi.LESSON, lesson.title)


def exercise_activity(exercise: Exercise) -> xapi.Activity:
    return xapi.Activity(
        f"/learn/{exercise.training.slug}/exercises/{exercise.slug}/",
        xapi.INTERACTION,
        exercise.title,
    )


def lesson_completed(user: User, lesson: Lesson) -> None:
    lrs.record(
        user,
        xapi.COMPLETED,
        lesson_activity(lesson),
        result=xapi.Result(completion=True),
        parent=training_activity(lesson.training),
    )


def exercise_answered(user: User, attempt: Attempt) -> None:
    exercise = attempt.exercise
    scored = attempt.score is not None and bool(attempt.max_score)
    passed = None
    if scored and attempt.complete:
        passed = 100 * (attempt.score or 0) >= exercise.training.pass_mark * (
            attempt.max_score or 1
        )
    result = xapi.Result(
        completion=attempt.complete,
        success=passed,
        score=attempt.score if scored else None,
        max_score=attempt.max_score if scored else None,
    )
    lrs.record(
        user,
        xapi.ANSWERED,
        exercise_activity(exercise),
        result=result,
        parent=training_activity(exercise.training),
    )


def training_completed(user: User, training: Training) -> None:
    lrs.record(
        user, xapi.COMPLETED, training_activity(training), result=xapi.Result(completion=True)
    )


def certificate_issued(user: User, training: Training) -> None:
    """A certificate is issued when the learner met the training's rule: they passed."""
    lrs.record(
        user,
        xapi.PASSED,
        training_activity(training),
        result=xapi.Result(completion=True, success=True),
    )
