"""The pre/post questionnaire of journeys.assessments: phones open it as a page of its
own (config: the measurement's token and the phase); the room sees how many handed it
in. Added with the control page's own buttons, not the activity form."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from journeys.assessments.models import Response
from journeys.workshops.activities.base import (
    ActivityType,
    AnswerError,
    Config,
    ConfigError,
    Form,
    Tally,
    Value,
    register,
)

PROMPTS = {
    "pre": {
        "en": "Before we start: a short questionnaire",
        "nl": "Voor we beginnen: een korte vragenlijst",
    },
    "post": {"en": "To finish: a short questionnaire", "nl": "Tot slot: een korte vragenlijst"},
}


def read_config(fields: Mapping[str, str]) -> Config:
    raise ConfigError(_("Add the questionnaires with their own buttons."))


def config_for(phase: str, measurement_token: str) -> Config:
    return {"prompt": PROMPTS[phase], "phase": phase, "measurement": measurement_token}


def read_answer(config: Config, form: Form) -> Value:
    raise AnswerError(_("Answer the questionnaire on its own page."))


def handed_in(activity: Any) -> list[Value]:
    """One value per response handed in (the assessments' responses, not Answers)."""
    count = Response.objects.filter(
        measurement__token=activity.config["measurement"], phase=activity.config["phase"]
    ).count()
    return [None] * count


def tally(config: Config, values: list[Value]) -> Tally:
    return {"shape": "count", "respondents": len(values)}


QUESTIONNAIRE = register(
    ActivityType(
        "questionnaire",
        _("Pre/post questionnaire"),
        read_config,
        read_answer,
        tally,
        phones="the training's before or after questionnaire, on its own page",
        room="how many handed it in",
        offered_on_form=False,
        tally_values=handed_in,
        answers_elsewhere=True,
    )
)
