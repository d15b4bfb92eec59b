"""A reply split into utterances and each coded, as the MITI 4.2.1 counts behaviours.

    code_utterances("It took courage to talk to me about this. It's your decision.", "...")
    -> CodedReply(code=ReplyCode(main="other", extras=("affirmation",
                                 "emphasising_autonomy"), ...),
                  utterances=(UtteranceCode("It took courage ...", ...),   # affirmation
                              UtteranceCode("It's your decision.", ...)))  # autonomy

MITI 4.2.1 parses what a clinician says into utterances, each one complete thought, and
gives each utterance one code at most (shared/domain/mi.md, section 3.1). A reply coded as
one unit hid that: the example above was one "complex reflection" with an affirmation
beside it, and the summary said "complex reflections 100 %".

Splitting (split_utterances, plain text in and out): a thought ends at ".", "!", "?" or
"…" followed by a space, at a line break, at a semicolon, and before a checking tag
tacked on with a comma ("..., is that right?", "..., klopt dat?": MITI codes a reflection
followed by a checking question as both). An abbreviation ("e.g.", "bijv.", "o.a.",
"a.m.") or an ellipsis followed by a small letter does not end one; numbers ("0800-2000",
"3.50") have no space after their marks and stay whole. Commas do not split otherwise: a
long run-on sentence stays one utterance, as a coder cannot tell its clauses apart
either. A piece without letters ("?") joins the thought before it.

Coding (code_utterances): the whole reply is checked and its language detected once
(coder.checked_text: the same messages as before; in a conversation, the page's language
unless the reply's words clearly say otherwise: language.reply_language), then each
utterance is coded by coder.code_reply in that language, with the client's statement as
context. Its one MITI code (UtteranceCode.miti_code):

* confronting > persuading without permission > emphasising autonomy > seeking
  collaboration > affirmation, when the rules (miti_rules.py, dutch.py) found one: the
  utterance counts as that behaviour, not as the reflection or question the models read
  (MITI: Confront outranks Persuade and Question; Emphasize > Seek > Affirm);
* a question stays a question unless it confronts or seeks collaboration: asking
  permission ("Would it be OK if I shared some information?") and asking what the person
  makes of something are Seek (MITI gives an utterance one code, and lists both as Seek
  examples), while "If you want to stop, what would help?" is still a question;
* otherwise the models' code: question, reflection, therapist input or other;
* in a reply that confronts, a statement the models read as a reflection but that is not
  about the person ("You're minimising this. She has a broken wrist.") is the argument's
  evidence and counts as confronting (_argued); "So you want to stay in control." stays a
  reflection (issue 24).

Permission covers the volley: advice in a reply that also seeks collaboration or
emphasises autonomy is Persuade with Permission ("You should stop. But it's your
decision."), which the summary does not count against the trainee (MITI: permission
covers the following statements; advice framed so the client is free to ignore it).

The reply as a whole (CodedReply.code) keeps the ReplyCode shape for the client's answer
(practice.response_kind) and the coach's note (feedback.notes_for): main and subtype of
its best question, reflection or input (reflection > open question > closed question >
input > other), extras the MITI behaviours its utterances count as.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from journeys.mi.coder import ReplyCode, checked_text, code_reply
from journeys.mi.language import word_set
from journeys.mi.miti_rules import EXTRA_CODES

# The one code of an utterance: the first of these its extras hold (MITI precedence).
PRECEDENCE = (
    "confronting",
    "persuading_without_permission",
    "emphasising_autonomy",
    "seeking_collaboration",
    "affirmation",
)
ADHERENT = ("affirmation", "seeking_collaboration", "emphasising_autonomy")
NON_ADHERENT = ("confronting", "persuading_without_permission")
PERMISSION = {"emphasising_autonomy", "seeking_collaboration"}
# Which plain code stands for the whole reply: the first found.
LEAD = (
    ("reflection", "complex"),
    ("reflection", "simple"),
    ("question", "open"),
    ("question", "closed"),
    ("therapist_input", None),
    ("other", None),
)

# Words followed by a full stop that do not end a thought (English and Dutch), lower case,
# without their last dot. "etc." and the like end one when a capital follows.
ABBREVIATIONS = word_set(
    """
    e.g i.e etc cf vs approx incl excl min max mr mrs ms dr prof st ca a.m p.m
    bijv bv b.v o.a d.w.z enz evt nl m.a.w i.p.v t.o.v m.b.t mw mevr dhr drs ir resp
    zgn z.g.a.n ong max jl a.s
    """
)
MAY_END = word_set("etc enz a.m p.m jl a.s min max incl excl")
DOTTED = re.compile(r"^[^\W\d_](?:\.[^\W\d_])+$")  # "o.a", "d.w.z": an abbreviation too
CLOSING_QUOTES = "\"'\u201d\u2019)]"
OPENING_QUOTES = "\"'\u201c\u2018(["
# Not preceded by a mark: a long run of marks is tried once, not from each of its marks.
SENTENCE_END = re.compile(rf"(?<![.!?…])([.!?…]+)([{re.escape(CLOSING_QUOTES)}]*)(?=\s)")
SEMICOLON = re.compile(r";(?=\s)")
CHECKING_TAG = re.compile(
    r"[,–—-]\s+(?=(?:is that (?:right|it|so|true|correct)|right|am i right|"
    r"did i get (?:that|it) right|have i got (?:that|it) right|does that sound right|"
    r"is that how it is|yes|no|true|correct|klopt (?:dat|het)|toch|of niet|is dat zo|"
    r"heb ik dat goed(?: begrepen)?|zie ik dat goed|begrijp ik (?:dat|je) goed)\s*\?+\s*$)",
    re.IGNORECASE,
)
NEXT_CHARACTER = re.compile(r"\s*(\S?)")
TRAILING = ",;:–—- \t"


def split_utterances(text: str) -> list[str]:
    """The reply's complete thoughts, in order, as typed; [] when it has no letters."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut, resume in _cuts(text):
        pieces.append((start, cut))
        start = resume
    pieces.append((start, len(text)))
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # the start of leading pieces without letters
    for begin, end in pieces:
        if not text[begin:end].strip():
            continue
        if not _has_letters(text[begin:end]):
            if spans:
                spans[-1] = (spans[-1][0], end)
            elif pending is None:
                pending = begin
            continue
        spans.append((begin if pending is None else pending, end))
        pending = None
    return [
        text[begin:end].strip().rstrip(TRAILING).strip() or text[begin:end] for begin, end in spans
    ]


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _cuts(text: str) -> list[tuple[int, int]]:
    """(where a thought ends, where the next begins), in order."""
    cuts = [(m.start(), m.end()) for m in re.finditer("\n", text)]
    cuts += [(m.start(), m.end()) for m in SEMICOLON.finditer(text)]
    for match in SENTENCE_END.finditer(text):
        if _ends_thought(text, match):
            cuts.append((match.end(), match.end()))
    cuts += [(m.start(), m.end()) for m in CHECKING_TAG.finditer(text)]
    return sorted(set(cuts))


