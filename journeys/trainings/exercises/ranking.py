"""Ordering and ranking: put items in order. With a `key` it is scored (order the
stages of a situation); without one it is a values exercise with no right answer."""

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
    Feedback,
    Form,
    Outcome,
    State,
    one,
    register,
)


class Item(Strict):
    id: Slug
    text: Text


class Ranking(ExerciseBase):
    type: Literal["ranking"]
    prompt: Text
    items: list[Item] = Field(min_length=2, max_length=12)
    key: list[Slug] | None = None  # the right order; leave out for values
    explanation: Text | None = None
    sources: list[Slug] = []  # needed when there is a key: the order is a fact


def validate(exercise: Ranking) -> list[tuple[Loc, str]]:
    ids = [item.id for item in exercise.items]
    problems: list[tuple[Loc, str]] = []
    if len(set(ids)) != len(ids):
        problems.append((("items",), "item ids must be unique"))
    if exercise.key is not None:
        if sorted(exercise.key) != sorted(ids):
            problems.append((("key",), "the key must list every item id exactly once"))
        if not exercise.sources:
            problems.append((("sources",), "a ranking with a key needs sources"))
    return problems


def read_answer(exercise: Ranking, form: Form) -> State:
    """Form fields rank-<item id> hold positions 1..n, each used once."""
    positions: dict[int, str] = {}
    for item in exercise.items:
        place = whole_number(one(form, f"rank-{item.id}"), 1, len(exercise.items))
        if place is None:
            raise AnswerError(f"give each item a place from 1 to {len(exercise.items)}")
        if place in positions:
            raise AnswerError("give each place to one item only")
        positions[place] = item.id
    return {"order": [positions[place] for place in sorted(positions)]}


def score(exercise: Ranking, state: State) -> Outcome:
    order = state["order"]
    if exercise.key is None:
        return Outcome(True)
    right = sum(a == b for a, b in zip(order, exercise.key, strict=True))
    feedback = tuple(
        Feedback(item.text.as_dict(), order.index(item.id) == exercise.key.index(item.id), item.id)
        for item in exercise.items
    )
    if exercise.explanation:
        feedback += (Feedback(exercise.explanation.as_dict()),)
    return Outcome(True, float(right), float(len(exercise.key)), feedback)


register(
    ExerciseType(
        "ranking",
        _("Ordering or ranking"),
        Ranking,
        "trainings/exercises/ranking.html",
        read_answer,
        score,
        validate=validate,
        scored=False,  # scored only when the content gives a key
    )
)
