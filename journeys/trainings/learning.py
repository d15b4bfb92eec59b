"""Self-paced learning, read side: progress of a learner through a training, as plain
data for pages. Writes go through journeys.trainings.actions."""

import math
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from journeys.core.content.readmodel import per_content_version
from journeys.core.text import localized
from journeys.trainings.exercises import ExerciseBase, Outcome, get_type
from journeys.trainings.models import Attempt, Enrolment, Exercise, Lesson, Training

# Content authors write Markdown; raw HTML is switched off so a lesson cannot inject markup.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(text: str) -> str:
    return str(_markdown.render(text))


def exercise_model(exercise: Exercise) -> ExerciseBase:
    """The exercise's file read through its type's schema (validated once per load)."""
    model = _exercise_models(exercise.training_id).get(exercise.pk)
    return model if model is not None else _validated(exercise)


def _validated(exercise: Exercise) -> ExerciseBase:
    return get_type(exercise.type).schema.model_validate(exercise.data)


@per_content_version
def _exercise_models(training_id: int) -> dict[int, ExerciseBase]:
    return {e.pk: _validated(e) for e in Exercise.objects.filter(training_id=training_id)}


@per_content_version
def lessons_of(training_id: int) -> list[Lesson]:
    """A training's lessons in order, each with its exercises (`lesson.exercises.all()`
    reads them from memory). Shared by all requests: read, never change."""
    return list(
        Lesson.objects.filter(training_id=training_id).prefetch_related(
            Prefetch("exercises", queryset=Exercise.objects.select_related("lesson"))
        )
    )


@per_content_version
def lesson_body(training_id: int, lesson_slug: str, language: str) -> tuple[str, str]:
    """A lesson's Markdown as HTML in `language` (else English), and the language it is in."""
    body = localized(get_lesson(training_id, lesson_slug).body, language)
    return render_markdown(body.text), body.language


def get_lesson(training_id: int, slug: str) -> Lesson:
    found = next((lesson for lesson in lessons_of(training_id) if lesson.slug == slug), None)
    if found is None:
        raise Http404("No such lesson")
    return found


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
class ScoredAnswer:
    """A learner's points on one scored exercise (the latest answer counts)."""

    exercise: Exercise
    score: float
    max_score: float

    @property
    def full_marks(self) -> bool:
        return self.score >= self.max_score


@dataclass(frozen=True)
class TrainingProgress:
    training: Training
    enrolled: bool
    last_lesson_id: int | None  # the lesson the learner opened last
    lessons: list[LessonProgress]
    scored: list[ScoredAnswer] = field(default_factory=list)

    @property
    def points(self) -> float:
        return sum(answer.score for answer in self.scored)

    @property
    def max_points(self) -> float:
        return sum(answer.max_score for answer in self.scored)

    @property
    def score_percent(self) -> int:
        """The share of points so far, rounded down: 69.6 % shows as 69, never as a
        pass mark of 70 that was not reached."""
        return math.floor(100 * self.points / self.max_points) if self.max_points else 0

    @property
    def passed(self) -> bool:
        """Whether the points reach the training's pass mark (true with no scored
        exercise answered: there is nothing to fall short of)."""
        return 100 * self.points >= self.training.pass_mark * self.max_points

    @property
    def certificate_ready(self) -> bool:
        return self.complete and self.passed

    @property
    def to_improve(self) -> list[ScoredAnswer]:
        """Scored exercises answered without full marks: where points can be gained."""
        return [answer for answer in self.scored if not answer.full_marks]

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
        if pending or not self.enrolled:
            return pending
        return next((lp.lesson for lp in self.lessons if lp.lesson.pk == self.last_lesson_id), None)


def missing_for_certificate(progress: TrainingProgress) -> list[str]:
    """What a learner still needs for the certificate, in words; empty when nothing."""
    missing = []
    if not progress.complete:
        missing.append(
            _("Finish every lesson and exercise (you have done %(percent)s %% so far).")
            % {"percent": progress.percent}
        )
    if not progress.passed:
        missing.append(
            _(
                "Score at least %(pass_mark)s %% of the points on the scored exercises (you "
                "have %(score)s %% now). You can answer an exercise again to improve your score."
            )
            % {"pass_mark": progress.training.pass_mark, "score": progress.score_percent}
        )
    return missing


def learner_attempts(user: User, training: Training) -> dict[int, Attempt]:
    """The learner's answers to the training's exercises, by exercise id."""
    found = Attempt.objects.filter(user=user, exercise__training=training)
    return {attempt.exercise_id: attempt for attempt in found}


def training_progress(
    user: User, training: Training, answers: dict[int, Attempt] | None = None
) -> TrainingProgress:
    """Where `user` stands in `training`. `answers`: learner_attempts(user, training)
    where the caller has them already (a lesson page shows them too)."""
    # One row per completed lesson (or one row with None): the enrolment and its
    # completions in one query, as plain values; this runs on every lesson page.
    rows = list(
        Enrolment.objects.filter(user=user, training=training).values_list(
            "last_lesson_id", "completions__lesson_id"
        )
    )
    done_lessons = {lesson_id for _, lesson_id in rows if lesson_id is not None}
    lessons = lessons_of(training.pk)
    if answers is None:
        answers = learner_attempts(user, training)
    complete_exercises = {pk for pk, answer in answers.items() if answer.complete}
    exercises = [e for lesson in lessons for e in lesson.exercises.all()]
    scored = [
        ScoredAnswer(e, answers[e.pk].score or 0.0, answers[e.pk].max_score or 0.0)
        for e in exercises
        if e.pk in answers and answers[e.pk].max_score
    ]
    return TrainingProgress(
        training,
        bool(rows),
        rows[0][0] if rows else None,
        [
            LessonProgress(
                lesson,
                lesson.pk in done_lessons,
                sum(e.pk in complete_exercises for e in lesson.exercises.all()),
                len(lesson.exercises.all()),
            )
            for lesson in lessons
        ],
        scored,
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


def get_exercise(training: Training, slug: str) -> Exercise:
    try:
        return training.exercises.select_related("lesson").get(slug=slug)
    except Exercise.DoesNotExist:
        raise Http404("No such exercise") from None
