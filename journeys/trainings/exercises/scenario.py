"""Branching scenario: a graph of nodes. Narration tells, a choice asks, a branch
routes on the score or a variable, an ending closes with a debrief. The content
check rejects missing targets, unreachable nodes, dead ends and cycles without exit."""

from collections import deque
from typing import Annotated, Literal, Self

from django.utils.translation import gettext_lazy as _
from pydantic import Field, StringConstraints, model_validator

from journeys.core.content.schema import Slug, Sources, Strict, Text
from journeys.core.content.yamlfile import Loc
from journeys.trainings.exercises.base import (
    AnswerError,
    ExerciseBase,
    ExerciseType,
    Feedback,
    Form,
    Outcome,
    State,
    register,
)

VariableName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40)]


class Condition(Strict):
    """Either `score_at_least`, or `variable` with `at_least`."""

    score_at_least: int | None = None
    variable: VariableName | None = None
    at_least: int | None = None

    @model_validator(mode="after")
    def one_kind(self) -> Self:
        by_score = self.score_at_least is not None
        by_variable = self.variable is not None and self.at_least is not None
        if by_score == by_variable:
            raise ValueError("give either score_at_least, or variable with at_least")
        return self

    def holds(self, score: int, variables: dict[str, int]) -> bool:
        if self.score_at_least is not None:
            return score >= self.score_at_least
        return variables.get(self.variable or "", 0) >= (self.at_least or 0)


class Branch(Strict):
    when: Condition
    next: Slug


class Choice(Strict):
    id: Slug
    text: Text
    next: Slug
    score: int = 0
    set: dict[VariableName, int] = {}  # added to variables
    feedback: Text | None = None


class Node(Strict):
    id: Slug
    kind: Literal["narration", "choice", "branch", "ending"]
    text: Text | None = None
    next: Slug | None = None  # narration
    choices: list[Choice] = []  # choice
    branches: list[Branch] = []  # branch: the first that holds wins
    otherwise: Slug | None = None  # branch
    debrief: Text | None = None  # ending

    def targets(self) -> list[tuple[Loc, str]]:
        found: list[tuple[Loc, str]] = []
        if self.next:
            found.append((("next",), self.next))
        found += [(("choices", i, "next"), c.next) for i, c in enumerate(self.choices)]
        found += [(("branches", i, "next"), b.next) for i, b in enumerate(self.branches)]
        if self.otherwise:
            found.append((("otherwise",), self.otherwise))
        return found


class Scenario(ExerciseBase):
    type: Literal["scenario"]
    intro: Text
    start: Slug
    variables: dict[VariableName, int] = {}
    max_score: int = Field(ge=1)
    nodes: list[Node] = Field(min_length=2)
    sources: Sources

    def node(self, node_id: str) -> Node:
        return next(node for node in self.nodes if node.id == node_id)


REQUIRED = {
    "narration": ("text", "next"),
    "choice": ("text", "choices"),
    "branch": ("branches", "otherwise"),
    "ending": ("text", "debrief"),
}


