"""Coding a trainee's reply as an MI coder would, in milliseconds on a CPU.

    code_reply("So drinking helps you unwind, and you're not sure it still does.",
               client_statement="I drink to relax, I guess.")
    -> ReplyCode(main="reflection", subtype="complex", confidence=0.81, extras=(), ...)

English replies go through the models trained on AnnoMI (training.py); Dutch replies
through documented rules (dutch.py), since there is no Dutch training data; other
languages are refused with a message. Reply text is never logged.
"""

import re
from dataclasses import dataclass

from journeys.mi.annomi import SUBTYPES
from journeys.mi.language import reply_language
from journeys.mi.miti_rules import extra_codes, outright_advice

MAX_REPLY_CHARS = 1000  # one turn in a conversation; a pasted essay is not a reply
LOW_CONFIDENCE = 0.5  # below this the page says the code is a guess
RULE_CONFIDENCE = 0.7  # a code set by a rule (outright advice): the rule's own estimate
MARKUP = re.compile(
    r"<[a-z/!][^>]*>|\{\{|\}\}|;\s*$|^\s*(?:def|class|import|function|SELECT)\b|=>|\$\(",
    re.IGNORECASE | re.MULTILINE,
)


class ReplyRejected(ValueError):
    """The text cannot be coded; `reason` is a short key, str() a message for people."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


@dataclass(frozen=True)
class ReplyCode:
    main: str  # question | reflection | therapist_input | other
    subtype: str | None  # open/closed, simple/complex, information/advice/options/negotiation
    confidence: float  # the main code's probability (model) or the rules' own estimate
    extras: tuple[str, ...]  # MITI codes AnnoMI folds into "other": see miti_rules.py
    language: str  # "en" or "nl"
    method: str  # "model" (English) or "rules" (Dutch)
    notes: tuple[str, ...] = ()  # why the code may be off, for the page

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE or bool(self.notes)


@dataclass(frozen=True)
class ClientCode:
    talk: str  # change | neutral | sustain
    confidence: float
    language: str

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


def checked_text(
    text: str, detect: bool = True, page_language: str | None = None
) -> tuple[str, str, tuple[str, ...]]:
    """The text to code, its language ("" when not `detect`ed; on a page in
    `page_language`, language.reply_language) and notes; ReplyRejected when it cannot be
    coded."""
    text = text.strip()
    if not text:
        raise ReplyRejected("empty", "Write a reply first.")
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyRejected(
            "too-long",
            f"That is {len(text):,} characters: write what you would say in one turn "
            f"(at most {MAX_REPLY_CHARS:,}).",
        )
    if not any(c.isalpha() for c in text):
        raise ReplyRejected("no-words", "There are no words to code: write your reply in words.")
    language = reply_language(text, page_language) if detect else ""
    if language == "other":
        raise ReplyRejected(
            "language", "Automatic coding works for English and Dutch replies only."
        )
    notes = (
        ("It looks like code or markup, not something said aloud.",) if MARKUP.search(text) else ()
    )
    return text, language, notes


def code_reply(
    reply: str, client_statement: str | None = None, *, language: str | None = None
) -> ReplyCode:
    """The reply coded as one unit. `language` ("en" or "nl") skips detection: one
    utterance of a longer reply is coded in the reply's language (utterances.py), since a
    short sentence ("Jij beslist.") has too few words to tell."""
    text, detected, notes = checked_text(reply, detect=language is None)
    language = language or detected
    client = (client_statement or "").strip()[:MAX_REPLY_CHARS]
    if language == "nl":
        from journeys.mi.dutch import code_dutch

        dutch = code_dutch(text, client)
        return ReplyCode(
            dutch.main, dutch.subtype, dutch.confidence, dutch.extras, "nl", "rules", notes
        )
    # The models and their libraries (NumPy, scikit-learn, ONNX Runtime: some 60 MB) are
    # loaded by the first reply coded, not by every worker at start (docs/performance.md).
    from journeys.mi.model import joined, shipped_words
    from journeys.mi.network import best_label, network_probabilities

    words = shipped_words().therapist_probabilities([text], [client])[0]
    probabilities = joined(words, network_probabilities(text, client))
    main = best_label(probabilities["main"], "main")
    subtype = best_label(probabilities[main], main) if main in SUBTYPES else None
    confidence = float(max(probabilities["main"]))
    if main in ("reflection", "other") and outright_advice(text):
        main, subtype, confidence = "therapist_input", "advice", RULE_CONFIDENCE
    extras = extra_codes(text, client, main, subtype)
    if main == "reflection" and "confronting" in extras:
        # A confrontation is never a reflection (MITI 4.2.1); AnnoMI codes it "other".
        main, subtype, confidence = "other", None, RULE_CONFIDENCE
    return ReplyCode(main, subtype, confidence, extras, "en", "model", notes)


def code_client(statement: str) -> ClientCode:
    """Change, neutral or sustain talk. English only: the model is trained on AnnoMI;
    other languages raise ReplyRejected."""
    text, language, _ = checked_text(statement)
    if language != "en":
        raise ReplyRejected("language", "Client talk is coded in English only.")
    from journeys.mi.model import joined, shipped_words
    from journeys.mi.network import best_label, network_probabilities

    words = shipped_words().client_probabilities([text], [""])[0]
    probabilities = joined(words, {"client": network_probabilities(text, "")["client"]})["client"]
    return ClientCode(best_label(probabilities, "client"), float(max(probabilities)), "en")
