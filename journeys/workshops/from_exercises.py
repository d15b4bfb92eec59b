"""A training's exercises as live activities: the same questions in the room as in the
self-paced course. Plain data: an exercise's type and validated data in, (kind, config)
pairs out."""

from typing import Any

from journeys.workshops.activities import Config

# Exercise types that have a live form; reflections stay private and are not offered.
LIVE_TYPES = (
    "single-choice",
    "multiple-choice",
    "fact-or-fiction",
    "ranking",
    "likert",
    "scenario",
)


def activities_from_exercise(exercise_type: str, data: dict[str, Any]) -> list[tuple[str, Config]]:
    if exercise_type in ("single-choice", "multiple-choice"):
        options = [{"key": o["id"], "text": o["text"]} for o in data["options"]]
        if exercise_type == "single-choice":
            right = next(o["id"] for o in data["options"] if o.get("correct"))
            return [("quiz", {"prompt": data["question"], "options": options, "correct": right})]
        return [("poll", {"prompt": data["question"], "options": options, "multiple": True})]
    if exercise_type == "fact-or-fiction":
        return [
            (
                "fact-or-fiction",
                {
                    "prompt": s["statement"],
                    "correct": s["verdict"],
                    "explanation": s["explanation"],
                    "sources": s["sources"],
                },
            )
            for s in data["statements"]
        ]
    if exercise_type == "ranking":
        options = [{"key": item["id"], "text": item["text"]} for item in data["items"]]
        return [("ranking", {"prompt": data["prompt"], "options": options})]
    if exercise_type == "likert":
        return [
            (
                "scale",
                {
                    "prompt": item["text"],
                    "low": {"en": "Strongly disagree", "nl": "Helemaal oneens"},
                    "high": {"en": "Strongly agree", "nl": "Helemaal eens"},
                },
            )
            for item in data["items"]
        ]
    if exercise_type == "scenario":
        return [("scenario", {"prompt": data["title"], "scenario": data})]
    return []