def validate(scenario: Scenario) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    index = {node.id: i for i, node in enumerate(scenario.nodes)}
    if len(index) != len(scenario.nodes):
        problems.append((("nodes",), "node ids must be unique"))
    if scenario.start not in index:
        problems.append((("start",), f"start node {scenario.start!r} does not exist"))
    for i, node in enumerate(scenario.nodes):
        where: Loc = ("nodes", i)
        for field in REQUIRED[node.kind]:
            if not getattr(node, field):
                problems.append(((*where, field), f"node {node.id!r}: a {node.kind} needs {field}"))
        if node.kind == "ending" and node.targets():
            problems.append((where, f"node {node.id!r}: an ending leads nowhere"))
        for loc, target in node.targets():
            if target not in index:
                problems.append(((*where, *loc), f"node {node.id!r}: missing target {target!r}"))
        used = [v for c in node.choices for v in c.set] + [
            b.when.variable for b in node.branches if b.when.variable
        ]
        for variable in used:
            if variable not in scenario.variables:
                problems.append((where, f"node {node.id!r}: undeclared variable {variable!r}"))
    if problems:
        return problems  # the graph checks below need a sound graph
    edges = {node.id: [target for _, target in node.targets()] for node in scenario.nodes}
    reachable = _reach(scenario.start, edges)
    reverse: dict[str, list[str]] = {node_id: [] for node_id in edges}
    for source, targets in edges.items():
        for target in targets:
            reverse[target].append(source)
    endings = [node.id for node in scenario.nodes if node.kind == "ending"]
    can_finish = set().union(*(_reach(ending, reverse) for ending in endings)) if endings else set()
    for node_id, i in index.items():
        if node_id not in reachable:
            problems.append((("nodes", i), f"node {node_id!r} cannot be reached from the start"))
        elif node_id not in can_finish:
            problems.append(
                (("nodes", i), f"node {node_id!r} never reaches an ending (dead end or cycle)")
            )
    return problems


def _reach(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        for target in edges.get(queue.popleft(), []):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def initial(scenario: Scenario) -> State:
    state: State = {
        "node": scenario.start,
        "path": [scenario.start],
        "choices": [],
        "score": 0,
        "variables": dict(scenario.variables),
        "finished": False,
    }
    return _settle(scenario, state)


def _settle(scenario: Scenario, state: State) -> State:
    """Follow branch nodes until a node the learner sees."""
    node = scenario.node(state["node"])
    while node.kind == "branch":
        taken = next(
            (b.next for b in node.branches if b.when.holds(state["score"], state["variables"])),
            node.otherwise,
        )
        node = scenario.node(taken or "")
        state["path"].append(node.id)
    state["node"] = node.id
    state["finished"] = node.kind == "ending"
    return state


def read_answer(scenario: Scenario, form: Form) -> State:
    if form.get("restart"):
        return {"restart": True}
    if form.get("continue"):
        return {"continue": True}
    choice = form.get("choice", [])
    if len(choice) != 1:
        raise AnswerError("choose one option")
    return {"choice": choice[0]}


def play(scenario: Scenario, previous: State | None, answer: State) -> State:
    if answer.get("restart") or previous is None:
        return initial(scenario)
    state = {**previous, "path": list(previous["path"]), "choices": list(previous["choices"])}
    state["variables"] = dict(previous["variables"])
    node = scenario.node(state["node"])
    if state["finished"]:
        raise AnswerError("this scenario has ended; start again to replay it")
    if node.kind == "narration" and answer.get("continue"):
        state["node"] = node.next
    elif node.kind == "choice" and "choice" in answer:
        choice = next((c for c in node.choices if c.id == answer["choice"]), None)
        if choice is None:
            raise AnswerError("that choice is not on this step")
        state["score"] += choice.score
        for variable, change in choice.set.items():
            state["variables"][variable] += change
        state["choices"].append([node.id, choice.id])
        state["node"] = choice.next
    else:
        raise AnswerError("that answer does not fit this step")
    state["path"].append(state["node"])
    return _settle(scenario, state)


def score(scenario: Scenario, state: State) -> Outcome:
    feedback = []
    for node_id, choice_id in state["choices"]:
        choice = next(c for c in scenario.node(node_id).choices if c.id == choice_id)
        if choice.feedback:
            feedback.append(Feedback(choice.feedback.as_dict(), choice.score > 0, choice.id))
    end = scenario.node(state["node"])
    if state["finished"] and end.debrief:
        feedback.append(Feedback(end.debrief.as_dict()))
    return Outcome(
        state["finished"], float(state["score"]), float(scenario.max_score), tuple(feedback)
    )


register(
    ExerciseType(
        "scenario",
        _("Branching scenario"),
        Scenario,
        "trainings/exercises/scenario.html",
        read_answer,
        score,
        play=play,
        validate=validate,
        initial=initial,
    )
)
