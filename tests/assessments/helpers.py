"""Filling in questionnaires through the HTTP client, as a phone would."""

import random
import re
from typing import Any

from django.test import Client

from journeys.assessments.models import Instrument


def code_fields(mother: str, day: int, street: str, siblings: int) -> dict[str, str]:
    return {"mother": mother, "birthday": str(day), "street": street, "siblings": str(siblings)}


def person_code(n: int) -> dict[str, str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return code_fields(
        letters[n % 26] + letters[(n * 7) % 26], n % 28 + 1, letters[(n * 3) % 26], n % 4
    )


def sheet(page: str) -> tuple[str, str]:
    """The (training, form) hidden fields of a questionnaire page."""
    training = re.search(r'name="training" value="([^"]*)"', page)
    form = re.search(r'name="form" value="([^"]*)"', page)
    assert training and form, page[:3000]
    return training.group(1), form.group(1)


def answers_for(
    training: str, form: str, phase: str, rng: random.Random, skill: float
) -> dict[str, str]:
    """Random answers: each knowledge question right with chance `skill`, attitudes
    around 2 + 2 * skill; reaction and follow-up ratings at random."""
    definition = Instrument.objects.get(training__slug=training).definition
    posted: dict[str, str] = {}
    if phase != "follow-up":
        for item in definition["knowledge"][f"form_{form}"]:
            right = next(i for i, o in enumerate(item["options"]) if o.get("correct"))
            wrong = [i for i in range(len(item["options"])) if i != right]
            posted[item["id"]] = str(right if rng.random() < skill else rng.choice(wrong))
    for item in definition["attitude"]["items"]:
        posted[item["id"]] = str(min(5, max(1, round(rng.gauss(2 + 2 * skill, 0.8)))))
    if phase == "post":
        for item in definition["reaction"]:
            posted[item["id"]] = (
                str(rng.randint(3, 5)) if item["kind"] == "rating" else "More listening."
            )
    if phase == "follow-up":
        for item in definition["follow_up"]:
            posted[item["id"]] = str(rng.randint(1, 5))
    return posted


def fill_in(
    phone: Client, url: str, code: dict[str, str], rng: random.Random, skill: float, **changes: Any
) -> tuple[dict[str, str], str, Any]:
    """Code, then the questionnaire: returns (what was posted, the form, the last response)."""
    phase = url.rstrip("/").rsplit("/", 1)[1]
    response = phone.post(url, code)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = phone.get(response["Location"])
    assert page.status_code == 200
    training, form = sheet(page.content.decode())
    posted = answers_for(training, form, phase, rng, skill)
    posted.update(changes)
    final = phone.post(response["Location"], {"training": training, "form": form, **posted})
    return posted, form, final
