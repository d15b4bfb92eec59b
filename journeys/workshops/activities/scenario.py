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
    start = exercise_type("scenario").initial(model(config)) or {}
    return {**start, "route": [], "all_feedback": False}


def _votes(activity: Any, node: Any) -> dict[str, int]:
    """Votes per choice at this step, in the step's order."""
    votes: dict[str, int] = {choice.id: 0 for choice in node.choices}
    for value in activity.answers.values_list("value", flat=True):
        if value.get("step") == node.id and value.get("choice") in votes:
            votes[value["choice"]] += 1
    return votes


def _winner(votes: dict[str, int]) -> str:
    """The choice most of the room voted for (the first on a tie)."""
    order = list(votes)
    return max(votes, key=lambda choice: (votes[choice], -order.index(choice)))


def route(activity: Any) -> list[dict[str, Any]]:
    """The room's way through the scenario so far: each step it left, with the votes per
    option there and the choice it took (none at a narration)."""
    scenario = model(activity.config)
    found = []
    for entry in (activity.progress or {}).get("route", []):
        node = scenario.node(entry["step"])
        found.append(
            {
                "node": node,
                "votes": [(c, entry["votes"].get(c.id, 0)) for c in node.choices],
                "choice": next((c for c in node.choices if c.id == entry["choice"]), None),
            }
        )
    return found


def step(activity: Any) -> dict[str, Any] | None:
    if not activity.progress:
        return None
    progress = activity.progress
    node = model(activity.config).node(progress["node"])
    chosen, others = None, []
    if node.choices:
        winner = _winner(_votes(activity, node))
        chosen = next(c for c in node.choices if c.id == winner)
        others = [c for c in node.choices if c.id != winner]
    return {
        "intro": activity.config["scenario"]["intro"],
        "node": node,
        "score": progress["score"],
        "finished": progress["finished"],
        "chosen": chosen,  # the room's choice so far, shown with its feedback on reveal
        "others": others,
        "all_feedback": progress.get("all_feedback", False),
        "route": route(activity),
    }


def follow_the_room(activity: Any) -> Any:
    """The progress after the choice most of the room voted for (the first on a tie);
    the step left goes on the route with its votes."""
    scenario = model(activity.config)
    progress = activity.progress or {}
    node = scenario.node(progress.get("node", ""))
    play = exercise_type("scenario").play
    if progress.get("finished"):
        raise ActionError(_("The scenario has ended."))
    if node.kind == "narration":
        votes: dict[str, int] = {}
        choice = None
        after = play(scenario, progress, {"continue": True})
    elif node.kind == "choice":
        votes = _votes(activity, node)
        choice = _winner(votes)
        after = play(scenario, progress, {"choice": choice})
    else:
        raise ActionError(_("The scenario has ended."))
    entry = {"step": node.id, "votes": votes, "choice": choice}
    return {**after, "route": [*progress.get("route", []), entry], "all_feedback": False}


def show_all_feedback(activity: Any) -> Any:
    return {**(activity.progress or {}), "all_feedback": True}


def at_a_choice(activity: Any) -> bool:
    """At a choice, with the other options' feedback not shown yet."""
    progress = activity.progress or {}
    if progress.get("all_feedback"):
        return False
    return (
        bool(progress)
        and not progress.get("finished")
        and bool(model(activity.config).node(progress["node"]).choices)
    )


def not_finished(activity: Any) -> bool:
    return not (activity.progress or {}).get("finished", True)


def room_rows(activity: Any, language: str) -> list[str]:
    """The route for the CSV: "step: votes; chose ..." per step."""

    def text(value: Any) -> str:
        data = value.as_dict() if hasattr(value, "as_dict") else value
        return str(data.get(language) or data.get("en", ""))

    rows = []
    for entry in route(activity):
        node = entry["node"]
        votes = ", ".join(f"{text(c.text)}: {n}" for c, n in entry["votes"])
        chose = text(entry["choice"].text) if entry["choice"] else ""
        rows.append(f"{node.id}: {text(node.text) if node.text else ''} | {votes} | {chose}")
    return rows


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
        room_rows=room_rows,
        trainer_actions=(
            TrainerAction(
                "feedback",
                _("Show the other options' feedback"),
                ("revealed",),
                show_all_feedback,
                offered=at_a_choice,
            ),
            # After Show results too: a reveal never traps the room on a step.
            TrainerAction(
                "follow",
                _("Go on with the room's choice"),
                ("open", "revealed"),
                follow_the_room,
                reopens=True,
                offered=not_finished,
            ),
        ),
        from_exercises={"scenario": from_scenario},
    )
)
