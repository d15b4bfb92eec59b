"""What every activity type is made of, the registry, and the helpers several types
share. Plain data in and out, except the hooks that get the Activity row
(`tally_values`, `check_answer`, `trainer_actions`)."""

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Config = dict[str, Any]
Value = Any  # a stored answer: plain JSON
Tally = dict[str, Any]
Form = Mapping[str, Sequence[str]]  # request.POST as lists
ExerciseData = dict[str, Any]  # an exercise's validated data (journeys.trainings)

MAX_OPTIONS = 8


class ConfigError(Exception):
    """The trainer's activity form does not make an activity; the message says why."""


class AnswerError(Exception):
    """A posted answer does not fit the activity: the view answers 400, stores nothing."""


class ActionError(Exception):
    """A trainer's move that does not fit the workshop's state: the view answers 409."""


def answered_values(activity: Any) -> list[Value]:
    """Every stored answer's value. Distinct values with their counts, from the
    database: a poll of 3,000 answers decodes three values, not 3,000."""
    return [
        row["value"]
        for row in activity.answers.values("value").annotate(n=Count("id"))
        for _ in range(row["n"])
    ]


def _no_check(activity: Any, value: Value) -> None:
    return None


def _no_progress(config: Config) -> Any:
    return None


def _no_step(activity: Any) -> dict[str, Any] | None:
    return None


def _no_rows(activity: Any, language: str) -> list[str]:
    return []


@dataclass(frozen=True)
class TrainerAction:
    """A move only some types have (a scenario's "Go on with the room's choice"):
    offered on the control page's row while the activity is in one of `states`."""

    name: str  # in the URL: /workshops/<id>/activities/<id>/<name>/
    label: Promise
    states: tuple[str, ...]  # Activity.State values
    # Does the move: returns the activity's new progress, or raises ActionError.
    do: Callable[[Any], Any]
    # After the move the activity is open for answers again (a scenario's next step,
    # voted afresh, also after its results were shown).
    reopens: bool = False
    # Offered only while this holds of the activity (default: always).
    offered: Callable[[Any], bool] = lambda activity: True


@dataclass(frozen=True)
class ActivityType:
    name: str
    label: Promise
    read_config: Callable[[Mapping[str, str]], Config]  # raises ConfigError
    read_answer: Callable[[Config, Form], Value]  # raises AnswerError
    tally: Callable[[Config, list[Value]], Tally]
    # For docs/workshops.md (English): what phones show, what the room sees.
    phones: str = ""
    room: str = ""
    # For quizzes: whether an answer is right (None: nothing is right or wrong).
    is_correct: Callable[[Config, Value], bool] | None = None
    moderated: bool = False  # answers wait for the trainer before the room sees them
    offered_on_form: bool = True  # on the trainer's "Add an activity" form
    # The values `tally` adds up (default: every stored answer).
    tally_values: Callable[[Any], list[Value]] = answered_values
    # Checks of an answer against the activity's progress (a scenario's step).
    check_answer: Callable[[Any, Value], None] = _no_check
    initial_progress: Callable[[Config], Any] = _no_progress
    step: Callable[[Any], dict[str, Any] | None] = _no_step  # where a played type is
    trainer_actions: tuple[TrainerAction, ...] = ()
    # Answers are counted elsewhere than in Answer rows (a questionnaire's hand-ins):
    # the control page counts `tally_values` instead.
    answers_elsewhere: bool = False
    # The option text of an answer, per language ({"en": ..., "nl": ...}) or plain,
    # for "Your answer: ..." on the phone after a reveal.
    answer_text: Callable[[Config, Value], Any] = lambda config, value: option_text(config, value)
    # What the room did as a whole, for the CSV: one line each (a scenario's route).
    room_rows: Callable[[Any, str], list[str]] = _no_rows
    # Extra controls on the control page for the activity shown now (a word cloud's
    # Hide/Show per word); "" for none.
    control_template: str = ""
    # A word cloud's moderation: the config with `word` hidden from the room (or shown).
    hide_word: Callable[[Config, str, bool], Config] | None = None
    # Exercise types (journeys.trainings) this type plays live: type -> configs.
    from_exercises: Mapping[str, Callable[[ExerciseData], list[Config]]] = field(
        default_factory=dict
    )

    @property
    def answer_template(self) -> str:
        return f"workshops/activities/{self.name}/answer.html"

    @property
    def results_template(self) -> str:
        return f"workshops/activities/{self.name}/results.html"

    def action(self, name: str) -> TrainerAction | None:
        return next((a for a in self.trainer_actions if a.name == name), None)


