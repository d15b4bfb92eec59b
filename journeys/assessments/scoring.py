"""From one response's answers to its scores. Plain data in and out.

- knowledge: percent correct over the items of the form taken, in total and per
  objective; an unanswered item counts as not known, like "I don't know";
- attitude: reverse-scored items turned round (6 - answer), then the mean per subscale
  and over all items, only when every item of it was answered (else None);
- a licensed scale: reverse items turned round (low + high - answer), then its sum or
  mean as its rules say, only when every item was answered;
- follow-up behaviour and reaction ratings: as answered.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from journeys.assessments.questionnaire import Definition

Scores = dict[str, float | None]


def knowledge_items(definition: Definition, form: str) -> list[dict[str, Any]]:
    return list(definition["knowledge"].get(f"form_{form}", [])) if form else []


def correct_option(item: Mapping[str, Any]) -> int:
    return next(i for i, option in enumerate(item["options"]) if option.get("correct"))


def knowledge_scores(definition: Definition, form: str, answers: Mapping[str, Any]) -> Scores:
    items = knowledge_items(definition, form)
    if not items:
        return {}
    right = {item["id"]: answers.get(item["id"]) == correct_option(item) for item in items}
    scores: Scores = {"knowledge": 100 * sum(right.values()) / len(items)}
    for objective in dict.fromkeys(item["objective"] for item in items):
        mine = [right[item["id"]] for item in items if item["objective"] == objective]
        scores[f"objective:{objective}"] = 100 * sum(mine) / len(mine)
    for item_id, is_right in right.items():
        scores[f"knowledge-item:{item_id}"] = 100.0 if is_right else 0.0
    return scores


def _mean(values: Sequence[float | None]) -> float | None:
    if not values or any(value is None for value in values):
        return None
    return sum(values) / len(values)  # type: ignore[arg-type]


def attitude_scores(definition: Definition, answers: Mapping[str, Any]) -> Scores:
    items = definition["attitude"]["items"]
    scored: dict[str, float | None] = {}
    for item in items:
        value = answers.get(item["id"])
        scored[item["id"]] = None if value is None else (6 - value if item["reverse"] else value)
    if all(value is None for value in scored.values()):
        return {}
    scores: Scores = {f"attitude-item:{item_id}": value for item_id, value in scored.items()}
    scores["attitude"] = _mean(list(scored.values()))
    for subscale in definition["attitude"]["subscales"]:
        mine = [scored[item["id"]] for item in items if item["subscale"] == subscale["id"]]
        scores[f"subscale:{subscale['id']}"] = _mean(mine)
    return scores


def scale_scores(scale: Mapping[str, Any], answers: Mapping[str, Any]) -> Scores:
    """A licensed scale scored by its rules: {"scale:<slug>": ..., "scale:<slug>:<sub>": ...}."""
    low, high = scale["points"]
    values: list[float | None] = []
    for n, item in enumerate(scale["items"], start=1):
        value = answers.get(f"{scale['slug']}-{n}")
        values.append(None if value is None else (low + high - value if item["reverse"] else value))
    if all(value is None for value in values):
        return {}

    def combine(chosen: list[float | None]) -> float | None:
        mean = _mean(chosen)
        if mean is None:
            return None
        return mean * len(chosen) if scale["score"] == "sum" else mean

    scores: Scores = {f"scale:{scale['slug']}": combine(values)}
    for subscale in scale.get("subscales", []):
        scores[f"scale:{scale['slug']}:{subscale['id']}"] = combine(
            [values[n - 1] for n in subscale["items"]]
        )
    return scores


def response_scores(
    definition: Definition,
    form: str,
    answers: Mapping[str, Any],
    scales: Sequence[Mapping[str, Any]] = (),
) -> Scores:
    scores = {**knowledge_scores(definition, form, answers), **attitude_scores(definition, answers)}
    for scale in scales:
        scores.update(scale_scores(scale, answers))
    for item in definition["follow_up"]:
        if isinstance(answers.get(item["id"]), int):
            scores[f"behaviour:{item['id']}"] = float(answers[item["id"]])
    for item in definition["reaction"]:
        if item["kind"] == "rating" and isinstance(answers.get(item["id"]), int):
            scores[f"reaction:{item['id']}"] = float(answers[item["id"]])
    return scores


def unanswered_knowledge(definition: Definition, form: str, answers: Mapping[str, Any]) -> int:
    return sum(item["id"] not in answers for item in knowledge_items(definition, form))
