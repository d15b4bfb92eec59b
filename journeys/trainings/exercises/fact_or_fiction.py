"""Fact or fiction: statements, each with its verdict, an explanation and a source."""

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

VERDICTS = ("fact", "fiction")


class Statement(Strict):
    id: Slug
    statement: Text
    verdict: Literal["fact", "fiction"]
    explanation: Text
    sources: Sources


class FactOrFiction(ExerciseBase):
    type: Literal["fact-or-fiction"]
    statements: list[Statement] = Field(min_length=1)


def validate(exercise: FactOrFiction) -> list[tuple[Loc, str]]:
    ids = [statement.id for statement in exercise.statements]
    return [(("statements",), "statement ids must be unique")] if len(set(ids)) != len(ids) else []


def read_answer(exercise: FactOrFiction, form: Form) -> State:
    answers = {}
    for statement in exercise.statements:
        verdict = one(form, statement.id)
        if verdict not in VERDICTS:
            raise AnswerError(f"answer fact or fiction, not {verdict[:20]!r}")
        answers[statement.id] = verdict
    return {"verdicts": answers}


def score(exercise: FactOrFiction, state: State) -> Outcome:
    verdicts = state["verdicts"]
    feedback = tuple(
        Feedback(s.explanation.as_dict(), verdicts.get(s.id) == s.verdict, s.id)
        for s in exercise.statements
    )
    right = sum(item.correct is True for item in feedback)
    return Outcome(True, float(right), float(len(exercise.statements)), feedback)


register(
    ExerciseType(
        "fact-or-fiction",
        _("Fact or fiction"),
        FactOrFiction,
        "trainings/exercises/fact_or_fiction.html",
        read_answer,
        score,
        validate=validate,
    )
)
