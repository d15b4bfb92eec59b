"""A word cloud: up to three words each; the room sees the most named words by size."""

import re
import unicodedata
from collections import Counter

from django.utils.translation import gettext_lazy as _

from journeys.workshops.activities.base import (
    ActionError,
    ActivityType,
    AnswerError,
    Config,
    Form,
    Tally,
    Value,
    register,
    text_config,
)

MAX_WORD = 30
MAX_WORDS = 3
SHOWN = 40


def normalise_word(word: str) -> str:
    word = unicodedata.normalize("NFKC", word).strip().lower()
    return re.sub(r"\s+", " ", word)


def read_answer(config: Config, form: Form) -> Value:
    words = [normalise_word(w) for w in form.get("word", []) if w.strip()][:MAX_WORDS]
    if not words:
        raise AnswerError(_("Write at least one word."))
    if any(len(word) > MAX_WORD for word in words):
        raise AnswerError(_("Keep each word under %(n)d characters.") % {"n": MAX_WORD})
    if not all(any(c.isalnum() for c in word) for word in words):
        raise AnswerError(_("Use letters or numbers."))
    return list(dict.fromkeys(words))


def tally(config: Config, values: list[Value]) -> Tally:
    """The most named words the trainer has not hidden, sized by count; the hidden ones
    apart, with their counts, for the control page's Show."""
    counts = Counter(word for value in values for word in value)
    hidden = set(config.get("hidden_words", []))
    top = [(w, n) for w, n in counts.most_common() if w not in hidden][:SHOWN]
    biggest = top[0][1] if top else 1
    words = [
        {"word": word, "count": count, "size": 1 + round(4 * count / biggest)}  # steps 1..5
        for word, count in sorted(top)
    ]
    hidden_words = [{"word": w, "count": counts[w]} for w in sorted(hidden) if counts[w]]
    return {
        "shape": "words",
        "respondents": len(values),
        "words": words,
        "hidden_words": hidden_words,
    }


def hide_word(config: Config, word: str, hidden: bool) -> Config:
    word = normalise_word(word)
    if not word or len(word) > MAX_WORD:
        raise ActionError(_("That is not one of the words."))
    words = set(config.get("hidden_words", []))
    words = words | {word} if hidden else words - {word}
    return {**config, "hidden_words": sorted(words)}


WORD_CLOUD = register(
    ActivityType(
        "word-cloud",
        _("Word cloud"),
        text_config,
        read_answer,
        tally,
        phones="up to three words",
        room="the 40 most named words, sized by count, with counts; the trainer can hide a word",
        hide_word=hide_word,
        control_template="workshops/activities/word-cloud/control.html",
    )
)
