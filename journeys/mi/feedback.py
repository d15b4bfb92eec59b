"""What the coach says about a coded reply: the code in words and a specific tip.
Sources: MITI 4.2.1 (code definitions), Miller & Rollnick (OARS, righting reflex)."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SOURCES = ("miti-4-2-1-coding-manual", "miller-rollnick-2013-mi", "rollnick-righting-reflex")

CODE_NAMES: dict[tuple[str, str | None], Any] = {
    ("question", "open"): gettext_lazy("Open question"),
    ("question", "closed"): gettext_lazy("Closed question"),
    ("reflection", "simple"): gettext_lazy("Simple reflection"),
    ("reflection", "complex"): gettext_lazy("Complex reflection"),
    ("therapist_input", "information"): gettext_lazy("Giving information"),
    ("therapist_input", "advice"): gettext_lazy("Advice"),
    ("therapist_input", "options"): gettext_lazy("Offering options"),
    ("therapist_input", "negotiation"): gettext_lazy("Agreeing a plan"),
    ("other", None): gettext_lazy("Other (no question, reflection or information)"),
}
EXTRA_NAMES = {
    "affirmation": gettext_lazy("Affirmation"),
    "emphasising_autonomy": gettext_lazy("Emphasising autonomy"),
    "seeking_collaboration": gettext_lazy("Seeking collaboration"),
    "persuading_without_permission": gettext_lazy("Advice without permission"),
    "confronting": gettext_lazy("Confronting"),
}
# MI-consistent codes are shown as strengths, the others as something to change.
NON_ADHERENT = {"persuading_without_permission", "confronting"}


@dataclass(frozen=True)
class Note:
    tone: str  # "good", "tip" or "warn"
    text: str


def code_name(main: str, subtype: str | None) -> str:
    return str(CODE_NAMES.get((main, subtype)) or CODE_NAMES.get((main, None)) or main)


def behaviour_name(main: str, subtype: str | None, behaviour: str) -> str:
    """The one code an utterance counts as (utterances.UtteranceCode.behaviour), in words."""
    if behaviour in EXTRA_NAMES:
        return str(EXTRA_NAMES[behaviour])
    return code_name(main, subtype)


def _code_note(main: str, subtype: str | None) -> Note:
    tips: dict[tuple[str, str | None], Note] = {
        ("question", "closed"): Note(
            "tip",
            _(
                "A closed question can be answered with yes or no, and gets short answers. "
                "How could you open it? Try starting with “what” or “how”."
            ),
        ),
        ("question", "open"): Note(
            "good",
            _(
                "An open question invites the person to tell their story. Follow their "
                "answer with a reflection rather than the next question."
            ),
        ),
        ("reflection", "simple"): Note(
            "good",
            _(
                "You gave back what they said: they feel heard. To go deeper, add meaning: "
                "a feeling, the next sentence of their paragraph, or both sides of their "
                "doubt."
            ),
        ),
        ("reflection", "complex"): Note(
            "good",
            _(
                "You added meaning to what they said. Complex reflections are what most "
                "often draw change talk."
            ),
        ),
        ("therapist_input", "information"): Note(
            "tip",
            _(
                "Information lands better when it was asked for. Ask first (“Would you like "
                "to know what we know about …?”) and afterwards ask what they make of it."
            ),
        ),
        ("therapist_input", "advice"): Note(
            "tip",
            _("Advice: keep it short, offer it as one option and leave the choice with them."),
        ),
        ("therapist_input", "options"): Note(
            "good",
            _("A menu of options keeps the choice with the person. Ask which fits them."),
        ),
        ("therapist_input", "negotiation"): Note(
            "tip",
            _("Agreeing a plan: check it is their plan, in their words, not yours."),
        ),
    }
    return tips.get(
        (main, subtype),
        Note(
            "tip",
            _(
                "This is not a question, reflection or information: a greeting, structuring "
                "or a short “mm-hmm”. Fine in a conversation; in practice, try a reflection."
            ),
        ),
    )


def _extra_note(code: str) -> Note:
    return {
        "affirmation": Note(
            "good", _("You named a strength or effort of theirs: that is an affirmation.")
        ),
        "emphasising_autonomy": Note(
            "good", _("You left the choice with them: emphasising autonomy.")
        ),
        "seeking_collaboration": Note(
            "good", _("You asked permission or invited their view: seeking collaboration.")
        ),
        "persuading_without_permission": Note(
            "warn",
            _(
                "Advice without permission (MI non-adherent): the “righting reflex”. People "
                "tend to argue back. Ask first: “Would it be OK if I shared what some people "
                "do?”, or evoke their own ideas: “What might work for you?”"
            ),
        ),
        "confronting": Note(
            "warn",
            _(
                "Confronting (MI non-adherent): arguing, labelling, blaming or doubting "
                "their honesty draws discord. Reflect their view instead, even when you "
                "disagree with it."
            ),
        ),
    }[code]


def notes_for(
    main: str, subtype: str | None, extras: tuple[str, ...], confidence: float, low_confidence: bool
) -> list[Note]:
    notes = [_extra_note(code) for code in extras if code in NON_ADHERENT]
    # "other" beside an affirmation etc. says nothing; a reply that confronts is never
    # praised as a reflection (issue 24: the green "you added meaning" under "Nee, jij
    # hebt haar geslagen").
    praised_reflection = main == "reflection" and "confronting" in extras
    if (main != "other" or not extras) and not praised_reflection:
        notes.append(_code_note(main, subtype))
    notes += [_extra_note(code) for code in extras if code not in NON_ADHERENT]
    if low_confidence:
        notes.append(
            Note(
                "tip",
                _(
                    "The coder is not sure about this one (%(percent)d%% confident): read the "
                    "code as a suggestion."
                )
                % {"percent": round(confidence * 100)},
            )
        )
    return notes
