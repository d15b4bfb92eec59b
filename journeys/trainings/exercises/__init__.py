"""Exercise types: one registry. A type is one module that defines its schema, how an
answer is read from a form, how it is played and scored, and its template; it adds
itself with `register(ExerciseType(...))`. docs/exercises.md documents every type
(a test checks that)."""

from journeys.trainings.exercises.base import (
    AnswerError,
    ExerciseBase,
    ExerciseType,
    Feedback,
    Outcome,
    exercise_types,
    get_type,
    register,
)

__all__ = [
    "AnswerError",
    "ExerciseBase",
    "ExerciseType",
    "Feedback",
    "Outcome",
    "exercise_types",
    "get_type",
    "register",
]
