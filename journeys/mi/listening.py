"""Scoring a written reply to a client statement 1-5 for depth of reflective listening,
on the rubric of the Helpful Responses Questionnaire (Miller, Hedrick & Orlofsky 1991):

1  a roadblock (advice, warning, arguing, judging, reassuring, a probing or closed
   question) and no reflection
2  neither roadblock nor reflection (e.g. an open question), or a reflection mixed
   with a roadblock
3  a simple reflection that restates content
4  a reflection that adds a reasonable inferred meaning
5  a level-4 reflection that also reflects feeling or uses an apt metaphor

The level is read off the coder's code, so the explanation can say what was heard.
"""

import re
from dataclasses import dataclass

from journeys.mi.coder import ReplyCode

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


def listening_level(reply: str, code: ReplyCode) -> ListeningScore:
    roadblock = bool(ROADBLOCK_EXTRAS & set(code.extras)) or bool(REASSURING.search(reply))
    if code.main == "reflection":
        if roadblock:
            return ListeningScore(2, "reflection-with-roadblock")
        if code.subtype == "complex":
            if FEELING.search(reply):
                return ListeningScore(5, "complex-with-feeling")
            return ListeningScore(4, "complex")
        return ListeningScore(3, "simple")
    if code.main == "question" and code.subtype == "open" and not roadblock:
        return ListeningScore(2, "open-question")
    if code.main == "therapist_input" or code.main == "question" or roadblock:
        return ListeningScore(1, "roadblock")
    return ListeningScore(2, "neither")
