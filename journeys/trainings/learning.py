"""Self-paced learning, read side: progress of a learner through a training, as plain
data for pages. Writes go through journeys.trainings.actions."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.http import Http404
from markdown_it import MarkdownIt

from journeys.trainings.exercises import ExerciseBase, Outcome, get_type
from journeys.trainings.models import Attempt, Enrolment, Exercise, Lesson, Training

# Content authors write Markdown; raw HTML is switched off so a lesson cannot inject markup.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(text: str) -> str:
    return str(_markdown.render(text))


def exercise_model(exercise: Exercise) -> ExerciseBase:
    return get_type(exercise.type).schema.model_validate(exercise.data)


@dataclass(frozen=True)
class LessonProgress:
    lesson: Lesson
    done: bool
    exercises_done: int
    exercises: int

    @property
    def percent(self) -> int:
        parts = self.exercises + 1
        return round(100 * (self.exercises_done + self.done) / parts)


@dataclass(frozen=True)
class TrainingProgress:
    training: Training
    enrolment: Enrolment | None
    lessons: list[LessonProgress]

    @property
    def percent(self) -> int:
        total = sum(lp.exercises + 1 for lp in self.lessons)
        done = sum(lp.exercises_done + lp.done for lp in self.lessons)
        return round(100 * done / total) if total else 0

    @property
    def complete(self) -> bool:
        return bool(self.lessons) and self.percent == 100

    @property
    def next_lesson(self) -> Lesson | None:
        """Where to resume: the first lesson not yet done (else the last one opened)."""
        pending = next((lp.lesson for lp in self.lessons if not lp.done), None)
        return pending or (self.enrolment.last_lesson if self.enrolment else None)


def training_progress(user: User, training: Training) -> TrainingProgress:
    enrolment = Enrolment.objects.filter(user=user, training=training).first()
    lessons = list(training.lessons.prefetch_related("exercises"))
    done_lessons = (
        set(enrolment.completions.values_list("lesson_id", flat=True)) if enrolment else set()
    )
    complete_exercises = set(
        Attempt.objects.filter(user=user, exercise__training=training, complete=True).values_list(
            "exercise_id", flat=True
        )
    )
    return TrainingProgress(
        training,
        enrolment,
        [
            LessonProgress(
                lesson,
                lesson.pk in done_lessons,
                sum(e.pk in complete_exercises for e in lesson.exercises.all()),
                len(lesson.exercises.all()),
            )
            for lesson in lessons
        ],
    )


@dataclass(frozen=True)
class ExerciseView:
    """What a lesson page shows of one exercise for one learner."""

    exercise: Exercise
    model: ExerciseBase
    template: str
    state: dict[str, Any] | None
    outcome: Outcome | None

    @property
    def feedback_by_item(self) -> dict[str, Any]:
        if not self.outcome:
            return {}
        return {f.item: f for f in self.outcome.feedback if f.item is not None}

    @property
    def general_feedback(self) -> list[Any]:
        return [f for f in self.outcome.feedback if f.item is None] if self.outcome else []


def exercise_view(exercise: Exercise, attempt: Attempt | None) -> ExerciseView:
    kind = get_type(exercise.type)
    model = exercise_model(exercise)
    state = attempt.state if attempt else kind.initial(model)
    outcome = kind.score(model, attempt.state) if attempt else None
    return ExerciseView(exercise, model, kind.template, state, outcome)


def get_lesson(training: Training, slug: str) -> Lesson:
    try:
        return training.lessons.get(slug=slug)
    except Lesson.DoesNotExist:
        raise Http404("No such lesson") from None


def get_exercise(training: Training, slug: str) -> Exercise:
    try:
        return training.exercises.select_related("lesson").get(slug=slug)
    except Exercise.DoesNotExist:
        raise Http404("No such exercise") from None
