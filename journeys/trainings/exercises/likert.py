"""Likert/agreement items: how much do you agree, 1-5. Unscored here; assessments
compute subscales from the same answers (reverse-scored items flipped)."""

from typing import Literal

from django.utils.translation import gettext_lazy as _
from pydantic import Field

from journeys.core.content.schema import Slug, Strict, Text
from journeys.core.content.yamlfile import Loc
from journeys.core.numbers import whole_number
from journeys.trainings.exercises.base import (
    AnswerError,
    ExerciseBase,
    ExerciseType,
    Form,
    Outcome,
    State,
    one,
    register,
)

SCALE = (1, 2, 3, 4, 5)


class LikertItem(Strict):
    id: Slug
    text: Text
    reverse: bool = False


class Likert(ExerciseBase):
    type: Literal["likert"]
    prompt: Text
    items: list[LikertItem] = Field(min_length=1)


def validate(exercise: Likert) -> list[tuple[Loc, str]]:
    ids = [item.id for item in exercise.items]
    return [(("items",), "item ids must be unique")] if len(set(ids)) != len(ids) else []


def read_answer(exercise: Likert, form: Form) -> State:
    ratings = {}
    for item in exercise.items:
        rating = whole_number(one(form, item.id), SCALE[0], SCALE[-1])
        if rating is None:
            raise AnswerError("answer each statement from 1 to 5")
        ratings[item.id] = rating
    return {"ratings": ratings}


def score(exercise: Likert, state: State) -> Outcome:
    return Outcome(True)


def scored_value(item: LikertItem, rating: int) -> int:
    """The rating as it counts towards a subscale: reverse items are flipped."""
    return SCALE[-1] + SCALE[0] - rating if item.reverse else rating


register(
    ExerciseType(
        "likert",
        _("Agreement (Likert)"),
        Likert,
        "trainings/exercises/likert.html",
        read_answer,
        score,
        validate=validate,
        scored=False,
    )
)