_types: dict[str, ActivityType] = {}


def register(activity_type: ActivityType) -> ActivityType:
    if activity_type.name in _types:
        raise ValueError(f"activity type {activity_type.name!r} is registered twice")
    _types[activity_type.name] = activity_type
    return activity_type


def activity_types() -> dict[str, ActivityType]:
    return dict(_types)


def get_type(name: str) -> ActivityType:
    return _types[name]


def live_activities(exercise_type: str, data: ExerciseData) -> list[tuple[str, Config]]:
    """A training's exercise as live activities, (kind, config) each: the same questions
    in the room as in the self-paced course. Empty for types with no live form
    (reflections stay private)."""
    return [
        (t.name, config)
        for t in _types.values()
        if exercise_type in t.from_exercises
        for config in t.from_exercises[exercise_type](data)
    ]


def exercise_types_offered() -> set[str]:
    return {name for t in _types.values() for name in t.from_exercises}


# ---------------------------------------------------------------- shared helpers


def both(text: str) -> dict[str, str]:
    return {"en": text, "nl": text}


def one(form: Form, name: str) -> str:
    values = form.get(name, [])
    if len(values) != 1:
        raise AnswerError(_("Choose one answer."))
    return values[0]


def prompt(fields: Mapping[str, str], name: str = "prompt") -> dict[str, str]:
    text = " ".join(fields.get(name, "").split())
    if not text:
        raise ConfigError(_("Write the question or statement."))
    if len(text) > 500:
        raise ConfigError(_("Keep the question under 500 characters."))
    return both(text)


def text_config(fields: Mapping[str, str]) -> Config:
    return {"prompt": prompt(fields)}


def options(fields: Mapping[str, str], marked: bool = False) -> tuple[list[dict[str, Any]], str]:
    """Options from a textarea, one per line; with `marked`, a leading * marks the right one."""
    lines = [line.strip() for line in fields.get("options", "").splitlines() if line.strip()]
    if not 2 <= len(lines) <= MAX_OPTIONS:
        raise ConfigError(_("Give 2 to 8 options, one per line."))
    found, correct = [], ""
    for i, line in enumerate(lines):
        key = chr(ord("a") + i)
        if marked and line.startswith("*"):
            line = line.lstrip("* ").strip()
            correct = correct or key
        found.append({"key": key, "text": both(line[:200])})
    if marked and not correct:
        raise ConfigError(_("Mark the right answer with a * at the start of its line."))
    return found, correct


def exercise_options(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"key": item["id"], "text": item["text"]} for item in items]


def bars(
    choices: list[dict[str, Any]], counts: Counter[str], respondents: int, right: str = ""
) -> Tally:
    return {
        "shape": "bars",
        "respondents": respondents,
        "bars": [
            {
                "key": choice["key"],
                "text": choice["text"],
                "count": counts[choice["key"]],
                "percent": round(100 * counts[choice["key"]] / respondents) if respondents else 0,
                "correct": choice["key"] == right if right else None,
            }
            for choice in choices
        ],
    }


def option_text(config: Config, value: Value) -> Any:
    """The text of the option(s) an answer chose, per language where the options have it."""
    texts = {o["key"]: o["text"] for o in config.get("options", [])}
    chosen = value if isinstance(value, list) else [value]
    return {
        language: "; ".join(
            str((texts.get(str(v)) or {}).get(language) or (texts.get(str(v)) or {}).get("en", v))
            for v in chosen
        )
        for language in ("en", "nl")
    }


def chose_right(config: Config, value: Value) -> bool:
    return bool(value == config["correct"])
