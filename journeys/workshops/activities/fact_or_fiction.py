"""Fact or fiction: a statement; phones answer fact or fiction; the room sees bars once
revealed, with the verdict and its explanation."""

from collections import Counter
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from journeys.workshops.activities.base import (
    ActivityType,
    AnswerError,
    Config,
    ConfigError,
    ExerciseData,
    Form,
    Tally,
    Value,
    bars,
    both,
    chose_right,
    one,
    prompt,
    register,
)

VERDICTS = [
    {"key": "fact", "text": {"en": "Fact", "nl": "Feit"}},
    {"key": "fiction", "text": {"en": "Fiction", "nl": "Fabel"}},
]


def read_config(fields: Mapping[str, str]) -> Config:
    verdict = fields.get("verdict", "")
    if verdict not in ("fact", "fiction"):
        raise ConfigError(_("Say whether the statement is a fact or fiction."))
    explanation = " ".join(fields.get("explanation", "").split())[:500]
    return {
        "prompt": prompt(fields),
        "correct": verdict,
        "explanation": both(explanation) if explanation else None,
        "sources": [],
    }


def read_answer(config: Config, form: Form) -> Value:
    verdict = one(form, "option")
    if verdict not in ("fact", "fiction"):
        raise AnswerError(_("Answer fact or fiction."))
    return verdict


def tally(config: Config, values: list[Value]) -> Tally:
    return bars(VERDICTS, Counter(values), len(values), config["correct"])


def from_statements(data: ExerciseData) -> list[Config]:
    """One activity per statement of the exercise."""
    return [
        {
            "prompt": s["statement"],
            "correct": s["verdict"],
            "explanation": s["explanation"],
            "sources": s["sources"],
        }
        for s in data["statements"]
    ]


FACT_OR_FICTION = register(
    ActivityType(
        "fact-or-fiction",
        _("Fact or fiction"),
        read_config,
        read_answer,
        tally,
        phones="fact or fiction",
        room="bars after Show results, the verdict and its explanation",
        is_correct=chose_right,
        answer_text=lambda config, value: next(
            (v["text"] for v in VERDICTS if v["key"] == value), {"en": str(value)}
        ),
        from_exercises={"fact-or-fiction": from_statements},
    )
)
