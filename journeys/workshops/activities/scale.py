"""An agreement scale: 1 to 5; the room sees bars and the average."""

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
    both,
    one,
    prompt,
    register,
)

POINTS = 5


def read_config(fields: Mapping[str, str]) -> Config:
    low = " ".join(fields.get("low", "").split())[:60] or "Strongly disagree"
    high = " ".join(fields.get("high", "").split())[:60] or "Strongly agree"
    return {"prompt": prompt(fields), "low": both(low), "high": both(high)}


def read_answer(config: Config, form: Form) -> Value:
    point = one(form, "point")
    if point not in {str(n) for n in range(1, POINTS + 1)}:
        raise AnswerError(_("Choose a point from 1 to 5."))
    return int(point)


def tally(config: Config, values: list[Value]) -> Tally:
    points = [{"key": str(n), "text": both(str(n))} for n in range(1, POINTS + 1)]
    result = bars(points, Counter(str(v) for v in values), len(values))
    result["mean"] = round(sum(values) / len(values), 1) if values else None
    return result


def from_likert(data: ExerciseData) -> list[Config]:
    """One activity per item of a Likert exercise."""
    return [
        {
            "prompt": item["text"],
            "low": {"en": "Strongly disagree", "nl": "Helemaal oneens"},
            "high": {"en": "Strongly agree", "nl": "Helemaal eens"},
        }
        for item in data["items"]
    ]


SCALE = register(
    ActivityType(
        "scale",
        _("Agreement scale"),
        read_config,
        read_answer,
        tally,
        phones="a point from 1 to 5",
        room="bars and the average",
        from_exercises={"likert": from_likert},
    )
)
