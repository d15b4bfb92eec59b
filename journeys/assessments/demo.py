"""Synthetic responses for the sample measurement `journeys setup --demo` adds, so a new
trainer sees a full report. Made up, seeded, and labelled as sample data everywhere."""

import hashlib
import random
from typing import Any

from journeys.assessments import questionnaire
from journeys.assessments.models import Measurement, Response
from journeys.assessments.questionnaire import FOLLOW_UP, POST, PRE, Definition
from journeys.assessments.scoring import correct_option

PEOPLE = 24  # 20 answer before and after, 2 only before, 2 only after
TEXTS = [
    "Ask more open questions before giving information.",
    "Talk about naloxone when someone mentions opioids.",
    "Check my own words: person-first language.",
    "Offer information instead of warnings.",
    "Share the card deck with my team.",
]


def _knowledge(
    definition: Definition, form: str, chance: float, rng: random.Random
) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for item in definition["knowledge"][f"form_{form}"]:
        right = correct_option(item)
        if rng.random() < chance:
            answers[item["id"]] = right
        elif rng.random() < 0.3:
            answers[item["id"]] = questionnaire.DONT_KNOW
        else:
            answers[item["id"]] = rng.choice([i for i in range(len(item["options"])) if i != right])
    return answers


def _attitude(definition: Definition, level: float, rng: random.Random) -> dict[str, int]:
    answers = {}
    for item in definition["attitude"]["items"]:
        value = min(5, max(1, round(rng.gauss(level, 0.7))))
        answers[item["id"]] = 6 - value if item["reverse"] else value
    return answers


def add_responses(
    measurement: Measurement, definition: Definition, seed: int = 10, people: int = PEOPLE
) -> int:
    """Stores the synthetic responses; returns how many. The last four people answer
    only before (two) or only after (two); half of the others the follow-up."""
    rng = random.Random(seed)  # noqa: S311  (made-up answers, not secrets)
    rows = []
    paired = people - 4
    for person in range(people):
        # A made-up person has no code to protect: a plain hash, not a slow derivation.
        key = hashlib.sha256(f"{measurement.token}:sample-{person}".encode()).hexdigest()[:32]
        first_form = "ab"[person % 2]
        ability = rng.gauss(0, 0.12)
        attitude = rng.gauss(3.0, 0.45)
        phases = [PRE, POST] if person < paired else [PRE] if person < paired + 2 else [POST]
        for phase in phases:
            form = questionnaire.knowledge_form(first_form, phase)
            chance = (0.5 if phase == PRE else 0.78) + ability
            answers = _knowledge(definition, form, chance, rng)
            answers |= _attitude(definition, attitude + (0.55 if phase == POST else 0), rng)
            if phase == POST:
                for item in definition["reaction"]:
                    if item["kind"] == "rating":
                        answers[item["id"]] = rng.choice([3, 4, 4, 5, 5])
                    elif person % 4 == 0:
                        answers[item["id"]] = TEXTS[person // 4 % len(TEXTS)]
            if person == 3:  # someone who left a question open
                answers.pop(next(iter(answers)))
            rows.append(
                Response(
                    measurement=measurement, phase=phase, form=form, pair_key=key, answers=answers
                )
            )
        if person < paired * 3 // 5:
            answers = _attitude(definition, attitude + 0.4, rng)
            for item in definition["follow_up"]:
                answers[item["id"]] = rng.choice([2, 3, 3, 4, 5])
            rows.append(
                Response(
                    measurement=measurement, phase=FOLLOW_UP, form="", pair_key=key, answers=answers
                )
            )
    Response.objects.bulk_create(rows)
    return len(rows)
