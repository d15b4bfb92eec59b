"""A question box: anonymous questions for the trainer, read like open answers; the room
sees only those the trainer shows."""

from django.utils.translation import gettext_lazy as _

from journeys.workshops.activities import open_question
from journeys.workshops.activities.base import ActivityType, register, text_config

QUESTION_BOX = register(
    ActivityType(
        "question-box",
        _("Question box for the trainer"),
        text_config,
        open_question.read_answer,
        open_question.tally,
        phones="an anonymous question for the trainer",
        room="only those the trainer shows",
        moderated=True,
    )
)
