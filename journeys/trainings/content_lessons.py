"""Lessons (Markdown with front matter) and exercises (YAML, schema by `type`)."""

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import Field

from journeys.core.content.problems import Problem
from journeys.core.content.registry import ContentFile, ContentKind, UnknownVariant, register
from journeys.core.content.schema import Slug, Sources, Strict, Text
from journeys.core.content.yamlfile import read_markdown
from journeys.trainings import guide_plan
from journeys.trainings.exercises import ExerciseBase, exercise_types, get_type

LESSON_NAME = re.compile(r"^(?P<position>\d{2})-(?P<slug>[a-z0-9][a-z0-9-]*)$")


class LessonFile(Strict):
    title: Text
    objectives: list[Slug] = Field(min_length=1)
    duration_minutes: int = Field(ge=1, le=90)
    sources: Sources
    exercises: list[Slug] = []  # embedded after the text, in this order
    body: Text


Files = Mapping[str, list[ContentFile[Strict]]]


def _training_file(folder: Path, files: Files) -> ContentFile[Any] | None:
    """The training.yaml in `folder` (a training's folder), if there is one."""
    return next((t for t in files.get("training", []) if t.path.parent == folder), None)


def _objectives_exist(file: ContentFile[Any], files: Files) -> Iterator[Problem]:
    training = _training_file(file.path.parent.parent, files)
    if training is None:
        yield file.problem((), f"no training.yaml in {file.path.parent.parent.name}/")
        return
    known = {objective.id for objective in training.model.objectives}
    for i, objective in enumerate(file.model.objectives):
        if objective not in known:
            yield file.problem(("objectives", i), f"unknown objective {objective!r}")


def validate_lesson(file: ContentFile[LessonFile]) -> Iterator[Problem]:
    if not LESSON_NAME.match(file.path.stem):
        yield file.problem((), "name the file NN-<slug>.md, e.g. 01-what-is-harm-reduction.md")


def lesson_references(file: ContentFile[LessonFile], files: Files) -> Iterator[Problem]:
    yield from _objectives_exist(file, files)
    folder = file.path.parent.parent
    twins = [
        other.path.name
        for other in files.get("lesson", [])
        if other.path.parent == file.path.parent
        and other.path != file.path
        and other.path.stem[3:] == file.path.stem[3:]
    ]
    if twins:
        yield file.problem((), f"another lesson has the same slug: {twins[0]}")
    exercises = {e.path.stem for e in files.get("exercise", []) if e.path.parent.parent == folder}
    for i, slug in enumerate(file.model.exercises):
        if slug not in exercises:
            yield file.problem(("exercises", i), f"unknown exercise {slug!r} in this training")


def exercise_schema(data: Any) -> type[ExerciseBase]:
    name = data.get("type") if isinstance(data, dict) else None
    types = exercise_types()
    if name not in types:
        raise UnknownVariant(
            "type", f"unknown exercise type {name!r}; known: {', '.join(sorted(types))}"
        )
    return types[name].schema


def validate_exercise(file: ContentFile[ExerciseBase]) -> Iterator[Problem]:
    if file.model.slug != file.path.stem:
        yield file.problem(("slug",), f"slug {file.model.slug!r} differs from the file name")
    for loc, message in get_type(file.model.type).validate(file.model):
        yield file.problem(loc, message)


def exercise_references(file: ContentFile[ExerciseBase], files: Files) -> Iterator[Problem]:
    yield from _objectives_exist(file, files)
    folder = file.path.parent.parent
    embedded = any(
        file.path.stem in getattr(lesson.model, "exercises", [])
        for lesson in files.get("lesson", [])
        if lesson.path.parent.parent == folder
    )
    if not embedded:
        yield file.problem(
            ("slug",), "no lesson embeds this exercise, so learners never see it", "warning"
        )


def load_exercises(files: list[ContentFile[ExerciseBase]]) -> None:
    from journeys.trainings.models import Exercise, Objective, Training

    trainings = {t.slug: t for t in Training.objects.all()}
    kept = []
    for file in files:
        training = trainings[file.path.parent.parent.name]
        exercise, _ = Exercise.objects.update_or_create(
            training=training,
            slug=file.model.slug,
            defaults={
                "type": file.model.type,
                "title": file.model.title.as_dict(),
                "data": file.model.model_dump(mode="json"),
                "lesson": None,
            },
        )
        exercise.objectives.set(
            Objective.objects.filter(training=training, key__in=file.model.objectives)
        )
        kept.append(exercise.pk)
    Exercise.objects.exclude(pk__in=kept).delete()