def _ends_thought(text: str, match: re.Match[str]) -> bool:
    mark = match.group(1)
    following = NEXT_CHARACTER.match(text, match.end())
    first = following.group(1) if following else ""  # it always matches, maybe empty
    capital_next = first.isupper() or first.isdigit()
    if "?" in mark or "!" in mark:
        return True
    if mark != ".":  # an ellipsis: "So... you're not sure" goes on
        return capital_next
    begins = max(text.rfind(space, 0, match.start()) for space in " \t\n") + 1
    word = text[begins : match.start()].lstrip(OPENING_QUOTES).lower()
    if word in ABBREVIATIONS or DOTTED.match(word):
        return capital_next and word in MAY_END
    return True


@dataclass(frozen=True)
class UtteranceCode:
    text: str
    main: str  # as ReplyCode.main
    subtype: str | None
    extras: tuple[str, ...]  # as ReplyCode.extras, after the volley's permission
    confidence: float
    low_confidence: bool

    @property
    def behaviour(self) -> str:
        """The one behaviour MITI counts this utterance as: a relational code (PRECEDENCE)
        or its main code."""
        for code in PRECEDENCE:
            if code in self.extras:
                if self.main == "question" and code in ("emphasising_autonomy", "affirmation"):
                    break
                return code
        return self.main

    @property
    def miti_code(self) -> str:
        """behaviour with the subtype where it has one: "reflection_complex", "affirmation"."""
        behaviour = self.behaviour
        if behaviour == self.main and self.subtype:
            return f"{self.main}_{self.subtype}"
        return behaviour

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "extras": list(self.extras)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "UtteranceCode":
        return cls(
            str(data["text"]),
            str(data["main"]),
            None if data["subtype"] is None else str(data["subtype"]),
            tuple(str(e) for e in data["extras"]),
            float(data["confidence"]),
            bool(data["low_confidence"]),
        )


@dataclass(frozen=True)
class CodedReply:
    reply: str  # as typed, stripped
    code: ReplyCode  # the reply as a whole: for the client's answer and the coach's note
    utterances: tuple[UtteranceCode, ...]


