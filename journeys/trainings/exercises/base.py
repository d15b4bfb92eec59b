from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from journeys.core.content.schema import Slug, Strict, Text
from journeys.core.content.yamlfile import Loc

Form = Mapping[str, Sequence[str]]  # request.POST as lists: {"option": ["b"]}
State = dict[str, Any]  # what a learner's attempt holds (plain JSON)

MAX_TEXT = 5000  # characters in one free-text answer


class ExerciseBase(Strict):
    """Fields every exercise file has."""

    slug: Slug
    type: str
    title: Text
    objectives: list[Slug] = []  # the training's objectives this exercise checks


@dataclass(frozen=True)
class Feedback:
    text: Mapping[str, str]  # {"en": ..., "nl": ...}
    correct: bool | None = None  # None: no right or wrong
    item: str | None = None  # the option, statement or item it is about


@dataclass(frozen=True)
class Outcome:
    complete: bool  # the learner has finished the exercise
    score: float | None = None  # None: not scored (values, reflection, Likert)
    max_score: float | None = None
    feedback: tuple[Feedback, ...] = ()


class AnswerError(Exception):
    """A posted answer that does not fit the exercise: the caller answers 400."""


def keep_latest(exercise: Any, previous: State | None, answer: State) -> State:
    """Most types: a new answer replaces the previous one."""
    return answer


@dataclass(frozen=True)
class ExerciseType:
    name: str  # the `type:` in content
    label: Promise
    schema: type[ExerciseBase]
    template: str
    read_answer: Callable[[Any, Form], State]  # raises AnswerError
    score: Callable[[Any, State], Outcome]
    play: Callable[[Any, State | None, State], State] = keep_latest
    # Where an exercise that is played in steps starts (a scenario's first node).
    initial: Callable[[Any], State | None] = lambda exercise: None
    # Checks the schema cannot express: (where, message) pairs, e.g. a scenario's graph.
    validate: Callable[[Any], Iterable[tuple[Loc, str]]] = lambda exercise: ()
    scored: bool = True


_types: dict[str, ExerciseType] = {}


def register(exercise_type: ExerciseType) -> ExerciseType:
    if exercise_type.name in _types:
        raise ValueError(f"exercise type {exercise_type.name!r} is registered twice")
    _types[exercise_type.name] = exercise_type
    return exercise_type


def exercise_types() -> dict[str, ExerciseType]:
    return dict(_types)


def get_type(name: str) -> ExerciseType:
    return _types[name]


def one(form: Form, key: str) -> str:
    """The single value of a form field, or AnswerError."""
    values = form.get(key, [])
    if len(values) != 1 or not values[0]:
        raise AnswerError(f"answer {key!r} once")
    return values[0]
