"""Activity types of a live workshop, in one registry: how a trainer's form or a
training's exercise becomes an activity, how a participant's answer is read, and how
answers add up to what the room sees. Plain data in and out; no database here.

Texts are stored per language ({"en": ..., "nl": ...}): from exercises as written, from
a trainer's form the same text under both keys.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from journeys.core.numbers import whole_number

Config = dict[str, Any]
Value = Any  # a stored answer: plain JSON
Tally = dict[str, Any]
Form = Mapping[str, Sequence[str]]  # request.POST as lists

MAX_OPTIONS = 8
MAX_TEXT = 280  # characters in an open answer or question
MAX_WORD = 30
MAX_WORDS = 3
SCALE_POINTS = 5


class ConfigError(Exception):
    """The trainer's activity form does not make an activity; the message says why."""


class AnswerError(Exception):
    """A posted answer does not fit the activity: the view answers 400, stores nothing."""


@dataclass(frozen=True)
class ActivityType:
    name: str
    label: Promise
    read_config: Callable[[Mapping[str, str]], Config]
    read_answer: Callable[[Config, Form], Value]
    tally: Callable[[Config, list[Value]], Tally]
    # For quizzes: whether an answer is right (None: nothing is right or wrong).
    is_correct: Callable[[Config, Value], bool] | None = None
    moderated: bool = False  # answers wait for the trainer before the room sees them
    prompt_field: str = "prompt"


def both(text: str) -> dict[str, str]:
    return {"en": text, "nl": text}


def _one(form: Form, name: str) -> str:
    values = form.get(name, [])
    if len(values) != 1:
        raise AnswerError(_("Choose one answer."))
    return values[0]


def _prompt(fields: Mapping[str, str], name: str = "prompt") -> dict[str, str]:
    text = " ".join(fields.get(name, "").split())
    if not text:
        raise ConfigError(_("Write the question or statement."))
    if len(text) > 500:
        raise ConfigError(_("Keep the question under 500 characters."))
    return both(text)


def _options(fields: Mapping[str, str], marked: bool = False) -> tuple[list[dict[str, Any]], str]:
    """Options from a textarea, one per line; with `marked`, a leading * marks the right one."""
    lines = [line.strip() for line in fields.get("options", "").splitlines() if line.strip()]
    if not 2 <= len(lines) <= MAX_OPTIONS:
        raise ConfigError(_("Give 2 to 8 options, one per line."))
    options, correct = [], ""
    for i, line in enumerate(lines):
        key = chr(ord("a") + i)
        if marked and line.startswith("*"):
            line = line.lstrip("* ").strip()
            correct = correct or key
        options.append({"key": key, "text": both(line[:200])})
    if marked and not correct:
        raise ConfigError(_("Mark the right answer with a * at the start of its line."))
    return options, correct


def _bars(
    options: list[dict[str, Any]], counts: Counter[str], respondents: int, right: str = ""
) -> Tally:
    return {
        "shape": "bars",
        "respondents": respondents,
        "bars": [
            {
                "key": option["key"],
                "text": option["text"],
                "count": counts[option["key"]],
                "percent": round(100 * counts[option["key"]] / respondents) if respondents else 0,
                "correct": option["key"] == right if right else None,
            }
            for option in options
        ],
    }


# ---------------------------------------------------------------- poll and quiz


def poll_config(fields: Mapping[str, str]) -> Config:
    options, _right = _options(fields)
    return {"prompt": _prompt(fields), "options": options, "multiple": bool(fields.get("multiple"))}


def poll_answer(config: Config, form: Form) -> Value:
    keys = {option["key"] for option in config["options"]}
    chosen = list(dict.fromkeys(form.get("option", [])))
    if not chosen or (not config.get("multiple") and len(chosen) != 1):
        raise AnswerError(
            _("Choose one answer.")
            if not config.get("multiple")
            else _("Choose at least one answer.")
        )
    if not set(chosen) <= keys:
        raise AnswerError(_("That is not one of the options."))
    return sorted(chosen)


def poll_tally(config: Config, values: list[Value]) -> Tally:
    counts = Counter(key for value in values for key in value)
    return _bars(config["options"], counts, len(values))


