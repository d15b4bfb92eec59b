"""Which line the practice client says next: one of the kind the reply drew (practice.
response_kind: change, neutral, sustain or discord talk) that is about what the reply was
about. Plain data in and out: the persona's data as loaded (content.py) and the lines
used so far.

Each line in a persona file names its topics, and each topic lists words and word starts
in English and Dutch ("geslag", "veilig thuis"). A reply's topic is the topic whose words
it uses most (a phrase counts a point per word); a word matches a word of the reply that
starts with it, one of five letters or more also inside a Dutch compound ("hulplijn" in
"crisishulplijn"), and one of one or two letters ("G", "ml") only as a whole word. A
reply that uses none of them is about the topic whose lines share most words with it
(words of four letters or more, compared on their first five, common words left out).
Among the unused lines on that topic, of the kind the reply drew, or else of a kind that
may stand in for it (a closed question about the phone number may get "I'm not ready to
ring anyone", sustain talk, when no neutral line about it is left), the line that shares
most words with the reply wins; ties go to the earlier line, so change talk keeps its
order from desire to steps. A reply with no topic gets the next line of its kind in
order, as before. A reply that names a topic with no line left gets a clarifying line
("I'm not sure what you mean"); when those are used up too, or when only the lines'
words pointed to the topic, the next line of its kind.

Measured with bench/mi_client_lines.py (docs/mi.md, "The practice conversation"): on
topic for 99 % of the English and 96 % of the Dutch replies of
tests/mi/data/client_topics.yaml and 88 % and 86 % of the held-out ones, in about half a
millisecond. The coder's network (MiniLM fine-tuned on MI codes, English vocabulary only)
was tried as more evidence through its mean-pooled sentence embedding: the topic of the
nearest line by it is right for 52 % of the English replies, and as a fallback for
replies with no topic word it answered fewer held-out replies on topic (86 % against
88 %), so it is not used.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

KINDS = ("change", "neutral", "sustain", "discord")
UNCLEAR = "unclear"
# The kinds that may answer a reply on its topic, best first. Change talk is what good
# listening earns, so it stands in only for neutral talk (a closed question about the
# topic), and only when no neutral or sustain line about it is left.
STAND_INS = {
    "change": ("change", "neutral", "sustain"),
    "neutral": ("neutral", "sustain", "change"),
    "sustain": ("sustain", "neutral"),
    "discord": ("discord", "sustain", "neutral"),
}
# The kinds walked in order when the reply has no topic (the walk practice.py always did).
IN_ORDER = {
    "change": ("change", "neutral", "sustain"),
    "neutral": ("neutral", "sustain"),
    "sustain": ("sustain", "neutral"),
    "discord": ("discord", "neutral", "sustain"),
}
COMPOUND_PART = 5  # a topic word this long also matches inside a longer word
WHOLE_WORD_BELOW = 3  # a shorter one ("g", "ml") matches only itself

# Words too common to say what a reply is about, English and Dutch.
_COMMON_WORDS = """
    about after again also always been before being could does doing done dont each even
    ever from going have having here just know like make many more most much need never
    only other really said same should some still such than that thats their them then
    there these they thing things think this those very want what when where which while
    will with would your youre yourself tell told says seems sounds
    aan alleen altijd andere beetje best daar dacht daarna daarom dan dat deze die dingen
    doen doet door echt eens eigen elke even gaan gaat geen gedaan graag hebt heeft hebben
    heel hier hoe hoeveel hun iets jezelf jouw jullie kan kunnen maar meer moet moeten
    niet niets nog nooit omdat ook over waar wanneer want was wat weer wel welke wie wil
    willen word wordt zal zijn zich zou zouden vertel verteld zegt zeggen klinkt lijkt
"""
STOPWORDS = frozenset(_COMMON_WORDS.split())


@dataclass(frozen=True)
class Line:
    kind: str
    index: int
    texts: tuple[str, ...]  # the line in every language it has
    topics: frozenset[str]


def words(text: str) -> list[str]:
    """Lower-case words without accents ("cocaïne" -> "cocaine"), apostrophes dropped."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", plain.replace("'", ""))


