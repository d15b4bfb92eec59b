"""The practice conversation's rules and the MITI summary, as plain data."""

import pytest

from journeys.mi.coder import ReplyCode
from journeys.mi.listening import listening_level
from journeys.mi.practice import (
    MAX_TURNS,
    Turn,
    finished,
    next_client_line,
    response_kind,
    summarise,
)


def code(main, subtype=None, extras=(), confidence=0.9):
    return ReplyCode(main, subtype, confidence, tuple(extras), "en", "model")


@pytest.mark.parametrize(
    ("reply_code", "kind"),
    [
        (code("reflection", "complex"), "change"),
        (code("reflection", "simple"), "change"),
        (code("question", "open"), "change"),
        (code("question", "closed"), "neutral"),
        (code("therapist_input", "information"), "neutral"),
        (code("therapist_input", "advice", ["persuading_without_permission"]), "sustain"),
        (code("other", None, ["confronting"]), "discord"),
        (code("question", "closed", ["confronting"]), "discord"),
        (code("other", None, ["affirmation"]), "change"),
        (code("other"), "neutral"),
    ],
)
def test_what_a_reply_draws(reply_code, kind):
    assert response_kind(reply_code) == kind


STATEMENTS = {
    "change": ["c0", "c1", "c2"],
    "neutral": ["n0", "n1"],
    "sustain": ["s0"],
    "discord": ["d0"],
}


def turn(kind, index):
    return Turn("reply", "question", "open", (), 0.9, False, kind, index)


def test_statements_are_walked_in_order_and_never_repeated():
    turns: list[Turn] = []
    for wanted in ["change", "neutral", "change", "discord", "discord", "neutral", "neutral"]:
        kind, index = next_client_line(STATEMENTS, turns, wanted)
        turns.append(turn(kind, index))
    assert [(t.client_kind, t.client_index) for t in turns] == [
        ("change", 0),
        ("neutral", 0),
        ("change", 1),
        ("discord", 0),
        ("neutral", 1),  # discord used up: neutral instead
        ("sustain", 0),  # neutral used up too: sustain
        ("closing", -1),  # nothing left
    ]
    assert finished(turns)


def test_the_conversation_closes_when_change_talk_runs_out():
    turns = [turn("change", i) for i in range(3)]
    assert next_client_line(STATEMENTS, turns, "change") == ("closing", -1)


def test_the_conversation_closes_after_max_turns():
    many = {k: [str(i) for i in range(50)] for k in STATEMENTS}
    turns = [turn("neutral", i) for i in range(MAX_TURNS - 1)]
    assert next_client_line(many, turns, "neutral") == ("closing", -1)


def test_summary_scores_against_miti_thresholds():
    turns = [
        Turn("a", "question", "open", (), 0.9, False, "change", 0),
        Turn("b", "question", "closed", (), 0.9, False, "neutral", 0),
        Turn("c", "reflection", "complex", ("affirmation",), 0.9, False, "change", 1),
        Turn("d", "reflection", "simple", (), 0.9, False, "change", 2),
        Turn("e", "reflection", "complex", (), 0.4, True, "change", 3),
        Turn(
            "f",
            "therapist_input",
            "advice",
            ("persuading_without_permission",),
            0.9,
            False,
            "sustain",
            0,
        ),
    ]
    summary = summarise(turns)
    scores = {s.key: s for s in summary.scores}
    # "c" is one utterance coded reflection with an affirmation in it: MITI gives an
    # utterance one code, and an affirmation counts as that, not as a reflection.
    assert (summary.simple_reflections, summary.complex_reflections) == (1, 1)
    assert scores["reflection_to_question"].value == pytest.approx(1.0)
    assert scores["reflection_to_question"].level == "fair"  # fair 1:1, good 2:1
    assert scores["percent_complex_reflections"].value == pytest.approx(50)
    assert scores["percent_complex_reflections"].level == "good"  # good from 50 %
    assert scores["percent_open_questions"].value == pytest.approx(50)
    assert scores["percent_open_questions"].level == "fair"
    assert (summary.adherent, summary.non_adherent) == (1, 1)


def test_no_questions_or_reflections_means_no_score():
    summary = summarise([Turn("hi", "other", None, (), 0.9, False, "neutral", 0)])
    assert all(s.value is None and s.level == "none" for s in summary.scores)


@pytest.mark.parametrize(
    ("reply", "reply_code", "level"),
    [
        (
            "You need to stop.",
            code("therapist_input", "advice", ["persuading_without_permission"]),
            1,
        ),
        ("Did you drink?", code("question", "closed"), 1),
        ("What happened then?", code("question", "open"), 2),
        ("You passed out, and don't worry, it'll be fine.", code("reflection", "simple"), 2),
        ("You passed out at a party.", code("reflection", "simple"), 3),
        ("Part of you wonders how safe this still is.", code("reflection", "complex"), 4),
        ("It scared you more than you let your friends see.", code("reflection", "complex"), 5),
    ],
)
def test_listening_levels(reply, reply_code, level):
    assert listening_level(reply, reply_code).level == level