def quiz_config(fields: Mapping[str, str]) -> Config:
    options, right = _options(fields, marked=True)
    return {"prompt": _prompt(fields), "options": options, "correct": right}


def quiz_answer(config: Config, form: Form) -> Value:
    chosen = _one(form, "option")
    if chosen not in {option["key"] for option in config["options"]}:
        raise AnswerError(_("That is not one of the options."))
    return chosen


def quiz_tally(config: Config, values: list[Value]) -> Tally:
    return _bars(config["options"], Counter(values), len(values), config["correct"])


# ---------------------------------------------------------------- fact or fiction

VERDICTS = [
    {"key": "fact", "text": {"en": "Fact", "nl": "Feit"}},
    {"key": "fiction", "text": {"en": "Fiction", "nl": "Fabel"}},
]


def fact_config(fields: Mapping[str, str]) -> Config:
    verdict = fields.get("verdict", "")
    if verdict not in ("fact", "fiction"):
        raise ConfigError(_("Say whether the statement is a fact or fiction."))
    explanation = " ".join(fields.get("explanation", "").split())[:500]
    return {
        "prompt": _prompt(fields),
        "correct": verdict,
        "explanation": both(explanation) if explanation else None,
        "sources": [],
    }


def fact_answer(config: Config, form: Form) -> Value:
    verdict = _one(form, "option")
    if verdict not in ("fact", "fiction"):
        raise AnswerError(_("Answer fact or fiction."))
    return verdict


def fact_tally(config: Config, values: list[Value]) -> Tally:
    return _bars(VERDICTS, Counter(values), len(values), config["correct"])


# ---------------------------------------------------------------- scale


def scale_config(fields: Mapping[str, str]) -> Config:
    low = " ".join(fields.get("low", "").split())[:60] or "Strongly disagree"
    high = " ".join(fields.get("high", "").split())[:60] or "Strongly agree"
    return {"prompt": _prompt(fields), "low": both(low), "high": both(high)}


def scale_answer(config: Config, form: Form) -> Value:
    point = _one(form, "point")
    if point not in {str(n) for n in range(1, SCALE_POINTS + 1)}:
        raise AnswerError(_("Choose a point from 1 to 5."))
    return int(point)


def scale_tally(config: Config, values: list[Value]) -> Tally:
    options = [{"key": str(n), "text": both(str(n))} for n in range(1, SCALE_POINTS + 1)]
    tally = _bars(options, Counter(str(v) for v in values), len(values))
    tally["mean"] = round(sum(values) / len(values), 1) if values else None
    return tally


# ---------------------------------------------------------------- ranking


def ranking_config(fields: Mapping[str, str]) -> Config:
    options, _right = _options(fields)
    return {"prompt": _prompt(fields), "options": options}


def ranking_answer(config: Config, form: Form) -> Value:
    """Positions posted per item (`rank-a=2`): every item once, places 1..n."""
    keys = [option["key"] for option in config["options"]]
    places: dict[str, int] = {}
    for key in keys:
        place = whole_number(_one(form, f"rank-{key}"), 1, len(keys))
        if place is None or place in places.values():  # n different places of 1..n
            message = _("Give every item its own place, from 1 to %(n)d.")
            raise AnswerError(message % {"n": len(keys)})
        places[key] = place
    return sorted(keys, key=places.__getitem__)


def ranking_tally(config: Config, values: list[Value]) -> Tally:
    n = len(config["options"])
    totals: Counter[str] = Counter()
    for order in values:
        for place, key in enumerate(order, start=1):
            totals[key] += place
    items = [
        {
            "key": option["key"],
            "text": option["text"],
            "average": round(totals[option["key"]] / len(values), 1) if values else None,
            # Share of the bar: first place for everyone is 100%.
            "percent": round(100 * (n + 1 - totals[option["key"]] / len(values)) / n)
            if values
            else 0,
        }
        for option in config["options"]
    ]
    items.sort(key=lambda item: (item["average"] is None, item["average"] or 0))
    return {"shape": "ranking", "respondents": len(values), "items": items}


# ---------------------------------------------------------------- words and texts


def text_config(fields: Mapping[str, str]) -> Config:
    return {"prompt": _prompt(fields)}


def normalise_word(word: str) -> str:
    word = unicodedata.normalize("NFKC", word).strip().lower()
    return re.sub(r"\s+", " ", word)


