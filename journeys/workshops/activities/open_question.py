"""An open question: a short text each; the room sees only the answers the trainer
shows."""

from django.utils.translation import gettext_lazy as _

from journeys.workshops.activities.base import (
    ActivityType,
    AnswerError,
    Config,
    Form,
    Tally,
    Value,
    one,
    register,
    text_config,
)

MAX_TEXT = 280  # characters in an open answer or question


def read_answer(config: Config, form: Form) -> Value:
    text = " ".join(one(form, "text").split())
    if not text:
        raise AnswerError(_("Write something first."))
    if len(text) > MAX_TEXT:
        raise AnswerError(_("Keep it under %(n)d characters.") % {"n": MAX_TEXT})
    return text


def tally(config: Config, values: list[Value]) -> Tally:
    """Open answers: `values` holds only answers the trainer chose to show."""
    return {"shape": "texts", "respondents": len(values), "texts": values}


OPEN_QUESTION = register(
    ActivityType(
        "open-question",
        _("Open question"),
        text_config,
        read_answer,
        tally,
        phones="a text (at most 280 characters)",
        room="only the answers the trainer shows",
        moderated=True,
    )
)
