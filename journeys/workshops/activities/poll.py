"""A poll: one or several options; the room sees bars."""

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
    exercise_options,
    options,
    prompt,
    register,
)


def read_config(fields: Mapping[str, str]) -> Config:
    found, _right = options(fields)
    return {"prompt": prompt(fields), "options": found, "multiple": bool(fields.get("multiple"))}


def read_answer(config: Config, form: Form) -> Value:
    keys = {option["key"] for option in config["options"]}
    chosen = list(dict.fromkeys(form.get("option", [])))
    if not chosen or (not config.get("multiple") and len(chosen) != 1):
        raise AnswerError(
            _("Choose one answer.")
            if not config.get("multiple")
            else _("Choose at least one answer.")
        )
    if not set(chosen) <= keys:
        raise AnswerError(_("That is not one of the options."))
    return sorted(chosen)


def tally(config: Config, values: list[Value]) -> Tally:
    counts = Counter(key for value in values for key in value)
    return bars(config["options"], counts, len(values))


def from_multiple_choice(data: ExerciseData) -> list[Config]:
    return [
        {"prompt": data["question"], "options": exercise_options(data["options"]), "multiple": True}
    ]


POLL = register(
    ActivityType(
        "poll",
        _("Poll"),
        read_config,
        read_answer,
        tally,
        phones="one or several options",
        room="bars",
        from_exercises={"multiple-choice": from_multiple_choice},
    )
)
