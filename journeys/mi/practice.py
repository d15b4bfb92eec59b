"""A practice conversation with a virtual client, as plain data in and out.

The client's next line depends on what the trainee's reply did, as MI research
describes: reflections and open questions draw change talk, closed questions and
information keep things neutral, advice without permission draws sustain talk (the
"righting reflex"), confronting draws discord. Of that kind the client picks a line
about what the reply was about (client_lines.py), never one said before; when the change
talk runs out the client names a next step and the conversation ends.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from journeys.mi.client_lines import choose_line
from journeys.mi.coder import ReplyCode

MAX_TURNS = 12
KINDS = ("change", "neutral", "sustain", "discord")

# MITI 4.2.1 thresholds (fair, good); % open questions is from MITI 3.1.1.
THRESHOLDS = {
    "reflection_to_question": (1.0, 2.0),
    "percent_complex_reflections": (40.0, 50.0),
    "percent_open_questions": (50.0, 70.0),
}


def response_kind(code: ReplyCode) -> str:
    """What the client's next statement will be: change, neutral, sustain or discord."""
    if "confronting" in code.extras:
        return "discord"
    if "persuading_without_permission" in code.extras:
        return "sustain"
    if code.main == "reflection":
        return "change"
    if code.main == "question":
        return "change" if code.subtype == "open" else "neutral"
    if code.main == "other" and {"affirmation", "emphasising_autonomy"} & set(code.extras):
        return "change"
    return "neutral"


@dataclass(frozen=True)
class Turn:
    reply: str
    main: str
    subtype: str | None
    extras: tuple[str, ...]
    confidence: float
    low_confidence: bool
    client_kind: str  # what the client answered with
    client_index: int  # which statement of that kind (-1: the closing line)

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "extras": list(self.extras)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Turn":
        return cls(**{**data, "extras": tuple(data["extras"])})


def next_client_line(
    statements: Mapping[str, Sequence[Any]],
    turns: list[Turn],
    kind: str,
    reply: str = "",
    topics: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
) -> tuple[str, int]:
    """(kind, index) of the client's next statement: of the kind the reply drew and about
    what it was about (client_lines.py); ("closing", -1) when the change talk is used up
    or the conversation is long enough. Never a line said before."""
    used = {(t.client_kind, t.client_index) for t in turns}
    if kind == "change" and sum(k == "change" for k, _ in used) >= len(statements["change"]):
        return "closing", -1
    if len(turns) + 1 >= MAX_TURNS:
        return "closing", -1
    return choose_line(statements, topics or {}, used, kind, reply) or ("closing", -1)


def finished(turns: list[Turn]) -> bool:
    return bool(turns) and turns[-1].client_kind == "closing"


@dataclass(frozen=True)
class Score:
    key: str
    value: float | None  # None: nothing to compute it from
    fair: float
    good: float

    @property
    def level(self) -> str:
        if self.value is None:
            return "none"
        if self.value >= self.good:
            return "good"
        return "fair" if self.value >= self.fair else "below"


@dataclass(frozen=True)
class Summary:
    replies: int
    questions: int
    open_questions: int
    simple_reflections: int
    complex_reflections: int
    adherent: int  # affirm + seek collaboration + emphasise autonomy
    non_adherent: int  # confront + persuade without permission
    scores: tuple[Score, ...]


def summarise(turns: list[Turn]) -> Summary:
    """MITI summary scores over the coded replies (replies that could not be coded and
    low-confidence codes still count: the page says how many were guesses)."""
    questions = sum(t.main == "question" for t in turns)
    open_questions = sum(t.main == "question" and t.subtype == "open" for t in turns)
    simple = sum(t.main == "reflection" and t.subtype == "simple" for t in turns)
    complex_ = sum(t.main == "reflection" and t.subtype == "complex" for t in turns)
    reflections = simple + complex_
    values = {
        "reflection_to_question": reflections / questions
        if questions
        else (float(reflections) if reflections else None),
        "percent_complex_reflections": 100 * complex_ / reflections if reflections else None,
        "percent_open_questions": 100 * open_questions / questions if questions else None,
    }
    adherent = sum(
        len({"affirmation", "seeking_collaboration", "emphasising_autonomy"} & set(t.extras))
        for t in turns
    )
    non_adherent = sum(
        len({"confronting", "persuading_without_permission"} & set(t.extras)) for t in turns
    )
    return Summary(
        replies=len(turns),
        questions=questions,
        open_questions=open_questions,
        simple_reflections=simple,
        complex_reflections=complex_,
        adherent=adherent,
        non_adherent=non_adherent,
        scores=tuple(Score(key, values[key], *THRESHOLDS[key]) for key in THRESHOLDS),
    )
