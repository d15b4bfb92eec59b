"""A quiz question: one option; the room sees bars once revealed, the right one marked;
right answers count for the leaderboard."""

from collections import Counter
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from journeys.workshops.activities.base import (
    ActivityType,
    AnswerError,
    Config,
    ExerciseData,
    Form,
    Tally,
    Value,
    bars,
    chose_right,
    exercise_options,
    one,
    options,
    prompt,
    register,
)


def read_config(fields: Mapping[str, str]) -> Config:
    found, right = options(fields, marked=True)
    return {"prompt": prompt(fields), "options": found, "correct": right}


def read_answer(config: Config, form: Form) -> Value:
    chosen = one(form, "option")
    if chosen not in {option["key"] for option in config["options"]}:
        raise AnswerError(_("That is not one of the options."))
    return chosen


def tally(config: Config, values: list[Value]) -> Tally:
    return bars(config["options"], Counter(values), len(values), config["correct"])


def from_single_choice(data: ExerciseData) -> list[Config]:
    right = next(o["id"] for o in data["options"] if o.get("correct"))
    return [
        {"prompt": data["question"], "options": exercise_options(data["options"]), "correct": right}
    ]


QUIZ = register(
    ActivityType(
        "quiz",
        _("Quiz question"),
        read_config,
        read_answer,
        tally,
        phones="one option",
        room="bars after Show results, the right answer marked; scores for the leaderboard",
        is_correct=chose_right,
        from_exercises={"single-choice": from_single_choice},
    )
)