def load_lessons(files: list[ContentFile[LessonFile]]) -> None:
    from journeys.trainings.models import Exercise, Lesson, Objective, Training

    trainings = {t.slug: t for t in Training.objects.all()}
    kept = []
    for file in files:
        training = trainings[file.path.parent.parent.name]
        match = LESSON_NAME.match(file.path.stem)
        if match is None:  # validate_lesson reported it; the check stops loading first
            continue
        lesson, _ = Lesson.objects.update_or_create(
            training=training,
            slug=match["slug"],
            defaults={
                "position": int(match["position"]),
                "title": file.model.title.as_dict(),
                "body": file.model.body.as_dict(),
                "duration_minutes": file.model.duration_minutes,
                "sources": file.model.sources,
            },
        )
        lesson.objectives.set(
            Objective.objects.filter(training=training, key__in=file.model.objectives)
        )
        for position, slug in enumerate(file.model.exercises):
            Exercise.objects.filter(training=training, slug=slug).update(
                lesson=lesson, position=position
            )
        kept.append(lesson.pk)
    Lesson.objects.exclude(pk__in=kept).delete()


class TrainerGuideFile(Strict):
    """trainer.md: how to run the training in a room (timing, exercises, discussion
    questions, pitfalls). Shown to trainers only."""

    title: Text
    sources: list[Slug] = []
    body: Text


def guide_references(file: ContentFile[TrainerGuideFile], files: Files) -> Iterator[Problem]:
    if _training_file(file.path.parent, files) is None:
        yield file.problem((), f"no training.yaml in {file.path.parent.name}/")
    folder = file.path.parent
    slugs = [e.path.stem for e in files.get("exercise", []) if e.path.parent.parent == folder]
    body = file.model.body.as_dict()
    for language in ("en", "nl"):
        text = body.get(language) or ""
        for _line, name in guide_plan.unknown_names(guide_plan.parse_timing(text), slugs):
            yield file.problem(
                ("body",),
                f"the timing table ({language}) names {name!r}, no exercise of this training",
            )


def load_guides(files: list[ContentFile[TrainerGuideFile]]) -> None:
    from journeys.trainings.models import Training

    guides = {file.path.parent.name: file.model for file in files}
    for training in Training.objects.all():
        guide = guides.get(training.slug)
        slugs = training.exercises.values_list("slug", flat=True)
        training.trainer_guide = (
            {
                "title": guide.title.as_dict(),
                "body": guide.body.as_dict(),
                "sources": guide.sources,
                # The half day's timed blocks, with the exercises each names: the
                # default workshop plan (workshops keeps those that can run live).
                "timing": guide_plan.plan_blocks(guide.body.en, guide.body.nl, slugs),
            }
            if guide
            else {}
        )
        training.save(update_fields=["trainer_guide"])


register(
    ContentKind(
        name="trainer-guide",
        pattern="trainings/*/trainer.md",
        schema=TrainerGuideFile,
        reader=read_markdown,
        load=load_guides,
        cross_check=guide_references,
        load_order=16,
        description="A trainer's guide: Markdown with a title and sources.",
    )
)
register(
    ContentKind(
        name="exercise",
        pattern="trainings/*/exercises/*.yaml",
        schema=ExerciseBase,
        schema_for=exercise_schema,
        load=load_exercises,
        validate=validate_exercise,
        cross_check=exercise_references,
        load_order=12,
        description="An exercise; its `type` picks the schema (docs/exercises.md).",
    )
)
register(
    ContentKind(
        name="lesson",
        pattern="trainings/*/lessons/*.md",
        schema=LessonFile,
        reader=read_markdown,
        load=load_lessons,
        validate=validate_lesson,
        cross_check=lesson_references,
        load_order=14,
        description="A lesson: Markdown with front matter (title, objectives, duration).",
    )
)
