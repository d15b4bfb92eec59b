"""A scenario, voted by the room: phones vote at each step; the room sees the votes and
the trainer goes with the room's choice. Played as in the course (branches, scores and
variables): the activity's `progress` is the scenario's state."""

from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from journeys.trainings.exercises import get_type as exercise_type
from journeys.workshops.activities.base import (
    ActionError,
    ActivityType,
    AnswerError,
    Config,
    ConfigError,
    ExerciseData,
    Form,
    Tally,
    TrainerAction,
    Value,
    answered_values,
    one,
    register,
)


def model(config: Config) -> Any:
    return exercise_type("scenario").schema.model_validate(config["scenario"])


def read_config(fields: Mapping[str, str]) -> Config:
    raise ConfigError(_("Add a scenario from the training's exercises."))


def read_answer(config: Config, form: Form) -> Value:
    """A vote at a step; `check_answer` checks it is one of the step the room is on."""
    return {"step": one(form, "step"), "choice": one(form, "option")}


def check_answer(activity: Any, value: dict[str, str]) -> None:
    node = model(activity.config).node((activity.progress or {}).get("node", ""))
    if value["step"] != node.id or value["choice"] not in {c.id for c in node.choices}:
        raise AnswerError(_("The room has moved on; vote on the step shown now."))


def tally(config: Config, values: list[Value]) -> Tally:
    return {
        "shape": "scenario",
        "respondents": len(values),
        "votes": Counter(v["choice"] for v in values),
    }


def votes_at_this_step(activity: Any) -> list[Value]:
    """Votes stay stored with their step; only those at the step shown now count."""
    step = (activity.progress or {}).get("node")
    return [value for value in answered_values(activity) if value.get("step") == step]


def initial_progress(config: Config) -> Any:
    return exercise_type("scenario").initial(model(config))


def step(activity: Any) -> dict[str, Any] | None:
    if not activity.progress:
        return None
    node = model(activity.config).node(activity.progress["node"])
    return {
        "intro": activity.config["scenario"]["intro"],
        "node": node,
        "score": activity.progress["score"],
        "finished": activity.progress["finished"],
    }


def follow_the_room(activity: Any) -> Any:
    """The progress after the choice most of the room voted for (the first on a tie)."""
    scenario = model(activity.config)
    progress = activity.progress or {}
    node = scenario.node(progress.get("node", ""))
    play = exercise_type("scenario").play
    if node.kind == "narration":
        return play(scenario, progress, {"continue": True})
    if node.kind == "choice":
        votes: dict[str, int] = {choice.id: 0 for choice in node.choices}
        for value in activity.answers.values_list("value", flat=True):
            if value.get("step") == node.id and value.get("choice") in votes:
                votes[value["choice"]] += 1
        winner = max(votes, key=lambda choice: (votes[choice], -list(votes).index(choice)))
        return play(scenario, progress, {"choice": winner})
    raise ActionError(_("The scenario has ended."))


def from_scenario(data: ExerciseData) -> list[Config]:
    return [{"prompt": data["title"], "scenario": data}]


SCENARIO = register(
    ActivityType(
        "scenario",
        _("Scenario, voted by the room"),
        read_config,
        read_answer,
        tally,
        phones="a vote at each step",
        room="votes; the trainer follows the room's choice",
        offered_on_form=False,
        tally_values=votes_at_this_step,
        check_answer=check_answer,
        initial_progress=initial_progress,
        step=step,
        trainer_actions=(
            TrainerAction("follow", _("Go with the room's choice"), "open", follow_the_room),
        ),
        from_exercises={"scenario": from_scenario},
    )
)
