"""A ranking: phones give every item a place; the room sees items by average place."""

from collections import Counter
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from journeys.core.numbers import whole_number
from journeys.workshops.activities.base import (
    ActivityType,
    AnswerError,
    Config,
    ExerciseData,
    Form,
    Tally,
    Value,
    exercise_options,
    one,
    options,
    prompt,
    register,
)


def read_config(fields: Mapping[str, str]) -> Config:
    found, _right = options(fields)
    return {"prompt": prompt(fields), "options": found}


def read_answer(config: Config, form: Form) -> Value:
    """Positions posted per item (`rank-a=2`): every item once, places 1..n."""
    keys = [option["key"] for option in config["options"]]
    places: dict[str, int] = {}
    for key in keys:
        place = whole_number(one(form, f"rank-{key}"), 1, len(keys))
        if place is None or place in places.values():  # n different places of 1..n
            message = _("Give every item its own place, from 1 to %(n)d.")
            raise AnswerError(message % {"n": len(keys)})
        places[key] = place
    return sorted(keys, key=places.__getitem__)


def tally(config: Config, values: list[Value]) -> Tally:
    n = len(config["options"])
    totals: Counter[str] = Counter()
    for order in values:
        for place, key in enumerate(order, start=1):
            totals[key] += place
    items = [
        {
            "key": option["key"],
            "text": option["text"],
            "average": round(totals[option["key"]] / len(values), 1) if values else None,
            # Share of the bar: first place for everyone is 100%.
            "percent": round(100 * (n + 1 - totals[option["key"]] / len(values)) / n)
            if values
            else 0,
        }
        for option in config["options"]
    ]
    items.sort(key=lambda item: (item["average"] is None, item["average"] or 0))
    return {"shape": "ranking", "respondents": len(values), "items": items}


def from_ranking(data: ExerciseData) -> list[Config]:
    return [{"prompt": data["prompt"], "options": exercise_options(data["items"])}]


RANKING = register(
    ActivityType(
        "ranking",
        _("Ranking"),
        read_config,
        read_answer,
        tally,
        phones="a place for each item",
        room="items by average place",
        from_exercises={"ranking": from_ranking},
    )
)
