"""Activity types of a live workshop: one registry, one module per type, like the
exercise types of journeys/trainings/exercises/. A type's module says how the trainer's
form becomes its config, how a participant's answer is read and checked, how answers add
up to what the room sees, and which templates show it (templates/workshops/activities/
<kind>/answer.html on phones, .../results.html for the room); it adds itself with
`register(ActivityType(...))`. docs/workshops.md lists every type (a test checks that).

Texts are stored per language ({"en": ..., "nl": ...}): from exercises as written, from
a trainer's form the same text under both keys.
"""

from importlib import import_module

from journeys.workshops.activities.base import (
    ActionError,
    ActivityType,
    AnswerError,
    Config,
    ConfigError,
    Form,
    Tally,
    TrainerAction,
    Value,
    activity_types,
    exercise_types_offered,
    get_type,
    live_activities,
    register,
)

# One module per type, imported in the order the trainer's form lists them: importing
# a module registers its type.
MODULES = (
    "poll",
    "quiz",
    "fact_or_fiction",
    "scale",
    "ranking",
    "word_cloud",
    "open_question",
    "question_box",
    "scenario",
    "questionnaire",
)
for _module in MODULES:
    import_module(f"{__name__}.{_module}")

__all__ = [
    "ActionError",
    "ActivityType",
    "AnswerError",
    "Config",
    "ConfigError",
    "Form",
    "Tally",
    "TrainerAction",
    "Value",
    "activity_types",
    "exercise_types_offered",
    "get_type",
    "live_activities",
    "register",
]