def words_answer(config: Config, form: Form) -> Value:
    words = [normalise_word(w) for w in form.get("word", []) if w.strip()][:MAX_WORDS]
    if not words:
        raise AnswerError(_("Write at least one word."))
    if any(len(word) > MAX_WORD for word in words):
        raise AnswerError(_("Keep each word under %(n)d characters.") % {"n": MAX_WORD})
    if not all(any(c.isalnum() for c in word) for word in words):
        raise AnswerError(_("Use letters or numbers."))
    return list(dict.fromkeys(words))


def words_tally(config: Config, values: list[Value]) -> Tally:
    counts = Counter(word for value in values for word in value)
    top = counts.most_common(40)
    biggest = top[0][1] if top else 1
    words = [
        {"word": word, "count": count, "size": 1 + round(4 * count / biggest)}  # steps 1..5
        for word, count in sorted(top)
    ]
    return {"shape": "words", "respondents": len(values), "words": words}


def text_answer(config: Config, form: Form) -> Value:
    text = " ".join(_one(form, "text").split())
    if not text:
        raise AnswerError(_("Write something first."))
    if len(text) > MAX_TEXT:
        raise AnswerError(_("Keep it under %(n)d characters.") % {"n": MAX_TEXT})
    return text


def texts_tally(config: Config, values: list[Value]) -> Tally:
    """Open answers: the view passes only answers the trainer chose to show."""
    return {"shape": "texts", "respondents": len(values), "texts": values}


# ---------------------------------------------------------------- scenario


def scenario_answer(config: Config, form: Form) -> Value:
    """A vote at the step the room is on; the view checks it is one of that step's."""
    return {"step": _one(form, "step"), "choice": _one(form, "option")}


def scenario_tally(config: Config, values: list[Value]) -> Tally:
    return {
        "shape": "scenario",
        "respondents": len(values),
        "votes": Counter(v["choice"] for v in values),
    }


def _not_typed(fields: Mapping[str, str]) -> Config:
    raise ConfigError(_("Add a scenario from the training's exercises."))


# ---------------------------------------------------------------- questionnaire
# The pre/post questionnaire of journeys.assessments: phones open it as a page of its own
# (config: the measurement's token and the phase); the room sees how many handed it in.


def _questionnaire_config(fields: Mapping[str, str]) -> Config:
    raise ConfigError(_("Add the questionnaires with their own buttons."))


def _questionnaire_answer(config: Config, form: Form) -> Value:
    raise AnswerError(_("Answer the questionnaire on its own page."))


def questionnaire_tally(config: Config, values: list[Value]) -> Tally:
    """`values`: one per response handed in (the view counts the assessments' responses)."""
    return {"shape": "count", "respondents": len(values)}


ACTIVITY_TYPES: dict[str, ActivityType] = {
    t.name: t
    for t in [
        ActivityType("poll", _("Poll"), poll_config, poll_answer, poll_tally),
        ActivityType(
            "quiz",
            _("Quiz question"),
            quiz_config,
            quiz_answer,
            quiz_tally,
            is_correct=lambda config, value: value == config["correct"],
        ),
        ActivityType(
            "fact-or-fiction",
            _("Fact or fiction"),
            fact_config,
            fact_answer,
            fact_tally,
            is_correct=lambda config, value: value == config["correct"],
        ),
        ActivityType("scale", _("Agreement scale"), scale_config, scale_answer, scale_tally),
        ActivityType("ranking", _("Ranking"), ranking_config, ranking_answer, ranking_tally),
        ActivityType("word-cloud", _("Word cloud"), text_config, words_answer, words_tally),
        ActivityType(
            "open-question",
            _("Open question"),
            text_config,
            text_answer,
            texts_tally,
            moderated=True,
        ),
        ActivityType(
            "question-box",
            _("Question box for the trainer"),
            text_config,
            text_answer,
            texts_tally,
            moderated=True,
        ),
        ActivityType(
            "scenario",
            _("Scenario, voted by the room"),
            _not_typed,
            scenario_answer,
            scenario_tally,
        ),
        ActivityType(
            "questionnaire",
            _("Pre/post questionnaire"),
            _questionnaire_config,
            _questionnaire_answer,
            questionnaire_tally,
        ),
    ]
}
