"""Scoring a written reply to a client statement 1-5 for depth of reflective listening,
on the rubric of the Helpful Responses Questionnaire (Miller, Hedrick & Orlofsky 1991):

1  a roadblock (advice, warning, arguing, judging, reassuring, a probing or closed
   question) and no reflection
2  neither roadblock nor reflection (e.g. an open question), or a reflection mixed
   with a roadblock
3  a simple reflection that restates content
4  a reflection that adds a reasonable inferred meaning
5  a level-4 reflection that also reflects feeling or uses an apt metaphor

The level is read off the codes of the reply's utterances (utterances.py), so the
explanation can say what was heard: a reply with a reflection and a roadblock utterance
in it ("You passed out at a party. You need to stop.") scores 2, a reflection with a
closed question after it too (any question counts against a pure reflection in the HRQ),
an affirmation or autonomy statement on its own is neither (2).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from journeys.mi.coder import ReplyCode
from journeys.mi.utterances import UtteranceCode

ROADBLOCK_EXTRAS = {"confronting", "persuading_without_permission"}
# Reassuring and consoling are roadblocks too (Gordon): they close the topic.
REASSURING = re.compile(
    r"\b(?:don't worry|it'll be (?:fine|ok|okay|alright)|it will be (?:fine|ok|okay)|"
    r"everything will be|i'm sure (?:it|you)|maak je geen zorgen|het komt (?:wel )?goed|"
    r"dat komt (?:wel )?goed)\b",
    re.IGNORECASE,
)
FEELING = re.compile(
    r"\b(?:afraid|scared|frightened|worried|anxious|angry|furious|sad|hurt|ashamed|"
    r"embarrassed|guilty|lonely|alone|relieved|frustrated|fed up|exhausted|tired|trapped|"
    r"stuck|torn|overwhelmed|helpless|hopeless|proud|hopeful|upset|shaken|uneasy|"
    r"bang|angstig|boos|verdrietig|schaam|schuldig|eenzaam|opgelucht|gefrustreerd|moe|"
    r"klem|verscheurd|machteloos|hopeloos|trots|ongerust|zorgen|onrustig)\w*|"
    r"\b(?:like a|as if|as though|alsof|als een)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ListeningScore:
    level: int
    reason: str  # English key phrase; the page translates the level descriptions


def _roadblock(utterance: UtteranceCode) -> bool:
    """Advice, information, a warning, arguing, reassuring or a closed question."""
    behaviour = utterance.behaviour
    return (
        behaviour in ROADBLOCK_EXTRAS
        or behaviour == "therapist_input"
        or (behaviour == "question" and utterance.subtype != "open")
        or bool(REASSURING.search(utterance.text))
    )


def listening_level(reply: str, coded: Sequence[UtteranceCode] | ReplyCode) -> ListeningScore:
    """The reply's level from its coded utterances (a ReplyCode: the reply as one)."""
    if isinstance(coded, ReplyCode):
        coded = [
            UtteranceCode(reply, coded.main, coded.subtype, coded.extras, coded.confidence, False)
        ]
    reflections = [u for u in coded if u.behaviour == "reflection"]
    roadblocks = [u for u in coded if _roadblock(u)]
    if reflections:
        if roadblocks:
            return ListeningScore(2, "reflection-with-roadblock")
        deeper = [u for u in reflections if u.subtype == "complex"]
        if deeper:
            if any(FEELING.search(u.text) for u in deeper):
                return ListeningScore(5, "complex-with-feeling")
            return ListeningScore(4, "complex")
        return ListeningScore(3, "simple")
    if roadblocks:
        return ListeningScore(1, "roadblock")
    if any(u.behaviour == "question" for u in coded):
        return ListeningScore(2, "open-question")
    return ListeningScore(2, "neither")