def code_utterances(
    reply: str, client_statement: str | None = None, *, page_language: str | None = None
) -> CodedReply:
    """Each complete thought of the reply coded; ReplyRejected as code_reply raises it.
    `page_language` is the conversation's ("en" or "nl", the persona's as the page shows
    it): a short reply is coded in it (language.reply_language)."""
    text, language, notes = checked_text(reply, page_language=page_language)
    parts = split_utterances(text) or [text]
    codes = [code_reply(part, client_statement, language=language) for part in parts]
    permitted = any(PERMISSION & set(code.extras) for code in codes)
    echoed = _sarcastic_echo(parts, client_statement or "")
    codes = [
        replace(code, extras=(*code.extras, "confronting"))
        if n in echoed and "confronting" not in code.extras
        else code
        for n, code in enumerate(codes)
    ]
    confronts = any("confronting" in code.extras for code in codes)
    utterances = tuple(
        UtteranceCode(
            part,
            code.main,
            code.subtype,
            _argued(
                part,
                tuple(
                    e
                    for e in code.extras
                    if not (permitted and e == "persuading_without_permission")
                ),
                code.main,
                confronts,
            ),
            code.confidence,
            code.low_confidence,
        )
        for part, code in zip(parts, codes, strict=True)
    )
    main, subtype = reply_lead(utterances)
    return CodedReply(
        text,
        ReplyCode(
            main,
            subtype,
            min(code.confidence for code in codes),
            counted_extras(utterances),
            language,
            codes[0].method,
            tuple(dict.fromkeys([*notes, *(n for code in codes for n in code.notes)])),
        ),
        utterances,
    )


ECHO_WORDS = 3  # "Messing around?", "Alleen geduwd?": the client's words thrown back
# A statement after an echo that takes the person's side is not a counter-argument.
VALIDATING = re.compile(
    r"^(?:it |that )?(?:sounds|seems|makes sense|must|i (?:can )?(?:see|hear|understand|get)|"
    r"of course|(?:dat )?klinkt|lijkt|(?:dat )?(?:snap|begrijp) ik|logisch|ik (?:hoor|zie))\b",
    re.IGNORECASE,
)


def _sarcastic_echo(parts: Sequence[str], client: str) -> set[int]:
    """The utterances of a sarcastic echo: a question of a few words, all the client's
    own, followed by a statement that contradicts it ("Messing around? You sent him to
    hospital.", "Alleen geduwd? Ze heeft een blauw oog."). MITI codes this as confronting:
    the echo questions the person's account and the statement argues against it. A
    statement that takes their side ("Scared? That makes sense.") or a real question after
    the echo ("Messing around? What happened?") is not one."""
    client_words = set(re.findall(r"[^\W\d_]+", client.lower()))
    for n, part in enumerate(parts[:-1]):
        words = re.findall(r"[^\W\d_]+", part.lower())
        following = parts[n + 1].strip()
        if (
            part.rstrip().endswith("?")
            and 0 < len(words) <= ECHO_WORDS
            and set(words) <= client_words
            and not following.endswith("?")
            and not VALIDATING.match(following)
        ):
            return {n, n + 1}
    return set()


# Words that make a statement about the person spoken to, in English and Dutch.
SECOND_PERSON = word_set("you you're you've you'd you'll your yours yourself je jij jou jouw u uw")


def _argued(text: str, extras: tuple[str, ...], main: str, confronts: bool) -> tuple[str, ...]:
    """In a reply that confronts, a statement the models read as a reflection but that is
    not about the person is the argument's evidence ("You're minimising this. She has a
    broken wrist."): it counts as confronting (issue 24). A reflection gives back the
    person's own experience, said to them ("So you want to stay in control."), and stays
    one."""
    words = set(re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower()))
    about_them = bool(words & SECOND_PERSON)
    if confronts and main == "reflection" and not about_them and not set(extras) & set(PRECEDENCE):
        return (*extras, "confronting")
    return extras


def reply_lead(utterances: Sequence[UtteranceCode]) -> tuple[str, str | None]:
    """The main code and subtype standing for the reply: its best plain code."""
    plain = [(u.main, u.subtype) for u in utterances if u.behaviour == u.main]
    for main, subtype in LEAD:
        for found in plain:
            if found[0] == main and (subtype is None or found[1] == subtype):
                return found
    return "other", None


def counted_extras(utterances: Sequence[UtteranceCode]) -> tuple[str, ...]:
    """The relational behaviours the utterances count as, in EXTRA_CODES order."""
    found = {u.behaviour for u in utterances}
    return tuple(code for code in EXTRA_CODES if code in found)
