"""Single and multiple choice, with feedback per option."""

from typing import Literal

from django.utils.translation import gettext_lazy as _
from pydantic import Field

from journeys.core.content.schema import Slug, Sources, Strict, Text
from journeys.core.content.yamlfile import Loc
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


class Option(Strict):
    id: Slug
    text: Text
    correct: bool = False
    feedback: Text


class ChoiceBase(ExerciseBase):
    question: Text
    options: list[Option] = Field(min_length=2)
    sources: Sources


class SingleChoice(ChoiceBase):
    type: Literal["single-choice"]


class MultipleChoice(ChoiceBase):
    type: Literal["multiple-choice"]


def validate(exercise: ChoiceBase) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    ids = [option.id for option in exercise.options]
    if len(set(ids)) != len(ids):
        problems.append((("options",), "option ids must be unique"))
    right = sum(option.correct for option in exercise.options)
    if exercise.type == "single-choice" and right != 1:
        problems.append((("options",), f"exactly one option must be correct, not {right}"))
    if exercise.type == "multiple-choice" and right < 1:
        problems.append((("options",), "at least one option must be correct"))
    return problems


def read_single(exercise: SingleChoice, form: Form) -> State:
    chosen = one(form, "option")
    if chosen not in {option.id for option in exercise.options}:
        raise AnswerError(f"unknown option {chosen[:40]!r}")
    return {"options": [chosen]}


def read_multiple(exercise: MultipleChoice, form: Form) -> State:
    chosen = list(dict.fromkeys(form.get("option", [])))
    known = {option.id for option in exercise.options}
    if not chosen:
        raise AnswerError("choose at least one option")
    if unknown := [c for c in chosen if c not in known]:
        raise AnswerError(f"unknown option {unknown[0][:40]!r}")
    return {"options": chosen}


def score(exercise: ChoiceBase, state: State) -> Outcome:
    chosen = set(state["options"])
    right = {option.id for option in exercise.options if option.correct}
    feedback = tuple(
        Feedback(option.feedback.as_dict(), option.correct, option.id)
        for option in exercise.options
        if option.id in chosen or (option.correct and exercise.type == "multiple-choice")
    )
    return Outcome(True, 1.0 if chosen == right else 0.0, 1.0, feedback)


register(
    ExerciseType(
        "single-choice",
        _("Single choice"),
        SingleChoice,
        "trainings/exercises/choice.html",
        read_single,
        score,
        validate=validate,
    )
)
register(
    ExerciseType(
        "multiple-choice",
        _("Multiple choice"),
        MultipleChoice,
        "trainings/exercises/choice.html",
        read_multiple,
        score,
        validate=validate,
    )
)