def _stems(text_words: Iterable[str]) -> set[str]:
    return {w[:COMPOUND_PART] for w in text_words if len(w) >= 4 and w not in STOPWORDS}


def _matches(keyword: str, reply_words: Sequence[str], joined: str) -> bool:
    parts = words(keyword)
    if not parts:
        return False
    if len(parts) > 1:
        return f" {' '.join(parts)}" in joined
    part = parts[0]
    if len(part) < WHOLE_WORD_BELOW:
        return part in reply_words
    return any(
        w.startswith(part) or (len(part) >= COMPOUND_PART and part in w) for w in reply_words
    )


def topic_scores(reply: str, topics: Mapping[str, Mapping[str, Sequence[str]]]) -> dict[str, int]:
    """How many of each topic's words (any language) the reply uses; a phrase counts a
    point per word, being that much more specific ("switch off" over "work")."""
    reply_words = words(reply)
    joined = " " + " ".join(reply_words)
    scores = {}
    for key, languages in topics.items():
        # A word both languages share ("alcohol") counts once.
        keywords = {" ".join(words(k)) for ks in languages.values() for k in ks}
        scores[key] = sum(
            len(k.split()) for k in keywords if k and _matches(k, reply_words, joined)
        )
    return scores


def persona_lines(statements: Mapping[str, Sequence[Any]]) -> list[Line]:
    """Every line of every kind, with its topics, from a persona's statements as loaded
    (a line is a text per language with its topics, or, in tests, a plain string)."""
    return [
        Line(
            kind,
            index,
            tuple(v for k, v in _as_text(line).items() if k in ("en", "nl") and v),
            frozenset(line.get("topics", ()) if isinstance(line, Mapping) else ()),
        )
        for kind in (*KINDS, UNCLEAR)
        for index, line in enumerate(statements.get(kind, ()))
    ]


def _line_stems(line: Line) -> set[str]:
    return _stems(w for text in line.texts for w in words(text))


def _shared_words(
    reply_stems: set[str], lines: Sequence[Line], topics: Iterable[str]
) -> dict[str, int]:
    """Per topic, how many words the reply shares with the lines about it: the evidence
    when the reply uses none of the topic words."""
    return {
        key: len(
            reply_stems & set().union(*(_line_stems(line) for line in lines if key in line.topics))
        )
        for key in topics
    }


def _as_text(line: Any) -> Mapping[str, Any]:
    return line if isinstance(line, Mapping) else {"en": str(line)}


def choose_line(
    statements: Mapping[str, Sequence[Any]],
    topics: Mapping[str, Mapping[str, Sequence[str]]],
    used: set[tuple[str, int]],
    kind: str,
    reply: str,
) -> tuple[str, int] | None:
    """(kind, index) of the client's next line, or None when no line is left at all."""
    every_line = persona_lines(statements)
    lines = [line for line in every_line if (line.kind, line.index) not in used]
    reply_stems = _stems(words(reply))
    scores = topic_scores(reply, topics)
    named = any(scores.values())  # the reply uses a topic's words, not only the lines'
    if not named:
        scores = _shared_words(reply_stems, every_line, topics)
    best = max(scores.values(), default=0)
    if best:
        wanted = {key for key, score in scores.items() if score == best}
        for candidate in STAND_INS[kind]:
            on_topic = [line for line in lines if line.kind == candidate and line.topics & wanted]
            if on_topic:
                chosen = max(
                    on_topic,
                    key=lambda line: (
                        len(line.topics & wanted),
                        len(reply_stems & _line_stems(line)),
                        -line.index,
                    ),
                )
                return chosen.kind, chosen.index
        unclear = [line for line in lines if line.kind == UNCLEAR]
        if unclear and named:
            return UNCLEAR, unclear[0].index
    for candidate in IN_ORDER[kind]:
        left = [line for line in lines if line.kind == candidate]
        if left:
            return candidate, left[0].index
    return None
