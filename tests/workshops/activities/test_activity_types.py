"""Each activity type on its own: its config from the trainer's form, its answers (and
what bad input gets), its tally. Plain data; the types that read the database for their
tally (scenario, questionnaire) are played through the HTTP client in test_workshop_flow."""

from typing import Any

import pytest
from django.utils import translation

from journeys.workshops.activities import AnswerError, ConfigError, activity_types, get_type


def config(kind: str, **fields: str) -> dict[str, Any]:
    return get_type(kind).read_config(fields)


def answer(kind: str, cfg: dict[str, Any], **form: Any) -> Any:
    posted = {key: value if isinstance(value, list) else [value] for key, value in form.items()}
    return get_type(kind).read_answer(cfg, posted)


def refused(kind: str, cfg: dict[str, Any], **form: Any) -> str:
    """The message a phone gets, in English."""
    with translation.override("en"):
        with pytest.raises(AnswerError) as caught:
            answer(kind, cfg, **form)
        return str(caught.value)


def test_every_type_has_its_templates_and_words_for_the_docs():
    from django.template.loader import get_template

    for name, kind in activity_types().items():
        get_template(kind.answer_template)
        get_template(kind.results_template)
        assert str(kind.phones) and str(kind.room), name


def test_poll():
    cfg = config("poll", prompt="  Where   do you work? ", options="Street\n\nStation\n")
    assert cfg["prompt"] == {"en": "Where do you work?", "nl": "Where do you work?"}
    assert [o["key"] for o in cfg["options"]] == ["a", "b"] and cfg["multiple"] is False
    assert answer("poll", cfg, option="b") == ["b"]
    assert refused("poll", cfg, option=["a", "b"]) == "Choose one answer."
    assert refused("poll", cfg, option="z") == "That is not one of the options."
    several = config("poll", prompt="Which?", options="x\ny\nz", multiple="1")
    assert answer("poll", several, option=["c", "a", "a"]) == ["a", "c"]
    assert refused("poll", several) == "Choose at least one answer."
    tally = get_type("poll").tally(several, [["a"], ["a", "c"]])
    assert [(b["count"], b["percent"]) for b in tally["bars"]] == [(2, 100), (0, 0), (1, 50)]
    with pytest.raises(ConfigError):
        config("poll", prompt="Only one", options="x")
    with pytest.raises(ConfigError):
        config("poll", prompt="", options="x\ny")


def test_quiz_marks_the_right_answer():
    with pytest.raises(ConfigError):
        config("quiz", prompt="Antidote?", options="Naloxone\nNone")
    cfg = config("quiz", prompt="Antidote?", options="Naloxone\n* There is none")
    assert cfg["correct"] == "b" and cfg["options"][1]["text"]["en"] == "There is none"
    assert answer("quiz", cfg, option="b") == "b"
    assert refused("quiz", cfg, option="c") == "That is not one of the options."
    is_correct = get_type("quiz").is_correct
    assert is_correct is not None and is_correct(cfg, "b") and not is_correct(cfg, "a")
    bars = get_type("quiz").tally(cfg, ["b", "b", "a"])["bars"]
    assert [(b["count"], b["correct"]) for b in bars] == [(1, False), (2, True)]


def test_fact_or_fiction():
    with pytest.raises(ConfigError):
        config("fact-or-fiction", prompt="Naloxone works on GHB.")
    cfg = config("fact-or-fiction", prompt="Naloxone works on GHB.", verdict="fiction")
    assert cfg["explanation"] is None
    assert answer("fact-or-fiction", cfg, option="fact") == "fact"
    assert refused("fact-or-fiction", cfg, option="maybe") == "Answer fact or fiction."
    bars = get_type("fact-or-fiction").tally(cfg, ["fiction"])["bars"]
    assert [(b["key"], b["correct"]) for b in bars] == [("fact", False), ("fiction", True)]


def test_scale():
    cfg = config("scale", prompt="Fits police work.")
    assert cfg["low"]["en"] == "Strongly disagree"
    assert answer("scale", cfg, point="4") == 4
    for bad in ("0", "6", "٣", "\uff14", "4.0"):
        assert refused("scale", cfg, point=bad) == "Choose a point from 1 to 5."
    tally = get_type("scale").tally(cfg, [4, 5, 5])
    assert tally["mean"] == 4.7 and tally["respondents"] == 3
    assert get_type("scale").tally(cfg, [])["mean"] is None


def test_ranking():
    cfg = config("ranking", prompt="Order", options="x\ny\nz")
    assert answer("ranking", cfg, **{"rank-a": "2", "rank-b": "1", "rank-c": "3"}) == [
        "b",
        "a",
        "c",
    ]
    twice = refused("ranking", cfg, **{"rank-a": "1", "rank-b": "1", "rank-c": "3"})
    assert twice == "Give every item its own place, from 1 to 3."
    assert refused("ranking", cfg, **{"rank-a": "²", "rank-b": "1", "rank-c": "3"}) == twice
    items = get_type("ranking").tally(cfg, [["b", "a", "c"], ["b", "c", "a"]])["items"]
    assert [(i["key"], i["average"], i["percent"]) for i in items] == [
        ("b", 1.0, 100),
        ("a", 2.5, 50),
        ("c", 2.5, 50),
    ]


def test_word_cloud():
    cfg = config("word-cloud", prompt="One word")
    assert answer(
        "word-cloud", cfg, word=["Care ", "care", "\uff34\uff32\uff35\uff33\uff34", ""]
    ) == ["care", "trust"]
    assert refused("word-cloud", cfg, word=["  "]) == "Write at least one word."
    assert refused("word-cloud", cfg, word=["x" * 31]) == "Keep each word under 30 characters."
    assert refused("word-cloud", cfg, word=["!!!"]) == "Use letters or numbers."
    words = get_type("word-cloud").tally(cfg, [["care"], ["care", "trust"]])["words"]
    assert words == [
        {"word": "care", "count": 2, "size": 5},
        {"word": "trust", "count": 1, "size": 3},
    ]


@pytest.mark.parametrize("kind", ["open-question", "question-box"])
def test_open_texts_are_moderated(kind):
    cfg = config(kind, prompt="What helps?")
    assert get_type(kind).moderated
    assert answer(kind, cfg, text="  Time  to talk ") == "Time to talk"
    assert refused(kind, cfg, text="   ") == "Write something first."
    assert refused(kind, cfg, text="x" * 281) == "Keep it under 280 characters."
    assert refused(kind, cfg, text=["a", "b"]) == "Choose one answer."
    assert get_type(kind).tally(cfg, ["shown"])["texts"] == ["shown"]


def test_scenario_and_questionnaire_are_not_on_the_form():
    for kind in ("scenario", "questionnaire"):
        assert not get_type(kind).offered_on_form
        with pytest.raises(ConfigError):
            config(kind, prompt="x")
    assert refused("questionnaire", {}) == "Answer the questionnaire on its own page."
    assert answer("scenario", {}, step="s1", option="c2") == {"step": "s1", "choice": "c2"}
    assert refused("scenario", {}, step="s1") == "Choose one answer."
    assert get_type("scenario").action("follow") is not None
    assert all(get_type(k).action("follow") is None for k in activity_types() if k != "scenario")
    tally = get_type("scenario").tally({}, [{"step": "s1", "choice": "c2"}] * 2)
    assert tally["votes"] == {"c2": 2}
    assert get_type("questionnaire").tally({}, [None] * 3) == {"shape": "count", "respondents": 3}
