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
from journeys.mi.utterances import ADHERENT, NON_ADHERENT, CodedReply, UtteranceCode

MAX_TURNS = 12
KINDS = ("change", "neutral", "sustain", "discord")

# MITI 4.2.1 thresholds (fair, good); % open questions is from MITI 3.1.1.
THRESHOLDS = {
    "reflection_to_question": (1.0, 2.0),
    "percent_complex_reflections": (40.0, 50.0),
    "percent_open_questions": (50.0, 70.0),
}


def response_kind(code: ReplyCode) -> str:
    """What the client's next statement will be: change, neutral, sustain or discord.
    For a reply of several utterances `code` is the reply as a whole (utterances.py): any
    confronting utterance draws discord, any advice without permission sustain talk,
    otherwise its best MI-consistent behaviour decides."""
    if "confronting" in code.extras:
        return "discord"
    if "persuading_without_permission" in code.extras:
        return "sustain"
    if code.main == "reflection":
        return "change"
    if {"affirmation", "emphasising_autonomy"} & set(code.extras):
        return "change"
    if code.main == "question":
        return "change" if code.subtype == "open" else "neutral"
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
    # The reply's utterances, each coded (utterances.py); main .. low_confidence above are
    # the reply as a whole. Empty in a turn carried before utterances were coded.
    utterances: tuple[UtteranceCode, ...] = ()

    @classmethod
    def coded(cls, coded: CodedReply, client_kind: str, client_index: int) -> "Turn":
        code = coded.code
        return cls(
            coded.reply,
            code.main,
            code.subtype,
            code.extras,
            code.confidence,
            code.low_confidence,
            client_kind,
            client_index,
            coded.utterances,
        )

    @property
    def parts(self) -> tuple[UtteranceCode, ...]:
        """The coded utterances; an old turn counts as one utterance, the whole reply."""
        return self.utterances or (
            UtteranceCode(
                self.reply,
                self.main,
                self.subtype,
                self.extras,
                self.confidence,
                self.low_confidence,
            ),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "extras": list(self.extras),
            "utterances": [u.as_dict() for u in self.utterances],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Turn":
        return cls(
            **{
                **data,
                "extras": tuple(data["extras"]),
                "utterances": tuple(UtteranceCode.from_dict(u) for u in data.get("utterances", ())),
            }
        )


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
    utterances: int
    questions: int
    open_questions: int
    simple_reflections: int
    complex_reflections: int
    affirmations: int
    seeking_collaboration: int
    emphasising_autonomy: int
    confronting: int
    persuading_without_permission: int
    adherent: int  # affirm + seek collaboration + emphasise autonomy
    non_adherent: int  # confront + persuade without permission
    scores: tuple[Score, ...]


def summarise(turns: list[Turn]) -> Summary:
    """MITI summary scores over the coded utterances of the replies (low-confidence codes
    still count: the page says how many were guesses).

    Each utterance counts as one behaviour (UtteranceCode.behaviour): an affirmation is
    not also a reflection. A reply is a volley (the trainee's uninterrupted turn), and
    MITI 4.2.1 counts each code at most once per volley: one reflection (complex if any
    of its reflections is), one question (open if any is: % open questions is MITI 3.1.1),
    each relational code once."""
    counts = dict.fromkeys(("question", "open", "simple", "complex", *ADHERENT, *NON_ADHERENT), 0)
    for turn in turns:
        parts = turn.parts
        found = {u.behaviour for u in parts}
        depths = {u.subtype for u in parts if u.behaviour == "reflection"}
        if depths:
            counts["complex" if "complex" in depths else "simple"] += 1
        if "question" in found:
            counts["question"] += 1
            counts["open"] += any(u.behaviour == "question" and u.subtype == "open" for u in parts)
        for code in (*ADHERENT, *NON_ADHERENT):
            counts[code] += code in found
    questions, open_questions = counts["question"], counts["open"]
    simple, complex_ = counts["simple"], counts["complex"]
    reflections = simple + complex_
    values = {
        "reflection_to_question": reflections / questions
        if questions
        else (float(reflections) if reflections else None),
        "percent_complex_reflections": 100 * complex_ / reflections if reflections else None,
        "percent_open_questions": 100 * open_questions / questions if questions else None,
    }
    return Summary(
        replies=len(turns),
        utterances=sum(len(t.parts) for t in turns),
        questions=questions,
        open_questions=open_questions,
        simple_reflections=simple,
        complex_reflections=complex_,
        affirmations=counts["affirmation"],
        seeking_collaboration=counts["seeking_collaboration"],
        emphasising_autonomy=counts["emphasising_autonomy"],
        confronting=counts["confronting"],
        persuading_without_permission=counts["persuading_without_permission"],
        adherent=sum(counts[code] for code in ADHERENT),
        non_adherent=sum(counts[code] for code in NON_ADHERENT),
        scores=tuple(Score(key, values[key], *THRESHOLDS[key]) for key in THRESHOLDS),
    )
