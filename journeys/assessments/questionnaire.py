"""What each phase asks and how posted answers are read. Plain data in and out.

- before (pre):      a knowledge form, the attitude questionnaire, licensed scales
- after (post):      the other knowledge form, the attitude questionnaire, licensed scales,
                     the reaction form
- follow-up:         what people have done since, the attitude questionnaire, licensed scales

Who gets form A first is decided by their pairing key, half and half: the same person
always gets the other form afterwards, so nobody answers the same items twice and
the forms' difficulty evens out over a group.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from journeys.core.numbers import whole_number

Definition = dict[str, Any]  # an Instrument's definition (content/assessments/<training>.yaml)
Answers = dict[str, Any]

PRE, POST, FOLLOW_UP = "pre", "post", "follow-up"
PHASES = (PRE, POST, FOLLOW_UP)
DONT_KNOW = "dont-know"
MAX_TEXT = 1000
AGREE = [
    _("Strongly disagree"),
    _("Disagree"),
    _("Neither agree nor disagree"),
    _("Agree"),
    _("Strongly agree"),
]
RATING = [_("Not at all"), _("A little"), _("Somewhat"), _("Quite"), _("Very much")]
OFTEN = [_("Never"), _("Once or twice"), _("Sometimes"), _("Often"), _("Very often")]


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # "choice", "points" or "text"
    text: dict[str, str]
    options: list[dict[str, Any]] = field(default_factory=list)  # choice: value and text
    points: list[Any] = field(default_factory=list)  # points: the label of each point
    low: int = 1


@dataclass(frozen=True)
class Section:
    name: str  # knowledge, attitude, reaction, follow-up, scale:<slug>
    title: Promise | str
    intro: Promise | str
    questions: list[Question]


def knowledge_form(first_form: str, phase: str) -> str:
    """The form to answer in this phase: the code decides the first (pairing.py), and
    after the training it is the other one."""
    if phase == FOLLOW_UP:
        return ""
    return first_form if phase == PRE else {"a": "b", "b": "a"}[first_form]


def _knowledge(definition: Definition, form: str) -> Section:
    questions = [
        Question(
            item["id"],
            "choice",
            item["question"],
            options=[
                {"value": str(i), "text": {k: v for k, v in option.items() if k in ("en", "nl")}}
                for i, option in enumerate(item["options"])
            ]
            + [{"value": DONT_KNOW, "text": {"en": "I don't know", "nl": "Weet ik niet"}}],
        )
        for item in definition["knowledge"][f"form_{form}"]
    ]
    return Section(
        "knowledge",
        _("What do you know?"),
        _(
            "Choose one answer per question. If you don't know, say so: "
            "guessing makes the result less clear."
        ),
        questions,
    )


def _attitude(definition: Definition) -> Section:
    return Section(
        "attitude",
        _("What do you think?"),
        _("How much do you agree? There are no right or wrong answers."),
        [
            Question(item["id"], "points", item["text"], points=AGREE)
            for item in definition["attitude"]["items"]
        ],
    )


def _scale(scale: Mapping[str, Any]) -> Section:
    low, high = scale["points"]
    labels = [str(n) for n in range(low, high + 1)]
    labels[0] = f"{low} {scale['low_label']}"
    labels[-1] = f"{high} {scale['high_label']}"
    return Section(
        f"scale:{scale['slug']}",
        scale["name"],
        _("How much do you agree?"),
        [
            Question(f"{scale['slug']}-{n}", "points", {"en": item["text"]}, points=labels, low=low)
            for n, item in enumerate(scale["items"], start=1)
        ],
    )


def sections(
    definition: Definition, phase: str, form: str, scales: Sequence[Mapping[str, Any]] = ()
) -> list[Section]:
    """The questionnaire for a phase, in the order it is shown."""
    parts = []
    if phase == FOLLOW_UP:
        parts.append(
            Section(
                "follow-up",
                _("Since the training"),
                _("Think of the time since the training: how often did you do this?"),
                [
                    Question(item["id"], "points", item["text"], points=OFTEN)
                    for item in definition["follow_up"]
                ],
            )
        )
    else:
        parts.append(_knowledge(definition, form))
    parts.append(_attitude(definition))
    parts.extend(_scale(scale) for scale in scales)
    if phase == POST:
        parts.append(
            Section(
                "reaction",
                _("About the training"),
                _("Your view helps the trainer improve the training."),
                [
                    Question(
                        item["id"],
                        item["kind"] if item["kind"] == "text" else "points",
                        item["text"],
                        points=RATING if item["kind"] == "rating" else [],
                    )
                    for item in definition["reaction"]
                ],
            )
        )
    return parts


def questions(parts: Sequence[Section]) -> list[Question]:
    return [question for section in parts for question in section.questions]


def read_answer(question: Question, raw: str) -> Any:
    """One posted answer as stored, or ValueError saying what fits. '' is unanswered (None)."""
    raw = raw.strip()
    if not raw:
        return None
    if question.kind == "choice":
        if raw not in {option["value"] for option in question.options}:
            raise ValueError(_("Choose one of the options."))
        return raw if raw == DONT_KNOW else int(raw)
    if question.kind == "points":
        high = question.low + len(question.points) - 1
        value = whole_number(raw, question.low, high)
        if value is None:
            raise ValueError(
                _("Answer with a number from %(low)d to %(high)d.")
                % {"low": question.low, "high": high}
            )
        return value
    if len(raw) > MAX_TEXT:
        raise ValueError(_("Keep it under %(n)d characters.") % {"n": MAX_TEXT})
    return " ".join(raw.split())


def read_answers(
    parts: Sequence[Section], posted: Mapping[str, str]
) -> tuple[Answers, list[str], dict[str, str]]:
    """(answers, ids left unanswered, errors by id). Unknown fields are ignored."""
    answers: Answers = {}
    unanswered, errors = [], {}
    for question in questions(parts):
        try:
            value = read_answer(question, posted.get(question.id, ""))
        except ValueError as problem:
            errors[question.id] = str(problem)
            continue
        if value is None:
            unanswered.append(question.id)
        else:
            answers[question.id] = value
    return answers, unanswered, errors
