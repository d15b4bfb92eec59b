"""Open reflection: free text, unscored, private to the learner."""

from typing import Literal

from django.utils.translation import gettext_lazy as _

from journeys.core.content.schema import Text
from journeys.trainings.exercises.base import (
    MAX_TEXT,
    AnswerError,
    ExerciseBase,
    ExerciseType,
    Form,
    Outcome,
    State,
    one,
    register,
)


class Reflection(ExerciseBase):
    type: Literal["reflection"]
    prompt: Text
    guidance: Text | None = None  # shown after answering: questions to think on


def read_answer(exercise: Reflection, form: Form) -> State:
    text = one(form, "text").strip()
    if len(text) > MAX_TEXT:
        raise AnswerError(f"write at most {MAX_TEXT} characters")
    if not text:
        raise AnswerError("write something first")
    return {"text": text}


def score(exercise: Reflection, state: State) -> Outcome:
    return Outcome(True)


register(
    ExerciseType(
        "reflection",
        _("Open reflection"),
        Reflection,
        "trainings/exercises/reflection.html",
        read_answer,
        score,
        scored=False,
    )
)
